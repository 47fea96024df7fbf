"""What the checks of one attribute say about one value: the problems found and the value IdFix would propose."""

from __future__ import annotations

import re
from typing import Any

from . import address
from .catalogue import CHARACTER, LENGTH


class Subject:
    """The object whose values are checked: its kind and the name IdFix falls back on (cn)."""

    __slots__ = ("cn", "kind")

    def __init__(self, kind: str, cn: str):
        self.kind = kind
        self.cn = cn


class Verdict:
    """The problems of one value, in the order found, and the value as each failing check left it."""

    __slots__ = ("entra", "problems", "suggested", "value")

    def __init__(self, value: str):
        self.value = value
        self.problems: list[tuple[str, str]] = []
        self.suggested = value
        # Microsoft's error for this value when Entra ID rejects it on export (R3): {code, attribute, blocking}
        self.entra: dict[str, Any] | None = None

    def add(self, kind: str, message: str, suggested: str | None = None) -> None:
        """Record a problem; the proposed value, when given, is what the following checks see."""
        self.problems.append((kind, message))
        if suggested is not None:
            self.suggested = suggested

    def found(self) -> Verdict | None:
        """This verdict when something was found, else None."""
        return self if self.problems else None


def length(verdict: Verdict, attribute: str, limit: int, fallback: str | None = None) -> None:
    """IdFix's StringMaxLengthRule: longer than `limit` is Length, and the value cut to `limit` is proposed."""
    value = verdict.suggested
    if len(value) > limit:
        verdict.add(LENGTH, f"{attribute} is {len(value)} characters long; at most {limit} are allowed.",
                    fallback if fallback is not None else value[:limit])


def characters(verdict: Verdict, attribute: str, forbidden: re.Pattern[str], fallback: str | None,
               fold: bool = False) -> None:
    """IdFix's RegexRule: a forbidden character is Character, and the value without them is proposed (accents
    folded to ASCII first when `fold`)."""
    value = verdict.suggested
    found = forbidden.findall(value)
    if found:
        shown = " ".join(sorted({_shown(c) for c in found}))
        cleaned = forbidden.sub("", address.fold(value) if fold else value)
        verdict.add(CHARACTER, f"{attribute} holds characters it may not hold: {shown}.", cleaned or fallback or value)


def rfc2822(verdict: Verdict, attribute: str, prefix: str = "") -> None:
    """IdFix's RFC2822Rule on the address (after `prefix`, such as SMTP:)."""
    types, cleaned = address.problems(verdict.suggested[len(prefix):])
    for kind in types:
        verdict.add(kind, f"{attribute} {MESSAGES[kind]}", prefix + cleaned)


def _shown(character: str) -> str:
    """A character as a reader can see it: whitespace and control characters by name."""
    if character == " ":
        return "space"
    if character.isprintable():
        return character
    return f"U+{ord(character):04X}"


MESSAGES = {
    "TopLevelDomain": "ends in a top-level domain that does not route on the internet (it is not in IANA's list).",
    "DomainPart": "has a domain part (after @) that is not a valid domain name.",
    "LocalPart": "has a local part (before @) that breaks RFC 2822: characters, dots, or more than one @.",
    "Format": "is not an RFC 2822 address (name@domain.tld), even with its parts cleaned.",
}
