"""Any bytes give a Snapshot or a ReaderError, never another exception."""

from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_support import EXAMPLES

from service.readers import FORMATS, ReaderError, Snapshot, read_snapshot

SAMPLES = [p.read_bytes() for p in sorted(EXAMPLES.glob("*/*")) if p.is_file()]
KINDS = st.sampled_from([None, "onprem", "cloud"])
FMTS = st.one_of(st.none(), st.sampled_from(FORMATS))
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(body: bytes, kind: str | None, fmt: str | None) -> None:
    """Read and check the outcome is one of the two allowed, and a Snapshot is consistent."""
    try:
        snap = read_snapshot(body, kind=kind, fmt=fmt)
    except ReaderError as error:
        assert error.code and str(error)
        assert set(error.to_dict()) == {"code", "detail", "record", "line", "field", "hint"}
        return
    assert isinstance(snap, Snapshot) and snap.kind in ("onprem", "cloud")
    assert kind in (None, snap.kind)
    json.dumps(snap.data, allow_nan=False)
    for rejection in snap.rejected:
        assert rejection["record"] >= 1 and rejection["reason"]


@FUZZ
@given(body=st.binary(max_size=2000), kind=KINDS, fmt=FMTS)
def test_any_bytes(body: bytes, kind: str | None, fmt: str | None) -> None:
    _read(body, kind, fmt)


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    """An example file with bytes flipped, cut, inserted or duplicated; sometimes gzipped."""
    body = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "duplicate"]))
        at = draw(st.integers(0, max(0, len(body) - 1)))
        if action == "flip" and body:
            body[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del body[at : at + draw(st.integers(1, 400))]
        elif action == "insert":
            body[at:at] = draw(st.sampled_from([b"\x00", b'"', b"{", b"]", b",", b"\n", b" ", b"::", b"\xff\xfe",
                                                b"System.Object[]", b"\xc3", b"\n\n", b"9" * 400]))
        else:
            body[at:at] = body[at : at + draw(st.integers(1, 200))]
    data = bytes(body)
    return gzip.compress(data) if draw(st.booleans()) and len(data) % 3 == 0 else data


@FUZZ
@given(body=mutated_samples(), kind=KINDS, fmt=FMTS)
def test_mutated_examples(body: bytes, kind: str | None, fmt: str | None) -> None:
    _read(body, kind, fmt)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["objectGUID", "ObjectGUID", "objectSid", "SID", "proxyAddresses", "objectClass", "value",
                         "users", "kind", "id", "Id", "userPrincipalName", "@odata.type", "@odata.context",
                         "mS-DS-ConsistencyGuid", "distinguishedName", "features", "principalId", "domains",
                         "AdditionalProperties", "deletedDateTime", "tenant", "objects", "isVerified"])
        | st.text(max_size=10), children, max_size=5),
    max_leaves=25,
)


@FUZZ
@given(doc=JSON_VALUES, kind=KINDS)
def test_arbitrary_json_documents(doc: object, kind: str | None) -> None:
    _read(json.dumps(doc).encode(), kind, None)
