"""Topology settings: the sync client (settings.engine), what is in scope (settings.scope), how forests join.

Microsoft: Connect filters by domain, by OU (the tree's ticks: the closest selected or unselected OU
decides), by one group for pilots (direct members only) and by attribute in sync rule scoping filters;
Cloud Sync has scoping filters (OU and attribute) with operators EQUALS, NOT EQUALS, IS NULL, IS NOT
NULL, STARTS WITH, NOT STARTS WITH, REGEX MATCH, NOT REGEX MATCH, IS TRUE, IS FALSE, no group-based
filtering and no joins. Connect's wizard page "Uniquely identifying your users" chooses how users of
several forests join. Sources: "Entra Connect Sync: Configure filtering", "Topologies for Entra
Connect", "Cloud Sync: scoping filters", "Cloud Sync FAQ", "Choose the right sync client".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

from ..exceptions import SyncMatchError

CONNECT, CLOUD_SYNC = "connect", "cloudSync"
ENGINES = (CONNECT, CLOUD_SYNC)
OPERATORS = ("EQUALS", "NOT EQUALS", "IS NULL", "IS NOT NULL", "STARTS WITH", "NOT STARTS WITH", "REGEX MATCH",
             "NOT REGEX MATCH", "IS TRUE", "IS FALSE")
UNARY = ("IS NULL", "IS NOT NULL", "IS TRUE", "IS FALSE")
NEGATED = ("NOT EQUALS", "NOT STARTS WITH", "NOT REGEX MATCH")
JOIN_NONE, JOIN_MAIL = "none", "mail"
JOIN_SID, JOIN_SAM = "objectSidToMasterAccountSid", "samAccountNameAndMailNickname"
JOINS = (JOIN_NONE, JOIN_MAIL, JOIN_SID, JOIN_SAM)
SCOPE_KEYS = ("domains", "includeOUs", "excludeOUs", "groupFilter", "attributeFilters")
_AROUND_SEPARATORS = re.compile(r"(?<!\\)\s*([,=+])\s*")

# The path of keys and list positions to a field of the settings.
Path = tuple[str | int, ...]


class Source(TypedDict):
    """Where an on-premises object came from: its export's label, its AD domain and forest."""

    export: str
    domain: str | None
    forest: str | None


class JoinedEntry(TypedDict):
    """One object joined into a person (rules/joins.py), as the person's result lists it."""

    export: str | None
    domain: str | None
    record: int
    objectGUID: str | None
    distinguishedName: str | None
    role: str
    joinedOn: str


class FilterDict(TypedDict):
    """One attribute filter as applied, for the report."""

    attribute: str
    operator: str
    value: NotRequired[str]


class ScopeDict(TypedDict, total=False):
    """The scope as applied, for the report: only the filters that are set."""

    domains: list[str]
    includeOUs: list[str]
    excludeOUs: list[str]
    groupFilter: str
    attributeFilters: list[FilterDict]


class JoinAttribute(TypedDict):
    """A join on an attribute of the caller's choice."""

    attribute: str


class TopologyDict(TypedDict):
    """The topology as applied, for the report's settings."""

    engine: str
    scope: ScopeDict
    join: str | JoinAttribute


class TopologyError(SyncMatchError, ValueError):
    """A topology setting that cannot be used: the path to the field at fault and what is wrong."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class AttributeFilter:
    """One scoping-filter clause: attribute, operator, value (a compiled pattern for the REGEX operators)."""

    attribute: str
    operator: str
    value: str | None
    pattern: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """The scope, parsed once: lower-case domains, OUs by normalised DN (True: included), the group's DN."""

    domains: frozenset[str] = frozenset()
    ous: tuple[tuple[str, bool], ...] = ()  # ((normalised DN, included), ...) as given; `ou_map` looks them up
    group: str | None = None
    group_dn: str | None = None  # as written, for messages
    attribute_filters: tuple[AttributeFilter, ...] = ()

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.domains or self.ous or self.group or self.attribute_filters)

    @property
    def has_includes(self) -> bool:
        """True when some OU is included: objects under no listed OU are then out of scope."""
        return any(included for _, included in self.ous)

    def ou_map(self) -> dict[str, bool]:
        """Normalised OU DN -> included (an OU both included and excluded counts as excluded)."""
        found: dict[str, bool] = {}
        for dn, included in self.ous:
            found[dn] = found.get(dn, True) and included
        return found

    def to_dict(self) -> ScopeDict:
        """The scope as applied, for the report."""
        out: ScopeDict = {}
        if self.domains:
            out["domains"] = sorted(self.domains)
        includes = [dn for dn, included in self.ous if included]
        excludes = [dn for dn, included in self.ous if not included]
        if includes:
            out["includeOUs"] = includes
        if excludes:
            out["excludeOUs"] = excludes
        if self.group_dn:
            out["groupFilter"] = self.group_dn
        if self.attribute_filters:
            out["attributeFilters"] = [_filter_dict(f) for f in self.attribute_filters]
        return out


