"""`syncmatch up` heals itself: a part killed with SIGKILL comes back, its job finishes, the service answers."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from reliability_support import Up, gone, settle
from service_support import assert_soft_match_report, soft_match_payload, wait_until

pytestmark = pytest.mark.slow

# A lease far longer than the tests wait: a job that finishes was handed back by the supervisor, not by a lease.
SLOW_LEASE = {"SYNCMATCH_JOB_HEARTBEAT": "60", "SYNCMATCH_MAINTENANCE_INTERVAL": "600"}
JOB_WAIT = 40.0


@pytest.fixture
def up_factory(tmp_path: Path) -> Iterator:
    started: list[Up] = []

    def start(**env: str) -> Up:
        up = Up(tmp_path, **env)
        started.append(up)
        return up
    yield start
    for up in started:
        up.close()


def _finished(up: Up, job_id: str) -> dict:
    view = up.api.ended(job_id, timeout=JOB_WAIT)
    assert view["status"] == "finished", (view, up.output()[-3000:])
    assert_soft_match_report(up.api.report(job_id))
    return view


def test_a_killed_worker_is_restarted_and_its_job_finishes_without_waiting_for_the_lease(up_factory) -> None:
    up = up_factory(SYNCMATCH_TEST_TASK_DELAY="2", **SLOW_LEASE)
    job_id = up.api.submit(soft_match_payload())
    up.api.status_is(job_id, "running")
    up.kill(" worker")
    _finished(up, job_id)
    output = up.output()
    assert "the worker 1 was killed by SIGKILL; restarting it" in output
    assert f"handed 1 job(s) of the dead worker 1 back to the queue: {job_id}" in output
    assert "the worker 1 is running again" in output
    assert up.process.poll() is None


def test_a_killed_api_is_restarted_and_answers_again_within_seconds(up_factory) -> None:
    up = up_factory(SYNCMATCH_TEST_TASK_DELAY="2", **SLOW_LEASE)
    job_id = up.api.submit(soft_match_payload())
    up.kill(" api ")
    wait_until(lambda: "the API is running again" in up.output() and up.answers(), timeout=30)
    _finished(up, job_id)
    assert "the API was killed by SIGKILL; restarting it" in up.output()


def test_a_killed_redis_comes_back_with_its_data_and_the_job_finishes(up_factory) -> None:
    up = up_factory(SYNCMATCH_TEST_TASK_DELAY="3", **SLOW_LEASE)
    before = up.api.submit(soft_match_payload())
    _finished(up, before)
    job_id = up.api.submit(soft_match_payload())
    up.api.status_is(job_id, "running")
    settle(1.5)  # beyond the append-only file's once-a-second fsync
    up.kill("redis-server")
    wait_until(lambda: up.answers() and up.api.request("GET", "/readyz").status_code == 200, timeout=30)
    _finished(up, job_id)
    assert up.api.job(before)["status"] == "finished"  # replayed from the append-only file
    assert "the Redis was killed by SIGKILL; restarting it" in up.output()


def test_a_part_that_keeps_dying_stops_everything_with_exit_code_1(up_factory) -> None:
    up = up_factory(SYNCMATCH_RESTART_LIMIT="3")
    children = psutil.Process(up.process.pid).children(recursive=True)
    for _ in range(3):
        up.kill(" worker")
        if up.process.poll() is None:
            wait_until(lambda: "is running again" in up.output() or up.process.poll() is not None, timeout=30)
    assert up.process.wait(timeout=60) == 1
    output = up.output()
    assert "the worker 1 was killed by SIGKILL: 3 deaths within 60 s (SYNCMATCH_RESTART_LIMIT=3)" in output
    assert "stopping everything" in output
    assert [child for child in children if not gone(child)] == []


def test_the_embedded_redis_wants_a_password_that_no_command_line_or_log_shows(up_factory) -> None:
    up = up_factory()
    with socket.create_connection(("127.0.0.1", up.redis_port()), timeout=5) as sock:
        sock.sendall(b"PING\r\n")
        answer = sock.recv(200)
    assert answer.startswith(b"-NOAUTH"), answer
    api = up.part(" api ")
    password = api.environ()["REDIS_URL"].split("//:", 1)[1].split("@", 1)[0]
    assert len(password) >= 32
    for process in [psutil.Process(up.process.pid), *psutil.Process(up.process.pid).children(recursive=True)]:
        assert password not in " ".join(process.cmdline())
    server = up.part("redis-server")
    assert "127.0.0.1" in {c.laddr.ip for c in server.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN}
    time.sleep(0.5)
    assert password not in up.output()
    assert password not in (Path(up.tmp_path) / "data" / "redis" / "redis.log").read_text(errors="replace")


def test_a_killed_webhook_consumer_is_restarted_and_the_delivery_it_held_is_made_again(up_factory) -> None:
    from test_faults_webhooks import SECRET, HangingReceiver

    up = up_factory(SYNCMATCH_WEBHOOK_SECRET=SECRET, SYNCMATCH_WEBHOOK_ALLOW_PRIVATE="1",
                    SYNCMATCH_WEBHOOK_RETRY_DELAYS="1,1", SYNCMATCH_WEBHOOK_TIMEOUT="60", **SLOW_LEASE)
    with HangingReceiver() as receiver:
        job_id = up.api.submit({**soft_match_payload(), "callbackUrl": receiver.url})
        assert receiver.arrived.wait(JOB_WAIT), up.output()[-3000:]  # the consumer is delivering, and hangs
        up.kill(" webhooks")
        receiver.release.set()  # the next attempt is answered at once
        callback = wait_until(lambda: (c := up.api.job(job_id)["callback"])["status"] == "delivered" and c,
                              timeout=JOB_WAIT)
    assert callback["attempts"] >= 1
    output = up.output()
    assert "the webhook consumer was killed by SIGKILL; restarting it" in output
    assert f"handed 1 job(s) of the dead webhook consumer back to the queue: webhook-{job_id}" in output
