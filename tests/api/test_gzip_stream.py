"""The report download's gzip stream: compressed on a thread of its own, one gzip member, nothing lost."""

from __future__ import annotations

import gzip
import os
import threading
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from service.adapters.blobs import GZIP_WBITS, gzip_stream


def one_member(data: bytes) -> bytes:
    """Inflate a gzip stream that must be a single member (Windows PowerShell reads the first member only)."""
    inflater = zlib.decompressobj(GZIP_WBITS)
    out = inflater.decompress(data)
    assert inflater.eof and inflater.unused_data == b""
    return out


def test_many_pieces_make_one_member_in_order() -> None:
    pieces = [os.urandom(n % 7000) + bytes([n % 256]) * (n * 37 % 90_000) for n in range(300)] + [b""]
    assert one_member(b"".join(gzip_stream(iter(pieces), ahead=3))) == b"".join(pieces)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=5000), max_size=40), st.integers(min_value=1, max_value=10))
def test_any_pieces_come_back_whole(pieces: list[bytes], ahead: int) -> None:
    assert gzip.decompress(b"".join(gzip_stream(pieces, ahead=ahead))) == b"".join(pieces)


def test_a_stream_closed_early_stops_its_thread() -> None:
    made: list[int] = []

    def pieces():
        for n in range(10_000):
            made.append(n)
            yield os.urandom(20_000)

    stream = gzip_stream(pieces(), ahead=2)
    assert next(stream)
    stream.close()  # the client went away
    assert len(made) < 100, "no piece is read after the stream closes"
    assert not any(t.name.startswith("gzip-stream") for t in threading.enumerate())


def test_an_empty_report_is_an_empty_member() -> None:
    assert one_member(b"".join(gzip_stream([]))) == b""
