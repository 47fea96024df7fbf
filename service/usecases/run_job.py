"""Run one matching job from its id: load its input, evaluate, store the report; fail cleanly when it cannot."""

from __future__ import annotations

import contextlib
import logging
import time
from typing import TYPE_CHECKING, Any, NamedTuple

from redis.exceptions import RedisError

from service.adapters import metrics
from service.adapters.blobs import worth_cleaning
from service.adapters.job_views import timeout_problem
from service.adapters.jsonio import dumps, loads
from service.adapters.snapshots import SnapshotStore
from service.adapters.storage import JOB_INPUT, Storage
from service.bootstrap import Services
from service.engine.gc_pause import paused_gc
from service.engine.phases import Timings, phase
from service.exceptions import SyncMatchError
from service.problems import problem, problem_type

if TYPE_CHECKING:
    from service.adapters.background_checks import Pending

PROGRESS_INTERVAL = 0.5
log = logging.getLogger(__name__)


class JobFailure(SyncMatchError):
    """A job cannot complete for a reason the caller can act on; carries the problem to show them."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__(document.get("detail") or document["title"])
        self.document = document


def run_job(job, services: Services, job_id: str) -> dict[str, Any]:
    """Run the engine on the input recorded for `job_id`; store the report; return its summary."""
    settings = services.settings
    started = time.monotonic()
    timings: Timings = {}
    try:
        with paused_gc(), contextlib.ExitStack() as stack:  # loading, evaluating and storing build millions
            summary = _stored_summary(services, job_id)        # of acyclic objects
            if summary is None:
                with phase(timings, "load"):
                    inputs = _inputs(services, job_id, stack)
                summary = _store(services, job_id, _evaluate(inputs, ProgressReporter(job), timings), timings)
    except Exception as exc:
        _fail(job, services, job_id, exc)
        with contextlib.suppress(RedisError):
            metrics.record_job(job.connection, settings.namespace, "failed", time.monotonic() - started)
        raise
    ProgressReporter(job).save(1.0)
    metrics.record_job(job.connection, settings.namespace, "finished", time.monotonic() - started)
    log.info("job finished", extra={"jobId": job_id, "seconds": round(time.monotonic() - started, 3),
                                    "phases": _phases(timings)})
    return {"summary": summary}


def _phases(timings: Timings) -> dict[str, float]:
    """The seconds of each phase, rounded; the checks' child's own figures are logged on a line of their own."""
    return {name: round(value, 3) for name, value in timings.items() if not name.startswith("quality ")}


def _stored_summary(services: Services, job_id: str) -> dict[str, Any] | None:
    """The summary of a report a previous run of this job stored in full before its worker died, if any."""
    manifest = services.reports.manifest(job_id)
    return None if manifest is None else manifest["summary"]


def _fail(job, services: Services, job_id: str, exc: Exception) -> None:
    """Unless Redis is unreachable (RQ then runs the job again, retries permitting), fail for good and clean up."""
    if not worth_cleaning(exc):
        return
    job.retries_left = 0
    document = _failure_problem(job, exc)
    with contextlib.suppress(RedisError):
        if document is not None:
            job.meta["error"] = document
            job.save_meta()
        _discard(services, job_id)
        services.records.update(job_id, ttl=services.settings.failure_ttl)


def _failure_problem(job, exc: Exception) -> dict[str, Any] | None:
    """The problem to show for a failure the caller can act on; None for a bug (the worker logs it)."""
    from rq.timeouts import JobTimeoutException

    if isinstance(exc, JobFailure):
        return exc.document
    return timeout_problem(job.timeout) if isinstance(exc, JobTimeoutException) else None


def _discard(services: Services, job_id: str) -> None:
    """Remove what a failed job leaves behind: its inline input and any part of its report."""
    services.reports.delete(job_id)
    services.storage.delete(JOB_INPUT, job_id)


def _store(services: Services, job_id: str, report: dict[str, Any], timings: Timings) -> dict[str, Any] | None:
    """Store the report and its renderings; drop them again if the job was deleted meanwhile; the summary."""
    from service.engine import remediation_script
    from service.engine.quality import script as quality_script
    from service.reporting.html import render

    settings, reports = services.settings, services.reports
    with phase(timings, "render"):
        fixes = quality_script(report["dataQuality"]) if report.get("kind") == "check" else remediation_script(report)
        page = render(report)
    with phase(timings, "store"):
        reports.save(job_id, report, page, fixes, settings.result_ttl)
    if not services.records.update(job_id, ttl=settings.result_ttl):
        reports.delete(job_id)
    services.storage.delete(JOB_INPUT, job_id)
    return report.get("summary")


class Inputs(NamedTuple):
    """What a job runs on: the documents ({kind, format, warnings, rejected, data}), settings, begun checks."""

    onprem: dict[str, Any]
    cloud: dict[str, Any] | None  # None for a check-only job
    settings: dict[str, Any] | None
    checks: Pending | None  # the data-quality checks, begun once the on-premises documents are loaded


def _inputs(services: Services, job_id: str, stack: contextlib.ExitStack) -> Inputs:
    """Load the on-premises documents, begin their checks (a child process on a large run), then load the cloud's."""
    from service.adapters.background_checks import start as start_checks

    record = services.records.get(job_id)
    if record is None:
        raise JobFailure(problem(410, "Job deleted", "The job was deleted before a worker took it.",
                                 problem_type("job-deleted")))
    inline: list[dict[str, Any]] = []  # the job's inline input, read once when a side was not uploaded
    onprem = _document(services, job_id, record, "onprem", inline)
    onprem["more"] = _more_onprem(services, record)
    onprem["labels"] = loads(record.get("onpremLabels") or "[]")
    settings = loads(record.get("settings") or "null")
    if record.get("checkOnly") == "true":
        return Inputs(onprem, None, settings, None)
    checks = stack.enter_context(start_checks([onprem["data"], *(d["data"] for d in onprem["more"])],
                                              services.settings.checks_child,
                                              reload=lambda: _onprem_exports(services, job_id, record)))
    return Inputs(onprem, _document(services, job_id, record, "cloud", inline), settings, checks)


