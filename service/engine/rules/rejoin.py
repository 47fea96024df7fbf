"""R4.4 (2026-12) Groups and contacts rejoin the cloud objects a previous server synced.

Microsoft: the sourceAnchor "links existing objects" of every type, so a rebuilt sync server joins
the groups and contacts it synced before ("Design concepts"). Graph does not export a group's or
contact's ImmutableId, so (assumption R4-group-contact-rejoin) a group rejoins the synced cloud
group whose onPremisesSecurityIdentifier is its objectSid, and a contact the synced cloud contact
with its primary SMTP address: hardMatch, never a new object, DuplicateGroupName or a uniqueness
error.
"""

from __future__ import annotations

from ..index import CloudIndex
from ..model import CONTACT, GROUP, CloudObject
from ..result import Result
from . import source_of_authority
from .competition import Claims


def evaluate(result: Result, index: CloudIndex, claims: Claims) -> bool:
    """Join a group or contact to the synced cloud object it was exported to before; False when there is none."""
    kind = result.obj.kind
    if kind == GROUP:
        sid = result.identity.sid
        found = _synced(index.by_sid.of(sid.upper()) if sid else [], GROUP, claims)
        pair, value = ("sourceAnchor", "onPremisesSecurityIdentifier"), sid
    elif kind == CONTACT:
        primary = result.identity.primary_key
        found = _synced(index.by_primary.of(primary) if primary else [], CONTACT, claims)
        pair, value = ("sourceAnchor", "proxyAddresses"), result.identity.primary_smtp
    else:
        return False
    if found is None:
        return False
    result.matched(found, pair[0], pair[1], value)
    result.assume("R4-group-contact-rejoin")
    if not source_of_authority.leaves_alone(result, found, "rejoin"):
        result.outcome = "hardMatch"
    return True


def _synced(candidates: list[CloudObject], kind: str, claims: Claims) -> CloudObject | None:
    """The first synced cloud object of the kind that no earlier object has joined."""
    for candidate in candidates:
        if candidate.kind == kind and candidate.sync_enabled is True and candidate.id not in claims.targets:
            return candidate
    return None
