"""JSON in and out of Redis: orjson where it can, the standard library for what orjson refuses; streaming."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import orjson

BATCH = 1000


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON; integers beyond 64 bits fall back to the standard library."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                          default=str).encode("utf-8")


def loads(data: bytes | bytearray | str) -> Any:
    """Parse JSON."""
    return orjson.loads(data)


def pieces(value: Any, depth: int = 3) -> Iterator[bytes]:
    """`value` as JSON in pieces: objects and arrays down to `depth` levels are streamed, lists by BATCH items."""
    if depth and isinstance(value, dict):
        yield b"{"
        for number, (key, item) in enumerate(value.items()):
            yield (b"," if number else b"") + dumps(str(key)) + b":"
            yield from pieces(item, depth - 1)
        yield b"}"
    elif depth and isinstance(value, list):
        yield b"["
        for start in range(0, len(value), BATCH):
            yield (b"," if start else b"") + dumps(value[start:start + BATCH])[1:-1]
        yield b"]"
    else:
        yield dumps(value)
