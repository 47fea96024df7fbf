"""Topology through the CLI: two forests, OU, domain, group and attribute filters, joins, Connect and Cloud Sync."""

from __future__ import annotations

import json

import pytest
from topology_data import ALICE_SID, SCOPE, by_guid, cloud, contoso, fabrikam, write

from service.cli import main
from service.engine import SettingsError, evaluate
from service.engine.rules import cloud_sync
from service.engine.topology import normalize_dn

ALICE, BOB, CARL, DORA, SVC, PILOT, INNER = (f"00000000-0000-4000-8000-00000000000{n}" for n in range(1, 8))
ALICE_MBX, BOB_MBX, DORA_CONTACT, ERIN = (f"00000000-0000-4000-8000-0000000000{n}" for n in (11, 12, 13, 14))
NOW = "2026-11-01T00:00:00Z"


def run(tmp_path, capsys, settings: dict, *extra: str) -> tuple[int, dict, str]:
    first, second, tenant, settings_file = write(tmp_path, settings)
    code = main(["match", str(first), str(tenant), "--onprem", str(second), "--settings", str(settings_file), *extra])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out else {}), out.err


def match(settings: dict, *exports: dict) -> dict:
    first, *more = exports or (contoso(), fabrikam())
    return evaluate(first, cloud(), {"now": NOW, **settings}, more_onprem=more)


# --- the documented outcomes of the two-forest directory ---------------------------------------------------------

def test_connect_two_forests_with_ou_and_attribute_filters(tmp_path, capsys):
    code, report, _ = run(tmp_path, capsys, {"scope": SCOPE, "join": "objectSidToMasterAccountSid"})
    rows = by_guid(report)
    assert code == 0
    assert rows[CARL]["outcome"] == "skipped" and "excluded OU ou=contractors" in rows[CARL]["skipReason"]
    assert rows[DORA]["outcome"] == "provision"  # included again below the excluded OU: the deepest listed OU decides
    assert rows[SVC]["outcome"] == "skipped" and "includeOUs" in rows[SVC]["skipReason"]
    assert rows[ERIN]["outcome"] == "skipped" and rows[ERIN]["source"]["forest"] == "fabrikam.com"
    alice = rows[ALICE]
    assert alice["outcome"] == "provision" and ALICE_MBX not in rows  # the mailbox joined the account: one result
    assert [(j["objectGUID"], j["role"]) for j in alice["joined"]] == [(ALICE, "account"), (ALICE_MBX, "mailbox")]
    assert alice["sourceAnchor"] and alice["effective"]["userPrincipalName"] == "alice@contoso.com"
    assert alice["effective"]["primarySmtp"] == "alice@contoso.com"  # the mailbox's Exchange attributes
    assert DORA_CONTACT not in rows and [j["role"] for j in rows[DORA]["joined"]] == ["user", "contact"]
    assert alice["source"] == {"export": "contoso.com", "domain": "contoso.com", "forest": "contoso.com"}
    topology = report["summary"]["topology"]
    assert topology == {"exports": ["contoso.com", "fabrikam.com"],
                        "removedByFilter": {"excludeOUs": 1, "includeOUs": 2}, "joinedIntoOthers": 3}
    assert report["settings"]["topology"]["join"] == "objectSidToMasterAccountSid"
    assert report["input"]["onpremMore"][0]["objects"] == 4


def test_cloud_sync_same_directory_joins_nothing_and_empty_attributes_fail_filters(tmp_path, capsys):
    code, report, _ = run(tmp_path, capsys, {"scope": SCOPE, "engine": "cloudSync"})
    rows = by_guid(report)
    assert code == 0
    assert rows[ALICE]["outcome"] == "provision" and "joined" not in rows[ALICE]
    # extensionAttribute15 empty: Cloud Sync's NOT EQUALS is false, the object is out of scope
    assert rows[BOB]["outcome"] == "skipped" and "attribute filter extensionAttribute15" in rows[BOB]["skipReason"]
    assert report["summary"]["topology"]["removedByFilter"]["attributeFilters"] == 7
    assert report["summary"]["topology"]["joinedIntoOthers"] == 0


def test_cloud_sync_without_attribute_filter_keeps_linked_mailboxes_unjoined(tmp_path, capsys):
    scope = {k: v for k, v in SCOPE.items() if k != "attributeFilters"}
    _, report, _ = run(tmp_path, capsys, {"scope": scope, "engine": "cloudSync"})
    rows = by_guid(report)
    assert rows[ALICE_MBX]["outcome"] == "skipped" and "linked mailbox" in rows[ALICE_MBX]["skipReason"]
    assert rows[DORA_CONTACT]["outcome"] != "skipped" and "joined" not in rows[DORA]  # no GALSync merge
    assert not any("mS-DS-ConsistencyGuid is empty" in n for r in report["results"] for n in r.get("notes", []))


