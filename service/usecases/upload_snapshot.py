"""Upload a snapshot: spool the export file as sent, read it with the readers, store the canonical snapshot."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import IO, Any

from service.adapters import in_child, uploads
from service.bootstrap import Services
from service.exceptions import SyncMatchError


class TooManyObjects(SyncMatchError):
    """The snapshot holds more objects than SYNCMATCH_MAX_OBJECTS allows."""

    def __init__(self, objects: int, limit: int) -> None:
        super().__init__(f"{objects} objects, at most {limit} allowed")
        self.objects, self.limit = objects, limit


class NotUnicode(SyncMatchError):
    """The snapshot holds a string that is not Unicode (a lone surrogate) and cannot be stored."""


def upload_snapshot(services: Services, tenant: str, stream: IO[bytes], *, kind: str, fmt: str | None,
                    gzipped: bool, expected: int | None, received: Callable[[str], None]) -> dict[str, Any]:
    """The stored snapshot's metadata; `received` gets the SHA-256 of the body as sent once it is all in.

    Raises BodyTooLarge, BadGzip, UploadSpaceFull, the quota's errors, ReaderError, TooManyObjects, NotUnicode,
    and ChildDied when the child process reading a large body was killed.
    """
    settings = services.settings
    services.quotas.check_bytes(tenant)  # before reading: a tenant at its quota costs nothing more
    body = uploads.read_body(stream, gzipped=gzipped, max_bytes=settings.max_upload_bytes,
                             max_inflated=settings.max_decompressed_bytes, space=services.upload_space,
                             expected=expected)
    received(body.sha256)
    with body.file:
        child = settings.upload_child_bytes is not None and body.raw_bytes >= settings.upload_child_bytes
        # A large body is read in a child process: two uploads then use two processors, and the GIL of this
        # API process stays free for the status polls it serves meanwhile.
        return in_child.call(_read_and_store, services, tenant, body, kind, fmt) if child \
            else _read_and_store(services, tenant, body, kind, fmt)


def _read_and_store(services: Services, tenant: str, body: uploads.Body, kind: str, fmt: str | None) -> dict[str, Any]:
    """Read the spooled body with the readers and store the canonical snapshot; its metadata."""
    from service.readers import ReaderError, read_snapshot

    settings = services.settings
    unreadable = None
    try:
        snapshot = read_snapshot(body.file, kind=kind, fmt=fmt)
    except ReaderError as exc:
        unreadable = exc
    body.file.drain()  # the size caps and gzip checks cover the whole body, even when reading failed
    if unreadable is not None:
        raise unreadable
    if snapshot.objects > settings.max_objects:
        raise TooManyObjects(snapshot.objects, settings.max_objects)
    try:
        return services.snapshots.save(uuid.uuid4().hex, tenant, snapshot, body.raw_bytes, settings.snapshot_ttl)
    except UnicodeEncodeError as exc:
        raise NotUnicode(str(exc)) from exc
