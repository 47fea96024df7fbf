"""Small value helpers: case-insensitive attributes, lists, booleans, dates and SIDs."""

from __future__ import annotations

import base64
import struct
from datetime import UTC, datetime
from typing import Any


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


def sid_text(value: object) -> str | None:
    """Return a SID as S-1-... text from text, {"Value": ...}, base64 or a byte list."""
    if type(value) is not str:  # text is the usual form: it skips these checks
        if value is None or value == "" or value == []:
            return None
        if isinstance(value, dict):
            inner = next((v for k, v in value.items() if k.lower() == "value"), None)
            return sid_text(inner)
        if isinstance(value, list) and value and all(isinstance(v, int) for v in value):
            return _sid_from_bytes(bytes(value))
    elif not value:
        return None
    text = str(value).strip()
    upper = text.upper()
    if upper[:2] == "S-":
        return upper
    try:
        return _sid_from_bytes(base64.b64decode(text, validate=True))
    except ValueError:
        return text


def sid_from_bytes(raw: bytes) -> str:
    """Decode a binary SID (revision, count, 48-bit authority, little-endian sub-authorities)."""
    if len(raw) < 8 or len(raw) != 8 + 4 * raw[1]:
        raise ValueError("not a binary SID")
    authority = int.from_bytes(raw[2:8], "big")
    subs = struct.unpack(f"<{raw[1]}I", raw[8:])
    return "S-" + "-".join(str(p) for p in (raw[0], authority, *subs))


_sid_from_bytes = sid_from_bytes
