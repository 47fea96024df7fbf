"""Helpers for tests that run SyncMatch processes (imported by conftest.py and the tests)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from service.config import Settings

SCAN_PATTERNS = ("{ns}:*", "rq:*:{ns}", "rq:*:{ns}-webhooks", "LIMITS:LIMITER/{ns}:*")

START_TIMEOUT = 30.0
# Variables that switch on the delay hooks of tests/hooks/sitecustomize.py in the processes started.
TEST_HOOK_PREFIX = "SYNCMATCH_TEST_"
HOOKS = Path(__file__).resolve().parent / "hooks"


def wait_until(condition: Callable[[], object], timeout: float = START_TIMEOUT, interval: float = 0.05):
    """Return the first truthy value of `condition()`, or fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"gave up after {timeout}s waiting for {getattr(condition, '__name__', condition)}")


# `python -m service.cli` of this interpreter; -P keeps the installed package (compiled or not) ahead of the checkout.
MODULE_COMMAND = [sys.executable, "-P", "-m", "service.cli"]


def syncmatch_command() -> list[str]:
    """The installed `syncmatch` console script of this interpreter."""
    script = Path(sys.executable).with_name("syncmatch")
    return [str(script)] if script.exists() else [shutil.which("syncmatch") or "syncmatch"]


def service_env(settings: Settings | None = None, **overrides: str | None) -> dict[str, str]:
    """This process's environment with the service variables of `settings`; None removes a variable."""
    env = dict(os.environ)
    if settings is not None:
        env.update(REDIS_URL=settings.redis_url, SYNCMATCH_NAMESPACE=settings.namespace)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    if any(name.startswith(TEST_HOOK_PREFIX) for name in env):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(HOOKS), env.get("PYTHONPATH"))))
    return env


def is_gone(process: psutil.Process) -> bool:
    """True when the process has exited (a zombie waiting for its reaper counts as exited)."""
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def soft_match_payload() -> dict:
    """Two on-premises users: one soft-matches a cloud-managed user by SMTP address, one is new."""
    return {
        "onprem": {"kind": "onprem", "objects": [
            {"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39",
             "distinguishedName": "CN=Adam,OU=Sales,DC=contoso,DC=com", "sAMAccountName": "adam",
             "userPrincipalName": "adam@contoso.com", "mail": "adam@contoso.com",
             "proxyAddresses": ["SMTP:adam@contoso.com"]},
            {"objectClass": "user", "objectGUID": "f7cc07d7-7c15-447d-876d-c01b0e5a9e38",
             "distinguishedName": "CN=Bea,OU=Sales,DC=contoso,DC=com", "sAMAccountName": "bea",
             "userPrincipalName": "bea@contoso.com"},
        ]},
        "cloud": {"kind": "cloud",
                  "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                             "domains": [{"name": "contoso.com", "isVerified": True}],
                             "features": {"blockSoftMatchEnabled": False, "softMatchOnUpnEnabled": True,
                                          "blockCloudObjectTakeoverThroughHardMatchEnabled": False}},
                  "users": [{"id": "11111111-1111-1111-1111-111111111111",
                             "userPrincipalName": "adam@contoso.com", "mail": "adam@contoso.com",
                             "proxyAddresses": ["SMTP:adam@contoso.com"], "onPremisesImmutableId": None,
                             "onPremisesSyncEnabled": None, "assignedRoles": [], "eligibleRoles": []}],
                  "groups": [], "contacts": [], "deletedUsers": []},
        "settings": {"now": "2025-01-01T00:00:00Z"},
    }


def assert_soft_match_report(report: dict) -> None:
    """The engine's verdict on `soft_match_job`."""
    outcomes = {r["object"]["objectGUID"]: r for r in report["results"]}
    adam = outcomes["3ab39606-c642-489b-84b6-58c038d3ef39"]
    assert adam["outcome"] == "softMatch"
    assert adam["match"]["cloudId"] == "11111111-1111-1111-1111-111111111111"
    assert outcomes["f7cc07d7-7c15-447d-876d-c01b0e5a9e38"]["outcome"] == "provision"
    assert report["summary"]["outcomes"] == {"softMatch": 1, "provision": 1}





def drop_namespace(settings: Settings) -> None:
    """Delete a test namespace's documents, queues, jobs and rate-limit counters; nothing else."""
    from rq.job import Job
    from rq.serializers import JSONSerializer

    from service.adapters.queue import connect, job_queue, webhook_queue

    client = connect(settings.redis_url)
    try:
        for queue in (job_queue(client, settings), webhook_queue(client, settings)):
            registries = (queue.finished_job_registry, queue.failed_job_registry, queue.started_job_registry,
                          queue.deferred_job_registry, queue.scheduled_job_registry)
            job_ids = [*queue.job_ids, *(job_id for registry in registries for job_id in registry.get_job_ids())]
            for job in Job.fetch_many(job_ids, connection=client, serializer=JSONSerializer):
                if job is not None:
                    job.delete()
            queue.delete(delete_jobs=True)
        keys = [key for pattern in SCAN_PATTERNS for key in client.scan_iter(pattern.format(ns=settings.namespace))]
        for start in range(0, len(keys), 500):
            client.delete(*keys[start:start + 500])
    finally:
        client.close()
