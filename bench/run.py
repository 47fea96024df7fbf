"""Benchmark SyncMatch against a floor measured in the same run: parsing both snapshot files.

    python bench/run.py --sizes 10k,100k,1m [--service] [--repeat N] [--regenerate]

Per size: the generated files (cached under bench/data/, regenerated when generate.py changes), the
floor (read + orjson.loads of both files, with the cyclic GC on and off), `syncmatch match` end to end
(a child process, with its peak RSS), each phase of it in this process (decode, convert, quality, index,
evaluate, report, write, free), the engine alone on already-parsed snapshots, and with --service the HTTP
round trip through `syncmatch up` (upload, job with its queue wait and running time, download). Times are
the best of --repeat runs; every ratio is to a figure of this run.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import orjson

from service.engine import evaluate
from service.engine.gc_pause import paused_gc
from service.engine.quality import check as quality_check
from service.engine_build import engine_build

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GENERATOR = HERE / "generate.py"
GNU_TIME = "/usr/bin/time"
RUSAGE_WRAPPER = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
                  "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)")
CLI_OK = (0, 3)  # 3: some object is error or duplicate, as the generated data intends
INLINE_LIMIT = 64 * 1024 * 1024
SERVICE_START_TIMEOUT = 90.0
JOB_TIMEOUT = 3600.0
POLL = 0.2  # 5 requests a second, under the default SYNCMATCH_RATE_LIMIT of 600/minute


@dataclass
class Figures:
    """What one size measured."""

    label: str
    onprem_objects: int = 0
    cloud_objects: int = 0
    onprem_bytes: int = 0
    cloud_bytes: int = 0
    generate_s: float = 0.0
    generate_rss_kb: int = 0
    floor_s: float = 0.0
    floor_nogc_s: float = 0.0
    cli_s: float = 0.0
    cli_rss_kb: int = 0
    report_bytes: int = 0
    engine_s: float = 0.0
    engine_nogc_s: float = 0.0
    checks_s: float = 0.0
    findings: int = 0
    phases: dict = field(default_factory=dict)
    background: dict = field(default_factory=dict)  # the checks' child process: fork s, CPU s, peak RSS MB
    service: dict = field(default_factory=dict)


# -- helpers -------------------------------------------------------------------------------------


def parse_count(text: str) -> int:
    """10000, 10k or 1m -> an object count."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def syncmatch_command() -> list[str]:
    """The `syncmatch` console script of this interpreter."""
    script = Path(sys.executable).with_name("syncmatch")
    return [str(script)] if script.exists() else [shutil.which("syncmatch") or "syncmatch"]


def timed_child(command: list[str], env: dict | None = None) -> tuple[float, int, int, str]:
    """Run a fresh child process: (wall seconds, peak RSS in KiB, exit code, stderr)."""
    if os.access(GNU_TIME, os.X_OK):
        wrapped = [GNU_TIME, "-v", *command]
    else:
        wrapped = [sys.executable, "-c", RUSAGE_WRAPPER, *command]
    started = time.perf_counter()
    done = subprocess.run(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    return seconds, _peak_rss(done.stderr), done.returncode, done.stderr


def _peak_rss(stderr: str) -> int:
    """Peak RSS in KiB from `time -v` output or the rusage wrapper's last line."""
    for line in stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1])
    last = stderr.strip().splitlines()[-1:] or ["0"]
    return int(last[0]) if last[0].isdigit() else 0


