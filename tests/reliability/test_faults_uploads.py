"""Uploads cannot exhaust the API's disk or memory, and one tenant cannot use up the service (quotas)."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import shutil
import threading
import time
from pathlib import Path

import psutil
import pytest
from reliability_support import Stack, assert_problem, onprem_ndjson
from service_support import soft_match_payload, wait_until

MIB = 1024 * 1024
ACME_KEY = "acme-key-0123456789abcdef"
GLOBEX_KEY = "globex-key-0123456789abcdef"


def gzip_bomb(gib: int) -> bytes:
    """About 1 MiB of gzip per GiB it inflates to: 1 GiB of zeros per 16 gzip members."""
    member = gzip.compress(bytes(64 * MIB), compresslevel=9)
    return member * (16 * gib)


class Sampler:
    """Samples the disk used under a directory and the memory of a process tree while something runs."""

    def __init__(self, directory: Path, root: psutil.Process) -> None:
        self.directory, self.root = directory, root
        self.max_disk = self.max_rss = 0
        self.start_rss = self._rss()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        total = 0
        for process in [self.root, *self.root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total

    def _disk(self) -> int:
        """Blocks of the files under the directory that the processes hold open (temporary files are unlinked)."""
        total = 0
        for process in [self.root, *self.root.children(recursive=True)]:
            descriptors = Path(f"/proc/{process.pid}/fd")
            with contextlib.suppress(OSError):
                for fd in descriptors.iterdir():
                    with contextlib.suppress(OSError):
                        if os.readlink(fd).startswith(str(self.directory)):
                            total += os.stat(fd).st_blocks * 512
        return total

    def _run(self) -> None:
        while not self.done.is_set():
            self.max_disk = max(self.max_disk, self._disk())
            self.max_rss = max(self.max_rss, self._rss())
            time.sleep(0.02)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()


@pytest.mark.slow
def test_concurrent_gzip_bombs_are_refused_without_touching_the_disk(stack: Stack, tmp_path: Path) -> None:
    spool = tmp_path / "api-tmp"
    spool.mkdir()
    stack.start_redis()
    api = stack.start_api(TMPDIR=str(spool), SYNCMATCH_API_THREADS="4")
    bomb = gzip_bomb(3)  # 3 MiB that inflate to 3 GiB; before, each one spooled 2 GiB to disk
    answers: list = []
    with Sampler(spool, psutil.Process(api.process.pid)) as sampler:
        threads = [threading.Thread(target=lambda: answers.append(api.upload(
            "onprem", bomb, headers={"Content-Encoding": "gzip"}, timeout=120))) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(answers) == 3
    for answer in answers:
        body = assert_problem(answer, 413)
        assert "compression bomb" in body["detail"] or "SYNCMATCH_MAX_DECOMPRESSED_BYTES" in body["detail"]
    assert sampler.max_disk < 16 * MIB, sampler.max_disk  # only bodies as sent may be spooled, and these fit in memory
    assert sampler.max_rss - sampler.start_rss < 256 * MIB, (sampler.start_rss, sampler.max_rss)
    assert shutil.disk_usage(spool).free > 0


class SlowUpload(threading.Thread):
    """An upload with a Content-Length whose second half is sent only after a pause (a slow client)."""

    def __init__(self, api, body: bytes, pause: float) -> None:
        super().__init__(daemon=True)
        self.api, self.body, self.pause = api, body, pause
        self.halfway = threading.Event()
        self.status: int | None = None

    def run(self) -> None:
        host, port = self.api.base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.putrequest("POST", "/v1/snapshots?kind=onprem")
        connection.putheader("Content-Type", "application/x-ndjson")
        connection.putheader("Content-Length", str(len(self.body)))
        connection.endheaders()
        half = len(self.body) // 2
        connection.send(self.body[:half])
        self.halfway.set()
        time.sleep(self.pause)
        connection.send(self.body[half:])
        self.status = connection.getresponse().status
        connection.close()


def test_an_upload_beyond_the_spool_space_is_told_to_retry_and_nothing_is_lost(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api(SYNCMATCH_UPLOAD_SPOOL_BYTES="3mb", SYNCMATCH_UPLOAD_WAIT="0")
    slow = SlowUpload(api, onprem_ndjson(7500), pause=4.0)  # about 2.4 MiB, its space reserved as it starts
    slow.start()
    assert slow.halfway.wait(30)

    def refused_while_the_slow_one_holds_its_space():
        assert slow.status is None, "the slow upload ended before another one was refused"
        answer = api.upload("onprem", onprem_ndjson(6000))  # about 1.9 MiB more: no room once it is reserved
        return [answer] if answer.status_code == 503 else None  # a Response is falsy when it is an error
    refused = wait_until(refused_while_the_slow_one_holds_its_space, timeout=30, interval=0.1)[0]
    body = assert_problem(refused, 503)
    assert body["type"] == "urn:syncmatch:problem:upload-space-full"
    assert refused.headers["Retry-After"] == "5"
    slow.join()
    assert slow.status == 201
    assert api.upload("onprem", onprem_ndjson(6000)).status_code == 201  # the space was given back


def test_an_upload_larger_than_the_whole_spool_space_gets_413_saying_how_to_send_it(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api(SYNCMATCH_UPLOAD_SPOOL_BYTES="3mb", SYNCMATCH_UPLOAD_WAIT="20")
    started = time.monotonic()
    refused = api.upload("onprem", onprem_ndjson(12500))  # about 4 MiB: it can never fit, so no 503 to retry
    body = assert_problem(refused, 413)
    assert "SYNCMATCH_UPLOAD_SPOOL_BYTES" in body["detail"] and "gzip" in body["detail"]
    assert time.monotonic() - started < 15  # refused at once, not after SYNCMATCH_UPLOAD_WAIT
    assert api.upload("onprem", onprem_ndjson(6000)).status_code == 201  # nothing was held back


def test_an_upload_waits_for_space_when_allowed_to(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api(SYNCMATCH_UPLOAD_SPOOL_BYTES="3mb", SYNCMATCH_UPLOAD_WAIT="20")
    slow = SlowUpload(api, onprem_ndjson(7500), pause=1.5)
    slow.start()
    assert slow.halfway.wait(30)
    time.sleep(0.3)
    waited = api.upload("onprem", onprem_ndjson(6000))  # waits until the first gives its space back
    slow.join()
    assert slow.status == 201
    assert waited.status_code == 201, waited.text


def test_a_tenant_over_its_stored_bytes_quota_gets_507_saying_which_quota(stack: Stack) -> None:
    stack.start_redis()
    stack.env.update(SYNCMATCH_API_KEYS=f"{ACME_KEY}:acme,{GLOBEX_KEY}:globex")
    probe = stack.start_api()
    stored = probe.as_key(ACME_KEY).upload("onprem", onprem_ndjson(600)).json()["storedBytes"]
    probe.process.terminate()
    api = stack.start_api(SYNCMATCH_NAMESPACE=f"{stack.namespace}-q", SYNCMATCH_TENANT_MAX_BYTES=str(stored * 3 // 2))
    acme, globex = api.as_key(ACME_KEY), api.as_key(GLOBEX_KEY)
    first = acme.upload("onprem", onprem_ndjson(600))
    assert first.status_code == 201, first.text
    body = assert_problem(acme.upload("onprem", onprem_ndjson(600)), 507)
    assert body["quota"] == "storedBytes" and body["limit"] == stored * 3 // 2
    assert "SYNCMATCH_TENANT_MAX_BYTES" in body["detail"]
    assert globex.upload("onprem", onprem_ndjson(600)).status_code == 201  # another tenant is not affected
    assert acme.request("DELETE", f"/v1/snapshots/{first.json()['id']}").status_code == 204
    assert acme.upload("onprem", onprem_ndjson(600)).status_code == 201


def test_a_tenant_over_its_concurrent_jobs_quota_gets_429_saying_which_quota(stack: Stack) -> None:
    stack.start_redis()
    stack.env.update(SYNCMATCH_API_KEYS=f"{ACME_KEY}:acme,{GLOBEX_KEY}:globex")
    api = stack.start_api(SYNCMATCH_TENANT_MAX_JOBS="2")
    acme, globex = api.as_key(ACME_KEY), api.as_key(GLOBEX_KEY)
    accepted = [acme.submit(soft_match_payload()) for _ in range(2)]  # no worker yet: both stay queued
    refused = acme.request("POST", "/v1/jobs", json=soft_match_payload())
    body = assert_problem(refused, 429)
    assert body["quota"] == "concurrentJobs" and body["limit"] == 2 and body["used"] == 2
    assert "SYNCMATCH_TENANT_MAX_JOBS" in body["detail"] and refused.headers["Retry-After"]
    assert globex.submit(soft_match_payload())
    assert acme.request("DELETE", f"/v1/jobs/{accepted[0]}").status_code == 204  # frees a place at once
    third = acme.submit(soft_match_payload())
    stack.start_worker()
    assert acme.ended(third)["status"] == "finished"
    assert acme.ended(accepted[1])["status"] == "finished"
    assert acme.submit(soft_match_payload())  # ended jobs no longer count
