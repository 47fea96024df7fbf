"""A worker's command listener (RQ's pubsub thread) lets a stopping worker go within seconds."""

from __future__ import annotations

import logging
import threading

import pytest
from rq.command import send_command
from service_support import wait_until

from service.adapters.queue import COMMANDS_POLL, new_worker
from service.adapters.webhook_consumer import WebhookConsumer
from service.config import Settings

# RQ's own listener waits 60 s per read; a stop that took this long was held up by it.
HELD_UP = 15


def _matching_worker(redis, settings: Settings):
    return new_worker(redis, settings)


def _webhook_worker(redis, settings: Settings):
    return WebhookConsumer(redis, settings).workers[0]


@pytest.mark.parametrize("make", [_matching_worker, _webhook_worker], ids=["matching", "webhooks"])
def test_a_worker_stops_listening_at_once_when_the_unsubscribe_reply_came_first(redis, settings: Settings,
                                                                                make) -> None:
    """The race that held `syncmatch worker --burst` for a minute: the listener read the reply to the
    unsubscribe before the worker told it to stop, and waited for a subscription that would not come."""
    worker = make(redis, settings)
    worker.subscribe()
    assert worker.pubsub_thread.sleep_time == COMMANDS_POLL
    worker.pubsub.unsubscribe()
    wait_until(lambda: not worker.pubsub.subscribed)  # the listener has read the reply: it now waits
    stopping = threading.Thread(target=worker.unsubscribe, daemon=True)
    stopping.start()
    stopping.join(HELD_UP)
    assert not stopping.is_alive(), "the worker is still waiting for its command listener"
    assert not worker.pubsub_thread.is_alive()


def test_a_subscribed_worker_still_takes_commands(redis, settings: Settings, caplog) -> None:
    """The listener hands what RQ sends on the channel to the worker (here: kill the job's process, of which
    an idle worker has none)."""
    worker = _matching_worker(redis, settings)
    caplog.set_level(logging.INFO, logger="rq.worker")
    worker.subscribe()
    try:
        send_command(worker.connection, worker.name, "kill-horse")
        wait_until(lambda: "Worker is not working, kill horse command ignored" in caplog.messages)
    finally:
        worker.unsubscribe()
    assert not worker.pubsub_thread.is_alive()
