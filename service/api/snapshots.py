"""Snapshots: upload an export file once (any reader format, gzip allowed), use its id in jobs, delete it."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, jsonify, request, url_for

from service.adapters import in_child, uploads
from service.api.context import services, tenant
from service.api.idempotency import idempotent, streamed_digest
from service.api.problems import NOT_UNICODE, problem_response
from service.api.queries import load_query
from service.api.schemas import SnapshotUploadQuery
from service.problems import problem_type
from service.usecases import upload_snapshot as usecase

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
    from service.readers import ReaderError

    try:
        metadata = usecase.upload_snapshot(services(), tenant(), request.stream, kind=query["kind"],
                                           fmt=query.get("format"), gzipped=_declared_gzip(),
                                           expected=request.content_length, received=_received)
    except uploads.BodyTooLarge as exc:
        return problem_response(413, "Content Too Large", exc.detail, problem_type("too-large"))
    except uploads.BadGzip as exc:
        return problem_response(422, "Unreadable gzip", f"The body is not valid gzip: {exc}.",
                                problem_type("unreadable-snapshot"))
    except ReaderError as exc:
        return _unreadable(exc)
    except usecase.TooManyObjects as exc:
        return problem_response(413, "Too many objects", f"The snapshot holds {exc.objects} objects; at most "
                                f"{exc.limit} are allowed per snapshot (SYNCMATCH_MAX_OBJECTS).",
                                problem_type("too-many-objects"), objects=exc.objects, maxObjects=exc.limit)
    except usecase.NotUnicode:
        return problem_response(422, "Snapshot could not be read", NOT_UNICODE, problem_type("unreadable-snapshot"))
    except in_child.ChildDied as exc:
        return problem_response(503, "Upload not read", f"The process reading the snapshot ended before it was "
                                f"done ({exc}); the machine may be short of memory. Upload it again, or set "
                                "SYNCMATCH_UPLOAD_CHILD_BYTES=off.", problem_type("upload-interrupted"),
                                headers={"Retry-After": "30"})
    response = jsonify(metadata)
    response.status_code = 201
    response.headers["Location"] = url_for(".get_snapshot", snapshot_id=metadata["id"])
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


def _received(sha256: str) -> None:
    """Keep the body's digest for the idempotency key (it cannot be read again)."""
    g.body_sha256 = sha256


def _unreadable(exc) -> Response:
    """A 422 problem naming the record, line and field, with the fix."""
    where = exc.to_dict()
    return problem_response(422, "Snapshot could not be read", exc.sentence(),
                            problem_type("unreadable-snapshot"), code=exc.code, record=exc.record,
                            line=exc.line, field=exc.field, hint=exc.hint, errors=[where])
