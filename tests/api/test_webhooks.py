"""Webhooks: Standard Webhooks signatures checked by a receiver, retries, and refusal of unsafe targets."""

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from api_support import ACME_KEY, WEBHOOK_SECRET, Api, assert_problem, serve

from service.adapters import webhooks
from service.api import create_app


class Receiver:
    """A webhook receiver on a free loopback port that fails its first `failures` requests with 500."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(500 if len(receiver.calls) <= receiver.failures else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/syncmatch?source=test"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def verify(secret: str, headers: dict, body: bytes) -> bool:
    """Standard Webhooks verification, written from the specification (not from the service's code)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(f"v1,{expected}", part) for part in headers["webhook-signature"].split())


def test_signed_webhook_is_retried_until_delivered(acme, soft_match_job):
    with Receiver(failures=1) as receiver:
        soft_match_job["callbackUrl"] = receiver.url
        created = acme.post("/v1/jobs", json=soft_match_job).json()
        assert created["callback"] == {"status": "pending", "attempts": 0}
        deadline = time.monotonic() + 30
        while len(receiver.calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    assert len(receiver.calls) == 2
    (first_headers, first_body), (headers, body) = receiver.calls
    assert verify(WEBHOOK_SECRET, headers, body)
    assert verify(WEBHOOK_SECRET, first_headers, first_body)
    assert not verify("whsec_" + base64.b64encode(b"another secret of 32 bytes......").decode(), headers, body)
    assert headers["webhook-id"] == first_headers["webhook-id"] == f"msg_{created['id']}"
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert headers["content-type"] == "application/json"
    event = json.loads(body)
    assert event["type"] == "job.finished"
    assert event["data"]["id"] == created["id"]
    assert event["data"]["summary"]["outcomes"] == {"softMatch": 1, "provision": 1}

    deadline = time.monotonic() + 10
    while acme.get(f"/v1/jobs/{created['id']}").json()["callback"]["status"] != "delivered":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert acme.get(f"/v1/jobs/{created['id']}").json()["callback"]["attempts"] == 2


def test_a_failed_job_is_announced_too(acme, soft_match_job):
    with Receiver(failures=0) as receiver:
        soft_match_job["callbackUrl"] = receiver.url
        soft_match_job["onprem"]["objects"] = [{"objectClass": "user", "objectGUID": "not-a-guid"}]
        created = acme.post("/v1/jobs", json=soft_match_job).json()
        deadline = time.monotonic() + 30
        while not receiver.calls and time.monotonic() < deadline:
            time.sleep(0.1)
    event = json.loads(receiver.calls[0][1])
    assert event["type"] == "job.failed"
    assert event["data"]["id"] == created["id"]
    assert event["data"]["error"]["type"] == "urn:syncmatch:problem:unreadable-snapshot"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://10.1.2.3/hook",
                                 "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data", "http://[::1]/",
                                 "http://0.0.0.0/", "http://224.0.0.1/", "http://[fe80::1]/", "http://100.64.0.1/",
                                 "ftp://example.com/", "http://user:pw@example.com/"])
def test_unsafe_callback_urls_are_refused_at_submission(api_settings, soft_match_job, url):
    strict = replace(api_settings, webhook_allow_private=False)
    with serve(create_app(strict)) as base:
        soft_match_job["callbackUrl"] = url
        body = assert_problem(Api(base, ACME_KEY).post("/v1/jobs", json=soft_match_job), 422)
    assert [e["pointer"] for e in body["errors"]] == ["/callbackUrl"]


def test_without_a_secret_webhooks_are_refused(api_settings, soft_match_job):
    with serve(create_app(replace(api_settings, webhook_secret=None))) as base:
        soft_match_job["callbackUrl"] = "http://127.0.0.1:9/hook"
        body = assert_problem(Api(base, ACME_KEY).post("/v1/jobs", json=soft_match_job), 422)
    assert "SYNCMATCH_WEBHOOK_SECRET" in body["errors"][0]["detail"]


def test_every_resolved_address_is_checked(monkeypatch):
    def resolve(host, port, **_):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in ("93.184.216.34", "10.0.0.5")]
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(webhooks.UnsafeTarget, match=r"10\.0\.0\.5"):
        webhooks.check("https://hooks.example.com/x", allow_private=False)
    assert webhooks.check("https://hooks.example.com/x", allow_private=True).address == "93.184.216.34"


def test_the_target_is_checked_again_when_sending(api_settings):
    """DNS may have changed since the job was submitted: the worker checks before it connects."""
    from service.usecases.deliver_webhook import _attempt

    with Receiver(failures=0) as receiver:
        outcome, error = _attempt(replace(api_settings, webhook_allow_private=False), "0" * 32, receiver.url, b"{}")
    assert outcome == "refused"
    assert "loopback" in error
    assert receiver.calls == []


@pytest.mark.parametrize(("address", "reason"), [("127.0.0.2", "loopback"), ("10.0.0.1", "private"),
                                                 ("172.16.5.4", "private"), ("169.254.1.1", "link-local"),
                                                 ("224.0.0.251", "multicast"), ("240.0.0.1", "reserved"),
                                                 ("::ffff:127.0.0.1", "loopback"), ("fd00::1", "private"),
                                                 ("93.184.216.34", None), ("2606:4700::1111", None)])
def test_forbidden_addresses(address, reason):
    assert webhooks.forbidden_reason(address) == reason


def test_each_tenant_signs_with_its_own_secret_and_the_single_one_is_the_default(api_settings):
    """SYNCMATCH_WEBHOOK_SECRETS: acme's receiver cannot verify globex's events, and the reverse."""
    from service.usecases.deliver_webhook import _attempt

    own = "whsec_" + base64.b64encode(b"acme's very own secret, 32 bytes").decode()
    settings = replace(api_settings, webhook_secrets={"acme": base64.b64decode(own.removeprefix("whsec_"))})
    with Receiver(failures=0) as receiver:
        assert _attempt(settings, "1" * 32, receiver.url, b'{"for":"acme"}', "acme") == ("delivered", None)
        assert _attempt(settings, "2" * 32, receiver.url, b'{"for":"globex"}', "globex") == ("delivered", None)
    (acme_headers, acme_body), (globex_headers, globex_body) = receiver.calls
    assert verify(own, acme_headers, acme_body)
    assert not verify(WEBHOOK_SECRET, acme_headers, acme_body)
    assert verify(WEBHOOK_SECRET, globex_headers, globex_body)
    assert not verify(own, globex_headers, globex_body)


def test_a_tenant_without_a_secret_of_its_own_or_a_default_gets_no_webhooks(api_settings, soft_match_job):
    own = base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=")
    with serve(create_app(replace(api_settings, webhook_secret=None, webhook_secrets={"globex": own}))) as base:
        soft_match_job["callbackUrl"] = "http://127.0.0.1:9/hook"
        body = assert_problem(Api(base, ACME_KEY).post("/v1/jobs", json=soft_match_job), 422)
    assert "SYNCMATCH_WEBHOOK_SECRETS" in body["errors"][0]["detail"]
