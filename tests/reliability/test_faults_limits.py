"""The rate limiter's Retry-After is the real wait, and guessing API keys is limited per client address."""

from __future__ import annotations

import math
import time
from dataclasses import replace

import pytest
from reliability_support import Stack
from service_support import soft_match_payload

from service.api import create_app
from service.config import Settings, hash_key

KEY = "acme-key-0123456789abcdef"
NO_JOB = "/v1/jobs/" + "0" * 32


def _client(stack: Stack, **changes):
    stack.start_redis()
    settings = replace(Settings.from_env(stack.env), **changes)
    return create_app(settings).test_client()


@pytest.mark.slow
def test_retry_after_is_the_time_until_a_request_is_allowed_again(stack: Stack) -> None:
    window = 4
    client = _client(stack, rate_limit=f"2/{window} seconds")
    before_first = time.time()
    accepted = client.post("/v1/jobs", json=soft_match_payload())
    after_first = time.time()
    assert accepted.headers.get_all("Retry-After") == ["1"]  # the job's own poll hint, not the limiter's window
    assert "Retry-After" not in client.get(NO_JOB).headers  # a 404 within the limit has none
    time.sleep(0.6)
    before = time.time()
    refused = client.get(NO_JOB)
    after = time.time()
    assert refused.status_code == 429
    # The first request leaves the window `window` seconds after it was counted: that is the wait.
    wait = int(refused.headers["Retry-After"])
    assert math.ceil(before_first + window - after) <= wait <= math.ceil(after_first + window - before)
    time.sleep(max(0.0, after_first + window - time.time()) + 0.2)
    assert client.get(NO_JOB).status_code == 404


def test_failed_authentications_are_limited_per_client_address(stack: Stack) -> None:
    client = _client(stack, api_keys={hash_key(KEY): "acme"}, auth_failure_limit="3/minute")
    attacker = {"REMOTE_ADDR": "192.0.2.7"}
    for guess in ("wrong-key-0000000001", "wrong-key-0000000002"):
        assert client.get(NO_JOB, headers={"Authorization": f"Bearer {guess}"}, environ_base=attacker
                          ).status_code == 401
    assert client.get(NO_JOB, environ_base=attacker).status_code == 401  # no key at all counts too
    refused = client.get(NO_JOB, headers={"Authorization": f"Bearer {KEY}"}, environ_base=attacker)
    assert refused.status_code == 429
    assert refused.json["type"] == "urn:syncmatch:problem:too-many-failed-authentications"
    assert 55 <= int(refused.headers["Retry-After"]) <= 60
    assert "SYNCMATCH_AUTH_FAILURE_LIMIT" in refused.json["detail"]
    assert client.get(NO_JOB, headers={"Authorization": f"Bearer {KEY}"},
                      environ_base={"REMOTE_ADDR": "192.0.2.8"}).status_code == 404  # another address is not blocked
