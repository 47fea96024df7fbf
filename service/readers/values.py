"""Value conversions: GUIDs, SIDs, bytes, booleans, PowerShell dates and type-name literals.

GUIDs, SIDs and booleans are parsed by the engine's pure parsers (engine/anchor.py, engine/values.py); this
module adds the forms only exports write (decimal byte lists as text, loose base64) and the readers' error type.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from service.engine.anchor import GUID_DIGITS, GUID_TEXT, guid_text
from service.engine.values import as_bool
from service.engine.values import sid_from_bytes as engine_sid
from service.engine.values import sid_text as engine_sid_text

_BYTE_LIST = re.compile(r"^\d{1,3}(?:[\s,;]+\d{1,3}){15}$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_PS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_SID_TEXT = re.compile(r"^S-1-\d+(?:-\d+)*$", re.IGNORECASE)

# ToString() of a .NET object that was not serialized: the export lost the values.
_TYPE_NAME = re.compile(
    r"^(?:System|Microsoft)\.[A-Za-z0-9_.]+(?:`\d+)?(?:\[[A-Za-z0-9_.,\s`\[\]]*\])?$"
)
_TYPE_START = frozenset("SM \t")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Attribute values nest a few levels at most (SID objects, X509 objects); deeper is not an export.
MAX_DEPTH = 8


class BadValue(ValueError):
    """A value that cannot be converted to its canonical form."""


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
    text = value if isinstance(value, str) else next(v for v in value if is_type_name(v))  # type: ignore[attr-defined]
    return text.strip()


def guid_from_bytes(raw: bytes) -> str:
    """GUID string from 16 bytes in .NET Guid.ToByteArray() order."""
    if len(raw) != 16:
        raise BadValue(f"holds {len(raw)} bytes, a GUID has 16")
    return guid_text(bytes(raw))


def bytes_from_ints(values: list[Any]) -> bytes:
    """Bytes from a PowerShell byte[] serialized as a list of integers."""
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 255 for v in values):
        raise BadValue("is a list that is not a byte array (integers 0-255)")
    return bytes(values)


def bytes_from_base64(text: str) -> bytes:
    """Bytes from base64 text, strictly."""
    compact = "".join(text.split())
    if not _BASE64.match(compact):
        raise BadValue("is not base64")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadValue("is not valid base64") from exc


def to_guid(value: object) -> str:
    """Canonical GUID (lowercase, hyphenated) from a string, {Guid: ...}, byte list, base64 or hex."""
    if isinstance(value, dict):
        inner = _ci_get(value, "Guid")
        if inner is None:
            raise BadValue("is an object without a Guid")
        return to_guid(inner)
    if isinstance(value, list):
        return guid_from_bytes(bytes_from_ints(value))
    if isinstance(value, bytes | bytearray):
        return guid_from_bytes(bytes(value))
    if not isinstance(value, str):
        raise BadValue(f"is a {type(value).__name__}, expected a GUID")
    text = value.strip()
    if GUID_TEXT.match(text) or GUID_DIGITS.match(text):  # GUID text, braces and hyphens optional
        return guid_text(text)
    if _BYTE_LIST.match(text):
        return guid_from_bytes(bytes_from_ints([int(n) for n in re.split(r"[\s,;]+", text)]))
    try:
        return guid_from_bytes(bytes_from_base64(text))
    except BadValue:
        raise BadValue(f"{text[:60]!r} is not a GUID") from None


def sid_from_bytes(raw: bytes) -> str:
    """`S-1-...` string from a binary SID."""
    if len(raw) < 8 or raw[0] != 1 or len(raw) != 8 + 4 * raw[1]:
        raise BadValue("is not a binary SID")
    return engine_sid(bytes(raw))


def to_sid(value: object) -> str:
    """`S-1-...` string from a string, {Value: ...}, byte list or base64."""
    if isinstance(value, dict):
        inner = _ci_get(value, "Value")
        if inner is None:
            raise BadValue("is an object without a Value")
        return to_sid(inner)
    if isinstance(value, list):
        return sid_from_bytes(bytes_from_ints(value))
    if isinstance(value, bytes | bytearray):
        return sid_from_bytes(bytes(value))
    if not isinstance(value, str):
        raise BadValue(f"is a {type(value).__name__}, expected a SID")
    text = value.strip()
    if _SID_TEXT.match(text):
        return engine_sid_text(text) or text
    try:
        return sid_from_bytes(bytes_from_base64(text))
    except BadValue:
        raise BadValue(f"{text[:60]!r} is not a SID") from None


def to_base64(value: object) -> str:
    """Base64 text for a binary value (byte list, X509 object with RawData, or base64 already)."""
    if isinstance(value, dict):
        raw = _ci_get(value, "RawData")
        if raw is None:
            raise BadValue("is an object without RawData")
        return to_base64(raw)
    if isinstance(value, list):
        return base64.b64encode(bytes_from_ints(value)).decode("ascii")
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, str):
        return value.strip()
    raise BadValue(f"is a {type(value).__name__}, expected binary data")


def to_bool(value: object) -> bool | None:
    """True/False from JSON booleans and 'True'/'FALSE'/'1'/'0' text; None stays None."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        found = as_bool(value)  # the engine's spellings
        if found is not None:
            return found
    raise BadValue(f"{str(value)[:40]!r} is not a boolean")


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


def _ci_get(mapping: dict[str, Any], key: str) -> object:
    """mapping[key] ignoring case."""
    lowered = key.lower()
    for name, value in mapping.items():
        if isinstance(name, str) and name.lower() == lowered:
            return value
    return None


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
