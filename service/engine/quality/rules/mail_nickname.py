"""mailNickname: at most 64 characters, no leading period, and no other object with the same value.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule(64), RegexRule `^[.]+`, NoDuplicatesRule).
"""

from __future__ import annotations

import re

from ..verdict import Subject, Verdict, characters, length

ATTRIBUTE = "mailNickname"
LIMIT = 64
MULTI = False
DUPLICATES = True
LEADING_DOTS = re.compile(r"^\.+")
FAST, TLD = re.compile(r"[^.]").match, False  # the usual value, for the pass to skip the call


def check(value: str, subject: Subject) -> Verdict | None:
    """Length, then Character for leading periods (removed; cn when nothing is left)."""
    if len(value) <= LIMIT and value[:1] != ".":
        return None
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    characters(verdict, ATTRIBUTE, LEADING_DOTS, subject.cn)
    return verdict.found()
