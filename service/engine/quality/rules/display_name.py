"""displayName: at most 256 characters, and not blank when present.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule, BlankStringRule proposing cn). IdFix's code uses 255;
Entra ID accepts 256 (Microsoft Graph, user resource: displayName "maximum length is 256"), which SyncMatch uses.
IdFix also reports a missing displayName as Blank; SyncMatch only one that is present and empty, as the spec
of the multi-tenant checks says. Blank means nothing visible: whitespace, control or format characters only (a
zero-width space shows as an empty name). The readers already drop whitespace-only values as absent, so through
`syncmatch check` and the API a Blank displayName is one of invisible characters.
"""

from __future__ import annotations

import re
import unicodedata

from ..catalogue import BLANK
from ..verdict import Subject, Verdict, length

ATTRIBUTE = "displayName"
LIMIT = 256
MULTI = DUPLICATES = False
# The usual value, for the pass to skip the call: a letter or digit, so not blank (and at most LIMIT long).
FAST, TLD = re.compile(r"[A-Za-z0-9]").search, False


def check(value: str, subject: Subject) -> Verdict | None:
    """Length, then Blank (proposing cn)."""
    if len(value) <= LIMIT and value.isprintable() and not value.isspace():  # printable: no format characters
        return None
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    if blank(value):
        verdict.add(BLANK, "displayName is present but blank; Exchange and the address book show nothing.",
                    subject.cn or None)
    return verdict.found()


def blank(value: str) -> bool:
    """True when no character of the value is visible (whitespace, control and format characters only)."""
    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in value)
