"""Hostile inputs that need the real processes: a 100 MB single line, and 10,000 proxyAddresses through a job."""

from __future__ import annotations

import json

import psutil
import pytest
from bad_inputs import CLOUD_USER, GUID, many_proxy_addresses
from reliability_support import Stack, assert_problem, job_payload

MIB = 1024 * 1024
LINE_BYTES = 100 * MIB


class OneLongLine:
    """A request body of one JSON line of `size` bytes, produced as it is sent (never held in memory)."""

    def __init__(self, head: bytes, tail: bytes, size: int) -> None:
        self.head, self.tail, self.size, self.sent = head, tail, size, 0

    def __len__(self) -> int:
        return self.size

    def read(self, amount: int = -1) -> bytes:
        """The next `amount` bytes: the head, then filler, then the tail."""
        amount = self.size - self.sent if amount is None or amount < 0 else min(amount, self.size - self.sent)
        piece = b"".join(self._byte_range(self.sent, self.sent + amount))
        self.sent += len(piece)
        return piece

    def _byte_range(self, start: int, end: int):
        filler_end = self.size - len(self.tail)
        yield self.head[start:end]
        yield b"x" * max(0, min(end, filler_end) - max(start, len(self.head)))
        yield self.tail[max(0, start - filler_end):max(0, end - filler_end)]


def long_description_line(size: int) -> OneLongLine:
    """An AD user whose description makes the line `size` bytes long."""
    head = ('{"objectClass": "user", "objectGUID": "' + GUID + '", "userPrincipalName": "adam@contoso.com", '
            '"description": "').encode()
    return OneLongLine(head, b'"}\n', size)


@pytest.mark.parametrize("shape", ["object", "garbage"])
def test_a_100_mb_single_line_is_read_or_refused_with_a_reason(stack: Stack, shape: str) -> None:
    stack.start_redis()
    api = stack.start_api()
    body = long_description_line(LINE_BYTES) if shape == "object" else OneLongLine(b"", b"\n", LINE_BYTES)
    before = psutil.Process().memory_info().rss
    response = api.upload("onprem", body, timeout=120, headers={"Content-Type": "application/x-ndjson"})
    assert psutil.Process().memory_info().rss - before < 50 * MIB  # the test streamed the body, it did not build it
    assert body.sent == LINE_BYTES
    if shape == "object":
        assert response.status_code == 201, response.text
        assert response.json()["objects"] == 1
    else:
        assert assert_problem(response, 422)["code"] == "UnknownFormat"


def test_a_job_with_ten_thousand_proxy_addresses_on_one_object_finishes(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api()
    stack.start_worker()
    crowded = many_proxy_addresses()
    onprem = api.snapshot_id("onprem", json.dumps({"kind": "onprem", "objects": [crowded]}).encode())
    twins = [{**CLOUD_USER, "id": f"11111111-1111-1111-1111-{n:012d}", "userPrincipalName": f"c{n}@contoso.com",
              "mail": f"a{n}@contoso.com", "proxyAddresses": [f"SMTP:a{n}@contoso.com"]} for n in range(0, 10_000, 500)]
    cloud = api.snapshot_id("cloud", json.dumps({"kind": "cloud", "users": [CLOUD_USER, *twins]}).encode())
    view = api.ended(api.submit(job_payload(onprem, cloud)), timeout=120)
    assert view["status"] == "finished", view
    assert view["summary"]["objects"] == 1
    results = api.report(view["id"])["results"]
    assert [result["object"]["objectGUID"] for result in results] == [GUID]
