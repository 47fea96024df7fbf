"""R1 Scope: which objects Entra Connect synchronises at all.

Microsoft: the default configuration synchronises users (inetOrgPerson as users), groups and
contacts; its "In from AD" rules leave out critical system objects, its own service accounts
(MSOL_, AAD_), replication-conflict objects (CNF:), and (2026-12 revision of the rules) users
without sAMAccountName, SUPPORT_388945a0, SystemMailbox{ and CAS_...} mailboxes, Exchange system
recipients (msExchRecipientTypeDetails AND 0x21C07000), linked mailboxes nothing joins, contacts
that are not mail-enabled or are (MSOL) hidden contacts, distribution groups that are not
mail-enabled, role groups, MSOL_AD_Sync_RichCoexistence and groups over 250,000 members.
Sources: "Entra Connect Sync: Understanding the default configuration", "Understanding Users,
Groups, and Contacts", "Topologies for Entra Connect".
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import CONTACT, GROUP, USER, OnPremObject
from ..result import Result
from ..values import as_bool, as_int, as_list

SERVICE_ACCOUNT_PREFIXES = ("msol_", "aad_")
SYSTEM_RECIPIENTS = 0x21C07000  # public folders, System Attendant, system/arbitration mailboxes, plans, discovery
ROLE_GROUP = 0x40000000
LINKED_MAILBOX = 2
USER_MAILBOX = 1
SECURITY_BIT = 0x80000000
MAX_GROUP_MEMBERS = 250_000


def skip_reason_before_joins(obj: OnPremObject) -> str | None:
    """Why the default configuration leaves the object out, before joins decide about linked mailboxes."""
    reason = skip_reason(obj)
    return None if reason == LINKED_REASON else reason


def skip_reason(obj: OnPremObject) -> str | None:
    """Return why the default configuration leaves the object out, or None when it is in scope."""
    found = _first_filter(obj)
    return found[0] if found else None


def evaluate(result: Result) -> bool:
    """Skip the object when a default filter excludes it (True); warn when a group lacks groupType."""
    obj = result.obj
    if obj.kind == USER and _ordinary_user(obj):  # most objects: no filter applies, no further call
        return False
    found = _first_filter(obj)
    if found:
        result.skip_reason, result.outcome = found[0], "skipped"
        if found[1]:
            result.assume(found[1])
        return True
    if result.obj.kind == GROUP and group_type(result.obj) is None:
        result.warn("GroupTypeMissing", "The export has no groupType for this group: it is taken as a security "
                    "group. Export groupType (Get-ADGroup -Properties groupType) so that distribution groups "
                    "that are not mail-enabled are known to be skipped.")
    return False


def _first_filter(obj: OnPremObject) -> tuple[str, str | None] | None:
    """The first default filter that excludes the object, with the assumption it rests on."""
    if obj.kind is None:
        name = obj.class_name or "(no objectClass)"
        return f"objectClass {name} is not synchronised (only user, inetOrgPerson, group and contact are)", None
    if obj.kind == USER and _ordinary_user(obj):  # most objects: no filter can apply, none is called
        return None
    attrs = obj.attrs
    for check, assumption, needs in FILTERS[obj.kind]:
        if needs is None or needs in attrs:  # most filters read an attribute most objects lack
            reason = check(obj)
            if reason:
                return reason, assumption
    return None


# The sAMAccountName and mailNickname beginnings some user filter looks at.
_SAM_PREFIXES = ("krbtgt", "msol_", "aad_", "support_", "cas_")
_NICKNAME_PREFIXES = ("systemmailbox{", "cas_")


def _ordinary_user(obj: OnPremObject) -> bool:
    """True when no user filter can apply: a quick screen, the filters below decide everything else."""
    attrs, sam = obj.attrs, obj.sam
    if not sam or sam[-1] == "$" or sam.lower().startswith(_SAM_PREFIXES):
        return False
    if "isCriticalSystemObject" in attrs or "msExchRecipientTypeDetails" in attrs:
        return False
    nickname = attrs.get("mailNickname")
    if nickname and str(nickname).lower().startswith(_NICKNAME_PREFIXES):
        return False
    return not (obj.dn and ":" in obj.dn)  # no colon, no CNF:


# --- filters for every synchronised class -----------------------------------------------------------

def critical_system_object(obj: OnPremObject) -> str | None:
    """isCriticalSystemObject true (Default configuration)."""
    critical = obj.attrs.get("isCriticalSystemObject")
    if critical is not None and as_bool(critical):
        return "isCriticalSystemObject is true: excluded by the default filters"
    return None


def krbtgt_or_dollar(obj: OnPremObject) -> str | None:
    """krbtgt and names ending in $ (assumption R1-krbtgt-dollar: IdFix skips them, Microsoft does not list them)."""
    sam = (obj.sam or "").lower()
    if sam == "krbtgt":
        return "sAMAccountName krbtgt: excluded by the default filters"
    if sam.endswith("$"):
        return "sAMAccountName ends in $: excluded by the default filters"
    return None


def service_account(obj: OnPremObject) -> str | None:
    """Connect's own accounts and MSOL_AD_Sync_RichCoexistence (Default configuration)."""
    sam = (obj.sam or "").lower()
    if sam == "msol_ad_sync_richcoexistence":
        return "sAMAccountName MSOL_AD_Sync_RichCoexistence: excluded by the default filters"
    if sam.startswith(SERVICE_ACCOUNT_PREFIXES):
        return "a sync service account (MSOL_ or AAD_): excluded by the default filters"
    return None


