"""The readers carry what the 2026-12 rules need: identifiers, SOA, licences, plans, role definitions, tenant extras."""

from __future__ import annotations

import json

from service.readers import read_cloud_bundle, read_snapshot

GUID = "3ab39606-c642-489b-84b6-58c038d3ef39"


def _cloud(data: dict):
    return read_snapshot(json.dumps(data).encode(), kind="cloud")


def test_canonical_tenant_keeps_the_former_anchor_and_role_definitions():
    snap = _cloud({"kind": "cloud", "tenant": {"initialDomain": "c.onmicrosoft.com", "domains": [],
                                                "sourceAnchorAttribute": "objectGUID",
                                                "roleDefinitions": [{"displayName": "Tier0", "isPrivileged": True}]},
                   "users": []})
    tenant = snap.data["tenant"]
    assert tenant["sourceAnchorAttribute"] == "objectGUID"
    assert tenant["roleDefinitions"] == [{"displayName": "Tier0", "isPrivileged": True}]


def test_user_fields_of_the_revision_pass_through_from_powershell_casing():
    user = {"Id": "u1", "UserPrincipalName": "a@contoso.com", "OnPremisesObjectIdentifier": GUID,
            "OnPremisesSyncBehavior": {"IsCloudManaged": True}, "AssignedLicenses": [{"SkuId": "x"}],
            "ProvisionedPlans": [{"Service": "exchange", "CapabilityStatus": "Enabled"}], "HasMailbox": "True"}
    got = _cloud({"value": [user]}).data["users"][0]
    assert got["onPremisesObjectIdentifier"] == GUID
    assert got["onPremisesSyncBehavior"] == {"isCloudManaged": True}
    assert got["assignedLicenses"] == [{"SkuId": "x"}]
    assert got["provisionedPlans"][0]["Service"] == "exchange"
    assert got["hasMailbox"] is True


def test_deleted_users_keep_upn_and_addresses_and_groups_their_sid():
    snap = _cloud({"kind": "cloud", "tenant": {}, "users": [],
                   "deletedUsers": [{"id": "d1", "userPrincipalName": "x@contoso.com",
                                     "proxyAddresses": ["SMTP:x@contoso.com"], "onPremisesImmutableId": "abc",
                                     "deletedDateTime": "2026-11-01T00:00:00Z"}],
                   "groups": [{"id": "g1", "onPremisesSecurityIdentifier": "S-1-5-21-1-2-3-4",
                               "onPremisesSyncEnabled": True}]})
    deleted, group = snap.data["deletedUsers"][0], snap.data["groups"][0]
    assert deleted["userPrincipalName"] == "x@contoso.com" and deleted["proxyAddresses"] == ["SMTP:x@contoso.com"]
    assert group["onPremisesSecurityIdentifier"] == "S-1-5-21-1-2-3-4"


def test_role_definitions_page_and_expanded_assignments_give_is_privileged():
    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleDefinitions",
            "value": [{"id": "r1", "displayName": "Tier0", "isPrivileged": True, "rolePermissions": []}]}
    assignments = {"value": [{"principalId": "u1", "roleDefinitionId": "r2",
                              "roleDefinition": {"displayName": "Billing Administrator", "isPrivileged": False}}]}
    users = {"value": [{"id": "u1", "userPrincipalName": "a@contoso.com"}]}
    snap = read_cloud_bundle([json.dumps(x).encode() for x in (users, page, assignments)])
    definitions = {d["displayName"]: d["isPrivileged"] for d in snap.data["tenant"]["roleDefinitions"]}
    assert definitions == {"Tier0": True, "Billing Administrator": False}
    assert snap.data["users"][0]["assignedRoles"] == ["Billing Administrator"]


def test_new_feature_flags_are_read_with_their_canonical_names():
    sync = {"value": [{"id": "s1", "features": {"AllowOnPremUpdateOfOnPremisesObjectIdentifierEnabled": True,
                                                "QuarantineUponUpnConflictEnabled": False,
                                                "SynchronizeUpnForManagedUsersEnabled": "False"}}]}
    features = _cloud(sync).data["tenant"]["features"]
    assert features == {"allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled": True,
                        "quarantineUponUpnConflictEnabled": False, "synchronizeUpnForManagedUsersEnabled": False}


def test_onprem_exchange_and_group_attributes_pass_through():
    record = {"objectClass": "user", "objectGUID": GUID, "msExchRecipientTypeDetails": "1",
              "msExchMailboxGuid": GUID, "msRTCSIP-PrimaryUserAddress": "sip:a@contoso.com", "groupType": "-2147483646",
              "memberCount": 3, "msExchHideFromAddressLists": "TRUE"}
    got = read_snapshot(json.dumps({"kind": "onprem", "objects": [record]}).encode(), kind="onprem").data["objects"][0]
    assert got["msExchRecipientTypeDetails"] == "1" and got["msRTCSIP-PrimaryUserAddress"] == "sip:a@contoso.com"
    assert got["msExchMailboxGuid"] == GUID and got["groupType"] == "-2147483646" and got["memberCount"] == 3
    assert got["msExchHideFromAddressLists"] is True
