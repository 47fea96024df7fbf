"""Every error status over HTTP is application/problem+json, documented in openapi.yaml, with no stack trace."""

import gzip
import threading
import time
from dataclasses import replace

import pytest
from api_support import ACME_KEY, Api, assert_problem, serve
from snapshot_data import cloud_graph, onprem_ndjson

from service.api import create_app

MISSING = "0123456789abcdef0123456789abcdef"


def variant(api_settings, **changes):
    """An in-process server of the same Redis and namespace with some settings changed."""
    return serve(create_app(replace(api_settings, **changes)))


def test_400_body_that_is_not_json(acme):
    assert_problem(acme.post("/v1/jobs", data="{not json", headers={"Content-Type": "application/json"}), 400)


def test_400_query_parameters_name_the_parameter(acme):
    body = assert_problem(acme.post("/v1/snapshots?kind=printer", data=b"{}"), 400)
    assert body["errors"] == [{"parameter": "kind", "detail": "Must be one of: onprem, cloud."}]
    assert_problem(acme.post("/v1/snapshots", data=b"{}"), 400)


def test_401_without_a_key_or_with_a_wrong_one(base_url):
    for api in (Api(base_url), Api(base_url, "not-a-key-at-all-0000")):
        response = api.get(f"/v1/jobs/{MISSING}")
        body = assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert body["type"] == "urn:syncmatch:problem:unauthorized"
    assert Api(base_url).get("/healthz").status_code == 200
    assert Api(base_url).get("/metrics").status_code == 200
    assert Api(base_url).get("/openapi.yaml").status_code == 200


def test_404_unknown_ids_and_paths(acme):
    assert MISSING in assert_problem(acme.get(f"/v1/jobs/{MISSING}"), 404)["detail"]
    assert_problem(acme.get(f"/v1/snapshots/{MISSING}"), 404)
    assert_problem(acme.delete(f"/v1/snapshots/{MISSING}"), 404)
    assert_problem(acme.get("/v1/jobs/not-an-id/report"), 404)
    assert_problem(acme.get("/no/such/thing"), 404)


def test_405_with_allow(acme):
    response = acme.request("PUT", "/v1/jobs")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_409_report_of_a_job_not_finished(api_settings, soft_match_job):
    idle = replace(api_settings, namespace=api_settings.namespace + "-idle")
    with serve(create_app(idle)) as base:
        api = Api(base, ACME_KEY)
        job_id = api.post("/v1/jobs", json=soft_match_job).json()["id"]
        for path in ("/report", "/results", "/report.html", "/remediation.ps1"):
            assert assert_problem(api.get(f"/v1/jobs/{job_id}{path}"), 409)["jobStatus"] == "queued"
    from service_support import drop_namespace

    drop_namespace(idle)


def test_413_body_over_the_upload_limit(api_settings):
    with variant(api_settings, max_upload_bytes=1000) as base:
        api = Api(base, ACME_KEY)
        body = assert_problem(api.upload("onprem", onprem_ndjson(50)), 413)
        assert "SYNCMATCH_MAX_UPLOAD_BYTES" in body["detail"]

        def chunked():
            yield onprem_ndjson(50)
        assert_problem(api.upload("onprem", chunked()), 413)


def test_413_gzip_bomb_is_cut_off_not_inflated(api_settings):
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)
    with variant(api_settings, max_decompressed_bytes=1024 * 1024) as base:
        body = assert_problem(Api(base, ACME_KEY).upload("onprem", bomb, headers={"Content-Encoding": "gzip"}), 413)
        assert "SYNCMATCH_MAX_DECOMPRESSED_BYTES" in body["detail"]


def test_413_too_many_objects(api_settings):
    with variant(api_settings, max_objects=10) as base:
        body = assert_problem(Api(base, ACME_KEY).upload("onprem", onprem_ndjson(11)), 413)
        assert body["type"] == "urn:syncmatch:problem:too-many-objects"
        assert "SYNCMATCH_MAX_OBJECTS" in body["detail"]


def test_415_form_posts_and_unknown_encodings(acme):
    body = assert_problem(acme.post("/v1/snapshots?kind=onprem", data={"file": "x"}), 415)
    assert "--data-binary" in body["detail"]
    assert_problem(acme.upload("onprem", b"{}", headers={"Content-Encoding": "br"}), 415)
    assert_problem(acme.post("/v1/jobs", data="onprem=1", headers={"Content-Type": "text/plain"}), 415)


def test_422_unreadable_export_names_line_field_and_fix(acme):
    partly = b'{"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39"}\n{"objectGUID": 12\n'
    accepted = acme.upload("onprem", partly).json()
    assert (accepted["objects"], accepted["rejected"]) == (1, 1)
    body = assert_problem(acme.upload("onprem", b'{"objectClass": "user", "objectGUID": "bad"}\n'), 422)
    assert body["type"] == "urn:syncmatch:problem:unreadable-snapshot"
    assert (body["line"], body["record"], body["field"]) == (1, 1, "objectGUID")
    csv_export = (b'#TYPE Microsoft.ActiveDirectory.Management.ADUser\r\n"objectGUID","proxyAddresses"\r\n'
                  b'"3ab39606-c642-489b-84b6-58c038d3ef39",'
                  b'"Microsoft.ActiveDirectory.Management.ADPropertyValueCollection"\r\n')
    body = assert_problem(acme.upload("onprem", csv_export, headers={"Content-Type": "text/csv"}), 422)
    assert (body["line"], body["field"], body["code"]) == (3, "proxyAddresses", "UnexpandedValue")
    assert "-join" in body["hint"]


