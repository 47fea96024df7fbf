"""Redis crashing, restarting, unreachable or hung: no accepted job is lost and the API answers 503, then recovers."""

from __future__ import annotations

import signal

import pytest
import requests
from reliability_support import Api, Stack, assert_problem, settle
from service_support import soft_match_payload, wait_until

# How long a request may take while Redis hangs: SYNCMATCH_REDIS_TIMEOUT (1 s) twice, with room to spare.
HANG_BOUND = 15
USER = b'{"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39"}\n'


@pytest.mark.parametrize(("fsync", "settle_seconds"), [("always", 0), ("everysec", 2)])
def test_an_accepted_job_survives_a_redis_crash_and_restart(stack: Stack, fsync: str, settle_seconds: float) -> None:
    redis = stack.start_redis("--appendonly", "yes", "--appendfsync", fsync)
    api = stack.start_api()
    onprem = api.snapshot_id("onprem", b'{"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39", '
                             b'"userPrincipalName": "adam@contoso.com", "mail": "adam@contoso.com"}\n')
    inline = api.submit(soft_match_payload())
    payload = soft_match_payload()
    uploaded = api.submit({"onpremSnapshot": onprem, "cloud": payload["cloud"], "settings": payload["settings"]})
    settle(settle_seconds)  # everysec: let the once-a-second fsync pass before the crash
    redis.stop(signal.SIGKILL)
    redis.start()  # same port, same data dir: it replays its append-only file
    stack.start_worker()
    for job_id in (inline, uploaded):
        view = api.ended(job_id)
        assert view["status"] == "finished", view
    assert api.job(inline)["summary"]["outcomes"] == {"softMatch": 1, "provision": 1}
    assert api.job(uploaded)["summary"]["objects"] == 1


def _outage_requests(api: Api, snapshot: str) -> list[requests.Response]:
    """Reads and writes of every kind while Redis is away."""
    return [api.request("GET", f"/v1/snapshots/{snapshot}", timeout=HANG_BOUND),
            api.request("GET", "/v1/jobs/0123456789abcdef0123456789abcdef", timeout=HANG_BOUND),
            api.request("POST", "/v1/jobs", json=soft_match_payload(), timeout=HANG_BOUND),
            api.request("POST", "/v1/jobs", json=soft_match_payload(), timeout=HANG_BOUND,
                        headers={"Idempotency-Key": "outage-1"}),
            api.upload("onprem", USER, timeout=HANG_BOUND)]


def _assert_unavailable(api: Api, snapshot: str) -> None:
    for response in _outage_requests(api, snapshot):
        problem = assert_problem(response, 503)
        assert problem["type"] == "urn:syncmatch:problem:storage-unavailable"
        assert int(response.headers["Retry-After"]) > 0
    ready = api.request("GET", "/readyz", timeout=HANG_BOUND)
    assert assert_problem(ready, 503)["checks"]["redis"] == "unreachable"
    assert api.request("GET", "/healthz", timeout=HANG_BOUND).status_code == 200


def _assert_recovers(api: Api, snapshot: str) -> None:
    """Without restarting the API: the snapshot is read again and a new job is accepted."""
    pid = api.process.pid
    wait_until(lambda: api.request("GET", f"/v1/snapshots/{snapshot}").status_code == 200, timeout=60)
    assert api.request("POST", "/v1/jobs", json=soft_match_payload()).status_code == 202
    assert api.process.poll() is None and api.process.pid == pid


@pytest.mark.parametrize("outage", ["killed", "hung"])
def test_without_redis_the_api_answers_503_and_recovers_by_itself(stack: Stack, outage: str) -> None:
    redis = stack.start_redis("--appendonly", "yes", "--appendfsync", "always")
    # The rate limiter keeps counters in Redis too: a hung Redis costs a request its timeout twice (limiter, API).
    api = stack.start_api(SYNCMATCH_RATE_LIMIT="1000/minute", SYNCMATCH_REDIS_TIMEOUT="1")
    snapshot = api.snapshot_id("onprem", USER)
    if outage == "killed":
        redis.stop(signal.SIGKILL)
    else:
        redis.pause()
    _assert_unavailable(api, snapshot)
    if outage == "killed":
        redis.start()
    else:
        redis.resume()
    _assert_recovers(api, snapshot)
