"""R5 Soft match: a new object takes over a cloud object found by primary SMTP address or UPN.

Microsoft: when no hard match is found, Entra ID looks for a cloud object by the incoming primary
SMTP address (proxyAddresses) and, for users, by userPrincipalName. The match is refused for another
object type (ObjectTypeMismatch), for an object already synced or holding another ImmutableId (a new
object is attempted and fails with AttributeValueMustBeUnique on OnPremiseSecurityIdentifier or
ProxyAddresses), and for a user with an active admin role (a quarantined duplicate appears).
Mail-enabled groups and contacts match on proxyAddresses only; other groups never match.
blockSoftMatchEnabled switches it all off. Sources: "Entra Connect: When you have an existing
tenant" (soft match, AttributeValueMustBeUnique conflicts, admin role considerations); the
UPN/SMTP cross matching table of "Explained: User Hard Matching and Soft Matching".
Assumption: the incoming primary SMTP is compared with every SMTP address of the target, not only
its primary one (Microsoft's pages disagree).
(2026-12): a target whose Source of Authority is in the cloud is left alone ("Configure user
Source of Authority"); mail-enabled groups and contacts match on every incoming SMTP value and
mail (assumption, after Troubleshoot's example); a candidate found by the UPN only that is synced
or anchored elsewhere gives a duplicate with a quarantined UPN (Troubleshoot: resiliency replaces
InvalidSoftMatch for new objects); an on-premises mailbox matching a cloud user with an Exchange
Online mailbox gets DualMailbox (KB 2641663).
"""

from __future__ import annotations

from typing import Any

from ..index import CloudIndex
from ..model import USER, CloudObject, Tenant
from ..result import Result
from ..settings import EvalSettings
from . import mailbox, source_of_authority, takeover, uniqueness
from .competition import Claims, label
from .gaps import note_missing

PROXY, UPN = "proxyAddresses", "userPrincipalName"


def evaluate(result: Result, index: CloudIndex, settings: EvalSettings, claims: Claims, tenant: Tenant) -> bool:
    """Decide the outcome when soft match finds a candidate; False when it finds none."""
    if settings.block_soft_match:
        return False
    found = find(result, index, settings)
    if found is None:
        return False
    candidates, onprem_attr, cloud_attr, value = found
    target = _choose(result, candidates)
    result.matched(target, onprem_attr, cloud_attr, value)
    if source_of_authority.leaves_alone(result, target, "soft-match"):
        return True
    _assumptions(result, index, target, onprem_attr, cloud_attr, value)
    if target.kind != result.obj.kind:
        _type_mismatch(result, target, value)
    elif not _free(result, target, claims):
        if onprem_attr == UPN:
            _taken_by_upn(result, target, index, claims, settings, tenant)
        else:
            _taken(result, target, claims)
    elif target.kind == USER and target.assigned_roles:
        _admin(result, target)
    else:
        if target.kind == USER:
            note_missing(result, target, "assignedRoles")
        result.outcome = "softMatch"
        takeover.warn(result, settings, tenant)
        mailbox.dual_mailbox(result, target)
    return True


def find(result: Result, index: CloudIndex, settings: EvalSettings) -> tuple[Any, ...] | None:
    """Apply the matching rules in priority order; the first that finds a candidate decides."""
    ident = result.identity
    primary, upn = ident.primary_key, ident.upn_key
    if primary and primary in index.by_smtp:  # 1, for every type
        return index.by_smtp.of(primary), PROXY, PROXY, ident.primary_smtp
    if result.obj.kind != USER:
        return _any_address(result, index)
    if not settings.soft_match_on_upn:
        return None
    if upn and upn in index.by_upn:  # 2
        return index.by_upn.of(upn), UPN, UPN, ident.upn
    if upn and upn in index.by_primary:  # 3
        return index.by_primary.of(upn), UPN, PROXY, ident.upn
    if primary and primary in index.by_upn:
        return index.by_upn.of(primary), PROXY, UPN, ident.primary_smtp
    return None


def _any_address(result: Result, index: CloudIndex) -> tuple[Any, ...] | None:
    """(2026-12) Groups and contacts: every incoming SMTP value, primary or secondary, and mail (assumption)."""
    values = list(result.identity.smtp)
    mail = result.obj.mail
    if mail and "@" in mail:
        values.append(mail.strip())
    for value in values:
        key = value.lower()
        if key in index.by_smtp:
            return index.by_smtp.of(key), PROXY, PROXY, value
    return None


