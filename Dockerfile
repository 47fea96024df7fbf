# The SyncMatch image: `syncmatch api` by default; run `syncmatch worker` from the same image.
# A build stage compiles the engine and the readers with mypyc (SYNCMATCH_COMPILE=1, docs/performance.md); the image
# gets the wheel only, without the compiler. `--build-arg SYNCMATCH_COMPILE=0` builds the pure-Python ones instead.
FROM python:3.11-slim AS wheel

ARG SYNCMATCH_COMPILE=1
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN if [ "$SYNCMATCH_COMPILE" = 1 ]; then \
      apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*; \
    fi
COPY . /src
RUN SYNCMATCH_COMPILE=$SYNCMATCH_COMPILE pip wheel --no-deps --wheel-dir /wheels /src

FROM python:3.11-slim

ARG SYNCMATCH_COMPILE=1
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SYNCMATCH_HOST=0.0.0.0 \
    SYNCMATCH_PORT=8000 \
    SYNCMATCH_DATA_DIR=/var/lib/syncmatch

RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/syncmatch --create-home syncmatch

COPY --from=wheel /wheels /wheels
# The check fails the build if a compiled engine was asked for and the wheel holds the Python one.
RUN pip install /wheels/*.whl && rm -rf /wheels \
    && syncmatch --version \
    && { [ "$SYNCMATCH_COMPILE" != 1 ] || syncmatch --version | grep -q "engine: compiled"; }

USER syncmatch
WORKDIR /var/lib/syncmatch
EXPOSE 8000
CMD ["syncmatch", "api"]
