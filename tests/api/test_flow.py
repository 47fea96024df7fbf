"""The whole flow over HTTP: gunicorn, Redis and two RQ workers; uploads in non-canonical formats."""

import csv
import gzip
import io

import pytest
from api_support import assert_problem
from snapshot_data import NOW, cloud_graph, onprem_ndjson

from service.adapters.queue import connect

OBJECTS = 2500


@pytest.fixture(scope="module")
def finished_job(base_url):
    """Both snapshots uploaded (NDJSON, gzip-encoded Graph response) and one finished job on them."""
    from api_support import ACME_KEY, Api

    acme = Api(base_url, ACME_KEY)
    onprem = acme.upload("onprem", onprem_ndjson(OBJECTS), headers={"Content-Type": "application/x-ndjson"})
    cloud = acme.upload("cloud", gzip.compress(cloud_graph(OBJECTS)), headers={"Content-Encoding": "gzip"})
    assert onprem.status_code == 201, onprem.text
    assert cloud.status_code == 201, cloud.text
    created = acme.post("/v1/jobs", json={"onpremSnapshot": onprem.json()["id"], "cloudSnapshot": cloud.json()["id"],
                                          "settings": {"now": NOW}})
    assert created.status_code == 202, created.text
    view = acme.finished(created.json()["id"])
    assert view["status"] == "finished", view
    return {"onprem": onprem, "cloud": cloud, "created": created, "view": view}


def test_uploads_are_read_and_described(finished_job, acme):
    onprem, cloud = finished_job["onprem"].json(), finished_job["cloud"].json()
    assert (onprem["kind"], onprem["format"], onprem["objects"], onprem["rejected"]) == ("onprem", "ndjson", OBJECTS, 0)
    assert (cloud["kind"], cloud["format"], cloud["objects"]) == ("cloud", "graph", 834)
    assert {w["code"] for w in cloud["warnings"]} >= {"DomainsMissing"}
    assert onprem["expiresAt"] > onprem["createdAt"]
    assert finished_job["onprem"].headers["Location"] == f"/v1/snapshots/{onprem['id']}"
    assert acme.get(f"/v1/snapshots/{onprem['id']}").json() == onprem


def test_snapshots_are_stored_chunked_and_expire(finished_job, api_settings):
    client = connect(api_settings.redis_url)
    snapshot_id = finished_job["onprem"].json()["id"]
    header = f"{api_settings.namespace}:snapshot:{snapshot_id}:data"
    chunks = int(client.hget(header, "chunks"))
    assert chunks > 1
    for number in range(chunks):
        assert client.strlen(f"{header}:{number}") <= api_settings.chunk_bytes
        assert 0 < client.ttl(f"{header}:{number}") <= api_settings.snapshot_ttl
    client.close()


def test_job_is_accepted_with_location_and_ids_only(finished_job, api_settings):
    created = finished_job["created"]
    job_id = created.json()["id"]
    assert created.headers["Location"] == f"/v1/jobs/{job_id}"
    assert int(created.headers["Retry-After"]) >= 1
    from rq.job import Job
    from rq.serializers import JSONSerializer

    job = Job.fetch(job_id, connection=connect(api_settings.redis_url), serializer=JSONSerializer)
    assert job.args == [job_id]
    assert job.timeout == api_settings.job_timeout
    assert job.failure_ttl == api_settings.failure_ttl
    assert job.result_ttl == api_settings.result_ttl


def test_finished_view_has_summary_progress_and_links(finished_job):
    view = finished_job["view"]
    assert view["progress"] == 1.0
    assert view["summary"]["objects"] == OBJECTS
    assert view["summary"]["outcomes"]["softMatch"] > 0
    assert view["links"]["results"] == f"/v1/jobs/{view['id']}/results"


