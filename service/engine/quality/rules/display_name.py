"""displayName: at most 256 characters, and not blank when present.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule, BlankStringRule proposing cn). IdFix's code uses 255;
Entra ID accepts 256 (Microsoft Graph, user resource: displayName "maximum length is 256"), which SyncMatch uses.
IdFix also reports a missing displayName as Blank; SyncMatch only one that is present and empty, as the spec
of the multi-tenant checks says.
"""

from __future__ import annotations

from ..catalogue import BLANK
from ..verdict import Subject, Verdict, length

ATTRIBUTE = "displayName"
LIMIT = 256
MULTI = DUPLICATES = False


def check(value: str, subject: Subject) -> Verdict | None:
    """Length, then Blank (proposing cn)."""
    if len(value) <= LIMIT and value and not value.isspace():
        return None
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    if not value.strip():
        verdict.add(BLANK, "displayName is present but blank; Exchange and the address book show nothing.",
                    subject.cn or None)
    return verdict.found()
