"""Domain objects: on-premises objects, cloud objects and the tenant, built from canonical snapshots."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .anchor import PLAIN_GUID, AnchorError, guid_text
from .names import CLOUD_TABLE, ONPREM_TABLE, canonical
from .roles import definitions, role_label
from .topology import JoinedEntry, Source
from .values import as_bool, as_list, as_text, lower_keys, parse_datetime, sid_text

USER, GROUP, CONTACT = "user", "group", "contact"

# Most specific first: a computer's objectClass chain also holds "user".
# The synchronised classes (lower case) and the kind of object each becomes.
KINDS = {"user": USER, "inetorgperson": USER, GROUP: GROUP, CONTACT: CONTACT}


class OnPremObject:
    """One Active Directory object as exported, with the attributes every rule reads worked out once."""

    __slots__ = ("attrs", "class_name", "display_name", "dn", "guid", "guid_problem", "joined", "kind", "record", "sam",
                 "source", "upn")

    def __init__(self, record: int, attrs: dict[str, Any], class_name: str, guid: str | None, guid_problem: str | None):
        self.record = record
        self.attrs = attrs
        self.class_name = class_name
        # user, group or contact; None for classes not synchronised
        self.kind = KINDS.get(class_name) or KINDS.get(class_name.lower())
        self.guid = guid
        self.guid_problem = guid_problem
        # as_text, with its usual case (text, or no value) inlined: four calls fewer per object
        get = attrs.get
        value = get("distinguishedName")
        self.dn = (value if value and not value.isspace() else None) if type(value) is str else as_text(value)
        value = get("userPrincipalName")
        self.upn = (value if value and not value.isspace() else None) if type(value) is str else as_text(value)
        value = get("sAMAccountName")
        self.sam = (value if value and not value.isspace() else None) if type(value) is str else as_text(value)
        value = get("displayName")
        self.display_name = (value if value and not value.isspace() else None) if type(value) is str \
            else as_text(value)
        # With a topology: {"export", "domain", "forest"}, and the objects joined into this one (joins.py).
        self.source: Source | None = None
        self.joined: list[JoinedEntry] | None = None

    def get(self, name: str) -> object:
        """Return an attribute by its canonical name (see names.py)."""
        return self.attrs.get(name)

    def text(self, name: str) -> str | None:
        """Return a single-valued attribute as text."""
        return as_text(self.attrs.get(name))

    @property
    def mail(self) -> str | None:
        """Return mail."""
        return as_text(self.attrs.get("mail"))

    @property
    def sid(self) -> str | None:
        """Return objectSid as S-1-... text."""
        return sid_text(self.attrs.get("objectSid"))


class CloudObject:
    """One Entra ID user, group or contact."""

    __slots__ = ("attrs", "deleted", "deleted_at", "id", "immutable_id", "kind", "proxies", "sid", "sync_enabled",
                 "upn")

    def __init__(self, kind: str, attrs: dict[str, Any]):
        value = attrs.get("id")
        self.id = value if type(value) is str else str(value or "")
        self.kind = kind
        self.attrs = attrs
        self.proxies = _texts(attrs.get("proxyAddresses"))
        synced = attrs.get("onPremisesSyncEnabled")
        self.sync_enabled = synced if synced is None or synced is True or synced is False else as_bool(synced)
        self.upn: str | None = None
        self.immutable_id: str | None = None
        self.sid: str | None = None
        self.deleted = False
        self.deleted_at: datetime | None = None

    def text(self, name: str) -> str | None:
        """Return a single-valued property as text, by its canonical name."""
        return as_text(self.attrs.get(name))

    @property
    def cloud_managed(self) -> bool:
        """True unless the object is currently synchronised from on-premises."""
        return self.sync_enabled is not True

    @property
    def display_name(self) -> str | None:
        """Return displayName."""
        return self.text("displayName")

    @property
    def assigned_roles(self) -> list[Any]:
        """The names of the user's active admin roles (read when needed: only matched users' roles matter)."""
        return _roles(self.attrs.get("assignedRoles")) if self.kind == USER else []

    @property
    def eligible_roles(self) -> list[Any]:
        """The names of the user's PIM-eligible admin roles."""
        return _roles(self.attrs.get("eligibleRoles")) if self.kind == USER else []

    def role_entries(self, name: str) -> list[Any]:
        """assignedRoles or eligibleRoles as exported: names, template ids or role objects."""
        return as_list(self.attrs.get(name)) if self.kind == USER else []

    @property
    def object_identifier(self) -> str | None:
        """onPremisesObjectIdentifier: the objectGUID of the on-premises object the user was last mapped to."""
        return as_text(self.attrs.get("onPremisesObjectIdentifier"))

    @property
    def soa_in_cloud(self) -> bool:
        """True when onPremisesSyncBehavior.isCloudManaged is true (Source of Authority converted to the cloud)."""
        behavior = self.attrs.get("onPremisesSyncBehavior")
        if isinstance(behavior, dict):
            value = next((v for k, v in behavior.items() if str(k).lower() == "iscloudmanaged"), None)
            return as_bool(value) is True
        # an export that flattened the object: isCloudManaged beside the user's other properties
        flat = self.attrs.get("isCloudManaged")
        return flat is not None and as_bool(flat) is True

    @property
    def licensed(self) -> bool | None:
        """True when assignedLicenses holds a licence, None when the export has no assignedLicenses."""
        if "assignedLicenses" not in self.attrs:
            return None
        return bool(as_list(self.attrs.get("assignedLicenses")))

    @property
    def exchange_mailbox(self) -> bool | None:
        """True when an enabled exchange plan is provisioned or hasMailbox is true; None when neither is exported."""
        plans, has = self.attrs.get("provisionedPlans"), self.attrs.get("hasMailbox")
        if "provisionedPlans" not in self.attrs and "hasMailbox" not in self.attrs:
            return None
        if as_bool(has) is True:
            return True
        return any(_enabled_exchange(p) for p in as_list(plans))


