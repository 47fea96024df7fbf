"""R6 No match: a new object, unless one of its unique values is already taken.

Microsoft: UPN and proxy addresses share one uniqueness namespace, and OnPremiseSecurityIdentifier
is unique too. With duplicate-attribute resiliency a new object whose UPN or primary SMTP address is
taken is still created, with the UPN quarantined as <prefix><4 digits>@<initial domain> (the same
value added as an smtp: address; the portal lists it under QuarantinedAttributeValueMustBeUnique)
and the address dropped (AttributeValueMustBeUnique, non-blocking); a taken secondary address is
just dropped. A taken SID makes the export fail. (2026-12) The tenant features
quarantineUponUpnConflictEnabled and quarantineUponProxyAddressesConflictEnabled turn a quarantine
into a failed export; resiliency does not cover SIP addresses, a user's address held by a cloud
group, nor two on-premises mail-enabled groups with one address (the later fails its first export).
Sources: "Duplicate attribute resiliency" (known issues), KB 3166795, "Entra Connect: When you have
an existing tenant" (OnPremiseSecurityIdentifier conflicts), Connect Health sync errors.
"""

from __future__ import annotations

from typing import Any

from ..index import CloudIndex
from ..model import GROUP, USER, Tenant
from ..result import Result
from ..settings import EvalSettings
from ..values import as_text
from .competition import Claims, label
from .identity import domain_verified
from .scope import mail_enabled

UPN, PROXY, SIP = "UserPrincipalName", "ProxyAddresses", "SipProxyAddress"
PORTAL_CATEGORY = "QuarantinedAttributeValueMustBeUnique"


def evaluate(result: Result, index: CloudIndex, claims: Claims, tenant: Tenant, settings: EvalSettings) -> None:
    """Provision the object, as a duplicate when a cloud object already holds its UPN or primary SMTP."""
    if _sid_taken(result, index, claims):
        result.outcome = "error"
        return
    if _not_quarantined(result, index, claims):
        result.outcome = "error"
        return
    result.outcome = "duplicate" if taken_values(result, index, claims, tenant, settings) else "provision"
    secondary(result, index, claims, settings)
    if result.blocked:
        result.outcome = "error"


def _sid_taken(result: Result, index: CloudIndex, claims: Claims) -> bool:
    """Error when a cloud object or an earlier object already holds the object's SID."""
    sid = result.identity.sid
    if not sid:
        return False
    key = sid.upper()
    holders = index.by_sid.ids(key)
    earlier = claims.sids.get(key)
    if earlier is not None and earlier is not result:
        holders.append(label(earlier))
    if not holders:
        return False
    result.error("AttributeValueMustBeUnique", f"objectSid {sid} is already the OnPremiseSecurityIdentifier of "
                 f"{', '.join(holders)}: Entra ID cannot create a second object with it (a restored domain "
                 "controller can reissue SIDs).", attribute="OnPremiseSecurityIdentifier", conflicts=holders)
    return True


def _not_quarantined(result: Result, index: CloudIndex, claims: Claims) -> bool:
    """(2026-12) The conflicts resiliency does not quarantine: each fails the export (True when one is found)."""
    found = sip_conflict(result, index)
    if result.obj.kind == USER:
        found = address_held_by_group(result, index) or found
    elif result.obj.kind == GROUP:
        found = same_address_as_earlier_group(result, claims) or found
    return found


def sip_addresses(result: Result) -> dict[str, str]:
    """The object's SIP: proxy addresses and msRTCSIP-PrimaryUserAddress, lower case -> as written."""
    out: dict[str, str] = {address.lower(): f"SIP:{address}" for address in result.identity.sip}
    primary = as_text(result.obj.attrs.get("msRTCSIP-PrimaryUserAddress"))
    if primary:
        address = primary[4:] if primary[:4].lower() == "sip:" else primary
        out.setdefault(address.lower(), primary)
    return out


