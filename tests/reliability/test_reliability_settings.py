"""Settings that bound failures (job retries and leases, maintenance, the Redis timeout) and the worker using them."""

from __future__ import annotations

import base64
from dataclasses import replace

import pytest
from rq.job import Job

from service.adapters.queue import LEASE_HEARTBEATS, connect, new_worker
from service.config import ConfigError, Settings


def test_defaults_retry_twice_and_find_an_abandoned_job_within_a_minute_and_a_half() -> None:
    settings = Settings.from_env({})
    assert settings.job_retries == 2
    assert LEASE_HEARTBEATS * settings.job_heartbeat + settings.maintenance_interval <= 90
    assert settings.redis_timeout == 5.0


def test_the_variables_are_read() -> None:
    settings = Settings.from_env({"SYNCMATCH_JOB_RETRIES": "0", "SYNCMATCH_JOB_HEARTBEAT": "3",
                                  "SYNCMATCH_MAINTENANCE_INTERVAL": "20", "SYNCMATCH_REDIS_TIMEOUT": "0.5"})
    assert (settings.job_retries, settings.job_heartbeat, settings.maintenance_interval) == (0, 3, 20)
    assert settings.redis_timeout == 0.5


@pytest.mark.parametrize(("variable", "value"), [("SYNCMATCH_JOB_RETRIES", "-1"), ("SYNCMATCH_JOB_HEARTBEAT", "0"),
                                                 ("SYNCMATCH_MAINTENANCE_INTERVAL", "soon"),
                                                 ("SYNCMATCH_REDIS_TIMEOUT", "0")])
def test_bad_values_are_refused_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env({variable: value})


def test_the_worker_leases_jobs_for_three_heartbeats_and_wakes_for_maintenance(settings: Settings) -> None:
    settings = replace(settings, job_heartbeat=4, maintenance_interval=25)
    worker = new_worker(connect(settings.redis_url), settings)
    assert worker.get_heartbeat_ttl(Job(id="x" * 32, connection=worker.connection)) == 12
    assert worker.dequeue_timeout == 25
    assert worker.maintenance_interval == 25


def test_the_client_gives_up_after_the_timeout() -> None:
    kwargs = connect("redis://127.0.0.1:1/0", 1.5).connection_pool.connection_kwargs
    assert (kwargs["socket_timeout"], kwargs["socket_connect_timeout"]) == (1.5, 1.5)


def test_the_self_healing_quota_and_secret_variables_are_read() -> None:
    acme = "whsec_" + base64.b64encode(b"a secret of acme's, 32 bytes lon").decode()
    settings = Settings.from_env({
        "SYNCMATCH_WEBHOOK_SECRETS": f"acme:{acme}, globex:{acme}", "SYNCMATCH_WEBHOOK_SECRET": "whsec_" + "A" * 44,
        "SYNCMATCH_REDIS_MAXMEMORY": "512mb", "SYNCMATCH_RESTART_LIMIT": "3", "SYNCMATCH_RESTART_WINDOW": "30",
        "SYNCMATCH_UPLOAD_SPOOL_BYTES": "1gb", "SYNCMATCH_UPLOAD_WAIT": "0", "SYNCMATCH_TENANT_MAX_BYTES": "10MiB",
        "SYNCMATCH_TENANT_MAX_JOBS": "4", "SYNCMATCH_WEBHOOK_THREADS": "2", "SYNCMATCH_AUTH_FAILURE_LIMIT": "5/minute"})
    assert settings.webhook_secret_for("acme") == b"a secret of acme's, 32 bytes lon"
    assert settings.webhook_secret_for("initech") == bytes(33)  # the default for tenants without their own
    assert "a secret" not in repr(settings) and "AAAA" not in repr(settings)
    assert settings.redis_maxmemory == 512 * 1024 * 1024
    assert (settings.restart_limit, settings.restart_window) == (3, 30.0)
    assert (settings.upload_spool_bytes, settings.upload_wait) == (1024 ** 3, 0.0)
    assert (settings.tenant_max_bytes, settings.tenant_max_jobs) == (10 * 1024 * 1024, 4)
    assert (settings.webhook_threads, settings.auth_failure_limit) == (2, "5/minute")


def test_by_default_there_are_no_quotas_and_the_embedded_redis_gets_two_gib() -> None:
    settings = Settings.from_env({})
    assert (settings.tenant_max_bytes, settings.tenant_max_jobs) == (None, None)
    assert settings.redis_maxmemory == 2 * 1024 ** 3
    assert (settings.restart_limit, settings.restart_window) == (5, 60.0)


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("SYNCMATCH_WEBHOOK_SECRETS", "acme", "TENANT:whsec_"),
    ("SYNCMATCH_WEBHOOK_SECRETS", "acme:plain", "entry 1 (acme): must be whsec_"),
    ("SYNCMATCH_WEBHOOK_SECRETS", "a b:whsec_" + "A" * 44, "tenant"),
    ("SYNCMATCH_WEBHOOK_SECRETS", f"acme:whsec_{'A' * 44},acme:whsec_{'A' * 44}", "given twice"),
    ("SYNCMATCH_REDIS_MAXMEMORY", "lots", "2gb"),
    ("SYNCMATCH_TENANT_MAX_BYTES", "0", "at least 1 byte"),
    ("SYNCMATCH_TENANT_MAX_JOBS", "0", "at least 1"),
])
def test_bad_self_healing_values_name_the_variable(variable: str, value: str, says: str) -> None:
    with pytest.raises(ConfigError, match=variable) as error:
        Settings.from_env({variable: value})
    assert says in str(error.value)
