"""Documents as MessagePack (msgspec): encoded in pieces, decoded in one native pass, the same values as JSON.

A stored document must load exactly as its JSON text would: what JSON cannot hold the same way (integers beyond
64 bits, NaN and infinities, which JSON writes as null) raises NotPacked, and the caller stores JSON instead.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import msgspec

from service.exceptions import SyncMatchError

BATCH = 1000
# A MessagePack float64 that is NaN or infinite: 0xcb, then the exponent bits all set. A match inside a string
# only costs falling back to JSON.
_NON_FINITE = (b"\xcb\x7f\xf0", b"\xcb\x7f\xf8", b"\xcb\xff\xf0", b"\xcb\xff\xf8")

_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder()


class NotPacked(SyncMatchError, ValueError):
    """The document holds a value that MessagePack would not give back as its JSON text does."""


def _header(size: int, small: int, short: bytes, long: bytes) -> bytes:
    """A map or array header for `size` entries."""
    if size < 16:
        return bytes((small | size,))
    if size < 2**16:
        return short + struct.pack(">H", size)
    return long + struct.pack(">I", size)


def _checked(encoded: bytes) -> bytes:
    """`encoded`, unless it may hold a float JSON would not keep."""
    if b"\xcb" in encoded and any(pattern in encoded for pattern in _NON_FINITE):
        raise NotPacked("a number that is not finite")
    return encoded


def _encode(value: Any) -> bytes:
    try:
        return _checked(_encoder.encode(value))
    except OverflowError as exc:
        raise NotPacked(str(exc)) from exc


def pieces(value: Any, depth: int = 3) -> Iterator[bytes]:
    """`value` as MessagePack in pieces: maps and arrays down to `depth` levels are streamed, arrays by BATCH."""
    if depth and isinstance(value, dict):
        yield _header(len(value), 0x80, b"\xde", b"\xdf")
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotPacked("a key that is not text")
            yield _encode(key)
            yield from pieces(item, depth - 1)
    elif depth and isinstance(value, list):
        yield _header(len(value), 0x90, b"\xdc", b"\xdd")
        for start in range(0, len(value), BATCH):
            batch = value[start:start + BATCH]
            yield _encode(batch)[len(_header(len(batch), 0x90, b"\xdc", b"\xdd")):]
    else:
        yield _encode(value)


def loads(data: bytes | bytearray) -> Any:
    """The document MessagePack `data` holds."""
    return _decoder.decode(data)
