"""Cloud entities (Graph or Microsoft Graph PowerShell) -> the canonical cloud snapshot."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..engine.values import parse_datetime
from .errors import RecordRejected
from .fastpath import DROPPED, cloud_check, never
from .names import CLOUD_BOOLEANS, CLOUD_MULTI_VALUED, CLOUD_SIDS, cloud_name, feature_name
from .pages import Pages, warn_missing
from .roles import role_name
from .values import (
    MAX_DEPTH,
    BadValue,
    broken_text,
    describe,
    has_type_name,
    ps_date,
    to_bool,
    to_sid,
    too_deep,
    type_name_in,
)

Warn = Callable[..., None]

CLOUD_MATCHING = frozenset(
    [
        "id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId",
        "onPremisesSyncEnabled", "onPremisesSecurityIdentifier", "deletedDateTime", "mailEnabled",
        "securityEnabled"
    ]
)
USER_DEFAULTS: dict[str, object] = {
    "proxyAddresses": [],
    "onPremisesImmutableId": None,
    "onPremisesSyncEnabled": None,
    "onPremisesSecurityIdentifier": None,
    "deletedDateTime": None,
    "assignedRoles": [],
    "eligibleRoles": [],
}
GROUP_DEFAULTS: dict[str, object] = {"mailEnabled": None, "securityEnabled": None, "mail": None, "proxyAddresses": [],
                  "onPremisesSyncEnabled": None}
CONTACT_DEFAULTS: dict[str, object] = {"mail": None, "proxyAddresses": []}
DELETED_DEFAULTS = {"onPremisesImmutableId": None, "deletedDateTime": None}
# Entities whose values may be kept as they are (the others read nested objects, which normalize() recases).
CLEANED_AS_IS = frozenset({"user", "group", "contact", "deleted"})
_ABSENT = object()

# What the matching engine needs from each user, and the $select that returns it.
USER_SELECT = (
    "id,userPrincipalName,mail,proxyAddresses,onPremisesImmutableId,onPremisesSyncEnabled,"
    "onPremisesSecurityIdentifier,displayName,givenName,surname,jobTitle,department,companyName,"
    "businessPhones,mobilePhone,officeLocation,streetAddress,city,state,postalCode,country,employeeId,"
    "mailNickname,deletedDateTime,assignedLicenses,provisionedPlans"
)
NEEDED_USER_PROPERTIES = ("proxyAddresses", "onPremisesSyncEnabled", "onPremisesSecurityIdentifier")

# @odata.type / @odata.context names -> what the entity is.
ODATA_TYPES = {
    "user": "user",
    "group": "group",
    "orgcontact": "contact",
    "domain": "domain",
    "unifiedroleassignment": "active",
    "unifiedroleassignmentschedule": "active",
    "unifiedroleassignmentscheduleinstance": "active",
    "unifiedroleeligibilityschedule": "eligible",
    "unifiedroleeligibilityscheduleinstance": "eligible",
    "onpremisesdirectorysynchronization": "sync",
    "unifiedroledefinition": "roledef",
}
CONTEXT_HINTS = (
    ("deleteditems", "deleted"),
    ("roledefinitions", "roledef"),
    ("roleeligibilityschedule", "eligible"),
    ("roleassignmentschedule", "active"),
    ("roleassignments", "active"),
    ("onpremisessynchronization", "sync"),
    ("domains", "domain"),
    ("contacts", "contact"),
    ("groups", "group"),
    ("users", "user"),
)


def camel(key: str) -> str:
    """Graph property name for a Graph or PowerShell (PascalCase) key."""
    known = cloud_name(key)
    if known != key or not key[:1].isupper():
        return known
    return key[:1].lower() + key[1:]


def normalize(raw: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """Graph-cased keys, AdditionalProperties folded in, nested objects normalized too."""
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            continue
        if key.lower() == "additionalproperties" and isinstance(value, dict):
            extra = value
            continue
        name = key if key.startswith("@") else camel(key)
        if isinstance(value, dict) and depth < 3:
            value = normalize(value, depth + 1)
        out[name] = value
    for key, value in extra.items():
        if isinstance(key, str):
            name = key if key.startswith("@") else camel(key)
            if out.get(name) is None:
                out[name] = normalize(value, depth + 1) if isinstance(value, dict) and depth < 3 else value
    return out


def hint_from_context(context: object) -> str | None:
    """Entity kind from an @odata.context URL (…$metadata#users(id,mail))."""
    if not isinstance(context, str) or "#" not in context:
        return None
    target = context.split("#", 1)[1].lower()
    for fragment, hint in CONTEXT_HINTS:
        if fragment in target:
            return hint
    return None


def classify(entity: dict[str, Any], hint: str | None) -> str:
    """user | group | contact | domain | active | eligible | sync | deleted | deleted-group | ... | unknown."""
    odata = str(entity.get("@odata.type") or "").lower().rsplit(".", 1)[-1]
    kind = ODATA_TYPES.get(odata) or (hint if hint not in (None, "deleted") else None) or _looks_like(entity)
    if hint == "deleted" or entity.get("deletedDateTime"):
        if kind in ("user", "unknown"):
            return "deleted"  # /directory/deletedItems/microsoft.graph.user may be selected without a UPN
        if kind in ("group", "contact"):
            return f"deleted-{kind}"
    return kind


def _looks_like(entity: dict[str, Any]) -> str:
    """Entity kind from its properties alone."""
    keys = {k.lower() for k in entity}
    if "features" in keys and ("configuration" in keys or "id" in keys):
        return "sync"
    if "principalid" in keys and ({"roledefinitionid", "roledefinition"} & keys):
        scheduled = {"scheduleinfo", "membertype", "status"} & keys
        return "eligible" if scheduled and "assignmenttype" not in keys else "active"
    if {"isverified", "isinitial", "supportedservices"} & keys:
        return "domain"
    if "rolepermissions" in keys or ("isprivileged" in keys and "displayname" in keys):
        return "roledef"
    if "userprincipalname" in keys:
        return "user"
    if {"securityenabled", "mailenabled", "grouptypes"} & keys:
        return "group"
    if {"phones", "addresses", "imaddresses", "companyname"} & keys and "id" in keys:
        return "contact"
    return "unknown"


def _clean(entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None) -> dict[str, Any]:
    """Canonical values for an entity; drops @odata keys. With a `shape` (names already canonical), values its
    checks accept are kept as they are."""
    if shape is None:
        cleaned = ((name, clean_value(name, value, warn)) for name, value in entity.items())
        return {name: value for name, value in cleaned if value is not DROPPED}
    names, checks = shape
    out = {}
    for name, check, value in zip(names, checks, entity.values(), strict=True):
        if not check(value):
            value = clean_value(name, normalize(value, 1) if isinstance(value, dict) else value, warn)
            if value is DROPPED:
                continue
        out[name] = value
    return out


def clean_value(name: str, value: object, warn: Warn) -> object:
    """The canonical value of one property of a normalized entity, or DROPPED; raises RecordRejected."""
    if name.startswith("@"):
        return DROPPED
    if has_type_name(value):
        if name in CLOUD_MATCHING:
            raise RecordRejected(
                f"{name} holds the text '{type_name_in(value)}' instead of its values",
                field=name, code="UnexpandedValue",
                hint="export with ConvertTo-Json -Depth 5 (the default depth 2 cuts nested values)",
            )
        warn("UnexpandedValueDropped",
             f"{name} holds a .NET type name instead of its values and was left out; "
             "export with ConvertTo-Json -Depth 5 to keep it", once=True)
        return DROPPED
    if too_deep(value, MAX_DEPTH):
        raise RecordRejected(f"{name} is nested too deeply to be a property value", field=name, code="BadValue")
    if broken_text(value):
        raise RecordRejected(f"{name} holds an unpaired UTF-16 surrogate (a broken character escape)",
                             field=name, code="BadValue")
    return _value(name, value)


@lru_cache(maxsize=4096)
def value_checks(keys: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """For an entity shape that normalize() would leave as it is: the names (shared by every entity of the
    shape) and the as-is check of each value; else None."""
    if not all(isinstance(key, str) and (key.startswith("@") or camel(key) == key)
               and key.lower() != "additionalproperties" for key in keys):
        return None
    return keys, tuple(never if key.startswith("@") else cloud_check(key) for key in keys)


def _value(name: str, value: object) -> object:
    """Canonical value of one cloud property."""
    try:
        if name in CLOUD_BOOLEANS:
            return to_bool(value)
        if name in CLOUD_SIDS and value is not None:
            return to_sid(value)
    except BadValue as exc:
        raise RecordRejected(f"{name} {exc}", field=name, code="BadValue") from None
    if name in CLOUD_MULTI_VALUED:
        if value is None:
            return []
        return [v for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
    return (ps_date(value) or value) if isinstance(value, str) else value


def _with_defaults(entity: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Entity with every contract key present."""
    out = {"id": entity.get("id")}
    for key, default in defaults.items():
        value = entity.get(key, _ABSENT)
        out[key] = value if value is not _ABSENT else list(default) if isinstance(default, list) else default
    for key, value in entity.items():
        if key not in out and value is not None:
            out[key] = value
    return out


def _require_id(entity: dict[str, Any]) -> None:
    """Cloud objects are referenced by id in the report."""
    if not isinstance(entity.get("id"), str) or not entity["id"].strip():
        raise RecordRejected("the object has no id", field="id", code="NoIdentity",
                             hint="include id in the $select / -Property list")
    check_object_id(entity["id"], "id")


# Graph object ids are GUIDs. Assumption: a hand-made canonical snapshot may use plain ids ("c-ann", as the
# conformance cases do, or "ann.smith@contoso"); anything else (quotes, spaces, line breaks, `$(`) is refused.
# Remediation renders a GUID id from the parsed GUID and any other id as a literal.
OBJECT_ID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?"
                       r"|[A-Za-z0-9][A-Za-z0-9_.@:-]{0,127}")


def check_object_id(value: str, field: str) -> None:
    """A cloud object id must be a GUID (or a short plain id); raises RecordRejected naming the field."""
    if not OBJECT_ID.fullmatch(value):
        raise RecordRejected(f"{field} {value[:80]!a} is not a GUID, as Graph object ids are", field=field,
                             code="BadValue", hint="export the objects with Graph or Microsoft Graph PowerShell; "
                             "do not edit their ids")


def _check_date(entity: dict[str, Any], field: str) -> None:
    """A date the engine reads must be an ISO-8601 date-time; raises RecordRejected naming the field."""
    value = entity.get(field)
    if value is None or value == "":
        return
    if isinstance(value, str):
        try:
            parse_datetime(value)
            return
        except ValueError:
            pass
    raise RecordRejected(f"{field} {str(value)[:40]!a} is not an ISO-8601 date-time such as 2026-11-01T09:30:00Z",
                         field=field, code="BadValue")


class CloudParts:
    """Everything read from one or several cloud files, merged into one canonical snapshot."""

    def __init__(self) -> None:
        self.users: dict[str, dict[str, Any]] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.contacts: dict[str, dict[str, Any]] = {}
        self.deleted: dict[str, dict[str, Any]] = {}
        self.domains: dict[str, dict[str, Any]] = {}
        self.initial_domain: str | None = None
        self.features: dict[str, Any] = {}
        self.features_seen = False
        self.roles: dict[str, list[Any]] = {"active": [], "eligible": []}
        self.roles_seen = False
        self.role_definitions: dict[str, dict[str, Any]] = {}  # name -> {displayName, isPrivileged, templateId}
        self.tenant_extras: dict[str, Any] = {}
        self.user_keys: set[str] = set()
        self.user_values: set[str] = set()
        self.nulls_mean_unselected = False
        self.pages = Pages()

    def add(self, raw: object, hint: str | None, warn: Warn) -> None:
        """Add one entity; raises RecordRejected when it cannot be used."""
        if not isinstance(raw, dict):
            raise RecordRejected(f"the record is {describe(raw)}, not an object", code="NotAnObject")
        shape = value_checks(tuple(raw)) if type(raw) is dict else None
        entity = raw if shape is not None else normalize(raw)
        kind = classify(entity, hint)
        if shape is not None and kind not in CLEANED_AS_IS:
            entity, shape = normalize(raw), None
        handler = ENTITY_HANDLERS.get(kind)
        if handler is None:
            raise RecordRejected(
                "the record is not a user, group, contact, domain, role assignment or sync setting",
                code="UnknownEntity",
                hint="export users, groups, contacts, domains, deleted items, role assignments and "
                "onPremisesSynchronization only",
            )
        handler(self, entity, warn, shape)

    def _add_user(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None) -> None:
        """A live user."""
        self.user_keys.update(entity)
        unseen = entity.keys() - self.user_values  # after a few users, only properties that are always empty
        self.user_values.update(k for k in unseen if entity[k] not in (None, [], ""))
        if "assignedRoles" in entity or "eligibleRoles" in entity:
            self.roles_seen = True
        user = _clean(entity, warn, shape)
        _require_id(user)
        _check_date(user, "deletedDateTime")
        _merge_into(self.users, _with_defaults(user, USER_DEFAULTS))

    def _add_group(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None) -> None:
        """A group."""
        group = _clean(entity, warn, shape)
        _require_id(group)
        _merge_into(self.groups, _with_defaults(group, GROUP_DEFAULTS))

    def _add_contact(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None) -> None:
        """An organizational contact."""
        contact = _clean(entity, warn, shape)
        _require_id(contact)
        _merge_into(self.contacts, _with_defaults(contact, CONTACT_DEFAULTS))

    def _add_deleted(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None) -> None:
        """A soft-deleted user (recycle bin)."""
        user = _clean(entity, warn, shape)
        _require_id(user)
        _check_date(user, "deletedDateTime")
        _merge_into(self.deleted, _with_defaults(user, DELETED_DEFAULTS))

    def _add_deleted_group(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """Deleted groups are not restored by a first sync."""
        raise RecordRejected("the record is a deleted group: only deleted users can come back through sync",
                             code="NotUsed")

    def _add_deleted_contact(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """Deleted contacts are not restored by a first sync."""
        raise RecordRejected("the record is a deleted contact: only deleted users can come back through sync",
                             code="NotUsed")

    def _add_domain(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """A tenant domain (/domains)."""
        name = entity.get("id") or entity.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RecordRejected("the domain has no name (id)", field="id", code="NoIdentity")
        name = name.strip().lower()
        try:
            verified = bool(to_bool(entity.get("isVerified")))
            initial = bool(to_bool(entity.get("isInitial")))
        except BadValue as exc:
            raise RecordRejected(f"isVerified/isInitial {exc}", field="isVerified", code="BadValue") from None
        domain = {"name": name, "isVerified": verified}
        for extra in ("isInitial", "isDefault", "authenticationType"):
            if entity.get(extra) is not None:
                domain[extra] = entity[extra]
        self.domains[name] = domain
        if initial:
            self.initial_domain = name

    def _add_sync(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """The tenant's onPremisesSynchronization object: its feature flags."""
        features = entity.get("features")
        if not isinstance(features, dict):
            raise RecordRejected("the onPremisesSynchronization object has no features", field="features",
                                 code="BadValue")
        for key, value in features.items():
            if isinstance(key, str) and not key.startswith("@"):
                try:
                    self.features[feature_name(key)] = to_bool(value)
                except BadValue:
                    self.features[feature_name(key)] = value
        self.features_seen = True

    def _add_active(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """An active role assignment."""
        self._add_role("active", entity)

    def _add_eligible(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """A PIM eligibility."""
        self._add_role("eligible", entity)

    def _add_role(self, which: str, entity: dict[str, Any]) -> None:
        """Remember (principalId, role name) until users are known; an expanded roleDefinition says isPrivileged."""
        principal = entity.get("principalId")
        if not isinstance(principal, str) or not principal:
            raise RecordRejected("the role assignment has no principalId", field="principalId", code="NoIdentity")
        check_object_id(principal, "principalId")
        self.roles[which].append((principal, role_name(entity)))
        self.roles_seen = True
        if isinstance(entity.get("roleDefinition"), dict):
            self._add_roledef(entity["roleDefinition"], _ignore)

    def _add_roledef(self, entity: dict[str, Any], warn: Warn, shape: tuple[Any, ...] | None = None) -> None:
        """A role definition (/roleManagement/directory/roleDefinitions): its name and isPrivileged."""
        name = entity.get("displayName")
        if not isinstance(name, str) or not name.strip():
            raise RecordRejected("the role definition has no displayName", field="displayName", code="NoIdentity")
        try:
            privileged = to_bool(entity.get("isPrivileged"))
        except BadValue:
            privileged = None
        if privileged is None and name in self.role_definitions:
            return
        definition = {"displayName": name.strip(), "isPrivileged": privileged}
        for extra in ("id", "templateId"):
            if isinstance(entity.get(extra), str):
                definition[extra] = entity[extra]
        self.role_definitions[name.strip()] = definition

    def set_tenant(self, tenant: object) -> None:
        """The tenant object of a canonical snapshot."""
        if not isinstance(tenant, dict):
            raise RecordRejected("tenant is not an object", field="tenant", code="BadValue")
        tenant = normalize(tenant)
        if isinstance(tenant.get("initialDomain"), str):
            self.initial_domain = tenant["initialDomain"].strip().lower()
        domains = tenant.get("domains") or []
        if not isinstance(domains, list):
            raise RecordRejected("tenant.domains must be a list of domains", field="tenant.domains", code="BadValue")
        for domain in domains:
            if isinstance(domain, str):
                domain = {"name": domain, "isVerified": True}
            self._add_domain(domain if isinstance(domain, dict) else {}, _ignore)
        if isinstance(tenant.get("features"), dict):
            self._add_sync({"features": tenant["features"]}, _ignore)
        self.pages.restore(tenant.get("missingPages"))
        if isinstance(tenant.get("sourceAnchorAttribute"), str) and tenant["sourceAnchorAttribute"].strip():
            self.tenant_extras["sourceAnchorAttribute"] = tenant["sourceAnchorAttribute"].strip()
        for definition in tenant.get("roleDefinitions") or []:
            if isinstance(definition, dict):
                self._add_roledef(normalize(definition), _ignore)

    def merge(self, other: CloudParts, source: int | None = None) -> None:
        """Fold another file's parts into these (`source` numbers the file, 1-based)."""
        for mine, theirs in ((self.users, other.users), (self.groups, other.groups),
                             (self.contacts, other.contacts), (self.deleted, other.deleted)):
            for item in theirs.values():
                _merge_into(mine, item)
        self.domains.update(other.domains)
        self.initial_domain = other.initial_domain or self.initial_domain
        self.features.update(other.features)
        self.features_seen |= other.features_seen
        for which in self.roles:
            self.roles[which].extend(other.roles[which])
        self.roles_seen |= other.roles_seen
        self.role_definitions.update(other.role_definitions)
        self.tenant_extras.update(other.tenant_extras)
        self.user_keys |= other.user_keys
        self.user_values |= other.user_values
        self.nulls_mean_unselected |= other.nulls_mean_unselected
        self.pages.merge(other.pages, source)

    def finish(self, warn: Warn) -> dict[str, Any]:
        """The canonical cloud snapshot, with warnings for what is missing."""
        self._apply_roles(warn)
        self._check_selected(warn)
        initial = self.initial_domain or self._guess_initial_domain(warn)
        if self.users and not self.domains:
            warn("DomainsMissing", "no domain list was read: every UPN suffix will count as unverified. "
                 "Add the output of GET /domains (Get-MgDomain) to the cloud snapshot.")
        if self.users and not self.features_seen:
            warn("SyncFeaturesMissing", "the tenant's onPremisesSynchronization features were not read; "
                 "Microsoft's defaults apply (soft match and hard-match takeover allowed, UPN soft match on). "
                 "Add GET /directory/onPremisesSynchronization (Get-MgDirectoryOnPremiseSynchronization).")
        tenant = {"initialDomain": initial, "domains": list(self.domains.values()), "features": self.features,
                  **self.tenant_extras}
        if self.role_definitions:
            tenant["roleDefinitions"] = list(self.role_definitions.values())
        missing = warn_missing(self.pages, warn)
        if missing:
            tenant["missingPages"] = missing
        return {
            "kind": "cloud",
            "tenant": tenant,
            "users": list(self.users.values()),
            "groups": list(self.groups.values()),
            "contacts": list(self.contacts.values()),
            "deletedUsers": list(self.deleted.values()),
        }

    def _guess_initial_domain(self, warn: Warn) -> str | None:
        """The *.onmicrosoft.com domain when no domain says isInitial."""
        for name in self.domains:
            if name.endswith(".onmicrosoft.com") and not name.endswith(".mail.onmicrosoft.com"):
                return name
        return None

    def _apply_roles(self, warn: Warn) -> None:
        """Put role names on the users holding them."""
        unresolved = 0
        for which, field in (("active", "assignedRoles"), ("eligible", "eligibleRoles")):
            for principal, name in self.roles[which]:
                user = self.users.get(principal)
                if user is None:
                    unresolved += 1
                elif name not in user[field]:
                    user[field].append(name)
        if unresolved:
            warn("RoleAssignmentsUnresolved",
                 f"{unresolved} role assignments name principals that are not among the users read "
                 "(groups, service principals, or users missing from the export); roles held through "
                 "groups are not expanded.")
        if self.users and not self.roles_seen:
            warn("RolesMissing", "no role assignments were read: admin-role conflicts cannot be predicted. "
                 "Add GET /roleManagement/directory/roleAssignments?$expand=roleDefinition and "
                 "roleEligibilitySchedules to the cloud snapshot.")

    def _check_selected(self, warn: Warn) -> None:
        """Warn when the users export lacks properties only returned on $select."""
        if not self.users:
            return
        seen = self.user_values if self.nulls_mean_unselected else self.user_keys
        if "onPremisesImmutableId" not in seen:
            warn("ImmutableIdNotSelected",
                 "no user has onPremisesImmutableId: Graph returns it only when it is selected, so "
                 "hard-match prediction is impossible unless no cloud user holds one. Export users with "
                 f"$select={USER_SELECT} (Get-MgUser -All -Property ...).")
        missing = [p for p in NEEDED_USER_PROPERTIES if p not in seen]
        if missing:
            warn("PropertiesNotSelected",
                 f"no user has {', '.join(missing)}: add them to $select / -Property "
                 f"($select={USER_SELECT}).")


# What classify() says an entity is -> the CloudParts method that takes it.
ENTITY_HANDLERS: dict[str, Callable[..., None]] = {
    "user": CloudParts._add_user,
    "group": CloudParts._add_group,
    "contact": CloudParts._add_contact,
    "deleted": CloudParts._add_deleted,
    "deleted-group": CloudParts._add_deleted_group,
    "deleted-contact": CloudParts._add_deleted_contact,
    "domain": CloudParts._add_domain,
    "sync": CloudParts._add_sync,
    "active": CloudParts._add_active,
    "eligible": CloudParts._add_eligible,
    "roledef": CloudParts._add_roledef,
}


def _merge_into(items: dict[str, dict[str, Any]], item: dict[str, Any]) -> None:
    """Add by id; the same object seen twice (overlapping pages, several files) is merged."""
    current = items.get(item["id"])
    if current is None:
        items[item["id"]] = item
        return
    for key, value in item.items():
        if value not in (None, []) or key not in current:
            current[key] = value


def _ignore(*_args: object, **_kwargs: object) -> None:
    """A warn() that discards."""
