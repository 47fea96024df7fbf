"""sAMAccountName: at most 20 characters for users (256 for other objects), none of [ \\ " | , / : < > + = ; ? * ],
and no other object with the same value.

IdFix: MultiTenantRuleCollection.cs (SamAccountNameMaxLengthRule, RegexRule, SamAccountNameDuplicateRule),
checked always as IdFix's code does (its documentation says only when there is no userPrincipalName).
"""

from __future__ import annotations

import re

from ...model import USER
from ..verdict import Subject, Verdict, characters, length

ATTRIBUTE = "sAMAccountName"
USER_LIMIT, OTHER_LIMIT = 20, 256
MULTI = False
DUPLICATES = True
FORBIDDEN = re.compile(r'[\\"|,/\[\]:<>+=;?*]')
# The usual value, for the pass to skip the call: no forbidden character, at most LIMIT (a user's) long.
LIMIT = USER_LIMIT
FAST, TLD = re.compile(r'[^\\"|,/\[\]:<>+=;?*]*').fullmatch, False


def check(value: str, subject: Subject) -> Verdict | None:
    """Length (by object kind), then Character (removed; cn when nothing is left)."""
    limit = USER_LIMIT if subject.kind == USER else OTHER_LIMIT
    if len(value) <= limit and not FORBIDDEN.search(value):
        return None
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, limit)
    characters(verdict, ATTRIBUTE, FORBIDDEN, subject.cn)
    return verdict.found()
