# The SyncMatch image: `syncmatch api` by default; run `syncmatch worker` from the same image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SYNCMATCH_HOST=0.0.0.0 \
    SYNCMATCH_PORT=8000 \
    SYNCMATCH_DATA_DIR=/var/lib/syncmatch

RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/syncmatch --create-home syncmatch

COPY . /src
RUN pip install /src && rm -rf /src

USER syncmatch
WORKDIR /var/lib/syncmatch
EXPOSE 8000
CMD ["syncmatch", "api"]
