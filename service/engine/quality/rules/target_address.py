"""targetAddress: at most 255 characters, nothing after the type prefix's colon but the address, no whitespace or
\\ < > ( ) ; , [ ] " (no ; rule for other types), SMTP values RFC 2822 with a routable top-level domain, and no
other object with the same value.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule(255), FixProxyTargetAddressRule, NoDuplicatesRule),
MultiTentant/TargetAddressComposedRule.cs (InvalidTargetAddressSMTPRegEx, InvalidTargetAddressRegEx of
Settings/Constants.cs) and RFC2822Rule.cs. As for proxyAddresses, an apostrophe is allowed (IdFix rejects it).
"""

from __future__ import annotations

import re

from .. import address
from ..tld import ROUTABLE
from ..verdict import Subject, Verdict, characters, length, rfc2822
from .proxy_addresses import prefixed

PLAIN = re.compile(r"(?:SMTP|smtp):" + address.ADDRESS.pattern)  # the usual value, checked in one step
ATTRIBUTE = "targetAddress"
LIMIT = 255
MULTI = False
DUPLICATES = True
FAST, TLD = PLAIN.fullmatch, True  # the usual value, for the pass to skip the call
SMTP_FORBIDDEN = re.compile(r'[\s\\<>();,\[\]"]')
OTHER_FORBIDDEN = re.compile(r'[\s\\<>(),\[\]"]')


def check(value: str, subject: Subject) -> Verdict | None:
    """Length, the colon rule, Character by address type, then RFC 2822 for SMTP values."""
    valid = PLAIN.fullmatch(value)
    if valid and len(value) <= LIMIT and (valid.group(1) in ROUTABLE or address.routable(valid.group(1))):
        return None
    smtp = value[:5].lower() == "smtp:"
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    prefixed(verdict, ATTRIBUTE)
    if smtp:
        characters(verdict, ATTRIBUTE, SMTP_FORBIDDEN, None)
        rfc2822(verdict, ATTRIBUTE, verdict.suggested[:5])
    elif verdict.suggested.find(":") > 0:
        characters(verdict, ATTRIBUTE, OTHER_FORBIDDEN, None)
    return verdict.found()
