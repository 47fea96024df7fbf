"""Every SID attribute is read by the one SID parser.

msExchMasterAccountSid on-premises and onPremisesSecurityIdentifier in the cloud, as objectSid always was.
"""

from __future__ import annotations

import base64
import json
import struct

import pytest

from service.readers import read_snapshot

SID = "S-1-5-21-1004336348-1177238915-682003330-1105"
SID_RAW = bytes([1, 5]) + (5).to_bytes(6, "big") + struct.pack("<5I", 21, 1004336348, 1177238915, 682003330, 1105)
GUID = "3ab39606-c642-489b-84b6-58c038d3ef39"


OTHER = "dn: CN=Desk,DC=contoso,DC=com\nobjectClass: user\nobjectGUID: 0f5e6a57-2c3a-4b8e-9d1f-7a6b5c4d3e2f\n"


def ldif(master: str) -> bytes:
    return (f"dn: CN=Room,DC=contoso,DC=com\nobjectClass: user\nobjectGUID: {GUID}\nsAMAccountName: room\n"
            f"{master}\n\n{OTHER}").encode()


def cloud(sid: object, **extra: object) -> bytes:
    group = {"id": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "displayName": "Sales", "onPremisesSecurityIdentifier": sid,
             **extra}
    user = {"id": "0f5e6a57-2c3a-4b8e-9d1f-7a6b5c4d3e2f", "userPrincipalName": "ann@contoso.com"}
    return json.dumps({"kind": "cloud", "tenant": {"initialDomain": "contoso.onmicrosoft.com"}, "users": [user],
                       "groups": [group], "contacts": [], "deletedUsers": []}).encode()


@pytest.mark.parametrize("line", [
    f"msExchMasterAccountSid:: {base64.b64encode(SID_RAW).decode()}",
    f"msExchMasterAccountSid: {SID}",
    f"msExchMasterAccountSid: {SID.lower()}",
], ids=["base64", "text", "lowercase"])
def test_the_master_account_sid_of_an_ldif_export_is_sid_text(line: str) -> None:
    record = read_snapshot(ldif(line), kind="onprem").data["objects"][0]
    assert record["msExchMasterAccountSid"] == SID


def test_a_master_account_sid_in_json_is_sid_text() -> None:
    raw = json.dumps({"kind": "onprem", "objects": [{"objectGUID": GUID, "objectClass": "user",
                                                     "msExchMasterAccountSid": list(SID_RAW)}]}).encode()
    [record] = read_snapshot(raw, kind="onprem").data["objects"]
    assert record["msExchMasterAccountSid"] == SID


def test_a_master_account_sid_that_is_no_sid_rejects_the_record_and_says_why() -> None:
    snapshot = read_snapshot(ldif("msExchMasterAccountSid: not-a-sid"), kind="onprem")
    assert [o["distinguishedName"] for o in snapshot.data["objects"]] == ["CN=Desk,DC=contoso,DC=com"]
    [rejected] = snapshot.rejected
    assert "msExchMasterAccountSid" in json.dumps(rejected)


@pytest.mark.parametrize("value", [SID, SID.lower(), f" {SID} ", base64.b64encode(SID_RAW).decode()],
                         ids=["canonical", "lowercase", "spaces", "base64"])
def test_the_cloud_sid_is_sid_text(value: str) -> None:
    [group] = read_snapshot(cloud(value), kind="cloud").data["groups"]
    assert group["onPremisesSecurityIdentifier"] == SID


def test_a_cloud_group_without_sid_has_none() -> None:
    [group] = read_snapshot(cloud(None), kind="cloud").data["groups"]
    assert group.get("onPremisesSecurityIdentifier") is None


def test_a_cloud_sid_that_is_no_sid_rejects_the_object_and_says_why() -> None:
    snapshot = read_snapshot(cloud("garbage"), kind="cloud")
    assert snapshot.data["groups"] == [] and len(snapshot.data["users"]) == 1
    [rejected] = snapshot.rejected
    assert "onPremisesSecurityIdentifier" in json.dumps(rejected)
