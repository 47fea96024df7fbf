"""R10 Remediation: PowerShell an admin can paste, with the object's real values filled in.

Cmdlets: ActiveDirectory module (Set-ADUser, Set-ADObject), Microsoft Graph PowerShell (Update-MgUser,
Remove-MgDirectoryDeletedItem, role assignment cmdlets, Update-MgDirectoryOnPremiseSynchronization)
and ADSync (Start-ADSyncSyncCycle). Source: "Entra Connect: When you have an existing tenant".
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .anchor import AnchorError, guid_from_immutable_id
from .model import USER, Tenant
from .powershell import graph_filter, guid_value, literal, object_id, sid_filter, user_uri
from .powershell import script as script
from .result import Result
from .rules.identity import UPN_FORBIDDEN
from .settings import EvalSettings

SYNC = "Start-ADSyncSyncCycle -PolicyType Delta"
# The outcomes that get a step without any error or warning; an object with neither and another outcome gets none.
FIXED = ("softMatch", "reanimate")


def q(value: object) -> str:
    """Quote a value for PowerShell as a single-quoted literal (every PowerShell single quote doubled)."""
    return literal(value)


def suggest(result: Result, settings: EvalSettings, tenant: Tenant) -> None:
    """Add the remediation steps that fit the object's outcome and errors."""
    for error in result.errors:
        handler = ERROR_FIXES.get((error["code"], error.get("attribute")))
        handler = handler or ERROR_FIXES.get((error["code"], None))
        if handler:
            handler(result, error, settings, tenant)
    for warning in result.warnings:
        if warning["code"] == "UpnRewritten":
            _upn_suffix(result, tenant)
    if result.outcome == "softMatch" and result.obj.kind == USER:
        assert result.target is not None  # a soft match always has its target
        _planned_hard_match(result, result.target.id, "Make this match a planned hard match (it then survives "
                            "blockSoftMatchEnabled)")
    if result.outcome == "reanimate":
        assert result.target is not None  # so does a restore
        result.fix("If the restored account is not wanted, purge it from the recycle bin before the first sync",
                   f"Remove-MgDirectoryDeletedItem -DirectoryObjectId {object_id(result.target.id)}")


def _dn(result: Result) -> str:
    """The object's identity for the AD cmdlets."""
    return q(result.obj.dn or result.obj.text("sAMAccountName") or f"<record {result.obj.record}>")


def _ad_cmdlet(result: Result) -> str:
    """Set-ADUser for users, Set-ADObject for groups and contacts."""
    return "Set-ADUser" if result.obj.kind == USER else "Set-ADObject"


def _planned_hard_match(result: Result, cloud_id: str, action: str) -> None:
    """Stamp the anchor on the cloud user so that the hard match decides."""
    result.fix(action, f"Update-MgUser -UserId {object_id(cloud_id)} "
               f"-OnPremisesImmutableId {q(result.identity.anchor)}")


