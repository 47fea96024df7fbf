"""One raw on-prem record (any format, any attribute casing) -> one canonical object."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from service.engine.model import most_specific_class as engine_class

from .errors import RecordRejected
from .fastpath import DROPPED, onprem_check
from .names import (
    ONPREM_BINARY,
    ONPREM_BOOLEANS,
    ONPREM_GUIDS,
    ONPREM_MATCHING,
    ONPREM_MULTI_VALUED,
    ONPREM_SIDS,
    PS_BOOKKEEPING,
    onprem_name,
)
from .values import (
    MAX_DEPTH,
    BadValue,
    broken_text,
    describe,
    has_type_name,
    ps_date,
    to_base64,
    to_bool,
    to_guid,
    to_sid,
    too_deep,
    type_name_in,
)

Warn = Callable[[str, str], None]

# What a dropped attribute costs the prediction.
LOST_CHECKS = {
    "userCertificate": " (LargeObject, more than 15 certificates, cannot be predicted)",
    "userSMIMECertificate": " (LargeObject, more than 15 certificates, cannot be predicted)",
}

UNEXPANDED_HINT = (
    "export again with multi-valued attributes joined, e.g. "
    "Select-Object *,@{n='proxyAddresses';e={$_.proxyAddresses -join ';'}} before Export-Csv, "
    "or ConvertTo-Json -Depth 5 for JSON"
)
BYTES_HINT = (
    "export byte values as text, e.g. "
    "@{n='mS-DS-ConsistencyGuid';e={if($_.'mS-DS-ConsistencyGuid'){[guid][byte[]]$_.'mS-DS-ConsistencyGuid'}}}, "
    "or use scripts/Export-SyncMatchSnapshot.ps1"
)


def _is_empty(value: object) -> bool:
    """None, blank text and empty lists count as absent."""
    if isinstance(value, str):
        return not value or value.isspace()
    return value is None or value == []


def _fix_for(type_name: str) -> str:
    """How to export an attribute whose values came out as a type name."""
    return BYTES_HINT if type_name == "System.Byte[]" else UNEXPANDED_HINT


def literal_problem(name: str, value: object) -> RecordRejected:
    """The rejection for a type-name literal where values should be."""
    text = type_name_in(value)
    return RecordRejected(
        f"{name} holds the text '{text}' instead of its values: the export wrote the type name of a "
        "collection or byte array, so the values are lost",
        field=name,
        code="UnexpandedValue",
        hint=_fix_for(text),
    )


def most_specific_class(value: object) -> str:
    """The object's class from a string or an objectClass chain (the engine's rule), or BadValue without one."""
    found = engine_class(value)
    if found is None:
        raise BadValue("has no class name")
    return found


def _as_list(value: object) -> list[Any]:
    """Multi-valued attribute as a list, without empty items."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if not _is_empty(item)]


def _single(name: str, value: object) -> object:
    """A single-valued attribute given as a one-item list is unwrapped."""
    if isinstance(value, list):
        items = _as_list(value)
        if len(items) == 1:
            return items[0]
        if name in ONPREM_MATCHING:
            raise BadValue(f"has {len(items)} values, expected one")
    return value


def _text(value: object) -> object:
    """Windows PowerShell dates become ISO 8601; other values stay."""
    return (ps_date(value) or value) if isinstance(value, str) else value


def _each(convert: Callable[[object], object]) -> Callable[[str, object], object]:
    """Converter for a multi-valued attribute: a list, each item converted."""
    return lambda _name, value: [convert(item) for item in _as_list(value)]


def _bytes_or_single(convert: Callable[[object], object]) -> Callable[[str, object], object]:
    """Converter for a GUID/SID attribute: a byte list as a whole, else the single value."""
    return lambda name, value: convert(value if _is_byte_list(value) else _single(name, value))


@lru_cache(maxsize=4096)
def _converter(name: str) -> Callable[[str, object], object]:
    """How to convert values of one canonical attribute."""
    if name == "objectClass":
        return lambda _name, value: most_specific_class(value)
    if name in ONPREM_MULTI_VALUED:
        if name in ONPREM_SIDS:
            return _each(to_sid)
        return _each(to_base64 if name in ONPREM_BINARY else _text)
    if name in ONPREM_GUIDS:
        return _bytes_or_single(to_guid)
    if name in ONPREM_SIDS:
        return _bytes_or_single(to_sid)
    if name in ONPREM_BINARY:
        return lambda _name, value: to_base64(value)
    if name in ONPREM_BOOLEANS:
        return lambda name, value: to_bool(_single(name, value))
    return lambda name, value: _text(_single(name, value))


def convert_value(name: str, value: object) -> object:
    """The canonical value of one on-prem attribute."""
    return _converter(name)(name, value)


