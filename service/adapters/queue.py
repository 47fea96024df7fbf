"""RQ plumbing: the connection, the queues, job lookups and worker liveness. Jobs carry ids only."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import sys
from typing import cast

from redis import Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry as RedisRetry
from rq import Queue, Retry, Worker
from rq.command import send_stop_job_command
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.executions import Execution
from rq.job import Dependency, Job, JobStatus
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer
from rq.worker import BaseWorker

from service.config import Settings

EVALUATE_TASK = "service.tasks.evaluate_job"
DELIVER_TASK = "service.tasks.deliver_webhook"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")
WEBHOOK_JOB_PREFIX = "webhook-"
LEASE_HEARTBEATS = 3  # a running job whose worker misses this many heartbeats in a row is abandoned
COMMANDS_POLL = 1  # seconds a worker's command listener waits per read: the most it holds up a worker that stops
PR_SET_PDEATHSIG = 1

# RQ's statuses -> the four the API promises.
_STATUSES = {
    JobStatus.QUEUED: "queued",
    JobStatus.DEFERRED: "queued",
    JobStatus.SCHEDULED: "queued",
    JobStatus.STARTED: "running",
    JobStatus.FINISHED: "finished",
    JobStatus.FAILED: "failed",
    JobStatus.STOPPED: "failed",
    JobStatus.CANCELED: "failed",
}


def connect(url: str, timeout: float = 5.0) -> Redis:
    """A Redis client for `url` that gives up on a command after `timeout` seconds; it connects on first use.

    A broken connection (Redis restarted) is retried once on a new one; a command that timed out is not.
    """
    retry = RedisRetry(ExponentialBackoff(cap=0.5, base=0.05), 1, supported_errors=(RedisConnectionError,))
    return Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout, health_check_interval=30,
                          retry=retry)


def job_queue(connection: Redis, settings: Settings) -> Queue:
    """The queue of matching jobs, using RQ's JSON serializer."""
    return Queue(settings.queue_name, connection=connection, serializer=JSONSerializer,
                 default_timeout=settings.job_timeout)


def webhook_queue(connection: Redis, settings: Settings) -> Queue:
    """The queue of webhook deliveries, apart so that they never wait behind long matching jobs."""
    return Queue(f"{settings.queue_name}-webhooks", connection=connection, serializer=JSONSerializer,
                 default_timeout=settings.webhook_timeout * 3)


def enqueue_evaluation(queue: Queue, job_id: str, settings: Settings) -> Job:
    """Queue the evaluation of the input recorded under `job_id`; the job carries nothing but the id."""
    return queue.enqueue(
        EVALUATE_TASK, job_id, job_id=job_id, job_timeout=settings.job_timeout,
        result_ttl=settings.result_ttl, failure_ttl=settings.failure_ttl, ttl=settings.snapshot_ttl,
        meta={"progress": 0.0}, description="matching run",
        # Runs again when its worker dies mid-run; the task itself turns retries off for failures of its own.
        retry=Retry(max=settings.job_retries) if settings.job_retries else None,
    )


def enqueue_webhook(connection: Redis, evaluation: Job, settings: Settings) -> Job:
    """Queue the webhook of `evaluation`; it runs once the evaluation has finished or failed, with retries."""
    delays = list(settings.webhook_retry_delays)
    return webhook_queue(connection, settings).enqueue(
        DELIVER_TASK, evaluation.id, job_id=WEBHOOK_JOB_PREFIX + evaluation.id,
        depends_on=Dependency(jobs=[evaluation], allow_failure=True),
        retry=Retry(max=len(delays), interval=delays) if delays else None,
        job_timeout=settings.webhook_timeout * 3, result_ttl=settings.failure_ttl,
        failure_ttl=settings.failure_ttl, description="webhook delivery",
    )


def fetch_job(connection: Redis, job_id: str) -> Job | None:
    """The job with this id, or None if there is none (or the id is malformed)."""
    if not JOB_ID.match(job_id):
        return None
    return _fetch(connection, job_id)


def _fetch(connection: Redis, job_id: str) -> Job | None:
    try:
        return Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
    except NoSuchJobError:
        return None


def remove_job(connection: Redis, job_id: str) -> None:
    """Stop the job if it runs, and delete it and its webhook delivery from RQ."""
    for rq_id in (job_id, WEBHOOK_JOB_PREFIX + job_id):
        job = _fetch(connection, rq_id)
        if job is None:
            continue
        if job.get_status(refresh=False) == JobStatus.STARTED:
            with contextlib.suppress(InvalidJobOperation, NoSuchJobError):
                send_stop_job_command(connection, rq_id, serializer=JSONSerializer)
        job.delete(remove_from_queue=True, delete_dependents=False)


def public_status(job: Job) -> str:
    """queued, running, finished or failed."""
    return _STATUSES.get(job.get_status(refresh=False), "queued")


def job_counts(connection: Redis, settings: Settings) -> dict[str, int]:
    """Matching jobs by public status, from RQ's queue and registries."""
    queue = job_queue(connection, settings)
    return {"queued": queue.count + queue.deferred_job_registry.count + queue.scheduled_job_registry.count,
            "running": queue.started_job_registry.count, "finished": queue.finished_job_registry.count,
            "failed": queue.failed_job_registry.count}


