"""R8 Objects competing with each other: what earlier objects of the same snapshot already took.

Microsoft: objects are exported one after the other; once an object has taken a cloud object, an
anchor, a UPN or an address, a later object that wants it meets an object that is already synced
(soft match fails with AttributeValueMustBeUnique) or a taken value (duplicate-attribute
resiliency quarantines the UPN or drops the address). Sources: "Entra Connect: When you have an
existing tenant", "Duplicate attribute resiliency".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..result import Result


@dataclass(slots=True)
class Claims:
    """What the objects evaluated so far have taken: cloud targets, anchors, SIDs and values."""

    targets: dict = field(default_factory=dict)
    anchors: dict = field(default_factory=dict)
    sids: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)

    def take(self, result: Result) -> None:
        """Record what an exported object takes (a duplicate keeps only its anchor and SID)."""
        ident = result.identity
        if ident.sid:
            self.sids.setdefault(ident.sid.upper(), result)
        if result.outcome == "duplicate":
            return
        if result.target is not None and result.outcome in ("hardMatch", "softMatch", "reanimate"):
            self.targets.setdefault(result.target.id, result)
        for value in ([ident.upn] if ident.upn else []) + ident.smtp:
            self.values.setdefault(value.lower(), result)


def duplicate_anchor(result: Result, claims: Claims) -> bool:
    """Error SourceAnchor when an earlier object already holds the same anchor."""
    anchor = result.identity.anchor
    earlier = claims.anchors.get(anchor)
    if earlier is None:
        claims.anchors[anchor] = result
        return False
    result.outcome = "error"
    result.error("AttributeValueMustBeUnique",
                 f"sourceAnchor {anchor} is also the anchor of {label(earlier)}, evaluated earlier: two objects "
                 "cannot share one ImmutableId, so this one is not exported.",
                 attribute="SourceAnchor", conflicts=[label(earlier)])
    return True


def label(result: Result) -> str:
    """Name an on-premises object: its objectGUID, else its DN, else its record number."""
    obj = result.obj
    return str(obj.guid) if obj.guid else (obj.dn or f"record {obj.record}")


def competing_warnings(results: list[Result]) -> None:
    """Warn every object that shares an anchor, a cloud target, a UPN or a primary SMTP with another."""
    groups: dict[tuple, list[Result]] = defaultdict(list)
    for result in results:
        if result.outcome == "skipped":
            continue
        for key in _keys(result):
            groups[key].append(result)
    rivals: dict[int, dict[str, str]] = defaultdict(dict)
    for (what, value), members in groups.items():
        if len(members) < 2:
            continue
        for member in members:
            for other in members:
                if other is not member:
                    rivals[id(member)].setdefault(label(other), f"{what} {value}")
    for result in results:
        found = rivals.get(id(result))
        if found:
            names = ", ".join(f"{name} ({why})" for name, why in found.items())
            result.warn("CompetingOnPremObjects", f"Other on-premises objects want the same thing: {names}.",
                        {"objects": list(found), "shared": list(found.values())})


def _keys(result: Result) -> list[tuple]:
    """The things an object can compete for."""
    ident = result.identity
    keys = []
    if ident.anchor:
        keys.append(("sourceAnchor", ident.anchor))
    if result.match:
        keys.append(("cloud object", result.match["cloudId"]))
    if ident.upn:
        keys.append(("userPrincipalName", ident.upn.lower()))
    if ident.primary_smtp:
        keys.append(("primary SMTP", ident.primary_smtp.lower()))
    return keys
