"""Several tenants submitting at once for a minute: each gets its own results, no job is lost, memory stays flat."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psutil
import pytest
import requests
from reliability_support import Stack, cloud_graph, guid, onprem_ndjson

from service.engine import evaluate
from service.readers import read_snapshot

DURATION = 60.0
MAX_JOBS = 400  # a bound on requests whatever the machine's speed
THREADS_PER_TENANT = 2
SIZES = (30, 90, 150, 240)
TENANTS = {"acme": "acme-load-key-0123456789", "globex": "globex-load-key-0123456789",
           "initech": "initech-load-key-0123456789"}
NOW = "2025-01-01T00:00:00Z"
MIB = 1024 * 1024


@dataclass
class Tally:
    """What the submitting threads did, shared between them."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    accepted: list[tuple[str, str]] = field(default_factory=list)  # (tenant, job id)
    finished: Counter = field(default_factory=Counter)
    expected: dict[int, dict] = field(default_factory=dict)

    def reserve(self) -> int | None:
        """A place for one more job within MAX_JOBS, or None."""
        with self.lock:
            if len(self.accepted) >= MAX_JOBS:
                return None
            self.accepted.append(("", ""))
            return len(self.accepted) - 1

    def record(self, place: int, tenant: str, job_id: str) -> None:
        """Note an accepted job."""
        with self.lock:
            self.accepted[place] = (tenant, job_id)

    def done(self, tenant: str) -> None:
        """Count a job that finished with the right report."""
        with self.lock:
            self.finished[tenant] += 1

    def outcomes(self, size: int) -> dict:
        """The outcome counts the engine gives for `size` objects, computed here once per size."""
        with self.lock:
            if size not in self.expected:
                onprem = read_snapshot(onprem_ndjson(size), kind="onprem")
                cloud = read_snapshot(cloud_graph(size), kind="cloud")
                self.expected[size] = evaluate(onprem.data, cloud.data, {"now": NOW})["summary"]["outcomes"]
            return self.expected[size]


class Tenant:
    """One API key's session, submitting jobs on data only it has: its own domain and objectGUIDs."""

    def __init__(self, base: str, number: int, name: str) -> None:
        self.base, self.number, self.name = base, number, name
        self.domain = f"{name}.example"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {TENANTS[name]}"

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        """One request; any 5xx fails the test."""
        response = self.session.request(method, self.base + path, timeout=60, **kwargs)
        assert response.status_code < 500, (self.name, path, response.status_code, response.text[:300])
        return response

    def run_job(self, size: int) -> str:
        """Upload both exports, submit the job, return its id."""
        ids = [self._upload("onprem", onprem_ndjson(size, self.domain, self.number)),
               self._upload("cloud", cloud_graph(size, self.domain))]
        response = self.call("POST", "/v1/jobs", headers={"Idempotency-Key": uuid.uuid4().hex},
                             json={"onpremSnapshot": ids[0], "cloudSnapshot": ids[1], "settings": {"now": NOW}})
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def wait(self, job_id: str, timeout: float = 120) -> dict:
        """Poll until the job ends."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            view = self.call("GET", f"/v1/jobs/{job_id}").json()
            if view["status"] in ("finished", "failed"):
                return view
            time.sleep(0.2)
        raise AssertionError(f"{self.name}: job {job_id} did not end within {timeout}s")

    def check(self, job_id: str, size: int, tally: Tally) -> None:
        """The job's report holds this tenant's objects, all of them, with the engine's verdict on them."""
        view = self.wait(job_id)
        assert view["status"] == "finished", view
        report = self.call("GET", f"/v1/jobs/{job_id}/report").json()
        assert {result["object"]["objectGUID"] for result in report["results"]} == {
            guid(self.number, n) for n in range(size)}
        assert all(result["object"]["userPrincipalName"].endswith("@" + self.domain) for result in report["results"])
        assert report["summary"]["outcomes"] == tally.outcomes(size)

    def _upload(self, kind: str, body: bytes) -> str:
        response = self.call("POST", f"/v1/snapshots?kind={kind}", data=body)
        assert response.status_code == 201, response.text
        return response.json()["id"]


def submit_until(tenant: Tenant, deadline: float, tally: Tally, turn: int) -> None:
    """One thread: submit, wait, check, again, until the deadline or MAX_JOBS."""
    while time.monotonic() < deadline and (place := tally.reserve()) is not None:
        size = SIZES[turn % len(SIZES)]
        turn += 1
        job_id = tenant.run_job(size)
        tally.record(place, tenant.name, job_id)
        tenant.check(job_id, size, tally)
        tally.done(tenant.name)


def resident_bytes(processes: list[psutil.Process]) -> int:
    """RSS of the long-lived processes: the API's gunicorn master and workers, the matching workers."""
    return sum(process.memory_info().rss for process in processes if process.is_running())


def long_lived(stack: Stack) -> list[psutil.Process]:
    """The API processes and the worker processes (not the short-lived child that runs each job)."""
    found = []
    for started in stack.started:
        parent = psutil.Process(started.pid)
        found += [parent, *(child for child in parent.children() if os.getpgid(child.pid) != child.pid)]
    return found


@pytest.mark.slow
def test_tenants_submitting_together_get_their_own_results_and_nothing_is_lost(stack: Stack) -> None:
    stack.start_redis()
    keys = ",".join(f"{key}:{name}" for name, key in TENANTS.items())
    api = stack.start_api(SYNCMATCH_API_KEYS=keys, SYNCMATCH_API_WORKERS="2", SYNCMATCH_RATE_LIMIT="100000/minute")
    for _ in range(2):
        stack.start_worker()
    tenants = [Tenant(api.base, number, name) for number, name in enumerate(TENANTS)]
    tally = Tally()
    for tenant in tenants:  # warm-up: every process has served a full round before memory is measured
        submit_until(tenant, time.monotonic() + 1, tally, 0)
    watched = long_lived(stack)
    start = resident_bytes(watched)
    deadline = time.monotonic() + DURATION
    with ThreadPoolExecutor(len(tenants) * THREADS_PER_TENANT) as pool:
        runs = [pool.submit(submit_until, tenant, deadline, tally, turn)
                for tenant in tenants for turn in range(THREADS_PER_TENANT)]
        for run in runs:
            run.result()
    end = resident_bytes(watched)
    assert sum(tally.finished.values()) == len(tally.accepted) > len(tenants) * THREADS_PER_TENANT
    assert all(tally.finished[tenant.name] > 1 for tenant in tenants)
    assert end < start * 1.5 + 64 * MIB, f"RSS grew from {start // MIB} MiB to {end // MIB} MiB"
    owner, job_id = tally.accepted[-1]
    stranger = next(tenant for tenant in tenants if tenant.name != owner)
    assert stranger.call("GET", f"/v1/jobs/{job_id}").status_code == 404
    print(f"\nload: {len(tally.accepted)} jobs, {dict(tally.finished)}, RSS {start // MIB} -> {end // MIB} MiB "
          f"over {len(watched)} processes")
