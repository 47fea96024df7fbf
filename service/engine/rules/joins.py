"""Joins across forests (Connect): the users the join rule links become one metaverse person.

Microsoft: the wizard's "Uniquely identifying your users" page joins users of several forests on
mail, on objectSid = msExchMasterAccountSid (an account forest and a resource forest's linked
mailboxes), on sAMAccountName and mailNickname, or on a chosen attribute; "users are represented
only once across all directories" joins nothing. The enabled account contributes the sourceAnchor,
UPN and password hash, the mailbox the Exchange attributes; when several accounts are enabled or
several mailboxes exist, one is used and the others are ignored. A contact whose mail equals a
user's in another forest (GALSync) joins that user. Cloud Sync joins nothing. Sources: "Topologies
for Entra Connect" (Multiple forests, account-resource forest, GALSync), "Entra Connect Sync:
Understanding Users, Groups, and Contacts", "Choose the right sync client".
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import CONTACT, USER, OnPremObject
from ..names import ONPREM_TABLE, lookup
from ..result import Result
from ..topology import JOIN_MAIL, JOIN_NONE, JOIN_SAM, JOIN_SID, JoinedEntry, Source, Topology
from ..values import as_text, sid_text

ACCOUNT_DISABLED = 0x2
SELF_SID = "S-1-5-10"  # NT AUTHORITY\\SELF: the master account of a shared or user mailbox, not a link
EXCHANGE_NAMES = frozenset(("mail", "proxyaddresses", "mailnickname", "targetaddress", "legacyexchangedn",
                            "showinaddressbook", "homemdb", "homemta", "textencodedoraddress"))

# The objects of every export in order; a joined object's place becomes None.
Objects = list[OnPremObject | None]
Eligible = Callable[[OnPremObject], bool]
# The users one join key links: (position, object), one per forest.
Group = list[tuple[int, OnPremObject]]


def join(objects: Objects, positions: list[int], topology: Topology, eligible: Eligible) -> int:
    """Replace each joined group by one person at its first object's place (the others become None); GALSync
    contacts are listed on their user. Return how many objects were joined into another."""
    absorbed = 0
    if topology.join != JOIN_NONE or topology.join_attribute:
        for members in _groups(objects, positions, topology, eligible):
            absorbed += _merge(objects, members, _join_name(topology))
    return absorbed + _galsync(objects, positions, eligible)


def _join_name(topology: Topology) -> str:
    """The join rule's name, as the results show it."""
    return f"attribute {topology.join_attribute}" if topology.join_attribute else topology.join


def _groups(objects: Objects, positions: list[int], topology: Topology, eligible: Eligible) -> list[Group]:
    """The users that share a join key, one per forest, in groups of two or more (one pass)."""
    buckets: dict[str, Group] = {}
    for i in positions:
        obj = objects[i]
        if obj is None or obj.kind != USER or not eligible(obj):
            continue
        key = _key(obj, topology)
        if key:
            buckets.setdefault(key, []).append((i, obj))
    groups: list[Group] = []
    for found in buckets.values():
        if len(found) < 2:
            continue
        seen: set[str] = set()
        members: Group = []
        for i, obj in found:  # one object per forest: a forest is one connector, it joins a person once
            forest = _forest(obj)
            if forest not in seen:
                seen.add(forest)
                members.append((i, obj))
        if len(members) > 1:
            groups.append(members)
    return groups


def _key(obj: OnPremObject, topology: Topology) -> str | None:
    """The object's join key under the chosen rule (compared case-insensitively)."""
    if topology.join_attribute:
        value = as_text(lookup(obj.attrs, topology.join_attribute, ONPREM_TABLE))
        return value.lower() if value else None
    if topology.join == JOIN_MAIL:
        return obj.mail.lower() if obj.mail else None
    if topology.join == JOIN_SAM:
        nickname = obj.text("mailNickname")
        return f"{obj.sam.lower()}\0{nickname.lower()}" if obj.sam and nickname else None
    if topology.join == JOIN_SID:
        master = sid_text(obj.attrs.get("msExchMasterAccountSid"))
        if master and master != SELF_SID:
            return master.upper()
        return obj.sid.upper() if obj.sid and enabled(obj) else None
    return None


def _forest(obj: OnPremObject) -> str:
    """The forest (connector) an object came from."""
    source: Source | dict[str, None] = obj.source or {}
    return str(source.get("forest") or source.get("export") or "")


