"""Encodings and containers: BOMs, UTF-16 with and without BOM, ANSI, gzip; and the kinds of source."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from service.readers import ReaderError, read_snapshot

CANONICAL = '{"kind":"onprem","objects":[{"objectClass":"user","distinguishedName":"CN=Zoë Müller,DC=x"}]}'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings(encoding: str) -> None:
    body = CANONICAL.encode(encoding)
    if encoding == "utf-16":
        assert body[:2] in (b"\xff\xfe", b"\xfe\xff")
    snap = read_snapshot(body)
    assert snap.data["objects"][0]["distinguishedName"] == "CN=Zoë Müller,DC=x"


def test_utf16be_with_bom() -> None:
    snap = read_snapshot(b"\xfe\xff" + CANONICAL.encode("utf-16-be"))
    assert snap.objects == 1


def test_powershell51_example_is_utf16le_with_bom(examples: Path) -> None:
    raw = (examples / "onprem" / "get-aduser-ps51.json").read_bytes()
    assert raw[:2] == b"\xff\xfe"
    assert read_snapshot(raw).data["objects"][1]["displayName"] == "Zoë Müller"


def test_ansi_file_is_read_with_a_warning() -> None:
    snap = read_snapshot(CANONICAL.encode("cp1252"))
    assert snap.data["objects"][0]["distinguishedName"] == "CN=Zoë Müller,DC=x"
    assert [w["code"] for w in snap.warnings] == ["NotUtf8"]


def test_gzip_body(examples: Path) -> None:
    body = gzip.compress((examples / "onprem" / "ldifde.ldf").read_bytes())
    snap = read_snapshot(body)
    assert (snap.format, snap.objects) == ("ldif", 8)


def test_gzip_of_utf16(examples: Path) -> None:
    body = gzip.compress((examples / "onprem" / "get-aduser-ps51.json").read_bytes())
    assert read_snapshot(body).objects == 8


def test_truncated_gzip_is_an_error(examples: Path) -> None:
    body = gzip.compress((examples / "onprem" / "contoso.json").read_bytes())
    with pytest.raises(ReaderError) as info:
        read_snapshot(body[: len(body) // 2])
    assert info.value.code == "TruncatedGzip"
    assert "cut off" in str(info.value)


def test_damaged_gzip_is_an_error() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"not deflate data at all")
    assert info.value.code in ("CorruptGzip", "TruncatedGzip")


def test_broken_utf16_is_an_error() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(b"\xff\xfe" + '[{"a":"'.encode("utf-16-le") + b"\x00\xd8" + '"}]'.encode("utf-16-le"))
    assert info.value.code == "EncodingError"


def test_sources_bytes_path_str_and_file_object(examples: Path) -> None:
    path = examples / "onprem" / "contoso.ndjson"
    raw = path.read_bytes()
    for source in (raw, bytearray(raw), path, str(path), io.BytesIO(raw), path.open("rb")):
        assert read_snapshot(source).objects == 8


def test_missing_path_and_bad_source() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot("/nonexistent/export.json")
    assert info.value.code == "CannotOpen"
    with pytest.raises(ReaderError) as info:
        read_snapshot(12345)
    assert info.value.code == "BadSource"


def test_unknown_kind_and_format_arguments() -> None:
    with pytest.raises(ReaderError) as info:
        read_snapshot(b"[]", kind="tenant")
    assert info.value.code == "BadKind"
    with pytest.raises(ReaderError) as info:
        read_snapshot(b"[]", fmt="xml")
    assert info.value.code == "BadFormat"
