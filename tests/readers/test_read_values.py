"""Value conversions: GUID byte order, SIDs, booleans, PowerShell dates, type-name literals."""

from __future__ import annotations

import base64
import uuid

import pytest

from service.readers.values import (
    BadValue,
    is_type_name,
    ps_date,
    sid_from_bytes,
    to_base64,
    to_bool,
    to_guid,
    to_sid,
)

VECTORS = [
    ("3ab39606-c642-489b-84b6-58c038d3ef39", "BpazOkLGm0iEtljAONPvOQ=="),
    ("f7cc07d7-7c15-447d-876d-c01b0e5a9e38", "1wfM9xV8fUSHbcAbDlqeOA=="),
    ("a15df3dc-4416-414b-8b7d-5fbdcb5743c1", "3PNdoRZES0GLfV+9y1dDwQ=="),
]


@pytest.mark.parametrize(("guid", "immutable_id"), VECTORS)
def test_guid_from_every_form(guid: str, immutable_id: str) -> None:
    raw = base64.b64decode(immutable_id)
    forms = [guid, guid.upper(), "{" + guid + "}", immutable_id, list(raw), raw, uuid.UUID(guid).hex,
             " ".join(str(b) for b in raw), {"Guid": guid}]
    assert {to_guid(form) for form in forms} == {guid}


def test_big_endian_bytes_are_not_the_guid() -> None:
    assert to_guid("OrOWBsZCSJuEtljAONPvOQ==") != "3ab39606-c642-489b-84b6-58c038d3ef39"


@pytest.mark.parametrize("bad", ["not-a-guid", [1, 2, 3], [300] * 16, 42, "AAAA", {"Value": "x"}])
def test_bad_guids_are_refused(bad: object) -> None:
    with pytest.raises(BadValue):
        to_guid(bad)


def test_sid_from_binary_and_objects() -> None:
    sid = "S-1-5-21-1004336348-1177238915-682003330-1105"
    raw = base64.b64decode("AQUAAAAAAAUVAAAA3PTcO4M9K0aCi6YoUQQAAA==")
    assert sid_from_bytes(raw) == sid
    assert to_sid(list(raw)) == sid
    assert to_sid({"BinaryLength": 28, "AccountDomainSid": "S-1-5-21-1004336348-1177238915-682003330",
                   "Value": sid}) == sid
    assert to_sid("s-1-5-32-544") == "S-1-5-32-544"
    with pytest.raises(BadValue):
        to_sid(b"\x01\x05short")


def test_booleans_from_text() -> None:
    assert [to_bool(v) for v in ("True", "FALSE", "1", "0", True, None)] == [True, False, True, False, True, None]
    with pytest.raises(BadValue):
        to_bool("maybe")


def test_powershell_dates_become_iso() -> None:
    assert ps_date("/Date(1700000000000)/") == "2023-11-14T22:13:20Z"
    assert ps_date("2023-11-14T22:13:20Z") is None


def test_type_names_are_recognised_and_names_are_not() -> None:
    assert is_type_name("Microsoft.ActiveDirectory.Management.ADPropertyValueCollection")
    assert is_type_name("System.Object[]")
    assert is_type_name("System.Byte[]")
    assert is_type_name("System.Collections.Generic.Dictionary`2[System.String,System.Object]")
    assert not is_type_name("Microsoft Teams Rooms")
    assert not is_type_name("SMTP:adam@contoso.com")


def test_binary_values_become_base64() -> None:
    assert to_base64([1, 2, 3]) == "AQID"
    assert to_base64({"RawData": [1, 2, 3], "Subject": "CN=x"}) == "AQID"
