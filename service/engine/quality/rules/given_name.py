"""givenName: at most 64 characters.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule; its code says 63). The AD schema and Microsoft Graph
(user resource: givenName "maximum length is 64") allow 64, which SyncMatch uses.
"""

from __future__ import annotations

from ..verdict import Subject, Verdict, length

ATTRIBUTE = "givenName"
LIMIT = 64
MULTI = DUPLICATES = False
FAST, TLD = None, False  # the usual value, for the pass to skip the call: at most LIMIT long


def check(value: str, subject: Subject) -> Verdict | None:
    """Length."""
    if len(value) <= LIMIT:
        return None
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    return verdict.found()