def digest(path: Path) -> str:
    """SHA-256 of a file, to notice a changed generator."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def paths(directory: Path) -> tuple[Path, Path, Path]:
    """onprem.json, cloud.json, settings.json of a generated directory."""
    return directory / "onprem.json", directory / "cloud.json", directory / "settings.json"


# -- data ----------------------------------------------------------------------------------------


def ensure_data(label: str, seed: int, regenerate: bool) -> tuple[Path, dict]:
    """Generate the directory pair for a size unless an up-to-date copy is cached."""
    directory = DATA / label
    meta_path = directory / "meta.json"
    wanted = {"objects": parse_count(label), "seed": seed, "generator": digest(GENERATOR)}
    if not regenerate and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if all(meta.get(k) == v for k, v in wanted.items()) and all(p.exists() for p in paths(directory)):
            return directory, meta
    log(f"{label}: generating {wanted['objects']} on-premises objects")
    command = [sys.executable, str(GENERATOR), "--objects", str(wanted["objects"]), "--out", str(directory),
               "--seed", str(seed)]
    seconds, rss, code, stderr = timed_child(command)
    if code != 0:
        raise SystemExit(f"generate.py failed:\n{stderr}")
    meta = {**wanted, "seconds": round(seconds, 2), "peakRssKb": rss}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    return directory, meta


def count_objects(onprem: dict, cloud: dict) -> tuple[int, int]:
    """On-premises objects; cloud users + groups + contacts + deleted users."""
    return len(onprem["objects"]), sum(len(cloud.get(k) or []) for k in ("users", "groups", "contacts",
                                                                          "deletedUsers"))


# -- measurements --------------------------------------------------------------------------------


def measure_floor(directory: Path, repeat: int, collect: bool = True) -> tuple[float, dict, dict, dict]:
    """Best time to read and orjson.loads both snapshots; the parsed snapshots and settings."""
    onprem_path, cloud_path, settings_path = paths(directory)
    best = float("inf")
    onprem = cloud = None
    for _ in range(repeat):
        onprem = cloud = None
        with gc_state(collect):
            started = time.perf_counter()
            onprem = orjson.loads(onprem_path.read_bytes())
            cloud = orjson.loads(cloud_path.read_bytes())
            best = min(best, time.perf_counter() - started)
    return best, onprem, cloud, orjson.loads(settings_path.read_bytes())


def measure_engine(onprem: dict, cloud: dict, settings: dict, repeat: int, collect: bool = True) -> float:
    """Best time of `evaluate` on already-parsed snapshots, in this process."""
    best = float("inf")
    for _ in range(repeat):
        with gc_state(collect):
            started = time.perf_counter()
            report = evaluate(onprem, cloud, settings)
            best = min(best, time.perf_counter() - started)
        del report
    gc.collect()
    return best


def measure_checks(onprem: dict, repeat: int) -> tuple[float, int]:
    """Best time of the data-quality checks alone (IdFix's, part of every `evaluate`), and how many findings."""
    best, findings = float("inf"), 0
    for _ in range(repeat):
        gc.collect()
        with paused_gc():  # as evaluate runs them
            started = time.perf_counter()
            section = quality_check(onprem.get("objects") or [])
            best = min(best, time.perf_counter() - started)
        findings = section["total"]
        del section
    gc.collect()
    return best, findings


@contextmanager
def gc_state(collect: bool) -> Iterator[None]:
    """Start from a collected heap; with collect=False keep the cyclic collector off meanwhile."""
    gc.collect()
    if not collect:
        gc.disable()
    try:
        yield
    finally:
        gc.enable()


def measure_cli(directory: Path, repeat: int) -> tuple[float, int, int]:
    """Best wall time and peak RSS of `syncmatch match --format json`, and the report's size."""
    onprem_path, cloud_path, settings_path = paths(directory)
    best, peak, size = float("inf"), 0, 0
    with tempfile.TemporaryDirectory(prefix="syncmatch-bench-") as tmp:
        report = Path(tmp) / "report.json"
        command = [*syncmatch_command(), "match", str(onprem_path), str(cloud_path), "--settings",
                   str(settings_path), "--format", "json", "--output", str(report)]
        for _ in range(repeat):
            seconds, rss, code, stderr = timed_child(command)
            if code not in CLI_OK:
                raise SystemExit(f"syncmatch match exited {code}:\n{stderr[-2000:]}")
            best, peak, size = min(best, seconds), max(peak, rss), report.stat().st_size
    return best, peak, size


PHASES = ("decode", "convert", "quality", "index", "evaluate", "report", "write", "free")
PHASE_LABELS = {"free": "free (in-process only: the CLI leaves with os._exit)"}
# The job's phases as its worker logs them: its snapshots loaded, the engine's phases, the HTML page and the
# script rendered, the report stored in Redis.
JOB_PHASES = ("load", "quality", "index", "evaluate", "report", "render", "store")


def measure_phases(directory: Path, repeat: int, background: dict | None = None) -> dict[str, float]:
    """Each phase of `syncmatch match` in this process, the run with the best total (seconds per phase).

    decode: the readers' own decoders alone (no value conversion), a pass of its own; convert: reading minus
    decode; quality: the wait for the checks (a child process runs them while the tenant is read and
    indexed on a large run; background receives its figures), index, evaluate, report: the engine's own clock
    (evaluate's timings); write: the JSON report rendered and written to a file; free: the report and both
    snapshots let go (in this process only).
    """
    best: dict[str, float] = {}
    for _ in range(repeat):
        gc.collect()
        child: dict[str, float] = {}
        run = _phases_once(directory, child)
        if not best or sum(run.values()) < sum(best.values()):
            best = run
            if background is not None:
                background.clear()
                background.update(child)
    gc.collect()
    return best


def _phases_once(directory: Path, background: dict[str, float]) -> dict[str, float]:
    """One in-process `syncmatch match --format json`, as service/entrypoints/match.py runs it."""
    from service.adapters.background_checks import start as start_checks
    from service.entrypoints.match import render
    from service.readers import read_snapshot

    onprem_path, cloud_path, settings_path = paths(directory)
    decode = _decode_only(onprem_path, "onprem") + _decode_only(cloud_path, "cloud")
    started = time.perf_counter()
    onprem = read_snapshot(str(onprem_path), kind="onprem")
    timings: dict[str, float] = {}
    with start_checks([onprem.data]) as checks:
        cloud = read_snapshot(str(cloud_path), kind="cloud")
        read = time.perf_counter() - started
        settings = orjson.loads(settings_path.read_bytes())
        report = evaluate(onprem.data, cloud.data, settings, rejected=onprem.rejected + cloud.rejected,
                          timings=timings, consume=True, checks=checks)
    background.update({k.removeprefix("quality "): v for k, v in timings.items() if k.startswith("quality ")})
    with tempfile.TemporaryDirectory(prefix="syncmatch-bench-") as tmp, open(Path(tmp) / "r.json", "wb") as out:
        started = time.perf_counter()
        out.writelines(render(report, "json"))
        write = time.perf_counter() - started
    started = time.perf_counter()
    del report, onprem, cloud  # what `syncmatch match` saves by leaving with os._exit
    free = time.perf_counter() - started
    return {"decode": decode, "convert": read - decode, **{k: timings.get(k, 0.0) for k in PHASES[2:6]},
            "write": write, "free": free}


def _decode_only(path: Path, kind: str) -> float:
    """Seconds the reader's decoder takes to give every record of a file, with no conversion (GC held, as read).

    A canonical snapshot is decoded natively (msgspec) as read_snapshot's fast path does; other files by the
    format's streaming records().
    """
    from service.readers import fastjson, formats
    from service.readers.detect import SNIFF_CHARS, detect
    from service.readers.encoding import open_text

    started = time.perf_counter()
    with paused_gc():
        text, handle = open_text(str(path))
        try:
            found = detect(text.peek(SNIFF_CHARS), None)
            native = found.format == "json" and fastjson.decode_source(str(path), kind) is not None
            if not native:
                for _ in formats.get(found.format).records(text, kind, lambda *a, **k: None):
                    pass
        finally:
            handle.close()
    return time.perf_counter() - started


# -- service -------------------------------------------------------------------------------------


class ServiceSkipped(Exception):
    """The service benchmark cannot run here; the message says why."""


def http(method: str, url: str, body: object = None, headers: dict | None = None,
         timeout: float = 600) -> tuple[int, dict, bytes]:
    """One HTTP request: (status, lower-cased headers, body); HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Service:
    """`syncmatch up --workers 2` with its own embedded Redis, stopped with SIGINT."""

    def __init__(self, max_upload: int, api_key: str | None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.tmp = tempfile.TemporaryDirectory(prefix="syncmatch-bench-service-")
        self.max_upload = max_upload
        self.process: subprocess.Popen | None = None
        self.log = None

    def __enter__(self) -> Service:
        """Start the service and wait until /readyz says ready."""
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        # Both files are uploaded at once and may reach one API process: room for two of the largest in each.
        env.update(SYNCMATCH_DATA_DIR=str(Path(self.tmp.name) / "data"),
                   SYNCMATCH_MAX_UPLOAD_BYTES=str(self.max_upload),
                   SYNCMATCH_UPLOAD_SPOOL_BYTES=str(4 * self.max_upload))
        self.log = open(Path(self.tmp.name) / "service.log", "wb")
        self.process = subprocess.Popen([*syncmatch_command(), "up", "--port", str(self.port), "--workers", "2"],
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_ready(self) -> None:
        """Poll /readyz until it answers 200; fail with the log's tail otherwise."""
        deadline = time.monotonic() + SERVICE_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServiceSkipped(f"`syncmatch up` exited {self.process.returncode}: {self.log_tail()}")
            try:
                if http("GET", f"{self.url}/readyz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise ServiceSkipped(f"the service was not ready within {SERVICE_START_TIMEOUT:.0f}s: {self.log_tail()}")

    def log_tail(self) -> str:
        """The last lines the service printed."""
        self.log.flush()
        text = (Path(self.tmp.name) / "service.log").read_text(errors="replace")
        return " | ".join(text.strip().splitlines()[-5:]) or "(no output)"

    def __exit__(self, *exc: object) -> None:
        """SIGINT (Ctrl-C), as an admin stops it; SIGKILL only if it does not stop."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log is not None:
            self.log.close()
        self.tmp.cleanup()

    def job_phases(self, job: str) -> dict[str, float]:
        """The seconds of each phase of a finished job, from the worker's "job finished" log line ({} if none)."""
        self.log.flush()
        for line in (Path(self.tmp.name) / "service.log").read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and entry.get("message") == "job finished" and entry.get("jobId") == job:
                return entry.get("phases") or {}
        return {}

    def call(self, method: str, path: str, body: object = None, headers: dict | None = None) -> tuple:
        """A request to the service with the API key, if any."""
        return http(method, self.url + path, body, {**self.headers, **(headers or {})})


def service_round_trip(service: Service, directory: Path) -> dict:
    """Upload both snapshots, run a job, download the report: the phases' seconds."""
    onprem_path, cloud_path, settings_path = paths(directory)
    settings = orjson.loads(settings_path.read_bytes())
    started = time.perf_counter()
    body, mode = _job_body(service, onprem_path, cloud_path, settings)
    uploaded = time.perf_counter()
    status, headers, answer = service.call("POST", "/v1/jobs", body, {"Content-Type": "application/json"})
    if status != 202:
        raise ServiceSkipped(f"POST /v1/jobs answered {status}: {answer[:300].decode(errors='replace')}")
    job = orjson.loads(answer)["id"]
    view = _wait_for_job(service, job)
    finished = time.perf_counter()
    status, headers, report = service.call("GET", f"/v1/jobs/{job}/report", headers={"Accept-Encoding": "gzip"})
    if status != 200:
        raise ServiceSkipped(f"GET /v1/jobs/{job}/report answered {status}")
    if headers.get("content-encoding") == "gzip":
        report = gzip.decompress(report)
    done = time.perf_counter()
    orjson.loads(report)  # a whole JSON document arrived (checked after the clock stops: the CLI parses nothing)
    return {"mode": mode, "total": done - started, "upload": uploaded - started, "job": finished - uploaded,
            "download": done - finished, "reportBytes": len(report),
            "queued": _between(view.get("createdAt"), view.get("startedAt")),
            "running": _between(view.get("startedAt"), view.get("endedAt")), "phases": service.job_phases(job)}


def _between(begin: str | None, end: str | None) -> float:
    """Seconds between two of the job's ISO 8601 timestamps (0 when one is missing)."""
    if not begin or not end:
        return 0.0
    parse = datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(begin.replace("Z", "+00:00"))).total_seconds()


def _job_body(service: Service, onprem: Path, cloud: Path, settings: dict) -> tuple[bytes, str]:
    """The POST /v1/jobs body: snapshot ids after uploading, else the snapshots inline when small."""
    probe = service.call("POST", "/v1/snapshots?kind=onprem", b"", {"Content-Type": "application/json"})[0]
    if probe in (404, 405):
        return _inline_body(onprem, cloud, settings, probe), "inline"
    with ThreadPoolExecutor(max_workers=2) as pool:  # as `syncmatch submit` does
        uploads = {kind: pool.submit(_upload, service, kind, path) for kind, path in (("onprem", onprem),
                                                                                        ("cloud", cloud))}
        ids = {kind: upload.result() for kind, upload in uploads.items()}
    return orjson.dumps({"onpremSnapshot": ids["onprem"], "cloudSnapshot": ids["cloud"],
                         "settings": settings}), "upload"


def _upload(service: Service, kind: str, path: Path) -> str:
    """POST one snapshot file as the request body, streamed; its snapshot id."""
    try:
        with open(path, "rb") as handle:
            status, _, answer = service.call("POST", f"/v1/snapshots?kind={kind}", handle,
                                             {"Content-Type": "application/json",
                                              "Content-Length": str(path.stat().st_size)})
    except OSError as exc:
        raise ServiceSkipped(f"uploading {path.name} failed: {exc}") from exc
    if status != 201:
        raise ServiceSkipped(f"POST /v1/snapshots?kind={kind} answered {status}: "
                             f"{answer[:300].decode(errors='replace')}")
    return orjson.loads(answer)["id"]


def _inline_body(onprem: Path, cloud: Path, settings: dict, status: int) -> bytes:
    """Both snapshots inline in one job request (the files are spliced in, not re-encoded)."""
    size = onprem.stat().st_size + cloud.stat().st_size
    if size > INLINE_LIMIT:
        raise ServiceSkipped(f"POST /v1/snapshots answered {status} (no snapshot upload yet) and "
                             f"{size / 1e6:.0f} MB is too much to send inline (limit {INLINE_LIMIT / 1e6:.0f} MB)")
    return (b'{"onprem": ' + onprem.read_bytes() + b', "cloud": ' + cloud.read_bytes()
            + b', "settings": ' + orjson.dumps(settings) + b"}")


def _wait_for_job(service: Service, job: str) -> dict:
    """Poll GET /v1/jobs/{id} until the job is finished, honouring 429 Retry-After; fail on failed or a timeout."""
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        status, headers, answer = service.call("GET", f"/v1/jobs/{job}")
        if status == 429:
            time.sleep(min(float(headers.get("retry-after") or 1), 10.0))
            continue
        view = orjson.loads(answer) if status == 200 else {"status": f"HTTP {status}"}
        if view["status"] == "finished":
            return view
        if view["status"] not in ("queued", "running"):
            raise ServiceSkipped(f"job {job} ended {view['status']}: {view.get('error')}")
        time.sleep(POLL)
    raise ServiceSkipped(f"job {job} did not finish within {JOB_TIMEOUT:.0f}s")


def measure_service(directories: dict[str, Path], api_key: str | None) -> dict[str, dict]:
    """The service round trip per size, or {"skipped": reason} when it cannot run."""
    largest = max(sum(p.stat().st_size for p in paths(d)[:2]) for d in directories.values())
    out: dict[str, dict] = {}
    try:
        with Service(max(200 * 1024 * 1024, 2 * largest), api_key) as service:
            for label, directory in directories.items():
                log(f"{label}: service round trip")
                try:
                    out[label] = service_round_trip(service, directory)
                except ServiceSkipped as exc:
                    out[label] = {"skipped": str(exc)}
    except (ServiceSkipped, OSError) as exc:
        return {label: {"skipped": str(exc)} for label in directories}
    return out


# -- report --------------------------------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the table."""
    print(message, file=sys.stderr, flush=True)


def machine() -> str:
    """CPU count, RAM, Python version and load of this machine (other work skews the figures)."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs, {ram:.1f} GiB RAM, Python {sys.version.split()[0]}, load average {load}"


def _mb(n: float) -> str:
    """Bytes as MB."""
    return f"{n / 1e6:,.1f}"


def _s(t: float) -> str:
    """Seconds."""
    return f"{t:,.2f}"


def _ratio(a: float, b: float) -> str:
    """a / b as a factor."""
    return f"{a / b:,.1f}x" if b else "-"


def _per_object(seconds: float, objects: int) -> str:
    """Microseconds per on-premises object."""
    return f"{seconds / max(objects, 1) * 1e6:,.1f}"


def code_version() -> str:
    """The commit measured (with -dirty when the work tree has changes), so figures stay tied to code."""
    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=HERE, capture_output=True, text=True)
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def rows(figures: list[Figures]) -> list[tuple[str, list[str]]]:
    """The table's rows: one metric each, one column per size."""
    out = [
        ("on-prem objects", [f"{f.onprem_objects:,}" for f in figures]),
        ("cloud objects", [f"{f.cloud_objects:,}" for f in figures]),
        ("onprem.json MB", [_mb(f.onprem_bytes) for f in figures]),
        ("cloud.json MB", [_mb(f.cloud_bytes) for f in figures]),
        ("generate s (peak RSS MB)", [f"{_s(f.generate_s)} ({f.generate_rss_kb / 1024:,.0f})" for f in figures]),
        ("floor: read+orjson.loads s", [_s(f.floor_s) for f in figures]),
        ("  same, gc disabled s", [_s(f.floor_nogc_s) for f in figures]),
        ("syncmatch match s", [_s(f.cli_s) for f in figures]),
        ("  match / floor", [_ratio(f.cli_s, f.floor_s) for f in figures]),
        ("  match / floor with gc disabled", [_ratio(f.cli_s, f.floor_nogc_s) for f in figures]),
        ("  match peak RSS MB", [f"{f.cli_rss_kb / 1024:,.0f}" for f in figures]),
        ("  match us/object", [_per_object(f.cli_s, f.onprem_objects) for f in figures]),
        ("  report MB", [_mb(f.report_bytes) for f in figures]),
        ("engine only s", [_s(f.engine_s) for f in figures]),
        ("  engine / floor", [_ratio(f.engine_s, f.floor_s) for f in figures]),
        ("  engine / floor with gc disabled", [_ratio(f.engine_s, f.floor_nogc_s) for f in figures]),
        ("  engine us/object", [_per_object(f.engine_s, f.onprem_objects) for f in figures]),
        ("  engine, gc disabled s", [_s(f.engine_nogc_s) for f in figures]),
        *_phase_rows(figures),
        ("data-quality checks s", [_s(f.checks_s) for f in figures]),
        ("  checks added to match", [_share(f.phases.get("quality", f.checks_s), f.cli_s) for f in figures]),
        ("  findings", [f"{f.findings:,}" for f in figures]),
    ]
    if any(f.service for f in figures):
        out += [("service total s", [_service_cell(f, _service_total) for f in figures]),
                ("  upload / job / download s", [_service_cell(f, _service_phases) for f in figures]),
                ("  job: queue wait / running s", [_service_cell(f, _job_phases) for f in figures]),
                *_job_phase_rows(figures),
                ("  service / match", [_service_cell(f, lambda v, f=f: _ratio(v["total"], f.cli_s))
                                       for f in figures])]
    return out


def _phase_rows(figures: list[Figures]) -> list[tuple[str, list[str]]]:
    """One row per phase of `syncmatch match` (in-process), then their sum and what the cyclic GC adds."""
    if not any(f.phases for f in figures):
        return []
    out = [("phases of match (in-process) s", [_s(sum(f.phases.values())) for f in figures])]
    out += [(f"  {PHASE_LABELS.get(name, name)}", [_s(f.phases.get(name, 0.0)) for f in figures]) for name in PHASES]
    out.append(("  rest of match (start, imports, exit)",
                [_s(f.cli_s - sum(v for k, v in f.phases.items() if k != "free")) for f in figures]))
    out.append(("  checks' child: fork s / CPU s / peak RSS MB", [_background(f.background) for f in figures]))
    return out


def _background(child: dict) -> str:
    """The checks' child process, when the run was large enough to fork one."""
    if not child:
        return "(not forked)"
    return f"{child.get('fork', 0.0):.3f} / {_s(child.get('child cpu', 0.0))} / {child.get('child peak MB', 0):,.0f}"


def _job_phase_rows(figures: list[Figures]) -> list[tuple[str, list[str]]]:
    """One row per phase of the service's job, as its worker logged them; none when no job logged any."""
    if not any(f.service.get("phases") for f in figures):
        return []
    return [(f"    job: {name} s", [_service_cell(f, lambda v, name=name: _s(v["phases"].get(name, 0.0)))
                                   for f in figures]) for name in JOB_PHASES]


def _job_phases(v: dict) -> str:
    """The job's queue wait and running time, from its own timestamps."""
    return f"{_s(v.get('queued', 0.0))} / {_s(v.get('running', 0.0))}"


def _share(checks: float, match: float) -> str:
    """What the checks add to `syncmatch match`, in percent (the target is 20% at most).

    checks: the quality phase, the time match waits for them (a child runs them beside the tenant's reading on a
    large run), else the time of the checks alone.
    """
    rest = match - checks
    return f"{100 * checks / rest:.0f}%" if rest > 0 and checks > 0 else "-"


def _service_cell(f: Figures, show) -> str:
    """A service figure, or 'skipped'."""
    return show(f.service) if "total" in f.service else "skipped"


def _service_total(v: dict) -> str:
    """Total seconds and how the snapshots were sent."""
    return f"{_s(v['total'])} ({v['mode']})"


def _service_phases(v: dict) -> str:
    """Upload, job and download seconds."""
    return f"{_s(v['upload'])} / {_s(v['job'])} / {_s(v['download'])}"


def render(figures: list[Figures], repeat_note: str) -> str:
    """The table, with the machine and notes."""
    table = rows(figures)
    head = ("metric", [f.label for f in figures])
    width = max(len(name) for name, _ in [head, *table])
    cols = [max(len(head[1][i]), *(len(r[1][i]) for r in table)) for i in range(len(figures))]
    lines = [f"machine: {machine()}; code {code_version()}; engine {engine_build()}; {repeat_note}"]
    for n, (name, cells) in enumerate([head, *table]):
        lines.append(f"{name:<{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, cols, strict=True)))
        if n == 0:
            lines.append("-" * len(lines[-1]))
    for f in figures:
        if "skipped" in f.service:
            lines.append(f"{f.label}: service benchmark skipped: {f.service['skipped']}")
    return "\n".join(lines)


# -- main ----------------------------------------------------------------------------------------


def measure_size(label: str, directory: Path, meta: dict, repeat: int) -> Figures:
    """Every local measurement for one size: the CLI first, while this process is small."""
    onprem_path, cloud_path, _ = paths(directory)
    f = Figures(label, onprem_bytes=onprem_path.stat().st_size, cloud_bytes=cloud_path.stat().st_size,
                generate_s=meta.get("seconds", 0.0), generate_rss_kb=meta.get("peakRssKb", 0))
    log(f"{label}: syncmatch match x{repeat}")
    f.cli_s, f.cli_rss_kb, f.report_bytes = measure_cli(directory, repeat)
    log(f"{label}: floor x{repeat}, with and without the cyclic GC")
    f.floor_nogc_s = measure_floor(directory, repeat, collect=False)[0]
    f.floor_s, onprem, cloud, settings = measure_floor(directory, repeat)
    f.onprem_objects, f.cloud_objects = count_objects(onprem, cloud)
    log(f"{label}: engine x{repeat}, with and without the cyclic GC")
    f.engine_s = measure_engine(onprem, cloud, settings, repeat)
    f.engine_nogc_s = measure_engine(onprem, cloud, settings, repeat, collect=False)
    log(f"{label}: phases of syncmatch match x{repeat}, in-process")
    f.phases = measure_phases(directory, repeat, f.background)
    log(f"{label}: data-quality checks x{repeat}")
    f.checks_s, f.findings = measure_checks(onprem, repeat)
    return f


def main(argv: list[str] | None = None) -> int:
    """Command line: --sizes 10k,100k,1m [--service] [--repeat N] [--regenerate]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated sizes (default 10k,100k)")
    parser.add_argument("--service", action="store_true", help="also time the HTTP service round trip")
    parser.add_argument("--repeat", type=int, help="runs per measurement, best kept (default 3, 1 from 1m)")
    parser.add_argument("--regenerate", action="store_true", help="generate the data again even if cached")
    parser.add_argument("--seed", type=int, default=6, help="generator seed")
    parser.add_argument("--api-key", default=os.environ.get("SYNCMATCH_API_KEY"), help="bearer key for --service")
    args = parser.parse_args(argv)
    labels = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    data = {label: ensure_data(label, args.seed, args.regenerate) for label in labels}
    figures = []
    for label, (directory, meta) in data.items():
        repeat = args.repeat or (3 if parse_count(label) < 1_000_000 else 1)
        figures.append(measure_size(label, directory, meta, repeat))
    if args.service:
        results = measure_service({label: d for label, (d, _) in data.items()}, args.api_key)
        for f in figures:
            f.service = results[f.label]
    note = f"best of {args.repeat} runs" if args.repeat else "best of 3 runs (1 run from 1m)"
    print(render(figures, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
