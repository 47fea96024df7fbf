"""R4 Hard match: a user whose sourceAnchor equals a cloud user's ImmutableId.

Microsoft: Entra ID first looks for an object whose ImmutableId equals the incoming sourceAnchor.
A synchronised object is joined (the normal case for a rebuilt server). A cloud-managed user is
taken over unless the tenant sets blockCloudObjectTakeoverThroughHardMatchEnabled, and never when it
holds an active admin role. A user soft-deleted less than 30 days ago with that ImmutableId is
restored from the recycle bin instead. Hard match is tried before soft match and applies to users
only. Sources: "Entra Connect: When you have an existing tenant" (hard match, block hard-match
takeover, admin role considerations), "Entra Connect sync: recycle bin".
"""

from __future__ import annotations

from datetime import timedelta

from ..index import CloudIndex
from ..model import USER, CloudObject
from ..result import Result
from ..settings import EvalSettings
from . import takeover

RECYCLE_BIN_DAYS = 30


def evaluate(result: Result, index: CloudIndex, settings: EvalSettings) -> bool:
    """Decide the outcome when the anchor finds a live or soft-deleted cloud user; False otherwise."""
    anchor = result.identity.anchor
    if anchor not in index.by_anchor:  # the usual case: one lookup
        return False
    found = index.by_anchor.of(anchor)
    live = [u for u in found if not u.deleted and u.kind == USER]
    if live:
        _live(result, live[0], settings)
        return True
    deleted = [u for u in found if u.deleted and in_recycle_bin(u, settings)]
    if deleted:
        _reanimate(result, deleted[0], settings)
        return True
    return False


def _live(result: Result, target: CloudObject, settings: EvalSettings) -> None:
    """Join a synced user, or take over a cloud-managed one unless blocked."""
    result.matched(target, "sourceAnchor", "sourceAnchor", result.identity.anchor)
    if not target.cloud_managed:
        result.outcome = "hardMatch"
        if target.assigned_roles:
            result.warn("AdminRoleOnSyncedAccount", f"{target.id} holds {', '.join(target.assigned_roles)}: keep "
                        "a cloud-only emergency admin, a rebuilt server may not match privileged accounts.",
                        {"assignedRoles": target.assigned_roles})
        return
    if settings.block_hard_match_takeover:
        result.outcome = "error"
        result.error("InvalidHardMatch", f"The anchor matches cloud-managed user {target.id}, and the tenant sets "
                     "blockCloudObjectTakeoverThroughHardMatchEnabled: Entra ID refuses the takeover.",
                     conflicts=[target.id])
        return
    if target.assigned_roles:
        result.outcome = "error"
        result.error("ExistingAdminRoleConflict", f"The anchor matches cloud user {target.id}, which holds "
                     f"{', '.join(target.assigned_roles)}: Entra ID does not match accounts with an active admin "
                     "role.", conflicts=[target.id], assignedRoles=target.assigned_roles)
        return
    result.outcome = "hardMatch"
    takeover.warn(result, settings)


def in_recycle_bin(user: CloudObject, settings: EvalSettings) -> bool:
    """True while a deleted user can still be restored (deleted less than 30 days before now)."""
    if user.deleted_at is None:
        return True
    return settings.now - user.deleted_at < timedelta(days=RECYCLE_BIN_DAYS)


def _reanimate(result: Result, target: CloudObject, settings: EvalSettings) -> None:
    """Restore a soft-deleted user instead of creating a new one."""
    result.matched(target, "sourceAnchor", "sourceAnchor", result.identity.anchor)
    result.outcome = "reanimate"
    when = target.deleted_at.isoformat() if target.deleted_at else "an unknown date"
    result.warn("RestoredFromRecycleBin", f"Deleted user {target.id} (deleted {when}) is restored from the "
                "recycle bin with its licences, group memberships and mailbox.", {"deletedDateTime": when})
    takeover.warn(result, settings)
