"""Latency of the API's read paths under load: wrk against a finished job served by `syncmatch up`.

    python bench/latency.py [--size 10k] [--rates 200,max] [--duration 10] [--threads 2] [--connections 4]

Starts `syncmatch up` on a free port (its own embedded Redis, SYNCMATCH_RATE_LIMIT=off), uploads the
generated directory bench/data/SIZE (generated first if missing), runs a job on it and waits for it, then
runs wrk against the status poll and several results pages, once per rate: a number paces each wrk thread
to that many requests a second in total (wrk's Lua `delay`), `max` sends as fast as wrk's connections allow.
Prints one row per request and rate: requests/s reached, p50 and p99 latency (from when wrk sent each request:
wrk does not correct for coordinated omission), and answers of status 400 or more. The service is stopped and
its data removed at the end, after an error or Ctrl-C too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import orjson
from run import Service, ServiceSkipped, ensure_data, log, machine, paths

WRK = shutil.which("wrk") or "/usr/bin/wrk"
JOB_TIMEOUT = 600.0
POLL = 0.2
PAGE_SIZES = (100, 20)
WARM_UP = 20  # requests per target before measuring, so that no API process answers its first one under wrk
RESULT_LINE = re.compile(r"^syncmatch-latency (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", re.MULTILINE)

# Paces each wrk thread to one request every INTERVAL ms (0: no pacing); prints the figures on one line.
WRK_SCRIPT = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")
local interval = INTERVAL
local next_at = nil

local function now_ms()
  ffi.C.clock_gettime(1, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

HEADERS

function delay()
  if interval <= 0 then return 0 end
  local now = now_ms()
  next_at = math.max((next_at or now) + interval, now)
  return next_at - now
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("syncmatch-latency %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Figures:
    """What one wrk run measured."""

    label: str
    rate: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    http_errors: int
    socket_errors: int


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="generated directory under bench/data (default 10k)")
    parser.add_argument("--seed", type=int, default=6, help="generator seed (default 6)")
    parser.add_argument("--rates", default="200,max", help="comma-separated requests/s, or max (default 200,max)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--api-key", default=os.environ.get("SYNCMATCH_API_KEY"), help="bearer key, if keys are set")
    return parser.parse_args(argv)


def handle_signals() -> None:
    """Ctrl-C raises KeyboardInterrupt even if started with SIGINT ignored; SIGTERM exits; both stop the service."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def upload(service: Service, kind: str, path: Path) -> str:
    """POST one snapshot file; its id."""
    with open(path, "rb") as handle:
        status, _, answer = service.call("POST", f"/v1/snapshots?kind={kind}", handle, {
            "Content-Type": "application/json", "Content-Length": str(path.stat().st_size)})
    if status != 201:
        raise ServiceSkipped(f"POST /v1/snapshots?kind={kind} answered {status}: {answer[:300]!r}")
    return orjson.loads(answer)["id"]


def submit(service: Service, directory: Path) -> str:
    """Upload both snapshots of a generated directory and start a job on them; the job id."""
    onprem, cloud, settings = paths(directory)
    body = orjson.dumps({"onpremSnapshot": upload(service, "onprem", onprem),
                         "cloudSnapshot": upload(service, "cloud", cloud),
                         "settings": orjson.loads(settings.read_bytes())})
    status, _, answer = service.call("POST", "/v1/jobs", body, {"Content-Type": "application/json"})
    if status != 202:
        raise ServiceSkipped(f"POST /v1/jobs answered {status}: {answer[:300]!r}")
    return orjson.loads(answer)["id"]


def wait_finished(service: Service, job: str) -> dict:
    """Poll the job until it is finished; its view."""
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        status, _, answer = service.call("GET", f"/v1/jobs/{job}")
        view = orjson.loads(answer) if status == 200 else {"status": f"HTTP {status}"}
        if view["status"] == "finished":
            return view
        if view["status"] not in ("queued", "running"):
            raise ServiceSkipped(f"job {job} ended {view['status']}: {view.get('error')}")
        time.sleep(POLL)
    raise ServiceSkipped(f"job {job} did not finish within {JOB_TIMEOUT:.0f}s")


def rare_code(summary: dict) -> tuple[str, int]:
    """The error code with the fewest results (ties: the first by name), and its count."""
    errors = summary.get("errors") or {}
    if not errors:
        raise ServiceSkipped("the report has no error code to filter on")
    return min(errors.items(), key=lambda item: (item[1], item[0]))


