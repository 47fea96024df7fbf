"""sourceAnchor values: objectGUID forms <-> ImmutableId (base64 of .NET Guid.ToByteArray())."""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from typing import Any

from .values import BadValue, base64_bytes, byte_array, ci_get

GUID_TEXT = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
GUID_DIGITS = re.compile(r"^[0-9a-fA-F]{32}$")
# 16 integers written as text, as some exports write a byte[].
BYTE_LIST_TEXT = re.compile(r"^\d{1,3}(?:[\s,;]+\d{1,3}){15}$")
# The raw bytes as hex pairs, as LDAP tools show an octet string: `syncmatch anchor` reads them, no export holds them.
HEX_BYTES = re.compile(r"^(?:0x)?((?:[0-9a-fA-F]{2}[\s:\-\\]?){15}[0-9a-fA-F]{2})$")
BASE64_GUID = re.compile(r"^[A-Za-z0-9+/]{22}==$")
# GUID text as exports usually write it: read without building a uuid.UUID.
PLAIN_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class AnchorError(BadValue):
    """A value that cannot be read as a GUID or an ImmutableId."""


def guid_from_value(value: object) -> uuid.UUID:
    """Read a GUID from the forms exports write: text (braces, hyphens optional), base64 of its 16 bytes, 16
    integers (a list, or as text), bytes or {"Guid": ...}; AnchorError (a BadValue) otherwise."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, dict):
        inner = ci_get(value, "Guid")
        if inner is None:
            raise AnchorError("is an object without a Guid")
        return guid_from_value(inner)
    if isinstance(value, list):
        return _from_raw(_byte_array(value))
    if isinstance(value, bytes | bytearray):
        return _from_raw(bytes(value))
    if not isinstance(value, str):
        raise AnchorError(f"is a {type(value).__name__}, expected a GUID")
    return _from_text(value.strip())


def _from_text(text: str) -> uuid.UUID:
    """Parse GUID text (braces or hyphens optional), 16 integers as text, or base64 of the raw bytes."""
    match = GUID_TEXT.match(text)
    if match:
        return uuid.UUID(match.group(1))
    if GUID_DIGITS.match(text):  # Guid.ToString("N"): the GUID text without hyphens
        return uuid.UUID(hex=text)
    if BYTE_LIST_TEXT.match(text):
        return _from_raw(_byte_array([int(n) for n in re.split(r"[\s,;]+", text)]))
    try:
        return _from_raw(base64_bytes(text))
    except BadValue:
        raise AnchorError(f"{text[:60]!r} is not a GUID") from None


def _byte_array(values: list[Any]) -> bytes:
    """byte_array, failing with an AnchorError."""
    try:
        return byte_array(values)
    except BadValue as exc:
        raise AnchorError(str(exc)) from None


def _from_raw(raw: bytes) -> uuid.UUID:
    """Read 16 bytes in .NET Guid.ToByteArray() order (first three fields little-endian)."""
    if len(raw) != 16:
        raise AnchorError(f"holds {len(raw)} bytes, a GUID has 16")
    return uuid.UUID(bytes_le=raw)


def immutable_id(guid: uuid.UUID) -> str:
    """Return the ImmutableId of a GUID: base64 of its bytes in Guid.ToByteArray() order."""
    return base64.b64encode(guid.bytes_le).decode("ascii")


def guid_text(value: object) -> str:
    """Return the canonical text (lower case, hyphenated) of a GUID in any form guid_from_value reads."""
    if type(value) is str:
        text = value.strip()
        if PLAIN_GUID.fullmatch(text):
            return text if text.islower() else text.lower()  # mostly lower case already: no copy
        if BASE64_GUID.match(text):  # ldifde's objectGUID, an ImmutableId: the bytes, read without a uuid.UUID
            return text_of_bytes_le(binascii.a2b_base64(text))
    return str(guid_from_value(value))


def text_of_bytes_le(raw: bytes) -> str:
    """The text of a GUID's 16 bytes in Guid.ToByteArray() order, as str(uuid.UUID(bytes_le=raw)) writes it."""
    digits = _swapped(raw).hex()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def immutable_id_of_text(text: str) -> str:
    """Return the ImmutableId of hyphenated GUID text, as immutable_id(uuid.UUID(text)) would."""
    raw = bytes.fromhex(text.replace("-", ""))  # in text order
    return binascii.b2a_base64(_swapped(raw), newline=False).decode("ascii")


