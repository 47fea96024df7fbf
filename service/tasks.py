"""The RQ tasks, named by their path in every queued job (service/adapters/queue.py): thin calls of the use cases."""

from __future__ import annotations

from typing import Any

from service.bootstrap import services_for
from service.usecases.deliver_webhook import WebhookNotDelivered
from service.usecases.deliver_webhook import deliver_webhook as deliver
from service.usecases.run_job import JobFailure, run_job

__all__ = ["JobFailure", "WebhookNotDelivered", "deliver_webhook", "evaluate_job"]


def evaluate_job(job_id: str) -> dict[str, Any]:
    """Run the matching job `job_id` (service/usecases/run_job.py) with this worker's services."""
    from rq import get_current_job

    job = get_current_job()
    assert job is not None  # RQ runs this function as a job
    return run_job(job, services_for(job.connection), job_id)


def deliver_webhook(job_id: str) -> str:
    """Deliver the webhook of the job `job_id` (service/usecases/deliver_webhook.py); raise to have RQ retry."""
    from rq import get_current_job

    job = get_current_job()
    assert job is not None
    return deliver(job, services_for(job.connection), job_id)
