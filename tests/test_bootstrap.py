"""One composition root per process: a job finds its process's services and builds none of its own."""

from __future__ import annotations

from service import bootstrap
from service.config import Settings


def test_a_job_on_the_process_connection_gets_the_process_services(monkeypatch) -> None:
    settings = Settings(redis_url="redis://127.0.0.1:1/0", namespace="bootstrap-test")
    built = bootstrap.for_process(settings)  # connects lazily: nothing is sent to Redis here
    monkeypatch.setattr(Settings, "from_env", classmethod(lambda cls, environ=None: 1 / 0))
    assert bootstrap.services_for(built.redis) is built
    assert bootstrap.services_for(built.redis).settings is settings


def test_another_connection_gets_services_built_once_with_the_process_settings(monkeypatch) -> None:
    settings = Settings(redis_url="redis://127.0.0.1:1/0", namespace="bootstrap-other")
    monkeypatch.setattr(bootstrap, "process_settings", lambda: settings)
    connection = bootstrap.Services.for_settings(settings).redis
    first = bootstrap.services_for(connection)
    assert first.redis is connection and first.settings is settings
    assert bootstrap.services_for(connection) is first
    assert first.reports.namespace == first.snapshots.namespace == "bootstrap-other"
