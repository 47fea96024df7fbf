"""What callers see of a job, in GET /v1/jobs/{id} and in the webhook sent when it ends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rq.job import Job

from service.adapters.queue import public_status
from service.problems import problem, problem_type

RECORD_FIELDS = ("onpremSnapshot", "cloudSnapshot", "callbackUrl")


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 UTC with a Z, or None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def links(job_id: str) -> dict[str, str]:
    """Where to find the job and, once finished, its outputs."""
    base = f"/v1/jobs/{job_id}"
    return {"self": base, "results": f"{base}/results", "report": f"{base}/report",
            "reportHtml": f"{base}/report.html", "remediation": f"{base}/remediation.ps1"}


def job_view(job: Job, record: dict[str, Any]) -> dict[str, Any]:
    """Status, progress, timestamps, input; the summary once finished, the problem once failed."""
    status = public_status(job)
    view: dict[str, Any] = {"id": job.id, "status": status,
                            "progress": 1.0 if status == "finished" else float(job.meta.get("progress", 0.0)),
                            "createdAt": iso(job.enqueued_at or job.created_at), "startedAt": iso(job.started_at),
                            "endedAt": iso(job.ended_at)}
    view.update({name: record[name] for name in RECORD_FIELDS if record.get(name)})
    if "callback" in record:
        view["callback"] = record["callback"]
    if status == "finished":
        view["summary"] = (job.return_value() or {}).get("summary") or {}
    elif status == "failed":
        view["error"] = job.meta.get("error") or failure_problem(job)
    view["links"] = links(job.id)
    return view


def failure_problem(job: Job) -> dict[str, Any]:
    """A problem for a job that failed without saying why: a timeout, a stop, or a bug (logged by the worker)."""
    result = job.latest_result()
    if result is not None and "JobTimeoutException" in (result.exc_string or ""):
        return problem(504, "Job timed out", f"The job ran longer than {job.timeout} seconds "
                       "(SYNCMATCH_JOB_TIMEOUT).", problem_type("job-timeout"))
    return problem(500, "Job failed", "The job failed unexpectedly; the worker's log has the details.",
                   problem_type("job-failed"))
