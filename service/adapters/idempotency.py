"""Idempotency-Key records: a reservation while the first request runs, then its response for replays."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from service.adapters.jsonio import dumps, loads

PENDING_TTL = 60 * 60  # a request still "in flight" after an hour has died; the key may be used again


@dataclass(frozen=True)
class Stored:
    """A recorded request: its fingerprint and, once complete, its response."""

    fingerprint: str
    pending: bool
    status: int = 0
    headers: dict | None = None
    body: bytes = b""


class IdempotencyStore:
    """Records at `{ns}:idempotency:{tenant}:{sha256(key)}`, so keys never mix between tenants."""

    def __init__(self, connection, namespace: str, ttl: int) -> None:
        self.connection = connection
        self.namespace = namespace
        self.ttl = ttl

    def key(self, tenant: str, idempotency_key: str) -> str:
        """The record's Redis key."""
        digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()
        return f"{self.namespace}:idempotency:{tenant}:{digest}"

    def get(self, key: str) -> Stored | None:
        """The record, or None."""
        raw = self.connection.hgetall(key)
        if not raw:
            return None
        fields = {name.decode(): value for name, value in raw.items()}
        if fields.get("state") != b"done":
            return Stored(fields.get("fingerprint", b"").decode(), pending=True)
        return Stored(fields["fingerprint"].decode(), False, int(fields["status"]), loads(fields["headers"]),
                      fields["body"])

    def reserve(self, key: str, fingerprint: str) -> bool:
        """Claim the key for a request now starting; False if another request has it."""
        script = self.connection.register_script(_RESERVE)
        return bool(script(keys=[key], args=[fingerprint, PENDING_TTL]))

    def complete(self, key: str, fingerprint: str, status: int, headers: dict[str, str], body: bytes) -> None:
        """Keep the response for replays, for the idempotency TTL."""
        with self.connection.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"state": "done", "fingerprint": fingerprint, "status": status,
                                    "headers": dumps(headers), "body": body})
            pipe.expire(key, self.ttl)
            pipe.execute()

    def release(self, key: str) -> None:
        """Drop a reservation whose request failed in a way worth retrying."""
        self.connection.delete(key)


_RESERVE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', 'pending', 'fingerprint', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
"""