def test_connect_without_join_leaves_linked_mailboxes_skipped():
    rows = by_guid(match({"scope": SCOPE}))
    assert rows[ALICE_MBX]["outcome"] == "skipped" and "linked mailbox" in rows[ALICE_MBX]["skipReason"]
    assert [j["role"] for j in rows[DORA]["joined"]] == ["user", "contact"]  # GALSync needs no join setting


def test_default_path_has_no_topology_fields():
    report = evaluate(contoso(), cloud(), {"now": NOW})
    assert "topology" not in report["summary"] and "topology" not in report["settings"]
    assert all("source" not in r and "joined" not in r for r in report["results"])


# --- OU rules (Configure filtering: the closest listed OU decides) ------------------------------------------------

@pytest.mark.parametrize(("include", "exclude", "expected"), [
    (["OU=Staff,DC=contoso,DC=com"], [], {ALICE: True, CARL: True, DORA: True, SVC: False}),
    (["OU=Staff,DC=contoso,DC=com"], ["OU=Contractors,OU=Staff,DC=contoso,DC=com"],  # excluded under included
     {ALICE: True, CARL: False, DORA: False, SVC: False}),
    ([], ["OU=Staff,DC=contoso,DC=com"], {ALICE: False, CARL: False, SVC: True}),
    (["OU=Keep,OU=Contractors,OU=Staff,DC=contoso,DC=com"], ["OU=Staff,DC=contoso,DC=com"],  # included under excluded
     {ALICE: False, DORA: True, SVC: False}),
    (["ou=staff, dc=CONTOSO ,dc=com"], [], {ALICE: True, SVC: False}),  # DNs compare case- and blank-insensitively
])
def test_the_closest_listed_ou_decides(include, exclude, expected):
    rows = by_guid(match({"scope": {"includeOUs": include, "excludeOUs": exclude}}, contoso()))
    assert {guid: rows[guid]["outcome"] != "skipped" for guid in expected} == expected


def test_domains_filter_removes_other_domains():
    report = match({"scope": {"domains": ["fabrikam.com"]}})
    rows = by_guid(report)
    assert rows[ALICE]["outcome"] == "skipped" and "domain contoso.com" in rows[ALICE]["skipReason"]
    assert rows[ERIN]["outcome"] == "provision"
    assert report["summary"]["topology"]["removedByFilter"] == {"domains": 7}


# --- group filter: direct members only ---------------------------------------------------------------------------

def test_group_filter_keeps_direct_members_only():
    rows = by_guid(match({"scope": {"groupFilter": "CN=Pilot,OU=Staff,DC=contoso,DC=com"}}, contoso()))
    assert rows[ALICE]["outcome"] == "provision" and rows[INNER]["outcome"] == "provision"
    assert rows[BOB]["outcome"] == "skipped" and "nested members are not in scope" in rows[BOB]["skipReason"]
    assert rows[PILOT]["outcome"] == "skipped"  # the group itself is not its own member


def test_group_filter_naming_a_missing_group_keeps_nothing():
    rows = by_guid(match({"scope": {"groupFilter": "CN=Nope,DC=contoso,DC=com"}}, contoso()))
    assert all(r["outcome"] == "skipped" and "not in the on-premises exports" in r["skipReason"] for r in rows.values())


# --- attribute filters: Cloud Sync's operators, AND ---------------------------------------------------------------

@pytest.mark.parametrize(("operator", "value", "in_scope"), [
    ("EQUALS", "Sync", {ALICE}), ("EQUALS", "sync", set()),  # case-sensitive
    ("NOT EQUALS", "NoSync", {ALICE, BOB, CARL, DORA}), ("IS NULL", None, {BOB, CARL, DORA}),
    ("IS NOT NULL", None, {ALICE, SVC}), ("STARTS WITH", "No", {SVC}),
    ("NOT STARTS WITH", "No", {ALICE, BOB, CARL, DORA}),
    ("REGEX MATCH", "^S", {ALICE}), ("NOT REGEX MATCH", "^S", {BOB, CARL, DORA, SVC}),
])
def test_attribute_filter_operators_with_connect(operator, value, in_scope):
    clause = {"attribute": "extensionAttribute15", "operator": operator, **({"value": value} if value else {})}
    rows = by_guid(match({"scope": {"attributeFilters": [clause]}}, contoso()))
    users = {ALICE, BOB, CARL, DORA, SVC}
    assert {g for g in users if rows[g]["outcome"] != "skipped"} == in_scope


