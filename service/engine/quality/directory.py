"""The data-quality pass: every IdFix check on every on-premises object, in one pass, then the duplicates."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import KINDS, most_specific_class, onprem_object
from ..names import ONPREM_TABLE, canonical
from ..values import as_list
from . import finding, skip
from .catalogue import ATTRIBUTES, ORDER
from .duplicates import Index
from .rules import RULES
from .tld import ROUTABLE
from .verdict import Subject

# The attributes the checks read beyond the engine's, spelled canonically.
EXTRA = ("cn", "name", "targetAddress", "groupType", "GroupCategory", "msExchHideFromAddressLists",
         "msExchRecipientTypeDetails")
TABLE = {**ONPREM_TABLE, **{n.lower(): n for n in EXTRA}}
POSITION = {name: i for i, name in enumerate(ATTRIBUTES)}
ROUTABLE_OR_NONE = ROUTABLE | {None}  # group 1 is None for the addresses without a TLD (X400, X500)


def check(records: list[Any]) -> dict[str, Any]:
    """The report's `dataQuality`: counts by type and by attribute, and the findings in snapshot order."""
    index = Index(rule.ATTRIBUTE for rule in RULES if rule.DUPLICATES)
    # Per rule, in IdFix's order: attribute, check, multi-valued, hash -> first holder map (None: need not be
    # unique), and the usual value's test (length, FAST and its TLD) that spares calling the check.
    plan = [(rule.ATTRIBUTE, rule.check, rule.MULTI, index.first[rule.ATTRIBUTE] if rule.DUPLICATES else None,
             rule.LIMIT, rule.FAST, rule.TLD) for rule in RULES]
    found: list[dict[str, Any]] = []
    checked = skipped = 0
    for number, record in enumerate(records, 1):
        attrs = canonical(record, TABLE) if type(record) is dict else {}
        kind = attrs.get("objectClass")
        kind = KINDS.get(kind) if type(kind) is str and kind in KINDS else kind_of(kind)
        if kind is None:
            continue
        cn = common_name(attrs)
        if skip.reason(attrs, kind, cn):
            skipped += 1
            continue
        checked += 1
        _check_object(number, record, attrs, kind, cn, plan, index, found)
    found += _duplicates(index, records)
    found.sort(key=lambda f: (f["object"]["record"], POSITION[f["attribute"]]))
    return section(found, checked, skipped)


def _check_object(number: int, record: dict[str, Any], attrs: dict[str, Any], kind: str, cn: str, plan: list[Any],
                  index: Index, found: list[Any]) -> None:
    """Every rule on every value of one object, and its values into the duplicates index.

    This runs for every value of a million objects, so the usual value's test and Index.add are inlined here,
    and the Subject a rule's check reads is only built for a value that is not a usual one.
    """
    described = subject = None
    for attribute, rule, multi, table, limit, fast, tld in plan:
        raw = attrs.get(attribute)
        if raw is None:
            continue
        for value in (raw,) if type(raw) is str else raw if multi and type(raw) is list else values(raw, multi):
            if type(value) is not str:  # a multi-valued list as exported: its odd values as text
                value = "" if value is None else str(value)
            if not value:
                continue
            if len(value) > limit or (fast is not None and (
                    (match := fast(value)) is None or (tld and match.group(1) not in ROUTABLE_OR_NONE))):
                subject = subject or Subject(kind, cn)
                verdict = rule(value, subject)
                if verdict is not None:
                    described = described or describe(number, record)
                    found += finding.findings(described, kind, attribute, verdict)
            if table is not None:
                # A lower-case value hashes as its lower() would: no copy for the usual address.
                key = hash(value) if value.islower() else hash(value.lower())
                holder = table.setdefault(key, number)
                if holder != number:
                    index.also(attribute, key, holder, number)


def usual(rule: Any, value: str) -> bool:
    """The test check() inlines: True when the value is a usual one, which the rule's check passes without a call."""
    if len(value) > rule.LIMIT:
        return False
    if rule.FAST is None:
        return True
    match = rule.FAST(value)
    return match is not None and (not rule.TLD or match.group(1) in ROUTABLE_OR_NONE)


def _duplicates(index: Index, records: list[Any]) -> list[dict[str, Any]]:
    """A Duplicate finding for every holder of every value held by more than one object."""
    multi = {rule.ATTRIBUTE: rule.MULTI for rule in RULES}
    described: dict[int, dict[str, Any]] = {}

    def values_of(attribute: str, number: int) -> list[str]:
        raw = canonical(records[number - 1], TABLE).get(attribute)
        return [] if raw is None else values(raw, multi[attribute])

    out = []
    for attribute, holders in index.groups(values_of):
        named = []
        for n, _ in holders:
            if n not in described:
                described[n] = describe(n, records[n - 1])
            named.append(described[n])
        # Each holder names at most MAX_CONFLICTS others: a value held by thousands stays linear.
        first = [finding.name(d) for d in named[:finding.MAX_CONFLICTS + 1]]
        for position, ((_, value), holder) in enumerate(zip(holders, named, strict=True)):
            others = [name for i, name in enumerate(first) if i != position][:finding.MAX_CONFLICTS]
            out.append(finding.duplicate(holder, attribute, value, others, len(holders) - 1))
    return out


def section(found: list[dict[str, Any]], checked: int, skipped: int) -> dict[str, Any]:
    """Counts by type (IdFix's order) and by attribute, then the findings."""
    by_type = Counter(f["type"] for f in found)
    by_attribute: dict[str, Counter[Any]] = {}
    for f in found:
        by_attribute.setdefault(f["attribute"], Counter())[f["type"]] += 1
    return {
        "checked": checked,
        "skipped": skipped,
        "total": len(found),
        "blocking": sum(1 for f in found if f["blocking"]),
        "counts": {t: by_type[t] for t in ORDER if by_type[t]},
        "byAttribute": {a: {t: by_attribute[a][t] for t in ORDER if by_attribute[a][t]}
                        for a in ATTRIBUTES if a in by_attribute},
        "findings": found,
    }


def kind_of(value: object) -> str | None:
    """user, group or contact for the synchronised classes (most specific class first), else None."""
    if type(value) is str:
        return KINDS.get(value) or KINDS.get(value.strip().lower())
    found = most_specific_class(value)
    return KINDS.get(found.lower()) if found else None


def common_name(attrs: dict[str, Any]) -> str:
    """cn, else name (Get-ADObject's), else the first RDN of the DN: the name IdFix's skip list reads."""
    value = attrs.get("cn")
    if type(value) is str and value:
        return value
    value = attrs.get("name")
    if type(value) is str and value:
        return value
    dn = attrs.get("distinguishedName")
    first = dn.split(",", 1)[0] if type(dn) is str else ""
    return first.partition("=")[2] if "=" in first else ""


def values(raw: object, multi: bool) -> list[str]:
    """The values to check: every value of a multi-valued attribute, the one value of another; never empty."""
    if type(raw) is str:
        return [raw] if raw else []
    if multi:
        return [v if type(v) is str else str(v) for v in as_list(raw)]
    items = as_list(raw)
    return [items[0] if type(items[0]) is str else str(items[0])] if len(items) == 1 else []


def describe(number: int, record: dict[str, Any]) -> dict[str, Any]:
    """How a finding names its object: record number, objectGUID (canonical), DN and class."""
    obj = onprem_object(number, record)
    return {"record": number, "objectGUID": obj.guid, "distinguishedName": obj.dn,
            "objectClass": obj.class_name or None}
