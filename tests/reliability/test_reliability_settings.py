"""Settings that bound failures (job retries and leases, maintenance, the Redis timeout) and the worker using them."""

from __future__ import annotations

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