def replication_conflict(obj: OnPremObject) -> str | None:
    """CNF: objects left by replication conflicts."""
    dn = obj.dn.lower() if obj.dn and ":" in obj.dn else ""  # no colon, no CNF:
    if "\\0acnf:" in dn or "\ncnf:" in dn:
        return "a replication-conflict object (CNF: in its DN): excluded by the default filters"
    return None


# --- users -----------------------------------------------------------------------------------------

def no_sam_account_name(obj: OnPremObject) -> str | None:
    """(2026-12) Users without sAMAccountName (Default configuration, In from AD - User Join)."""
    return None if obj.sam else "the user has no sAMAccountName: excluded by the default filters"


def system_account_names(obj: OnPremObject) -> str | None:
    """(2026-12) SUPPORT_388945a0, SystemMailbox{...} and CAS_...} (Default configuration)."""
    sam = obj.sam or ""
    raw_nickname = obj.attrs.get("mailNickname")
    if sam[:1] not in "sScC" and (not raw_nickname or str(raw_nickname)[:1] not in "sScC"):
        return None  # the usual case: neither name can start with SUPPORT_, SystemMailbox{ or CAS_
    sam = sam.lower()
    nickname = (obj.text("mailNickname") or "").lower()
    if sam == "support_388945a0":
        return "sAMAccountName SUPPORT_388945a0: excluded by the default filters"
    if nickname.startswith("systemmailbox{"):
        return "mailNickname starts with SystemMailbox{: an Exchange system mailbox, excluded by the default filters"
    for name in (nickname, sam):
        if name.startswith("cas_") and "}" in name:
            return ("mailNickname or sAMAccountName CAS_...}: an Exchange system mailbox, excluded by the default "
                    "filters")
    return None


def system_recipient(obj: OnPremObject) -> str | None:
    """(2026-12) msExchRecipientTypeDetails AND 0x21C07000: Exchange system recipients (Default configuration)."""
    details = recipient_type(obj)
    if details is not None and details & SYSTEM_RECIPIENTS:
        return (f"msExchRecipientTypeDetails {details} is an Exchange system recipient (public folder, system, "
                "arbitration or discovery mailbox, mailbox plan): excluded by the default filters")
    return None


LINKED_REASON = ("a linked mailbox (msExchRecipientTypeDetails 2) that no account of the input joins: the default "
                 "rules provision it only joined to its account in the account forest")


def unjoined_linked_mailbox(obj: OnPremObject) -> str | None:
    """(2026-12) A linked mailbox (type 2) that no account of another export joins (Topologies; joins.py)."""
    if recipient_type(obj) == LINKED_MAILBOX and not (obj.joined and any(e["role"] == "account" for e in obj.joined)):
        return LINKED_REASON
    return None


# --- contacts --------------------------------------------------------------------------------------

