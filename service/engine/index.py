"""Hash indexes over the cloud snapshot, built once: no pairwise comparison anywhere."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import GROUP, CloudObject


def smtp_addresses(obj: CloudObject) -> tuple[list[str], str | None]:
    """Every SMTP address of a cloud object (else mail) and its primary one (the SMTP: proxy, else mail), lower case."""
    values, primary = [], None
    for p in obj.proxies:
        prefix = p[:5]
        if prefix == "SMTP:" or prefix.lower() == "smtp:":
            address = p[5:]  # mostly lower case already: then it is its own key, no copy
            values.append(address if address.isascii() and address.islower() else address.lower())
            if primary is None and prefix == "SMTP:":
                primary = values[-1]
    if primary is None or not values:
        mail = obj.text("mail")
        if mail:
            if primary is None:
                primary = mail.lower()
            if not values:
                values.append(mail.lower())
    return values, primary


class Holders(dict[str, Any]):
    """Cloud objects by one key, in snapshot order."""

    # A key most often has one holder: the dict then holds the object itself, and a list only for keys held by
    # several, which saves a list per key.

    __slots__ = ()

    def add(self, key: str, obj: CloudObject) -> None:
        """Index one more holder of a key (an object's keys are added together: it is listed once per key)."""
        found = self.setdefault(key, obj)
        if found is not obj:
            if type(found) is not list:
                self[key] = [found, obj]
            elif found[-1] is not obj:
                found.append(obj)

    def ids(self, key: str) -> list[str]:
        """The ids of the objects holding the key."""
        found = self.get(key)
        if found is None:
            return []
        return [o.id for o in found] if type(found) is list else [found.id]

    def of(self, key: str) -> list[CloudObject]:
        """Every object holding the key (do not change the list: it may be the index's own)."""
        found = self.get(key)
        if found is None:
            return []
        return found if type(found) is list else [found]


class CloudIndex:
    """Cloud objects by ImmutableId (live and deleted users), UPN, SMTP address, SID and displayName."""

    def __init__(self, objects: Iterable[CloudObject]):
        self.objects: list[CloudObject] = []
        self.by_anchor = Holders()  # live and deleted users
        self.by_smtp = Holders()
        self.by_primary = Holders()
        self.by_upn = Holders()
        self.by_sid = Holders()
        self.by_sip = Holders()  # SIP: proxy addresses, lower case (resiliency does not cover them)
        self.groups_by_name = Holders()
        for obj in objects:  # indexed as it is built, while it is in the processor's cache
            self.objects.append(obj)
            self._add(obj)

    def _add(self, obj: CloudObject) -> None:
        """Index one object under each of its keys."""
        if obj.deleted:
            if obj.immutable_id:
                self.by_anchor.add(obj.immutable_id, obj)
            return
        smtp, primary = smtp_addresses(obj)
        for p in obj.proxies:
            if p[0] in "sS" and p[1:4].lower() == "ip:":
                self.by_sip.add(p[4:].lower(), obj)
        by_smtp = self.by_smtp
        for value in smtp:
            if by_smtp.setdefault(value, obj) is not obj:  # the first holder is set here, the others added
                by_smtp.add(value, obj)
        upn = obj.upn
        if upn and not (upn.isascii() and upn.islower()):  # a lower-case UPN is its own key: no copy
            upn = upn.lower()
        # One key per table (most objects have no anchor, SID or group name): the first holder is set here.
        for table, key in ((self.by_primary, primary), (self.by_upn, upn)):
            if key and table.setdefault(key, obj) is not obj:
                table.add(key, obj)
        if obj.immutable_id and self.by_anchor.setdefault(obj.immutable_id, obj) is not obj:
            self.by_anchor.add(obj.immutable_id, obj)
        if obj.sid:
            self.by_sid.add(obj.sid.upper(), obj)
        if obj.kind == GROUP:
            name = obj.display_name
            if name:
                self.groups_by_name.add(name.lower(), obj)

    def holders(self, key: str) -> list[CloudObject]:
        """Live objects whose UPN or any SMTP address is the key, a value in lower case (one uniqueness namespace)."""
        if key not in self.by_upn and key not in self.by_smtp:  # the usual answer
            return []
        found = self.by_upn.of(key) + self.by_smtp.of(key)
        return list({id(o): o for o in found}.values())

    @property
    def live(self) -> list[CloudObject]:
        """Every live cloud object, in snapshot order."""
        return [o for o in self.objects if not o.deleted]
