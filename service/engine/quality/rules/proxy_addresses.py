"""proxyAddresses: each value at most 256 characters, a type prefix and nothing but the address after its colon,
no whitespace or < > ( ) ; , [ ] " (X400 and X500: no control characters or [ ] "), SMTP values RFC 2822 with a
routable top-level domain, and no other object with the same value (primary or secondary).

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule(256), FixProxyTargetAddressRule, NoDuplicatesRule),
MultiTentant/ProxyAddressComposedRule.cs (InvalidProxyAddressSMTPRegex, InvalidProxyAddressRegex,
InvalidX400ProxyAddressRegex, InvalidX500ProxyAddressRegex of Settings/Constants.cs) and RFC2822Rule.cs.
Differences: IdFix's expressions also reject an apostrophe, which RFC 2822 and Exchange allow in an address
(o'brien@contoso.com), so SyncMatch does not; a value without a type prefix is Format here, as Entra ID drops it
(R3, IdentityDataValidationFailed).
"""

from __future__ import annotations

import re

from ...rules.identity import proxy_problem
from .. import address
from ..catalogue import FORMAT
from ..tld import ROUTABLE
from ..verdict import Subject, Verdict, characters, length, rfc2822

# The usual values, checked in one step: an SMTP address (its TLD captured), an X400/X500 address, or another
# type's address without the characters any type forbids.
PLAIN = re.compile(r"(?:SMTP|smtp):" + address.ADDRESS.pattern + r'|(?:X|x)[45]00:[^\f\n\r\t\v\[\]":]+'
                   r'|(?!(?i:smtp):)[A-Za-z0-9]+:[^\s<>(),\[\]":]+')
ATTRIBUTE = "proxyAddresses"
LIMIT = 256
MULTI = DUPLICATES = True
FAST, TLD = PLAIN.fullmatch, True  # the usual value, for the pass to skip the call
SMTP_FORBIDDEN = re.compile(r'[\s<>();,\[\]"]')
OTHER_FORBIDDEN = re.compile(r'[\s<>(),\[\]"]')
X400_FORBIDDEN = re.compile(r'[\f\n\r\t\v\[\]"]')  # X400 and X500 (RFC 2253) addresses hold spaces and ;
X400 = re.compile(r"x\.?[45]00:", re.IGNORECASE)


def check(value: str, subject: Subject) -> Verdict | None:
    """Length, the colon rule, Character by address type, then RFC 2822 for SMTP values."""
    valid = PLAIN.fullmatch(value)
    if valid and len(value) <= LIMIT:
        tld = valid.group(1)
        if tld is None or tld in ROUTABLE or address.routable(tld):
            return None
    smtp = value[:5].lower() == "smtp:"
    verdict = Verdict(value)
    length(verdict, ATTRIBUTE, LIMIT)
    prefixed(verdict, ATTRIBUTE)
    if smtp:
        characters(verdict, ATTRIBUTE, SMTP_FORBIDDEN, None)
        rfc2822(verdict, ATTRIBUTE, verdict.suggested[:5])
    elif verdict.suggested.find(":") > 0:
        forbidden = X400_FORBIDDEN if X400.match(verdict.suggested) else OTHER_FORBIDDEN
        characters(verdict, ATTRIBUTE, forbidden, None)
    if verdict.problems and proxy_problem(value):
        verdict.entra = {"code": "IdentityDataValidationFailed", "attribute": "ProxyAddresses", "blocking": False}
    return verdict.found()


def prefixed(verdict: Verdict, attribute: str) -> None:
    """IdFix's FixProxyTargetAddressRule: a colon after the prefix's is Character, and is removed; no prefix at all
    is Format."""
    value = verdict.suggested
    colon = value.find(":")
    if colon <= 0:
        verdict.add(FORMAT, f"{attribute} value has no address type prefix such as SMTP: before a colon.")
        return
    rest = value[colon + 1:]
    if ":" in rest:
        verdict.add("Character", f"{attribute} value holds a colon after its type prefix.",
                    value[:colon + 1] + rest.replace(":", ""))
