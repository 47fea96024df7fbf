"""mail: at most 256 characters, no whitespace or address-breaking characters, an RFC 2822 address with a
routable top-level domain, and no other object with the same value.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule(256), NoDuplicatesRule) and the checks of
docs/Errors supported by the IdFix tool.md; the format checks are RFC2822Rule.cs (see ../address.py).
IdFix's multi-tenant rules dropped the format checks of mail; the spec of the checks keeps them, since Exchange
Online and the proxy address calculation need a valid address.
"""

from __future__ import annotations

import re

from .. import address
from ..tld import ROUTABLE
from ..verdict import Subject, Verdict, characters, length, rfc2822

ATTRIBUTE = "mail"
LIMIT = 256
MULTI = False
DUPLICATES = True
# The usual value, for the pass to skip the call: an address (TLD in group 1) at most LIMIT long.
FAST, TLD = address.ADDRESS.fullmatch, True
FORBIDDEN = re.compile(r'[\s\\<>();,\[\]"]')


def check(value: str, subject: Subject) -> Verdict | None:
    """Length, Character, then the RFC 2822 parts."""
    valid = address.ADDRESS.fullmatch(value)
    if valid and len(value) <= LIMIT and (valid.group(1) in ROUTABLE or address.routable(valid.group(1))):
        return None
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    characters(verdict, ATTRIBUTE, FORBIDDEN, None)
    rfc2822(verdict, ATTRIBUTE)
    return verdict.found()