def targets(job: str, summary: dict) -> list[tuple[str, str]]:
    """(label, path) of every request to measure."""
    code, count = rare_code(summary)
    results = f"/v1/jobs/{job}/results"
    return [("GET /v1/jobs/{id} (status poll)", f"/v1/jobs/{job}"),
            *((f"results?limit={size}", f"{results}?limit={size}") for size in PAGE_SIZES),
            (f"results?limit=100&outcome=error ({summary['outcomes'].get('error', 0)})",
             f"{results}?limit=100&outcome=error"),
            (f"results?limit=100&errorCode={code} ({count})", f"{results}?limit=100&errorCode={code}"),
            (f"results?limit=100&outcome=error&errorCode={code}",
             f"{results}?limit=100&outcome=error&errorCode={code}")]


def lua_script(rate: str, threads: int, headers: dict[str, str]) -> str:
    """The wrk script for one rate (`max`: no pacing)."""
    interval = 0.0 if rate == "max" else 1000.0 * threads / float(rate)
    lines = "\n".join(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}" for name, value in headers.items())
    return WRK_SCRIPT.replace("INTERVAL", repr(interval)).replace("HEADERS", lines)


def run_wrk(url: str, script: Path, args: argparse.Namespace) -> tuple[int, float, float, float, int, int]:
    """One wrk run: (requests, seconds, p50 ms, p99 ms, answers of status 400 or more, socket errors)."""
    command = [WRK, "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
               "--timeout", "5s", "--latency", "-s", str(script), url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = RESULT_LINE.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"wrk exited {done.returncode}: {done.stdout[-500:]} {done.stderr[-500:]}")
    requests, micros, p50, p99, status, sockets = (int(value) for value in found.groups())
    return requests, micros / 1e6, p50 / 1000, p99 / 1000, status, sockets


def warm_up(service: Service, requests: list[tuple[str, str]]) -> None:
    """Send each request a few times first; fail if one does not answer 200."""
    for label, path in requests:
        for _ in range(WARM_UP):
            status = service.call("GET", path)[0]
            if status != 200:
                raise ServiceSkipped(f"{label} answered {status}")


def measure(service: Service, requests: list[tuple[str, str]], args: argparse.Namespace,
            workdir: Path) -> list[Figures]:
    """Every request at every rate."""
    warm_up(service, requests)
    figures = []
    for rate in [part.strip() for part in args.rates.split(",") if part.strip()]:
        script = workdir / f"pace-{rate}.lua"
        script.write_text(lua_script(rate, args.threads, service.headers))
        for label, path in requests:
            log(f"wrk {label} at {rate} requests/s")
            count, seconds, p50, p99, status, sockets = run_wrk(service.url + path, script, args)
            figures.append(Figures(label, rate, count / seconds, p50, p99, status, sockets))
    return figures


def render(figures: list[Figures], note: str) -> str:
    """A Markdown table of the figures, with the machine and the run's settings."""
    lines = [note, "", "| request | rate asked | requests/s reached | p50 | p99 | HTTP errors |",
             "|---|---|---|---|---|---|"]
    for f in figures:
        errors = f"{f.http_errors}" + (f" (+{f.socket_errors} socket errors)" if f.socket_errors else "")
        lines.append(f"| `{f.label}` | {f.rate} | {f.requests_per_s:,.0f} | {f.p50_ms:.1f} ms | {f.p99_ms:.1f} ms "
                     f"| {errors} |")
    return "\n".join(lines)


def benchmark(args: argparse.Namespace) -> str:
    """Start the service, run a job, measure every request; the table."""
    directory, _ = ensure_data(args.size, args.seed, regenerate=False)
    os.environ["SYNCMATCH_RATE_LIMIT"] = "off"  # the service copies this process's environment
    largest = sum(path.stat().st_size for path in paths(directory)[:2])
    with Service(max(200 * 1024 * 1024, 2 * largest), args.api_key) as service, \
            tempfile.TemporaryDirectory(prefix="syncmatch-latency-") as workdir:
        log(f"{args.size}: uploading and running a job on {service.url}")
        job = submit(service, directory)
        summary = wait_finished(service, job)["summary"]
        figures = measure(service, targets(job, summary), args, Path(workdir))
    note = (f"machine: {machine()}; {args.size} job ({summary['objects']:,} results); wrk {args.threads} threads, "
            f"{args.connections} connections, {args.duration} s per row")
    return render(figures, note)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    args = parse_args(argv)
    if not os.access(WRK, os.X_OK):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    handle_signals()
    try:
        print(benchmark(args))
    except ServiceSkipped as exc:
        print(f"cannot measure: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the service was stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
