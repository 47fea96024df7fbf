"""Decoded canonical records kept as they are, checked a record at a time instead of a value at a time.

Records of one shape (the same attribute names, and the same value type at each place) share a plan:
which values are kept whatever they hold (numbers, booleans), which are left out (null), and one
compiled expression that the record's text values, joined, must match for every one of them to be what
the general path would keep (plain text, a canonical GUID or SID, a class name, a list of plain text).
A record that matches is kept, or laid out as the general path lays it out; any other record goes
through the general path (`canonical_onprem`, `CloudParts.add`) itself. tests/readers hold the two to
the same output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from . import cloud, onprem
from .cloud import CLEANED_AS_IS, CloudParts, classify
from .fastpath import (
    DROPPED,
    boolean,
    class_name,
    cloud_boolean,
    cloud_check,
    cloud_list,
    guid,
    onprem_check,
    sid,
    text,
)
from .fastpath import text_list as onprem_list
from .lost import LostLetters

Warn = Callable[..., None]
NONE = type(None)
NUMBERS = (int, float, bool)
SEP, ITEM = "\x00", "\x01"  # between values, between the items of a list (a value holding either goes the slow way)

# One text value the general path keeps as it is: not blank, no leading space or tab, no type name, no /Date()/.
# (msgspec refuses unpaired surrogates, so every decoded text is valid UTF-8.)
PLAIN = r"(?![ \t]|System\.|Microsoft\.|/Date\()\s*[^\s\x00\x01][^\x00\x01]*"
GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
SID = r"S-1-[0-9]+(?:-[0-9]+)*"
CLASS = r"(?:user|group|contact|computer|inetOrgPerson)"
# A cloud id: plain text that cloud.OBJECT_ID accepts whole.
OBJECT_ID = r"(?!System\.|Microsoft\.)(?:" + cloud.OBJECT_ID.pattern + r")"
ITEMS = f"{PLAIN}(?:{ITEM}{PLAIN})*"  # a non-empty list of plain text (on-prem)
ANY_ITEMS = f"(?:{ITEMS})?"  # a list of plain text, maybe empty (cloud; a list [""] is refused before the match)
ONPREM_TEXT = {class_name: CLASS, guid: GUID, sid: SID}
DEFAULTS: dict[str, dict[str, object]] = {
    "user": cloud.USER_DEFAULTS, "group": cloud.GROUP_DEFAULTS, "contact": cloud.CONTACT_DEFAULTS,
    "deleted": dict(cloud.DELETED_DEFAULTS),
}


def _getter(positions: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A function giving the values at these positions as a tuple (itemgetter, also for one or none)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        first = positions[0]
        return lambda values: (values[first],)
    return lambda _values: ()


class Unusual(Exception):
    """A record the fast path cannot take even the general way (a Graph page inside a list): read again."""


class Checks:
    """The text values of a record shape, and the expression they must match.

    With `capture`, a value that is not as the general path keeps it matches a group of its own instead,
    so that one match says which values (if any) need the general conversion.
    """

    def __init__(self, texts: list[int], patterns: list[str], lists: list[int], items: str,
                 capture: bool = False) -> None:
        self.texts = _getter(texts)
        self.lists = _getter(lists)
        fields = [*patterns, *[items] * len(lists)]
        if capture:
            fields = [f"(?:{field}|([^{SEP}]*))" for field in fields]
        self.regex = re.compile(SEP.join(fields))
        self.positions = (*texts, *lists)  # the record position of each field
        self.trivial = not fields
        self.clean = (None,) * len(fields)

    def match(self, values: Sequence[Any]) -> re.Match[str] | None:
        """The match of the record's joined text values; None when a list holds something other than text."""
        try:
            joined = SEP.join((*self.texts(values), *map(ITEM.join, self.lists(values))))
        except TypeError:
            return None
        return self.regex.fullmatch(joined)

    def accept(self, values: Sequence[Any], empty: object) -> bool:
        """True when every checked value is one the general path keeps; `empty` is the list that may not occur."""
        if self.trivial:
            return True
        if empty in self.lists(values):
            return False
        return self.match(values) is not None

    def failing(self, values: Sequence[Any]) -> list[int] | None:
        """(capture) The positions whose values need the general conversion, in record order; None for none."""
        if self.trivial:
            return []
        found = self.match(values)
        if found is None:
            return None
        groups = found.groups()
        if groups == self.clean:
            return []
        return sorted(position for position, group in zip(self.positions, groups, strict=True) if group is not None)


# -- on-premises ------------------------------------------------------------------------------------------


