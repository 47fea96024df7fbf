"""Every error is application/problem+json, never an HTML page or a stack trace."""

import json
from dataclasses import replace

import pytest

from service.adapters.network import free_port
from service.api import create_app
from service.config import Settings

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    """The response is a problem document with the given status."""
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.json
    assert body["status"] == status
    assert body["type"] and body["title"]
    return body


def test_unknown_path_is_a_404_problem(client):
    body = assert_problem(client.get("/no/such/thing"), 404)
    assert body["type"] == "about:blank"
    assert body["title"] == "Not Found"


def test_wrong_method_is_a_405_problem_with_allow(client):
    response = client.delete("/v1/jobs")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_unknown_job_is_a_404_problem(client):
    body = assert_problem(client.get("/v1/jobs/0123456789abcdef0123456789abcdef"), 404)
    assert "0123456789abcdef0123456789abcdef" in body["detail"]


@pytest.mark.parametrize("job_id", ["not-an-id", "rq:job:x", "A" * 32])
def test_malformed_job_ids_are_404(client, job_id):
    assert_problem(client.get(f"/v1/jobs/{job_id}/report"), 404)


def test_body_that_is_not_json_is_a_400_problem(client):
    assert_problem(client.post("/v1/jobs", data="{not json", content_type="application/json"), 400)


def test_body_not_sent_as_json_is_a_415_problem(client):
    assert_problem(client.post("/v1/jobs", data="onprem=1", content_type="text/plain"), 415)


def test_field_errors_are_listed_with_json_pointers(client):
    body = assert_problem(client.post("/v1/jobs", json={
        "onprem": {"kind": "cloud", "objects": [{"objectGUID": "x"}, "not an object"]},
        "settings": {"passwordHashSync": "yes", "now": "yesterday"},
        "callbackUrl": "https://example.invalid/hook",
    }), 422)
    assert body["type"] == "urn:syncmatch:problem:validation"
    pointers = {error["pointer"] for error in body["errors"]}
    # no cloud snapshot is no error: the job would be check-only (IdFix's data-quality checks alone)
    assert pointers == {"/onprem/kind", "/onprem/objects/1", "/settings/passwordHashSync", "/settings/now",
                        "/callbackUrl"}
    assert all(error["detail"] for error in body["errors"])


def test_body_that_is_not_an_object_is_a_422_problem(client):
    body = assert_problem(client.post("/v1/jobs", json=[1, 2]), 422)
    assert body["errors"][0]["pointer"] == ""


def test_too_large_body_is_a_413_problem(settings):
    small = create_app(replace(settings, max_upload_bytes=100)).test_client()
    body = assert_problem(small.post("/v1/jobs", data=json.dumps({"x": "y" * 200}),
                                     content_type="application/json"), 413)
    assert "SYNCMATCH_MAX_UPLOAD_BYTES" in body["detail"]


def test_redis_outage_is_a_503_problem(soft_match_job):
    down = create_app(Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0")).test_client()
    response = down.post("/v1/jobs", json=soft_match_job)
    body = assert_problem(response, 503)
    assert body["type"] == "urn:syncmatch:problem:storage-unavailable"
    assert response.headers["Retry-After"]


def test_a_bug_is_a_500_problem_without_the_stack_trace(app, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    body = assert_problem(app.test_client().get("/boom"), 500)
    assert "secret internals" not in json.dumps(body)
    assert "Traceback" not in json.dumps(body)
    assert "secret internals" in caplog.text
