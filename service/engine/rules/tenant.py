"""R9 Tenant-level findings: settings and leftovers that matter for the whole tenant.

Microsoft advises turning blockSoftMatchEnabled and blockCloudObjectTakeoverThroughHardMatchEnabled
on except while a matching procedure is under way. Synced cloud objects that nothing joins stay
orphaned (managed by a sync server that no longer exists); cloud-managed accounts nothing matches
stay cloud-only. (2026-12) The bypass of the hard-match protections, switched-off quarantines and
the automatic sourceAnchor's fallback are findings too; blocking soft match makes new hybrid-joined
devices fail with InvalidSoftMatch until it is turned off again. Source: "Entra Connect: When you
have an existing tenant" (Block soft-match, Block hard-match, Hard match security protections);
"Entra Connect sync service features"; "Duplicate attribute resiliency"; "Design concepts";
"Plan UserPrincipalName" (non-verified UPN suffixes).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..codes import FINDINGS, MATCHED
from ..index import CloudIndex
from ..model import USER, CloudObject, Tenant
from ..result import Result
from ..settings import EvalSettings
from .identity import domain_verified

FEATURE_SCRIPT = (
    "Connect-MgGraph -Scopes 'OnPremDirectorySynchronization.ReadWrite.All'\n"
    "$OnPremSync = Get-MgDirectoryOnPremiseSynchronization\n"
    "$OnPremSync.Features.{name} = $true\n"
    "Update-MgDirectoryOnPremiseSynchronization -OnPremisesDirectorySynchronizationId $OnPremSync.Id "
    "-Features $OnPremSync.Features"
)


def finding(code: str, message: str, recommendation: str, powershell: str | None = None,
            **extra: object) -> dict[str, Any]:
    """Build one tenant finding from the catalogue."""
    entry: dict[str, Any] = {"code": code, "severity": FINDINGS[code].severity, "message": message,
                             "recommendation": recommendation}
    if powershell:
        entry["powershell"] = powershell
    entry.update(extra)
    return entry


def feature_findings(settings: EvalSettings) -> list[dict[str, Any]]:
    """Takeover through soft or hard match is possible while the block flags are off."""
    out = []
    if not settings.block_soft_match:
        out.append(finding(
            "SoftMatchTakeoverPossible", "blockSoftMatchEnabled is off: an on-premises object with a matching "
            "UPN or primary SMTP address takes over the cloud account.",
            "Turn blockSoftMatchEnabled on once the planned soft matches are done. Microsoft's caveat: while "
            "blockSoftMatchEnabled is on, new hybrid Azure AD joined devices fail to sync with InvalidSoftMatch; "
            "turn it off again while you join devices.",
            FEATURE_SCRIPT.format(name="BlockSoftMatchEnabled")))
    if not settings.block_hard_match_takeover:
        out.append(finding(
            "HardMatchTakeoverPossible", "blockCloudObjectTakeoverThroughHardMatchEnabled is off: an on-premises "
            "object whose anchor equals a cloud-managed user's ImmutableId takes that user over.",
            "Turn blockCloudObjectTakeoverThroughHardMatchEnabled on once the planned hard matches are done.",
            FEATURE_SCRIPT.format(name="BlockCloudObjectTakeoverThroughHardMatchEnabled")))
    return out


def protection_findings(settings: EvalSettings) -> list[dict[str, Any]]:
    """(2026-12) The hard-match protections bypassed, and quarantines switched off."""
    out = []
    if settings.allow_identifier_update:
        out.append(finding(
            "HardMatchProtectionBypassed", "allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled is on: hard "
            "matches onto privileged accounts and remaps of onPremisesObjectIdentifier are not blocked.",
            "Turn the bypass off once the validated migration or recovery is done.",
            FEATURE_SCRIPT.format(name="AllowOnPremUpdateOfOnPremisesObjectIdentifierEnabled").replace(
                "= $true", "= $false")))
    off = [name for name, on in (("quarantineUponUpnConflictEnabled", settings.quarantine_upn),
                                 ("quarantineUponProxyAddressesConflictEnabled", settings.quarantine_proxy)) if not on]
    if off:
        out.append(finding(
            "QuarantineDisabled", f"{' and '.join(off)} is off: a duplicate value of that attribute fails the export "
            "instead of being quarantined by duplicate-attribute resiliency.",
            "Turn the quarantine back on, or fix every duplicate value before the first sync.",
            "\n".join(FEATURE_SCRIPT.format(name=name[0].upper() + name[1:]) for name in off), features=off))
    return out


def anchor_finding(settings: EvalSettings, holding: int) -> list[dict[str, Any]]:
    """(2026-12) sourceAnchor auto fell back to objectGUID because users already hold mS-DS-ConsistencyGuid."""
    if settings.anchor_setting != "auto" or not holding:
        return []
    return [finding(
        "SourceAnchorFallback", f"{holding} in-scope user(s) already hold an mS-DS-ConsistencyGuid value: the "
        "wizard assumes another application uses it and chooses objectGUID as the sourceAnchor.",
        "Check whether these values come from a previous sync installation; if so, choose mS-DS-ConsistencyGuid "
        "explicitly so that the users keep their anchors.", count=holding)]


def missing_input_finding(missing: dict[str, Any], deleted_without_values: int,
                          defaulted: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Fields the snapshots lack: the predictions that need them could not be made."""
    items = [{"field": name, "notPredicted": what} for name, what in missing.items()]
    if deleted_without_values:
        items.append({"field": "deletedUsers.userPrincipalName/proxyAddresses", "count": deleted_without_values,
                      "notPredicted": "AttributeValueMustBeUnique on a restore (R4.3)"})
    if not items:
        return []
    names = ", ".join(i["field"] for i in items)
    return [finding("MissingInputFields", f"The cloud snapshot lacks {names}: the predictions that need them "
                    "could not be made.", "Export them (scripts/Export-SyncMatchSnapshot.ps1 does, with Graph beta "
                    "for onPremisesObjectIdentifier and onPremisesSyncBehavior) and run the prediction again.",
                    missing=items, defaultedFeatures=list(defaulted))]


