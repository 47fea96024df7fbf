"""What request handlers share: settings, the Redis client, the queue and the storage."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from redis import Redis
from rq import Queue

from service.adapters import queue as queues
from service.adapters.storage import Storage
from service.config import Settings


@dataclass(frozen=True)
class Services:
    """Per-application handles; the Redis client connects lazily on first command."""

    settings: Settings
    redis: Redis
    queue: Queue
    storage: Storage

    @classmethod
    def for_settings(cls, settings: Settings) -> Services:
        """Build the handles for `settings`; REDIS_URL is required."""
        connection = queues.connect(settings.require_redis_url())
        return cls(settings, connection, queues.job_queue(connection, settings),
                   Storage(connection, settings.namespace))


def services() -> Services:
    """The handles of the application serving the current request."""
    return current_app.extensions["syncmatch"]
