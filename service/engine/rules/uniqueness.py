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
    taken = []
    for attr, value, key in ((UPN, ident.upn, ident.upn_key), (PROXY, ident.primary_smtp, ident.primary_key)):
        holders = index.holders(key) if key else None
        if holders:
            taken.append((attr, value, holders))
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


def _earlier_onprem(result: Result, claims: Claims, tenant: Tenant) -> None:
    """Quarantine the UPN or primary address an earlier object of the snapshot already brings."""
    ident = result.identity
    for attr, value, key in ((UPN, ident.upn, ident.upn_key), (PROXY, ident.primary_smtp, ident.primary_key)):
        earlier = claims.values.get(key) if key else None
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
    primary = ident.primary_key or ""
    for value in ident.smtp:
        key = value.lower()
        if key == primary:
            continue
        cloud, earlier = index.holders(key), claims.values.get(key)
        if not cloud and (earlier is None or earlier is result):  # the usual case: nobody holds it
            continue
        holders = [h.id for h in cloud]
        if earlier is not None and earlier is not result:
            holders.append(label(earlier))
        if holders:
            result.error("AttributeValueMustBeUnique", f"Secondary address {value} is already held by "
                         f"{', '.join(holders)}: it is dropped from the new object.", blocking=False,
                         attribute=PROXY, conflicts=holders, value=value)