def _swapped(raw: bytes) -> bytes:
    """16 GUID bytes between text order and Guid.ToByteArray() order (the first three fields reversed; both ways)."""
    return raw[3::-1] + raw[5:3:-1] + raw[7:5:-1] + raw[8:]


def immutable_id_of_value(value: object) -> str:
    """Return the ImmutableId of a GUID in any form guid_from_value reads (AnchorError when it reads none)."""
    if type(value) is str:
        text = value.strip()
        if PLAIN_GUID.fullmatch(text):
            return immutable_id_of_text(text)
        if BASE64_GUID.match(text):  # the raw bytes already: re-encoded, as the uuid.UUID round trip does
            return _base64(binascii.a2b_base64(text))
    return immutable_id(guid_from_value(value))


def _base64(raw: bytes) -> str:
    """Base64 text of bytes."""
    return binascii.b2a_base64(raw, newline=False).decode("ascii")


def guid_from_immutable_id(value: str) -> uuid.UUID:
    """Decode an ImmutableId back to the GUID it was made from."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise AnchorError(f"{value!r} is not base64") from exc
    return _from_raw(raw)


def byte_list(guid: uuid.UUID) -> list[int]:
    """Return the GUID as PowerShell's byte[] (Guid.ToByteArray())."""
    return list(guid.bytes_le)


def hex_bytes(guid: uuid.UUID) -> str:
    """Return the raw bytes as spaced hex pairs, as LDAP tools show an octet string."""
    return guid.bytes_le.hex(" ").upper()


def connector_space_dn(anchor: str) -> str:
    """Return ADSyncTools' connector-space form: CN={hex of the ImmutableId's base64 text}."""
    return "CN={" + anchor.encode("utf-8").hex().upper() + "}"


def conversions(value: str) -> dict[str, Any]:
    """Every form of one GUID or ImmutableId, for `syncmatch anchor`."""
    guid = _guid_from_any_text(value.strip())
    anchor = immutable_id(guid)
    return {
        "objectGUID": str(guid),
        "immutableId": anchor,
        "hex": hex_bytes(guid),
        "bytes": byte_list(guid),
        "connectorSpaceDn": connector_space_dn(anchor),
    }


def _guid_from_any_text(text: str) -> uuid.UUID:
    """Accept every GUID form, plus the CN={hex} connector-space form and a bare list of bytes."""
    cs = re.match(r"^(?:CN=)?\{([0-9A-Fa-f]+)\}$", text)
    if cs and len(cs.group(1)) != 32:
        try:
            return guid_from_immutable_id(bytes.fromhex(cs.group(1)).decode("ascii"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise AnchorError(f"{text!r} is not a connector-space anchor") from exc
    numbers = re.findall(r"\d+", text)
    if re.fullmatch(r"[\s,\[\]\(\)\d]+", text) and len(numbers) == 16:
        return guid_from_value([int(n) for n in numbers])
    try:
        return guid_from_value(text)
    except AnchorError:
        pairs = HEX_BYTES.match(text)
        if pairs:  # the raw bytes as LDAP tools show them (the "hex" form conversions() prints)
            return _from_raw(bytes.fromhex(re.sub(r"[^0-9a-fA-F]", "", pairs.group(1))))
    raise AnchorError(
        f"{text[:60]!r} is not a GUID: expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hyphens optional), "
        "base64 of 16 bytes, 16 hex byte pairs or 16 integers"
    )