def _roles(value: object) -> list[Any]:
    """Role names of a roles attribute (text, template ids or role objects)."""
    return [role_label(v) for v in as_list(value)]


def _enabled_exchange(plan: object) -> bool:
    """An Exchange Online plan (provisionedPlans: service exchange) that is enabled."""
    if not isinstance(plan, dict):
        return False
    low = lower_keys(plan)
    return str(low.get("service") or "").lower() == "exchange" and \
        str(low.get("capabilitystatus") or "enabled").lower() == "enabled"


@dataclass(slots=True)
class Tenant:
    """The tenant's domains, synchronisation features, role definitions and former sourceAnchor."""

    initial_domain: str | None
    verified_domains: frozenset[Any]
    features: dict[str, Any]
    suffix_cache: dict[str, Any] = field(default_factory=dict)
    federated_domains: frozenset[Any] = frozenset()
    role_definitions: dict[str, Any] = field(default_factory=dict)
    source_anchor_attribute: str | None = None


def onprem_object(record_no: int, record: dict[str, Any]) -> OnPremObject:
    """Build one on-premises object from its canonical record."""
    attrs = canonical(record, ONPREM_TABLE)
    value = attrs.get("objectGUID")
    guid: str | None
    if type(value) is str and value.islower() and PLAIN_GUID.fullmatch(value):  # the usual GUID: as it is
        guid, problem = value, None
    else:
        guid, problem = _read_guid(value)
    return OnPremObject(record_no, attrs, _object_class(attrs.get("objectClass")), guid, problem)


def _read_guid(value: object) -> tuple[str | None, str | None]:
    """Parse objectGUID into its canonical text, keeping the reason when it cannot be read."""
    if not value and (value is None or value == "" or value == []):
        return None, None
    try:
        return guid_text(value), None
    except AnchorError as exc:
        return None, str(exc)


def _object_class(value: object) -> str:
    """Return the most specific class of an objectClass value or chain ("" without one)."""
    if type(value) is str:  # the usual case: one class, spelled canonically; kept as CLASS_RANK's own text
        known = _CANONICAL_CLASSES.get(value)  # (one copy for every object, not the record's copy each)
        if known is not None:
            return known
    return most_specific_class(value) or ""


# Structural class depth: the deepest known class of an objectClass chain names the object.
CLASS_RANK = {
    "top": 0,
    "person": 1,
    "group": 1,
    "foreignSecurityPrincipal": 1,
    "organizationalPerson": 2,
    "contact": 3,
    "user": 3,
    "inetOrgPerson": 4,
    "computer": 4,
    "msDS-ManagedServiceAccount": 5,
    "msDS-GroupManagedServiceAccount": 5,
}
_CLASS_NAMES = {name.lower(): name for name in CLASS_RANK}
_CANONICAL_CLASSES = {name: name for name in CLASS_RANK}


def most_specific_class(value: object) -> str | None:
    """The object's class from a string or an objectClass chain (top, person, ..., user); None without one.

    The last class not in CLASS_RANK wins (a schema extension derives from the known ones), else the deepest;
    a known class is spelled as CLASS_RANK spells it.
    """
    if type(value) is str:  # a single class is its own most specific one
        name = value.strip()
        if name in CLASS_RANK:  # the usual case: spelled canonically already
            return name
        return _CLASS_NAMES.get(name.lower(), name) if name else None
    classes = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    classes = [c.strip() for c in classes if isinstance(c, str) and c.strip()]
    if not classes:
        return None
    unknown = [c for c in classes if c.lower() not in _CLASS_NAMES]
    if unknown:
        return unknown[-1]
    return max((_CLASS_NAMES[c.lower()] for c in classes), key=lambda c: CLASS_RANK[c])


