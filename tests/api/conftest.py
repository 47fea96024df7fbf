"""The API as deployed: `syncmatch api` (gunicorn) and two `syncmatch worker` processes on a real Redis."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from api_support import ACME_KEY, GLOBEX_KEY, WEBHOOK_SECRET, Api
from service_support import drop_namespace, service_env, syncmatch_command, wait_until

from service.adapters import processes
from service.adapters.network import free_port
from service.adapters.queue import connect, job_queue, live_workers
from service.config import Settings

WORKERS = 2


@pytest.fixture(scope="session")
def api_env(redis_url: str) -> dict[str, str]:
    """The environment of the API and its workers: two tenants, webhooks to loopback allowed, small chunks."""
    return {
        "REDIS_URL": redis_url, "SYNCMATCH_NAMESPACE": f"syncmatch-api-test-{uuid.uuid4().hex[:10]}",
        "SYNCMATCH_API_KEYS": f"{ACME_KEY}:acme,{GLOBEX_KEY}:globex",
        "SYNCMATCH_WEBHOOK_SECRET": WEBHOOK_SECRET, "SYNCMATCH_WEBHOOK_ALLOW_PRIVATE": "1",
        "SYNCMATCH_WEBHOOK_RETRY_DELAYS": "1,1,1", "SYNCMATCH_WEBHOOK_TIMEOUT": "5",
        "SYNCMATCH_RATE_LIMIT": "100000/minute", "SYNCMATCH_CHUNK_BYTES": "16384",
        "SYNCMATCH_API_WORKERS": "1", "SYNCMATCH_LOG_LEVEL": "INFO",
        "SYNCMATCH_UPLOAD_CHILD_BYTES": "1",  # every upload read by a child of the gunicorn worker, as 8 MB+ are
    }


@pytest.fixture(scope="session")
def api_settings(api_env: dict[str, str]) -> Iterator[Settings]:
    """The same settings, as the API and the workers read them."""
    settings = Settings.from_env(api_env)
    yield settings
    drop_namespace(settings)


@pytest.fixture(scope="session")
def api_workers(api_env: dict[str, str], api_settings: Settings) -> Iterator[list[subprocess.Popen]]:
    """Real `syncmatch worker` processes on the API's queue, and the webhook consumer (`syncmatch webhooks`)."""
    started = [processes.spawn([*syncmatch_command(), command], service_env(**api_env), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) for command in ["worker"] * WORKERS + ["webhooks"]]
    client = connect(api_settings.redis_url)
    queue = job_queue(client, api_settings)
    wait_until(lambda: any(p.poll() is not None for p in started) or live_workers(queue) >= WORKERS)
    assert all(p.poll() is None for p in started), "a worker exited at start"
    yield started
    processes.stop(started, timeout=10)
    client.close()


@pytest.fixture(scope="session")
def api_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the API process writes its stderr (JSON log lines)."""
    return tmp_path_factory.mktemp("api") / "api.log"


@pytest.fixture(scope="session")
def base_url(api_env: dict[str, str], api_workers, api_log: Path) -> Iterator[str]:
    """`syncmatch api` on a free port, ready (Redis answers, workers listen)."""
    port = free_port()
    log = open(api_log, "w")  # noqa: SIM115 - the process writes to it until it ends
    api = processes.spawn([*syncmatch_command(), "api", "--port", str(port)], service_env(**api_env),
                          stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def ready():
        assert api.poll() is None, api_log.read_text()
        try:
            return requests.get(base + "/readyz", timeout=5).status_code == 200
        except requests.ConnectionError:
            return False
    wait_until(ready, timeout=60)
    yield base
    processes.stop([api], timeout=10)
    log.close()


@pytest.fixture
def acme(base_url: str) -> Api:
    """The API as tenant acme."""
    return Api(base_url, ACME_KEY)


@pytest.fixture
def globex(base_url: str) -> Api:
    """The API as tenant globex."""
    return Api(base_url, GLOBEX_KEY)
