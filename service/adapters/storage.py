"""Documents kept in Redis as gzip-compressed JSON, each under the namespace and with a TTL."""

from __future__ import annotations

import gzip
from typing import Any

import orjson

JOB_INPUT = "input"
REPORT = "report"


def compress(document: Any) -> bytes:
    """JSON-encode and gzip a document."""
    return gzip.compress(orjson.dumps(document), compresslevel=6, mtime=0)


def decompress(blob: bytes) -> bytes:
    """The JSON bytes inside a compressed document."""
    return gzip.decompress(blob)


class Storage:
    """Compressed JSON documents in Redis, one key per (kind, id)."""

    def __init__(self, connection, namespace: str) -> None:
        self.connection = connection
        self.namespace = namespace

    def key(self, kind: str, item_id: str) -> str:
        """The Redis key of a document."""
        return f"{self.namespace}:{kind}:{item_id}"

    def put(self, kind: str, item_id: str, document: Any, ttl: int) -> int:
        """Store a document for `ttl` seconds; return its compressed size in bytes."""
        blob = compress(document)
        self.connection.set(self.key(kind, item_id), blob, ex=ttl)
        return len(blob)

    def get_compressed(self, kind: str, item_id: str) -> bytes | None:
        """The gzip bytes of a document, or None if it is gone."""
        return self.connection.get(self.key(kind, item_id))

    def get(self, kind: str, item_id: str) -> Any | None:
        """A document, decoded, or None if it is gone."""
        blob = self.get_compressed(kind, item_id)
        return None if blob is None else orjson.loads(decompress(blob))

    def delete(self, kind: str, item_id: str) -> None:
        """Remove a document at once."""
        self.connection.delete(self.key(kind, item_id))
