"""Deliver the signed end-of-job event of a job to its callbackUrl, one attempt per call."""

from __future__ import annotations

import logging
import time
from typing import Any

from service.adapters import metrics, webhooks
from service.adapters.job_records import JobRecords
from service.adapters.job_views import iso, job_view
from service.adapters.jsonio import dumps
from service.adapters.queue import fetch_job
from service.bootstrap import Services
from service.config import Settings
from service.exceptions import SyncMatchError

log = logging.getLogger(__name__)


class WebhookNotDelivered(SyncMatchError):
    """The receiver did not answer 2xx; RQ retries the delivery later."""


def deliver_webhook(current, services: Services, job_id: str) -> str:
    """POST the signed end-of-job event to the job's callbackUrl; raise to have RQ retry on failure."""
    settings = services.settings
    records = services.records
    record = records.get(job_id)
    evaluation = fetch_job(current.connection, job_id)
    if record is None or evaluation is None or not record.get("callbackUrl"):
        return "skipped: the job is gone"
    body = _event_body(records, job_id, record, evaluation)
    attempt = int((record.get("callback") or {}).get("attempts", 0)) + 1
    last_try = not current.retries_left
    outcome, error = _attempt(settings, job_id, record["callbackUrl"], body, record.get("tenant"))
    metrics.record_webhook(current.connection, settings.namespace, outcome)
    state = {"status": outcome if outcome != "failed" or last_try else "retrying", "attempts": attempt,
             "lastAttemptAt": iso_now()}
    if error:
        state["lastError"] = error
    records.update(job_id, callback=state)
    if outcome == "failed":
        raise WebhookNotDelivered(error)
    return outcome


def _event_body(records: JobRecords, job_id: str, record: dict[str, Any], evaluation) -> bytes:
    """The event, built on the first attempt and sent identically on every retry."""
    if record.get("webhookBody"):
        return record["webhookBody"].encode("utf-8")
    view = {key: value for key, value in job_view(evaluation, record).items() if key != "callback"}
    event = {"type": f"job.{view['status']}", "timestamp": iso_now(), "data": view}
    body = dumps(event)
    records.update(job_id, webhookBody=body.decode("utf-8"))
    return body


def _attempt(settings: Settings, job_id: str, url: str, body: bytes,
             tenant: str | None = None) -> tuple[str, str | None]:
    """One delivery attempt, signed with the tenant's secret: ("delivered" | "failed" | "refused", error)."""
    secret = settings.webhook_secret_for(tenant) if tenant else settings.webhook_secret
    if secret is None:
        return "refused", ("neither SYNCMATCH_WEBHOOK_SECRETS (for this tenant) nor SYNCMATCH_WEBHOOK_SECRET is set "
                           "where webhooks are delivered, so the webhook cannot be signed")
    try:
        target = webhooks.check(url, settings.webhook_allow_private)
    except webhooks.UnsafeTarget as exc:
        log.warning("webhook refused", extra={"job": job_id, "reason": str(exc)})
        return "refused", str(exc)
    message_id, timestamp = f"msg_{job_id}", int(time.time())
    headers = {"webhook-id": message_id, "webhook-timestamp": str(timestamp),
               "webhook-signature": webhooks.sign(secret, message_id, timestamp, body)}
    try:
        status = webhooks.post(target, body, headers, settings.webhook_timeout)
    except OSError as exc:
        return "failed", f"{type(exc).__name__}: {exc}"
    if 200 <= status < 300:
        return "delivered", None
    return "failed", f"the receiver answered HTTP {status}"


def iso_now() -> str:
    """Now, ISO 8601 UTC."""
    from datetime import UTC, datetime

    return iso(datetime.now(UTC)) or ""  # never empty: the moment is given
