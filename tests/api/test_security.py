"""The API against hostile input and hostile pages: huge numbers, formula cells, DNS rebinding, cross-site posts."""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import replace

import pytest
import requests
from api_support import ACME_KEY, PROBLEM, Api, assert_problem, serve
from snapshot_data import cloud_graph, onprem_ndjson

from service.api import create_app

MISSING = "0123456789abcdef0123456789abcdef"
HUGE = "1" + "0" * 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(("kind", "body"), [
    ("onprem", '{"kind": "onprem", "objects": [{"objectClass": "user", "objectGUID": "%s", "x": %s}]}'),
    ("onprem", '{"objectClass": "user", "objectGUID": "%s", "userAccountControl": %s}\n'),
    ("cloud", '{"value": [{"id": "%s", "userPrincipalName": "a@contoso.com", "proxyAddresses": [%s]}]}'),
], ids=["canonical", "one-line", "graph"])
def test_a_huge_integer_answers_422_naming_the_line(acme, kind, body):
    response = acme.upload(kind, (body % (uuid.uuid4(), HUGE)).encode())
    problem = assert_problem(response, 422)
    assert problem["line"] == 1
    assert "4300 digits" in problem["detail"]
    assert "set_int_max_str_digits" not in response.text


@pytest.mark.parametrize("value", [HUGE[:40], 5, "yesterday"])
def test_a_deleted_date_that_is_not_a_date_answers_422_naming_the_field(acme, value):
    body = {"value": [{"id": str(uuid.uuid4()), "userPrincipalName": "a@contoso.com", "deletedDateTime": value}]}
    problem = assert_problem(acme.upload("cloud", json.dumps(body).replace('"' + HUGE[:40] + '"', HUGE[:40]).encode()),
                             422)
    assert problem["field"] == "deletedDateTime"
    assert "ISO-8601" in problem["detail"]


def test_results_csv_cells_never_start_a_formula(acme):
    values = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx"]
    objects = [{"objectClass": "user", "objectGUID": str(uuid.uuid4()), "sAMAccountName": f"u{i}",
                "distinguishedName": f"{value},OU=Staff,DC=contoso,DC=com", "userPrincipalName": f"{value}@contoso.com"}
               for i, value in enumerate(values)]
    onprem = acme.upload("onprem", json.dumps({"kind": "onprem", "objects": objects}).encode()).json()["id"]
    cloud = acme.upload("cloud", cloud_graph(2)).json()["id"]
    job = acme.post("/v1/jobs", json={"onpremSnapshot": onprem, "cloudSnapshot": cloud}).json()["id"]
    assert acme.finished(job)["status"] == "finished"
    response = acme.get(f"/v1/jobs/{job}/results", headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(response.text, newline="")))
    assert len(rows) == len(values) + 1
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert sorted(row[3] for row in rows[1:]) == sorted(f"'{v},OU=Staff,DC=contoso,DC=com" for v in values)


@pytest.fixture(scope="module")
def keyless(api_settings):
    """The API without API keys, in this process, on a free loopback port."""
    with serve(create_app(replace(api_settings, api_keys={}))) as base:
        yield base


def _port(base: str) -> str:
    return base.rsplit(":", 1)[1]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost",
                                  "127.0.0.2:{port}", "[::2]:{port}"])
def test_keyless_api_refuses_another_host_name(keyless, host):
    response = requests.get(keyless + "/healthz", headers={"Host": host.format(port=_port(keyless))}, timeout=10)
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith(PROBLEM)
    assert "SYNCMATCH_API_KEYS" in response.json()["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_keyless_api_answers_loopback_host_names(keyless, host):
    response = requests.get(keyless + f"/v1/jobs/{MISSING}", headers={"Host": host.format(port=_port(keyless))},
                            timeout=10)
    assert response.status_code == 404


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"}],
                         ids=["origin", "null-origin", "cross-site", "same-site", "other-port"])
def test_keyless_api_refuses_a_cross_site_post(keyless, headers):
    response = requests.post(keyless + "/v1/snapshots?kind=onprem", data=onprem_ndjson(2),
                             headers={"Content-Type": "text/plain", **headers}, timeout=10)
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith(PROBLEM)
    assert "another web site" in response.json()["detail"]


def test_keyless_api_accepts_its_own_page_and_tools(keyless):
    own = {"Origin": keyless, "Sec-Fetch-Site": "same-origin"}
    for headers in (own, {"Sec-Fetch-Site": "none"}, {}):
        response = Api(keyless).upload("onprem", onprem_ndjson(2), headers=headers)
        assert response.status_code == 201, response.text


def test_with_api_keys_the_key_is_the_protection(acme, base_url):
    response = requests.get(base_url + "/healthz", headers={"Host": "evil.example"}, timeout=10)
    assert response.status_code == 200
    upload = acme.upload("onprem", onprem_ndjson(2), headers={"Origin": "http://evil.example"})
    assert upload.status_code == 201
    assert Api(base_url, ACME_KEY).get(f"/v1/jobs/{MISSING}").status_code == 404


def test_keyless_api_bound_to_another_loopback_address_answers_it(api_settings):
    with serve(create_app(replace(api_settings, api_keys={}, host="127.0.0.5"))) as base:
        port = _port(base)
        assert requests.get(base + "/healthz", headers={"Host": f"127.0.0.5:{port}"}, timeout=10).status_code == 200
        assert requests.get(base + "/healthz", headers={"Host": f"127.0.0.6:{port}"}, timeout=10).status_code == 403


def test_a_huge_integer_in_an_inline_job_answers_422(acme):
    job = {"onprem": {"kind": "onprem", "objects": [{"objectClass": "user", "objectGUID": str(uuid.uuid4()),
                                                     "x": "HUGE"}]}, "cloud": {"kind": "cloud", "users": []}}
    body = json.dumps(job).replace('"HUGE"', HUGE)
    response = acme.post("/v1/jobs", data=body, headers={"Content-Type": "application/json"})
    problem = assert_problem(response, 422)
    assert "4300 digits" in problem["detail"]
    assert "set_int_max_str_digits" not in response.text
