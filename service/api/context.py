"""What request handlers share: settings, the Redis client, the queue and the stores."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from redis import Redis
from rq import Queue

from service.adapters import queue as queues
from service.adapters.idempotency import IdempotencyStore
from service.adapters.job_records import JobRecords
from service.adapters.quotas import TenantQuotas
from service.adapters.reports import ReportStore
from service.adapters.snapshots import SnapshotStore
from service.adapters.storage import Storage
from service.api.uploads import SpoolSpace
from service.config import Settings


@dataclass(frozen=True)
class Services:
    """Per-application handles; the Redis client connects lazily on first command."""

    settings: Settings
    redis: Redis
    queue: Queue
    storage: Storage
    records: JobRecords
    snapshots: SnapshotStore
    reports: ReportStore
    idempotency: IdempotencyStore
    quotas: TenantQuotas
    upload_space: SpoolSpace

    @classmethod
    def for_settings(cls, settings: Settings) -> Services:
        """Build the handles for `settings`; REDIS_URL is required."""
        connection = queues.connect(settings.require_redis_url(), settings.redis_timeout)
        namespace, chunk = settings.namespace, settings.chunk_bytes
        quotas = TenantQuotas(connection, namespace, settings.tenant_max_bytes, settings.tenant_max_jobs)
        # Each API process gets an even share of the temporary space for uploads.
        space = SpoolSpace(max(1, settings.upload_spool_bytes // settings.api_workers), settings.upload_wait)
        return cls(settings, connection, queues.job_queue(connection, settings),
                   Storage(connection, namespace, chunk), JobRecords(connection, namespace),
                   SnapshotStore(connection, namespace, chunk, quotas), ReportStore(connection, namespace, chunk),
                   IdempotencyStore(connection, namespace, settings.idempotency_ttl), quotas, space)


def services() -> Services:
    """The handles of the application serving the current request."""
    return current_app.extensions["syncmatch"]


def tenant() -> str:
    """The tenant of the caller (set by authentication)."""
    return g.tenant
