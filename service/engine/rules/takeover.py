"""R7 Warnings on a match: what a takeover of a cloud object costs.

Microsoft: when an incoming object matches, the cloud object becomes managed on-premises, every
attribute with an on-premises value is overwritten, and with password hash sync the cloud password
is replaced by the on-premises one. Admin-role protection covers active role assignments only, so
PIM-eligible and break-glass accounts can still be taken over.
(2026-12) With synchronizeUpnForManagedUsersEnabled off, a licensed user in a managed domain keeps
its cloud UPN (UpnNotUpdated).
Source: "Entra Connect: When you have an existing tenant" (warnings on overwritten attributes and
passwords, admin role considerations); "Entra Connect sync service features" (Synchronize
userPrincipalName updates), KB 2523192.
"""

from __future__ import annotations

from typing import Any

from ..model import USER, CloudObject, Tenant
from ..result import Result
from ..settings import EvalSettings
from ..values import as_list, as_text
from .gaps import note_missing

# (AD attribute, Graph property) pairs synchronised by the default rules, per object type.
USER_ATTRIBUTES = (
    ("displayName", "displayName"), ("givenName", "givenName"), ("sn", "surname"), ("title", "jobTitle"),
    ("department", "department"), ("company", "companyName"), ("telephoneNumber", "businessPhones"),
    ("mobile", "mobilePhone"), ("physicalDeliveryOfficeName", "officeLocation"),
    ("streetAddress", "streetAddress"), ("l", "city"), ("st", "state"), ("postalCode", "postalCode"),
    ("co", "country"), ("employeeID", "employeeId"), ("employeeType", "employeeType"),
    ("facsimileTelephoneNumber", "faxNumber"), ("mail", "mail"), ("mailNickname", "mailNickname"),
    ("preferredLanguage", "preferredLanguage"),
)
GROUP_ATTRIBUTES = (("displayName", "displayName"), ("description", "description"), ("mail", "mail"),
                    ("mailNickname", "mailNickname"))
CONTACT_ATTRIBUTES = (("displayName", "displayName"), ("givenName", "givenName"), ("sn", "surname"),
                      ("mail", "mail"), ("company", "companyName"), ("department", "department"),
                      ("title", "jobTitle"), ("mailNickname", "mailNickname"))
CASE_INSENSITIVE = {"mail", "userPrincipalName", "mailNickname"}
ATTRIBUTES = {USER: USER_ATTRIBUTES, "group": GROUP_ATTRIBUTES}


def warn(result: Result, settings: EvalSettings, tenant: Tenant | None = None) -> None:
    """Add the takeover warnings for a soft match, a hard-match takeover or a reanimation."""
    target = result.target
    assert target is not None
    lost = overwritten(result, target)
    if "userPrincipalName" in lost and upn_kept(result, target, settings, tenant):
        kept = lost.pop("userPrincipalName")
        result.warn("UpnNotUpdated", f"synchronizeUpnForManagedUsersEnabled is off and cloud user {target.id} is "
                    f"licensed in a managed domain: its UPN stays {kept['cloud']} instead of becoming "
                    f"{kept['onprem']}.", {"cloud": kept["cloud"], "onprem": kept["onprem"]})
    if lost:
        names = ", ".join(lost)
        result.warn("CloudAttributesOverwritten",
                    f"Cloud values of {names} will be overwritten or cleared by the on-premises values.", lost)
    if target.kind == USER and target.cloud_managed:
        _user_takeover(result, target, settings)
    if target.cloud_managed:
        result.warn("CloudAccountTakeover", f"Cloud-managed {target.kind} {target.id} becomes managed on-premises: "
                    "it can then only be changed in Active Directory.")


def upn_kept(result: Result, target: CloudObject, settings: EvalSettings, tenant: Tenant | None) -> bool:
    """(2026-12) The UPN is not overwritten: feature off, target licensed, its UPN domain managed (KB 2523192)."""
    if settings.sync_upn_managed or target.kind != USER:
        return False
    if note_missing(result, target, "assignedLicenses") or not target.licensed:
        return False
    domain = (target.upn or "").rpartition("@")[2].lower()
    return tenant is None or domain not in tenant.federated_domains