def sip_conflict(result: Result, index: CloudIndex) -> bool:
    """A SIP address equal to a live cloud object's SIP: proxy address: resiliency does not cover SIP."""
    if not index.by_sip or (not result.identity.sip
                            and "msRTCSIP-PrimaryUserAddress" not in result.obj.attrs):  # the usual case
        return False
    found = False
    for key, value in sip_addresses(result).items():
        holders = index.by_sip.ids(key)
        if holders:
            found = True
            result.error("AttributeValueMustBeUnique", f"SIP address {value} is already a SIP: proxy address of "
                         f"{', '.join(holders)}: duplicate-attribute resiliency does not quarantine SIP addresses, "
                         "so the export fails.", attribute=SIP, conflicts=holders, value=value)
    return found


def address_held_by_group(result: Result, index: CloudIndex) -> bool:
    """A user's address (primary or secondary) equal to a live cloud group's: the export fails, nothing dropped."""
    found = False
    by_smtp = index.by_smtp
    for value in result.identity.smtp:
        key = value if value.isascii() and value.islower() else value.lower()
        if key not in by_smtp:  # the usual case
            continue
        groups = [h.id for h in by_smtp.of(key) if h.kind == GROUP]
        if groups:
            found = True
            result.error("AttributeValueMustBeUnique", f"{value} is an address of cloud group {', '.join(groups)}: "
                         "resiliency does not quarantine a user's address held by a group, so the export fails.",
                         attribute=PROXY, conflicts=groups, value=value)
    return found


def same_address_as_earlier_group(result: Result, claims: Claims) -> bool:
    """Two on-premises mail-enabled groups with one SMTP address: the later fails its first export."""
    if not mail_enabled(result.obj):
        return False
    found = False
    for value in result.identity.smtp:
        earlier = claims.group_addresses.get(value.lower())
        if earlier is not None and earlier is not result:
            found = True
            result.error("AttributeValueMustBeUnique", f"{value} is also an address of mail-enabled group "
                         f"{label(earlier)}, evaluated earlier: this group fails its first export; a later sync "
                         "cycle quarantines the address.", attribute=PROXY, conflicts=[label(earlier)], value=value)
    return found


def taken_values(result: Result, index: CloudIndex, claims: Claims, tenant: Tenant, settings: EvalSettings, *,
                 upn: bool = True) -> bool:
    """Quarantine the UPN (unless upn is False) and the primary SMTP address that are taken; True if in the cloud.

    R8: a value no cloud object holds may still be an earlier object's, whatever the other value meets.
    """
    ident = result.identity
    in_cloud = False
    for attr, value, key in ((UPN, ident.upn, ident.upn_key if upn else None),
                             (PROXY, ident.primary_smtp, ident.primary_key)):
        if not key:
            continue
        holders = index.holders(key)
        if not holders:
            earlier_onprem(result, attr, value, key, claims, tenant, settings)
            continue
        in_cloud = True
        if attr == UPN and result.warnings and any(w["code"] == "UpnRewritten" for w in result.warnings):
            result.assume("R3-rewritten-upn-matching")
        quarantine(result, attr, value, [h.id for h in holders], "cloud", tenant, settings)
    return in_cloud


def earlier_onprem(result: Result, attr: str, value: str | None, key: str, claims: Claims, tenant: Tenant,
                   settings: EvalSettings) -> None:
    """Quarantine the UPN or primary address (attr; key in lower case) an earlier object already brings."""
    earlier = claims.values.get(key)
    if earlier is not None and earlier is not result:
        quarantine(result, attr, value, [label(earlier)], "earlier on-premises", tenant, settings)


