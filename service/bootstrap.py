"""The composition root: settings, the Redis connection, the queue and the stores, built once per process.

The API app factory, the matching worker and the webhook consumer each build one `Services`; the use cases
(service/usecases/) receive it and never build a store themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from redis import Redis
from rq import Queue

from service.adapters import queue as queues
from service.adapters.idempotency import IdempotencyStore
from service.adapters.job_records import JobRecords
from service.adapters.quotas import TenantQuotas
from service.adapters.reports import ReportStore
from service.adapters.snapshots import SnapshotStore
from service.adapters.storage import Storage
from service.adapters.uploads import SpoolSpace
from service.config import Settings


@dataclass(frozen=True)
class Services:
    """Per-process handles; the Redis client connects lazily on first command."""

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
        return cls.for_connection(queues.connect(settings.require_redis_url(), settings.redis_timeout), settings)

    @classmethod
    def for_connection(cls, connection: Redis, settings: Settings) -> Services:
        """Build the handles on an existing connection (a worker's, which RQ opened)."""
        namespace, chunk = settings.namespace, settings.chunk_bytes
        quotas = TenantQuotas(connection, namespace, settings.tenant_max_bytes, settings.tenant_max_jobs)
        # Each API process gets an even share of the temporary space for uploads.
        space = SpoolSpace(max(1, settings.upload_spool_bytes // settings.api_workers), settings.upload_wait)
        return cls(settings, connection, queues.job_queue(connection, settings),
                   Storage(connection, namespace, chunk), JobRecords(connection, namespace),
                   SnapshotStore(connection, namespace, chunk, quotas), ReportStore(connection, namespace, chunk),
                   IdempotencyStore(connection, namespace, settings.idempotency_ttl), quotas, space)


@cache
def process_settings() -> Settings:
    """The settings of this process, read from the environment once (a worker reads them before it forks)."""
    return Settings.from_env()


_by_connection: dict[int, Services] = {}


def for_process(settings: Settings) -> Services:
    """The handles of a worker or webhook consumer, whose jobs then find them by their connection."""
    services = Services.for_settings(settings)
    _by_connection[id(services.redis)] = services
    return services


def services_for(connection: Redis) -> Services:
    """The handles on the connection a job runs with: the process's, else built once with its settings."""
    found = _by_connection.get(id(connection))
    if found is None or found.redis is not connection:
        found = _by_connection[id(connection)] = Services.for_connection(connection, process_settings())
    return found
