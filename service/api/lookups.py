"""Finding a job of the caller's tenant, and its stored report once it is finished."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort
from rq.job import Job

from service.adapters import queue as queues
from service.api.context import services, tenant
from service.api.problems import problem_response
from service.exceptions import SyncMatchError
from service.problems import problem_type


@dataclass(frozen=True)
class FinishedJob:
    """A finished job of the caller, its record and its report's manifest."""

    job: Job
    record: dict[str, Any]
    manifest: dict[str, Any]


def job_of_tenant(job_id: str) -> tuple[Job, dict[str, Any]]:
    """The RQ job and the record of a job of the caller's tenant, or a 404 (another tenant's job included)."""
    handles = services()
    record = handles.records.get(job_id) if queues.JOB_ID.match(job_id) else None
    job = queues.fetch_job(handles.redis, job_id) if record and record.get("tenant") == tenant() else None
    if job is None or record is None:
        abort(404, description=f"There is no job {job_id!r}, or it has expired or been deleted.")
    return job, record


def finished_job(job_id: str) -> FinishedJob:
    """The finished job and its report, or raise ReportUnavailable (409 not finished, 410 expired)."""
    job, record = job_of_tenant(job_id)
    status = queues.public_status(job)
    if status != "finished":
        raise ReportUnavailable(problem_response(
            409, "Report not ready", f"The job is {status}; the report exists once it is finished (see "
            f"GET /v1/jobs/{job_id}).", problem_type("report-not-ready"), jobStatus=status,
            headers={"Retry-After": "1"} if status in ("queued", "running") else None))
    manifest = services().reports.manifest(job_id)
    if manifest is None:
        raise ReportUnavailable(problem_response(
            410, "Report expired", "The report is gone (SYNCMATCH_RESULT_TTL passed); submit the job again.",
            problem_type("report-expired")))
    return FinishedJob(job, record, manifest)


class ReportUnavailable(SyncMatchError):
    """The job exists but has no report to show; carries the problem response."""

    def __init__(self, response) -> None:
        super().__init__(response.status)
        self.response = response


def register(app) -> None:
    """Answer ReportUnavailable with its problem."""
    app.register_error_handler(ReportUnavailable, lambda exc: exc.response)