def _more_onprem(services: Services, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents of the job's further on-premises snapshots (other domains or forests)."""
    return [_uploaded(services.snapshots, snapshot_id, "onprem")
            for snapshot_id in (record.get("onpremSnapshots") or "").split(",") if snapshot_id]


def _onprem_exports(services: Services, job_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The job's on-premises exports loaded again (the engine let the first copy go; the checks' child failed)."""
    first = _document(services, job_id, record, "onprem", [])
    return [first["data"], *(document["data"] for document in _more_onprem(services, record))]


def _document(services: Services, job_id: str, record: dict[str, Any], kind: str,
              inline: list[dict[str, Any]]) -> dict[str, Any]:
    """One side's document: its uploaded snapshot, else its part of the job's inline input."""
    if record.get(f"{kind}Snapshot"):
        return _uploaded(services.snapshots, record[f"{kind}Snapshot"], kind)
    if not inline:
        inline.append(_inline_input(services.storage, job_id))
    return _read(inline[0][kind], kind)


def _uploaded(snapshots: SnapshotStore, snapshot_id: str, kind: str) -> dict[str, Any]:
    document = snapshots.load(snapshot_id)
    if document is None:
        raise JobFailure(problem(410, "Snapshot expired", f"The {kind} snapshot {snapshot_id} is gone (deleted, or "
                                 "SYNCMATCH_SNAPSHOT_TTL passed) before a worker took the job. Upload it again.",
                                 problem_type("snapshot-expired"), snapshot=snapshot_id))
    document["id"] = snapshot_id
    return document


def _inline_input(storage: Storage, job_id: str) -> dict[str, Any]:
    document = storage.get(JOB_INPUT, job_id)
    if document is None:
        raise JobFailure(problem(410, "Job input expired", "The job's input is gone (its TTL passed "
                                 "before a worker took the job). Submit the job again.",
                                 problem_type("job-input-expired")))
    return document


def _evaluate(inputs: Inputs, progress: ProgressReporter, timings: Timings) -> dict[str, Any]:
    """The report of the job's inputs; `timings` receives the seconds of the engine's phases."""
    from service.engine import SettingsError, evaluate
    from service.engine.quality import check_report

    onprem, cloud, run_settings, checks = inputs
    more = onprem.get("more") or []  # further on-premises exports (other domains or forests)
    if cloud is None:  # check-only: IdFix's checks on the on-premises objects alone
        data = {**onprem["data"], "objects": [o for d in (onprem, *more) for o in d["data"].get("objects", [])]} \
            if more else onprem["data"]
        with phase(timings, "quality"):
            report = check_report(data, [r for d in (onprem, *more) for r in d["rejected"]])
        report["input"] = {"onprem": _input_summary(onprem)}
        return report
    try:
        report = evaluate(onprem["data"], cloud["data"], run_settings,
                          rejected=[*onprem["rejected"], *(r for d in more for r in d["rejected"]), *cloud["rejected"]],
                          progress=progress, more_onprem=[d["data"] for d in more], labels=onprem.get("labels"),
                          timings=timings, consume=True, checks=checks)
    except SettingsError as exc:
        raise JobFailure(problem(422, "Invalid settings", str(exc), problem_type("invalid-settings"))) from exc
    _log_checks(checks)
    report["input"] = {"onprem": _input_summary(onprem), "cloud": _input_summary(cloud)}
    if more:
        report["input"]["onpremMore"] = [_input_summary(d) for d in more]
    return report


def _log_checks(checks: Pending | None) -> None:
    """Say where the data-quality checks ran, and why the job ran them itself after a child failed."""
    if checks is None:
        return
    if checks.fallback:
        log.warning("data-quality checks ran in the job's process: %s", checks.fallback)
    elif checks.figures:
        log.info("data-quality checks ran in a child process", extra={
            "forkSeconds": round(checks.figures.get("fork", 0.0), 4),
            "childCpuSeconds": round(checks.figures.get("child cpu", 0.0), 3),
            "childPeakMB": round(checks.figures.get("child peak MB", 0.0))})


def _input_summary(document: dict[str, Any]) -> dict[str, Any]:
    """What the reader made of one snapshot, as `syncmatch match` reports it."""
    summary = {"format": document["format"], "objects": _count(document), "warnings": document["warnings"]}
    if document.get("id"):
        summary["snapshot"] = document["id"]
    return summary


def _count(document: dict[str, Any]) -> int:
    data = document["data"]
    if document["kind"] == "onprem":
        return len(data.get("objects", []))
    return sum(len(data.get(key, [])) for key in ("users", "groups", "contacts", "deletedUsers"))


def _read(snapshot: dict[str, Any], kind: str) -> dict[str, Any]:
    """Normalise an inline snapshot through the same reader as uploaded files."""
    from service.readers import ReaderError, read_snapshot

    try:
        read = read_snapshot(dumps(snapshot), kind=kind)
    except ReaderError as exc:
        raise JobFailure(problem(422, "Snapshot could not be read", f"The {kind} snapshot could not be read.",
                                 problem_type("unreadable-snapshot"), errors=[exc.to_dict()])) from exc
    return {"kind": read.kind, "format": read.format, "warnings": read.warnings, "rejected": read.rejected,
            "data": read.data}


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
