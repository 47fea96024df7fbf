"""R8 Objects competing with each other: what earlier objects of the same snapshot already took.

Microsoft: objects are exported one after the other; once an object has taken a cloud object, an
anchor, a UPN or an address, a later object that wants it meets an object that is already synced
(soft match fails with AttributeValueMustBeUnique) or a taken value (duplicate-attribute
resiliency quarantines the UPN or drops the address). Sources: "Entra Connect: When you have an
existing tenant", "Duplicate attribute resiliency".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codes import MATCHED
from ..model import GROUP
from ..result import Result
from ..values import as_text


@dataclass(slots=True)
class Claims:
    """What the objects evaluated so far have taken: cloud targets, anchors, SIDs and values."""

    targets: dict[str, Result] = field(default_factory=dict)
    # duplicate_anchor is only asked about an object with an anchor; the key's type says what it is given.
    anchors: dict[str | None, Result] = field(default_factory=dict)
    anchor_rivals: list[Result] = field(default_factory=list)  # objects whose anchor an earlier one holds
    sids: dict[str, Result] = field(default_factory=dict)
    values: dict[str, Result] = field(default_factory=dict)
    group_addresses: dict[str, Result] = field(default_factory=dict)  # SMTP addresses of earlier mail-enabled groups

    def take(self, result: Result) -> None:
        """Record what an exported object takes.

        A duplicate is a new account too: it takes its values like any other (the ones resiliency quarantined are
        held in the cloud, which a later object meets first), except the second account of an admin-role
        conflict, whose UPN and address are both quarantined.
        """
        ident = result.identity
        sid = ident.sid
        if sid:  # a SID in upper case already (most are) is its own key: no copy
            self.sids.setdefault(sid if sid.isascii() and sid.isupper() else sid.upper(), result)
        if result.outcome == "duplicate" and any(e["code"] == "ExistingAdminRoleConflict" for e in result.errors):
            return
        if result.target is not None and result.outcome in MATCHED:
            self.targets.setdefault(result.target.id, result)
        claim = self.values.setdefault
        if ident.upn_key:
            claim(ident.upn_key, result)
        for value in ident.smtp:  # mostly lower case already: then the address is its own key, no copy
            claim(value if value.isascii() and value.islower() else value.lower(), result)
        mail = result.obj.attrs.get("mail")  # obj.mail without its call: text with no @ claims nothing either way
        if type(mail) is not str:
            mail = as_text(mail)
        if mail and "@" in mail:
            claim(mail.lower(), result)
        if result.obj.kind == GROUP and ident.smtp:
            for value in ident.smtp:
                self.group_addresses.setdefault(value.lower(), result)


def duplicate_anchor(result: Result, claims: Claims) -> bool:
    """Error SourceAnchor when an earlier object already holds the same anchor."""
    anchor = result.identity.anchor
    earlier = claims.anchors.setdefault(anchor, result)
    if earlier is result:
        return False
    claims.anchor_rivals.append(result)
    result.outcome = "error"
    result.error("AttributeValueMustBeUnique",
                 f"sourceAnchor {anchor} is also the anchor of {label(earlier)}, evaluated earlier: two objects "
                 "cannot share one ImmutableId, so this one is not exported.",
                 attribute="SourceAnchor", conflicts=[label(earlier)])
    return True


def label(result: Result) -> str:
    """Name an on-premises object: its objectGUID, else its DN, else its record number."""
    obj = result.obj
    return obj.guid or obj.dn or f"record {obj.record}"


# What objects can compete for, in the order their warnings name them.
WANTS = ("sourceAnchor", "cloud object", "userPrincipalName", "primary SMTP", "SMTP address")


def competing_warnings(results: list[Result], claims: Claims) -> None:
    """Warn every object that shares an anchor, a cloud target, a UPN or an SMTP address with another."""
    # Results are in snapshot order: an object's record number is its place among them.
    # (record of the first object, what, value) -> the objects
    shared: dict[tuple[int, int, str | None], list[Result]] = {}
    for result in claims.anchor_rivals:  # anchors: duplicate_anchor has already met each earlier holder
        anchor = result.identity.anchor
        first = claims.anchors[anchor]
        shared.setdefault((first.obj.record, 0, anchor), [first]).append(result)
    # The first object that wants each cloud object (1), UPN (2) and primary SMTP (3), as WANTS names them
    targets: dict[str, Result] = {}
    upns: dict[str, Result] = {}
    primaries: dict[str, Result] = {}
    others: dict[str, Result] = {}  # (2026-12) secondary addresses and mail compete too (R8): their first holder
    for result in results:
        if result.outcome == "skipped":
            continue
        ident, match = result.identity, result.match
        if match is not None:
            target = match["cloudId"]
            first = targets.setdefault(target, result)
            if first is not result:
                shared.setdefault((first.obj.record, 1, target), [first]).append(result)
        upn = ident.upn_key
        if upn is not None:
            first = upns.setdefault(upn, result)
            if first is not result:
                shared.setdefault((first.obj.record, 2, upn), [first]).append(result)
        primary = ident.primary_key
        if primary is not None:
            first = primaries.setdefault(primary, result)
            if first is not result:
                shared.setdefault((first.obj.record, 3, primary), [first]).append(result)
            if others:  # an earlier object holds this primary as another address
                holder = others.get(primary)
                if holder is not None and holder is not result:
                    shared.setdefault((holder.obj.record, 4, primary), [holder]).append(result)
        for address in _other_addresses(result):
            for holder in (primaries.get(address), others.setdefault(address, result)):
                if holder is not None and holder is not result:
                    shared.setdefault((holder.obj.record, 4, address), [holder]).append(result)
    rivals: dict[Result, dict[str, str]] = {}
    for (_, what, value), members in sorted(shared.items(), key=lambda item: item[0]):
        why = f"{WANTS[what]} {value}"
        for member in members:
            found = rivals.setdefault(member, {})
            for other in members:
                if other is not member:
                    found.setdefault(label(other), why)
    for result, found in rivals.items():
        names = ", ".join(f"{name} ({why})" for name, why in found.items())
        result.warn("CompetingOnPremObjects", f"Other on-premises objects want the same thing: {names}.",
                    {"objects": list(found), "shared": list(found.values())})


def _other_addresses(result: Result) -> list[str]:
    """An object's SMTP addresses and mail besides its primary, lower case (the primary has its own want)."""
    ident = result.identity
    smtp, mail, primary = ident.smtp, result.obj.attrs.get("mail"), ident.primary_key
    out = []
    if len(smtp) > 1:
        for value in smtp:  # mostly lower case already: then the address is its own key, no copy
            key = value if value.isascii() and value.islower() else value.lower()
            if key != primary:
                out.append(key)
    if type(mail) is str and "@" in mail:
        key = mail.strip().lower()
        if key != primary and key not in out:
            out.append(key)
    return out
