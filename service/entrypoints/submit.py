"""`syncmatch submit`: send two exports to a SyncMatch service, follow the job, fetch the report."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from .common import complain

if TYPE_CHECKING:
    from ..client import Client

DEFAULT_URL = "http://127.0.0.1:8000"
ARTEFACTS = (("report.json", "/report", "application/json"), ("results.csv", "/results", "text/csv"),
             ("report.html", "/report.html", "text/html"), ("remediation.ps1", "/remediation.ps1", "text/plain"))
EXIT_SAFE, EXIT_UNSAFE = 0, 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """ONPREM CLOUD [--url URL] [--wait] [--out DIR] and friends."""
    parser.add_argument("onprem", help="on-premises export file (any supported format, gzip allowed)")
    parser.add_argument("cloud", help="tenant export file (any supported format, gzip allowed)")
    parser.add_argument("--url", default=os.environ.get("SYNCMATCH_URL", DEFAULT_URL),
                        help=f"service URL (default: SYNCMATCH_URL or {DEFAULT_URL})")
    parser.add_argument("--api-key", default=os.environ.get("SYNCMATCH_API_KEY"),
                        help="API key (default: SYNCMATCH_API_KEY)")
    parser.add_argument("--onprem", dest="more_onprem", action="append", default=[], metavar="MORE",
                        help="a further on-premises export (another domain or forest); repeatable")
    parser.add_argument("--settings", help="JSON file: sourceAnchor, passwordHashSync, features, now, engine, scope, "
                        "join")
    parser.add_argument("--wait", action="store_true", help="follow the job and exit 0 (safe) or 3 (not safe)")
    parser.add_argument("--out", help="with --wait: write report.json, results.csv, report.html, remediation.ps1 here")
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up waiting after this many seconds")
    parser.add_argument("--idempotency-key", help="send this Idempotency-Key so a retried submit is not run twice")


def run(args: argparse.Namespace) -> int:
    """Upload, start the job and, with --wait, report; exit codes as `syncmatch match`."""
    from ..client import ApiError, Client

    client = Client(args.url, args.api_key)
    try:
        settings = _settings(args.settings)
        job = _start(client, args, settings)
        if not args.wait:
            print(json.dumps(job, indent=2))
            return EXIT_SAFE
        return _follow(client, args, job)
    except ApiError as exc:
        return complain("submit", exc)
    except (OSError, ValueError, TimeoutError) as exc:
        return complain("submit", exc)


def _settings(path: str | None) -> dict:
    """Load the settings file."""
    if not path:
        return {}
    with open(path, encoding="utf-8-sig") as handle:
        settings = json.load(handle)
    if not isinstance(settings, dict):
        raise ValueError(f"{path} must hold a JSON object")
    return settings


def _start(client: Client, args: argparse.Namespace, settings: dict) -> dict:
    """Upload both snapshots (at once: the service reads them in parallel) and create the job."""
    more_paths = list(getattr(args, "more_onprem", None) or [])
    with ThreadPoolExecutor(max_workers=2) as pool:
        uploads = [pool.submit(client.upload, args.onprem, "onprem"), pool.submit(client.upload, args.cloud, "cloud"),
                   *(pool.submit(client.upload, path, "onprem") for path in more_paths)]
        onprem, cloud, *more = (upload.result() for upload in uploads)
    for path, snapshot in ((args.onprem, onprem), (args.cloud, cloud), *zip(more_paths, more, strict=True)):
        _say(f"uploaded {path}: {snapshot.get('objects')} objects ({snapshot.get('format')})")
    reply = client.create_job(onprem["id"], cloud["id"], settings, args.idempotency_key,
                              more_onprem=[snapshot["id"] for snapshot in more])
    job = reply.json()
    job["location"] = next((v for k, v in reply.headers.items() if k.lower() == "location"),
                           f"/v1/jobs/{job.get('id')}")
    job["retryAfter"] = reply.headers.get("Retry-After")
    return job


def _follow(client: Client, args: argparse.Namespace, job: dict) -> int:
    """Wait with a progress bar, then fetch and write the results."""
    from ..client import retry_after

    deadline = time.monotonic() + args.timeout
    status = client.wait(job["location"], retry_after({"Retry-After": job.get("retryAfter")}, 1.0), _progress,
                         deadline)
    _say("")
    if status["status"] == "failed":
        problem = status.get("error") or {}
        raise ValueError(f"the job failed: {problem.get('detail') or problem.get('title') or 'no detail'}")
    if args.out:
        _write_artefacts(client, job["location"], args.out)
    summary = status.get("summary") or {}
    _print_summary(summary)
    return EXIT_SAFE if summary.get("safeToSync") else EXIT_UNSAFE


def _write_artefacts(client: Client, location: str, folder: str) -> None:
    """Download the report in each format into the folder."""
    os.makedirs(folder, exist_ok=True)
    for name, suffix, accept in ARTEFACTS:
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(client.download(location + suffix, accept))
        _say(f"wrote {path}")


def _print_summary(summary: dict) -> None:
    """One line per outcome, and the verdict."""
    from service.engine.codes import verdict

    print(f"{summary.get('objects', 0)} objects: {verdict(summary)}")
    for outcome, count in (summary.get("outcomes") or {}).items():
        print(f"  {outcome:<10} {count:>8}")


def _progress(status: dict) -> None:
    """Draw the progress bar on standard error."""
    fraction = float(status.get("progress") or 0.0)
    filled = int(fraction * 30)
    bar = "#" * filled + "." * (30 - filled)
    end = "\r" if sys.stderr.isatty() else "\n"
    print(f"[{bar}] {fraction:4.0%} {status.get('status', '')}", end=end, file=sys.stderr, flush=True)


def _say(text: str) -> None:
    """A progress message on standard error."""
    print(text, file=sys.stderr)