def _is_byte_list(value: object) -> bool:
    """A list of ints: a serialized byte[]."""
    return isinstance(value, list) and len(value) > 1 and all(isinstance(v, int) for v in value)


@lru_cache(maxsize=4096)
def _resolve(raw_name: str) -> tuple[str | None, bool]:
    """(canonical name, was alias) for a raw attribute name; None for PowerShell bookkeeping."""
    if raw_name.lower() in PS_BOOKKEEPING or raw_name.startswith("@odata."):
        return None, False
    name, alias = onprem_name(raw_name)
    return name or None, alias


def _better(new: tuple[bool, object], old: tuple[bool, object]) -> bool:
    """For an attribute seen twice (mail, EmailAddress): values beat type names, LDAP names beat aliases."""
    new_broken, old_broken = has_type_name(new[1]), has_type_name(old[1])
    if new_broken != old_broken:
        return old_broken
    return old[0] and not new[0]


def _chosen(raw: dict[str, Any]) -> dict[str, object]:
    """Canonical name -> the raw value to use, empty values left out."""
    chosen: dict[str, tuple[bool, object]] = {}
    for raw_name, value in raw.items():
        if not isinstance(raw_name, str):
            raise RecordRejected(f"the record has an attribute name that is not text: {raw_name!r}")
        name, alias = _resolve(raw_name)
        if name is None or _is_empty(value):
            continue
        previous = chosen.get(name)
        if previous is None or _better((alias, value), previous):
            chosen[name] = (alias, value)
    return {name: value for name, (_alias, value) in chosen.items()}


def _drop_broken(name: str, value: object, warn: Warn) -> None:
    """Reject the record (attribute used for matching) or drop the attribute with a warning."""
    if name in ONPREM_MATCHING:
        raise literal_problem(name, value)
    text = type_name_in(value)
    warn(
        "UnexpandedValueDropped",
        f"{name} holds the text '{text}' instead of its values and was left out of the snapshot"
        f"{LOST_CHECKS.get(name, '')}. To keep it: {_fix_for(text)}",
    )


def canonical_onprem(raw: object, warn: Warn) -> dict[str, Any]:
    """Canonical object for one raw record; raises RecordRejected when it cannot be used."""
    if not isinstance(raw, dict):
        raise RecordRejected(f"the record is {describe(raw)}, not an object with attributes", code="NotAnObject")
    shape = value_checks(tuple(raw)) if type(raw) is dict else None
    out = _checked(raw, shape, warn) if shape is not None else _rebuilt(raw, warn)
    if "objectGUID" not in out and "distinguishedName" not in out:
        raise RecordRejected(
            "the record has neither objectGUID nor distinguishedName, so it cannot be identified",
            field="objectGUID",
            code="NoIdentity",
            hint="include ObjectGUID and DistinguishedName in the export",
        )
    return out


def _rebuilt(raw: dict[str, Any], warn: Warn) -> dict[str, Any]:
    """The canonical object built attribute by attribute (names resolved, aliases weighed)."""
    out: dict[str, Any] = {}
    for name, value in _chosen(raw).items():
        value = canonical_value(name, value, warn)
        if value is not DROPPED:
            out[name] = value
    return out


def _checked(raw: dict[str, Any], shape: tuple[Any, ...], warn: Warn) -> dict[str, Any]:
    """A record whose names are all canonical: values already canonical are kept, the others converted."""
    names, checks = shape
    out = {}
    for name, check, value in zip(names, checks, raw.values(), strict=True):
        if not check(value):
            value = DROPPED if _is_empty(value) else canonical_value(name, value, warn)
            if value is DROPPED:
                continue
        out[name] = value
    return out


def canonical_value(name: str, value: object, warn: Warn) -> object:
    """The canonical value of one attribute (DROPPED when it is left out); raises RecordRejected."""
    if has_type_name(value):
        _drop_broken(name, value, warn)
        return DROPPED
    if isinstance(value, dict | list) and too_deep(value, MAX_DEPTH):
        raise RecordRejected(f"{name} is nested too deeply to be an attribute value", field=name, code="BadValue")
    if broken_text(value):
        raise RecordRejected(f"{name} holds an unpaired UTF-16 surrogate (a broken character escape such as "
                             "\\ud83d)", field=name, code="BadValue", hint="export the file again as UTF-8")
    try:
        value = convert_value(name, value)
    except BadValue as exc:
        raise RecordRejected(f"{name} {exc}", field=name, code="BadValue") from None
    return DROPPED if _is_empty(value) else value


@lru_cache(maxsize=4096)
def value_checks(keys: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """For a record shape whose names are all canonical: the names, and the as-is check of each value; else None.

    The names returned are shared by every record of the shape (a parser makes new ones per record).
    """
    if not all(isinstance(key, str) and _resolve(key) == (key, False) for key in keys):
        return None
    return keys, tuple(onprem_check(key) for key in keys)
