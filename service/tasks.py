"""What a worker does: run one matching job from its id, and deliver the webhook of a job that ended."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from typing import Any

from redis.exceptions import RedisError

from service.adapters import metrics, webhooks
from service.adapters.blobs import worth_cleaning
from service.adapters.job_records import JobRecords
from service.adapters.job_views import iso, job_view, timeout_problem
from service.adapters.jsonio import dumps, loads
from service.adapters.queue import fetch_job
from service.adapters.reports import ReportStore
from service.adapters.snapshots import SnapshotStore
from service.adapters.storage import JOB_INPUT, Storage
from service.config import Settings
from service.engine.gc_pause import paused_gc
from service.exceptions import SyncMatchError
from service.problems import problem, problem_type

PROGRESS_INTERVAL = 0.5
# Fault tests only: seconds a job waits before evaluating, and after storing its report.
TEST_DELAY = "SYNCMATCH_TEST_TASK_DELAY"
TEST_STORE_DELAY = "SYNCMATCH_TEST_STORE_DELAY"
log = logging.getLogger(__name__)


class JobFailure(SyncMatchError):
    """A job cannot complete for a reason the caller can act on; carries the problem to show them."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__(document.get("detail") or document["title"])
        self.document = document


class WebhookNotDelivered(SyncMatchError):
    """The receiver did not answer 2xx; RQ retries the delivery later."""


def evaluate_job(job_id: str) -> dict[str, Any]:
    """Run the engine on the input recorded for `job_id`; store the report; return its summary."""
    from rq import get_current_job

    job = get_current_job()
    settings = Settings.from_env()
    started = time.monotonic()
    try:
        with paused_gc():  # loading, evaluating and storing build millions of acyclic objects
            summary = _stored_summary(job.connection, settings, job_id)
            if summary is None:
                inputs = _inputs(job.connection, settings, job_id)
                _pause(TEST_DELAY)
                summary = _store(job.connection, settings, job_id, _evaluate(inputs, ProgressReporter(job)))
    except Exception as exc:
        _fail(job, settings, job_id, exc)
        with contextlib.suppress(RedisError):
            metrics.record_job(job.connection, settings.namespace, "failed", time.monotonic() - started)
        raise
    ProgressReporter(job).save(1.0)
    metrics.record_job(job.connection, settings.namespace, "finished", time.monotonic() - started)
    return {"summary": summary}


def _stored_summary(connection, settings: Settings, job_id: str) -> dict[str, Any] | None:
    """The summary of a report a previous run of this job stored in full before its worker died, if any."""
    manifest = ReportStore(connection, settings.namespace, settings.chunk_bytes).manifest(job_id)
    return None if manifest is None else manifest["summary"]


def _fail(job, settings: Settings, job_id: str, exc: Exception) -> None:
    """Unless Redis is unreachable (RQ then runs the job again, retries permitting), fail for good and clean up."""
    if not worth_cleaning(exc):
        return
    job.retries_left = 0
    document = _failure_problem(job, exc)
    with contextlib.suppress(RedisError):
        if document is not None:
            job.meta["error"] = document
            job.save_meta()
        _discard(job.connection, settings, job_id)
        JobRecords(job.connection, settings.namespace).update(job_id, ttl=settings.failure_ttl)


def _failure_problem(job, exc: Exception) -> dict[str, Any] | None:
    """The problem to show for a failure the caller can act on; None for a bug (the worker logs it)."""
    from rq.timeouts import JobTimeoutException

    if isinstance(exc, JobFailure):
        return exc.document
    return timeout_problem(job.timeout) if isinstance(exc, JobTimeoutException) else None


def _discard(connection, settings: Settings, job_id: str) -> None:
    """Remove what a failed job leaves behind: its inline input and any part of its report."""
    ReportStore(connection, settings.namespace, settings.chunk_bytes).delete(job_id)
    Storage(connection, settings.namespace, settings.chunk_bytes).delete(JOB_INPUT, job_id)


def _pause(variable: str) -> None:
    """Sleep as long as the test hook `variable` says (fault tests kill or time out a job here)."""
    seconds = os.environ.get(variable)
    if seconds:
        time.sleep(float(seconds))


def _store(connection, settings: Settings, job_id: str, report: dict[str, Any]) -> dict[str, Any]:
    """Store the report and its renderings; drop them again if the job was deleted meanwhile; the summary."""
    from service.engine import remediation_script
    from service.engine.quality import script as quality_script
    from service.reporting.html import render

    reports = ReportStore(connection, settings.namespace, settings.chunk_bytes)
    fixes = quality_script(report["dataQuality"]) if report.get("kind") == "check" else remediation_script(report)
    reports.save(job_id, report, render(report), fixes, settings.result_ttl)
    _pause(TEST_STORE_DELAY)
    if not JobRecords(connection, settings.namespace).update(job_id, ttl=settings.result_ttl):
        reports.delete(job_id)
    Storage(connection, settings.namespace, settings.chunk_bytes).delete(JOB_INPUT, job_id)
    return report.get("summary")


