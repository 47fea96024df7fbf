"""Exports that are broken in the ways admins' exports really break: precise errors with the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.readers import ReaderError, read_snapshot

COLLECTION = "Microsoft.ActiveDirectory.Management.ADPropertyValueCollection"
HEADER = '"DistinguishedName","ObjectClass","ObjectGUID","proxyAddresses","memberOf"\n'


def _row(n: int, proxies: str, member_of: str = "") -> str:
    return f'"CN=u{n},DC=contoso,DC=com","user","3ab39606-c642-489b-84b6-58c038d3ef{n:02d}","{proxies}","{member_of}"\n'


def test_unjoined_collection_in_every_row_is_an_error_with_the_fix() -> None:
    body = (HEADER + _row(1, COLLECTION) + _row(2, COLLECTION)).encode()
    with pytest.raises(ReaderError) as info:
        read_snapshot(body)
    error = info.value
    assert (error.code, error.field, error.record, error.line) == ("UnexpandedValue", "proxyAddresses", 1, 2)
    assert COLLECTION in error.message
    assert "-join ';'" in error.hint and "-Depth 5" in error.hint
    text = str(error)
    assert text.startswith("Line 2, record 1, field proxyAddresses:") and "Fix:" in text
    assert error.to_dict() == {"code": "UnexpandedValue", "detail": error.message, "record": 1, "line": 2,
                               "field": "proxyAddresses", "hint": error.hint}


def test_unjoined_collection_in_some_rows_rejects_those_rows() -> None:
    body = (HEADER + _row(1, "SMTP:a@contoso.com") + _row(2, COLLECTION) + _row(3, "")).encode()
    snap = read_snapshot(body)
    assert snap.objects == 2
    assert snap.rejected == [{"record": 2, "line": 3, "field": "proxyAddresses",
                              "reason": snap.rejected[0]["reason"]}]
    assert COLLECTION in snap.rejected[0]["reason"] and "Fix:" in snap.rejected[0]["reason"]
    assert "RecordsRejected" in {w["code"] for w in snap.warnings}


def test_collection_in_an_attribute_matching_ignores_is_dropped_with_a_warning() -> None:
    snap = read_snapshot((HEADER + _row(1, "SMTP:a@contoso.com", COLLECTION)).encode())
    assert snap.rejected == [] and "memberOf" not in snap.data["objects"][0]
    assert [w["code"] for w in snap.warnings] == ["UnexpandedValueDropped"]


def test_byte_array_type_name_for_the_anchor_explains_how_to_export_it() -> None:
    body = (b'"DistinguishedName","ObjectClass","mS-DS-ConsistencyGuid"\n'
            b'"CN=a,DC=contoso,DC=com","user","System.Byte[]"\n')
    with pytest.raises(ReaderError) as info:
        read_snapshot(body)
    assert info.value.field == "mS-DS-ConsistencyGuid"
    assert "[guid]" in info.value.hint


def test_convertto_json_depth_too_small() -> None:
    shallow = [{"DistinguishedName": "CN=a,DC=x", "ObjectClass": "user", "proxyAddresses": "System.Object[]"}]
    with pytest.raises(ReaderError) as info:
        read_snapshot(json.dumps(shallow).encode())
    assert (info.value.code, info.value.field) == ("UnexpandedValue", "proxyAddresses")
    assert "-Depth 5" in info.value.hint


def test_cloud_depth_too_small() -> None:
    users = [{"Id": "u1", "UserPrincipalName": "a@b.c", "ProxyAddresses": "System.Object[]"}]
    with pytest.raises(ReaderError) as info:
        read_snapshot(json.dumps(users).encode(), kind="cloud")
    assert (info.value.code, info.value.field) == ("UnexpandedValue", "proxyAddresses")


def test_ascii_export_that_lost_accents_warns(examples: Path) -> None:
    text = (examples / "onprem" / "export-csv.csv").read_text(encoding="utf-8-sig")
    ascii_body = text.encode("ascii", errors="replace")
    snap = read_snapshot(ascii_body)
    assert snap.objects == 8
    warning = next(w for w in snap.warnings if w["code"] == "NonAsciiLost")
    assert "record 2" in warning["message"] and "-Encoding UTF8" in warning["message"]


def test_truncated_json_names_the_line(examples: Path) -> None:
    body = (examples / "onprem" / "get-aduser-ps7.json").read_bytes()
    with pytest.raises(ReaderError) as info:
        read_snapshot(body[: len(body) // 2])
    assert info.value.code == "TruncatedJson" and info.value.line > 100
    assert "cut off" in info.value.hint


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(b'[\n  {"objectClass": "user",\n   "distinguishedName": "CN=a" "mail": "x"}\n]')
    assert (info.value.code, info.value.line) == ("InvalidJson", 3)
    assert "column" in info.value.message


@pytest.mark.parametrize(("path", "kind", "wanted"), [
    ("onprem/contoso.json", "cloud", "onprem"), ("onprem/ldifde.ldf", "cloud", "onprem"),
    ("cloud/graph-users.json", "onprem", "cloud"), ("cloud/contoso.json", "onprem", "cloud")])
def test_wrong_kind(examples: Path, path: str, kind: str, wanted: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(examples / path, kind=kind)
    assert info.value.code == "WrongKind"
    assert f"kind={wanted}" in info.value.hint


def test_declared_kind_that_is_not_a_kind() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(b'{"kind": "tenant", "objects": []}', kind="onprem")
    assert (info.value.code, info.value.field) == ("BadKind", "kind")


@pytest.mark.parametrize(("body", "code"), [
    (b"", "Empty"), (b"   \r\n", "Empty"), (b"\x00\x01\x02binary", "UnknownFormat"),
    (b"hello world", "UnknownFormat"), (b'[{"foo": 1}]', "UnknownKind")])
def test_unreadable_content(body: bytes, code: str) -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(body)
    assert info.value.code == code


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(b"[" * 100000 + b"]" * 100000, kind="onprem")
    assert info.value.code == "TooDeep"