def test_results_page_through_every_result_in_report_order(finished_job, acme):
    job_id = finished_job["view"]["id"]
    report = acme.get(f"/v1/jobs/{job_id}/report").json()
    seen, cursor, pages = [], None, 0
    while True:
        page = acme.get(f"/v1/jobs/{job_id}/results", params={"limit": 700, **({"cursor": cursor} if cursor else {})})
        body = page.json()
        assert body["total"] == OBJECTS
        seen += body["results"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            assert "Link" not in page.headers
            break
        assert 'rel="next"' in page.headers["Link"]
    assert pages == 4
    assert seen == report["results"]


@pytest.mark.parametrize("params", [{"outcome": "softMatch"}, {"errorCode": "AttributeValueMustBeUnique"},
                                    {"outcome": "provision", "errorCode": "AttributeValueMustBeUnique"}])
def test_filtered_pages_hold_exactly_the_matching_results(finished_job, acme, params):
    job_id = finished_job["view"]["id"]
    report = acme.get(f"/v1/jobs/{job_id}/report").json()
    expected = [r for r in report["results"] if r["outcome"] == params.get("outcome", r["outcome"])
                and (not params.get("errorCode") or any(e["code"] == params["errorCode"] for e in r["errors"]))]
    assert expected
    seen, cursor = [], None
    while True:
        body = acme.get(f"/v1/jobs/{job_id}/results",
                        params={**params, "limit": 50, **({"cursor": cursor} if cursor else {})}).json()
        seen += body["results"]
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == expected


def test_csv_of_the_filtered_results(finished_job, acme):
    job_id = finished_job["view"]["id"]
    response = acme.get(f"/v1/jobs/{job_id}/results", params={"outcome": "error"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == finished_job["view"]["summary"]["outcomes"]["error"]
    assert {row["outcome"] for row in rows} == {"error"}
    assert all("AttributeValueMustBeUnique" in row["errors"] for row in rows)

    page = acme.get(f"/v1/jobs/{job_id}/results", params={"limit": 10}, headers={"Accept": "text/csv"})
    assert len(list(csv.DictReader(io.StringIO(page.text)))) == 10
    assert 'rel="next"' in page.headers["Link"]


def test_whole_report_plain_and_gzip(finished_job, acme):
    job_id = finished_job["view"]["id"]
    plain = acme.get(f"/v1/jobs/{job_id}/report", headers={"Accept-Encoding": "identity"})
    report = plain.json()
    assert len(report["results"]) == OBJECTS
    assert report["summary"] == finished_job["view"]["summary"]
    assert report["input"]["onprem"] == {"format": "ndjson", "objects": OBJECTS, "warnings": [],
                                         "snapshot": finished_job["onprem"].json()["id"]}
    zipped = acme.session.get(f"{acme.base}/v1/jobs/{job_id}/report", headers={"Accept-Encoding": "gzip"},
                              stream=True, timeout=30)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.raw.read()) == plain.content


def test_report_html_and_remediation_script(finished_job, acme):
    job_id = finished_job["view"]["id"]
    html = acme.get(f"/v1/jobs/{job_id}/report.html")
    assert html.headers["Content-Type"].startswith("text/html")
    assert "script-src" in html.headers["Content-Security-Policy"]
    assert html.text.lstrip().lower().startswith("<!doctype html")
    script = acme.get(f"/v1/jobs/{job_id}/remediation.ps1")
    assert script.headers["Content-Type"].startswith("text/plain")
    assert script.content.startswith("\ufeff".encode())
    text = script.content.decode("utf-8-sig")
    assert text.startswith("#Requires ") and "SyncMatch remediation script" in text
    assert "[CmdletBinding(SupportsShouldProcess)]" in text
    assert "Update-MgUser" in text


def test_metrics_count_the_job_and_the_stored_snapshots(finished_job, acme):
    text = acme.get("/metrics").text
    assert 'syncmatch_jobs{status="finished"}' in text
    assert "syncmatch_job_duration_seconds_count" in text
    stored = next(line for line in text.splitlines() if line.startswith("syncmatch_snapshot_bytes_stored"))
    assert float(stored.split()[-1]) > 0
    assert "syncmatch_queue_depth{" in text


def test_delete_removes_job_report_and_input_at_once(acme, api_settings):
    onprem = acme.upload("onprem", onprem_ndjson(30)).json()
    cloud = acme.upload("cloud", cloud_graph(30)).json()
    created = acme.post("/v1/jobs", json={"onpremSnapshot": onprem["id"], "cloudSnapshot": cloud["id"]}).json()
    assert acme.finished(created["id"])["status"] == "finished"
    assert acme.delete(f"/v1/jobs/{created['id']}").status_code == 204
    for path in ("", "/results", "/report", "/report.html", "/remediation.ps1"):
        assert_problem(acme.get(f"/v1/jobs/{created['id']}{path}"), 404)
    client = connect(api_settings.redis_url)
    assert list(client.scan_iter(f"{api_settings.namespace}:*{created['id']}*")) == []

    assert acme.delete(f"/v1/snapshots/{onprem['id']}").status_code == 204
    assert_problem(acme.get(f"/v1/snapshots/{onprem['id']}"), 404)
    assert list(client.scan_iter(f"{api_settings.namespace}:*{onprem['id']}*")) == []
    assert_problem(acme.post("/v1/jobs", json={"onpremSnapshot": onprem["id"], "cloudSnapshot": cloud["id"]}), 422)
    client.close()


def test_inline_jobs_still_work(acme):
    from service_support import assert_soft_match_report, soft_match_payload

    created = acme.post("/v1/jobs", json=soft_match_payload())
    assert created.status_code == 202
    assert acme.finished(created.json()["id"])["status"] == "finished"
    assert_soft_match_report(acme.get(f"/v1/jobs/{created.json()['id']}/report").json())
