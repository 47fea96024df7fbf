"""Values that are already canonical, recognised cheaply so that they are kept as they are.

Canonical snapshots, and exports from scripts/Export-SyncMatchSnapshot.ps1, hold mostly such
values: plain text, lowercase hyphenated GUIDs, S-1-... SIDs, booleans. The general conversion
(type-name literals, PowerShell dates, byte arrays, surrogates, nesting) would return them
unchanged, so the readers keep a value its check accepts and convert only the others.
tests/readers/test_read_fastpath.py holds both paths to the same result.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .names import (
    CLOUD_BOOLEANS,
    CLOUD_MULTI_VALUED,
    CLOUD_SIDS,
    ONPREM_BINARY,
    ONPREM_BOOLEANS,
    ONPREM_GUIDS,
    ONPREM_MULTI_VALUED,
)
from .values import broken_text

Check = Callable[[object], bool]
DROPPED = object()  # the general path left the attribute out
CLASS_NAMES = frozenset({"user", "group", "contact", "computer", "inetOrgPerson"})
SCALARS = (int, float, bool)

_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SID = re.compile(r"S-1-[0-9]+(?:-[0-9]+)*")
# Text that may be a .NET type name (System..., Microsoft..., maybe indented) or a PowerShell /Date(...)/.
_CAREFUL = ("System.", "Microsoft.", "/Date(", " ", "\t")


def plain_text(value: object) -> bool:
    """True for text the general path keeps unchanged: not blank, no type name or /Date()/, valid UTF-8."""
    if type(value) is not str or value == "" or value.isspace() or value.startswith(_CAREFUL):
        return False
    return value.isascii() or not broken_text(value)


def text(value: object) -> bool:
    """Plain text, or a number or boolean (kept as they are)."""
    return plain_text(value) or type(value) in SCALARS


def text_list(value: object) -> bool:
    """A non-empty list of plain text."""
    return type(value) is list and bool(value) and all(plain_text(item) for item in value)


def class_name(value: object) -> bool:
    """A structural class name spelled canonically."""
    return type(value) is str and value in CLASS_NAMES


def guid(value: object) -> bool:
    """A GUID in canonical form."""
    return type(value) is str and _GUID.fullmatch(value) is not None


def sid(value: object) -> bool:
    """A SID as S-1-... text."""
    return type(value) is str and _SID.fullmatch(value) is not None


def boolean(value: object) -> bool:
    """A JSON boolean."""
    return type(value) is bool


def never(_value: object) -> bool:
    """Always the general path (binary values, SID lists)."""
    return False


def cloud_text(value: object) -> bool:
    """Text, a number, a boolean or null (the cloud reader keeps null)."""
    return value is None or plain_text(value) or type(value) in SCALARS


def cloud_list(value: object) -> bool:
    """A list, maybe empty, of plain text."""
    return type(value) is list and all(plain_text(item) for item in value)


def cloud_boolean(value: object) -> bool:
    """A JSON boolean or null."""
    return value is None or type(value) is bool


def cloud_sid(value: object) -> bool:
    """A SID as S-1-... text, or null."""
    return value is None or sid(value)


def onprem_check(name: str) -> Check:
    """The check for values of a canonical on-prem attribute."""
    if name == "objectClass":
        return class_name
    if name in ("objectSid", "msExchMasterAccountSid"):
        return sid
    if name in ONPREM_GUIDS:
        return guid
    if name in ONPREM_BOOLEANS:
        return boolean
    if name in ONPREM_BINARY or name == "sIDHistory":
        return never
    return text_list if name in ONPREM_MULTI_VALUED else text


def cloud_check(name: str) -> Check:
    """The check for values of a canonical cloud property."""
    if name in CLOUD_BOOLEANS:
        return cloud_boolean
    if name in CLOUD_SIDS:
        return cloud_sid
    return cloud_list if name in CLOUD_MULTI_VALUED else cloud_text
