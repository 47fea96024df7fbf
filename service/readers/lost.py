"""Lost characters: '?' where a letter was, what Windows PowerShell 5.1 writes for non-ASCII letters in ASCII.

Export-Csv in Windows PowerShell 5.1 writes ASCII by default and Out-File -Encoding ascii the same: every
letter outside ASCII becomes '?' (about_Character_Encoding, Microsoft Learn). Only names and addresses are
checked, where a '?' is not punctuation; in display names only a '?' inside a word counts (a group named
"Who is on call?" keeps its question mark).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .registry import Warn

# Person-name parts and addresses: any '?' is a lost letter.
STRICT = frozenset({"givenname", "sn", "surname", "middlename", "initials", "mail", "userprincipalname",
                    "proxyaddresses", "mailnickname", "othermails", "samaccountname"})
# Display names: a '?' before a letter or digit, or one between a word and the next word ("Zo? M?ller").
LOOSE = frozenset({"displayname", "cn", "name", "distinguishedname"})
# The same names as the readers write them for on-prem objects.
# In this order, so that the message names the display name first.
ONPREM_NAMES = ("displayName", "givenName", "sn", "middleName", "initials", "cn", "name", "distinguishedName",
                "mail", "userPrincipalName", "proxyAddresses", "mailNickname", "sAMAccountName")
_INSIDE_WORD = re.compile(r"\?(?=\w)|(?<=\w)\?(?=\s+\w)")
MAX_LISTED = 20


class LostLetters:
    """Collects the objects whose names or addresses hold a lost letter, and warns once for the file."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.affected: list[str] = []

    def check(self, obj: object, number: int) -> None:
        """Remember the object when one of its names or addresses holds a lost letter."""
        if type(obj) is not dict:
            return
        get = obj.get
        # Canonical on-prem objects hold these names as written; cloud entities come in any casing.
        for key in ONPREM_NAMES if self.kind == "onprem" else obj:
            value = get(key)
            if value is None:
                continue
            if value.__class__ is str:  # inlined: this runs for every name of every object
                if "?" not in value:
                    continue
            elif not _has_question_mark(value):
                continue
            if not isinstance(key, str):
                continue
            name = key.lower()
            if (name in STRICT or name in LOOSE) and _lost(name, value):
                self.affected.append(f"record {number} ({key} '{_first(value)[:80]}')")
                return

    def report(self, warn: Warn, note: str) -> None:
        """The NonAsciiLost warning listing the affected objects."""
        if not self.affected:
            return
        listed = "; ".join(self.affected[:MAX_LISTED])
        more = f"; and {len(self.affected) - MAX_LISTED} more" if len(self.affected) > MAX_LISTED else ""
        warn("NonAsciiLost",
             f"{len(self.affected)} object(s) have '?' in a name or address where a letter was: the export was "
             "saved as ASCII, which turns every non-ASCII letter into '?' (Export-Csv in Windows PowerShell 5.1 "
             f"does this by default), so these values cannot match the tenant's. {note} Affected: {listed}{more}.")


def _has_question_mark(value: object) -> bool:
    """A text value, or a list holding one, with a '?' in it."""
    if value.__class__ is str:
        return "?" in value
    return value.__class__ is list and any(item.__class__ is str and "?" in item for item in value)


def _lost(name: str, value: object) -> bool:
    """True when the value (or one of its items) holds a lost letter for that attribute."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str) and "?" in item:
            if name == "proxyaddresses" and item[:5].lower() != "smtp:":
                continue  # X.400 and other address types may hold '?'
            if name in STRICT or _INSIDE_WORD.search(item):
                return True
    return False


def _first(value: object) -> str:
    """The first text holding '?', for the message."""
    items = value if isinstance(value, list) else [value]
    return next((i for i in items if isinstance(i, str) and "?" in i), "")
