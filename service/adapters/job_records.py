"""What SyncMatch keeps about a job besides RQ's own hash: its tenant, its input and its webhook."""

from __future__ import annotations

import time
from typing import Any

from service.adapters.jsonio import dumps, loads

JSON_FIELDS = ("callback",)


class JobRecords:
    """One hash per job at `{ns}:job:{id}`; the API checks the tenant here before showing anything."""

    def __init__(self, connection, namespace: str) -> None:
        self.connection = connection
        self.namespace = namespace

    def key(self, job_id: str) -> str:
        """The record's key."""
        return f"{self.namespace}:job:{job_id}"

    def create(self, job_id: str, tenant: str, ttl: int, **fields: Any) -> None:
        """Write a new record; None values are left out."""
        mapping = {"tenant": tenant, "createdAt": int(time.time()),
                   **{name: dumps(value).decode() if name in JSON_FIELDS else value
                      for name, value in fields.items() if value is not None}}
        with self.connection.pipeline(transaction=True) as pipe:
            pipe.hset(self.key(job_id), mapping=mapping)
            pipe.expire(self.key(job_id), ttl)
            pipe.execute()

    def get(self, job_id: str) -> dict[str, Any] | None:
        """The record, or None when the job is unknown, expired or deleted."""
        raw = self.connection.hgetall(self.key(job_id))
        if not raw:
            return None
        record = {key.decode(): value.decode() for key, value in raw.items()}
        for name in JSON_FIELDS:
            if name in record:
                record[name] = loads(record[name])
        return record

    def update(self, job_id: str, ttl: int | None = None, **fields: Any) -> bool:
        """Change fields of an existing record (and its TTL); False if the record is gone."""
        mapping = {name: dumps(value).decode() if name in JSON_FIELDS else value for name, value in fields.items()}
        script = self.connection.register_script(_UPDATE_IF_EXISTS)
        args = [ttl or 0, *(item for pair in mapping.items() for item in pair)]
        return bool(script(keys=[self.key(job_id)], args=args))

    def delete(self, job_id: str) -> None:
        """Forget the job."""
        self.connection.delete(self.key(job_id))


_UPDATE_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
if tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return 1
"""
