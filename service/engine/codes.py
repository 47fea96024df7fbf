"""The catalogue of stable codes: outcomes, errors, warnings and tenant findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LEARN = "https://learn.microsoft.com/entra/identity/hybrid/connect/"
EXISTING_TENANT = LEARN + "how-to-connect-install-existing-tenant"
TROUBLESHOOT = LEARN + "tshoot-connect-sync-errors"
RESILIENCY = LEARN + "how-to-connect-syncservice-duplicate-attribute-resiliency"
SOURCE_ANCHOR = LEARN + "plan-connect-design-concepts"
UPN_PLAN = LEARN + "plan-connect-userprincipalname"
RECYCLE_BIN = LEARN + "how-to-connect-sync-recycle-bin"
DEFAULT_CONFIG = LEARN + "concept-azure-ad-connect-sync-default-configuration"
SYNC_FEATURES = LEARN + "how-to-connect-syncservice-features"
USER_SOA = "https://learn.microsoft.com/entra/identity/hybrid/user-source-of-authority-overview"
TOPOLOGIES = LEARN + "plan-connect-topologies"
CHOOSE_CLIENT = "https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/connect-to-cloud-sync-decision-guide"


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
    Code("hardMatch", "outcome", "info", "joins the live cloud user whose ImmutableId equals its sourceAnchor "
         "(groups and contacts: the synced cloud object they were exported to)", EXISTING_TENANT,
         assumption="R4-group-contact-rejoin"),
    Code("softMatch", "outcome", "medium", "takes over a cloud object found by primary SMTP address or UPN",
         EXISTING_TENANT, assumption="R5-smtp-all-target-addresses, R5-upn-smtp-cross, R5-group-all-addresses, "
         "R3-rewritten-upn-matching"),
    Code("reanimate", "outcome", "medium", "restores a soft-deleted cloud user with the same ImmutableId",
         RECYCLE_BIN),
    Code("provision", "outcome", "info", "a new cloud object is created", EXISTING_TENANT),
    Code("duplicate", "outcome", "high",
         "collides with a cloud account it may not take over; a second account with quarantined values appears",
         RESILIENCY),
    Code("error", "outcome", "high", "export fails: nothing is created or linked until the data is fixed",
         TROUBLESHOOT),
    Code("skipped", "outcome", "info", "not synchronised (class out of scope, excluded by the default filters, or "
         "its cloud target's Source of Authority is in the cloud)", DEFAULT_CONFIG, assumption="R1-krbtgt-dollar"),
)

# The outcomes in report order, those that join an existing cloud object, and those that make sync unsafe.
OUTCOME_ORDER = tuple(OUTCOMES)
MATCHED = ("hardMatch", "softMatch", "reanimate")
UNSAFE = tuple(name for name, code in OUTCOMES.items() if code.severity == "high")
SAFE_VERDICT, UNSAFE_VERDICT = "SAFE TO SYNC", "NOT SAFE TO SYNC"


def verdict(summary: dict[str, Any]) -> str:
    """SAFE TO SYNC or NOT SAFE TO SYNC, from a report's summary."""
    return SAFE_VERDICT if summary.get("safeToSync") else UNSAFE_VERDICT


