"""RQ plumbing: the connection, the job queue, job lookups and worker liveness. Jobs carry ids only."""

from __future__ import annotations

import re

from redis import Redis
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from service.config import Settings

EVALUATE_TASK = "service.tasks.evaluate_job"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")

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


def connect(url: str) -> Redis:
    """A Redis client for `url`; it connects on first use, not here."""
    return Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)


def job_queue(connection: Redis, settings: Settings) -> Queue:
    """The queue of matching jobs, using RQ's JSON serializer."""
    return Queue(settings.queue_name, connection=connection, serializer=JSONSerializer,
                 default_timeout=settings.job_timeout)


def enqueue_evaluation(queue: Queue, job_id: str, settings: Settings) -> Job:
    """Queue the evaluation of the input stored under `job_id`; the job carries nothing but the id."""
    return queue.enqueue(
        EVALUATE_TASK, job_id, job_id=job_id, job_timeout=settings.job_timeout,
        result_ttl=settings.result_ttl, failure_ttl=settings.result_ttl, ttl=settings.snapshot_ttl,
        meta={"progress": 0.0}, description="matching run",
    )


def fetch_job(connection: Redis, job_id: str) -> Job | None:
    """The job with this id, or None if there is none (or the id is malformed)."""
    if not JOB_ID.match(job_id):
        return None
    try:
        return Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
    except NoSuchJobError:
        return None


def public_status(job: Job) -> str:
    """queued, running, finished or failed."""
    return _STATUSES.get(job.get_status(refresh=False), "queued")


def live_workers(queue: Queue) -> int:
    """How many workers listening on `queue` have sent a heartbeat recently."""
    return len(Worker.all(queue=queue))


def new_worker(connection: Redis, settings: Settings, name: str | None = None) -> Worker:
    """A worker for the matching queue that forks a fresh process per job."""
    return Worker([job_queue(connection, settings)], connection=connection, serializer=JSONSerializer,
                  name=name)
