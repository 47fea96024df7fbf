"""Small value helpers: case-insensitive attributes, lists, booleans, dates, bytes and SIDs.

parse_sid and the byte readers are the one parser of their values: the readers call them (and reject what they
refuse), the engine reads with them the values a caller gives it directly.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
from datetime import UTC, datetime
from typing import Any

from ..exceptions import SyncMatchError

_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_SID_TEXT = re.compile(r"^S-1-\d+(?:-\d+)*$", re.IGNORECASE)


class BadValue(SyncMatchError, ValueError):
    """A value that cannot be converted to its canonical form (the message continues the attribute's name)."""


def lower_keys(record: dict[str, Any]) -> dict[str, Any]:
    """Return the record with attribute names folded to lower case (AD names are case-insensitive)."""
    return {str(k).lower(): v for k, v in record.items()}


def as_list(value: object) -> list[Any]:
    """Return a multi-valued attribute as a list, dropping empty values."""
    if type(value) is list:  # the usual form, checked first
        if "" not in value and None not in value:
            return value
        return [v for v in value if v is not None and v != ""]
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v is not None and v != ""]
    return [value]


def as_text(value: object) -> str | None:
    """Return a single-valued text attribute, or None when empty."""
    if type(value) is str:
        return value if value and not value.isspace() else None
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if len(value) == 1 else None
        if value is None:
            return None
    text = str(value) if not isinstance(value, str) else value
    return text if text.strip() else None


def as_bool(value: object) -> bool | None:
    """Read a boolean written as a JSON bool or as text (TRUE, False, 1, 0)."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    return None


def as_int(value: object) -> int | None:
    """An integer attribute written as a number or as text (decimal, 0x hexadecimal, or "1000.0"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = as_text(value)
    if text is None:
        return None
    text = text.strip()
    try:
        return int(text, 16) if text[:2].lower() == "0x" else int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def parse_datetime(value: object) -> datetime | None:
    """Parse an ISO-8601 timestamp (Graph's form); naive times are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        if text.endswith("Z") or text.endswith("z"):
            text = text[:-1] + "+00:00"
        moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def ci_get(mapping: dict[Any, Any], key: str) -> object:
    """mapping[key] ignoring case (names that are not text never match); None when absent."""
    lowered = key.lower()
    for name, value in mapping.items():
        if isinstance(name, str) and name.lower() == lowered:
            return value
    return None


def byte_array(values: list[Any]) -> bytes:
    """Bytes from a PowerShell byte[] serialised as a list of integers."""
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255 for v in values):
        raise BadValue("is a list that is not a byte array (integers 0-255)")
    return bytes(values)


def base64_bytes(text: str) -> bytes:
    """Bytes from base64 text (blanks and line breaks inside are ignored; the padding must be right)."""
    compact = "".join(text.split())
    if not _BASE64.match(compact):
        raise BadValue("is not base64")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadValue("is not valid base64") from exc


def sid_from_bytes(raw: bytes) -> str:
    """Decode a binary SID (revision 1, count, 48-bit authority, little-endian sub-authorities)."""
    if len(raw) < 8 or raw[0] != 1 or len(raw) != 8 + 4 * raw[1]:
        raise BadValue("is not a binary SID")
    authority = int.from_bytes(raw[2:8], "big")
    subs = struct.unpack(f"<{raw[1]}I", raw[8:])
    return "S-" + "-".join(str(p) for p in (raw[0], authority, *subs))


def parse_sid(value: object) -> str:
    """S-1-... text (upper case) from text, {"Value": ...}, a byte list, bytes or base64; BadValue otherwise."""
    if isinstance(value, dict):
        inner = ci_get(value, "Value")
        if inner is None:
            raise BadValue("is an object without a Value")
        return parse_sid(inner)
    if isinstance(value, list):
        return sid_from_bytes(byte_array(value))
    if isinstance(value, bytes | bytearray):
        return sid_from_bytes(bytes(value))
    if not isinstance(value, str):
        raise BadValue(f"is a {type(value).__name__}, expected a SID")
    text = value.strip()
    if _SID_TEXT.match(text):
        return text.upper()
    try:
        return sid_from_bytes(base64_bytes(text))
    except BadValue:
        raise BadValue(f"{text[:60]!r} is not a SID") from None


def sid_text(value: object) -> str | None:
    """The SID of an attribute the engine reads, as parse_sid reads it; None when empty.

    A value parse_sid refuses is kept as its text (upper case when it starts with S-): it then equals no SID.
    """
    if type(value) is str:  # text is the usual form: S-... text is taken as it is, without the pattern
        upper = value.strip().upper()
        if upper[:2] == "S-":
            return upper
        if not value:
            return None
    elif value is None or value == "" or value == []:
        return None
    try:
        return parse_sid(value)
    except BadValue:
        pass
    if isinstance(value, dict):
        return sid_text(ci_get(value, "Value"))
    text = str(value).strip()
    return text.upper() if text[:2].upper() == "S-" else text
