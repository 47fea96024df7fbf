"""R4 Hard match (2026-12): a user whose sourceAnchor equals a cloud user's ImmutableId.

Microsoft: Entra ID first looks for a user whose ImmutableId equals the incoming sourceAnchor. A
synchronised user is joined (a rebuilt server), unless its onPremisesObjectIdentifier names another
on-premises object (AttributeUpdateNotAllowed, error 96). From July 1, 2026 a hard match onto a
cloud-managed user is blocked when it is assigned or eligible for a privileged role
(InvalidHardMatch, 103) or already holds an onPremisesObjectIdentifier; the tenant feature
allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled switches these protections off, and
blockCloudObjectTakeoverThroughHardMatchEnabled blocks every takeover. A user soft-deleted less
than 30 days ago is restored instead, under the same guards. Sources: "Configure Entra Connect for
an existing tenant" (Hard match security protections), "Troubleshoot errors during
synchronization" (InvalidHardMatch, AttributeUpdateNotAllowed), MC1262584, MC1263280,
"Entra Connect sync: recycle bin".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..anchor import AnchorError, guid_text
from ..index import CloudIndex
from ..model import USER, CloudObject, Tenant
from ..result import Result
from ..roles import privileged
from ..settings import EvalSettings
from . import source_of_authority, takeover
from .gaps import note_missing

RECYCLE_BIN_DAYS = 30
PRIVILEGED_MESSAGE = "The cloud user with privileged roles is not allowed to be taken over."
IDENTIFIER_MESSAGE = ("Unable to update this object because the following attributes associated with this object are "
                      "not allowed to be updated by your on-premises directory: [OnPremisesObjectIdentifier cannot "
                      "be changed unless its current value is null.]")


def evaluate(result: Result, index: CloudIndex, settings: EvalSettings, tenant: Tenant) -> bool:
    """Decide the outcome when the anchor finds a live or soft-deleted cloud user; False otherwise."""
    anchor = result.identity.anchor
    if anchor is None or anchor not in index.by_anchor:  # the usual case: one lookup
        return False
    found = index.by_anchor.of(anchor)
    live = [u for u in found if not u.deleted and u.kind == USER]
    if live:
        result.matched(live[0], "sourceAnchor", "sourceAnchor", anchor)
        if not source_of_authority.leaves_alone(result, live[0], "hard-match"):
            (_synced if live[0].sync_enabled is True else _cloud_managed)(result, live[0], settings, tenant)
        return True
    deleted = [u for u in found if u.deleted and in_recycle_bin(u, settings)]
    if deleted:
        result.matched(deleted[0], "sourceAnchor", "sourceAnchor", anchor)
        _deleted(result, deleted[0], index, settings, tenant)
        return True
    return False


def _synced(result: Result, target: CloudObject, settings: EvalSettings, tenant: Tenant) -> None:
    """R4.1 A synced user rejoins (a rebuilt server), unless it is mapped to another on-premises object."""
    if not settings.allow_identifier_update and identifier_conflict(result, target):
        _identifier_error(result, target)
        return
    result.outcome = "hardMatch"


def _cloud_managed(result: Result, target: CloudObject, settings: EvalSettings, tenant: Tenant) -> None:
    """R4.2 A cloud-managed user: the block flag, privileged roles, the identifier, else a takeover."""
    roles = _guarded(result, target, settings, tenant)
    if roles is None:
        return
    if not settings.allow_identifier_update and identifier_conflict(result, target):
        _identifier_error(result, target)
        return
    result.outcome = "hardMatch"
    takeover.warn(result, settings, tenant)
    if roles and not any(w["code"] == "PrivilegedAccountTakeover" for w in result.warnings):
        result.warn("PrivilegedAccountTakeover", f"{target.id} holds the privileged role(s) {', '.join(roles)}, and "
                    "allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled switches Entra's protection off: the "
                    "on-premises account takes it over.", {"privilegedRoles": roles})
    elif roles:  # the eligible-role warning of R7 is there: name the privileged roles in it too
        next(w for w in result.warnings if w["code"] == "PrivilegedAccountTakeover").setdefault(
            "details", {})["privilegedRoles"] = roles


def _deleted(result: Result, target: CloudObject, index: CloudIndex, settings: EvalSettings,
             tenant: Tenant) -> None:
    """R4.3 A soft-deleted user: the block flag, privileged roles, values taken since, else a restore."""
    if _guarded(result, target, settings, tenant) is None:
        return
    if _restore_conflict(result, target, index):
        return
    _reanimate(result, target, settings, tenant)


def _guarded(result: Result, target: CloudObject, settings: EvalSettings, tenant: Tenant) -> list[str] | None:
    """The guards R4.2 and R4.3 share, in order: the block flag, then privileged roles (unless bypassed).

    None when a guard refused the match (the error is recorded); else the target's privileged roles, which
    matter still when the bypass lets the takeover through.
    """
    if settings.block_hard_match_takeover:
        _blocked_by_tenant(result, target)
        return None
    roles = privileged_roles(target, tenant)
    note_missing(result, target, "assignedRoles")
    if roles and not settings.allow_identifier_update:
        _privileged(result, target, roles)
        return None
    return roles


def identifier_conflict(result: Result, target: CloudObject) -> bool:
    """The target's onPremisesObjectIdentifier is set and is not the incoming objectGUID (compared as GUIDs)."""
    held = target.object_identifier
    if held is None:
        note_missing(result, target, "onPremisesObjectIdentifier")
        return False
    guid = result.obj.guid
    if guid is None:
        result.note([f"{target.id} holds onPremisesObjectIdentifier {held}, and this object has no objectGUID to "
                     "compare it with: AttributeUpdateNotAllowed could not be predicted."])
        return False
    try:
        held_guid = guid_text(held)
    except AnchorError:
        held_guid = held.strip().lower()
    return held_guid != guid