class OnpremPlan:
    """A shape of canonical on-prem records: the checks, and the attributes (null) to leave out."""

    def __init__(self, keys: tuple[str, ...], checks: Checks, drops: tuple[str, ...]) -> None:
        self.keys = keys
        self.checks = checks
        self.drops = drops


def onprem_plan(keys: tuple[Any, ...], types: tuple[type, ...]) -> OnpremPlan | None:
    """The plan for records of this shape, or None when they take the general path."""
    if onprem.value_checks(keys) is None:
        return None
    texts: list[int] = []
    patterns: list[str] = []
    lists: list[int] = []
    drops = []
    for position, (name, kind) in enumerate(zip(keys, types, strict=True)):
        check = onprem_check(name)
        if kind is NONE:
            drops.append(name)
        elif check is text and kind in NUMBERS:
            continue
        elif kind is str and (check is text or check in ONPREM_TEXT):
            texts.append(position)
            patterns.append(ONPREM_TEXT.get(check, PLAIN))
        elif kind is list and check is onprem_list:
            lists.append(position)
        elif not (kind is bool and check is boolean):
            return None
    kept = set(keys).difference(drops)
    if "objectGUID" not in kept and "distinguishedName" not in kept:
        return None  # the general path rejects it
    return OnpremPlan(keys, Checks(texts, patterns, lists, ITEMS, capture=True), tuple(drops))


def onprem_objects(records: list[dict[str, Any]], warn: Warn, lost: LostLetters | None) -> list[dict[str, Any]]:
    """Canonical on-prem objects; raises RecordRejected as canonical_onprem does (the caller reads again)."""
    plans: dict[tuple[Any, ...], OnpremPlan | None] = {}
    out: list[dict[str, Any]] = []
    append = out.append
    for number, raw in enumerate(records, 1):
        values = tuple(raw.values())
        shape = (tuple(raw), tuple(map(type, values)))
        plan = plans[shape] if shape in plans else plans.setdefault(shape, onprem_plan(*shape))
        failing = plan.checks.failing(values) if plan is not None else None
        if plan is None or failing is None:
            obj = onprem.canonical_onprem(raw, warn)
        else:
            obj = _kept(raw, plan, values, failing, warn)
        if lost is not None:
            lost.check(obj, number)
        append(obj)
    return out


def _kept(raw: dict[str, Any], plan: OnpremPlan, values: tuple[Any, ...], failing: list[int],
          warn: Warn) -> dict[str, Any]:
    """The decoded record as _checked would build it: nulls left out, the failing values converted in place."""
    for name in plan.drops:
        del raw[name]
    if not failing:
        return raw
    for position in failing:
        name, value = plan.keys[position], values[position]
        value = DROPPED if onprem._is_empty(value) else onprem.canonical_value(name, value, warn)
        if value is DROPPED:
            del raw[name]
        else:
            raw[name] = value
    if "objectGUID" not in raw and "distinguishedName" not in raw:
        raise Unusual("the general path rejects the record")  # the record was changed: read again
    return raw


# -- cloud ------------------------------------------------------------------------------------------------


class CloudPlan:
    """A shape of canonical cloud entities: the checks, and how the general path lays the entity out."""

    def __init__(self, kind: str, checks: Checks, keys: tuple[str, ...], layout: tuple[Any, ...] | None,
                 fresh: tuple[Any, ...], check_date: bool) -> None:
        self.kind = kind
        self.checks = checks
        self.keys = keys  # the entity's names, output order
        self.layout = layout  # positions in the entity's values (then the fresh defaults), None to keep the entity
        self.fresh = fresh  # defaults of absent properties, templates (lists are copied per entity)
        self.check_date = check_date
        self.first = True  # the bookkeeping done once per shape (user_keys, roles_seen) is still to do
        self.all_valued = False  # every property of the shape already has a value in some user

    def build(self, raw: dict[str, Any], values: tuple[Any, ...]) -> dict[str, Any]:
        """The entity as _with_defaults lays it out (the decoded dict itself when that changes nothing)."""
        if self.layout is None:
            return raw
        if self.fresh:
            values = (*values, *[list(d) if isinstance(d, list) else d for d in self.fresh])
        return dict(zip(self.keys, itemgetter(*self.layout)(values), strict=True))


