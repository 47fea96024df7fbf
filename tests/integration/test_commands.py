"""The `syncmatch` processes as an admin or a container runs them: up, api, worker."""

import os
import signal
import socket
import subprocess
import sys

import psutil
import pytest
import requests
from service_support import (
    assert_soft_match_report,
    is_gone,
    service_env,
    soft_match_payload,
    syncmatch_command,
    wait_until,
)

from service.adapters.network import free_port
from service.engine_build import engine_build

HEAVY = ("flask", "gunicorn", "marshmallow", "redis", "rq", "werkzeug")


def get(url: str) -> requests.Response | None:
    """GET, or None while nothing listens."""
    try:
        return requests.get(url, timeout=5)
    except requests.ConnectionError:
        return None


def start_up(spawned, tmp_path, *args: str) -> tuple[subprocess.Popen, str]:
    """`syncmatch up` on a free port with REDIS_URL unset and its data in tmp_path; waits until it says where it
    runs and is ready."""
    port = free_port()
    env = service_env(REDIS_URL=None, SYNCMATCH_DATA_DIR=str(tmp_path / "data"))
    log = open(tmp_path / "up.log", "w")  # noqa: SIM115 - the process writes to it until it ends
    up = spawned([*syncmatch_command(), "up", "--port", str(port), *args], env, stdout=log,
                 stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def ready():
        output = (tmp_path / "up.log").read_text()
        assert up.poll() is None, output
        if "SyncMatch is running at" not in output:  # what a user waits for; printed once the API answers
            return False
        response = get(base + "/readyz")
        return response is not None and response.status_code == 200
    wait_until(ready, timeout=60)
    return up, base


def descendants(process: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(process.pid).children(recursive=True)


@pytest.mark.slow
def test_up_serves_a_job_end_to_end_with_embedded_redis_and_ctrl_c_stops_everything(spawned, tmp_path):
    up, base = start_up(spawned, tmp_path, "--workers", "1")
    assert get(base + "/healthz").json() == {"status": "ok", "engine": engine_build()}
    assert get(base + "/readyz").json()["checks"] == {"redis": "ok", "workers": 1}

    created = requests.post(base + "/v1/jobs", json=soft_match_payload(), timeout=10)
    assert created.status_code == 202
    job_url = base + created.headers["Location"]
    view = wait_until(lambda: (v := get(job_url).json())["status"] in {"finished", "failed"} and v, timeout=60)
    assert view["status"] == "finished", view
    assert_soft_match_report(get(job_url + "/report").json())

    children = descendants(up)
    names = {" ".join(child.cmdline()) for child in children}
    assert any("redis-server" in name for name in names)
    assert sum(" worker" in name for name in names) >= 1
    assert len(children) >= 4  # redis-server, gunicorn master + its workers, one rq worker

    os.killpg(up.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    assert up.wait(timeout=30) == 0
    assert [child for child in children if not is_gone(child)] == []
    output = (tmp_path / "up.log").read_text()
    assert f"SyncMatch is running at {base}/" in output
    assert (tmp_path / "data" / "redis" / "appendonly.aof").exists()


@pytest.mark.slow
def test_sigterm_stops_up_and_everything_it_started(spawned, tmp_path):
    up, _ = start_up(spawned, tmp_path, "--workers", "2")
    children = descendants(up)
    up.send_signal(signal.SIGTERM)
    assert up.wait(timeout=30) == 0
    assert [child for child in children if not is_gone(child)] == []


@pytest.mark.parametrize("command", ["up", "api"])
def test_a_busy_port_is_a_clear_error_not_a_traceback(command, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([*syncmatch_command(), command, "--port", str(port)], capture_output=True,
                              text=True, timeout=60,
                              env=service_env(REDIS_URL="redis://127.0.0.1:1/0",
                                              SYNCMATCH_DATA_DIR=str(tmp_path)))
    assert done.returncode == 2
    assert f"127.0.0.1:{port}" in done.stderr
    assert "--port" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["api", "worker", "webhooks"])
def test_api_and_worker_require_redis_url(command):
    done = subprocess.run([*syncmatch_command(), command], capture_output=True, text=True, timeout=60,
                          env=service_env(REDIS_URL=None))
    assert done.returncode == 2
    assert "REDIS_URL is not set" in done.stderr
    assert "Traceback" not in done.stderr


def test_worker_says_when_redis_is_unreachable():
    done = subprocess.run([*syncmatch_command(), "worker"], capture_output=True, text=True, timeout=60,
                          env=service_env(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"))
    assert done.returncode == 1
    assert "cannot reach Redis" in done.stdout + done.stderr


def test_api_serves_with_an_external_redis_and_stops_on_sigterm(spawned, settings, worker):
    port = free_port()
    api = spawned([*syncmatch_command(), "api", "--port", str(port), "--workers", "1"], service_env(settings),
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready = wait_until(lambda: get(f"http://127.0.0.1:{port}/readyz"), timeout=60)
    assert ready.status_code == 200
    api.send_signal(signal.SIGTERM)
    assert api.wait(timeout=30) == 0


def test_help_does_not_load_the_web_and_queue_libraries():
    probe = ("import sys; from service.cli import build_parser; build_parser().format_help(); "
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_up_says_when_the_redis_in_redis_url_is_unreachable(tmp_path):
    done = subprocess.run([*syncmatch_command(), "up", "--port", str(free_port())], capture_output=True,
                          text=True, timeout=60,
                          env=service_env(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
                                          SYNCMATCH_DATA_DIR=str(tmp_path)))
    assert done.returncode == 2
    assert "cannot reach the Redis in REDIS_URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_up_rejects_zero_workers():
    done = subprocess.run([*syncmatch_command(), "up", "--workers", "0"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "at least 1" in done.stderr
