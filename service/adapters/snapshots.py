"""Uploaded snapshots: the canonical document, chunked and compressed, and its metadata, per tenant."""

from __future__ import annotations

import contextlib
import re
import time
from datetime import UTC, datetime
from typing import Any

from redis.exceptions import RedisError

from service.adapters import metrics, packed
from service.adapters.blobs import BlobInfo, Blobs, worth_cleaning
from service.adapters.jsonio import dumps, loads, pieces
from service.adapters.quotas import TenantQuotas
from service.exceptions import QuotaExceeded

ID = re.compile(r"^[0-9a-f]{32}$")


# A snapshot lives for minutes to hours and is read once per job, so it is stored the way it loads fastest:
# MessagePack, uncompressed (gzip took longer than encoding and decoding together; a 1M pair is about 1 GB).
# A document MessagePack cannot hold as JSON would is stored as JSON at gzip level 1, as before.
SNAPSHOT_GZIP_LEVEL = 1
PACKED = "msgpack"


def iso(epoch: float) -> str:
    """An epoch time as ISO 8601 UTC with a Z."""
    return datetime.fromtimestamp(int(epoch), UTC).isoformat().replace("+00:00", "Z")


class SnapshotStore:
    """`{ns}:snapshot:{id}` holds the metadata; the blob `{ns}:snapshot:{id}:data` the canonical snapshot."""

    def __init__(self, connection, namespace: str, chunk_bytes: int, quotas: TenantQuotas | None = None) -> None:
        self.connection = connection
        self.namespace = namespace
        self.blobs = Blobs(connection, namespace, chunk_bytes)
        self.quotas = quotas

    def key(self, snapshot_id: str) -> str:
        """The metadata key."""
        return f"{self.namespace}:snapshot:{snapshot_id}"

    def save(self, snapshot_id: str, tenant: str, snapshot, source_bytes: int, ttl: int) -> dict[str, Any]:
        """Store a reader's Snapshot (data, rejected, warnings) for `ttl` seconds; return its metadata."""
        document = {"kind": snapshot.kind, "format": snapshot.format, "warnings": snapshot.warnings,
                    "rejected": snapshot.rejected, "data": snapshot.data}
        info = self._write(snapshot_id, document, ttl)
        if self.quotas is not None:
            try:
                self.quotas.check_bytes(tenant, adding=info.stored_bytes)
            except QuotaExceeded:
                self.blobs.delete(f"snapshot:{snapshot_id}:data")
                raise
        created = time.time()
        fields = {"tenant": tenant, "kind": snapshot.kind, "format": snapshot.format,
                  "objects": snapshot.objects, "rejected": len(snapshot.rejected),
                  "warnings": dumps(snapshot.warnings), "sourceBytes": source_bytes,
                  "storedBytes": info.stored_bytes, "createdAt": int(created), "expiresAt": int(created + ttl)}
        try:
            with self.connection.pipeline(transaction=True) as pipe:
                pipe.hset(self.key(snapshot_id), mapping=fields)
                pipe.expire(self.key(snapshot_id), ttl)
                metrics.track_snapshot(pipe, self.namespace, snapshot_id, info.stored_bytes, created + ttl)
                if self.quotas is not None:
                    self.quotas.track_snapshot(pipe, tenant, snapshot_id, info.stored_bytes, created + ttl)
                pipe.execute()
        except BaseException as exc:
            if worth_cleaning(exc):
                with contextlib.suppress(RedisError):
                    self.delete(snapshot_id)
            raise
        return self.view(snapshot_id, fields)

    def _write(self, snapshot_id: str, document: dict[str, Any], ttl: int) -> BlobInfo:
        """Store the document as MessagePack, or as gzip JSON when MessagePack would not give it back the same."""
        name = f"snapshot:{snapshot_id}:data"
        try:
            return self.blobs.write(name, packed.pieces(document), ttl, level=None, content=PACKED)
        except packed.NotPacked:
            return self.blobs.write(name, pieces(document), ttl, level=SNAPSHOT_GZIP_LEVEL)

    def metadata(self, snapshot_id: str, tenant: str) -> dict[str, Any] | None:
        """The public metadata of a snapshot of `tenant`, or None (absent, expired, or another tenant's)."""
        if not ID.match(snapshot_id):
            return None
        raw = self.connection.hgetall(self.key(snapshot_id))
        fields = {key.decode(): value.decode() for key, value in raw.items()}
        if not fields or fields.get("tenant") != tenant:
            return None
        return self.view(snapshot_id, fields)

    def load(self, snapshot_id: str) -> dict[str, Any] | None:
        """The stored document {kind, format, warnings, rejected, data}, or None if it is gone."""
        name = f"snapshot:{snapshot_id}:data"
        info = self.blobs.info(name)
        if info is None:
            return None
        data = self.blobs.read_buffer(name, info)
        return packed.loads(data) if info.content == PACKED else loads(data)

    def delete(self, snapshot_id: str) -> None:
        """Remove the snapshot at once."""
        self.blobs.delete(f"snapshot:{snapshot_id}:data")
        self.connection.delete(self.key(snapshot_id))
        metrics.untrack_snapshot(self.connection, self.namespace, snapshot_id)

    @staticmethod
    def view(snapshot_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """The metadata as the API shows it."""
        warnings = fields["warnings"]
        return {"id": snapshot_id, "kind": fields["kind"], "format": fields["format"],
                "objects": int(fields["objects"]), "rejected": int(fields["rejected"]),
                "warnings": loads(warnings) if isinstance(warnings, str | bytes) else warnings,
                "sourceBytes": int(fields["sourceBytes"]), "storedBytes": int(fields["storedBytes"]),
                "createdAt": iso(float(fields["createdAt"])), "expiresAt": iso(float(fields["expiresAt"]))}
