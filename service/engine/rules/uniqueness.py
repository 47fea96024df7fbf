"""R6 No match: a new object, unless one of its unique values is already taken.

Microsoft: UPN and proxy addresses share one uniqueness namespace, and OnPremiseSecurityIdentifier
is unique too. With duplicate-attribute resiliency a new object whose UPN or primary SMTP address is
taken is still created, with the UPN quarantined as <prefix>+<4 digits>@<initial domain> and the
address dropped (AttributeValueMustBeUnique, non-blocking); a taken secondary address is just
dropped. A taken SID makes the export fail. Sources: "Duplicate attribute resiliency",
"Entra Connect: When you have an existing tenant" (OnPremiseSecurityIdentifier conflicts).
"""

from __future__ import annotations

from ..index import CloudIndex
from ..model import Tenant
from ..result import Result
from .competition import Claims, label

UPN, PROXY = "UserPrincipalName", "ProxyAddresses"


def evaluate(result: Result, index: CloudIndex, claims: Claims, tenant: Tenant) -> None:
    """Provision the object, as a duplicate when a cloud object already holds its UPN or primary SMTP."""
    if _sid_taken(result, index, claims):
        result.outcome = "error"
        return
    ident = result.identity
    cloud_hits = [(UPN, ident.upn, index.holders(ident.upn) if ident.upn else []),
                  (PROXY, ident.primary_smtp, index.holders(ident.primary_smtp) if ident.primary_smtp else [])]
    taken = [(attr, value, holders) for attr, value, holders in cloud_hits if holders]
    result.outcome = "duplicate" if taken else "provision"
    for attr, value, holders in taken:
        _quarantine(result, attr, value, [h.id for h in holders], "cloud", tenant)
    if not taken:
        _earlier_onprem(result, claims, tenant)
    _secondary(result, index, claims)


def _sid_taken(result: Result, index: CloudIndex, claims: Claims) -> bool:
    """Error when a cloud object or an earlier object already holds the object's SID."""
    sid = result.identity.sid
    if not sid:
        return False
    holders = [h.id for h in index.by_sid.get(sid.upper(), [])]
    earlier = claims.sids.get(sid.upper())
    if earlier is not None and earlier is not result:
        holders.append(label(earlier))
    if not holders:
        return False
    result.error("AttributeValueMustBeUnique", f"objectSid {sid} is already the OnPremiseSecurityIdentifier of "
                 f"{', '.join(holders)}: Entra ID cannot create a second object with it (a restored domain "
                 "controller can reissue SIDs).", attribute="OnPremiseSecurityIdentifier", conflicts=holders)
    return True


def _earlier_onprem(result: Result, claims: Claims, tenant: Tenant) -> None:
    """Quarantine the UPN or primary address an earlier object of the snapshot already brings."""
    ident = result.identity
    for attr, value in ((UPN, ident.upn), (PROXY, ident.primary_smtp)):
        earlier = claims.values.get(value.lower()) if value else None
        if earlier is not None and earlier is not result:
            _quarantine(result, attr, value, [label(earlier)], "earlier on-premises", tenant)


def _quarantine(result: Result, attr: str, value: str | None, holders: list, whose: str, tenant: Tenant) -> None:
    """Record the non-blocking uniqueness error and what resiliency does to the value."""
    if attr == UPN:
        prefix = (value or "").partition("@")[0]
        domain = tenant.initial_domain or "<initial domain>"
        effect = f"the new account gets the UPN {prefix}+NNNN@{domain} (NNNN: four random digits)"
        details = {"value": value, "quarantinedAs": f"{prefix}+NNNN@{domain}"}
    else:
        effect = "the address is dropped from the new object"
        details = {"value": value}
    result.error("AttributeValueMustBeUnique", f"{value} is already held by {whose} object {', '.join(holders)}: "
                 f"{effect}.", blocking=False, attribute=attr, conflicts=holders, **details)


def _secondary(result: Result, index: CloudIndex, claims: Claims) -> None:
    """Drop secondary smtp: addresses that another object already holds."""
    ident = result.identity
    primary = (ident.primary_smtp or "").lower()
    for value in ident.smtp:
        if value.lower() == primary:
            continue
        holders = [h.id for h in index.holders(value)]
        earlier = claims.values.get(value.lower())
        if earlier is not None and earlier is not result:
            holders.append(label(earlier))
        if holders:
            result.error("AttributeValueMustBeUnique", f"Secondary address {value} is already held by "
                         f"{', '.join(holders)}: it is dropped from the new object.", blocking=False,
                         attribute=PROXY, conflicts=holders, value=value)
