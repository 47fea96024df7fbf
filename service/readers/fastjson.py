"""Canonical JSON snapshots decoded in one native pass (msgspec), for the readers' fast path.

Only a document the general reader would read without a single remark qualifies: a UTF-8 (or gzip of
UTF-8) canonical snapshot, {kind, objects} or {kind, tenant, users, groups, contacts, deletedUsers},
its members spelled exactly so and each once, every record an object. Anything else (another
encoding, a duplicate or unknown member, a stray value, invalid JSON, a number msgspec refuses)
gives None, and the caller reads the file again the old way, which says what it says today.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

import msgspec

from .encoding import open_source, sniff_encoding, ungzip
from .errors import ReaderError

# The members of each canonical snapshot, and the record lists among them.
MEMBERS = {
    "onprem": frozenset({"kind", "objects"}),
    "cloud": frozenset({"kind", "tenant", "users", "groups", "contacts", "deletedUsers"}),
}
LISTS = frozenset({"objects", "users", "groups", "contacts", "deletedUsers"})

_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])
_RECORDS = msgspec.json.Decoder(list[dict[str, Any]])
_ANY = msgspec.json.Decoder()
_WS = rb"[ \t\n\r]*"
_OPEN = re.compile(_WS + rb"\{")
_KEY = re.compile(_WS + rb'"([^"\\]*)"' + _WS + rb":" + _WS)
_NEXT = re.compile(_WS + rb"([,}])")
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, RecursionError, UnicodeDecodeError)

Members = list[tuple[str, Any]]


def rereadable(source: object) -> int | None:
    """Where a source starts, when it can be read twice (-1 for bytes and paths); None when it cannot."""
    if isinstance(source, bytes | bytearray | memoryview | str | os.PathLike):
        return -1
    seekable = getattr(source, "seekable", None)
    if callable(seekable) and seekable():
        return int(source.tell())  # type: ignore[attr-defined]  # a seekable file object
    return None


def rewind(source: object, start: int) -> None:
    """Put a file object back where it started (bytes and paths need nothing)."""
    if start >= 0:
        source.seek(start)  # type: ignore[attr-defined]  # rereadable() saw a seekable file object


def read_bytes(source: object) -> bytes | None:
    """The whole content (gunzipped, after its byte-order mark) when it is UTF-8; None otherwise."""
    try:
        raw = open_source(source)
    except ReaderError:
        return None
    try:
        data, _zipped = ungzip(raw)
        encoding, bom = sniff_encoding(data)
        if encoding != "utf-8":
            return None
        blob = data.read()
    except (ReaderError, OSError, EOFError):
        return None
    finally:
        raw.close()
    return blob[bom:] if bom else blob


def decode(blob: bytes, kind: str) -> Members | None:
    """The members of a canonical snapshot in document order, record lists decoded; None when it is not one."""
    try:
        top = _TOP.decode(blob)
        order = member_order(blob, top)
        if order is None or not set(order) <= MEMBERS[kind] or (kind == "onprem" and "objects" not in top):
            return None
        return [(key, _RECORDS.decode(top[key]) if key in LISTS else _ANY.decode(top[key])) for key in order]
    except _DECODE_ERRORS:
        return None


def member_order(blob: bytes, top: dict[str, msgspec.Raw]) -> Sequence[str] | None:
    """The top-level member names as the document spells them, when each appears once; else None.

    The decoded mapping keeps one value per name; walking the text member by member (each value's length
    known from the mapping) shows their order and any name given twice.
    """
    found = _OPEN.match(blob)
    if found is None or not top:
        return None
    pos, order = found.end(), []
    view = memoryview(blob)
    while True:
        key = _KEY.match(blob, pos)
        if key is None:
            return None
        name = key.group(1).decode("utf-8")
        value = top.get(name)
        if value is None or name in order:
            return None
        size = len(value)
        if view[key.end() : key.end() + 1] != memoryview(value)[:1]:
            return None
        order.append(name)
        after = _NEXT.match(blob, key.end() + size)
        if after is None:
            return None
        pos = after.end()
        if after.group(1) == b"}":
            return order if len(order) == len(top) else None


def has_question_mark(blob: bytes) -> bool:
    """True when some text of the file may hold a '?' (written as is or as an escape)."""
    # Every escape of '?' begins with \u003, itself rare: one scan for it before the two longer ones.
    return b"?" in blob or (b"\\u003" in blob and (b"\\u003f" in blob or b"\\u003F" in blob))


def decode_source(source: object, kind: str) -> tuple[Members, bool] | None:
    """(members, whether a '?' occurs) of a canonical snapshot source, the bytes let go; None when not one."""
    blob = read_bytes(source)
    if blob is None:
        return None
    members = decode(blob, kind)
    if members is None:
        return None
    question = has_question_mark(blob)
    del blob
    return members, question


