"""Snapshots: upload an export file once (any reader format, gzip allowed), use its id in jobs, delete it."""

from __future__ import annotations

import uuid

from flask import Blueprint, Response, abort, g, jsonify, request, url_for

from service.api import uploads
from service.api.context import services, tenant
from service.api.idempotency import idempotent, streamed_digest
from service.api.problems import NOT_UNICODE, problem_response
from service.api.queries import load_query
from service.api.schemas import SnapshotUploadQuery
from service.problems import problem_type

blueprint = Blueprint("snapshots", __name__, url_prefix="/v1/snapshots")

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_query_schema = SnapshotUploadQuery()


@blueprint.post("")
@idempotent(streamed_digest)
def upload_snapshot() -> Response:
    """Stream the body in, read it with the readers, store the canonical snapshot; 201 with its metadata."""
    query = load_query(_query_schema)
    refused = _refuse_encoding()
    if refused is not None:
        return refused
    settings = services().settings
    services().quotas.check_bytes(tenant())  # before reading: a tenant at its quota costs nothing more
    try:
        body = uploads.read_body(request.stream, gzipped=_declared_gzip(), max_bytes=settings.max_upload_bytes,
                                 max_inflated=settings.max_decompressed_bytes, space=services().upload_space,
                                 expected=request.content_length)
        g.body_sha256 = body.sha256
        with body.file:
            snapshot = _read(body.file, query)
            body.file.drain()
    except uploads.BodyTooLarge as exc:
        return problem_response(413, "Content Too Large", exc.detail, problem_type("too-large"))
    except uploads.BadGzip as exc:
        return problem_response(422, "Unreadable gzip", f"The body is not valid gzip: {exc}.",
                                problem_type("unreadable-snapshot"))
    if isinstance(snapshot, Response):
        return snapshot
    if snapshot.objects > settings.max_objects:
        return problem_response(413, "Too many objects", f"The snapshot holds {snapshot.objects} objects; at most "
                                f"{settings.max_objects} are allowed per snapshot (SYNCMATCH_MAX_OBJECTS).",
                                problem_type("too-many-objects"), objects=snapshot.objects,
                                maxObjects=settings.max_objects)
    snapshot_id = uuid.uuid4().hex
    try:
        metadata = services().snapshots.save(snapshot_id, tenant(), snapshot, body.raw_bytes, settings.snapshot_ttl)
    except UnicodeEncodeError:
        return problem_response(422, "Snapshot could not be read", NOT_UNICODE, problem_type("unreadable-snapshot"))
    response = jsonify(metadata)
    response.status_code = 201
    response.headers["Location"] = url_for(".get_snapshot", snapshot_id=snapshot_id)
    return response


@blueprint.get("/<snapshot_id>")
def get_snapshot(snapshot_id: str) -> Response:
    """Kind, format, object count, warnings, rejected count and expiry of an uploaded snapshot."""
    return jsonify(_metadata_or_404(snapshot_id))


@blueprint.delete("/<snapshot_id>")
def delete_snapshot(snapshot_id: str) -> Response:
    """Remove the snapshot now; jobs already finished keep their reports."""
    _metadata_or_404(snapshot_id)
    services().snapshots.delete(snapshot_id)
    return Response(status=204)


def _metadata_or_404(snapshot_id: str) -> dict:
    metadata = services().snapshots.metadata(snapshot_id, tenant())
    if metadata is None:
        abort(404, description=f"There is no snapshot {snapshot_id!r}, or it has expired or been deleted.")
    return metadata


def _refuse_encoding() -> Response | None:
    """415 for form posts (curl -d, -F) and content encodings other than gzip."""
    mimetype = request.mimetype
    if mimetype in FORM_TYPES:
        return problem_response(415, "Unsupported Media Type", "Send the export file itself as the body, e.g. "
                                "`curl --data-binary @users.json -H 'Content-Type: application/octet-stream'` or "
                                "`Invoke-RestMethod -InFile users.json -ContentType application/octet-stream`, not "
                                f"as a form ({mimetype}).", problem_type("unsupported-media-type"))
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip"):
        return problem_response(415, "Unsupported Media Type", f"Content-Encoding {encoding!r} is not supported; "
                                "send the body as is or gzip-compressed.", problem_type("unsupported-media-type"))
    return None


def _declared_gzip() -> bool:
    return request.headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip")


def _read(file, query: dict):
    """The reader's Snapshot, or a 422 problem naming the record, line and field, with the fix."""
    from service.readers import ReaderError, read_snapshot

    try:
        return read_snapshot(file, kind=query["kind"], fmt=query.get("format"))
    except ReaderError as exc:
        where = exc.to_dict()
        return problem_response(422, "Snapshot could not be read", exc.sentence(),
                                problem_type("unreadable-snapshot"), code=exc.code, record=exc.record,
                                line=exc.line, field=exc.field, hint=exc.hint, errors=[where])