def enabled(obj: OnPremObject) -> bool:
    """An enabled account: userAccountControl without ACCOUNTDISABLE (no userAccountControl: enabled)."""
    raw = as_text(obj.attrs.get("userAccountControl"))
    try:
        return raw is None or not int(raw) & ACCOUNT_DISABLED
    except ValueError:
        return True


def mailbox(obj: OnPremObject) -> bool:
    """An Exchange mailbox: a linked or user mailbox type, homeMDB, or msExchMailboxGuid."""
    details = as_text(obj.attrs.get("msExchRecipientTypeDetails"))
    return details in ("1", "2") or any(obj.attrs.get(name) not in (None, "", []) for name in
                                        ("homeMDB", "msExchMailboxGuid"))


def _merge(objects: Objects, group: Group, rule: str) -> int:
    """One person from the joined objects; return how many were joined into it."""
    members = [i for i, _ in group]
    joined = [obj for _, obj in group]
    accounts = [o for o in joined if enabled(o)]
    boxes = [o for o in joined if mailbox(o)]
    account = accounts[0] if accounts else joined[0]
    box = boxes[0] if boxes else None
    attrs = dict(account.attrs)
    if box is not None and box is not account:
        attrs = {k: v for k, v in attrs.items() if not _exchange(k)}
        attrs.update({k: v for k, v in box.attrs.items() if _exchange(k)})
    person = OnPremObject(account.record, attrs, account.class_name, account.guid, account.guid_problem)
    person.source = account.source
    spare = {id(o) for o in [*accounts[1:], *boxes[1:]] if o is not account and o is not box}
    person.joined = [_entry(o, _role(o, account, box, spare), rule) for o in joined]
    objects[min(members)] = person
    for i in members:
        if i != min(members):
            objects[i] = None
    return len(members) - 1


def _exchange(name: str) -> bool:
    """True for the Exchange attributes a mailbox contributes."""
    low = name.lower()
    return low in EXCHANGE_NAMES or low.startswith("msexch")


def _role(obj: OnPremObject, account: OnPremObject, box: OnPremObject | None, spare: set[int]) -> str:
    """What a joined object contributes: account, mailbox, both, ignored (a second one), or joined (neither)."""
    if obj is account:
        return "accountAndMailbox" if box is account else "account"
    if obj is box:
        return "mailbox"
    return "ignored" if id(obj) in spare else "joined"


def _entry(obj: OnPremObject, role: str, rule: str) -> JoinedEntry:
    """How a contributing object is listed on the person's result."""
    source: Source | dict[str, None] = obj.source or {}
    return {"export": source.get("export"), "domain": source.get("domain"), "record": obj.record,
            "objectGUID": obj.guid, "distinguishedName": obj.dn, "role": role, "joinedOn": rule}


def _galsync(objects: Objects, positions: list[int], eligible: Eligible) -> int:
    """Contacts whose mail equals a user's mail in another forest join that user (one pass, by hash)."""
    users: dict[str, list[OnPremObject]] = {}
    for i in positions:
        obj = objects[i]
        if obj is not None and obj.kind == USER and obj.mail and eligible(obj):
            users.setdefault(obj.mail.lower(), []).append(obj)
    absorbed = 0
    for i in positions:
        contact = objects[i]
        if contact is None or contact.kind != CONTACT or not contact.mail or not eligible(contact):
            continue
        forest = _forest(contact)
        user = next((u for u in users.get(contact.mail.lower(), ()) if _forest(u) != forest), None)
        if user is None:
            continue
        if not user.joined:
            user.joined = [_entry(user, "user", "mail (GALSync)")]
        user.joined = [*user.joined, _entry(contact, "contact", "mail (GALSync)")]
        objects[i] = None
        absorbed += 1
    return absorbed


def warn_ambiguous(result: Result) -> None:
    """JoinAmbiguous when more than one enabled account or mailbox joined the person."""
    joined = result.obj.joined
    ignored = [e for e in joined or () if e["role"] == "ignored"]
    if ignored:
        names = ", ".join(str(e["distinguishedName"] or e["objectGUID"]) for e in ignored)
        result.warn("JoinAmbiguous", f"Several enabled accounts or mailboxes joined this person: Connect uses one "
                    f"and ignores {names}. Leave one enabled account and one mailbox per person.",
                    {"ignored": ignored})