def quarantine(result: Result, attr: str, value: str | None, holders: list[Any], whose: str, tenant: Tenant,
               settings: EvalSettings) -> None:
    """Record the uniqueness error and what resiliency does to the value (or that the export fails)."""
    if not _quarantines(attr, settings):
        flag = "quarantineUponUpnConflictEnabled" if attr == UPN else "quarantineUponProxyAddressesConflictEnabled"
        result.error("AttributeValueMustBeUnique", f"{value} is already held by {whose} object {', '.join(holders)}, "
                     f"and the tenant sets {flag} to false: nothing is quarantined, the export fails.",
                     attribute=attr, conflicts=holders, value=value, quarantineDisabled=flag)
        return
    details: dict[str, object]
    if attr == UPN:
        effect, details = quarantined_upn(result, value, tenant)
    else:
        effect, details = "the address is dropped from the new object", {"value": value}
    result.error("AttributeValueMustBeUnique", f"{value} is already held by {whose} object {', '.join(holders)}: "
                 f"{effect}.", blocking=False, attribute=attr, conflicts=holders, **details)


def _quarantines(attr: str, settings: EvalSettings) -> bool:
    """Whether the tenant lets resiliency quarantine a conflict on the attribute."""
    return settings.quarantine_upn if attr == UPN else settings.quarantine_proxy


def quarantined_upn(result: Result, value: str | None, tenant: Tenant) -> tuple[str, dict[str, object]]:
    """(2026-12) <prefix><4 digits>@<initial domain>, shown as prefix####@initial (KB 3166795)."""
    prefix = (value or "").rpartition("@")[0] or (value or "")
    domain = tenant.initial_domain or "<initial domain>"
    shown = f"{prefix}####@{domain}"
    effect = (f"the new account gets the UPN {shown} (#### four random digits), the same value is added as an "
              f"smtp: proxy address, and the Entra portal lists the object under {PORTAL_CATEGORY}")
    details: dict[str, object] = {"value": value, "quarantinedAs": shown, "addedProxyAddress": f"smtp:{shown}",
               "portalCategory": PORTAL_CATEGORY}
    onprem_upn = result.identity.onprem_upn or ""
    suffix = onprem_upn.rpartition("@")[2].lower()
    if suffix and not domain_verified(suffix, tenant):
        effect += (f"; as the UPN suffix {suffix} is not verified, the quarantine does not heal by itself once the "
                   "conflict is gone")
        details["healsAutomatically"] = False
    return effect, details


def secondary(result: Result, index: CloudIndex, claims: Claims, settings: EvalSettings) -> None:
    """Drop secondary smtp: addresses (and a mail other than the primary) that another object already holds."""
    ident = result.identity
    primary = ident.primary_key or ""
    values = list(ident.smtp)
    mail = result.obj.attrs.get("mail")
    if type(mail) is not str:
        mail = result.obj.mail
    if mail and "@" in mail and mail.strip().lower() != primary and all(
            mail.strip().lower() != v.lower() for v in values):
        values.append(mail.strip())
    for value in values:
        key = value.lower()
        if key == primary:
            continue
        cloud, earlier = index.holders(key), claims.values.get(key)
        if not cloud and (earlier is None or earlier is result):  # the usual case: nobody holds it
            continue
        if result.obj.kind == USER and any(h.kind == GROUP for h in cloud):
            continue  # reported by address_held_by_group
        holders = [h.id for h in cloud]
        if earlier is not None and earlier is not result:
            holders.append(label(earlier))
        if not holders:
            continue
        if not settings.quarantine_proxy:
            result.error("AttributeValueMustBeUnique", f"Secondary address {value} is already held by "
                         f"{', '.join(holders)}, and quarantineUponProxyAddressesConflictEnabled is false: the "
                         "export fails.", attribute=PROXY, conflicts=holders, value=value,
                         quarantineDisabled="quarantineUponProxyAddressesConflictEnabled")
        else:
            result.error("AttributeValueMustBeUnique", f"Secondary address {value} is already held by "
                         f"{', '.join(holders)}: it is dropped from the new object.", blocking=False,
                         attribute=PROXY, conflicts=holders, value=value)