def _user_takeover(result: Result, target: CloudObject, settings: EvalSettings) -> None:
    """Password and privilege warnings that only apply to users."""
    if settings.password_hash_sync:
        result.warn("PasswordHashOverwritten", f"Password hash sync replaces the cloud password of {target.id} "
                    "with the on-premises password: tell the user before the first sync.")
    if target.eligible_roles:
        roles = ", ".join(target.eligible_roles)
        result.warn("PrivilegedAccountTakeover", f"{target.id} is eligible for {roles} through PIM; Entra's "
                    "admin-role protection only covers active assignments, so the on-premises account takes it "
                    "over.", {"eligibleRoles": target.eligible_roles})
    elif is_break_glass(target, settings):
        result.warn("PrivilegedAccountTakeover", f"{target.id} is named as a break-glass account; an on-premises "
                    "account must never take it over.", {"breakGlass": True})


def is_break_glass(target: CloudObject, settings: EvalSettings) -> bool:
    """True when the settings name the account (by id or UPN) as break-glass."""
    return target.id.lower() in settings.break_glass or (target.upn or "").lower() in settings.break_glass


def overwritten(result: Result, target: CloudObject) -> dict[str, Any]:
    """Every mapped attribute where the cloud holds a value the on-premises value changes or clears."""
    onprem_attrs, cloud_attrs = result.obj.attrs, target.attrs
    lost = {}
    get = onprem_attrs.get
    for ad_name, graph_name in ATTRIBUTES.get(target.kind, CONTACT_ATTRIBUTES):
        value = cloud_attrs.get(graph_name)
        if value is None:
            continue
        # _cloud_value and as_text with their usual case (text) inlined
        cloud = (value if value and not value.isspace() else None) if type(value) is str else _cloud_value(value)
        if cloud is None:
            continue
        onprem = get(ad_name)
        if type(onprem) is not str or not onprem or onprem.isspace():
            onprem = as_text(onprem)
        if cloud != onprem and not _same(graph_name, cloud, onprem):  # equal text is the same in any case
            lost[graph_name] = {"cloud": cloud, "onprem": onprem, "adAttribute": ad_name}
    _upn_change(result, target, lost)
    _proxy_loss(result, target, lost)
    return lost


def _cloud_value(value: object) -> str | None:
    """A cloud property as text (the first of a list such as businessPhones)."""
    if type(value) is str:
        return as_text(value)
    values = as_list(value)
    return as_text(values[0]) if values else None


def _same(name: str, cloud: str, onprem: str | None) -> bool:
    """Compare like Entra ID does: addresses case-insensitively, other text exactly."""
    if onprem is None:
        return False
    return cloud.lower() == onprem.lower() if name in CASE_INSENSITIVE else cloud == onprem


def _upn_change(result: Result, target: CloudObject, lost: dict[str, Any]) -> None:
    """A user's sign-in name changes when the effective UPN differs from the cloud UPN."""
    upn = result.identity.upn
    if target.kind == USER and target.upn and upn and target.upn.lower() != result.identity.upn_key:
        lost["userPrincipalName"] = {"cloud": target.upn, "onprem": upn, "adAttribute": "userPrincipalName"}


def _proxy_loss(result: Result, target: CloudObject, lost: dict[str, Any]) -> None:
    """Cloud proxy addresses that on-premises proxyAddresses do not carry are lost."""
    raw = result.obj.attrs.get("proxyAddresses")
    if type(raw) is list:
        for proxy in target.proxies:
            if proxy not in raw:
                break
        else:  # the usual case: every cloud address is there as written
            return
    values = as_list(raw)
    onprem = set(map(str.lower, map(str, values)))
    if onprem.issuperset(map(str.lower, target.proxies)):  # there in another case: none is lost
        return
    missing = [p for p in target.proxies if p.lower() not in onprem]
    lost["proxyAddresses"] = {"cloud": missing, "onprem": sorted(values), "adAttribute": "proxyAddresses"}