def _assumptions(result: Result, index: CloudIndex, target: CloudObject, onprem_attr: str, cloud_attr: str,
                 value: str | None) -> None:
    """Label the assumptions the match rests on."""
    key = (value or "").lower()
    if onprem_attr != cloud_attr:
        result.assume("R5-upn-smtp-cross")
    elif onprem_attr == PROXY:
        if result.obj.kind != USER and key != result.identity.primary_key:
            result.assume("R5-group-all-addresses")
        if target not in index.by_primary.of(key):  # matched on one of the target's other addresses
            result.assume("R5-smtp-all-target-addresses")
    if onprem_attr == UPN and any(w["code"] == "UpnRewritten" for w in result.warnings):
        result.assume("R3-rewritten-upn-matching")


def _choose(result: Result, candidates: list[CloudObject]) -> CloudObject:
    """Prefer a candidate of the object's own type; warn when the rule found several."""
    if len(candidates) == 1:
        return candidates[0]
    same = [c for c in candidates if c.kind == result.obj.kind]
    chosen = (same or candidates)[0]
    if len(candidates) > 1:
        ids = [c.id for c in candidates]
        result.warn("AmbiguousMatch", f"Several cloud objects fit: {', '.join(ids)}; {chosen.id} is assumed.",
                    {"candidates": ids})
    return chosen


def _free(result: Result, target: CloudObject, claims: Claims) -> bool:
    """True when the target is cloud-managed, unclaimed and holds no other ImmutableId."""
    if target.id in claims.targets or not target.cloud_managed:
        return False
    return not target.immutable_id or target.immutable_id == result.identity.anchor


def _type_mismatch(result: Result, target: CloudObject, value: str | None) -> None:
    """A user, group or contact cannot take over an object of another type."""
    result.outcome = "error"
    result.error("ObjectTypeMismatch", f"{value} belongs to cloud {target.kind} {target.id}, but the incoming "
                 f"object is a {result.obj.kind}: Entra ID cannot match objects of different types.",
                 conflicts=[target.id])


def _taken(result: Result, target: CloudObject, claims: Claims) -> None:
    """The candidate is synced or anchored elsewhere: a new object is attempted and collides."""
    earlier = claims.targets.get(target.id)
    holder_sid = earlier.identity.sid if earlier else target.sid
    sid = result.identity.sid
    same_sid = bool(sid and holder_sid and sid.upper() == holder_sid.upper())
    attribute = "OnPremiseSecurityIdentifier" if same_sid else "ProxyAddresses"
    if earlier is not None:
        why = f"is taken by {label(earlier)}, evaluated earlier, with anchor {earlier.identity.anchor}"
        conflicts = [target.id, label(earlier)]
    else:
        state = "is synchronised" if not target.cloud_managed else "is cloud-managed"
        why = f"{state} with ImmutableId {target.immutable_id or '(none)'}, not {result.identity.anchor}"
        conflicts = [target.id]
    result.outcome = "error"
    if not same_sid:
        result.assume("R5-taken-by-smtp-blocks")
    result.error("AttributeValueMustBeUnique", f"Cloud {target.kind} {target.id} {why}: a new object is attempted "
                 f"and fails because its {'SID' if same_sid else 'primary SMTP address'} is already in use.",
                 attribute=attribute, conflicts=conflicts)


def _taken_by_upn(result: Result, target: CloudObject, index: CloudIndex, claims: Claims, settings: EvalSettings,
                  tenant: Tenant) -> None:
    """(2026-12) Found by the UPN only: the new object is created with its UPN quarantined (resiliency)."""
    earlier = claims.targets.get(target.id)
    holder_sid = earlier.identity.sid if earlier else target.sid
    sid = result.identity.sid
    if sid and holder_sid and sid.upper() == holder_sid.upper():
        _taken(result, target, claims)
        return
    holders = [target.id] + ([label(earlier)] if earlier is not None else [])
    result.outcome = "duplicate"
    uniqueness.quarantine(result, uniqueness.UPN, result.identity.upn, holders, "synchronised or anchored", tenant,
                          settings)
    if not result.blocked:  # the new account's primary address may be taken too (R6, R8)
        uniqueness.taken_values(result, index, claims, tenant, settings, upn=False)
    if result.blocked:
        result.outcome = "error"
        return
    uniqueness.secondary(result, index, claims, settings)


def _admin(result: Result, target: CloudObject) -> None:
    """Entra ID refuses to match an account with an active admin role: a quarantined duplicate appears."""
    result.outcome = "duplicate"
    roles = ", ".join(target.assigned_roles)
    result.error("ExistingAdminRoleConflict", f"Cloud user {target.id} holds {roles}: Entra ID does not soft-match "
                 "it and creates a second account with quarantined UPN and address.", blocking=False,
                 conflicts=[target.id], assignedRoles=target.assigned_roles)
