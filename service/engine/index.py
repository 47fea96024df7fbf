"""Hash indexes over the cloud snapshot, built once: no pairwise comparison anywhere."""

from __future__ import annotations

from collections import defaultdict

from .model import GROUP, CloudObject


def smtp_values(obj: CloudObject) -> list[str]:
    """Every SMTP address of a cloud object (mail when it has no SMTP proxy), lower case."""
    values = [p[5:].lower() for p in obj.proxies if p[:5].lower() == "smtp:"]
    mail = obj.text("mail")
    if not values and mail:
        values.append(mail.lower())
    return values


def primary_smtp(obj: CloudObject) -> str | None:
    """The cloud object's primary SMTP address (SMTP: proxy, else mail), lower case."""
    for p in obj.proxies:
        if p.startswith("SMTP:"):
            return p[5:].lower()
    mail = obj.text("mail")
    return mail.lower() if mail else None


class CloudIndex:
    """Cloud objects by ImmutableId, UPN, SMTP address, SID and displayName."""

    def __init__(self, objects: list[CloudObject]):
        self.objects = objects
        self.live_by_anchor: dict[str, list[CloudObject]] = defaultdict(list)
        self.deleted_by_anchor: dict[str, list[CloudObject]] = defaultdict(list)
        self.by_smtp: dict[str, list[CloudObject]] = defaultdict(list)
        self.by_primary: dict[str, list[CloudObject]] = defaultdict(list)
        self.by_upn: dict[str, list[CloudObject]] = defaultdict(list)
        self.by_sid: dict[str, list[CloudObject]] = defaultdict(list)
        self.groups_by_name: dict[str, list[CloudObject]] = defaultdict(list)
        for obj in objects:
            self._add(obj)

    def _add(self, obj: CloudObject) -> None:
        """Index one object under each of its keys."""
        if obj.deleted:
            if obj.immutable_id:
                self.deleted_by_anchor[obj.immutable_id].append(obj)
            return
        if obj.immutable_id:
            self.live_by_anchor[obj.immutable_id].append(obj)
        for value in dict.fromkeys(smtp_values(obj)):
            self.by_smtp[value].append(obj)
        primary = primary_smtp(obj)
        if primary:
            self.by_primary[primary].append(obj)
        if obj.upn:
            self.by_upn[obj.upn.lower()].append(obj)
        if obj.sid:
            self.by_sid[obj.sid.upper()].append(obj)
        if obj.kind == GROUP and obj.display_name:
            self.groups_by_name[obj.display_name.lower()].append(obj)

    def holders(self, value: str) -> list[CloudObject]:
        """Live objects whose UPN or any SMTP address equals the value (one uniqueness namespace)."""
        key = value.lower()
        found = self.by_upn.get(key, []) + self.by_smtp.get(key, [])
        return list({id(o): o for o in found}.values())

    @property
    def live(self) -> list[CloudObject]:
        """Every live cloud object, in snapshot order."""
        return [o for o in self.objects if not o.deleted]
