"""Every input record ends up in `data` or in `rejected`, with record number, line, field and reason."""

from __future__ import annotations

import json

from service.readers import read_snapshot


def _accounted(snap, records: int) -> bool:
    return snap.objects + len(snap.rejected) == records


def test_json_records_that_are_not_objects() -> None:
    body = b'[\n{"objectClass":"user","distinguishedName":"CN=a"},\n"text",\n42,\n[1],\n{"mail":"x@y.z"}\n]'
    snap = read_snapshot(body, kind="onprem")
    assert _accounted(snap, 5)
    assert [(r["record"], r["line"]) for r in snap.rejected] == [(2, 3), (3, 4), (4, 5), (5, 6)]
    assert "is text, not an object" in snap.rejected[0]["reason"]
    assert snap.rejected[-1]["field"] == "objectGUID" and "neither objectGUID" in snap.rejected[-1]["reason"]


def test_bad_guid_names_the_field() -> None:
    body = json.dumps([{"distinguishedName": "CN=a", "objectGUID": "nope"},
                       {"distinguishedName": "CN=b", "objectGUID": "BpazOkLGm0iEtljAONPvOQ=="}]).encode()
    snap = read_snapshot(body, kind="onprem")
    assert _accounted(snap, 2)
    assert snap.rejected[0]["field"] == "objectGUID" and "'nope' is not a GUID" in snap.rejected[0]["reason"]


def test_csv_row_with_the_wrong_number_of_cells() -> None:
    body = (b'"DistinguishedName","ObjectClass","mail"\n"CN=a,DC=x","user","a@x.com"\n'
            b'"CN=b,DC=x","user"\n"CN=c,DC=x","user","c@x.com"\n')
    snap = read_snapshot(body)
    assert _accounted(snap, 3)
    assert snap.rejected[0]["record"] == 2 and snap.rejected[0]["line"] == 3
    assert "2 cells but the header has 3 columns" in snap.rejected[0]["reason"]


def test_csv_line_numbers_count_quoted_line_breaks_and_the_type_line() -> None:
    body = (b'#TYPE Selected.Microsoft.ActiveDirectory.Management.ADUser\n"DistinguishedName","ObjectClass","info"\n'
            b'"CN=a,DC=x","user","two\nlines"\n"CN=b,DC=x","user"\n')
    snap = read_snapshot(body)
    assert snap.rejected[0]["line"] == 5


def test_ndjson_bad_line_is_rejected_and_reading_goes_on() -> None:
    body = b'{"objectClass":"user","distinguishedName":"CN=a"}\n{"objectClass": broken}\n' \
           b'{"objectClass":"user","distinguishedName":"CN=c"}\n{"objectClass":"user","distin'
    snap = read_snapshot(body)
    assert _accounted(snap, 4)
    assert [(r["record"], r["line"]) for r in snap.rejected] == [(2, 2), (4, 4)]
    assert "cut off" in snap.rejected[1]["reason"]


def test_ldif_entry_with_a_bad_line_is_rejected() -> None:
    body = b"dn: CN=a,DC=x\nobjectClass: user\n\ndn: CN=b,DC=x\nthis line has no colon\n\ndn: CN=c,DC=x\n"
    snap = read_snapshot(body)
    assert _accounted(snap, 3)
    assert snap.rejected == [{"record": 2, "line": 4, "field": None,
                              "reason": "the entry has a line that is not 'attribute: value'"}]


def test_cloud_entities_without_id_or_unknown() -> None:
    page = {"value": [{"userPrincipalName": "a@b.c"}, {"foo": 1}, {"id": "u1", "userPrincipalName": "b@b.c"}, 7]}
    snap = read_snapshot(json.dumps(page).encode(), kind="cloud")
    assert _accounted(snap, 4)
    assert [r["record"] for r in snap.rejected] == [1, 2, 4]
    assert snap.rejected[0]["field"] == "id"


def test_record_numbers_continue_across_concatenated_documents() -> None:
    body = b'[{"distinguishedName":"CN=a"}]\n[{"distinguishedName":"CN=b"}, 5]'
    snap = read_snapshot(body, kind="onprem")
    assert snap.rejected[0]["record"] == 3 and snap.rejected[0]["line"] == 2


def test_empty_export_is_a_snapshot_with_a_warning() -> None:
    snap = read_snapshot(b'{"kind":"onprem","objects":[]}')
    assert snap.objects == 0 and [w["code"] for w in snap.warnings] == ["NoObjects"]


def test_object_class_that_is_not_text() -> None:
    snap = read_snapshot(b'[{"objectClass": false, "distinguishedName": "CN=a"}, {"objectClass": "user", '
                         b'"distinguishedName": "CN=b"}]', kind="onprem")
    assert _accounted(snap, 2)
    assert snap.rejected[0]["field"] == "objectClass"


def test_cloud_ids_plain_or_guid_are_kept_and_hostile_ones_rejected() -> None:
    users = [{"id": i, "userPrincipalName": f"u{n}@contoso.com"}
             for n, i in enumerate(["c-ann", "ann.smith@contoso", "3ab39606-c642-489b-84b6-58c038d3ef39",
                                    "x'; Remove-Item C:\\ -Recurse; '", "a b", "$(calc)"])]
    snap = read_snapshot(json.dumps({"kind": "cloud", "users": users}).encode(), kind="cloud")
    assert [u["id"] for u in snap.data["users"]] == ["c-ann", "ann.smith@contoso",
                                                     "3ab39606-c642-489b-84b6-58c038d3ef39"]
    assert [r["field"] for r in snap.rejected] == ["id", "id", "id"]
