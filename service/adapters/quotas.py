"""Per-tenant quotas, counted in Redis: stored snapshot bytes, and jobs queued or running at once.

`{ns}:quota:{tenant}:bytes`   hash snapshot id -> stored (compressed) bytes, pruned of expired or deleted snapshots
`{ns}:quota:{tenant}:expiry`  zset snapshot id -> expiry time
`{ns}:quota:{tenant}:jobs`    zset job id -> time accepted, pruned of jobs that ended or are gone

Counting is pruned at each check, so nothing has to remember to decrement (a worker killed mid-job, a TTL
that passed, a job deleted): the counts follow what Redis holds.
"""

from __future__ import annotations

import time

from service.exceptions import QuotaExceeded

ENDED = {b"finished", b"failed", b"stopped", b"canceled"}
SLACK = 60  # seconds a job entry outlives the limits below, whatever happens to the job


class TenantQuotas:
    """SYNCMATCH_TENANT_MAX_BYTES and SYNCMATCH_TENANT_MAX_JOBS for one namespace (None: no limit)."""

    def __init__(self, connection, namespace: str, max_bytes: int | None, max_jobs: int | None) -> None:
        self.connection = connection
        self.namespace = namespace
        self.max_bytes = max_bytes
        self.max_jobs = max_jobs

    def _key(self, tenant: str, name: str) -> str:
        return f"{self.namespace}:quota:{tenant}:{name}"

    def stored_bytes(self, tenant: str) -> int:
        """Compressed bytes of the tenant's snapshots that have neither expired nor been deleted."""
        bytes_key, expiry_key = self._key(tenant, "bytes"), self._key(tenant, "expiry")
        expired = self.connection.zrangebyscore(expiry_key, "-inf", time.time())
        sizes = self.connection.hgetall(bytes_key)
        if sizes:
            with self.connection.pipeline(transaction=False) as pipe:
                for snapshot_id in sizes:
                    pipe.exists(f"{self.namespace}:snapshot:{snapshot_id.decode()}")
                alive = pipe.execute()
            expired = [*expired, *(snapshot_id for snapshot_id, live in zip(sizes, alive, strict=True) if not live)]
        if expired:
            with self.connection.pipeline(transaction=True) as pipe:
                pipe.hdel(bytes_key, *expired)
                pipe.zrem(expiry_key, *expired)
                pipe.execute()
        gone = set(expired)
        return sum(int(size) for snapshot_id, size in sizes.items() if snapshot_id not in gone)

    def check_bytes(self, tenant: str, adding: int = 0) -> None:
        """QuotaExceeded when the tenant's stored bytes, plus `adding`, pass SYNCMATCH_TENANT_MAX_BYTES."""
        if self.max_bytes is None:
            return
        used = self.stored_bytes(tenant)
        if used + adding > self.max_bytes or (adding == 0 and used >= self.max_bytes):
            raise QuotaExceeded(
                "storedBytes", f"Tenant {tenant!r} stores {used} bytes of snapshots{_plus(adding)}; its quota is "
                f"{self.max_bytes} bytes (SYNCMATCH_TENANT_MAX_BYTES). Delete snapshots it no longer needs "
                "(DELETE /v1/snapshots/{id}) or wait for them to expire.", self.max_bytes, used + adding)

    def track_snapshot(self, pipe, tenant: str, snapshot_id: str, stored_bytes: int, expires_at: float) -> None:
        """Count a stored snapshot against its tenant (in the pipeline that stores its metadata)."""
        pipe.hset(self._key(tenant, "bytes"), snapshot_id, stored_bytes)
        pipe.zadd(self._key(tenant, "expiry"), {snapshot_id: expires_at})

    def admit_job(self, tenant: str, job_id: str, lifetime: int) -> None:
        """Count the job against its tenant; QuotaExceeded (and not counted) past SYNCMATCH_TENANT_MAX_JOBS."""
        if self.max_jobs is None:
            return
        key = self._key(tenant, "jobs")
        now = time.time()
        with self.connection.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {job_id: now})
            pipe.zremrangebyscore(key, "-inf", now - lifetime - SLACK)
            pipe.expire(key, lifetime + SLACK)
            pipe.execute()
        active = self._active_jobs(key)
        if len(active) > self.max_jobs and job_id not in active[:self.max_jobs]:
            self.connection.zrem(key, job_id)
            raise QuotaExceeded(
                "concurrentJobs", f"Tenant {tenant!r} already has {len(active) - 1} jobs queued or running; its "
                f"quota is {self.max_jobs} at once (SYNCMATCH_TENANT_MAX_JOBS). Wait for one to end, then submit "
                "again.", self.max_jobs, len(active) - 1)

    def release_job(self, tenant: str, job_id: str) -> None:
        """Stop counting a job (it could not be accepted, or was deleted)."""
        if self.max_jobs is not None:
            self.connection.zrem(self._key(tenant, "jobs"), job_id)

    def _active_jobs(self, key: str) -> list[str]:
        """The counted jobs still queued or running, oldest first; the others are dropped from the count."""
        entries = [(job_id.decode(), score) for job_id, score in self.connection.zrange(key, 0, -1, withscores=True)]
        with self.connection.pipeline(transaction=False) as pipe:
            for job_id, _ in entries:
                pipe.hget(f"rq:job:{job_id}", "status")
            statuses = pipe.execute()
        now = time.time()
        # A job being accepted is counted before RQ has it: no status yet, for a moment.
        ended = {job_id for (job_id, score), status in zip(entries, statuses, strict=True)
                 if status in ENDED or (status is None and now - score > SLACK)}
        if ended:
            self.connection.zrem(key, *ended)
        return [job_id for job_id, _ in entries if job_id not in ended]


def _plus(adding: int) -> str:
    return f", {adding} more with this upload" if adding else ""
