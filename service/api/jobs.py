"""Matching jobs: submit, follow, fetch the report (JSON, HTML, PowerShell), delete."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, g, jsonify, request, url_for
from marshmallow import ValidationError

from service.adapters import queue as queues
from service.adapters.blobs import gzip_stream
from service.adapters.job_views import job_view
from service.adapters.storage import JOB_INPUT
from service.api.context import services, tenant
from service.api.idempotency import buffered_digest, idempotent
from service.api.lookups import finished_job, job_of_tenant
from service.api.problems import NOT_UNICODE
from service.api.schemas import JobRequestSchema
from service.exceptions import Gone
from service.usecases import create_job as usecase

blueprint = Blueprint("jobs", __name__, url_prefix="/v1/jobs")

RETRY_AFTER = "1"
PS1_BOM = "\ufeff".encode()  # Windows PowerShell 5.1 reads a .ps1 as UTF-8 only with a BOM
_request_schema = JobRequestSchema()
log = logging.getLogger(__name__)
access_log = logging.getLogger("service.api.access")


@blueprint.post("")
@idempotent(buffered_digest)
def create_job() -> Response:
    """Record the input under a new id and queue a job that carries only that id (usecases/create_job.py)."""
    document = _load(_json_body())
    try:
        job = usecase.create_job(services(), tenant(), document)
    except UnicodeEncodeError:
        raise ValidationError({"_schema": [NOT_UNICODE]}) from None
    response = jsonify(job_view(job, services().records.get(job.id) or {}))
    response.status_code = 202
    response.headers["Location"] = url_for(".get_job", job_id=job.id)
    response.headers["Retry-After"] = RETRY_AFTER
    return response


def _json_body() -> Any:
    """The body parsed as JSON: 415 when it is not sent as JSON, 400 saying why when it cannot be parsed."""
    if not request.is_json:
        return request.get_json()  # werkzeug's 415
    try:
        return json.loads(request.get_data(cache=True))
    except RecursionError:
        abort(400, description="The JSON body is nested too deeply to be a job request.")
    except json.JSONDecodeError as exc:
        abort(400, description=f"The body is not valid JSON: {exc}.")
    except ValueError:  # int() refuses a number of more than 4300 digits
        abort(422, description="The body holds an integer of more than 4300 digits: no setting or directory "
                               "value is that large. Check the values sent.")


def _load(raw: Any) -> dict[str, Any]:
    """The validated request, with the callback URL and the snapshot ids checked as well."""
    errors: dict[str, Any] = {}
    try:
        document = _request_schema.load(raw)
    except ValidationError as exc:
        errors = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        document = exc.valid_data if isinstance(exc.valid_data, dict) else {}
    if isinstance(raw, dict):
        errors = usecase.reference_errors(services(), tenant(), raw, document, errors)
    if errors:
        raise ValidationError(errors)
    return document


@blueprint.get("/<job_id>")
def get_job(job_id: str) -> Response:
    """Status, progress, and the summary once finished or the problem once failed."""
    job, record = job_of_tenant(job_id)
    view = job_view(job, record)
    response = jsonify(view)
    if view["status"] in {"queued", "running"}:
        response.headers["Retry-After"] = RETRY_AFTER
    return response


@blueprint.delete("/<job_id>")
def delete_job(job_id: str) -> Response:
    """Stop the job if it runs; remove it, its report and its input now."""
    job_of_tenant(job_id)
    handles = services()
    handles.records.delete(job_id)
    handles.quotas.release_job(tenant(), job_id)
    queues.remove_job(handles.redis, job_id)
    handles.reports.delete(job_id)
    handles.storage.delete(JOB_INPUT, job_id)
    return Response(status=204)


@blueprint.get("/<job_id>/report")
def get_report(job_id: str) -> Response:
    """The whole report of a finished job, streamed; gzip-encoded when the client accepts it."""
    finished, reports = finished_job(job_id), services().reports
    if request.accept_encodings["gzip"]:
        # The stored chunks as they are, when their layout lets them be spliced; else inflated and compressed again.
        gzipped = reports.stream_gzip(job_id, finished.manifest)
        if gzipped is None:
            gzipped = gzip_stream(reports.stream_json(job_id, finished.manifest))
        response = Response(_guarded(gzipped, job_id), mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(_guarded(reports.stream_json(job_id, finished.manifest), job_id),
                            mimetype="application/json")
    response.headers["Vary"] = "Accept-Encoding"
    return response


@blueprint.get("/<job_id>/report.html")
def get_report_html(job_id: str) -> Response:
    """The report as a self-contained HTML page."""
    from service.reporting.html import CSP

    return _document(job_id, "html", "text/html", {"Content-Security-Policy": CSP})


@blueprint.get("/<job_id>/remediation.ps1")
def get_remediation(job_id: str) -> Response:
    """Every object's remediation as one PowerShell script to review and run."""
    headers = {"Content-Disposition": f'inline; filename="syncmatch-remediation-{job_id}.ps1"'}
    return _document(job_id, "ps1", "text/plain", headers, prefix=PS1_BOM)


def _document(job_id: str, part: str, mimetype: str, headers: dict[str, str], prefix: bytes = b"") -> Response:
    finished_job(job_id)
    pieces = services().reports.document(job_id, part) or iter(())
    body = _guarded(_prefixed(prefix, pieces), job_id)
    return Response(body, mimetype=mimetype, headers={**headers, "X-Content-Type-Options": "nosniff"})


def _prefixed(prefix: bytes, pieces: Iterator[bytes]) -> Iterator[bytes]:
    if prefix:
        yield prefix
    yield from pieces


def _guarded(pieces: Iterator[bytes], job_id: str) -> Iterator[bytes]:
    """End the stream cleanly if the report (or any stored part of it) goes while it is being sent; log why."""
    # Read now: the body is sent after the request context has gone.
    where = {"job": job_id, "method": request.method, "path": request.path, "requestId": g.get("request_id")}
    return _ended_cleanly(pieces, where)


def _ended_cleanly(pieces: Iterator[bytes], where: dict[str, str | None]) -> Iterator[bytes]:
    try:
        yield from pieces
    except Gone as exc:
        # The status line is already sent: the body ends early, and the access log says why.
        access_log.warning("%s %s stream ended early: %s", where["method"], where["path"], exc.reason,
                           extra={**where, "reason": exc.reason, "error": type(exc).__name__})