def cloud_plan(keys: tuple[Any, ...], types: tuple[type, ...], hint: str) -> CloudPlan | None:
    """The plan for entities of this shape and hint, or None when they take the general path."""
    if "value" in keys and types[keys.index("value")] is list:
        raise Unusual("an entity holding a value list is read as a Graph page")
    if cloud.value_checks(keys) is None or "id" not in keys or types[keys.index("id")] is not str:
        return None
    if any(key.startswith("@") for key in keys):
        return None
    dated = "deletedDateTime" in keys and types[keys.index("deletedDateTime")] is not NONE
    kind = classify(dict.fromkeys(keys), hint)  # from the names alone: neither @odata.type nor a deletion date
    if kind not in CLEANED_AS_IS or (dated and kind != "deleted"):
        return None
    checks = _cloud_checks(keys, types)
    if checks is None:
        return None
    if dated and types[keys.index("deletedDateTime")] is not str:
        return None
    out, layout, fresh = _layout(keys, types, DEFAULTS[kind])
    keep = tuple(out) == keys
    return CloudPlan(kind, checks, tuple(out), None if keep else tuple(layout), tuple(fresh), dated)


def _cloud_checks(keys: tuple[Any, ...], types: tuple[type, ...]) -> Checks | None:
    """The checks of a cloud shape, or None when a value type needs the general conversion."""
    texts: list[int] = []
    patterns: list[str] = []
    lists: list[int] = []
    for position, (name, kind) in enumerate(zip(keys, types, strict=True)):
        check = cloud_check(name)
        if (kind is NONE and check is not cloud_list) or (check is cloud_boolean and kind is bool):
            continue  # a null list becomes [] the general way
        if check is cloud_list and kind is list:
            lists.append(position)
        elif check not in (cloud_list, cloud_boolean) and kind is str:
            texts.append(position)
            patterns.append(OBJECT_ID if name == "id" else PLAIN)
        elif check not in (cloud_list, cloud_boolean) and kind in NUMBERS:
            continue
        else:
            return None
    return Checks(texts, patterns, lists, ANY_ITEMS)


def _layout(keys: tuple[Any, ...], types: tuple[type, ...], defaults: dict[str, object]) -> tuple[list[str], list[int],
                                                                                                list[object]]:
    """_with_defaults as positions: id, the defaults (present or fresh), then the other non-null properties."""
    index = {key: position for position, key in enumerate(keys)}
    out, layout, fresh = ["id"], [index["id"]], list[object]()
    for key, default in defaults.items():
        out.append(key)
        if key in index:
            layout.append(index[key])
        else:
            layout.append(len(keys) + len(fresh))
            fresh.append(default)
    for key, kind in zip(keys, types, strict=True):
        if key not in out and kind is not NONE:
            out.append(key)
            layout.append(index[key])
    return out, layout, fresh


def add_entities(parts: CloudParts, records: list[dict[str, Any]], hint: str, first_number: int, warn: Warn,
                 lost: LostLetters | None) -> int:
    """Add decoded entities as CloudParts.add would; the last record number. Raises RecordRejected as it does."""
    plans: dict[tuple[Any, ...], CloudPlan | None] = {}
    number = first_number
    for raw in records:
        number += 1
        if lost is not None:
            lost.check(raw, number)
        values = tuple(raw.values())
        shape = (tuple(raw), tuple(map(type, values)))
        plan = plans[shape] if shape in plans else plans.setdefault(shape, cloud_plan(*shape, hint))
        if plan is None or not plan.checks.accept(values, [""]):
            parts.add(raw, hint, warn)
        else:
            _add(parts, plan, raw, values)
    return number


def _add(parts: CloudParts, plan: CloudPlan, raw: dict[str, Any], values: tuple[Any, ...]) -> None:
    """One entity the plan accepts: CloudParts' bookkeeping, then the entity laid out and merged by id."""
    kind = plan.kind
    if kind == "user":
        _user_bookkeeping(parts, plan, raw)
        items = parts.users
    elif kind == "deleted":
        if plan.check_date:
            cloud._check_date(raw, "deletedDateTime")
        items = parts.deleted
    else:
        items = parts.groups if kind == "group" else parts.contacts
    entity = plan.build(raw, values)
    if entity["id"] in items:
        cloud._merge_into(items, entity)
    else:
        items[entity["id"]] = entity


def _user_bookkeeping(parts: CloudParts, plan: CloudPlan, raw: dict[str, Any]) -> None:
    """What _add_user notes of every user: its property names, those with values, whether roles were read."""
    if plan.first:
        plan.first = False
        parts.user_keys.update(raw)
        if "assignedRoles" in raw or "eligibleRoles" in raw:
            parts.roles_seen = True
    if not plan.all_valued:
        unseen = raw.keys() - parts.user_values
        parts.user_values.update(k for k in unseen if raw[k] not in (None, [], ""))
        plan.all_valued = not (raw.keys() - parts.user_values)
