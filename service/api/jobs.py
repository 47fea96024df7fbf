"""Matching jobs: submit inline snapshots, follow the job, fetch the report."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for
from rq.job import Job

from service.adapters import queue as queues
from service.adapters.storage import JOB_INPUT, REPORT, decompress
from service.api.context import services
from service.api.problems import problem_response
from service.api.schemas import JobRequestSchema
from service.problems import problem, problem_type

blueprint = Blueprint("jobs", __name__, url_prefix="/v1/jobs")

RETRY_AFTER = "1"
_request_schema = JobRequestSchema()


@blueprint.post("")
def create_job() -> Response:
    """Store the input under a new id and queue a job that carries only that id."""
    document = _request_schema.load(request.get_json())
    handles = services()
    job_id = uuid.uuid4().hex
    handles.storage.put(JOB_INPUT, job_id, document, handles.settings.snapshot_ttl)
    job = queues.enqueue_evaluation(handles.queue, job_id, handles.settings)
    response = jsonify(_job_view(job))
    response.status_code = 202
    response.headers["Location"] = url_for(".get_job", job_id=job_id)
    response.headers["Retry-After"] = RETRY_AFTER
    return response


@blueprint.get("/<job_id>")
def get_job(job_id: str) -> Response:
    """Status, progress, and the summary once finished or the problem once failed."""
    view = _job_view(_job_or_404(job_id))
    response = jsonify(view)
    if view["status"] in {"queued", "running"}:
        response.headers["Retry-After"] = RETRY_AFTER
    return response


@blueprint.get("/<job_id>/report")
def get_report(job_id: str) -> Response:
    """The whole report of a finished job, gzip-encoded when the client accepts it."""
    job = _job_or_404(job_id)
    status = queues.public_status(job)
    if status != "finished":
        return problem_response(409, "Report not ready", f"The job is {status}; the report exists once it "
                                "is finished (see GET /v1/jobs/{id}).", problem_type("report-not-ready"),
                                jobStatus=status)
    blob = services().storage.get_compressed(REPORT, job_id)
    if blob is None:
        return problem_response(410, "Report expired", "The report is gone (SYNCMATCH_RESULT_TTL passed); "
                                "submit the job again.", problem_type("report-expired"))
    return _json_bytes(blob)


def _job_or_404(job_id: str) -> Job:
    job = queues.fetch_job(services().redis, job_id)
    if job is None:
        abort(404, description=f"There is no job {job_id!r}, or it has expired.")
    return job


def _job_view(job: Job) -> dict[str, Any]:
    status = queues.public_status(job)
    view: dict[str, Any] = {"id": job.id, "status": status,
                            "progress": 1.0 if status == "finished" else job.meta.get("progress", 0.0),
                            "createdAt": _iso(job.enqueued_at), "startedAt": _iso(job.started_at),
                            "endedAt": _iso(job.ended_at)}
    if status == "finished":
        view["summary"] = (job.return_value() or {}).get("summary")
    elif status == "failed":
        view["error"] = job.meta.get("error") or _failure_problem(job)
    return view


def _failure_problem(job: Job) -> dict[str, Any]:
    """A problem for a job that failed without saying why: a timeout or a bug (logged by the worker)."""
    result = job.latest_result()
    if result is not None and "JobTimeoutException" in (result.exc_string or ""):
        return problem(504, "Job timed out", f"The job ran longer than {job.timeout} seconds "
                       "(SYNCMATCH_JOB_TIMEOUT).", problem_type("job-timeout"))
    return problem(500, "Job failed", "The job failed unexpectedly; the worker's log has the details.",
                   problem_type("job-failed"))


def _json_bytes(blob: bytes) -> Response:
    if request.accept_encodings["gzip"]:
        response = Response(blob, mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(decompress(blob), mimetype="application/json")
    response.headers["Vary"] = "Accept-Encoding"
    return response


def _iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None
