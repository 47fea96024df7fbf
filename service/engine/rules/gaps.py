"""Inputs a rule needs but the snapshot lacks: the prediction says what it could not check.

A cloud export made before the 2026-12 revision (or with a narrow $select) carries no
onPremisesObjectIdentifier, onPremisesSyncBehavior, role data, licences or mailbox plans. A rule
that needs one of these never guesses silently: the object's notes say which check was not made,
and the tenant finding MissingInputFields counts them for the whole snapshot.
"""

from __future__ import annotations

from typing import Any

from ..model import USER, CloudObject
from ..result import Result

# Cloud property -> (the object kinds that carry it, what cannot be predicted without it).
CLOUD_FIELDS = {
    "onPremisesObjectIdentifier": ((USER,), "AttributeUpdateNotAllowed (R4: a cloud user mapped to another "
                                   "on-premises object)"),
    "onPremisesSyncBehavior": ((USER, "group"), "SourceOfAuthorityInCloud (R1: objects converted to cloud "
                               "management)"),
    "assignedRoles": ((USER,), "InvalidHardMatch and ExistingAdminRoleConflict (R4, R5: privileged and admin "
                      "roles)"),
    "assignedLicenses": ((USER,), "UpnNotUpdated (R7: licensed users keep their UPN)"),
    "provisionedPlans": ((USER,), "DualMailbox (R5: an Exchange Online mailbox on the cloud user)"),
    "onPremisesSecurityIdentifier": (("group",), "the rejoin of synced groups by objectSid (R4.4)"),
}
ALTERNATIVES = {"assignedRoles": ("eligibleRoles",), "provisionedPlans": ("hasMailbox",),
                "onPremisesSyncBehavior": ("isCloudManaged",)}


def lacks(target: CloudObject, name: str) -> bool:
    """True when the cloud object's record does not carry the property (or its alternatives) at all."""
    attrs = target.attrs
    if name in attrs:  # the usual answer with a complete export
        return False
    return not any(alt in attrs for alt in ALTERNATIVES.get(name, ()))


# One shared note per property: at 1,000,000 objects an export without the property gives many notes.
NOTES = {name: [f"The cloud export has no {name} for the matched cloud object: {what} could not be predicted."]
         for name, (_, what) in CLOUD_FIELDS.items()}


def note_missing(result: Result, target: CloudObject, name: str) -> bool:
    """Note on the result that a check could not be made because the target lacks a property; True if so."""
    if name in target.attrs or not lacks(target, name):
        return False
    result.note(NOTES[name])
    return True


def missing_fields(objects: list[CloudObject]) -> dict[str, str]:
    """The properties no live cloud object of the kinds that carry them has, with what they would predict."""
    by_kind: dict[str, list[Any]] = {}
    for obj in objects:
        if not obj.deleted:
            by_kind.setdefault(obj.kind, []).append(obj)
    missing = {}
    for name, (kinds, what) in CLOUD_FIELDS.items():
        names = (name, *ALTERNATIVES.get(name, ()))
        carriers = [o for kind in kinds for o in by_kind.get(kind, ())]
        if carriers and not any(n in o.attrs for o in carriers for n in names):
            missing[name] = what
    return missing


def deleted_without_values(objects: list[CloudObject]) -> int:
    """Deleted users exported without UPN and proxyAddresses: restore conflicts (R4.3) cannot be checked."""
    return sum(1 for o in objects if o.deleted and not o.upn and not o.proxies)
