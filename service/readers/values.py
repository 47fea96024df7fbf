"""Value conversions: GUIDs, SIDs, bytes, booleans, PowerShell dates and type-name literals.

GUIDs, SIDs, byte arrays, base64 and booleans are read by the engine's parsers (engine/anchor.py,
engine/values.py), the one parser of each: this module calls them and adds the readers' other values.
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta

from service.engine.anchor import guid_text
from service.engine.values import BadValue as BadValue
from service.engine.values import as_bool, byte_array, ci_get, parse_sid
from service.engine.values import sid_from_bytes as sid_from_bytes

_PS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")

# ToString() of a .NET object that was not serialized: the export lost the values.
_TYPE_NAME = re.compile(
    r"^(?:System|Microsoft)\.[A-Za-z0-9_.]+(?:`\d+)?(?:\[[A-Za-z0-9_.,\s`\[\]]*\])?$"
)
_TYPE_START = frozenset("SM \t")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Attribute values nest a few levels at most (SID objects, X509 objects); deeper is not an export.
MAX_DEPTH = 8


def is_type_name(value: object) -> bool:
    """True for strings like `System.Object[]` or `Microsoft...ADPropertyValueCollection`."""
    if not isinstance(value, str) or value[:1] not in _TYPE_START or len(value) > 200:
        return False
    text = value.strip()
    return text.startswith(("System.", "Microsoft.")) and bool(_TYPE_NAME.match(text))


def has_type_name(value: object) -> bool:
    """True when a value, or one of its items, is a .NET type name instead of data."""
    if isinstance(value, list):
        return any(is_type_name(item) for item in value)
    return is_type_name(value)


def type_name_in(value: object) -> str:
    """The .NET type name found in a value (has_type_name must be true)."""
    if isinstance(value, str):
        return value.strip()
    items = value if isinstance(value, list) else [value]
    return str(next(v for v in items if is_type_name(v))).strip()


def to_guid(value: object) -> str:
    """Canonical GUID (lowercase, hyphenated) from a string, {Guid: ...}, byte list, bytes, base64 or 16 numbers."""
    return guid_text(value)  # AnchorError is a BadValue


def to_sid(value: object) -> str:
    """`S-1-...` string from a string, {Value: ...}, byte list, bytes or base64."""
    return parse_sid(value)


def to_base64(value: object) -> str:
    """Base64 text for a binary value (byte list, X509 object with RawData, or base64 already)."""
    if isinstance(value, dict):
        raw = ci_get(value, "RawData")
        if raw is None:
            raise BadValue("is an object without RawData")
        return to_base64(raw)
    if isinstance(value, list):
        return base64.b64encode(byte_array(value)).decode("ascii")
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, str):
        return value.strip()
    raise BadValue(f"is a {type(value).__name__}, expected binary data")


def to_bool(value: object) -> bool | None:
    """The engine's boolean (JSON booleans, true/false/1/0/yes/no in any case); None stays None.

    A value the engine cannot read, such as the number 2, is refused here rather than taken as true.
    """
    found = as_bool(value)
    if found is None and value is not None:
        raise BadValue(f"{str(value)[:40]!r} is not a boolean")
    return found


def ps_date(value: str) -> str | None:
    """ISO 8601 UTC for a Windows PowerShell `/Date(ms)/` string, None for other strings."""
    match = _PS_DATE.match(value) if value.startswith("/Date(") else None
    if not match:
        return None
    try:
        moment = _EPOCH + timedelta(milliseconds=int(match.group(1)))
    except OverflowError:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def describe(value: object) -> str:
    """'a list', 'a number', 'text' ... for messages."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else f"a {type(value).__name__}"


def too_deep(value: object, limit: int) -> bool:
    """True when lists/objects nest deeper than `limit`."""
    if limit < 0:
        return True
    if isinstance(value, dict):
        return any(too_deep(v, limit - 1) for v in value.values())
    if isinstance(value, list):
        return any(too_deep(v, limit - 1) for v in value)
    return False


def broken_text(value: object) -> bool:
    """True when a text value (or one in a list) holds an unpaired surrogate, which no UTF-8 output can carry."""
    if isinstance(value, str):
        if value.isascii():
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    return isinstance(value, list) and any(broken_text(v) for v in value)
