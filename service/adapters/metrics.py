"""Metrics kept in Redis (shared by every API process and worker) and their Prometheus text form."""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

DURATION_BUCKETS = (1, 5, 15, 60, 300, 900, 1800, 3600, 7200)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _key(namespace: str, name: str) -> str:
    return f"{namespace}:metrics:{name}"


def track_snapshot(pipe, namespace: str, snapshot_id: str, stored_bytes: int, expires_at: float) -> None:
    """Count a stored snapshot's bytes until it expires or is deleted."""
    pipe.hset(_key(namespace, "snapshot-bytes"), snapshot_id, stored_bytes)
    pipe.zadd(_key(namespace, "snapshot-expiry"), {snapshot_id: expires_at})


def untrack_snapshot(connection, namespace: str, snapshot_id: str) -> None:
    """Stop counting a deleted snapshot."""
    with connection.pipeline(transaction=True) as pipe:
        pipe.hdel(_key(namespace, "snapshot-bytes"), snapshot_id)
        pipe.zrem(_key(namespace, "snapshot-expiry"), snapshot_id)
        pipe.execute()


def stored_snapshot_bytes(connection, namespace: str) -> int:
    """Compressed bytes of the snapshots not yet expired or deleted."""
    expired = connection.zrangebyscore(_key(namespace, "snapshot-expiry"), "-inf", time.time())
    if expired:
        with connection.pipeline(transaction=True) as pipe:
            pipe.hdel(_key(namespace, "snapshot-bytes"), *expired)
            pipe.zrem(_key(namespace, "snapshot-expiry"), *expired)
            pipe.execute()
    return sum(int(value) for value in connection.hvals(_key(namespace, "snapshot-bytes")))


def record_job(connection, namespace: str, status: str, seconds: float) -> None:
    """Count a job that ended (finished or failed) and how long it ran."""
    bucket = next((str(b) for b in DURATION_BUCKETS if seconds <= b), "+Inf")
    with connection.pipeline(transaction=False) as pipe:
        pipe.hincrby(_key(namespace, "jobs-ended"), status, 1)
        pipe.hincrby(_key(namespace, "job-duration"), bucket, 1)
        pipe.hincrbyfloat(_key(namespace, "job-duration"), "sum", seconds)
        pipe.execute()


def record_webhook(connection, namespace: str, result: str) -> None:
    """Count one webhook attempt by result: delivered, failed, refused."""
    connection.hincrby(_key(namespace, "webhooks"), result, 1)


class _Collector:
    """Reads everything at scrape time, so the numbers are the same whichever process answers."""

    def __init__(self, connection, namespace: str, queues: dict, job_counts: dict[str, int]) -> None:
        self.connection, self.namespace, self.queues, self.job_counts = connection, namespace, queues, job_counts

    def collect(self):
        """Yield the metric families."""
        jobs = GaugeMetricFamily("syncmatch_jobs", "Matching jobs known to Redis, by status.", labels=["status"])
        for status, count in self.job_counts.items():
            jobs.add_metric([status], count)
        yield jobs
        depth = GaugeMetricFamily("syncmatch_queue_depth", "Jobs waiting in each queue.", labels=["queue"])
        for name, count in self.queues.items():
            depth.add_metric([name], count)
        yield depth
        yield GaugeMetricFamily("syncmatch_snapshot_bytes_stored", "Compressed bytes of uploaded snapshots kept.",
                                value=stored_snapshot_bytes(self.connection, self.namespace))
        yield self._ended()
        yield self._durations()
        yield self._webhooks()

    def _hash(self, name: str) -> dict[str, float]:
        raw = self.connection.hgetall(_key(self.namespace, name))
        return {key.decode(): float(value) for key, value in raw.items()}

    def _ended(self) -> CounterMetricFamily:
        ended = CounterMetricFamily("syncmatch_jobs_ended", "Jobs that ended, by status.", labels=["status"])
        for status, count in sorted(self._hash("jobs-ended").items()):
            ended.add_metric([status], count)
        return ended

    def _durations(self) -> HistogramMetricFamily:
        counts = self._hash("job-duration")
        buckets, total = [], 0.0
        for bound in (*map(str, DURATION_BUCKETS), "+Inf"):
            total += counts.get(bound, 0.0)
            buckets.append((bound, total))
        return HistogramMetricFamily("syncmatch_job_duration_seconds", "How long matching jobs ran.",
                                     buckets=buckets, sum_value=counts.get("sum", 0.0))

    def _webhooks(self) -> CounterMetricFamily:
        family = CounterMetricFamily("syncmatch_webhook_attempts", "Webhook delivery attempts, by result.",
                                     labels=["result"])
        for result, count in sorted(self._hash("webhooks").items()):
            family.add_metric([result], count)
        return family


def exposition(connection, namespace: str, queues: dict[str, int], job_counts: dict[str, int]) -> bytes:
    """The Prometheus text exposition of every SyncMatch metric."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Collector(connection, namespace, queues, job_counts))
    return generate_latest(registry)