def contact_not_mail_enabled(obj: OnPremObject) -> str | None:
    """(2026-12) Contacts must be mail-enabled (Default configuration, In from AD - Contact Join)."""
    return None if mail_enabled(obj) else ("the contact is not mail-enabled (no smtp: proxy address, no mail): "
                                           "excluded by the default filters")


def msol_hidden_contact(obj: OnPremObject) -> str | None:
    """(2026-12) (MSOL) contacts hidden from address lists are DirSync's own (Default configuration)."""
    hidden = as_bool(obj.attrs.get("msExchHideFromAddressLists"))
    if hidden and "(msol)" in (obj.display_name or "").lower():
        return "a contact named (MSOL) and hidden from address lists: excluded by the default filters"
    return None


# --- groups ----------------------------------------------------------------------------------------

def distribution_group_without_mail(obj: OnPremObject) -> str | None:
    """(2026-12) A distribution group that is not mail-enabled; no groupType counts as a security group."""
    kind = group_type(obj)
    if kind is not None and not kind & SECURITY_BIT and not mail_enabled(obj):
        return "a distribution group that is not mail-enabled: excluded by the default filters"
    return None


def role_group(obj: OnPremObject) -> str | None:
    """(2026-12) Exchange role groups (msExchRecipientTypeDetails AND 0x40000000)."""
    details = recipient_type(obj)
    if details is not None and details & ROLE_GROUP:
        return "an Exchange role group (msExchRecipientTypeDetails 0x40000000): excluded by the default filters"
    return None


def too_many_members(obj: OnPremObject) -> str | None:
    """(2026-12) Groups over 250,000 members, when the export shows the members (Default configuration)."""
    count = member_count(obj)
    if count is not None and count > MAX_GROUP_MEMBERS:
        return f"the group has {count} members, more than {MAX_GROUP_MEMBERS:,}: Entra Connect does not sync it"
    return None


# --- values the filters read -----------------------------------------------------------------------

def mail_enabled(obj: OnPremObject) -> bool:
    """(2026-12) At least one smtp: proxy address (any case), or a mail holding @ (Users, Groups, and Contacts)."""
    for value in as_list(obj.attrs.get("proxyAddresses")):
        if str(value)[:5].lower() == "smtp:":
            return True
    return "@" in (obj.mail or "")


def recipient_type(obj: OnPremObject) -> int | None:
    """msExchRecipientTypeDetails as a number, or None."""
    return as_int(obj.attrs.get("msExchRecipientTypeDetails"))


def group_type(obj: OnPremObject) -> int | None:
    """groupType as an unsigned 32-bit number (AD shows it signed), or None when the export lacks it."""
    value = as_int(obj.attrs.get("groupType"))
    return None if value is None else value & 0xFFFFFFFF


def member_count(obj: OnPremObject) -> int | None:
    """memberCount, else the number of member values; None when the export shows no members."""
    count = as_int(obj.attrs.get("memberCount"))
    if count is not None:
        return count
    members = obj.attrs.get("member")
    return len(as_list(members)) if members is not None else None


Filter = Callable[[OnPremObject], "str | None"]
# (filter, the assumption it rests on, the attribute it cannot fire without: None when it always runs)
COMMON: list[tuple[Filter, str | None, str | None]] = [
    (critical_system_object, None, "isCriticalSystemObject"), (krbtgt_or_dollar, "R1-krbtgt-dollar", "sAMAccountName"),
    (service_account, None, "sAMAccountName"), (replication_conflict, None, "distinguishedName"),
]
FILTERS: dict[str, list[tuple[Filter, str | None, str | None]]] = {
    USER: [*COMMON, (no_sam_account_name, None, None), (system_account_names, None, None),
           (system_recipient, None, "msExchRecipientTypeDetails"),
           (unjoined_linked_mailbox, None, "msExchRecipientTypeDetails")],
    CONTACT: [*COMMON, (contact_not_mail_enabled, None, None),
              (msol_hidden_contact, None, "msExchHideFromAddressLists")],
    GROUP: [*COMMON, (distribution_group_without_mail, None, "groupType"),
            (role_group, None, "msExchRecipientTypeDetails"), (too_many_members, None, None)],
}
