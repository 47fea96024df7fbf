"""Canonical JSON read natively (msgspec) gives exactly what the streaming reader gives: data, warnings,
rejections and errors, value by value and in the same order; anything unusual is read the old way."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.readers import ReaderError, fastjson, fastrecords, read_snapshot, reader

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TRICKY_TEXT = [
    "", " ", "\t", "\n", "\u00a0", "\u2003", "x ", "  x", "\nx", "\u00a0x", "System.Object[]", " System.Byte[]",
    "System.Foo-bar", "Microsoft.ActiveDirectory.Management.ADPropertyValueCollection", "Sven", "Zo?", "Zo? M?ller",
    "SMTP:a@contoso.com", "smtp:b?@contoso.com", "/Date(1700000000000)/", "/Date(bad)/", "/x", "Zoë", "a\x00b",
    "a\x01b", "\x01", "S-1-5-21-1-2-3-500", "s-1-5-21-1-2-3", "S-1-5-21-1-2-3\n",
    "A9AE7A34-2544-49C7-801D-9A88096D3737", "a9ae7a34-2544-49c7-801d-9a88096d3737",
    "{a9ae7a34-2544-49c7-801d-9a88096d3737}",
    "a9ae7a34254449c7801d9a88096d3737", "NHquqUQlx0mAHZqICW03Nw==", "user", "group", "contact", "computer", "top",
    "True", "false", "1", "2026-11-01T09:30:00Z", "yesterday", "c-ann", "bad id",
]
TEXT = st.sampled_from(TRICKY_TEXT)
SCALARS = st.one_of(TEXT, TEXT, TEXT, st.none(), st.booleans(), st.integers(-3, 300), st.integers(),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.sampled_from(["Value", "Guid", "x"]), inner,
                                                                     max_size=2)), max_leaves=6)
BYTES16 = st.lists(st.integers(0, 255), min_size=16, max_size=16)
ONPREM_NAMES = ["objectGUID", "objectClass", "objectSid", "msExchMasterAccountSid", "mS-DS-ConsistencyGuid",
                "distinguishedName",
                "sAMAccountName", "userPrincipalName", "mail", "proxyAddresses", "displayName", "givenName",
                "isCriticalSystemObject", "userCertificate", "sIDHistory", "whenCreated", "member", "customThing",
                "Enabled", "objectguid", "EmailAddress"]
CLOUD_NAMES = ["id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
               "onPremisesSecurityIdentifier", "deletedDateTime", "assignedRoles", "eligibleRoles", "displayName",
               "mailEnabled", "securityEnabled", "businessPhones", "@odata.type", "customThing", "value",
               "UserPrincipalName", "groupTypes", "companyName"]
GUID = "df5ca32e-bad5-4cc2-b2b7-228fcd4a5557"


def records(names: list[str], base: dict) -> st.SearchStrategy[dict]:
    """Records over these names (mostly canonical ones), most values usual, some odd."""
    usual = st.sampled_from(["Ann", "SMTP:ann@contoso.com", GUID, "S-1-5-21-1-2-3-500", "s-1-5-21-1-2-3-500", "user",
                             True, None, 3,
                             ["SMTP:a@contoso.com", "smtp:b@contoso.com"], []])
    values = st.one_of(usual, usual, VALUES, BYTES16)
    return st.builds(lambda extra: {**base, **extra}, st.dictionaries(st.sampled_from(names), values, max_size=6))


def outcome(source: object, kind: str) -> tuple:
    """What read_snapshot returns or raises, comparable byte for byte."""
    try:
        snap = read_snapshot(source, kind=kind)
    except ReaderError as exc:
        return "error", (exc.code, exc.message, exc.line, exc.record, exc.field, exc.hint)
    return "ok", repr([snap.kind, snap.format, snap.data, snap.warnings, snap.rejected])  # order and types too


def general_outcome(source: object, kind: str, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The same through the streaming reader alone."""
    with monkeypatch.context() as patched:
        patched.setattr(fastjson, "rereadable", lambda _source: None)
        return outcome(source, kind)


