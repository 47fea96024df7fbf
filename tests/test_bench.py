"""Smoke test of the benchmark generator: small, deterministic, canonical, and covering every outcome."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.engine import evaluate

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
OUTCOMES = {"hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped"}
CLOUD_ARRAYS = ("users", "groups", "contacts", "deletedUsers")


def generate(out: Path, objects: int = 200) -> Path:
    """Run bench/generate.py as a user would."""
    subprocess.run([sys.executable, str(GENERATOR), "--objects", str(objects), "--out", str(out)], check=True,
                   capture_output=True)
    return out


def load(directory: Path) -> tuple[dict, dict, dict]:
    """Parse the three files with the standard library (strict JSON)."""
    return tuple(json.loads((directory / name).read_text(encoding="utf-8"))
                 for name in ("onprem.json", "cloud.json", "settings.json"))


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 200-object directory pair."""
    return generate(tmp_path_factory.mktemp("bench"))


def test_files_are_canonical_snapshots(directory: Path) -> None:
    """Both snapshots and the settings have the contract's canonical shape."""
    onprem, cloud, settings = load(directory)
    assert onprem["kind"] == "onprem" and len(onprem["objects"]) == 200
    assert all("objectClass" in o and "distinguishedName" in o for o in onprem["objects"])
    assert cloud["kind"] == "cloud" and cloud["tenant"]["initialDomain"]
    assert sum(len(cloud[k]) for k in CLOUD_ARRAYS) >= 200
    assert all("id" in u and "onPremisesImmutableId" in u for u in cloud["users"])
    assert settings["now"].endswith("Z")
    assert any(not o.get("displayName", "").isascii() for o in onprem["objects"])


def test_every_outcome_appears(directory: Path) -> None:
    """The engine finds every outcome of the vocabulary, orphans and cloud-only accounts."""
    report = evaluate(*load(directory))
    outcomes = report["summary"]["outcomes"]
    assert set(outcomes) >= OUTCOMES, outcomes
    assert report["cloudOrphans"] and report["cloudOnly"] > 0


def test_same_seed_same_bytes(directory: Path, tmp_path: Path) -> None:
    """The generator is deterministic."""
    again = generate(tmp_path / "again")
    for name in ("onprem.json", "cloud.json", "settings.json"):
        assert (again / name).read_bytes() == (directory / name).read_bytes()


def test_phase_timings_leave_the_report_unchanged(directory: Path) -> None:
    """evaluate(timings=...) fills one figure per engine phase and writes the same report as without."""
    onprem, cloud, settings = load(directory)
    timings: dict[str, float] = {}
    timed = evaluate(onprem, cloud, settings, timings=timings)
    assert set(timings) == {"quality", "index", "evaluate", "report"}
    assert all(seconds >= 0 for seconds in timings.values())
    assert timed == evaluate(*load(directory))


def test_benchmark_times_every_phase(directory: Path) -> None:
    """bench/run.py's in-process phases cover decode to write for a generated directory."""
    sys.path.insert(0, str(GENERATOR.parent))
    try:
        import run  # bench/run.py
    finally:
        sys.path.remove(str(GENERATOR.parent))
    phases = run.measure_phases(directory, 1)
    assert list(phases) == list(run.PHASES)
    assert phases["decode"] > 0 and phases["write"] > 0 and phases["evaluate"] > 0


def test_the_service_benchmark_reads_the_jobs_phases_from_its_log(tmp_path: Path) -> None:
    """bench/run.py takes a job's phases from the worker's `job finished` line, and prints one row per phase."""
    sys.path.insert(0, str(GENERATOR.parent))
    try:
        import run  # bench/run.py
    finally:
        sys.path.remove(str(GENERATOR.parent))
    service = run.Service(1, None)
    try:
        service.log = open(Path(service.tmp.name) / "service.log", "w")  # noqa: SIM115  # closed below
        lines = ["not json", json.dumps({"message": "job finished", "jobId": "other", "phases": {"load": 9.0}}),
                 json.dumps({"message": "job finished", "jobId": "job1", "phases": {"load": 1.5, "store": 2.25}})]
        service.log.write("\n".join(lines) + "\n")
        assert service.job_phases("job1") == {"load": 1.5, "store": 2.25}
        assert service.job_phases("missing") == {}
    finally:
        service.log.close()
        service.tmp.cleanup()
    figures = run.Figures(label="1k")
    figures.service = {"total": 1.0, "mode": "upload", "upload": 0.1, "job": 0.8, "download": 0.1,
                       "phases": {"load": 1.5, "store": 2.25}}
    table = dict(run.rows([figures]))
    assert table["    job: load s"] == ["1.50"] and table["    job: store s"] == ["2.25"]
    assert table["    job: render s"] == ["0.00"]