def test_attribute_filters_all_must_hold_and_cloud_sync_is_false_on_empty():
    clauses = [{"attribute": "extensionAttribute15", "operator": "NOT EQUALS", "value": "NoSync"},
               {"attribute": "userPrincipalName", "operator": "STARTS WITH", "value": "a"}]
    rows = by_guid(match({"scope": {"attributeFilters": clauses}}, contoso()))
    assert {g for g in (ALICE, BOB, SVC) if rows[g]["outcome"] != "skipped"} == {ALICE}
    rows = by_guid(match({"engine": "cloudSync", "scope": {"attributeFilters": clauses[:1]}}, contoso()))
    assert rows[BOB]["outcome"] == "skipped" and rows[ALICE]["outcome"] == "provision"


def test_is_true_and_is_false():
    objects = contoso()
    objects["objects"][0]["msDS-cloudExtensionAttribute1"] = "TRUE"
    clause = {"attribute": "msDS-cloudExtensionAttribute1", "operator": "IS TRUE"}
    rows = by_guid(match({"scope": {"attributeFilters": [clause]}}, objects))
    assert rows[ALICE]["outcome"] == "provision" and rows[BOB]["outcome"] == "skipped"


# --- joins ---------------------------------------------------------------------------------------------------------

def test_join_on_mail_and_join_ambiguous():
    second = fabrikam()
    third = {"kind": "onprem", "objects": [dict(second["objects"][0], sAMAccountName="alice3",
                                                distinguishedName="CN=Alice Three,DC=tailspin,DC=com",
                                                objectGUID="00000000-0000-4000-8000-000000000098")]}
    rows = by_guid(match({"join": "mail"}, contoso(), second, third))
    roles = [j["role"] for j in rows[ALICE]["joined"]]
    assert roles == ["account", "mailbox", "ignored"]
    assert [w["code"] for w in rows[ALICE]["warnings"]] == ["JoinAmbiguous"]
    assert "00000000-0000-4000-8000-000000000098" not in rows


def test_join_on_an_attribute_and_on_sam_and_nickname():
    second = fabrikam()
    second["objects"][3]["employeeID"] = "E1"
    first = contoso()
    first["objects"][0]["employeeID"] = "E1"
    rows = by_guid(match({"join": {"attribute": "employeeID"}}, first, second))
    assert [j["objectGUID"] for j in rows[ALICE]["joined"]] == [ALICE, ERIN] and ERIN not in rows
    first["objects"][1]["mailNickname"] = "bob"
    second["objects"][1]["sAMAccountName"] = "bob"
    rows = by_guid(match({"join": "samAccountNameAndMailNickname"}, first, second))
    assert BOB_MBX not in rows and rows[BOB]["joined"][1]["role"] == "mailbox"


def test_linked_mailbox_joins_only_a_sid_in_another_forest():
    rows = by_guid(match({"join": "objectSidToMasterAccountSid"}))
    assert ALICE_MBX not in rows and rows[ALICE]["joined"][0]["role"] == "account"
    lonely = fabrikam()
    lonely["objects"][0]["msExchMasterAccountSid"] = ALICE_SID.replace("1101", "9999")
    rows = by_guid(match({"join": "objectSidToMasterAccountSid"}, contoso(), lonely))
    assert rows[ALICE_MBX]["outcome"] == "skipped"


def test_competition_spans_exports():
    second = fabrikam()
    second["objects"][3]["userPrincipalName"] = "alice@contoso.com"
    rows = by_guid(match({"engine": "cloudSync"}, contoso(), second))
    codes = {e["code"] for e in rows[ERIN]["errors"]} | {w["code"] for w in rows[ALICE]["warnings"]}
    assert codes & {"AttributeValueMustBeUnique", "CompetingOnPremObjects"}


# --- Cloud Sync differences ---------------------------------------------------------------------------------------

def test_cloud_sync_ignores_another_source_anchor_with_a_finding():
    report = match({"engine": "cloudSync", "sourceAnchor": "objectGUID"}, contoso())
    assert report["settings"]["sourceAnchor"] == "mS-DS-ConsistencyGuid"
    assert "SourceAnchorFixedInCloudSync" in {f["code"] for f in report["tenantFindings"]}
    assert "SourceAnchorFixedInCloudSync" not in {f["code"] for f in match({"engine": "cloudSync"})["tenantFindings"]}


def test_cloud_sync_scale_limit_per_domain():
    from collections import Counter

    found = cloud_sync.scale_finding(Counter({"contoso.com": 150_001, "fabrikam.com": 150_000}))
    assert [f["code"] for f in found] == ["CloudSyncScaleLimit"] and found[0]["domains"] == {"contoso.com": 150_001}
    assert cloud_sync.scale_finding(Counter({"contoso.com": 3}), limit=2)[0]["domains"] == {"contoso.com": 3}