def same_both_ways(blob: bytes, kind: str, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """The fast and the general path agree on these bytes; the outcome."""
    fast = outcome(blob, kind)
    assert fast == general_outcome(blob, kind, monkeypatch)
    return fast


def taken(blob: bytes, kind: str) -> bool:
    """True when read_snapshot reads these bytes on the fast path."""
    return reader._read_fast(blob, kind, None, -1) is not None


def json_variants(document: object) -> list[bytes]:
    """The document written compactly, with spaces, and indented with every non-ASCII letter escaped."""
    return [json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass"),
            json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"),
            json.dumps(document, indent=1).encode()]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory pair written by bench/generate.py."""
    out = tmp_path_factory.mktemp("bench")
    subprocess.run([sys.executable, str(GENERATOR), "--objects", "3000", "--out", str(out)], check=True,
                   capture_output=True)
    return out


@pytest.mark.parametrize("kind", ["onprem", "cloud"])
def test_the_benchmark_directories_read_the_same_both_ways(generated, kind, monkeypatch):
    blob = (generated / f"{kind}.json").read_bytes()
    assert taken(blob, kind)
    fast = same_both_ways(blob, kind, monkeypatch)
    assert fast[0] == "ok"
    path = str(generated / f"{kind}.json")
    assert outcome(path, kind) == fast == outcome(io.BytesIO(blob), kind) == outcome(gzip.compress(blob), kind)


@pytest.mark.parametrize("kind", ["onprem", "cloud"])
def test_a_snapshot_read_again_is_kept_as_it_is(generated, kind):
    # What the service stores is the canonical snapshot the reader wrote: read again, every record is kept.
    first = read_snapshot(str(generated / f"{kind}.json"), kind=kind)
    again = read_snapshot(orjson.dumps(first.data), kind=kind)
    assert again.data == first.data
    assert orjson.dumps(again.data) == orjson.dumps(first.data)


@pytest.mark.python_engine_only
def test_a_record_that_is_canonical_is_the_decoded_dict_itself(monkeypatch):
    kept = []
    original = fastrecords.onprem_objects

    def spy(records, warn, lost):
        out = original(records, warn, lost)
        kept.extend(a is b for a, b in zip(records, out, strict=True))
        return out

    monkeypatch.setattr(fastrecords, "onprem_objects", spy)
    doc = {"kind": "onprem", "objects": [
        {"objectGUID": GUID, "distinguishedName": "CN=Ann,DC=contoso,DC=com", "mail": None},
        {"objectGUID": GUID.upper(), "displayName": "Ann"},
    ]}
    snap = read_snapshot(orjson.dumps(doc), kind="onprem")
    assert kept == [True, True]  # nulls are left out and values converted in place
    assert snap.data["objects"] == [{"objectGUID": GUID, "distinguishedName": "CN=Ann,DC=contoso,DC=com"},
                                    {"objectGUID": GUID, "displayName": "Ann"}]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(objects=st.lists(records(ONPREM_NAMES, {"distinguishedName": "CN=Zoë,DC=contoso,DC=com"}), max_size=4))
def test_onprem_documents_read_the_same_both_ways(objects, monkeypatch):
    for blob in json_variants({"kind": "onprem", "objects": objects}):
        same_both_ways(blob, "onprem", monkeypatch)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(users=st.lists(records(CLOUD_NAMES, {"id": GUID}), max_size=3),
       groups=st.lists(records(CLOUD_NAMES, {"id": "c-group", "securityEnabled": True}), max_size=2),
       deleted=st.lists(records(CLOUD_NAMES, {"id": "c-gone", "deletedDateTime": "2026-11-01T09:30:00Z"}),
                        max_size=2),
       order=st.permutations(["tenant", "users", "groups", "contacts", "deletedUsers"]))
def test_cloud_documents_read_the_same_both_ways(users, groups, deleted, order, monkeypatch):
    members = {"tenant": {"initialDomain": "contoso.onmicrosoft.com", "domains": ["contoso.com"]}, "users": users,
               "groups": groups, "contacts": groups[:1], "deletedUsers": deleted}
    document = {"kind": "cloud", **{key: members[key] for key in order}}
    for blob in json_variants(document):
        same_both_ways(blob, "cloud", monkeypatch)


UNUSUAL = [
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s"}], "objects": [{"distinguishedName": "CN=b"}]}'
    % GUID.encode(),
    b'{"kind": "cloud", "objects": [{"objectGUID": "%s"}], "kind": "onprem"}' % GUID.encode(),
    b'{"kind": " OnPrem ", "objects": [{"objectGUID": "%s"}]}' % GUID.encode(),
    b'{"kind": "", "objects": []}',
    b'{"kind": null, "objects": []}',
    b'{"kind": "onprem", "Objects": [{"objectGUID": "%s"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s"}], "note": 1}' % GUID.encode(),
    b'{"kind": "onprem", "objects": null}',
    b'{"kind": "onprem", "objects": [1, {"objectGUID": "%s"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "x": NaN}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "x": 1e400}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "x": "\\ud83d"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "x": "\xed\xa0\xbd"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "x": "Zo\xeb"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "x": %s}]}' % (GUID.encode(), b"9" * 5000),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s"}]}{"objects": []}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s"}]' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s"},]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "bad"}, {"objectGUID": "%s"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "   ", "mail": "a@b.c"}]}',
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "member": ["System.Object[]"]}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "mail": ["System.Object[]"]}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": []}',
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s", "mail": null, "objectGUID": " x"}]}' % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "c-a", "mail": "a@b.c", "id": "%s", "mail": null}]}' % GUID.encode(),
    b'\xef\xbb\xbf{"kind": "onprem", "objects": [{"objectGUID": "%s"}]}' % GUID.encode(),
    b'{"kind": "onprem", "objects": [{"objectGUID": "%s"}]}'.decode().replace("%s", GUID).encode("utf-16"),
    b'{"kind": "cloud", "tenant": [], "users": [{"id": "%s"}]}' % GUID.encode(),
    b'{"kind": "cloud", "tenant": null, "users": [{"id": "%s"}]}' % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "%s", "value": [{"id": "c-x"}]}]}' % GUID.encode(),
    b'{"kind": "cloud", "users": {"id": "%s"}}' % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "bad id"}]}',
    b'{"kind": "cloud", "users": [{"id": "%s", "deletedDateTime": "2026-11-01T09:30:00Z"}]}' % GUID.encode(),
    b'{"kind": "cloud", "deletedUsers": [{"id": "%s", "deletedDateTime": "yesterday"}]}' % GUID.encode(),
    b'{"kind": "cloud", "deletedUsers": [{"id": "%s", "securityEnabled": true}]}' % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "%s", "proxyAddresses": null, "mail": "Zo?@contoso.com"}]}' % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "%s", "proxyAddresses": [""]}, {"id": "c-b", "proxyAddresses": []}]}'
    % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "%s"}], "users": [{"id": "c-b"}]}' % GUID.encode(),
    b'{"kind": "cloud", "users": [{"id": "%s"}, {"id": "%s", "mail": "a@b.c"}]}' % (GUID.encode(), GUID.encode()),
    b'{"kind": "cloud", "users": [{"id": "%s", "@odata.type": "#microsoft.graph.group"}]}' % GUID.encode(),
    b'{"kind": "cloud", "domains": [{"id": "contoso.com"}]}',
    b'{"\\u006bind": "onprem", "kind": "cloud", "objects": []}',
]


@pytest.mark.parametrize("blob", UNUSUAL)
def test_unusual_documents_read_the_same_both_ways(blob, monkeypatch):
    kind = kind_of(blob)
    same_both_ways(blob, kind, monkeypatch)
    same_both_ways(gzip.compress(blob), kind, monkeypatch)


def kind_of(blob: bytes) -> str:
    """The kind a test reads a document as."""
    return "cloud" if any(key in blob for key in (b'"users"', b'"domains"', b'"deletedUsers"')) else "onprem"


@pytest.mark.parametrize("blob", [blob for blob in UNUSUAL if blob.count(b'"users"') > 1 or blob.count(b'"objects"') > 1
                                  or b'"kind": "onprem"' in blob[20:] or b'"note"' in blob or b"\\u006b" in blob
                                  or b"]}{" in blob])
def test_a_duplicate_or_unknown_member_is_read_the_old_way(blob):
    assert not taken(blob, kind_of(blob))


def test_a_usual_document_is_read_the_fast_way():
    assert taken(b'{"kind": "onprem", "objects": [{"objectGUID": "%s"}]}' % GUID.encode(), "onprem")
    assert taken(b'{"kind": "cloud", "users": [{"id": "%s"}], "tenant": {}}' % GUID.encode(), "cloud")


def test_a_file_object_is_read_again_from_where_it_started(monkeypatch):
    blob = UNUSUAL[0]
    stream = io.BytesIO(b"xx" + blob)
    stream.seek(2)
    assert outcome(stream, "onprem") == general_outcome(blob, "onprem", monkeypatch)


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "onprem").glob("*.json")))
def test_the_examples_read_the_same_both_ways(name, monkeypatch):
    blob = (EXAMPLES / "onprem" / name).read_bytes()
    same_both_ways(blob, "onprem", monkeypatch)


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "cloud").glob("*.json")))
def test_the_cloud_examples_read_the_same_both_ways(name, monkeypatch):
    same_both_ways((EXAMPLES / "cloud" / name).read_bytes(), "cloud", monkeypatch)


@settings(max_examples=200, deadline=None)
@given(number=st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                        st.from_regex(r"-?(0|[1-9][0-9]{0,30})(\.[0-9]{1,25})?([eE][-+]?[0-9]{1,3})?", fullmatch=True)))
def test_numbers_decode_as_the_standard_library_decodes_them(number):
    text = number if isinstance(number, str) else json.dumps(number)
    try:
        expected = json.loads(text)
    except ValueError:
        return
    try:
        got = fastjson._ANY.decode(text.encode())
    except fastjson._DECODE_ERRORS:
        return  # refused: read the old way
    assert type(got) is type(expected)
    assert repr(got) == repr(expected)


@pytest.mark.parametrize(("blob", "found"), [
    (b'{"a": "x?y"}', True), (b'{"a": "x\\u003fy"}', True), (b'{"a": "x\\u003Fy"}', True),
    (b'{"a": "x\\u0030y"}', False), (b'{"a": "plain"}', False), (b'{"a": "\\u003"}', False), (b"", False),
])
def test_a_question_mark_is_found_written_as_is_or_escaped(blob: bytes, found: bool) -> None:
    assert fastjson.has_question_mark(blob) is found
