"""userPrincipalName: at most 113 characters (64 before @, 48 after), R3's characters, RFC 2822's local and domain
part grammar, a top-level domain that routes, and no other object with the same value.

IdFix: MultiTenantRuleCollection.cs (StringMaxLengthRule(113), RegexRule(InvalidUpnRegExRegex), RFC2822Rule,
NoDuplicatesRule); Learn: "Plan UserPrincipalName" and "Prepare directory attributes for synchronization"
(the characters and lengths R3 checks, service/engine/rules/identity.py).
Difference: IdFix's InvalidUpnRegExRegex rejects an apostrophe; Learn allows it (o'brien@contoso.com), and so do
R3 and this check. Accented and other non-ASCII characters are Character, as R3 says (IdFix names umlauts only).
A UPN that Entra ID rejects on export (R3's IdentityDataValidationFailed) carries that error and is blocking.
"""

from __future__ import annotations

import re

from ...rules.identity import MAX_PREFIX, MAX_SUFFIX, MAX_UPN, UPN_FORBIDDEN, upn_problem
from .. import address
from ..catalogue import LENGTH, TOP_LEVEL_DOMAIN
from ..tld import ROUTABLE
from ..verdict import Subject, Verdict, characters, rfc2822

ATTRIBUTE = "userPrincipalName"
MULTI = False
DUPLICATES = True
FORBIDDEN = re.compile("[\\s" + re.escape("".join(sorted(UPN_FORBIDDEN))) + "]|[^\\x00-\\x7f]")
PLAIN = re.compile(r"[A-Za-z0-9!#$'^_`~-]++(?:\.[A-Za-z0-9!#$'^_`~-]++)*+@" + address.DOMAIN)
# The usual value, for the pass to skip the call: PLAIN with at most 64 characters before @ and 48 after.
LIMIT = MAX_UPN
FAST, TLD = re.compile(r"(?=[^@]{1,64}@[^@]{1,48}\Z)" + PLAIN.pattern).fullmatch, True
UNVERIFIED = (" Entra Connect then gives the user <mailNickname>@<initial domain> (R3, UpnRewritten) unless the "
              "suffix is changed to a verified, routable domain.")


def check(value: str, subject: Subject) -> Verdict | None:
    """Length (whole, before and after @), Character, then the RFC 2822 parts."""
    valid = PLAIN.fullmatch(value)
    if (valid and len(value) <= MAX_UPN and (valid.group(1) in ROUTABLE or address.routable(valid.group(1)))
            and value.index("@") <= MAX_PREFIX and len(value) - value.index("@") - 1 <= MAX_SUFFIX):
        return None
    verdict = Verdict(value)
    _lengths(verdict)
    characters(verdict, ATTRIBUTE, FORBIDDEN, None, fold=True)
    rfc2822(verdict, ATTRIBUTE)
    if any(kind == TOP_LEVEL_DOMAIN for kind, _ in verdict.problems):
        verdict.problems = [(kind, message + UNVERIFIED if kind == TOP_LEVEL_DOMAIN else message)
                            for kind, message in verdict.problems]
    if verdict.problems and subject.kind == "user" and upn_problem(value):
        verdict.entra = {"code": "IdentityDataValidationFailed", "attribute": "UserPrincipalName", "blocking": True}
    return verdict.found()


def _lengths(verdict: Verdict) -> None:
    """Length of the whole (113), of the part before @ (64) and after it (48); the name part is cut to fit, the
    domain is not."""
    local, at, domain = verdict.suggested.rpartition("@")
    if len(verdict.suggested) > MAX_UPN:
        keep = MAX_UPN - len(domain) - 1
        verdict.add(LENGTH, f"userPrincipalName is {len(verdict.suggested)} characters long; at most {MAX_UPN} are "
                    "allowed.", f"{local[:keep]}@{domain}" if at and keep > 0 else None)
        local = local[:keep] if at and keep > 0 else local
    if not at:
        return
    if len(local) > MAX_PREFIX:
        verdict.add(LENGTH, f"the part of userPrincipalName before @ is {len(local)} characters long; at most "
                    f"{MAX_PREFIX} are allowed.", f"{local[:MAX_PREFIX]}@{domain}")
    if len(domain) > MAX_SUFFIX:
        verdict.add(LENGTH, f"the part of userPrincipalName after @ is {len(domain)} characters long; at most "
                    f"{MAX_SUFFIX} are allowed.")
