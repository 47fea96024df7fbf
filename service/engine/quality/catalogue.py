"""The catalogue of data-quality types: IdFix's error types, kept as codes, with where each is documented.

IdFix (github.com/microsoft/idfix, unsupported after 2026-06-30) reports each problem as one of these types
(src/IdFix/Settings/Enums.cs, `ErrorType`); the checks themselves are in rules/, one module per attribute.
"""

from __future__ import annotations

from ..codes import LEARN, Code

IDFIX = "https://github.com/microsoft/idfix/blob/main/docs/Errors%20supported%20by%20the%20IdFix%20tool.md"
UPN_PLAN = LEARN + "plan-connect-userprincipalname"

CHARACTER, FORMAT, TOP_LEVEL_DOMAIN = "Character", "Format", "TopLevelDomain"
DOMAIN_PART, LOCAL_PART, LENGTH = "DomainPart", "LocalPart", "Length"
DUPLICATE, BLANK, MAIL_MATCH = "Duplicate", "Blank", "MailMatch"


def _entries(*codes: Code) -> dict[str, Code]:
    """Index the types by name."""
    return {c.code: c for c in codes}


TYPES = _entries(
    Code(CHARACTER, "quality", "medium", "the value holds a character the attribute may not hold", IDFIX),
    Code(FORMAT, "quality", "medium", "the value is not an RFC 2822 address even once its parts are cleaned", IDFIX),
    Code(TOP_LEVEL_DOMAIN, "quality", "medium", "the address ends in a top-level domain that does not route "
         "(not in IANA's root zone list), such as .local", UPN_PLAN),
    Code(DOMAIN_PART, "quality", "medium", "the part after @ breaks the domain name rules (labels of letters, digits "
         "and inner hyphens, separated by single dots)", IDFIX),
    Code(LOCAL_PART, "quality", "medium", "the part before @ breaks RFC 2822's dot-atom rules (no leading, trailing "
         "or doubled dot, one @)", IDFIX),
    Code(LENGTH, "quality", "medium", "the value is longer than the attribute allows", IDFIX),
    Code(DUPLICATE, "quality", "high", "another object holds the same value (compared without regard to case)",
         IDFIX),
    Code(BLANK, "quality", "medium", "the attribute is present but empty", IDFIX),
    Code(MAIL_MATCH, "quality", "low", "targetAddress differs from mail (IdFix's dedicated rule set only)", IDFIX,
         assumption="a dedicated-environment rule: catalogued for completeness, never reported (the "
                    "multi-tenant rules are the ones for Entra ID)"),
)
ORDER = tuple(TYPES)
ATTRIBUTES = ("displayName", "givenName", "mail", "mailNickname", "proxyAddresses", "sAMAccountName",
              "targetAddress", "userPrincipalName")
