"""Matching jobs: submit, follow, fetch the report (JSON, HTML, PowerShell), delete."""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, g, jsonify, request, url_for
from marshmallow import ValidationError
from redis.exceptions import RedisError

from service.adapters import queue as queues
from service.adapters import webhooks
from service.adapters.blobs import compressor, worth_cleaning
from service.adapters.job_views import job_view
from service.adapters.jsonio import dumps
from service.adapters.storage import JOB_INPUT
from service.api.context import services, tenant
from service.api.idempotency import buffered_digest, idempotent
from service.api.lookups import finished_job, job_of_tenant
from service.api.problems import NOT_UNICODE
from service.api.schemas import KINDS, JobRequestSchema
from service.exceptions import Gone

blueprint = Blueprint("jobs", __name__, url_prefix="/v1/jobs")

RETRY_AFTER = "1"
PS1_BOM = "\ufeff".encode()  # Windows PowerShell 5.1 reads a .ps1 as UTF-8 only with a BOM
_request_schema = JobRequestSchema()
log = logging.getLogger(__name__)
access_log = logging.getLogger("service.api.access")


@blueprint.post("")
@idempotent(buffered_digest)
def create_job() -> Response:
    """Record the input under a new id and queue a job that carries only that id."""
    document = _load(_json_body())
    job_id = uuid.uuid4().hex
    settings = services().settings
    services().quotas.admit_job(tenant(), job_id, settings.snapshot_ttl + settings.job_timeout)
    try:
        job = _record_and_enqueue(job_id, document, document.get("callbackUrl"))
    except BaseException as exc:
        if worth_cleaning(exc):
            _discard(job_id)
        if isinstance(exc, UnicodeEncodeError):
            raise ValidationError({"_schema": [NOT_UNICODE]}) from None
        raise
    response = jsonify(job_view(job, services().records.get(job_id) or {}))
    response.status_code = 202
    response.headers["Location"] = url_for(".get_job", job_id=job_id)
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


def _record_and_enqueue(job_id: str, document: dict[str, Any], url: str | None):
    """Store the inline input and the job's record, then queue the job (and its webhook)."""
    handles, settings = services(), services().settings
    inline = {kind: document[kind] for kind in KINDS if kind in document}
    if inline:
        handles.storage.put(JOB_INPUT, job_id, inline, settings.snapshot_ttl)
    handles.records.create(
        job_id, tenant(), settings.snapshot_ttl + settings.job_timeout + max(settings.result_ttl, settings.failure_ttl),
        onpremSnapshot=document.get("onpremSnapshot"), cloudSnapshot=document.get("cloudSnapshot"),
        onpremSnapshots=",".join(document["onpremSnapshots"]) if document.get("onpremSnapshots") else None,
        onpremLabels=dumps(document["onpremLabels"]).decode() if document.get("onpremLabels") else None,
        settings=dumps(document["settings"]).decode(), callbackUrl=url,
        checkOnly="true" if not ("cloud" in document or document.get("cloudSnapshot")) else None,
        callback={"status": "pending", "attempts": 0} if url else None)
    job = queues.enqueue_evaluation(handles.queue, job_id, settings)
    if url:
        queues.enqueue_webhook(handles.redis, job, settings)
    return job


def _discard(job_id: str) -> None:
    """Best-effort removal of a job that could not be accepted (Redis full or gone half-way)."""
    handles = services()
    with contextlib.suppress(RedisError):
        handles.quotas.release_job(tenant(), job_id)
        handles.records.delete(job_id)
        queues.remove_job(handles.redis, job_id)
        handles.storage.delete(JOB_INPUT, job_id)


def _load(raw: Any) -> dict[str, Any]:
    """The validated request, with the callback URL and the snapshot ids checked as well."""
    errors: dict[str, Any] = {}
    try:
        document = _request_schema.load(raw)
    except ValidationError as exc:
        errors = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        document = exc.valid_data if isinstance(exc.valid_data, dict) else {}
    if isinstance(raw, dict):
        if isinstance(raw.get("callbackUrl"), str) and "callbackUrl" not in errors:
            errors.update(_callback_errors(raw["callbackUrl"]))
        errors.update({name: detail for name, detail in _snapshot_errors(document).items() if name not in errors})
    if errors:
        raise ValidationError(errors)
    return document


def _callback_errors(url: str) -> dict[str, list[str]]:
    settings = services().settings
    if settings.webhook_secret_for(tenant()) is None:
        return {"callbackUrl": ["This server sends no webhooks for this tenant: neither SYNCMATCH_WEBHOOK_SECRET nor "
                                "a SYNCMATCH_WEBHOOK_SECRETS entry for it is set. Poll GET /v1/jobs/{id} instead, "
                                "or ask the operator to set one."]}
    try:
        webhooks.check(url, settings.webhook_allow_private)
    except webhooks.UnsafeTarget as exc:
        return {"callbackUrl": [f"Cannot be used: {exc}."]}
    return {}


def _snapshot_errors(document: dict[str, Any]) -> dict[str, list[str]]:
    errors = {}
    for kind in KINDS:
        snapshot_id = document.get(f"{kind}Snapshot")
        if snapshot_id is None:
            continue
        metadata = services().snapshots.metadata(snapshot_id, tenant())
        if metadata is None:
            errors[f"{kind}Snapshot"] = [f"There is no snapshot {snapshot_id}, or it has expired or been deleted; "
                                         f"upload it with POST /v1/snapshots?kind={kind}."]
        elif metadata["kind"] != kind:
            errors[f"{kind}Snapshot"] = [f"Snapshot {snapshot_id} is a {metadata['kind']} snapshot, not {kind}."]
    more = {n: detail for n, detail in _more_onprem_errors(document.get("onpremSnapshots") or []).items()}
    if more:
        errors["onpremSnapshots"] = more  # type: ignore[assignment]
    return errors


def _more_onprem_errors(ids: list[str]) -> dict[int, list[str]]:
    """Each further on-premises snapshot must exist and be an on-premises one."""
    errors = {}
    for n, snapshot_id in enumerate(ids):
        metadata = services().snapshots.metadata(snapshot_id, tenant())
        if metadata is None:
            errors[n] = [f"There is no snapshot {snapshot_id}, or it has expired or been deleted; upload it with "
                         "POST /v1/snapshots?kind=onprem."]
        elif metadata["kind"] != "onprem":
            errors[n] = [f"Snapshot {snapshot_id} is a {metadata['kind']} snapshot, not onprem."]
    return errors


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
    finished = finished_job(job_id)
    pieces = _guarded(services().reports.stream_json(job_id, finished.manifest), job_id)
    if request.accept_encodings["gzip"]:
        response = Response(_gzipped(pieces), mimetype="application/json")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(pieces, mimetype="application/json")
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


def _gzipped(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """One gzip stream, compressed on the fly (fast level: the bottleneck is the network)."""
    deflater = compressor(1)
    for piece in pieces:
        out = deflater.compress(piece)
        if out:
            yield out
    yield deflater.flush()
