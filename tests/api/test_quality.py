"""Data quality over HTTP (real gunicorn, Redis and RQ workers): check-only jobs, /quality pages, filters, CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from api_support import assert_problem

from service.adapters.queue import connect

SEEDED = Path(__file__).resolve().parents[1] / "quality" / "seeded"


@pytest.fixture(scope="module")
def check_job(base_url):
    """The seeded directory uploaded, and a finished job that carries only its onpremSnapshot."""
    from api_support import ACME_KEY, Api

    acme = Api(base_url, ACME_KEY)
    onprem = acme.upload("onprem", (SEEDED / "onprem.json").read_bytes(), headers={"Content-Type": "application/json"})
    assert onprem.status_code == 201, onprem.text
    created = acme.post("/v1/jobs", json={"onpremSnapshot": onprem.json()["id"]})
    assert created.status_code == 202, created.text
    view = acme.finished(created.json()["id"])
    assert view["status"] == "finished", view
    return view


def pages(acme, job_id: str, query: str = "", limit: int = 10) -> list[dict]:
    """Every finding, following the `next` cursors."""
    found, cursor = [], None
    while True:
        suffix = f"&cursor={cursor}" if cursor else ""
        page = acme.get(f"/v1/jobs/{job_id}/quality?limit={limit}{query}{suffix}")
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["findings"]) <= limit
        found += body["findings"]
        cursor = body["next"]
        if not cursor:
            return found
        assert page.headers["Link"].endswith('rel="next"')


def test_a_check_only_job_reports_the_findings(check_job, acme):
    summary = check_job["summary"]
    assert (summary["findings"], summary["checked"], summary["skipped"], summary["clean"]) == (37, 10, 11, False)
    assert summary["dataQuality"]["Duplicate"] == 12
    report = acme.get(f"/v1/jobs/{check_job['id']}/report").json()
    assert report["kind"] == "check" and report["results"] == []
    assert acme.get(f"/v1/jobs/{check_job['id']}/results").json()["results"] == []
    assert check_job["links"]["quality"] == f"/v1/jobs/{check_job['id']}/quality"
    expected = json.loads((SEEDED / "expected.json").read_text(encoding="utf-8"))["findings"]
    got = [[f["object"]["record"], f["attribute"], f["type"], f["value"], f["suggested"], f["blocking"]]
           for f in report["dataQuality"]["findings"]]
    assert sorted(got) == sorted(expected)


def test_pages_of_findings_in_report_order(check_job, acme):
    report = acme.get(f"/v1/jobs/{check_job['id']}/report").json()
    first = acme.get(f"/v1/jobs/{check_job['id']}/quality?limit=10").json()
    assert (len(first["findings"]), first["total"], first["limit"]) == (10, 37, 10) and first["next"]
    assert pages(acme, check_job["id"]) == report["dataQuality"]["findings"]


@pytest.mark.parametrize(("query", "count"), [("&type=Duplicate", 12), ("&attribute=targetAddress", 5),
                                              ("&type=Duplicate&attribute=targetAddress", 2), ("&type=Blank", 1),
                                              ("&type=MailMatch", 0)])
def test_filters_by_type_and_attribute(check_job, acme, query, count):
    found = pages(acme, check_job["id"], query, limit=3)
    assert len(found) == count
    first = acme.get(f"/v1/jobs/{check_job['id']}/quality?limit=3{query}").json()
    assert first["total"] == count
    for item in found:
        assert f"type={item['type']}" in query or "type=" not in query
        assert f"attribute={item['attribute']}" in query or "attribute=" not in query


def test_csv_of_every_finding_never_starts_a_formula(check_job, acme):
    response = acme.get(f"/v1/jobs/{check_job['id']}/quality", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 37
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
    page = acme.get(f"/v1/jobs/{check_job['id']}/quality?type=Duplicate&limit=5", headers={"Accept": "text/csv"})
    assert len(list(csv.DictReader(io.StringIO(page.text)))) == 5


def test_the_page_and_the_script_of_a_check_only_job(check_job, acme):
    page = acme.get(f"/v1/jobs/{check_job['id']}/report.html").text
    assert 'id="quality"' in page and "SyncMatch data quality: 37 findings" in page
    script = acme.get(f"/v1/jobs/{check_job['id']}/remediation.ps1").content.decode("utf-8-sig")
    assert "data-quality fixes" in script
    assert "Set-ADUser -Identity 'CN=Bob Jones,OU=Staff,DC=contoso,DC=com' -Replace @{mail='bobjones@contoso.com'}" \
        in script


def test_bad_filters_answer_400_naming_the_parameter(check_job, acme):
    body = assert_problem(acme.get(f"/v1/jobs/{check_job['id']}/quality?type=Typo&attribute=cn"), 400)
    assert {e["parameter"] for e in body["errors"]} == {"type", "attribute"}
    assert_problem(acme.get(f"/v1/jobs/{check_job['id']}/quality?type=Blank&cursor=bm9wZQ"), 400)


def test_an_inline_check_only_job_and_a_matching_job_serve_findings_too(acme):
    onprem = json.loads((SEEDED / "onprem.json").read_text(encoding="utf-8"))
    inline = acme.post("/v1/jobs", json={"onprem": onprem})
    matching = acme.post("/v1/jobs", json={"onprem": onprem, "cloud": {"kind": "cloud", "users": []}})
    for created in (inline, matching):
        assert created.status_code == 202, created.text
        view = acme.finished(created.json()["id"])
        assert view["status"] == "finished", view
        found = acme.get(f"/v1/jobs/{view['id']}/quality?limit=100").json()
        assert found["total"] == len(found["findings"]) == 37
    assert "outcomes" in acme.get(f"/v1/jobs/{matching.json()['id']}").json()["summary"]


def test_neither_snapshot_is_still_a_422(acme):
    body = assert_problem(acme.post("/v1/jobs", json={"settings": {}}), 422)
    assert {e["pointer"] for e in body["errors"]} == {"/onprem", "/cloud"}


def test_deleting_the_job_removes_its_findings(acme, api_settings):
    onprem = json.loads((SEEDED / "onprem.json").read_text(encoding="utf-8"))
    view = acme.finished(acme.post("/v1/jobs", json={"onprem": onprem}).json()["id"])
    client = connect(api_settings.redis_url)
    keys = f"{api_settings.namespace}:report:{view['id']}:quality:*"
    assert list(client.scan_iter(keys))
    assert acme.delete(f"/v1/jobs/{view['id']}").status_code == 204
    assert not list(client.scan_iter(keys))
    client.close()


def test_another_tenant_cannot_read_the_findings(check_job, globex, base_url):
    from api_support import Api

    assert_problem(globex.get(f"/v1/jobs/{check_job['id']}/quality"), 404)
    assert_problem(Api(base_url).get(f"/v1/jobs/{check_job['id']}/quality"), 401)