def _filter_dict(clause: AttributeFilter) -> FilterDict:
    """One attribute filter as applied (no value for the unary operators)."""
    out: FilterDict = {"attribute": clause.attribute, "operator": clause.operator}
    if clause.value is not None:
        out["value"] = clause.value
    return out


@dataclass(frozen=True, slots=True)
class Topology:
    """engine, scope and join, parsed; `given` is False when the caller set none of them."""

    engine: str = CONNECT
    scope: Scope = Scope()
    join: str = JOIN_NONE
    join_attribute: str | None = None
    given: bool = False

    @property
    def cloud_sync(self) -> bool:
        """True for Entra Cloud Sync."""
        return self.engine == CLOUD_SYNC

    def to_dict(self) -> TopologyDict:
        """The topology as applied, for the report's settings."""
        join: str | JoinAttribute = {"attribute": self.join_attribute} if self.join_attribute else self.join
        return {"engine": self.engine, "scope": self.scope.to_dict(), "join": join}


DEFAULT = Topology()


def parse(raw: dict[str, Any]) -> Topology:
    """Read settings.engine, settings.scope and settings.join; raise TopologyError naming the field."""
    if not any(key in raw for key in ("engine", "scope", "join")):
        return DEFAULT
    engine = _engine(raw.get("engine"))
    scope = _scope(raw.get("scope"))
    join, attribute = _join(raw.get("join"))
    if engine == CLOUD_SYNC:
        if scope.group:
            raise TopologyError(("scope", "groupFilter"), "Cloud Sync has no group-based filtering: remove "
                                "groupFilter, or use an OU or attribute scoping filter")
        if join != JOIN_NONE or attribute:
            raise TopologyError(("join",), "Cloud Sync joins nothing across forests: join must be none (or left out)")
    return Topology(engine, scope, join, attribute, given=True)


def _engine(value: object) -> str:
    """connect (default) or cloudSync."""
    if value is None:
        return CONNECT
    if value not in ENGINES:
        raise TopologyError(("engine",), "must be connect or cloudSync")
    return str(value)


def _scope(value: object) -> Scope:
    """Parse settings.scope."""
    if value is None:
        return Scope()
    if not isinstance(value, dict):
        raise TopologyError(("scope",), "must be an object with domains, includeOUs, excludeOUs, groupFilter or "
                                        "attributeFilters")
    for key in value:
        if key not in SCOPE_KEYS:
            raise TopologyError(("scope", key), f"unknown scope setting; use one of {', '.join(SCOPE_KEYS)}")
    domains = frozenset(_domain(v, ("scope", "domains", n)) for n, v in enumerate(_list(value, "domains")))
    ous = tuple((_dn(v, ("scope", key, n)), key == "includeOUs")
                for key in ("includeOUs", "excludeOUs") for n, v in enumerate(_list(value, key)))
    group = value.get("groupFilter")
    if group is not None and (not isinstance(group, str) or not group.strip()):
        raise TopologyError(("scope", "groupFilter"), "must be the distinguishedName of a group")
    filters = tuple(_attribute_filter(v, ("scope", "attributeFilters", n))
                    for n, v in enumerate(_list(value, "attributeFilters")))
    return Scope(domains, ous, _dn(group, ("scope", "groupFilter")) if group else None,
                 group.strip() if group else None, filters)


def _list(scope: dict[str, Any], key: str) -> list[Any]:
    """A list setting of the scope (absent: empty)."""
    value = scope.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise TopologyError(("scope", key), "must be a list")
    return value


