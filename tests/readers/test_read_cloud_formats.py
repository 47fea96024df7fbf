"""Cloud exports: canonical JSON, Graph pages, Microsoft Graph PowerShell, bundles and merged files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readers_support import cloud_view, pascal

from service.readers import ReaderError, merge_cloud, read_cloud_bundle, read_snapshot

GRAPH_FILES = ["graph-users.json", "graph-groups.json", "graph-contacts.json", "graph-domains.json",
               "graph-onpremsync.json", "graph-roleassignments.json", "graph-roleeligibilityschedules.json",
               "graph-deleteditems.json"]
ADAM, ZOE, GRACE, OLIVIA, BREAKGLASS = range(5)


@pytest.fixture
def reference(examples: Path) -> dict:
    """The canonical cloud example."""
    return read_snapshot(examples / "cloud" / "contoso.json").data


def test_canonical_cloud_example(examples: Path, reference: dict) -> None:
    snap = read_snapshot(examples / "cloud" / "contoso.json")
    assert (snap.kind, snap.format, snap.objects, snap.warnings, snap.rejected) == ("cloud", "json", 9, [], [])
    assert reference["users"][GRACE]["assignedRoles"] == ["Global Administrator"]
    assert reference["users"][ADAM]["eligibleRoles"] == ["Privileged Role Administrator"]
    assert reference["deletedUsers"][0]["onPremisesImmutableId"] == "YF9ODYt6nUyODxorPE1ebw=="


def test_graph_files_merged_equal_the_canonical_snapshot(examples: Path, reference: dict) -> None:
    snap = read_cloud_bundle([examples / "cloud" / name for name in GRAPH_FILES])
    assert (snap.kind, snap.objects, snap.warnings, snap.rejected) == ("cloud", 9, [], [])
    assert cloud_view(snap.data) == cloud_view(reference)


def test_merge_cloud_takes_snapshots_in_any_order(examples: Path, reference: dict) -> None:
    snaps = [read_snapshot(examples / "cloud" / name) for name in reversed(GRAPH_FILES)]
    assert cloud_view(merge_cloud(snaps).data) == cloud_view(reference)


def test_bundle_from_the_export_script_equals_the_canonical_snapshot(examples: Path, reference: dict) -> None:
    snap = read_snapshot(examples / "cloud" / "bundle.json")
    assert (snap.format, snap.objects, snap.warnings, snap.rejected) == ("bundle", 9, [], [])
    assert cloud_view(snap.data) == cloud_view(reference)


def test_get_mguser_users_equal_the_canonical_users(examples: Path, reference: dict) -> None:
    snap = read_snapshot(examples / "cloud" / "get-mguser.json")
    assert snap.format == "mg-powershell-json"
    without_roles = [{**u, "assignedRoles": [], "eligibleRoles": []} for u in cloud_view(reference)["users"]]
    assert cloud_view(snap.data)["users"] == without_roles
    assert {w["code"] for w in snap.warnings} == {"RolesMissing", "DomainsMissing", "SyncFeaturesMissing"}
    assert "AdditionalProperties" not in snap.data["users"][0] and "aboutMe" not in snap.data["users"][0]


BUNDLE_KEYS = ["users", "groups", "contacts", "domains", "onPremisesSynchronization", "roleAssignments",
               "roleEligibilitySchedules", "deletedItems"]


def _page_items(path: Path) -> list:
    """The `value` items of every page in a Graph response file (one or several pages, one per line)."""
    text = path.read_text(encoding="utf-8")
    pages = [json.loads(line) for line in text.splitlines() if line.strip()] if "\n{" in text else [json.loads(text)]
    return [item for page in pages for item in page["value"]]


def test_powershell_cased_objects_of_every_kind(examples: Path, reference: dict) -> None:
    bundle = {key: pascal(_page_items(examples / "cloud" / name))
              for key, name in zip(BUNDLE_KEYS, GRAPH_FILES, strict=True)}
    assert "OnPremisesImmutableId" in bundle["users"][0] and "PrincipalId" in bundle["roleAssignments"][0]
    snap = read_snapshot(json.dumps(bundle).encode())
    assert snap.warnings == [] and snap.rejected == []
    assert cloud_view(snap.data) == cloud_view(reference)


def test_users_pages_alone(examples: Path) -> None:
    snap = read_snapshot(examples / "cloud" / "graph-users.json")
    assert (snap.format, len(snap.data["users"])) == ("graph", 5)
    assert snap.data["users"][OLIVIA]["onPremisesSyncEnabled"] is True
    assert not any(k.startswith("@") for u in snap.data["users"] for k in u)


@pytest.mark.parametrize(("name", "key", "count"), [
    ("graph-groups.json", "groups", 2), ("graph-contacts.json", "contacts", 1),
    ("graph-deleteditems.json", "deletedUsers", 1)])
def test_entity_kind_from_the_page_context(examples: Path, name: str, key: str, count: int) -> None:
    snap = read_snapshot(examples / "cloud" / name)
    assert len(snap.data[key]) == count and snap.objects == count


def test_domains_and_features(examples: Path) -> None:
    tenant = read_cloud_bundle([examples / "cloud" / "graph-domains.json",
                                examples / "cloud" / "graph-onpremsync.json"]).data["tenant"]
    assert tenant["initialDomain"] == "contoso.onmicrosoft.com"
    assert {d["name"]: d["isVerified"] for d in tenant["domains"]} == {
        "contoso.com": True, "contoso.onmicrosoft.com": True, "fabrikam-legacy.com": False}
    assert tenant["features"]["softMatchOnUpnEnabled"] is True
    assert tenant["features"]["blockSoftMatchEnabled"] is False


def test_entity_kind_from_odata_type_or_properties() -> None:
    page = {"value": [
        {"@odata.type": "#microsoft.graph.orgContact", "id": "c1", "mail": "p@fabrikam.com"},
        {"@odata.type": "#microsoft.graph.group", "id": "g1", "displayName": "G"},
        {"id": "g2", "displayName": "H", "securityEnabled": True, "mailEnabled": False},
        {"id": "u1", "userPrincipalName": "u@contoso.com"},
    ]}
    data = read_snapshot(json.dumps(page).encode()).data
    assert [c["id"] for c in data["contacts"]] == ["c1"]
    assert [g["id"] for g in data["groups"]] == ["g1", "g2"]
    assert [u["id"] for u in data["users"]] == ["u1"]


def test_concatenated_pages_and_an_array_of_pages() -> None:
    page1 = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [
        {"id": "u1", "userPrincipalName": "a@contoso.com"}], "@odata.nextLink": "https://x"}
    page2 = {"value": [{"id": "u2", "userPrincipalName": "b@contoso.com"}]}
    concatenated = (json.dumps(page1, indent=2) + "\n" + json.dumps(page2, indent=2)).encode()
    as_array = json.dumps([page1, page2]).encode()
    for body in (concatenated, as_array):
        snap = read_snapshot(body)
        assert [u["id"] for u in snap.data["users"]] == ["u1", "u2"]


def test_roles_land_on_users_and_unknown_principals_warn() -> None:
    bundle = {
        "users": {"value": [{"id": "u1", "userPrincipalName": "a@contoso.com", "onPremisesImmutableId": None}]},
        "roleAssignments": {"value": [
            {"principalId": "u1", "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10"},
            {"principalId": "sp-1", "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10"}]},
        "roleEligibilitySchedules": [{"principalId": "u1", "roleDefinitionId": "x", "memberType": "Direct",
                                      "roleDefinition": {"displayName": "Security Administrator"}}],
    }
    snap = read_snapshot(json.dumps(bundle).encode())
    user = snap.data["users"][0]
    assert user["assignedRoles"] == ["Global Administrator"]
    assert user["eligibleRoles"] == ["Security Administrator"]
    assert "RoleAssignmentsUnresolved" in {w["code"] for w in snap.warnings}


def test_immutable_id_not_selected_warns_with_the_select() -> None:
    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "value": [{"id": "u1", "userPrincipalName": "a@contoso.com", "mail": "a@contoso.com"}]}
    snap = read_snapshot(json.dumps(page).encode())
    warning = next(w for w in snap.warnings if w["code"] == "ImmutableIdNotSelected")
    assert "hard-match prediction is impossible" in warning["message"]
    assert "$select=id,userPrincipalName,mail,proxyAddresses,onPremisesImmutableId" in warning["message"]
    assert "PropertiesNotSelected" in {w["code"] for w in snap.warnings}


def test_selected_but_empty_immutable_id_does_not_warn() -> None:
    page = {"value": [{"id": "u1", "userPrincipalName": "a@contoso.com", "onPremisesImmutableId": None,
                       "proxyAddresses": [], "onPremisesSyncEnabled": None, "onPremisesSecurityIdentifier": None}]}
    codes = {w["code"] for w in read_snapshot(json.dumps(page).encode()).warnings}
    assert not {"ImmutableIdNotSelected", "PropertiesNotSelected"} & codes


def test_deleted_users_and_deleted_groups() -> None:
    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directory/deletedItems",
            "value": [{"@odata.type": "#microsoft.graph.user", "id": "d1", "onPremisesImmutableId": "x",
                       "deletedDateTime": "2025-11-10T09:30:00Z"},
                      {"@odata.type": "#microsoft.graph.group", "id": "d2", "deletedDateTime": "2025-11-10T09:30:00Z"}]}
    snap = read_snapshot(json.dumps(page).encode())
    assert [u["id"] for u in snap.data["deletedUsers"]] == ["d1"]
    assert snap.rejected[0]["record"] == 2 and "deleted group" in snap.rejected[0]["reason"]


def test_users_with_a_deleted_date_in_a_users_list_are_deleted_users() -> None:
    snap = read_snapshot(b'[{"id":"u1","userPrincipalName":"a@b.c","deletedDateTime":"2025-01-01T00:00:00Z"}]',
                         kind="cloud")
    assert snap.data["users"] == [] and [d["id"] for d in snap.data["deletedUsers"]] == ["u1"]
    bundle = b'{"users": [{"id":"u2","userPrincipalName":"b@b.c","deletedDateTime":"2025-01-01T00:00:00Z"}]}'
    assert [d["id"] for d in read_snapshot(bundle).data["deletedUsers"]] == ["u2"]


def test_deleted_items_selected_without_upn() -> None:
    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directory/deletedItems/microsoft.graph.user"
            "(id,onPremisesImmutableId,deletedDateTime)",
            "value": [{"id": "d1", "onPremisesImmutableId": "x==", "deletedDateTime": "2025-11-10T09:30:00Z"}]}
    snap = read_snapshot(json.dumps(page).encode())
    assert snap.data["deletedUsers"] == [{"id": "d1", "onPremisesImmutableId": "x==",
                                          "deletedDateTime": "2025-11-10T09:30:00Z"}]


def test_cloud_ndjson() -> None:
    body = b'{"id":"u1","userPrincipalName":"a@contoso.com"}\n{"id":"g1","securityEnabled":true}\n'
    snap = read_snapshot(body, kind="cloud")
    assert snap.format == "ndjson" and (len(snap.data["users"]), len(snap.data["groups"])) == (1, 1)


def test_merging_an_onprem_snapshot_is_refused(examples: Path) -> None:
    with pytest.raises(ReaderError) as info:
        merge_cloud([read_snapshot(examples / "onprem" / "contoso.json")])
    assert info.value.code == "WrongKind"


def test_bundle_of_nothing_is_refused() -> None:
    with pytest.raises(ReaderError) as info:
        read_cloud_bundle([])
    assert info.value.code == "Empty"


def test_cloud_csv_from_get_mguser_export_csv() -> None:
    body = (b'"Id","UserPrincipalName","Mail","ProxyAddresses","OnPremisesImmutableId","OnPremisesSyncEnabled",'
            b'"OnPremisesSecurityIdentifier"\n"u1","a@contoso.com","a@contoso.com",'
            b'"SMTP:a@contoso.com;smtp:b@contoso.com","","True",""\n')
    snap = read_snapshot(body)
    assert (snap.kind, snap.format) == ("cloud", "csv")
    user = snap.data["users"][0]
    assert user["proxyAddresses"] == ["SMTP:a@contoso.com", "smtp:b@contoso.com"]
    assert (user["onPremisesImmutableId"], user["onPremisesSyncEnabled"]) == (None, True)
    assert not {"ImmutableIdNotSelected", "PropertiesNotSelected"} & {w["code"] for w in snap.warnings}


def test_single_entity_responses() -> None:
    sync = (b'{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directory/onPremisesSynchronization/'
            b'$entity","id":"t","features":{"blockSoftMatchEnabled":true}}')
    assert read_snapshot(sync).data["tenant"]["features"] == {"blockSoftMatchEnabled": True}
    bundle = b'{"USERS":{"value":[{"id":"u1","userPrincipalName":"a@b.c"}]},"Domains":[{"Id":"b.c","IsInitial":true}]}'
    snap = read_snapshot(bundle)
    assert (snap.format, snap.objects, snap.data["tenant"]["initialDomain"]) == ("bundle", 1, "b.c")


def test_merged_rejections_name_their_file(examples: Path) -> None:
    broken = b'{"value": [{"id": "u9", "userPrincipalName": "z@contoso.com"}, {"userPrincipalName": "no-id@x"}]}'
    snap = read_cloud_bundle([examples / "cloud" / "graph-domains.json", broken])
    assert snap.rejected == [{"record": 2, "line": 1, "field": "id", "reason": snap.rejected[0]["reason"],
                              "source": 2}]
    summary = next(w for w in snap.warnings if w["code"] == "RecordsRejected")
    assert "file 2, record 2" in summary["message"]
