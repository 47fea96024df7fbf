"""Create a matching job: check what the request names, admit it under the tenant's quota, record it, queue it."""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from redis.exceptions import RedisError
from rq.job import Job

from service.adapters import queue as queues
from service.adapters import webhooks
from service.adapters.blobs import worth_cleaning
from service.adapters.jsonio import dumps
from service.adapters.storage import JOB_INPUT
from service.bootstrap import Services
from service.readers.registry import KINDS


def create_job(services: Services, tenant: str, document: dict[str, Any]) -> Job:
    """Record the validated request under a new id and queue a job that carries only that id.

    Whatever was written is removed again when the job cannot be accepted (Redis full or gone half-way).
    """
    job_id = uuid.uuid4().hex
    settings = services.settings
    services.quotas.admit_job(tenant, job_id, settings.snapshot_ttl + settings.job_timeout)
    try:
        return _record_and_enqueue(services, tenant, job_id, document, document.get("callbackUrl"))
    except BaseException as exc:
        if worth_cleaning(exc):
            _discard(services, tenant, job_id)
        raise


def reference_errors(services: Services, tenant: str, raw: dict[str, Any], document: dict[str, Any],
                     errors: dict[str, Any]) -> dict[str, Any]:
    """`errors` (the request's invalid fields) with what else it names that cannot be used: its callback URL,
    the snapshots it refers to; a field already invalid is not looked at again."""
    if isinstance(raw.get("callbackUrl"), str) and "callbackUrl" not in errors:
        errors.update(_callback_errors(services, tenant, raw["callbackUrl"]))
    found = _snapshot_errors(services, tenant, document)
    errors.update({name: detail for name, detail in found.items() if name not in errors})
    return errors


def _record_and_enqueue(services: Services, tenant: str, job_id: str, document: dict[str, Any], url: str | None):
    """Store the inline input and the job's record, then queue the job (and its webhook)."""
    handles, settings = services, services.settings
    inline = {kind: document[kind] for kind in KINDS if kind in document}
    if inline:
        handles.storage.put(JOB_INPUT, job_id, inline, settings.snapshot_ttl)
    handles.records.create(
        job_id, tenant, settings.snapshot_ttl + settings.job_timeout + max(settings.result_ttl, settings.failure_ttl),
        onpremSnapshot=document.get("onpremSnapshot"), cloudSnapshot=document.get("cloudSnapshot"),
        onpremSnapshots=",".join(document["onpremSnapshots"]) if document.get("onpremSnapshots") else None,
        onpremLabels=dumps(document["onpremLabels"]).decode() if document.get("onpremLabels") else None,
        settings=dumps(document["settings"]).decode(), callbackUrl=url,
        checkOnly="true" if not ("cloud" in document or document.get("cloudSnapshot")) else None,
        callback={"status": "pending", "attempts": 0} if url else None)
    job = queues.enqueue_evaluation(handles.queue, job_id, settings)
    if url:
        queues.enqueue_webhook(handles.redis, job, settings)
    return job


def _discard(services: Services, tenant: str, job_id: str) -> None:
    """Best-effort removal of a job that could not be accepted (Redis full or gone half-way)."""
    handles = services
    with contextlib.suppress(RedisError):
        handles.quotas.release_job(tenant, job_id)
        handles.records.delete(job_id)
        queues.remove_job(handles.redis, job_id)
        handles.storage.delete(JOB_INPUT, job_id)


def _callback_errors(services: Services, tenant: str, url: str) -> dict[str, list[str]]:
    settings = services.settings
    if settings.webhook_secret_for(tenant) is None:
        return {"callbackUrl": ["This server sends no webhooks for this tenant: neither SYNCMATCH_WEBHOOK_SECRET nor "
                                "a SYNCMATCH_WEBHOOK_SECRETS entry for it is set. Poll GET /v1/jobs/{id} instead, "
                                "or ask the operator to set one."]}
    try:
        webhooks.check(url, settings.webhook_allow_private)
    except webhooks.UnsafeTarget as exc:
        return {"callbackUrl": [f"Cannot be used: {exc}."]}
    return {}


def _snapshot_errors(services: Services, tenant: str, document: dict[str, Any]) -> dict[str, list[str]]:
    errors = {}
    for kind in KINDS:
        snapshot_id = document.get(f"{kind}Snapshot")
        if snapshot_id is None:
            continue
        metadata = services.snapshots.metadata(snapshot_id, tenant)
        if metadata is None:
            errors[f"{kind}Snapshot"] = [f"There is no snapshot {snapshot_id}, or it has expired or been deleted; "
                                         f"upload it with POST /v1/snapshots?kind={kind}."]
        elif metadata["kind"] != kind:
            errors[f"{kind}Snapshot"] = [f"Snapshot {snapshot_id} is a {metadata['kind']} snapshot, not {kind}."]
    more = _more_onprem_errors(services, tenant, document.get("onpremSnapshots") or [])
    if more:
        errors["onpremSnapshots"] = more  # type: ignore[assignment]  # per position, as marshmallow nests lists
    return errors


def _more_onprem_errors(services: Services, tenant: str, ids: list[str]) -> dict[int, list[str]]:
    """Each further on-premises snapshot must exist and be an on-premises one."""
    errors = {}
    for n, snapshot_id in enumerate(ids):
        metadata = services.snapshots.metadata(snapshot_id, tenant)
        if metadata is None:
            errors[n] = [f"There is no snapshot {snapshot_id}, or it has expired or been deleted; upload it with "
                         "POST /v1/snapshots?kind=onprem."]
        elif metadata["kind"] != "onprem":
            errors[n] = [f"Snapshot {snapshot_id} is a {metadata['kind']} snapshot, not onprem."]
    return errors