def queue_depths(connection: Redis, settings: Settings) -> dict[str, int]:
    """Jobs waiting in each queue."""
    queues = (job_queue(connection, settings), webhook_queue(connection, settings))
    return {queue.name: queue.count for queue in queues}


def live_workers(queue: Queue) -> int:
    """How many workers listening on `queue` have sent a heartbeat recently."""
    return len(Worker.all(queue=queue))


def requeue_jobs_of(connection: Redis, settings: Settings, worker_name: str) -> list[str]:
    """Hand the jobs of a dead process back to the queue now, not when their lease runs out.

    Only for a process whose death is certain (its supervisor saw it exit): the executions of the worker named
    `worker_name` (or of its threads, `worker_name-N`, in a webhook consumer) are expired in the started
    registries, and RQ's own clean-up then retries each job (retries permitting; else it fails as interrupted),
    exactly as after a lease ran out. Returns the ids of the jobs handed back.
    """
    handed: list[str] = []
    for queue in (job_queue(connection, settings), webhook_queue(connection, settings)):
        handed += _expire_executions(connection, queue.started_job_registry, worker_name)
        # A dead consumer's scheduler lock would keep its successor from scheduling retries for a minute.
        connection.register_script(_DELETE_IF_HELD_BY)(keys=[RQScheduler.get_locking_key(queue.name)],
                                                       args=[scheduler_name(worker_name)])
    dead = Worker.find_by_key(Worker.redis_worker_namespace_prefix + worker_name, connection=connection,
                              serializer=JSONSerializer)
    if dead is not None:
        dead.register_death()  # so that /readyz counts right
    return handed


def scheduler_name(worker_name: str) -> str:
    """The name of the RQ scheduler run by the webhook consumer `worker_name`."""
    return f"{worker_name}-scheduler"


_DELETE_IF_HELD_BY = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _expire_executions(connection: Redis, registry, worker_name: str) -> list[str]:
    running = [key.decode() for key in cast(list, connection.zrange(registry.key, 0, -1))]
    # Each execution's own hash names its worker (the worker's index of them goes when it registers its death).
    with connection.pipeline(transaction=False) as pipe:
        for key in running:
            pipe.hget(Execution.from_composite_key(key, connection).key, "worker_name")
        owners = [owner.decode() if owner else "" for owner in pipe.execute()]
    abandoned = [key for key, owner in zip(running, owners, strict=True)
                 if owner == worker_name or owner.startswith(worker_name + "-")]
    if abandoned:
        connection.zadd(registry.key, dict.fromkeys(abandoned, 0), xx=True)
        registry.cleanup()
    return [key.split(":", 1)[0] for key in abandoned]


def listen_for_commands(worker: BaseWorker) -> None:
    """Subscribe `worker` to its command channel (stop, kill a job) as RQ does, its listener polling every
    COMMANDS_POLL seconds.

    RQ's listener waits 60 s per read, and it stops the listener by unsubscribing, then joining the thread.
    When the reply to that unsubscribe reaches the thread before it is told to stop, the thread waits out the
    60 s for a subscription that will not come (redis-py's `get_message`), and the worker's exit with it: a
    burst worker (seen on a loaded machine) or a worker stopping on SIGTERM can take a minute to exit, past a
    container's grace period.
    """
    worker.log.info("Worker %s: subscribing to channel %s", worker.name, worker.pubsub_channel_name)
    pubsub = worker.connection.pubsub()
    pubsub.subscribe(**{worker.pubsub_channel_name: worker.handle_payload})
    worker.pubsub = pubsub
    # RQ's annotation of the attribute is None (its value before subscribing)
    worker.pubsub_thread = pubsub.run_in_thread(  # type: ignore[assignment]
        sleep_time=COMMANDS_POLL, daemon=True, exception_handler=worker._pubsub_exception_handler)


def new_worker(connection: Redis, settings: Settings, name: str | None = None) -> Worker:
    """A worker for the matching queue (webhooks have their own consumer) that forks a fresh process per job."""
    return LeasingWorker([job_queue(connection, settings)], connection=connection, serializer=JSONSerializer, name=name,
                         job_monitoring_interval=settings.job_heartbeat,
                         maintenance_interval=settings.maintenance_interval)


class LeasingWorker(Worker):
    """An RQ worker whose running job is a short lease, renewed every heartbeat, and whose job dies with it.

    When a worker is killed, its job stays "started" until the lease runs out; then any live worker's
    maintenance (every `maintenance_interval` seconds, idle or not) requeues it (see `enqueue_evaluation`).
    """

    def subscribe(self) -> None:
        """Listen for commands, stopping within COMMANDS_POLL seconds of being told to."""
        listen_for_commands(self)

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        """How long the running job's lease lasts without a heartbeat (RQ's default adds 60 s)."""
        return LEASE_HEARTBEATS * self.job_monitoring_interval

    @property
    def dequeue_timeout(self) -> int:
        """Wake up at least every maintenance interval, so that an idle worker looks for abandoned jobs."""
        return max(1, min(self.worker_ttl - 15, self.maintenance_interval))

    def setup_work_horse_signals(self) -> None:
        """In the process running the job: die with the worker, so that a requeued job never runs twice."""
        super().setup_work_horse_signals()
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != self.pid:  # the worker died before prctl took effect
                os._exit(1)
