"""Pieces compressed apart and spliced into one gzip member (adapters/spliced_gzip.py): nothing lost, one member,
a trailer every inflater checks."""

from __future__ import annotations

import os
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.adapters import spliced_gzip
from service.adapters.blobs import GZIP_WBITS


def one_member(data: bytes) -> bytes:
    """Inflate a gzip stream that must be a single member, its CRC-32 and length checked (zlib checks both)."""
    inflater = zlib.decompressobj(GZIP_WBITS)
    out = inflater.decompress(data)
    assert inflater.eof and inflater.unused_data == b""
    return out


def spliced(parts: list[bytes], level: int = 3) -> bytes:
    """The parts but the last as pieces, the last as the final piece, between a header and a trailer."""
    *pieces, last = parts
    whole = b"".join(parts)
    return (spliced_gzip.HEADER + b"".join(spliced_gzip.piece(part, level) for part in pieces)
            + spliced_gzip.last_piece(last) + spliced_gzip.trailer(zlib.crc32(whole), len(whole)))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.binary(max_size=3000), min_size=1, max_size=30), st.integers(min_value=0, max_value=9))
def test_any_parts_come_back_whole_as_one_member(parts: list[bytes], level: int) -> None:
    assert one_member(spliced(parts, level)) == b"".join(parts)


def test_pieces_that_repeat_each_other_refer_to_nothing_before_them() -> None:
    """Each piece is compressed alone: text repeated across pieces still inflates (no reference crosses a piece)."""
    text = os.urandom(20_000)
    parts = [text, text[:9000] + text, b"", text[5:], b"tail"]
    assert one_member(spliced(parts)) == b"".join(parts)
    assert spliced_gzip.inflated(spliced_gzip.piece(text, 6)) == text


def test_a_wrong_trailer_is_refused() -> None:
    data = bytearray(spliced([b"abc" * 100, b"]}"]))
    data[-5] ^= 1  # the CRC-32's last byte
    with pytest.raises(zlib.error):
        one_member(bytes(data))


def test_the_length_is_kept_modulo_two_to_the_32() -> None:
    assert spliced_gzip.trailer(0x1_2345_6789, 2**32 + 5) == bytes.fromhex("89674523") + (5).to_bytes(4, "little")