ERRORS = _entries(
    Code("AttributeValueMustBeUnique", "error", "high",
         "a UPN, proxy address, SIP address, SID or sourceAnchor is already held by another object", TROUBLESHOOT,
         assumption="R5-taken-by-smtp-blocks, R4-restore-conflict, R3-rewritten-upn-matching"),
    Code("InvalidSoftMatch", "error", "high",
         "a soft match was found for an object that is not new (reported by Entra on updates)", TROUBLESHOOT),
    Code("InvalidHardMatch", "error", "high",
         "hard match blocked: the tenant blocks takeover, or the cloud user holds a privileged role (assigned or "
         "eligible; error 103)", TROUBLESHOOT),
    Code("AttributeUpdateNotAllowed", "error", "high",
         "the cloud user's onPremisesObjectIdentifier is set to another object: Entra ID refuses the remap (error 96)",
         TROUBLESHOOT),
    Code("ObjectTypeMismatch", "error", "high",
         "the matching cloud object is of another type (user, group, contact)", TROUBLESHOOT),
    Code("ExistingAdminRoleConflict", "error", "high",
         "the cloud user a soft match finds holds an active admin role, so Entra refuses to match", EXISTING_TENANT),
    Code("IdentityDataValidationFailed", "error", "high",
         "a UPN or proxy address breaks Entra ID's format rules", TROUBLESHOOT,
         assumption="R3-invalid-upn-error: Plan UserPrincipalName says Entra computes a new UPN for an invalid "
                    "one; Troubleshoot names IdentityDataValidationFailed, which SyncMatch predicts"),
    Code("LargeObject", "error", "high",
         "too many proxyAddresses or certificates for one object", TROUBLESHOOT,
         assumption="R3-large-object-limit: Entra's limit depends on the object's size (311 to 332 "
                    "proxyAddresses); SyncMatch uses more than 300"),
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
    Code("SourceOfAuthorityInCloud", "warning", "medium",
         "the cloud object's source of authority was converted to the cloud (isCloudManaged): sync leaves it "
         "alone and the on-premises object is skipped", USER_SOA),
    Code("DualMailbox", "warning", "high",
         "an on-premises mailbox soft-matches a cloud user with an Exchange Online mailbox: two mailboxes, mail "
         "splits", EXISTING_TENANT),
    Code("UpnNotUpdated", "warning", "info",
         "synchronizeUpnForManagedUsersEnabled is off and the cloud user is licensed: its UPN is not overwritten",
         SYNC_FEATURES),
    Code("GroupTypeMissing", "warning", "low",
         "the export has no groupType for the group: it is taken as a security group", DEFAULT_CONFIG),
    Code("RestoredFromRecycleBin", "warning", "medium",
         "a soft-deleted cloud user comes back instead of a new one being created", RECYCLE_BIN),
    Code("JoinAmbiguous", "warning", "medium",
         "several enabled accounts or mailboxes joined one person across forests: Connect uses one and ignores the "
         "others", TOPOLOGIES),
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
    Code("HardMatchProtectionBypassed", "finding", "high",
         "allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled is on: the July 2026 hard-match protections "
         "(privileged roles, onPremisesObjectIdentifier) are switched off", EXISTING_TENANT),
    Code("QuarantineDisabled", "finding", "high",
         "quarantineUponUpnConflictEnabled or quarantineUponProxyAddressesConflictEnabled is off: a duplicate "
         "value fails the export instead of being quarantined", RESILIENCY),
    Code("SourceAnchorFallback", "finding", "medium",
         "sourceAnchor auto: users already hold mS-DS-ConsistencyGuid, so the wizard falls back to objectGUID",
         SOURCE_ANCHOR),
    Code("SourceAnchorFixedInCloudSync", "finding", "medium",
         "Cloud Sync's sourceAnchor is fixed (mS-DS-ConsistencyGuid, else objectGUID): another sourceAnchor setting "
         "is ignored", CHOOSE_CLIENT),
    Code("CloudSyncScaleLimit", "finding", "high",
         "more than 150,000 objects in scope in one AD domain: beyond Cloud Sync's supported scale", CHOOSE_CLIENT),
    Code("MissingInputFields", "finding", "medium",
         "the snapshots lack fields some rules need: those predictions could not be made", EXISTING_TENANT),
)


@dataclass(frozen=True, slots=True)
class Assumption:
    """A choice SyncMatch makes where Microsoft's pages disagree or are silent; results name it by id."""

    id: str
    rule: str
    text: str


def _assumptions(*items: Assumption) -> dict[str, Assumption]:
    """Index assumptions by id."""
    return {a.id: a for a in items}


ASSUMPTIONS = _assumptions(
    Assumption("R1-krbtgt-dollar", "R1", "krbtgt and sAMAccountName ending in $ are skipped: not on Microsoft's "
               "list of default filters (IdFix skips such names)"),
    Assumption("R3-rewritten-upn-matching", "R3", "the rewritten UPN (<mailNickname>@<initial domain>) is the one "
               "used for UPN matching and uniqueness (undocumented)"),
    Assumption("R3-invalid-upn-error", "R3", "an invalid UPN fails with IdentityDataValidationFailed (Troubleshoot); "
               "Plan UserPrincipalName says Entra computes a new UPN instead"),
    Assumption("R3-large-object-limit", "R3", "LargeObject above 300 proxyAddresses; Microsoft gives 311 to 332 "
               "depending on the object's size"),
    Assumption("R4-restore-conflict", "R4.3", "a restore whose UPN or address a live object now holds fails with a "
               "blocking AttributeValueMustBeUnique, no quarantine (Microsoft's Japan support blog)"),
    Assumption("R4-group-contact-rejoin", "R4.4", "Graph exports no anchor for groups and contacts: a group rejoins "
               "the "
               "synced cloud group with its objectSid, a contact the synced cloud contact with its primary SMTP"),
    Assumption("R5-smtp-all-target-addresses", "R5.1", "the incoming primary SMTP is compared with every SMTP address "
               "of the target, not only its primary one"),
    Assumption("R5-upn-smtp-cross", "R5.3", "the incoming UPN is compared with the target's primary SMTP and the "
               "incoming primary SMTP with the target's UPN (seed 003; Microsoft documents SMTP-proxyAddresses and "
               "UPN-UPN only)"),
    Assumption("R5-group-all-addresses", "R5", "a mail-enabled group or contact matches on every incoming SMTP value, "
               "primary or secondary, and mail"),
    Assumption("R5-taken-by-smtp-blocks", "R5.2", "a soft match by SMTP onto an object synced or anchored elsewhere "
               "fails with a blocking AttributeValueMustBeUnique (seed 001), not a quarantine"),
)


CATALOGUE = {**OUTCOMES, **ERRORS, **WARNINGS, **FINDINGS}