def test_422_wrong_kind_and_bad_gzip(acme):
    body = assert_problem(acme.upload("onprem", cloud_graph(3)), 422)
    assert body["code"] == "WrongKind"
    assert_problem(acme.upload("onprem", b"\x1f\x8b\x08\x00garbage"), 422)


def test_422_field_errors_with_pointers(acme):
    body = assert_problem(acme.post("/v1/jobs", json={"onprem": {"objects": "x"}, "cloudSnapshot": "nope",
                                                      "colour": "blue"}), 422)
    assert {e["pointer"] for e in body["errors"]} == {"/onprem/objects", "/cloudSnapshot", "/colour"}


def test_429_past_the_rate_limit_with_retry_after(api_settings):
    with variant(api_settings, rate_limit="3/minute",
                 namespace=api_settings.namespace) as base:
        api = Api(base, "globex-key-0123456789abcdef")
        statuses = [api.get(f"/v1/jobs/{MISSING}").status_code for _ in range(3)]
        assert statuses == [404, 404, 404]
        response = api.get(f"/v1/jobs/{MISSING}")
        body = assert_problem(response, 429)
        assert 1 <= int(response.headers["Retry-After"]) <= 60
        assert "limit" in body["detail"]
        assert api.get("/healthz").status_code == 200
        assert Api(base, ACME_KEY).get(f"/v1/jobs/{MISSING}").status_code == 404


def test_500_is_a_bare_problem_and_the_detail_is_only_logged(api_settings, caplog):
    app = create_app(api_settings)

    def boom(job_id):
        raise RuntimeError("secret internals")
    app.view_functions["jobs.get_job"] = boom

    with serve(app) as base:
        response = Api(base, ACME_KEY).get(f"/v1/jobs/{MISSING}", headers={"X-Request-Id": "trace-500"})
        body = assert_problem(response, 500)
    assert "secret internals" not in response.text
    assert body["requestId"] == "trace-500"
    assert "secret internals" in caplog.text


@pytest.mark.parametrize("offered", ["abc-123.x:y", "x" * 200, "bad id", ""])
def test_request_ids_are_echoed_when_sane(acme, offered):
    response = acme.get("/healthz", headers={"X-Request-Id": offered})
    echoed = response.headers["X-Request-Id"]
    assert (echoed == offered) == (offered == "abc-123.x:y")
    assert len(echoed) >= 8


def test_api_logs_are_json_lines_with_request_ids(acme, api_log):
    import json

    acme.get("/healthz", headers={"X-Request-Id": "log-check-1"})
    deadline = time.monotonic() + 5
    while "log-check-1" not in api_log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    entries = [json.loads(line) for line in api_log.read_text().splitlines() if line.strip()]
    assert any(e.get("requestId") == "log-check-1" and e.get("status") == 200 for e in entries)
    assert all({"time", "level", "message"} <= set(e) for e in entries)


def test_the_worker_threads_do_not_leak_between_requests(acme):
    results = []

    def call(number):
        results.append(acme.get("/healthz", headers={"X-Request-Id": f"parallel-{number}"}).headers["X-Request-Id"])
    threads = [threading.Thread(target=call, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted(f"parallel-{n}" for n in range(8))


def test_507_over_the_stored_bytes_quota_names_the_quota(api_settings):
    with variant(api_settings, tenant_max_bytes=1) as base:
        body = assert_problem(Api(base, ACME_KEY).upload("onprem", onprem_ndjson(3)), 507)
    assert body["type"] == "urn:syncmatch:problem:quota-exceeded"
    assert body["quota"] == "storedBytes" and body["limit"] == 1 and body["used"] > 1
    assert "SYNCMATCH_TENANT_MAX_BYTES" in body["detail"]


def test_429_over_the_concurrent_jobs_quota_names_the_quota(api_settings, soft_match_job):
    from service_support import drop_namespace

    idle = replace(api_settings, namespace=f"{api_settings.namespace}-quota", tenant_max_jobs=1)  # no worker here
    try:
        with serve(create_app(idle)) as base:
            acme = Api(base, ACME_KEY)
            assert acme.post("/v1/jobs", json=soft_match_job).status_code == 202
            refused = acme.post("/v1/jobs", json=soft_match_job)
        body = assert_problem(refused, 429)
        assert body["quota"] == "concurrentJobs" and (body["limit"], body["used"]) == (1, 1)
        assert refused.headers["Retry-After"]
    finally:
        drop_namespace(idle)


def test_413_when_the_upload_can_never_fit_the_upload_space(api_settings):
    # A body larger than the whole space is refused at once (a 503 would send the caller into retries that can
    # never pass); the 503 of a space that is only full for now is tested in tests/reliability/test_faults_uploads.py.
    with variant(api_settings, upload_spool_bytes=1024, upload_wait=0.0) as base:
        refused = Api(base, ACME_KEY).upload("onprem", onprem_ndjson(20))
    body = assert_problem(refused, 413)
    assert "SYNCMATCH_UPLOAD_SPOOL_BYTES" in body["detail"] and "Retry-After" not in refused.headers
