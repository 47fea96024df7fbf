"""IdFix's skip list: the objects it never checks (system, service and conflict objects, and groups that do not
synchronise to Exchange Online as mail objects).

IdFix: src/Rules/MultiTenantRuleCollection.cs (`Skip`) and the well-known exclusions of
src/IdFix/Settings/Constants.cs; docs/Errors supported by the IdFix tool.md ("Well known exclusions").
Differences: msExchRecipientTypeDetails is compared as a number (IdFix compared the text with "0x1000" and so on,
which an LDAP export, giving decimal numbers, never matches); a group's kind is read from groupType, else from
Get-ADGroup's GroupCategory; a group with neither is checked.
"""

from __future__ import annotations

from typing import Any

from ..model import GROUP, USER
from ..values import as_bool, as_int, as_text

EXCLUSIONS = tuple(name.upper() for name in (
    "Admini", "CAS_{", "DiscoverySearchMailbox", "FederatedEmail", "Guest", "HTTPConnector", "krbtgt", "iusr_",
    "iwam", "msol", "support_", "SystemMailbox", "WWIOadmini", "HealthMailbox", "Exchange Online-ApplicationAccount"))
LONGEST = max(len(name) for name in EXCLUSIONS)
SAM_EXCLUSIONS = ("CAS_", "SUPPORT_", "MSOL_")
NICKNAME_EXCLUSIONS = ("CAS_", "SYSTEMMAILBOX")
RECIPIENT_TYPES = frozenset((0x1000, 0x2000, 0x4000, 0x400000, 0x800000, 0x1000000, 0x20000000))


def reason(attrs: dict[str, Any], kind: str, cn: str) -> str | None:
    """Why IdFix skips the object, or None when it is checked."""
    if cn.endswith("$"):
        return "cn ends in $"
    if cn[:LONGEST].upper().startswith(EXCLUSIONS):
        return "cn is a well-known system or service name"
    dn = attrs.get("distinguishedName")
    if type(dn) is str and ":" in dn and "\\0ACNF:" in dn.upper():  # no colon, no CNF:
        return "a replication-conflict object (\\0ACNF: in its DN)"
    critical = attrs.get("isCriticalSystemObject")
    if critical is not None and as_bool(critical):
        return "isCriticalSystemObject is true"
    if kind == USER:
        return _user_reason(attrs)
    if kind == GROUP:
        return _group_reason(attrs)
    return None


def _user_reason(attrs: dict[str, Any]) -> str | None:
    """The skip rules for users: service accounts, system mailboxes, hidden MSOL accounts, recipient types."""
    sam, nickname = attrs.get("sAMAccountName"), attrs.get("mailNickname")
    if (sam if type(sam) is str else _text(sam))[:8].upper().startswith(SAM_EXCLUSIONS):
        return "sAMAccountName starts with CAS_, SUPPORT_ or MSOL_"
    if (nickname if type(nickname) is str else _text(nickname))[:13].upper().startswith(NICKNAME_EXCLUSIONS):
        return "mailNickname starts with CAS_ or SystemMailbox"
    hidden = attrs.get("msExchHideFromAddressLists")
    if hidden is not None and as_bool(hidden) and (as_text(attrs.get("displayName")) or "").upper().startswith("MSOL"):
        return "a hidden MSOL account"
    details = attrs.get("msExchRecipientTypeDetails")
    if details is not None and as_int(details) in RECIPIENT_TYPES:
        return "msExchRecipientTypeDetails is a system or arbitration mailbox type"
    return None


def _text(value: object) -> str:
    """A single-valued attribute as text, empty when absent (text, the usual form, as it is)."""
    return value if type(value) is str else as_text(value) or ""


def _group_reason(attrs: dict[str, Any]) -> str | None:
    """Security groups without mail and distribution groups without proxyAddresses are skipped."""
    security = _security(attrs)
    if security is True and not attrs.get("mail"):
        return "a security group without mail"
    if security is False and not attrs.get("proxyAddresses"):
        return "a distribution group without proxyAddresses"
    return None


def _security(attrs: dict[str, Any]) -> bool | None:
    """True for a security group, False for a distribution group, None when the export does not say."""
    group_type = attrs.get("groupType")
    if group_type is not None:
        number = as_int(group_type)
        return None if number is None else number < 0
    category = (as_text(attrs.get("GroupCategory")) or "").lower()
    return {"security": True, "distribution": False}.get(category)
