"""The webhook consumer: threads delivering from the webhooks queue, apart from the matching workers.

A delivery mostly waits on the network (a slow receiver holds its thread up to 3 x SYNCMATCH_WEBHOOK_TIMEOUT per
attempt), so one light process runs SYNCMATCH_WEBHOOK_THREADS RQ workers that do not fork, one per thread,
and one thread that moves retries whose delay has passed back onto the queue (RQ's scheduler). A slow
receiver holds one thread; matching never waits for it, and neither do the other threads.
"""

from __future__ import annotations

import logging
import signal
import threading
import uuid

from redis import Redis
from rq import SimpleWorker
from rq.job import Job
from rq.queue import Queue
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer
from rq.timeouts import TimerDeathPenalty

from service.adapters.queue import listen_for_commands, scheduler_name, webhook_queue
from service.config import Settings

POLL = 1  # seconds an idle thread waits on the queue before it looks whether it should stop
log = logging.getLogger(__name__)


class ThreadWorker(SimpleWorker):
    """An RQ worker that runs jobs in its own thread: timeouts by timer, signals left to the main thread."""

    death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self) -> None:
        """Only the main thread may handle signals; the consumer stops its threads itself."""

    def subscribe(self) -> None:
        """Listen for commands, stopping within COMMANDS_POLL seconds of being told to."""
        listen_for_commands(self)

    def dequeue_job_and_maintain_ttl(self, timeout: int | None, max_idle_time: int | None = None
                                     ) -> tuple[Job, Queue] | None:
        """Wait for a delivery in short polls, so that a stop request ends an idle thread within POLL seconds."""
        while not self._stop_requested:
            result = super().dequeue_job_and_maintain_ttl(POLL, max_idle_time=POLL)
            if result is not None:
                return result
        return None

    def stop(self) -> None:
        """Finish the delivery under way, take no other."""
        self._stop_requested = True


class ThreadScheduler(RQScheduler):
    """RQ's scheduler (retries whose delay has passed go back on the queue), in a thread."""

    def _install_signal_handlers(self) -> None:
        """Only the main thread may handle signals."""

    @property
    def should_reacquire_locks(self) -> bool:
        """Try for the lock every interval until it is held (RQ waits 10 minutes), so that a consumer that
        replaces a killed one takes over the retries as soon as the dead one's lock expires."""
        return self._queue_names != self.acquired_locks


class WebhookConsumer:
    """Delivery threads and a scheduler thread on the webhooks queue; `run()` returns once stopped."""

    def __init__(self, connection: Redis, settings: Settings, name: str | None = None) -> None:
        self.settings = settings
        queue = webhook_queue(connection, settings)
        base = name or f"webhooks-{uuid.uuid4().hex[:8]}"
        self.workers = [ThreadWorker([queue], connection=connection, serializer=JSONSerializer,
                                     name=f"{base}-{number}", maintenance_interval=settings.maintenance_interval)
                        for number in range(1, settings.webhook_threads + 1)]
        self.scheduler = ThreadScheduler([queue], connection=connection, serializer=JSONSerializer,
                                         name=scheduler_name(base))
        self.stopped = threading.Event()

    def run(self) -> int:
        """Deliver until SIGTERM or SIGINT; deliveries under way finish (within the webhook timeout)."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: self.stopped.set())
        threads = [threading.Thread(target=self._work, args=(worker,), name=worker.name, daemon=True)
                   for worker in self.workers]
        threads.append(threading.Thread(target=self._schedule, name="webhook-scheduler", daemon=True))
        for thread in threads:
            thread.start()
        log.info("webhook consumer started with %d threads", len(self.workers))
        while not self.stopped.wait(POLL):
            if not all(thread.is_alive() for thread in threads):
                log.error("a webhook thread ended; stopping the consumer")
                self.stopped.set()
                return self._stop(threads, 1)
        return self._stop(threads, 0)

    def _stop(self, threads: list[threading.Thread], code: int) -> int:
        for worker in self.workers:
            worker.stop()
        self.scheduler.request_stop()
        for thread in threads:
            thread.join(timeout=self.settings.webhook_timeout * 3 + POLL + 1)
        return code

    def _work(self, worker: ThreadWorker) -> None:
        worker.work(logging_level=self.settings.log_level)

    def _schedule(self) -> None:
        self.scheduler.acquire_locks()
        self.scheduler.work()
