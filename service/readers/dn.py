"""The distinguished name of an entry given twice (ldifde's `dn:` line and its distinguishedName attribute)."""

from __future__ import annotations

from typing import Any

from .errors import RecordRejected

DN_KEY = "dn"


def one_dn(record: dict[str, Any]) -> dict[str, Any]:
    """Fold the `dn` key into distinguishedName: equal values (ignoring case, as AD does) are one value."""
    dn = record.pop(DN_KEY, None)
    if not dn:
        return record
    dn_value = dn[0] if isinstance(dn, list) else dn
    attribute = record.get("distinguishedName")
    values = attribute if isinstance(attribute, list) else [attribute] if attribute is not None else []
    other = [v for v in values if not _same(v, dn_value)]
    if other:
        raise RecordRejected(
            f"the entry's dn is '{str(dn_value)[:200]}' but its distinguishedName attribute is "
            f"'{str(other[0])[:200]}': they must name the same object",
            field="distinguishedName", code="BadValue",
            hint="export the entry again unchanged; do not edit one of the two",
        )
    record["distinguishedName"] = [dn_value]
    return record


def _same(a: object, b: object) -> bool:
    """DNs compare case-insensitively, spaces around the value trimmed."""
    return isinstance(a, str) and isinstance(b, str) and a.strip().casefold() == b.strip().casefold()
