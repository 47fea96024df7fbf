"""Shared fixtures: a real Redis, real RQ workers, the app, and helpers to run `syncmatch` processes."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from service_support import drop_namespace, service_env, soft_match_payload, syncmatch_command, wait_until

from service.adapters import processes
from service.adapters.queue import connect, job_queue, live_workers
from service.adapters.redis_server import EmbeddedRedis
from service.config import Settings
from service.engine_build import COMPILED, engine_build


def pytest_sessionstart() -> None:
    """Stop at once if SYNCMATCH_TEST_ENGINE (compiled or python) is not the build these tests would import."""
    wanted = os.environ.get("SYNCMATCH_TEST_ENGINE")
    if wanted and wanted != engine_build():
        pytest.exit(f"SYNCMATCH_TEST_ENGINE={wanted}, but the engine imported here is {engine_build()}", returncode=4)


def pytest_report_header() -> str:
    """Say which build of the engine these tests run."""
    return f"syncmatch engine: {engine_build()}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip tests marked python_engine_only when the pure core is compiled: they patch its internals."""
    if engine_build() != COMPILED:
        return
    skip = pytest.mark.skip(reason="patches a module's internals, which compiled code calls directly")
    for item in items:
        if "python_engine_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """REDIS_URL when set, else the embedded redis-server on a free port for this session."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"))
    yield server.start()
    server.stop()


@pytest.fixture(scope="session")
def settings(redis_url: str) -> Iterator[Settings]:
    """Settings with a namespace of this session's own, so a shared Redis is left as it was."""
    settings = Settings(redis_url=redis_url, namespace=f"syncmatch-test-{uuid.uuid4().hex[:12]}")
    yield settings
    _drop_namespace(settings)


@pytest.fixture
def idle_settings(settings: Settings) -> Iterator[Settings]:
    """Settings whose job queue no worker listens on."""
    idle = replace(settings, namespace=f"{settings.namespace}-idle-{uuid.uuid4().hex[:6]}")
    yield idle
    _drop_namespace(idle)


@pytest.fixture(scope="session")
def redis(settings: Settings):
    """A Redis client for the test Redis."""
    client = connect(settings.redis_url)
    yield client
    client.close()


@pytest.fixture(scope="session")
def worker(settings: Settings, redis) -> Iterator[subprocess.Popen]:
    """A real `syncmatch worker` process on this session's queue."""
    process = processes.spawn([*syncmatch_command(), "worker"], service_env(settings))
    queue = job_queue(redis, settings)
    wait_until(lambda: process.poll() is not None or live_workers(queue) > 0)
    assert process.poll() is None, "the worker exited at start"
    yield process
    processes.stop([process], timeout=10)


@pytest.fixture
def app(settings: Settings):
    """The Flask app for this session's Redis and namespace."""
    from service.api import create_app

    app = create_app(settings)
    app.testing = True
    return app


@pytest.fixture
def client(app):
    """A test client of `app`."""
    return app.test_client()


@pytest.fixture
def spawned() -> Iterator[Callable[..., subprocess.Popen]]:
    """Start processes in their own process groups; whatever is left is killed after the test."""
    started: list[subprocess.Popen] = []

    def spawn(argv: list[str], env: dict[str, str], **popen_args) -> subprocess.Popen:
        process = processes.spawn(argv, env, **popen_args)
        started.append(process)
        return process

    yield spawn
    processes.stop(started, timeout=5)


@pytest.fixture
def soft_match_job() -> dict:
    """Two on-premises users: one soft-matches a cloud-managed user by SMTP address, one is new."""
    return soft_match_payload()


def _drop_namespace(settings: Settings) -> None:
    """Delete this namespace's documents, queues and jobs from Redis."""
    drop_namespace(settings)
