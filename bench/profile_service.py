"""The service's own phases in one process on an embedded Redis: upload, job (load, evaluate, store), download."""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from service.adapters.redis_server import EmbeddedRedis  # noqa: E402
from service.bootstrap import Services  # noqa: E402
from service.config import Settings  # noqa: E402


class Clock:
    """Named laps, printed in order."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.laps: list[tuple[str, float]] = []

    def lap(self, name: str) -> None:
        """Record the time since the previous lap under `name`."""
        now = time.perf_counter()
        self.laps.append((name, now - self.last))
        self.last = now


def run(size: str) -> list[tuple[str, float]]:
    """One round trip's phases at `size`, in process."""
    import orjson

    from service.adapters.background_checks import start as start_checks
    from service.readers import read_snapshot
    from service.usecases import run_job

    directory = HERE / "data" / size
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedRedis(tmp, maxmemory=4 * 1024**3)
        url = server.start()
        try:
            services = Services.for_settings(Settings(redis_url=url, namespace=f"profile-{uuid.uuid4().hex[:8]}"))
            ids = {}
            gc.disable()
            for kind in ("onprem", "cloud"):
                clock.lap("-")
                with open(directory / f"{kind}.json", "rb") as handle:
                    snapshot = read_snapshot(handle, kind=kind)
                clock.lap(f"upload {kind}: read")
                ids[kind] = uuid.uuid4().hex
                services.snapshots.save(ids[kind], "t", snapshot, 1, 3600)
                clock.lap(f"upload {kind}: store")
                del snapshot
            documents = {"onprem": services.snapshots.load(ids["onprem"])}
            clock.lap("job: load onprem")
            documents["onprem"].update(more=[], labels=[])
            with start_checks([documents["onprem"]["data"]], services.settings.checks_child) as checks:
                clock.lap("job: fork the checks' child")
                documents["cloud"] = services.snapshots.load(ids["cloud"])
                clock.lap("job: load cloud")
                settings = orjson.loads((directory / "settings.json").read_bytes())
                inputs = run_job.Inputs(documents["onprem"], documents["cloud"], settings, checks)
                report = run_job._evaluate(inputs, lambda _f: None, {})
            clock.lap("job: evaluate")
            from service.engine import remediation_script
            from service.reporting.html import render

            html, script = render(report), remediation_script(report)
            clock.lap("job: render html + ps1")
            services.reports.save("job", report, html, script, 3600)
            clock.lap("job: store report")
            del report, documents, html, script
            clock.lap("job: free")
            manifest = services.reports.manifest("job")
            total = sum(len(piece) for piece in services.reports.stream_json("job", manifest))
            clock.lap(f"download ({total / 1e6:.0f} MB)")
            used = services.redis.info("memory")["used_memory"]
            clock.laps.append((f"redis used_memory MB: {used / 1e6:.0f}", 0.0))
        finally:
            server.stop()
    return [lap for lap in clock.laps if lap[0] != "-"]


def main() -> int:
    """Command line: --size 100k."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="100k")
    args = parser.parse_args()
    for name, seconds in run(args.size):
        print(f"{name:<40} {seconds:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
