"""JSON documents (an inline job's input) kept in Redis as chunked, gzip-compressed blobs with a TTL."""

from __future__ import annotations

from typing import Any

from service.adapters.blobs import Blobs
from service.adapters.jsonio import loads, pieces

JOB_INPUT = "input"


class Storage:
    """Compressed JSON documents in Redis, one blob per (kind, id)."""

    def __init__(self, connection, namespace: str, chunk_bytes: int = 8 * 1024 * 1024) -> None:
        self.blobs = Blobs(connection, namespace, chunk_bytes)

    def key(self, kind: str, item_id: str) -> str:
        """The Redis key of a document's header."""
        return self.blobs.key(f"{kind}:{item_id}")

    def put(self, kind: str, item_id: str, document: Any, ttl: int) -> int:
        """Store a document for `ttl` seconds; return its compressed size in bytes."""
        return self.blobs.write(f"{kind}:{item_id}", pieces(document), ttl).stored_bytes

    def get(self, kind: str, item_id: str) -> Any | None:
        """A document, decoded, or None if it is gone."""
        data = self.blobs.read_all(f"{kind}:{item_id}")
        return None if data is None else loads(data)

    def delete(self, kind: str, item_id: str) -> None:
        """Remove a document at once."""
        self.blobs.delete(f"{kind}:{item_id}")