def _anchors_differ(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Make the on-premises anchor equal the cloud ImmutableId, or clear the cloud ImmutableId."""
    target = result.target
    if target is None or target.id not in error.get("conflictsWith", []) or len(error["conflictsWith"]) > 1:
        _earlier_owner(result, error)
        return
    if target.object_identifier:  # R10 (2026-12): else the hard match that follows fails with error 96
        _clear_object_identifier(result, target.id)
    if target.immutable_id and result.obj.kind == USER and settings.anchor_is_consistency_guid:
        try:
            guid = guid_from_immutable_id(target.immutable_id)
        except AnchorError:
            guid = None
        if guid:
            result.fix(f"Give the on-premises user the anchor of cloud user {target.id} so that it hard-matches",
                       f"Set-ADUser {_dn(result)} -Replace @{{'mS-DS-ConsistencyGuid'={guid_value(guid)}}}")
    if target.cloud_managed:
        result.fix(f"Or clear the ImmutableId of cloud user {target.id} so that the object soft-matches",
                   f"Invoke-MgGraphRequest -Method PATCH -Uri {user_uri(target.id)} "
                   "-Body '{\"onPremisesImmutableId\": null}'")


def _earlier_owner(result: Result, error: dict[str, Any]) -> None:
    """Two on-premises objects want one cloud object: the address must belong to one of them."""
    value = result.identity.primary_smtp or result.identity.upn
    if value and result.identity.primary_smtp:
        result.fix(f"Decide which on-premises object owns {value}; remove it from this one",
                   f"{_ad_cmdlet(result)} {_dn(result)} -Remove @{{proxyAddresses={q('SMTP:' + value)}}}")


def _duplicate_anchor(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """A copied mS-DS-ConsistencyGuid makes two objects share one anchor."""
    if result.obj.kind == USER and settings.anchor_is_consistency_guid and result.obj.get("mS-DS-ConsistencyGuid"):
        result.fix("Clear the copied mS-DS-ConsistencyGuid (sync writes this object's own objectGUID back)",
                   f"Set-ADUser {_dn(result)} -Clear 'mS-DS-ConsistencyGuid'")


def _taken_value(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """A UPN or address held by a cloud account: join them on purpose, or change the on-premises value."""
    holders = error.get("conflictsWith", [])
    value = error.get("details", {}).get("value")
    if error["attribute"] == "UserPrincipalName" and value:
        if result.obj.kind == USER and holders and result.outcome == "duplicate":
            _planned_hard_match(result, holders[0], f"If {holders[0]} is this person's cloud account, join them "
                                "with a planned hard match (needs hard-match takeover allowed)")
        result.fix(f"Or give the on-premises user a UPN nobody holds (it is now {value})",
                   f"Set-ADUser {_dn(result)} -UserPrincipalName '<new UPN>'")
    elif value:
        if result.obj.kind == USER and holders and result.outcome == "duplicate" and error.get("blocking") is False:
            _planned_hard_match(result, holders[0], f"If {holders[0]} is the same mailbox owner, join them with a "
                                "planned hard match")
        proxy = next((p for p in _proxies(result) if p[5:].lower() == str(value).lower()), f"smtp:{value}")
        result.fix(f"Or remove {value} from the on-premises object",
                   f"{_ad_cmdlet(result)} {_dn(result)} -Remove @{{proxyAddresses={q(proxy)}}}")


def _found_by_upn_only(result: Result, error: dict[str, Any]) -> bool:
    """R5.2 (2026-12): the UPN matched a cloud user synced or anchored elsewhere: its anchor is the fix."""
    target = result.target
    return target is not None and error.get("conflictsWith") == [target.id] and result.outcome == "duplicate"


def _proxies(result: Result) -> list[str]:
    """The object's proxyAddresses as text."""
    raw = result.obj.get("proxyAddresses")
    return [str(p) for p in (raw if isinstance(raw, list) else [raw] if raw else [])]


def _sid_conflict(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Same SID: the same person re-created, or a SID reissued by a restored domain controller."""
    if result.target is not None:
        _anchors_differ(result, error, settings, tenant)
        return
    result.fix("Find the objects that share this SID; a restored domain controller may have reissued it",
               f"Get-ADObject -Filter {sid_filter(result.identity.sid)} -Properties objectSid")


def _admin_conflict(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Remove the roles, hard-delete the quarantined object, sync, re-add the roles."""
    cloud_id = error["conflictsWith"][0]
    roles = error.get("details", {}).get("assignedRoles", [])
    result.fix(f"Remove the directory roles of {cloud_id} before the first sync",
               f"Get-MgRoleManagementDirectoryRoleAssignment -Filter {graph_filter('principalId', cloud_id)} | "
               "ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }")
    if result.outcome == "duplicate":
        result.fix("If a sync already ran, hard-delete the quarantined duplicate it created",
                   "Remove-MgUser -UserId '<id of the quarantined duplicate>'; "
                   "Remove-MgDirectoryDeletedItem -DirectoryObjectId '<id of the quarantined duplicate>'")
    result.fix("Run a sync cycle so that the object matches", SYNC)
    for role in roles:
        result.fix(f"Add {role} back once the match is done",
                   f"$role = Get-MgRoleManagementDirectoryRoleDefinition -Filter {graph_filter('displayName', role)}; "
                   f"New-MgRoleManagementDirectoryRoleAssignment -PrincipalId {object_id(cloud_id)} "
                   "-RoleDefinitionId $role.Id -DirectoryScopeId '/'")


def _clear_object_identifier(result: Result, cloud_id: str) -> None:
    """R10 (2026-12): clear the cloud user's onPremisesObjectIdentifier (Graph beta, or ADSyncTools 2.5+)."""
    # Actions become script comments: they name no directory value (R10).
    result.fix("Validate that the cloud user is this person's account, then clear its onPremisesObjectIdentifier "
               "(needs User-OnPremisesSyncBehavior.ReadWrite.All)",
               "Invoke-MgGraphRequest -Method PATCH -Uri ('https://graph.microsoft.com/beta/users/' + "
               f"{q(cloud_id)}) -Body '{{\"onPremisesObjectIdentifier\": null}}' -ContentType 'application/json'")
    result.fix("Or clear it with ADSyncTools 2.5 or later",
               f"Import-Module ADSyncTools -MinimumVersion 2.5; Clear-ADSyncToolsOnPremisesAttribute -Id {q(cloud_id)} "
               "-onPremisesObjectIdentifier")


def _identifier_conflict(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """AttributeUpdateNotAllowed: clear onPremisesObjectIdentifier, then sync so that the hard match completes."""
    _clear_object_identifier(result, error["conflictsWith"][0])
    result.fix("Run a sync cycle: the hard match then stamps a fresh onPremisesObjectIdentifier", SYNC)


# PowerShell filters built from a quoted value: 'principalId eq ''' + $id + '''' is principalId eq '<id>'.
_PRINCIPAL_FILTER = "('principalId eq ''' + $id + '''')"
_ROLE_FILTER = "('displayName eq ''' + $name + '''')"


def _privileged_target(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """InvalidHardMatch 103: remove the privileged roles for the match, then give them back."""
    cloud_id = error["conflictsWith"][0]
    roles = error.get("details", {}).get("privilegedRoles", [])
    if result.target is not None and result.target.deleted:
        result.fix("Restore the deleted cloud user from the recycle bin first if it is still wanted",
                   f"Restore-MgDirectoryDeletedItem -DirectoryObjectId {q(cloud_id)}")
    result.fix("Temporarily remove the privileged role assignments and eligibilities of the cloud user",
               f"$id = {q(cloud_id)}; Get-MgRoleManagementDirectoryRoleAssignment -Filter {_PRINCIPAL_FILTER} | "
               "ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }; "
               f"Get-MgRoleManagementDirectoryRoleEligibilitySchedule -Filter {_PRINCIPAL_FILTER} | ForEach-Object "
               "{ New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest -Action 'adminRemove' "
               "-PrincipalId $_.PrincipalId -RoleDefinitionId $_.RoleDefinitionId "
               "-DirectoryScopeId $_.DirectoryScopeId }")
    result.fix("Run a sync cycle so that the hard match completes", SYNC)
    for role in roles:
        result.fix("Give the role back once the match is done (as an eligibility if it was one)",
                   f"$name = {q(role)}; $role = Get-MgRoleManagementDirectoryRoleDefinition -Filter {_ROLE_FILTER}; "
                   f"New-MgRoleManagementDirectoryRoleAssignment -PrincipalId {q(cloud_id)} "
                   "-RoleDefinitionId $role.Id -DirectoryScopeId '/'")


def _hard_match_blocked(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Allow the takeover for the matching window, or keep the cloud user apart."""
    if error.get("details", {}).get("reason") == "privilegedRole":
        _privileged_target(result, error, settings, tenant)
        return
    cloud_id = error["conflictsWith"][0]
    result.fix("Allow hard-match takeover while matching, then block it again",
               "$OnPremSync = Get-MgDirectoryOnPremiseSynchronization; "
               "$OnPremSync.Features.BlockCloudObjectTakeoverThroughHardMatchEnabled = $false; "
               "Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId $OnPremSync.Id "
               f"-Features $OnPremSync.Features; {SYNC}")
    result.fix(f"Or keep {cloud_id} cloud-only by clearing its ImmutableId",
               f"Invoke-MgGraphRequest -Method PATCH -Uri {user_uri(cloud_id)} "
               "-Body '{\"onPremisesImmutableId\": null}'")


def _type_mismatch(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """The address belongs to a cloud object of another type: remove it from one side."""
    value = (result.match or {}).get("value")
    if not value:
        return
    proxy = next((p for p in _proxies(result) if p[5:].lower() == value.lower()), f"SMTP:{value}")
    result.fix(f"Remove {value} from the on-premises {result.obj.kind} (or from cloud object "
               f"{error['conflictsWith'][0]} in Exchange Online)",
               f"{_ad_cmdlet(result)} {_dn(result)} -Remove @{{proxyAddresses={q(proxy)}}}")


def _invalid_upn(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Replace an invalid UPN with a cleaned-up one."""
    value = error.get("details", {}).get("value")
    cleaned = clean_upn(value) if value else None
    result.fix("Give the user a valid userPrincipalName",
               f"Set-ADUser {_dn(result)} -UserPrincipalName {q(cleaned or '<new UPN>')}")


def clean_upn(upn: str) -> str | None:
    """Fold accents to ASCII and drop the characters Entra ID rejects."""
    ascii_text = unicodedata.normalize("NFKD", upn).encode("ascii", "ignore").decode("ascii")
    kept = "".join(c for c in ascii_text if c not in UPN_FORBIDDEN and not c.isspace())
    name, _, domain = kept.rpartition("@")
    name = name.replace("@", "").rstrip(".")
    return f"{name}@{domain.rstrip('.')}" if name and domain else None


def _invalid_proxy(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Remove the invalid proxy address."""
    value = error.get("details", {}).get("value")
    if value:
        result.fix("Remove the invalid proxy address",
                   f"{_ad_cmdlet(result)} {_dn(result)} -Remove @{{proxyAddresses={q(value)}}}")


def _large_object(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Trim the attribute that makes the object too large."""
    name = error.get("details", {}).get("valueAttribute", "proxyAddresses")
    if name.lower().endswith("certificate"):
        result.fix(f"Remove expired or unused {name} values",
                   f"{_ad_cmdlet(result)} {_dn(result)} -Clear {q(name)}  # or -Remove only the expired ones")
    else:
        result.fix("Remove proxy addresses that are no longer used",
                   f"{_ad_cmdlet(result)} {_dn(result)} -Remove @{{proxyAddresses=@('<unused address>')}}")


def _no_anchor(result: Result, error: dict[str, Any], settings: EvalSettings, tenant: Tenant) -> None:
    """Export objectGUID, or choose a valid sourceAnchor attribute."""
    result.fix("Export the object with its objectGUID (and mS-DS-ConsistencyGuid)",
               f"Get-ADObject {_dn(result)} -Properties 'objectGUID','mS-DS-ConsistencyGuid' | ConvertTo-Json -Depth 5")


def _upn_suffix(result: Result, tenant: Tenant) -> None:
    """Verify the suffix, or move the user to a verified one."""
    upn = result.identity.onprem_upn or ""
    name, _, suffix = upn.rpartition("@")
    verified = sorted(d for d in tenant.verified_domains if not d.endswith(".onmicrosoft.com"))
    target = verified[0] if verified else (tenant.initial_domain or "<verified domain>")
    result.fix(f"Change the UPN suffix to a verified domain (or verify {suffix} in the tenant)",
               f"Set-ADUser {_dn(result)} -UserPrincipalName {q(f'{name}@{target}')}")


ERROR_FIXES = {
    ("AttributeValueMustBeUnique", "ProxyAddresses"): lambda r, e, s, t: (
        _anchors_differ(r, e, s, t) if r.outcome == "error" else _taken_value(r, e, s, t)),
    ("AttributeValueMustBeUnique", "UserPrincipalName"): lambda r, e, s, t: (
        _anchors_differ(r, e, s, t) if _found_by_upn_only(r, e) else _taken_value(r, e, s, t)),
    ("AttributeValueMustBeUnique", "OnPremiseSecurityIdentifier"): _sid_conflict,
    ("AttributeValueMustBeUnique", "SourceAnchor"): _duplicate_anchor,
    ("ExistingAdminRoleConflict", None): _admin_conflict,
    ("InvalidHardMatch", None): _hard_match_blocked,
    ("AttributeUpdateNotAllowed", None): _identifier_conflict,
    ("ObjectTypeMismatch", None): _type_mismatch,
    ("IdentityDataValidationFailed", "UserPrincipalName"): _invalid_upn,
    ("IdentityDataValidationFailed", "ProxyAddresses"): _invalid_proxy,
    ("LargeObject", None): _large_object,
    ("InvalidSourceAnchor", None): _no_anchor,
}
