"""The Microsoft Entra PowerShell module's output piped to ConvertTo-Json."""

from __future__ import annotations

import json
from pathlib import Path

from service.readers import read_snapshot

USER = "6f1c9d2a-3b4e-4c5d-9e8f-0a1b2c3d4e5f"


def body(value: object) -> bytes:
    """ConvertTo-Json output."""
    return json.dumps(value, indent=2).encode()


def test_aliases_stand_for_the_graph_properties() -> None:
    user = {"ObjectId": USER, "UserPrincipalName": "adam@contoso.com", "ImmutableId": "BpazOkLGm0iEtljAONPvOQ==",
            "DirSyncEnabled": True, "ProxyAddresses": ["SMTP:adam@contoso.com"], "OnPremisesSecurityIdentifier": None,
            "TelephoneNumber": ["+1 206 555 0101"], "Mobile": None, "UserState": None, "AdditionalProperties": {}}
    snap = read_snapshot(body([user]), kind="cloud")
    assert snap.format == "entra-powershell-json" and snap.rejected == []
    [read] = snap.data["users"]
    assert (read["id"], read["onPremisesImmutableId"], read["onPremisesSyncEnabled"]) == (
        USER, "BpazOkLGm0iEtljAONPvOQ==", True)
    assert not {"objectId", "immutableId", "dirSyncEnabled", "telephoneNumber", "userState"} & set(read)


def test_get_entrauser_response_properties_beside_empty_sdk_ones() -> None:
    user = {"Id": None, "id": USER, "userPrincipalName": "adam@contoso.com", "ObjectId": USER, "AboutMe": None}
    [read] = read_snapshot(body([user]), kind="cloud").data["users"]
    assert read["id"] == USER and read["userPrincipalName"] == "adam@contoso.com"


def test_dirsync_feature_rows_are_the_tenant_features() -> None:
    rows = [{"DirSyncFeature": "BlockSoftMatch", "Enabled": True},
            {"DirSyncFeature": "BlockCloudObjectTakeoverThroughHardMatch", "Enabled": False},
            {"DirSyncFeature": "AdditionalProperties", "Enabled": {}}]
    snap = read_snapshot(body(rows))
    assert (snap.kind, snap.format, snap.rejected) == ("cloud", "entra-powershell-json", [])
    assert snap.data["tenant"]["features"] == {"blockSoftMatchEnabled": True,
                                               "blockCloudObjectTakeoverThroughHardMatchEnabled": False}


def test_domains_and_role_assignments(examples: Path) -> None:
    domains = read_snapshot(examples / "cloud" / "entra-domains.json").data["tenant"]
    assert domains["initialDomain"] == "contoso.onmicrosoft.com"
    assert sorted(d["name"] for d in domains["domains"]) == ["contoso.com", "contoso.onmicrosoft.com",
                                                            "fabrikam-legacy.com"]
    roles = read_snapshot(examples / "cloud" / "entra-roleassignments.json")
    assert roles.parts.roles["active"][0][1] == "Global Administrator"  # from the template id, not expanded


def test_the_example_set_equals_the_canonical_tenant(examples: Path) -> None:
    from readers_support import cloud_view

    from service.readers import read_cloud_bundle

    names = ["entra-users.json", "entra-groups.json", "entra-contacts.json", "entra-deletedusers.json",
             "entra-domains.json", "entra-dirsyncfeatures.json", "entra-roleassignments.json",
             "graph-roleeligibilityschedules.json"]
    merged = read_cloud_bundle([examples / "cloud" / n for n in names])
    reference = read_snapshot(examples / "cloud" / "contoso.json").data
    assert cloud_view(merged.data) == cloud_view(reference)
    assert [w["code"] for w in merged.warnings] == []