def _inputs(connection, settings: Settings, job_id: str) -> tuple[dict, dict | None, dict | None]:
    """The on-prem and cloud documents ({kind, format, warnings, rejected, data}; cloud None for a check-only job)
    and the run's settings."""
    record = JobRecords(connection, settings.namespace).get(job_id)
    if record is None:
        raise JobFailure(problem(410, "Job deleted", "The job was deleted before a worker took it.",
                                 problem_type("job-deleted")))
    snapshots = SnapshotStore(connection, settings.namespace, settings.chunk_bytes)
    inline = None
    documents: dict[str, Any] = {"cloud": None}  # no cloud snapshot: a check-only job
    for kind in ("onprem",) if record.get("checkOnly") == "true" else ("onprem", "cloud"):
        if record.get(f"{kind}Snapshot"):
            documents[kind] = _uploaded(snapshots, record[f"{kind}Snapshot"], kind)
            continue
        if inline is None:
            inline = _inline_input(Storage(connection, settings.namespace, settings.chunk_bytes), job_id)
        documents[kind] = _read(inline[kind], kind)
    documents["onprem"]["more"] = [_uploaded(snapshots, snapshot_id, "onprem")
                                   for snapshot_id in (record.get("onpremSnapshots") or "").split(",") if snapshot_id]
    documents["onprem"]["labels"] = loads(record.get("onpremLabels") or "[]")
    return documents["onprem"], documents["cloud"], loads(record.get("settings") or "null")


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


def _evaluate(inputs: tuple[dict, dict | None, dict | None], progress: ProgressReporter) -> dict[str, Any]:
    from service.engine import SettingsError, evaluate
    from service.engine.quality import check_report

    onprem, cloud, run_settings = inputs
    more = onprem.get("more") or []  # further on-premises exports (other domains or forests)
    if cloud is None:  # check-only: IdFix's checks on the on-premises objects alone
        data = {**onprem["data"], "objects": [o for d in (onprem, *more) for o in d["data"].get("objects", [])]} \
            if more else onprem["data"]
        report = check_report(data, [r for d in (onprem, *more) for r in d["rejected"]])
        report["input"] = {"onprem": _input_summary(onprem)}
        return report
    try:
        report = evaluate(onprem["data"], cloud["data"], run_settings,
                          rejected=[*onprem["rejected"], *(r for d in more for r in d["rejected"]), *cloud["rejected"]],
                          progress=progress, more_onprem=[d["data"] for d in more], labels=onprem.get("labels"))
    except SettingsError as exc:
        raise JobFailure(problem(422, "Invalid settings", str(exc), problem_type("invalid-settings"))) from exc
    report["input"] = {"onprem": _input_summary(onprem), "cloud": _input_summary(cloud)}
    if more:
        report["input"]["onpremMore"] = [_input_summary(d) for d in more]
    return report


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


def deliver_webhook(job_id: str) -> str:
    """POST the signed end-of-job event to the job's callbackUrl; raise to have RQ retry on failure."""
    from rq import get_current_job

    current = get_current_job()
    settings = Settings.from_env()
    records = JobRecords(current.connection, settings.namespace)
    record = records.get(job_id)
    evaluation = fetch_job(current.connection, job_id)
    if record is None or evaluation is None or not record.get("callbackUrl"):
        return "skipped: the job is gone"
    body = _event_body(records, job_id, record, evaluation)
    attempt = int((record.get("callback") or {}).get("attempts", 0)) + 1
    last_try = not current.retries_left
    outcome, error = _attempt(settings, job_id, record["callbackUrl"], body, record.get("tenant"))
    metrics.record_webhook(current.connection, settings.namespace, outcome)
    state = {"status": outcome if outcome != "failed" or last_try else "retrying", "attempts": attempt,
             "lastAttemptAt": iso_now()}
    if error:
        state["lastError"] = error
    records.update(job_id, callback=state)
    if outcome == "failed":
        raise WebhookNotDelivered(error)
    return outcome


def _event_body(records: JobRecords, job_id: str, record: dict[str, Any], evaluation) -> bytes:
    """The event, built on the first attempt and sent identically on every retry."""
    if record.get("webhookBody"):
        return record["webhookBody"].encode("utf-8")
    view = {key: value for key, value in job_view(evaluation, record).items() if key != "callback"}
    event = {"type": f"job.{view['status']}", "timestamp": iso_now(), "data": view}
    body = dumps(event)
    records.update(job_id, webhookBody=body.decode("utf-8"))
    return body


def _attempt(settings: Settings, job_id: str, url: str, body: bytes,
             tenant: str | None = None) -> tuple[str, str | None]:
    """One delivery attempt, signed with the tenant's secret: ("delivered" | "failed" | "refused", error)."""
    secret = settings.webhook_secret_for(tenant) if tenant else settings.webhook_secret
    if secret is None:
        return "refused", ("neither SYNCMATCH_WEBHOOK_SECRETS (for this tenant) nor SYNCMATCH_WEBHOOK_SECRET is set "
                           "where webhooks are delivered, so the webhook cannot be signed")
    try:
        target = webhooks.check(url, settings.webhook_allow_private)
    except webhooks.UnsafeTarget as exc:
        log.warning("webhook refused", extra={"job": job_id, "reason": str(exc)})
        return "refused", str(exc)
    message_id, timestamp = f"msg_{job_id}", int(time.time())
    headers = {"webhook-id": message_id, "webhook-timestamp": str(timestamp),
               "webhook-signature": webhooks.sign(secret, message_id, timestamp, body)}
    try:
        status = webhooks.post(target, body, headers, settings.webhook_timeout)
    except OSError as exc:
        return "failed", f"{type(exc).__name__}: {exc}"
    if 200 <= status < 300:
        return "delivered", None
    return "failed", f"the receiver answered HTTP {status}"


def iso_now() -> str:
    """Now, ISO 8601 UTC."""
    from datetime import UTC, datetime

    return iso(datetime.now(UTC))

