"""Idempotency-Key on POSTs, per tenant: replay, mismatch 422, in flight 409."""

import threading
import time
import uuid

from api_support import assert_problem
from snapshot_data import onprem_ndjson


def key() -> str:
    return f"test-{uuid.uuid4()}"


def test_same_key_and_body_replays_the_first_response(acme, soft_match_job, api_settings):
    headers = {"Idempotency-Key": key()}
    first = acme.post("/v1/jobs", json=soft_match_job, headers=headers)
    again = acme.post("/v1/jobs", json=soft_match_job, headers=headers)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Retry-After"] == first.headers["Retry-After"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers


def test_uploads_replay_too(acme):
    headers = {"Idempotency-Key": key()}
    body = onprem_ndjson(20)
    first = acme.upload("onprem", body, headers=headers)
    again = acme.upload("onprem", body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert_problem(acme.upload("onprem", onprem_ndjson(21), headers=headers), 422)


def test_same_key_with_another_body_is_422(acme, soft_match_job):
    headers = {"Idempotency-Key": key()}
    assert acme.post("/v1/jobs", json=soft_match_job, headers=headers).status_code == 202
    soft_match_job["settings"]["sourceAnchor"] = "objectGUID"
    body = assert_problem(acme.post("/v1/jobs", json=soft_match_job, headers=headers), 422)
    assert body["type"] == "urn:syncmatch:problem:idempotency-key-reused"


def test_errors_are_replayed_as_well(acme):
    headers = {"Idempotency-Key": key()}
    first = assert_problem(acme.post("/v1/jobs", json={"onprem": {}}, headers=headers), 422)
    again = acme.post("/v1/jobs", json={"onprem": {}}, headers=headers)
    assert again.json()["errors"] == first["errors"]


def test_keys_belong_to_one_tenant(acme, globex, soft_match_job):
    headers = {"Idempotency-Key": key()}
    mine = acme.post("/v1/jobs", json=soft_match_job, headers=headers).json()
    theirs = globex.post("/v1/jobs", json=soft_match_job, headers=headers)
    assert theirs.status_code == 202
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.json()["id"] != mine["id"]


def test_a_request_still_in_flight_is_409(acme):
    headers = {"Idempotency-Key": key(), "Content-Type": "application/x-ndjson"}
    body = onprem_ndjson(40)
    first: dict = {}

    def slow_body():
        yield body[:100]
        time.sleep(1.5)
        yield body[100:]

    def upload():
        first["response"] = acme.session.post(f"{acme.base}/v1/snapshots?kind=onprem", data=slow_body(),
                                              headers=headers, timeout=30)
    thread = threading.Thread(target=upload)
    thread.start()
    time.sleep(0.5)
    response = acme.upload("onprem", body, headers=headers)
    thread.join()
    problem = assert_problem(response, 409)
    assert problem["type"] == "urn:syncmatch:problem:idempotency-in-flight"
    assert response.headers["Retry-After"]
    assert first["response"].status_code == 201
    assert acme.upload("onprem", body, headers=headers).json()["id"] == first["response"].json()["id"]


def test_a_malformed_key_is_400(acme, soft_match_job):
    assert_problem(acme.post("/v1/jobs", json=soft_match_job, headers={"Idempotency-Key": "x" * 300}), 400)
