"""The catalogue of stable codes: outcomes, errors, warnings and tenant findings."""

from __future__ import annotations

from dataclasses import dataclass

LEARN = "https://learn.microsoft.com/entra/identity/hybrid/connect/"
EXISTING_TENANT = LEARN + "how-to-connect-install-existing-tenant"
TROUBLESHOOT = LEARN + "tshoot-connect-sync-errors"
RESILIENCY = LEARN + "how-to-connect-syncservice-duplicate-attribute-resiliency"
SOURCE_ANCHOR = LEARN + "plan-connect-design-concepts"
UPN_PLAN = LEARN + "plan-connect-userprincipalname"
RECYCLE_BIN = LEARN + "how-to-connect-sync-recycle-bin"
DEFAULT_CONFIG = LEARN + "concept-azure-ad-connect-sync-default-configuration"


@dataclass(frozen=True, slots=True)
class Code:
    """One stable code: what it is, its default severity, the source, and whether it is an assumption."""

    code: str
    kind: str
    severity: str
    summary: str
    source: str
    assumption: str | None = None


def _entries(*codes: Code) -> dict[str, Code]:
    """Index codes by name."""
    return {c.code: c for c in codes}


OUTCOMES = _entries(
    Code("hardMatch", "outcome", "info", "joins the live cloud user whose ImmutableId equals its sourceAnchor",
         EXISTING_TENANT),
    Code("softMatch", "outcome", "medium", "takes over a cloud object found by primary SMTP address or UPN",
         EXISTING_TENANT),
    Code("reanimate", "outcome", "medium", "restores a soft-deleted cloud user with the same ImmutableId",
         RECYCLE_BIN),
    Code("provision", "outcome", "info", "a new cloud object is created", EXISTING_TENANT),
    Code("duplicate", "outcome", "high",
         "collides with a cloud account it may not take over; a second account with quarantined values appears",
         RESILIENCY),
    Code("error", "outcome", "high", "export fails: nothing is created or linked until the data is fixed",
         TROUBLESHOOT),
    Code("skipped", "outcome", "info", "not synchronised (class out of scope or excluded by the default filters)",
         DEFAULT_CONFIG),
)

ERRORS = _entries(
    Code("AttributeValueMustBeUnique", "error", "high",
         "a UPN, proxy address, SID or sourceAnchor is already held by another object", TROUBLESHOOT),
    Code("InvalidSoftMatch", "error", "high",
         "a soft match was found for an object that is not new (reported by Entra on updates)", TROUBLESHOOT),
    Code("InvalidHardMatch", "error", "high",
         "hard-match takeover of a cloud-managed user is blocked by the tenant", EXISTING_TENANT),
    Code("ObjectTypeMismatch", "error", "high",
         "the matching cloud object is of another type (user, group, contact)", TROUBLESHOOT),
    Code("ExistingAdminRoleConflict", "error", "high",
         "the cloud user found holds an active admin role, so Entra refuses to match", EXISTING_TENANT),
    Code("IdentityDataValidationFailed", "error", "high",
         "a UPN or proxy address breaks Entra ID's format rules", TROUBLESHOOT),
    Code("LargeObject", "error", "high",
         "too many proxyAddresses or certificates for one object", TROUBLESHOOT,
         assumption="Entra's limit depends on the object's size (311 to 332 proxyAddresses); "
                    "SyncMatch uses more than 300"),
    Code("InvalidSourceAnchor", "error", "high",
         "the sourceAnchor is missing or is not a valid value", SOURCE_ANCHOR),
)

WARNINGS = _entries(
    Code("CloudAttributesOverwritten", "warning", "medium",
         "cloud values that on-premises values will overwrite or clear", EXISTING_TENANT),
    Code("PasswordHashOverwritten", "warning", "medium",
         "password hash sync replaces the cloud password of a cloud-managed user", EXISTING_TENANT),
    Code("PrivilegedAccountTakeover", "warning", "high",
         "the account taken over holds an eligible (PIM) admin role or is a named break-glass account",
         EXISTING_TENANT),
    Code("CloudAccountTakeover", "warning", "info",
         "a cloud-managed account becomes managed on-premises", EXISTING_TENANT),
    Code("UpnRewritten", "warning", "medium",
         "the UPN suffix is not a verified domain: the cloud UPN becomes mailNickname@initial domain", UPN_PLAN),
    Code("DuplicateGroupName", "warning", "low",
         "a new group gets the displayName of an existing cloud group", EXISTING_TENANT),
    Code("CompetingOnPremObjects", "warning", "medium",
         "several on-premises objects want the same cloud object, anchor, UPN or address", RESILIENCY),
    Code("AdminRoleOnSyncedAccount", "warning", "high",
         "a synchronised account that hard-matches holds an active admin role", EXISTING_TENANT,
         assumption="the rules keep the hard match of an already synchronised account; some field "
                    "reports say a rebuilt server does not match privileged accounts"),
    Code("RestoredFromRecycleBin", "warning", "medium",
         "a soft-deleted cloud user comes back instead of a new one being created", RECYCLE_BIN),
    Code("AmbiguousMatch", "warning", "medium",
         "several cloud objects fit the same matching rule; the first in snapshot order is used", TROUBLESHOOT),
)

FINDINGS = _entries(
    Code("SoftMatchTakeoverPossible", "finding", "high",
         "blockSoftMatchEnabled is off: any on-premises object can take over a cloud account by address",
         EXISTING_TENANT),
    Code("HardMatchTakeoverPossible", "finding", "high",
         "blockCloudObjectTakeoverThroughHardMatchEnabled is off: cloud-managed users can be taken over "
         "through ImmutableId", EXISTING_TENANT),
    Code("OrphanedSyncedObjects", "finding", "medium",
         "cloud objects marked as synchronised that no on-premises object will join", EXISTING_TENANT),
    Code("CloudOnlyAccounts", "finding", "info",
         "cloud-managed accounts that nothing matches stay cloud-only", EXISTING_TENANT),
    Code("UnverifiedUpnSuffixes", "finding", "medium",
         "UPN suffixes that are not verified domains of the tenant", UPN_PLAN),
    Code("IncompleteInput", "finding", "high",
         "records of the snapshots could not be read, or a Graph page of the tenant export is missing, so "
         "predictions are missing", TROUBLESHOOT),
)

CATALOGUE = {**OUTCOMES, **ERRORS, **WARNINGS, **FINDINGS}
