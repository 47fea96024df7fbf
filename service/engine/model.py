"""Domain objects: on-premises objects, cloud objects and the tenant, built from canonical snapshots."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from .anchor import AnchorError, guid_from_value
from .names import CLOUD_TABLE, ONPREM_TABLE, canonical
from .values import as_bool, as_list, as_text, lower_keys, parse_datetime, sid_text

USER, GROUP, CONTACT = "user", "group", "contact"

# Most specific first: a computer's objectClass chain also holds "user".
CLASS_PRIORITY = ("computer", "inetorgperson", "user", "group", "contact")


@dataclass(slots=True)
class OnPremObject:
    """One Active Directory object as exported."""

    record: int
    attrs: dict
    object_class: str
    guid: uuid.UUID | None
    guid_problem: str | None
    class_name: str = ""

    def get(self, name: str) -> object:
        """Return an attribute by its canonical name (see names.py)."""
        return self.attrs.get(name)

    def text(self, name: str) -> str | None:
        """Return a single-valued attribute as text."""
        return as_text(self.attrs.get(name))

    @property
    def kind(self) -> str | None:
        """Return user, group or contact for the synchronised classes, else None."""
        if self.object_class in ("user", "inetorgperson"):
            return USER
        if self.object_class in (GROUP, CONTACT):
            return self.object_class
        return None

    @property
    def dn(self) -> str | None:
        """Return the distinguishedName."""
        return self.text("distinguishedName")

    @property
    def sid(self) -> str | None:
        """Return objectSid as S-1-... text."""
        return sid_text(self.get("objectSid"))


@dataclass(slots=True)
class CloudObject:
    """One Entra ID user, group or contact."""

    id: str
    kind: str
    attrs: dict
    upn: str | None = None
    proxies: list = field(default_factory=list)
    immutable_id: str | None = None
    sync_enabled: bool | None = None
    sid: str | None = None
    deleted: bool = False
    deleted_at: datetime | None = None
    assigned_roles: list = field(default_factory=list)
    eligible_roles: list = field(default_factory=list)

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


@dataclass(slots=True)
class Tenant:
    """The tenant's domains and synchronisation features."""

    initial_domain: str | None
    verified_domains: frozenset
    features: dict
    suffix_cache: dict = field(default_factory=dict)


def onprem_objects(snapshot: dict) -> list[OnPremObject]:
    """Build the on-premises objects of a canonical snapshot, in snapshot order."""
    return [onprem_object(i + 1, record) for i, record in enumerate(snapshot.get("objects") or [])]


def onprem_object(record_no: int, record: dict) -> OnPremObject:
    """Build one on-premises object from its canonical record."""
    attrs = canonical(record, ONPREM_TABLE)
    guid, problem = _read_guid(attrs.get("objectGUID"))
    name = _object_class(attrs.get("objectClass"))
    return OnPremObject(record_no, attrs, name.lower(), guid, problem, name)


def _read_guid(value: object) -> tuple[uuid.UUID | None, str | None]:
    """Parse objectGUID, keeping the reason when it cannot be read."""
    if value is None or value == "" or value == []:
        return None, None
    try:
        return guid_from_value(value), None
    except AnchorError as exc:
        return None, str(exc)


def _object_class(value: object) -> str:
    """Return the most specific class of an objectClass value or chain, as written."""
    classes = [str(c).strip() for c in as_list(value)]
    lowered = [c.lower() for c in classes]
    for name in CLASS_PRIORITY:
        if name in lowered:
            return classes[lowered.index(name)]
    return classes[-1] if classes else ""


def cloud_objects(snapshot: dict) -> list[CloudObject]:
    """Build every cloud object of a canonical snapshot: users, groups, contacts, deleted users."""
    out = [_cloud_user(r) for r in snapshot.get("users") or []]
    out += [_cloud_object(r, GROUP) for r in snapshot.get("groups") or []]
    out += [_cloud_object(r, CONTACT) for r in snapshot.get("contacts") or []]
    for record in snapshot.get("deletedUsers") or []:
        user = _cloud_user(record)
        user.deleted = True
        out.append(user)
    return out


def _cloud_object(record: dict, kind: str) -> CloudObject:
    """Build a cloud group or contact."""
    attrs = canonical(record, CLOUD_TABLE)
    return CloudObject(
        id=str(attrs.get("id") or ""),
        kind=kind,
        attrs=attrs,
        proxies=[str(p) for p in as_list(attrs.get("proxyAddresses"))],
        sync_enabled=as_bool(attrs.get("onPremisesSyncEnabled")),
    )


def _cloud_user(record: dict) -> CloudObject:
    """Build a cloud user, live or deleted."""
    user = _cloud_object(record, USER)
    attrs = user.attrs
    user.upn = as_text(attrs.get("userPrincipalName"))
    user.immutable_id = as_text(attrs.get("onPremisesImmutableId"))
    user.sid = sid_text(attrs.get("onPremisesSecurityIdentifier"))
    user.deleted_at = parse_datetime(attrs.get("deletedDateTime"))
    user.deleted = user.deleted_at is not None
    user.assigned_roles = [str(r) for r in as_list(attrs.get("assignedRoles"))]
    user.eligible_roles = [str(r) for r in as_list(attrs.get("eligibleRoles"))]
    return user


def tenant(snapshot: dict) -> Tenant:
    """Build the tenant: initial domain, verified domains and features."""
    info = lower_keys(snapshot.get("tenant") or {})
    domains = [lower_keys(d) if isinstance(d, dict) else {"name": d, "isverified": True}
               for d in as_list(info.get("domains"))]
    initial = as_text(info.get("initialdomain")) or _initial_from(domains)
    verified = {str(d.get("name") or d.get("id") or "").lower() for d in domains
                if as_bool(d.get("isverified")) is not False}
    if initial:
        verified.add(initial.lower())
    verified.discard("")
    return Tenant(initial, frozenset(verified), dict(info.get("features") or {}))


def _initial_from(domains: list[dict]) -> str | None:
    """Find the initial domain in a domain list (isInitial, else the first *.onmicrosoft.com)."""
    for d in domains:
        if as_bool(d.get("isinitial")):
            return str(d.get("name") or d.get("id"))
    for d in domains:
        name = str(d.get("name") or d.get("id") or "")
        if name.lower().endswith(".onmicrosoft.com") and name.count(".") == 2:
            return name
    return None
