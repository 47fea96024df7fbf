"""Workers that die, are stopped or run out of time: an accepted job still ends with a result."""

from __future__ import annotations

import os
import signal

import pytest
from reliability_support import (
    Stack,
    assert_problem,
    cloud_graph,
    gone,
    horse_of,
    job_payload,
    onprem_ndjson,
)
from service_support import soft_match_payload, wait_until

OBJECTS = 600


def _snapshots(api) -> tuple[str, str]:
    return api.snapshot_id("onprem", onprem_ndjson(OBJECTS)), api.snapshot_id("cloud", cloud_graph(OBJECTS))


def test_a_job_whose_worker_is_killed_runs_again_and_gives_the_same_report(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api()
    onprem, cloud = _snapshots(api)
    undisturbed = stack.start_worker()
    reference = api.ended(api.submit(job_payload(onprem, cloud)))
    assert reference["status"] == "finished", reference
    expected = api.report(reference["id"])
    undisturbed.send_signal(signal.SIGTERM)
    assert undisturbed.wait(timeout=30) == 0

    victim = stack.start_worker(SYNCMATCH_TEST_TASK_DELAY="120")
    job_id = api.submit(job_payload(onprem, cloud))
    api.status_is(job_id, "running")
    horse = horse_of(victim)
    os.kill(victim.pid, signal.SIGKILL)
    wait_until(lambda: gone(horse), timeout=30)  # the job's process dies with its worker: it cannot run twice

    stack.start_worker()
    view = api.ended(job_id)
    assert view["status"] == "finished", view
    assert view["summary"] == reference["summary"]
    assert api.report(job_id) == expected


def test_sigterm_lets_the_worker_finish_its_job_and_take_no_other(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api()
    worker = stack.start_worker(SYNCMATCH_TEST_TASK_DELAY="3")
    first = api.submit(soft_match_payload())
    second = api.submit(soft_match_payload())
    api.status_is(first, "running")
    worker.send_signal(signal.SIGTERM)  # what `docker stop` and Kubernetes send to the container's process
    assert worker.wait(timeout=60) == 0, stack.log("worker")
    view = api.job(first)
    assert view["status"] == "finished", view
    assert view["summary"]["outcomes"] == {"softMatch": 1, "provision": 1}
    assert len(api.report(first)["results"]) == 2
    assert api.job(second)["status"] == "queued"
    stack.start_worker()
    assert api.ended(second)["status"] == "finished"


@pytest.mark.parametrize("hook", ["SYNCMATCH_TEST_TASK_DELAY", "SYNCMATCH_TEST_STORE_DELAY"])
def test_a_job_past_its_timeout_fails_saying_so_and_leaves_nothing_behind(stack: Stack, hook: str) -> None:
    stack.start_redis()
    api = stack.start_api(SYNCMATCH_JOB_TIMEOUT="2")
    stack.start_worker(**{hook: "60"})
    job_id = api.submit(soft_match_payload())
    view = api.ended(job_id)
    assert view["status"] == "failed", view
    error = view["error"]
    assert error["type"] == "urn:syncmatch:problem:job-timeout"
    assert "2 seconds" in error["detail"] and "Raise SYNCMATCH_JOB_TIMEOUT" in error["detail"]
    assert stack.keys(f"input:{job_id}*") == set()
    assert stack.keys(f"report:{job_id}*") == set()
    report = api.request("GET", f"/v1/jobs/{job_id}/report")
    assert assert_problem(report, 409)["jobStatus"] == "failed"


def test_a_job_killed_after_storing_its_report_is_finished_from_that_report(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api()
    victim = stack.start_worker(SYNCMATCH_TEST_STORE_DELAY="120")
    job_id = api.submit(soft_match_payload())
    api.status_is(job_id, "running")
    wait_until(lambda: stack.keys(f"report:{job_id}"), timeout=30)  # the report is stored in full
    os.kill(victim.pid, signal.SIGKILL)
    stack.forget(f"input:{job_id}*")  # as if the run had also removed the input before it was killed
    stack.start_worker()
    view = api.ended(job_id)
    assert view["status"] == "finished", view
    assert view["summary"]["outcomes"] == {"softMatch": 1, "provision": 1}
    assert len(api.report(job_id)["results"]) == 2


def test_a_job_whose_workers_keep_dying_fails_saying_so(stack: Stack) -> None:
    stack.start_redis()
    api = stack.start_api(SYNCMATCH_JOB_RETRIES="0")
    victim = stack.start_worker(SYNCMATCH_TEST_TASK_DELAY="120")
    job_id = api.submit(soft_match_payload())
    api.status_is(job_id, "running")
    os.kill(victim.pid, signal.SIGKILL)
    stack.start_worker()
    view = api.ended(job_id)
    assert view["status"] == "failed", view
    assert view["error"]["type"] == "urn:syncmatch:problem:job-interrupted"
    assert "Submit the job again" in view["error"]["detail"]


@pytest.mark.parametrize("uploaded", [True, False], ids=["uploaded", "inline"])
def test_a_job_whose_checks_child_is_killed_reads_its_records_again(stack: Stack, uploaded: bool) -> None:
    """The engine lets each record go without waiting for the checks' child; killed, the job loads the records
    again and runs the checks itself: the same report as a job whose checks ran in its own process."""
    stack.start_redis()
    api = stack.start_api()
    if uploaded:
        payload = job_payload(*_snapshots(api))
    else:
        payload = {**soft_match_payload(), "settings": {"now": "2025-01-01T00:00:00Z"}}
        payload["onprem"]["objects"][1]["userPrincipalName"] = "bea smith@contoso.com"  # a data-quality finding
    here = stack.start_worker(SYNCMATCH_CHECKS_CHILD="0")
    reference = api.ended(api.submit(payload))
    assert reference["status"] == "finished", reference
    expected = api.report(reference["id"])
    assert expected["dataQuality"]["total"] > 0
    here.send_signal(signal.SIGTERM)
    assert here.wait(timeout=30) == 0

    stack.start_worker(SYNCMATCH_CHECKS_CHILD="1", SYNCMATCH_TEST_CHECKS_CHILD_DIES="1")
    job_id = api.submit(payload)
    view = api.ended(job_id)
    assert view["status"] == "finished", view
    assert api.report(job_id)["dataQuality"] == expected["dataQuality"]
    assert api.report(job_id)["results"] == expected["results"]
    log = "\n".join(stack.log(name.stem) for name in stack.tmp_path.glob("w-*.log"))
    assert "data-quality checks ran in the job's process: the checks' process failed" in log, log
