"""What a worker does for one matching job: load the input by id, run the engine, store the report."""

from __future__ import annotations

import time
from typing import Any

import orjson

from service.adapters.storage import JOB_INPUT, REPORT, Storage
from service.config import Settings
from service.problems import problem, problem_type

PROGRESS_INTERVAL = 0.5


class JobFailure(Exception):
    """A job cannot complete for a reason the caller can act on; carries the problem to show them."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__(document.get("detail") or document["title"])
        self.document = document


def evaluate_job(job_id: str) -> dict[str, Any]:
    """Run the engine on the input stored for `job_id`; store the report; return its summary."""
    from rq import get_current_job

    job = get_current_job()
    settings = Settings.from_env()
    storage = Storage(job.connection, settings.namespace)
    progress = ProgressReporter(job)
    try:
        report = _evaluate(storage.get(JOB_INPUT, job_id), progress)
    except JobFailure as failure:
        job.meta["error"] = failure.document
        job.save_meta()
        raise
    storage.put(REPORT, job_id, report, settings.result_ttl)
    storage.delete(JOB_INPUT, job_id)
    progress.save(1.0)
    return {"summary": report.get("summary")}


def _evaluate(document: dict[str, Any] | None, progress: ProgressReporter) -> dict[str, Any]:
    from service.engine import SettingsError, evaluate

    if document is None:
        raise JobFailure(problem(410, "Job input expired", "The job's input is gone (its TTL passed "
                                 "before a worker took the job). Submit the job again.",
                                 problem_type("job-input-expired")))
    onprem, cloud = _read(document["onprem"], "onprem"), _read(document["cloud"], "cloud")
    try:
        report = evaluate(onprem.data, cloud.data, document.get("settings"),
                          rejected=[*onprem.rejected, *cloud.rejected], progress=progress)
    except SettingsError as exc:
        raise JobFailure(problem(422, "Invalid settings", str(exc), problem_type("invalid-settings"))) from exc
    report["input"] = {"onprem": _input_summary(onprem), "cloud": _input_summary(cloud)}
    return report


def _input_summary(snapshot) -> dict[str, Any]:
    """What the reader made of one snapshot, as `syncmatch match` reports it."""
    return {"format": snapshot.format, "objects": snapshot.objects, "warnings": snapshot.warnings}


def _read(snapshot: dict[str, Any], kind: str):
    """Normalise an inline snapshot through the same reader as uploaded files."""
    from service.readers import ReaderError, read_snapshot

    try:
        return read_snapshot(orjson.dumps(snapshot), kind=kind)
    except ReaderError as exc:
        raise JobFailure(problem(422, "Snapshot could not be read", f"The {kind} snapshot could not be read.",
                                 problem_type("unreadable-snapshot"), errors=[exc.to_dict()])) from exc


class ProgressReporter:
    """Passes the engine's progress (0..1) to the job's meta, at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, job) -> None:
        self.job = job
        self.saved_at = 0.0

    def __call__(self, fraction: float) -> None:
        if time.monotonic() - self.saved_at >= PROGRESS_INTERVAL:
            self.save(fraction)

    def save(self, fraction: float) -> None:
        """Store `fraction` as the job's progress now."""
        self.job.meta["progress"] = round(min(1.0, max(0.0, float(fraction))), 4)
        self.job.save_meta()
        self.saved_at = time.monotonic()
