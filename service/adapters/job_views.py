"""What callers see of a job, in GET /v1/jobs/{id} and in the webhook sent when it ends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rq.job import Job

from service.adapters.queue import public_status
from service.problems import problem, problem_type

RECORD_FIELDS = ("onpremSnapshot", "cloudSnapshot", "callbackUrl")
ABANDONED = ("AbandonedJobError", "Work-horse terminated unexpectedly")  # how RQ records a worker that died


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
            "reportHtml": f"{base}/report.html", "remediation": f"{base}/remediation.ps1", "quality": f"{base}/quality"}


def job_view(job: Job, record: dict[str, Any]) -> dict[str, Any]:
    """Status, progress, timestamps, input; the summary once finished, the problem once failed."""
    status = public_status(job)
    view: dict[str, Any] = {"id": job.id, "status": status,
                            "progress": 1.0 if status == "finished" else float(job.meta.get("progress", 0.0)),
                            "createdAt": iso(job.enqueued_at or job.created_at), "startedAt": iso(job.started_at),
                            "endedAt": iso(job.ended_at)}
    view.update({name: record[name] for name in RECORD_FIELDS if record.get(name)})
    if record.get("onpremSnapshots"):  # further on-premises exports, stored comma-joined
        view["onpremSnapshots"] = record["onpremSnapshots"].split(",")
    if "callback" in record:
        view["callback"] = record["callback"]
    if status == "finished":
        view["summary"] = (job.return_value() or {}).get("summary") or {}
    elif status == "failed":
        view["error"] = job.meta.get("error") or failure_problem(job)
    view["links"] = links(job.id)
    return view


def failure_problem(job: Job) -> dict[str, Any]:
    """A problem for a job that failed without saying why: a timeout, a dying worker, or a bug (logged)."""
    result = job.latest_result()
    failure = (result.exc_string if result is not None else "") or ""
    if "JobTimeoutException" in failure:
        return timeout_problem(int(job.timeout) if job.timeout is not None else None)
    if any(sign in failure for sign in ABANDONED):
        return problem(503, "Job interrupted", "Every worker that ran this job stopped before it ended (killed, "
                       "out of memory, or its machine restarted). Submit the job again; if it keeps happening, "
                       "give the workers more memory.", problem_type("job-interrupted"))
    return problem(500, "Job failed", "The job failed unexpectedly; the worker's log has the details.",
                   problem_type("job-failed"))


def timeout_problem(seconds: int | None) -> dict[str, Any]:
    """The problem of a job that ran past its time limit, and how to give jobs more time."""
    return problem(504, "Job timed out", f"The job ran longer than {seconds} seconds, the limit in force when it "
                   "was submitted. Raise SYNCMATCH_JOB_TIMEOUT on the API (it gives each new job its limit) and "
                   "restart it, then submit the job again.", problem_type("job-timeout"), timeoutSeconds=seconds)
