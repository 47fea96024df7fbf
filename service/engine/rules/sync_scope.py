"""R1 Sync scope: the domains, OUs, pilot group and attribute filters the admin chose (settings.scope).

Microsoft: Connect syncs the selected domains and, in each, the OUs ticked in the wizard's tree;
the closest selected or unselected container above an object decides (an OU ticked below an
unticked one is back in scope). Group-based filtering, for pilots, keeps only the group's direct
members: "nested group membership isn't resolved". A sync rule scoping filter, or Cloud Sync's
scoping filter group, keeps an object only when every clause holds (AND); Cloud Sync's clauses are
case-sensitive and false on an empty attribute (except IS NULL). Sources: "Entra Connect Sync:
Configure filtering", "Cloud Sync: scoping filters", "Topologies for Entra Connect".
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import GROUP, OnPremObject
from ..names import ONPREM_TABLE, lookup
from ..topology import NEGATED, AttributeFilter, Scope, normalize_dn, parents
from ..values import as_bool, as_list


class ScopeCheck:
    """The scope, made ready once for a cheap check of each object."""

    def __init__(self, scope: Scope, objects: Sequence[OnPremObject], cloud_sync: bool) -> None:
        self.domains = scope.domains
        self.ous = scope.ou_map()
        self.has_includes = scope.has_includes
        # Each clause with the spellings of its attribute the exports use, found once instead of for every object.
        self.filters = [(c, _spellings(c.attribute, objects)) for c in scope.attribute_filters]
        self.cloud_sync = cloud_sync
        self.group_dn = scope.group_dn
        self.members: frozenset[str] | None = None
        self.group_found = False
        if scope.group:
            self._read_group(scope.group, objects)

    def _read_group(self, group: str, objects: Sequence[OnPremObject]) -> None:
        """The group's direct members: the member values of the group object in the exports."""
        members: set[str] = set()
        for obj in objects:
            if obj.kind == GROUP and obj.dn and normalize_dn(obj.dn) == group:
                self.group_found = True
                members.update(normalize_dn(str(m)) for m in as_list(obj.attrs.get("member")))
        self.members = frozenset(members)

    def check(self, obj: OnPremObject, domain: str | None, dn: str) -> tuple[str, str] | None:
        """(the filter, why) when the scope leaves the object out (dn: normalised); None when it is in scope."""
        if self.domains and domain not in self.domains:
            where = f"domain {domain}" if domain else "no domain (the object has no distinguishedName)"
            return "domains", f"out of scope: {where} is not one of the domains synced (settings.scope.domains)"
        if self.ous:
            found = self._ou_filter(dn)
            if found:
                return found
        if self.members is not None and dn not in self.members:
            return "groupFilter", self._group_reason()
        for clause, names in self.filters:
            if not holds(clause, obj, self.cloud_sync, names):
                shown = clause.operator + (f" {clause.value!r}" if clause.value is not None else "")
                return "attributeFilters", (f"out of scope: the attribute filter {clause.attribute} {shown} does not "
                                            "hold (settings.scope.attributeFilters)")
        return None

    def _ou_filter(self, dn: str) -> tuple[str, str] | None:
        """The closest listed OU above the DN decides; under none, in scope only when no OU is included."""
        for parent in parents(dn):
            included = self.ous.get(parent)
            if included is None:
                continue
            if included:
                return None
            return "excludeOUs", f"out of scope: under the excluded OU {parent} (settings.scope.excludeOUs)"
        if self.has_includes:
            return "includeOUs", "out of scope: under none of the included OUs (settings.scope.includeOUs)"
        return None

    def _group_reason(self) -> str:
        """Why an object is outside the pilot group."""
        if not self.group_found:
            return (f"out of scope: the groupFilter group {self.group_dn} is not in the on-premises exports, so "
                    "nothing is a member (settings.scope.groupFilter)")
        return (f"out of scope: not a direct member of the groupFilter group {self.group_dn} (nested members are "
                "not in scope; settings.scope.groupFilter)")


SAMPLE = 1000


def _spellings(name: str, objects: Sequence[OnPremObject]) -> tuple[str, ...]:
    """The attribute's canonical name, the name as given, and the other spellings the first objects use."""
    known = ONPREM_TABLE.get(name.lower())
    found = [known] if known else []
    found.append(name)
    wanted = name.lower()
    for obj in objects[:SAMPLE]:
        for key in obj.attrs:
            if key.lower() == wanted and key not in found:
                found.append(key)
    return tuple(found)


def holds(clause: AttributeFilter, obj: OnPremObject, cloud_sync: bool, names: tuple[str, ...] | None = None) -> bool:
    """One scoping clause on one object (values compared case-sensitively, as Cloud Sync does)."""
    if names is None:
        raw = lookup(obj.attrs, clause.attribute, ONPREM_TABLE)
    else:
        attrs = obj.attrs
        raw = next((attrs[n] for n in names if n in attrs), None)
    values = [str(v) for v in as_list(raw)]
    operator = clause.operator
    if operator == "IS NULL":
        return not values
    if operator == "IS NOT NULL":
        return bool(values)
    if not values:
        # Cloud Sync: every clause but IS NULL is false on an empty attribute. Assumption (documented in
        # docs/topology.md): Connect's negated clauses hold on an empty attribute.
        return operator in NEGATED and not cloud_sync
    if operator in ("IS TRUE", "IS FALSE"):
        flag = as_bool(values[0])
        return flag is (operator == "IS TRUE")
    value = clause.value or ""
    if operator == "EQUALS":
        return value in values
    if operator == "NOT EQUALS":
        return value not in values
    if operator == "STARTS WITH":
        return any(v.startswith(value) for v in values)
    if operator == "NOT STARTS WITH":
        return not any(v.startswith(value) for v in values)
    assert clause.pattern is not None
    found = any(clause.pattern.search(v) for v in values)
    return found if operator == "REGEX MATCH" else not found