def privileged_roles(target: CloudObject, tenant: Tenant) -> list[str]:
    """Privileged roles the target is assigned or eligible for (definitions' isPrivileged, else the built-in list)."""
    entries = target.role_entries("assignedRoles") + target.role_entries("eligibleRoles")
    if not entries:
        return []
    names = privileged(entries, tenant.role_definitions)
    return list(dict.fromkeys(names))


def _blocked_by_tenant(result: Result, target: CloudObject) -> None:
    """blockCloudObjectTakeoverThroughHardMatchEnabled refuses every hard-match takeover and restore."""
    result.outcome = "error"
    what = "deleted user" if target.deleted else "cloud-managed user"
    result.error("InvalidHardMatch", f"The anchor matches {what} {target.id}, and the tenant sets "
                 "blockCloudObjectTakeoverThroughHardMatchEnabled: Entra ID refuses the takeover.",
                 conflicts=[target.id], reason="blockCloudObjectTakeoverThroughHardMatchEnabled")


def _privileged(result: Result, target: CloudObject, roles: list[str]) -> None:
    """A target assigned or eligible for a privileged role is protected since July 2026 (error 103)."""
    result.outcome = "error"
    what = "deleted user" if target.deleted else "cloud user"
    result.error("InvalidHardMatch", f"{PRIVILEGED_MESSAGE} The anchor matches {what} {target.id}, which is "
                 f"assigned or eligible for {', '.join(roles)}.", conflicts=[target.id], reason="privilegedRole",
                 privilegedRoles=roles, assignedRoles=target.assigned_roles, eligibleRoles=target.eligible_roles)


def _identifier_error(result: Result, target: CloudObject) -> None:
    """The target is mapped to another on-premises object: the remap is refused (error 96)."""
    result.outcome = "error"
    result.error("AttributeUpdateNotAllowed", f"{IDENTIFIER_MESSAGE} Cloud user {target.id} is mapped to on-premises "
                 f"object {target.object_identifier}, not to this one ({result.obj.guid}): the AD object was "
                 "recreated, moved between forests or merged.", conflicts=[target.id],
                 onPremisesObjectIdentifier=target.object_identifier)


def _restore_conflict(result: Result, target: CloudObject, index: CloudIndex) -> bool:
    """A live object now holds the deleted user's UPN or one of its addresses: the restore fails (assumption)."""
    upn = restored_upn(target)
    if not upn and not target.proxies:
        result.note([f"The export of deleted user {target.id} has no userPrincipalName or proxyAddresses: whether a "
                     "live object now holds them (AttributeValueMustBeUnique, R4.3) could not be predicted."])
        return False
    smtp = [p[5:] for p in target.proxies if p[:5].lower() == "smtp:"]
    conflicts = _taken_since(target, index, upn, smtp)
    if not conflicts:
        return False
    result.outcome = "error"
    result.assume("R4-restore-conflict")
    for attribute, value, holders in conflicts:
        result.error("AttributeValueMustBeUnique", f"Deleted user {target.id} would be restored, but {value} is now "
                     f"held by {', '.join(holders)}: the restore fails and nothing is quarantined.",
                     attribute=attribute, conflicts=holders, value=value)
    return True


def _taken_since(target: CloudObject, index: CloudIndex, upn: str | None, smtp: list[str]) -> list[tuple[Any, ...]]:
    """(attribute, value, holders) for each value of the deleted user a live object holds, each value once.

    A UPN held as a UPN, or an address held as an address, names its own attribute first; a value held across
    the two (UPN and proxy addresses share one namespace) then names the deleted user's attribute.
    """
    mine = ([("UserPrincipalName", upn, index.by_upn)] if upn else []) + [("ProxyAddresses", a, index.by_smtp)
                                                                          for a in smtp]
    found: dict[str, tuple[Any, ...]] = {}
    for same_kind in (True, False):
        for attribute, value, own in mine:
            key = value.lower()
            if key in found:
                continue
            holders = own.of(key) if same_kind else index.holders(key)
            ids = [h.id for h in holders if h.id != target.id]
            if ids:
                found[key] = (attribute, value, ids)
    return list(found.values())


def restored_upn(target: CloudObject) -> str | None:
    """The deleted user's UPN, without the object-id prefix Entra ID puts on deleted users' UPNs."""
    upn = target.upn
    prefix = target.id.replace("-", "").lower()
    if upn and prefix and upn.lower().startswith(prefix) and len(upn) > len(prefix):
        return upn[len(prefix):]
    return upn


def in_recycle_bin(user: CloudObject, settings: EvalSettings) -> bool:
    """True while a deleted user can still be restored (deleted less than 30 days before now)."""
    if user.deleted_at is None:
        return True
    return settings.now - user.deleted_at < timedelta(days=RECYCLE_BIN_DAYS)


def _reanimate(result: Result, target: CloudObject, settings: EvalSettings, tenant: Tenant) -> None:
    """Restore a soft-deleted user instead of creating a new one."""
    result.outcome = "reanimate"
    when = target.deleted_at.isoformat() if target.deleted_at else "an unknown date"
    result.warn("RestoredFromRecycleBin", f"Deleted user {target.id} (deleted {when}) is restored from the "
                "recycle bin with its licences, group memberships and mailbox.", {"deletedDateTime": when})
    takeover.warn(result, settings, tenant)
