"""The readers under hostile input: a Snapshot or a ReaderError that explains itself, never another exception."""

from __future__ import annotations

import contextlib
import json

import orjson
import pytest
from bad_inputs import (
    GUID,
    SAMPLES,
    USER,
    deeply_nested,
    encode,
    gzipped,
    hostile_documents,
    known_reader_bug,
    many_proxy_addresses,
    nulls_everywhere,
    onprem_json,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.readers import FORMATS, ReaderError, Snapshot, read_snapshot

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
KINDS = st.sampled_from([None, "onprem", "cloud"])


def outcome(body: bytes, kind: str | None = None, fmt: str | None = None) -> Snapshot | ReaderError | None:
    """The reader's answer, checked: a consistent Snapshot, or a ReaderError saying where and how to fix."""
    try:
        snapshot = read_snapshot(body, kind=kind, fmt=fmt)
    except ReaderError as error:
        assert error.code and error.message and str(error)
        return error
    except Exception as exc:
        if known_reader_bug(exc):
            return None
        raise
    assert snapshot.kind in ("onprem", "cloud") and kind in (None, snapshot.kind)
    json.dumps(snapshot.data, allow_nan=False)
    assert all(rejection["record"] >= 1 and rejection["reason"] for rejection in snapshot.rejected)
    return snapshot


@FUZZ
@given(body=hostile_documents(), kind=KINDS)
def test_hostile_documents(body: bytes, kind: str | None) -> None:
    outcome(body, kind)


@st.composite
def damaged_samples(draw: st.DrawFn) -> bytes:
    """An example export cut short, re-encoded without a BOM, or gzipped and then cut."""
    sample = draw(st.sampled_from(SAMPLES))
    damage = draw(st.sampled_from(["cut", "reencode", "gzip-cut", "gzip-twice"]))
    if damage == "cut":
        return sample[: draw(st.integers(0, len(sample)))]
    if damage == "reencode":
        try:
            return encode(draw, sample.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return sample
    packed = gzipped(sample) if damage == "gzip-cut" else gzipped(gzipped(sample))
    return packed[: draw(st.integers(0, len(packed)))]


@FUZZ
@given(body=damaged_samples(), kind=KINDS, fmt=st.none() | st.sampled_from(FORMATS))
def test_damaged_examples(body: bytes, kind: str | None, fmt: str | None) -> None:
    outcome(body, kind, fmt)


def test_json_nested_100000_levels_is_refused_as_too_deep() -> None:
    error = outcome(deeply_nested(100_000), "onprem")
    assert isinstance(error, ReaderError) and error.code == "TooDeep"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(encoding: str) -> None:
    snapshot = outcome(onprem_json(USER).decode().encode(encoding), "onprem")
    assert isinstance(snapshot, Snapshot) and snapshot.objects == 1


@pytest.mark.parametrize("value", ["not-a-guid", "3ab39606-c642-489b-84b6", "3ab39606c642489b84b658c038d3ef39zz",
                                   "3ab39606-c642-489b-84b6-58c038d3ef3g", 12345, True, {"Guid": "x"}])
def test_an_invalid_guid_is_named_in_the_rejection(value) -> None:
    result = outcome(onprem_json({**USER, "objectGUID": value}, {**USER, "objectGUID": GUID.replace("3a", "4a")}),
                     "onprem")
    assert isinstance(result, Snapshot), result
    assert result.objects == 1
    assert [rejection["field"] for rejection in result.rejected] == ["objectGUID"]


def test_duplicate_json_keys_keep_the_last_value() -> None:
    body = ('{"kind": "onprem", "objects": [{"objectClass": "user", "objectGUID": "' + GUID + '", '
            '"objectGUID": "f7cc07d7-7c15-447d-876d-c01b0e5a9e38", "distinguishedName": "CN=A,DC=contoso,DC=com"}]}')
    snapshot = outcome(body.encode(), "onprem")
    assert isinstance(snapshot, Snapshot)
    assert [obj["objectGUID"] for obj in snapshot.data["objects"]] == ["f7cc07d7-7c15-447d-876d-c01b0e5a9e38"]


def test_nulls_everywhere_are_rejected_with_reasons() -> None:
    result = outcome(nulls_everywhere(), "onprem")
    assert isinstance(result, ReaderError) and result.code and result.hint


def test_ten_thousand_proxy_addresses_are_kept() -> None:
    snapshot = outcome(onprem_json(many_proxy_addresses()), "onprem")
    assert isinstance(snapshot, Snapshot) and snapshot.objects == 1
    assert len(snapshot.data["objects"][0]["proxyAddresses"]) == 10_001


def test_truncated_gzip_is_mostly_a_reader_error() -> None:
    packed = gzipped(onprem_json(many_proxy_addresses(2000)))
    for cut in (1, 4, 8, 10, len(packed) // 2, len(packed) - 10):
        with pytest.raises(ReaderError):
            read_snapshot(packed[:-cut], kind="onprem")


def test_truncated_gzip_is_always_a_reader_error() -> None:
    packed = gzipped(onprem_json(USER))
    for size in range(len(packed)):
        with pytest.raises(ReaderError):
            read_snapshot(packed[:size], kind="onprem")


def test_tenant_domains_of_the_wrong_type_are_explained() -> None:
    with contextlib.suppress(ReaderError):
        assert read_snapshot(b'{"kind": "cloud", "tenant": {"domains": true}, "users": []}', kind="cloud").kind


def test_an_unpaired_surrogate_is_rejected_with_its_record() -> None:
    body = onprem_json({**USER, "displayName": "Adam \ud83d"})
    try:
        snapshot = read_snapshot(body, kind="onprem")
    except ReaderError as error:
        assert error.record == 1
        return
    orjson.dumps(snapshot.data)