def _domain(value: object, path: Path) -> str:
    """A DNS domain name (contoso.com), or its DC= form (DC=contoso,DC=com)."""
    if not isinstance(value, str) or not value.strip():
        raise TopologyError(path, "must be an AD domain's DNS name such as contoso.com")
    text = value.strip().lower()
    if text.startswith("dc="):
        return domain_of(normalize_dn(text)) or ""
    if " " in text or "," in text or "=" in text:
        raise TopologyError(path, f"{value!r} is not a DNS domain name such as contoso.com")
    return text.rstrip(".")


def _dn(value: object, path: Path) -> str:
    """A distinguishedName, normalised for comparison."""
    if not isinstance(value, str) or "=" not in value:
        raise TopologyError(path, "must be a distinguishedName such as OU=Sales,DC=contoso,DC=com")
    return normalize_dn(value)


def _attribute_filter(value: object, path: Path) -> AttributeFilter:
    """One {"attribute", "operator", "value"} clause."""
    if not isinstance(value, dict):
        raise TopologyError(path, 'must be an object {"attribute": ..., "operator": ..., "value": ...}')
    attribute, operator, operand = value.get("attribute"), value.get("operator"), value.get("value")
    if not isinstance(attribute, str) or not attribute.strip():
        raise TopologyError((*path, "attribute"), "must be an attribute name such as extensionAttribute15")
    if not isinstance(operator, str) or operator.strip().upper() not in OPERATORS:
        raise TopologyError((*path, "operator"), f"must be one of {', '.join(OPERATORS)}")
    operator = " ".join(operator.upper().split())
    if operator in UNARY:
        return AttributeFilter(attribute.strip(), operator, None)
    if not isinstance(operand, str):
        raise TopologyError((*path, "value"), f"{operator} needs a text value")
    pattern = None
    if "REGEX" in operator:
        try:
            pattern = re.compile(operand)
        except re.error as exc:
            raise TopologyError((*path, "value"), f"is not a regular expression: {exc}") from None
    return AttributeFilter(attribute.strip(), operator, operand, pattern)


def _join(value: object) -> tuple[str, str | None]:
    """none, mail, objectSidToMasterAccountSid, samAccountNameAndMailNickname or {"attribute": NAME}."""
    if value is None:
        return JOIN_NONE, None
    if isinstance(value, dict):
        name = value.get("attribute")
        if set(value) != {"attribute"} or not isinstance(name, str) or not name.strip():
            raise TopologyError(("join", "attribute"), 'must be {"attribute": NAME} with an attribute name')
        return JOIN_NONE, name.strip()
    if value not in JOINS:
        raise TopologyError(("join",), f'must be one of {", ".join(JOINS)} or {{"attribute": NAME}}')
    return str(value), None


def normalize_dn(dn: str) -> str:
    """Lower case, without blanks around the separators: how two spellings of one DN compare."""
    text = dn.strip().lower()
    if " " not in text or not (", " in text or " ," in text or "= " in text or " =" in text or "+ " in text
                               or " +" in text):
        return text  # the usual case: blanks only inside values ("CN=Ana Silva,OU=...")
    return _AROUND_SEPARATORS.sub(_separator, text)


def _separator(found: re.Match[str]) -> str:
    """The separator without the blanks around it."""
    return found.group(1)


def domain_of(normalized: str) -> str | None:
    """The DNS name of the DC= parts of a normalised DN (contoso.com), or None."""
    start = 0 if normalized.startswith("dc=") else normalized.find(",dc=") + 1
    if start == 0 and not normalized.startswith("dc="):
        return None
    parts = [p[3:] for p in normalized[start:].split(",") if p.startswith("dc=")]
    return ".".join(parts) or None


def parents(normalized: str) -> Iterator[str]:
    """The DNs above a normalised DN, closest first (commas escaped with a backslash are not separators)."""
    position = normalized.find(",")
    while position != -1:
        if not _escaped(normalized, position):
            yield normalized[position + 1:]
        position = normalized.find(",", position + 1)


def _escaped(text: str, position: int) -> bool:
    """True when the character at position follows an odd number of backslashes."""
    count = 0
    while position > count and text[position - count - 1] == "\\":
        count += 1
    return count % 2 == 1