# Users' properties whose values repeat across a directory (names, titles, places): the index keeps one copy
# of each value, not one per user.
SHARED_PROPERTIES = ("givenName", "surname", "jobTitle", "department", "companyName", "officeLocation", "city",
                     "state", "postalCode", "country", "employeeType", "preferredLanguage")


def cloud_objects(snapshot: dict[str, Any]) -> Iterator[CloudObject]:
    """Build every cloud object of a canonical snapshot, one at a time: users, groups, contacts, deleted users."""
    shared: dict[str, str] = {}  # each repeated value's first copy, while the objects are built
    for record in snapshot.get("users") or []:
        yield _cloud_user(record, shared)
    for record in snapshot.get("groups") or []:
        yield _cloud_object(record, GROUP)
    for record in snapshot.get("contacts") or []:
        yield _cloud_object(record, CONTACT)
    for record in snapshot.get("deletedUsers") or []:
        user = _cloud_user(record, shared)
        user.deleted = True
        yield user


def _cloud_object(record: dict[str, Any], kind: str) -> CloudObject:
    """Build a cloud group or contact (a synced group carries its on-premises SID)."""
    obj = CloudObject(kind, canonical(record, CLOUD_TABLE))
    if kind == GROUP:
        sid = obj.attrs.get("onPremisesSecurityIdentifier")
        if sid is not None:
            obj.sid = sid_text(sid)
    return obj


def _texts(value: object) -> list[Any]:
    """A multi-valued property as a list of text (the record's own list when it already is one)."""
    if type(value) is list:
        for v in value:
            if type(v) is not str or not v:
                break
        else:  # the usual case: text already
            return value
    return [str(v) for v in as_list(value)]


def _cloud_user(record: dict[str, Any], shared: dict[str, str]) -> CloudObject:
    """Build a cloud user, live or deleted; equal texts of SHARED_PROPERTIES become one (`shared`)."""
    user = _cloud_object(record, USER)
    attrs = user.attrs
    # as_text, with its usual case (text, or no value) inlined
    upn, anchor = attrs.get("userPrincipalName"), attrs.get("onPremisesImmutableId")
    user.upn = (upn if upn and not upn.isspace() else None) if type(upn) is str else as_text(upn)
    if type(upn) is str and attrs.get("mail") == upn:  # most users' mail is their UPN: one copy of it
        attrs["mail"] = upn
    for name in SHARED_PROPERTIES:
        value = attrs.get(name)
        if type(value) is str:
            attrs[name] = shared.setdefault(value, value)
    user.immutable_id = (anchor if anchor and not anchor.isspace() else None) if type(anchor) is str \
        else as_text(anchor)
    sid, deleted = attrs.get("onPremisesSecurityIdentifier"), attrs.get("deletedDateTime")
    if sid is not None:  # most users have none, nor a deletion date
        user.sid = sid_text(sid)
    if deleted is not None:
        user.deleted_at = parse_datetime(deleted)
        user.deleted = user.deleted_at is not None
    return user


def tenant(snapshot: dict[str, Any]) -> Tenant:
    """Build the tenant: initial domain, verified and federated domains, features, role definitions."""
    info = lower_keys(snapshot.get("tenant") or {})
    domains = [lower_keys(d) if isinstance(d, dict) else {"name": d, "isverified": True}
               for d in as_list(info.get("domains"))]
    initial = as_text(info.get("initialdomain")) or _initial_from(domains)
    verified = {str(d.get("name") or d.get("id") or "").lower() for d in domains
                if as_bool(d.get("isverified")) is not False}
    if initial:
        verified.add(initial.lower())
    verified.discard("")
    federated = {str(d.get("name") or d.get("id") or "").lower() for d in domains
                 if str(d.get("authenticationtype") or "").lower() == "federated"}
    roles = definitions(as_list(info.get("roledefinitions")) + as_list(snapshot.get("roleDefinitions")))
    anchor = as_text(info.get("sourceanchorattribute"))
    return Tenant(initial, frozenset(verified), dict(info.get("features") or {}),
                  federated_domains=frozenset(federated), role_definitions=roles,
                  source_anchor_attribute=anchor.strip() if anchor else None)


def _initial_from(domains: list[dict[str, Any]]) -> str | None:
    """Find the initial domain in a domain list (isInitial, else the first *.onmicrosoft.com)."""
    for d in domains:
        if as_bool(d.get("isinitial")):
            return str(d.get("name") or d.get("id"))
    for d in domains:
        name = str(d.get("name") or d.get("id") or "")
        if name.lower().endswith(".onmicrosoft.com") and name.count(".") == 2:
            return name
    return None
