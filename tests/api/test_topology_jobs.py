"""Topology over HTTP: several uploaded exports in one job, settings errors with a pointer, a what-if on scope."""

from __future__ import annotations

import json

import pytest
from api_support import assert_problem
from topology_data import NOW, SCOPE, by_guid, cloud, contoso, fabrikam

ALICE, CARL, DORA = (f"00000000-0000-4000-8000-00000000000{n}" for n in (1, 3, 4))
ALICE_MBX, BOB = "00000000-0000-4000-8000-000000000011", "00000000-0000-4000-8000-000000000002"


@pytest.fixture(scope="module")
def uploaded(base_url):
    """The two forests and the tenant, uploaded once."""
    from api_support import ACME_KEY, Api

    acme = Api(base_url, ACME_KEY)
    ids = {}
    for name, kind, content in (("contoso", "onprem", contoso()), ("fabrikam", "onprem", fabrikam()),
                                ("cloud", "cloud", cloud())):
        reply = acme.upload(kind, json.dumps(content).encode(), headers={"Content-Type": "application/json"})
        assert reply.status_code == 201, reply.text
        ids[name] = reply.json()["id"]
    return ids


def _report(acme, uploaded, settings: dict, labels: list | None = None) -> dict:
    request = {"onpremSnapshot": uploaded["contoso"], "onpremSnapshots": [uploaded["fabrikam"]],
               "cloudSnapshot": uploaded["cloud"], "settings": {"now": NOW, **settings}}
    if labels:
        request["onpremLabels"] = labels
    created = acme.post("/v1/jobs", json=request)
    assert created.status_code == 202, created.text
    view = acme.finished(created.json()["id"])
    assert view["status"] == "finished", json.dumps(view)
    assert view["onpremSnapshots"] == [uploaded["fabrikam"]]  # the job view names every export it read
    return acme.get(f"/v1/jobs/{view['id']}/report").json()


def test_two_forests_with_connect_join_and_filters(acme, uploaded):
    report = _report(acme, uploaded, {"scope": SCOPE, "join": "objectSidToMasterAccountSid"})
    rows = by_guid(report)
    assert rows[CARL]["outcome"] == "skipped" and rows[DORA]["outcome"] == "provision"
    assert ALICE_MBX not in rows and [j["role"] for j in rows[ALICE]["joined"]] == ["account", "mailbox"]
    assert rows[ALICE]["source"]["export"] == "contoso.com"
    assert report["summary"]["topology"]["removedByFilter"] == {"excludeOUs": 1, "includeOUs": 2}
    assert [i["snapshot"] for i in report["input"]["onpremMore"]] == [uploaded["fabrikam"]]


def test_two_forests_with_cloud_sync(acme, uploaded):
    rows = by_guid(_report(acme, uploaded, {"scope": SCOPE, "engine": "cloudSync"}))
    assert rows[ALICE]["outcome"] == "provision" and "joined" not in rows[ALICE]
    assert rows[BOB]["outcome"] == "skipped" and "attribute filter" in rows[BOB]["skipReason"]


def test_labels_name_the_exports(acme, uploaded):
    rows = by_guid(_report(acme, uploaded, {}, labels=["accounts", "resources"]))
    assert rows[ALICE]["source"]["export"] == "accounts" and rows[ALICE_MBX]["source"]["export"] == "resources"
    reply = acme.post("/v1/jobs", json={"onpremSnapshot": uploaded["contoso"], "cloudSnapshot": uploaded["cloud"],
                                        "onpremLabels": ["a", "b"]})
    assert "/onpremLabels" in [e["pointer"] for e in assert_problem(reply, 422)["errors"]]


def test_what_if_on_scope_reuses_the_stored_snapshots(acme, uploaded):
    pilot = _report(acme, uploaded, {"scope": {"groupFilter": "CN=Pilot,OU=Staff,DC=contoso,DC=com"}})
    wider = _report(acme, uploaded, {"scope": {"includeOUs": ["OU=Staff,DC=contoso,DC=com"]}})
    assert by_guid(pilot)[BOB]["outcome"] == "skipped" and by_guid(wider)[BOB]["outcome"] == "provision"
    assert pilot["summary"]["topology"]["removedByFilter"]["groupFilter"] == 9  # 11 objects, 2 direct members
    assert pilot["input"]["onprem"]["snapshot"] == wider["input"]["onprem"]["snapshot"] == uploaded["contoso"]


@pytest.mark.parametrize(("settings", "pointer"), [
    ({"scope": {"includeOUs": ["Staff"]}}, "/settings/scope/includeOUs/0"),
    ({"scope": {"attributeFilters": [{"attribute": "a", "operator": "LIKE", "value": "x"}]}},
     "/settings/scope/attributeFilters/0/operator"),
    ({"engine": "cloudSync", "scope": {"groupFilter": "CN=Pilot,DC=contoso,DC=com"}}, "/settings/scope/groupFilter"),
    ({"engine": "cloudSync", "join": "mail"}, "/settings/join"),
    ({"engine": "dirsync"}, "/settings/engine"),
])
def test_bad_topology_settings_are_a_problem_with_a_pointer(acme, uploaded, settings, pointer):
    reply = acme.post("/v1/jobs", json={"onpremSnapshot": uploaded["contoso"], "cloudSnapshot": uploaded["cloud"],
                                        "settings": settings})
    body = assert_problem(reply, 422)
    assert pointer in [e["pointer"] for e in body["errors"]], body


def test_further_snapshots_must_be_onprem_uploads(acme, uploaded):
    reply = acme.post("/v1/jobs", json={"onpremSnapshot": uploaded["contoso"], "cloudSnapshot": uploaded["cloud"],
                                        "onpremSnapshots": [uploaded["cloud"], "0" * 32]})
    pointers = [e["pointer"] for e in assert_problem(reply, 422)["errors"]]
    assert "/onpremSnapshots/0" in pointers and "/onpremSnapshots/1" in pointers
    reply = acme.post("/v1/jobs", json={"onprem": contoso(), "cloudSnapshot": uploaded["cloud"],
                                        "onpremSnapshots": [uploaded["fabrikam"]]})
    assert "/onpremSnapshot" in [e["pointer"] for e in assert_problem(reply, 422)["errors"]]


def test_submit_sends_several_exports(base_url, tmp_path):
    import subprocess

    from api_support import ACME_KEY
    from service_support import syncmatch_command
    from topology_data import write

    first, second, tenant, settings = write(tmp_path, {"scope": SCOPE, "join": "objectSidToMasterAccountSid"})
    out = tmp_path / "report"
    done = subprocess.run([*syncmatch_command(), "submit", str(first), str(tenant), "--onprem", str(second),
                           "--settings", str(settings), "--wait", "--out", str(out), "--url", base_url,
                           "--api-key", ACME_KEY, "--timeout", "120"], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert f"uploaded {second}" in done.stderr
    rows = by_guid(json.loads((out / "report.json").read_text(encoding="utf-8")))
    assert ALICE_MBX not in rows and rows[ALICE]["joined"][1]["objectGUID"] == ALICE_MBX
    assert "Sync scope" in (out / "report.html").read_text(encoding="utf-8")