def leftovers(results: list[Result], index: CloudIndex) -> tuple[list[dict[str, Any]], int, list[dict[str, Any]]]:
    """Synced cloud objects nothing joins (orphans) and cloud-managed users nothing matches."""
    taken = {r.target.id for r in results if r.target is not None and r.outcome in MATCHED}
    orphans, cloud_only = [], 0
    for obj in index.live:
        if obj.id in taken:
            continue
        if obj.sync_enabled is True:
            orphans.append(_describe(obj))
        elif obj.kind == USER:  # cloud-managed
            cloud_only += 1
    out = []
    if orphans:
        out.append(finding(
            "OrphanedSyncedObjects", f"{len(orphans)} cloud object(s) are marked as synchronised but no "
            "on-premises object joins them: they stay read-only in the cloud.",
            "Restore their on-premises objects (with the same anchor), or convert them to cloud-managed.",
            count=len(orphans)))
    if cloud_only:
        out.append(finding(
            "CloudOnlyAccounts", f"{cloud_only} cloud-managed user(s) are matched by nothing and stay cloud-only.",
            "Check that none of them is meant to be joined to an on-premises account.", count=cloud_only))
    return orphans, cloud_only, out


def _describe(obj: CloudObject) -> dict[str, Any]:
    """Identify a cloud object for the report."""
    return {"id": obj.id, "objectType": obj.kind, "displayName": obj.display_name,
            "userPrincipalName": obj.upn, "onPremisesImmutableId": obj.immutable_id}


def upn_suffix_finding(results: list[Result], tenant: Tenant) -> list[dict[str, Any]]:
    """Count users per UPN suffix that is not a verified domain."""
    upns = [r.identity.onprem_upn for r in results if r.outcome != "skipped"]
    users = Counter([upn.rpartition("@")[2].lower() for upn in upns if upn and "@" in upn])
    suffixes = {s: n for s, n in users.items() if not domain_verified(s, tenant)}
    if not suffixes:
        return []
    listed = ", ".join(f"{s} ({n})" for s, n in sorted(suffixes.items()))
    return [finding("UnverifiedUpnSuffixes", f"UPN suffixes that are not verified domains: {listed}.",
                    "Verify these domains in the tenant, or change the users' UPN suffix on-premises before "
                    "the first sync.", "New-MgDomain -Id '<domain>'  # then add the DNS TXT record and "
                    "Confirm-MgDomain -DomainId '<domain>'", suffixes=dict(sorted(suffixes.items())))]


def input_finding(rejected: list[Any]) -> list[dict[str, Any]]:
    """Rejected input records leave the prediction incomplete."""
    if not rejected:
        return []
    return [finding("IncompleteInput", f"{len(rejected)} input record(s) could not be read and have no "
                    "prediction.", "Fix the records listed under rejected and run the prediction again.",
                    count=len(rejected))]


def missing_pages_finding(cloud: dict[str, Any]) -> list[dict[str, Any]]:
    """Graph pages whose @odata.nextLink has no following page: the tenant export is incomplete.

    Graph pages a collection and each page but the last carries @odata.nextLink
    (https://learn.microsoft.com/graph/paging); the readers record such pages in tenant.missingPages.
    """
    tenant_data = cloud.get("tenant") if isinstance(cloud, dict) else None
    pages = tenant_data.get("missingPages") if isinstance(tenant_data, dict) else None
    if not isinstance(pages, list) or not pages:
        return []
    named = "; ".join(_page_name(p) for p in pages if isinstance(p, dict))
    return [finding("IncompleteInput", f"The tenant export stops before its last page: {named}. Objects on the "
                    "missing pages count as absent from the tenant, so matches with them are not predicted.",
                    "Export every page (follow @odata.nextLink until a page has none, or use -All) and run the "
                    "prediction again.", pages=pages)]


def _page_name(page: dict[str, Any]) -> str:
    """'users page at file 2, line 1 (next: https://...)'."""
    where = f"file {page['source']}, " if page.get("source") else ""
    return (f"{page.get('collection', 'objects')} page at {where}line {page.get('line')} "
            f"(@odata.nextLink {str(page.get('nextLink'))[:200]})")
