"""Records out of LDIF (ldifde): folded lines, base64 values, repeated attributes, comments."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator
from typing import Any

from .dn import DN_KEY, one_dn
from .errors import RecordRejected
from .names import ONPREM_BINARY, ONPREM_GUIDS, ONPREM_SIDS, onprem_name

IGNORED = frozenset({"changetype", "control", "version"})
# Attributes of a full export (ldifde or csvde without -l) that are directory bookkeeping: replication
# metadata, security descriptors, logon hours. They say nothing about matching and are left out.
OPERATIONAL = frozenset(
    {"dscorepropagationdata", "replpropertymetadata", "repluptodatevector", "repsfrom", "repsto",
     "instancetype", "ntsecuritydescriptor", "logonhours", "systemflags", "wellknownobjects",
     "otherwellknownobjects", "msds-nctype", "msds-revealedusers", "msds-supportedencryptiontypes"}
)
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\r\n")


def logical_lines(text: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, unfolded line); continuation lines start with one space."""
    pending, start = None, 0
    for number, raw in enumerate(text, 1):
        line = raw.rstrip("\r\n")
        if line.startswith(" ") and pending is not None:
            pending += line[1:]
            continue
        if pending is not None:
            yield start, pending
        pending, start = line, number
    if pending is not None:
        yield start, pending


def _decode(name: str, value: str, encoded: bool) -> object:
    """An attribute value: bytes for binary attributes, text otherwise."""
    if not encoded:
        return value.strip()
    try:
        raw = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        raise RecordRejected(f"{name} is not valid base64", field=name, code="BadValue") from None
    if name in ONPREM_GUIDS or name in ONPREM_SIDS or name in ONPREM_BINARY:
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return base64.b64encode(raw).decode("ascii")
    # Binary values that happen to be valid UTF-8 (runs of NUL bytes) stay base64, as for other bytes.
    return base64.b64encode(raw).decode("ascii") if _CONTROL.intersection(text) else text


def _attribute(line: str) -> tuple[str, object]:
    """(attribute name, value) of one `name: value`, `name:: base64` or `name:< url` line."""
    name, sep, rest = line.partition(":")
    if not sep or not name.strip():
        raise RecordRejected("the entry has a line that is not 'attribute: value'", code="InvalidLdif")
    name = name.strip()
    canonical = onprem_name(name)[0]
    if rest.startswith(":"):
        return name, _decode(canonical, rest[1:], True)
    if rest.startswith("<"):
        raise RecordRejected(f"{name} refers to a file ({rest[1:].strip()}), which is not read",
                             field=name, code="InvalidLdif", hint="export values inline (ldifde does)")
    return name, _decode(canonical, rest, False)


def _entry(record: dict[str, Any]) -> object:
    """The finished entry: its dn folded into distinguishedName (or the rejection when they differ)."""
    try:
        return one_dn(record)
    except RecordRejected as exc:
        return exc


def ldif_records(text: Iterable[str]) -> Iterator[tuple[int, object]]:
    """(line, attribute dict) per entry; repeated attributes become lists."""
    record: dict[str, Any] = {}
    start, problem = 0, None
    for number, line in logical_lines(text):
        if not line.strip():
            if record or problem:
                yield start, problem or _entry(record)
            record, problem = {}, None
            continue
        if line.startswith("#") or line.strip() == "-":
            continue
        if not record and problem is None:
            start = number
        if problem is not None:
            continue
        try:
            name, value = _attribute(line)
        except RecordRejected as exc:
            problem = exc
            continue
        key = DN_KEY if name.lower() == "dn" else name
        if key.lower() in IGNORED or key.lower() in OPERATIONAL:
            continue
        record.setdefault(key, []).append(value)
    if record or problem:
        yield start, problem or _entry(record)
