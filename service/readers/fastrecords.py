"""Decoded canonical records kept as they are, checked a record at a time instead of a value at a time.

Records of one shape (the same attribute names, and the same value type at each place) share a plan:
which values are kept whatever they hold (numbers, booleans), which are left out (null), one search
over the record's joined texts and list items for any that is not plain text, and one match for the
values of a set form (a canonical GUID or SID, a class name, a cloud id). A record that passes is kept,
or laid out as the general path lays it out; an on-prem record that does not has only its failing values
converted, value by value as _checked does; any other record goes through the general path
(`canonical_onprem`, `CloudParts.add`) itself. tests/readers hold the two to the same output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from ..exceptions import SyncMatchError
from . import cloud, onprem
from .cloud import CLEANED_AS_IS, CloudParts, classify
from .fastpath import (
    DROPPED,
    Check,
    boolean,
    class_name,
    cloud_boolean,
    cloud_check,
    cloud_list,
    cloud_sid,
    guid,
    onprem_check,
    sid,
    text,
)
from .fastpath import text_list as onprem_list
from .lost import LostLetters
from .values import to_guid

Warn = Callable[..., None]
NONE = type(None)
NUMBERS = (int, float, bool)
SEP = "\x00"  # between the text values of a record when they are checked at once
EDGE = ("",)

# Where a text value starts (after SEP) with what the general path looks at: nothing (an empty text), a space or
# a tab, a type name, a PowerShell date, or only blanks up to the next value. msgspec refuses unpaired surrogates,
# so every decoded text is valid UTF-8; a text holding SEP is only looked at more often.
NOT_PLAIN = re.compile(SEP + r"(?:[ \t\x00]|System\.|Microsoft\.|/Date\(|\s+\x00)")
GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
B64_GUID = r"[A-Za-z0-9+/]{22}=="  # 16 bytes in base64: to_guid decodes them, here as in the general path
SID = r"S-1-[0-9]+(?:-[0-9]+)*"
CLASS = r"(?:user|group|contact|computer|inetOrgPerson)"
OBJECT_ID = f"(?:{cloud.OBJECT_ID.pattern})"  # a cloud id; being plain text too, it is also among the texts
ONPREM_SPECIAL = {class_name: CLASS, guid: f"(?:{GUID}|({B64_GUID}))", sid: SID}
DEFAULTS: dict[str, dict[str, object]] = {
    "user": cloud.USER_DEFAULTS, "group": cloud.GROUP_DEFAULTS, "contact": cloud.CONTACT_DEFAULTS,
    "deleted": dict(cloud.DELETED_DEFAULTS),
}
ACCEPTED: tuple[int, ...] = ()


def _getter(positions: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A function giving the values at these positions as a tuple (itemgetter, also for one or none)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        first = positions[0]
        return lambda values: (values[first],)
    return lambda _values: ()


class Unusual(SyncMatchError):
    """A record the fast path cannot take even the general way (a Graph page inside a list): read again."""


class Checks:
    """The values of a record shape to look at: plain texts, lists of plain text, and texts of a set form.

    All the plain texts and list items of a record are looked at in one search of their joined text; the
    texts of a set form (GUID, SID, class name, cloud id) in one match, whose groups name the base64 GUIDs.
    """

    def __init__(self, texts: list[int], lists: list[int], special: list[tuple[int, str]]) -> None:
        self.texts = _getter(texts)
        self.lists = _getter(lists)
        self.special = _getter([position for position, _pattern in special])
        self.form = re.compile(SEP.join(pattern for _position, pattern in special)) if special else None
        self.base64 = tuple(position for position, pattern in special if "(" in pattern.replace("(?", ""))
        self.clean = (None,) * len(self.base64)

    def accept(self, values: Sequence[Any], lists_may_be_empty: bool) -> tuple[int, ...] | None:
        """None unless every value looked at is one the general path keeps; else the positions of base64 GUIDs."""
        lists = self.lists(values)
        if lists and not lists_may_be_empty and [] in lists:
            return None
        try:
            joined = SEP.join(chain(EDGE, self.texts(values), *lists, EDGE))
        except TypeError:  # a list holding something other than text
            return None
        if NOT_PLAIN.search(joined) is not None:
            return None
        if self.form is None:
            return ACCEPTED
        found = self.form.fullmatch(SEP.join(self.special(values)))
        if found is None:
            return None
        groups = found.groups()
        if groups == self.clean:
            return ACCEPTED
        return tuple(position for position, group in zip(self.base64, groups, strict=True) if group is not None)


# -- on-premises ------------------------------------------------------------------------------------------


class OnpremPlan:
    """A shape of canonical on-prem records: the checks, the attributes (null) to leave out, each check."""

    def __init__(self, keys: tuple[str, ...], checks: Checks, drops: tuple[str, ...],
                 looked_at: tuple[tuple[int, Check], ...]) -> None:
        self.keys = keys
        self.checks = checks
        self.drops = drops
        self.looked_at = looked_at  # (position, the general path's check) of every value the checks look at


def onprem_plan(keys: tuple[Any, ...], types: tuple[type, ...]) -> OnpremPlan | None:
    """The plan for records of this shape, or None when they take the general path."""
    if onprem.value_checks(keys) is None:
        return None
    texts: list[int] = []
    lists: list[int] = []
    special: list[tuple[int, str]] = []
    drops = []
    looked_at = []
    for position, (name, kind) in enumerate(zip(keys, types, strict=True)):
        check = onprem_check(name)
        if kind is NONE:
            drops.append(name)
            continue
        if (check is text and kind in NUMBERS) or (kind is bool and check is boolean):
            continue
        if kind is str and check is text:
            texts.append(position)
        elif kind is str and check in ONPREM_SPECIAL:
            special.append((position, ONPREM_SPECIAL[check]))
        elif kind is list and check is onprem_list:
            lists.append(position)
        else:
            return None
        looked_at.append((position, check))
    kept = set(keys).difference(drops)
    if "objectGUID" not in kept and "distinguishedName" not in kept:
        return None  # the general path rejects it
    return OnpremPlan(keys, Checks(texts, lists, special), tuple(drops), tuple(looked_at))


def onprem_objects(records: list[dict[str, Any]], warn: Warn, lost: LostLetters | None) -> list[dict[str, Any]]:
    """Canonical on-prem objects; raises RecordRejected as canonical_onprem does (the caller reads again)."""
    plans: dict[tuple[Any, ...], OnpremPlan | None] = {}
    out: list[dict[str, Any]] = []
    append = out.append
    for number, raw in enumerate(records, 1):
        values = tuple(raw.values())
        shape = (tuple(raw), tuple(map(type, values)))
        plan = plans.get(shape, _UNKNOWN)
        if plan is _UNKNOWN:
            plan = plans[shape] = onprem_plan(*shape)
        obj = onprem.canonical_onprem(raw, warn) if plan is None else _kept(raw, plan, values, warn)
        if lost is not None:
            lost.check(obj, number)
        append(obj)
    return out


_UNKNOWN: Any = object()


def _kept(raw: dict[str, Any], plan: OnpremPlan, values: tuple[Any, ...], warn: Warn) -> dict[str, Any]:
    """The decoded record as _checked would build it: nulls left out, the values that need it converted in place."""
    base64 = plan.checks.accept(values, False)
    for name in plan.drops:
        del raw[name]
    if base64 is ACCEPTED:
        return raw
    if base64 is not None:
        for position in base64:
            raw[plan.keys[position]] = to_guid(values[position])
        return raw
    for position, check in plan.looked_at:  # as _checked does, value by value
        if check(values[position]):
            continue
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
                 fresh: tuple[Any, ...], check_date: bool, maybe_valued: tuple[str, ...]) -> None:
        self.kind = kind
        self.maybe_valued = maybe_valued  # the properties not null in this shape
        self.checks = checks
        self.keys = keys  # the entity's names, output order
        self.layout = layout  # positions in the entity's values (then the fresh defaults), None to keep the entity
        self.pick = itemgetter(*layout) if layout is not None else None
        self.fresh = fresh  # defaults of absent properties, templates (lists are copied per entity)
        self.check_date = check_date
        self.first = True  # the bookkeeping done once per shape (user_keys, roles_seen) is still to do
        self.unvalued: list[str] = []  # the shape's properties that may hold a value and no user has shown one yet

    def build(self, raw: dict[str, Any], values: tuple[Any, ...]) -> dict[str, Any]:
        """The entity as _with_defaults lays it out (the decoded dict itself when that changes nothing)."""
        if self.pick is None:
            return raw
        if self.fresh:
            values = (*values, *[list(d) if isinstance(d, list) else d for d in self.fresh])
        return dict(zip(self.keys, self.pick(values), strict=True))


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
    maybe_valued = tuple(key for key, kind in zip(keys, types, strict=True) if kind is not NONE)
    return CloudPlan(kind, checks, tuple(out), None if keep else tuple(layout), tuple(fresh), dated, maybe_valued)


def _cloud_checks(keys: tuple[Any, ...], types: tuple[type, ...]) -> Checks | None:
    """The checks of a cloud shape, or None when a value type needs the general conversion."""
    texts: list[int] = []
    lists: list[int] = []
    special: list[tuple[int, str]] = []
    for position, (name, kind) in enumerate(zip(keys, types, strict=True)):
        check = cloud_check(name)
        if (kind is NONE and check is not cloud_list) or (check is cloud_boolean and kind is bool):
            continue  # a null list becomes [] the general way
        if check is cloud_sid and kind is not str:
            return None  # a SID written as a number or a list: the general path reads or refuses it
        if check is cloud_list and kind is list:
            lists.append(position)
        elif check not in (cloud_list, cloud_boolean) and kind is str:
            texts.append(position)
            if name == "id":
                special.append((position, OBJECT_ID))
            elif check is cloud_sid:
                special.append((position, SID))
        elif check not in (cloud_list, cloud_boolean) and kind in NUMBERS:
            continue
        else:
            return None
    return Checks(texts, lists, special)


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
        plan = plans.get(shape, _UNKNOWN)
        if plan is _UNKNOWN:
            plan = plans[shape] = cloud_plan(*shape, hint)
        if plan is None or plan.checks.accept(values, True) is None:
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
    values = parts.user_values
    if plan.first:
        plan.first = False
        parts.user_keys.update(raw)
        if "assignedRoles" in raw or "eligibleRoles" in raw:
            parts.roles_seen = True
        plan.unvalued = [key for key in plan.maybe_valued if key not in values]
    if plan.unvalued:
        valued = [key for key in plan.unvalued if raw[key] not in (None, [], "")]
        if valued:
            values.update(valued)
            plan.unvalued = [key for key in plan.unvalued if key not in values]