@pytest.mark.python_engine_only
def test_cloud_sync_scale_limit_through_the_engine(monkeypatch):
    monkeypatch.setattr(cloud_sync, "MAX_DOMAIN_OBJECTS", 4)
    monkeypatch.setattr(cloud_sync.scale_finding, "__defaults__", (4,))
    report = match({"engine": "cloudSync"})
    finding = next(f for f in report["tenantFindings"] if f["code"] == "CloudSyncScaleLimit")
    assert set(finding["domains"]) == {"contoso.com"}


# --- settings errors: the field named, exit 2 ------------------------------------------------------------------

@pytest.mark.parametrize(("settings", "field"), [
    ({"engine": "dirsync"}, "settings.engine"),
    ({"scope": {"includeOUs": ["Staff"]}}, "settings.scope.includeOUs[0]"),
    ({"scope": {"excludeOUs": "OU=x,DC=y"}}, "settings.scope.excludeOUs"),
    ({"scope": {"ous": []}}, "settings.scope.ous"),
    ({"scope": {"attributeFilters": [{"attribute": "a", "operator": "LIKE", "value": "x"}]}},
     "settings.scope.attributeFilters[0].operator"),
    ({"scope": {"attributeFilters": [{"attribute": "a", "operator": "REGEX MATCH", "value": "("}]}},
     "settings.scope.attributeFilters[0].value"),
    ({"join": "upn"}, "settings.join"),
    ({"engine": "cloudSync", "join": "mail"}, "settings.join"),
    ({"engine": "cloudSync", "scope": {"groupFilter": "CN=Pilot,DC=contoso,DC=com"}}, "settings.scope.groupFilter"),
])
def test_bad_topology_settings_name_the_field(tmp_path, capsys, settings, field):
    code, _, err = run(tmp_path, capsys, settings)
    assert code == 2 and f"{field}:" in err
    with pytest.raises(SettingsError):
        match(settings)


def test_dn_normalisation():
    assert normalize_dn(" OU=A , DC=X,dc=Y ") == "ou=a,dc=x,dc=y"


def test_html_report_shows_the_scope_applied():
    from service.reporting.html import render

    report = match({"scope": SCOPE, "join": "objectSidToMasterAccountSid"})
    page = render(report)
    section = page[page.index('id="scope"'):page.index('id="findings"')]
    assert "Entra Connect Sync" in section and "contoso.com, fabrikam.com" in section
    assert "ou=contractors,ou=staff,dc=contoso,dc=com" in section
    assert "extensionAttribute15 NOT EQUALS NoSync" in section
    assert 'id="scope"' not in render(evaluate(contoso(), cloud(), {"now": NOW}))


def test_html_report_escapes_scope_values():
    from service.reporting.html import render

    page = render(match({"scope": {"includeOUs": ["OU=<script>x</script>,DC=contoso,DC=com"]}}, contoso()))
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page


def test_labels_name_the_exports_and_default_to_the_forest_root(tmp_path, capsys):
    _, report, _ = run(tmp_path, capsys, {}, "--label", "account forest")
    exports = {r["source"]["export"] for r in report["results"]}
    assert exports == {"account forest", "fabrikam.com"}
    assert report["summary"]["topology"]["exports"] == ["account forest", "fabrikam.com"]


def test_child_domains_share_their_forest_and_never_join_each_other():
    child = fabrikam()
    for record in child["objects"]:
        record["distinguishedName"] = record["distinguishedName"].replace("DC=fabrikam,DC=com",
                                                                          "DC=emea,DC=contoso,DC=com")
    rows = by_guid(match({"join": "objectSidToMasterAccountSid"}, contoso(), child))
    assert rows[ALICE_MBX]["source"] == {"export": "contoso.com", "domain": "emea.contoso.com", "forest": "contoso.com"}
    assert rows[ALICE_MBX]["outcome"] == "skipped"  # one forest, one connector: the mailbox does not join the account


def test_auto_source_anchor_looks_at_the_users_in_scope_only():
    first = contoso()
    first["objects"][2]["mS-DS-ConsistencyGuid"] = "00000000-0000-4000-8000-0000000000aa"  # Carl, Contractors
    wide = match({"sourceAnchor": "auto", "scope": {"excludeOUs": ["OU=Service,DC=contoso,DC=com"]}}, first)
    assert wide["settings"]["sourceAnchor"] == "objectGUID"
    assert "SourceAnchorFallback" in {f["code"] for f in wide["tenantFindings"]}
    narrow = match({"sourceAnchor": "auto", "scope": {"excludeOUs": ["OU=Contractors,OU=Staff,DC=contoso,DC=com"]}},
                   first)
    assert narrow["settings"]["sourceAnchor"] == "mS-DS-ConsistencyGuid"
    assert narrow["settings"]["sourceAnchorSetting"] == "auto"
