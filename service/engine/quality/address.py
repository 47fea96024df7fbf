"""RFC 2822 addresses as IdFix checks them: top-level domain, domain part, local part, then the whole format.

IdFix: src/IdFix/Rules/Shared/RFC2822Rule.cs with the expressions of src/IdFix/Settings/Constants.cs
(DomainPartRegex, LocalPartRegex, Rfc2822Regex). Each failing part proposes a cleaned value that the next part
checks, and Format is reported only when the cleaned value still is not an address.
Differences, on purpose: the top-level domain is the last label after the last @ (IdFix takes the text after the
last dot anywhere, so `john.smith@contoso` reported `.smith@contoso`); a top-level domain is any label in IANA's
list, so xn-- and long TLDs pass (IdFix's expression allowed 2 to 17 letters); the cleaned local part also loses
its leading, trailing and doubled dots and folds accents to ASCII, so that the suggestion is itself valid.
"""

from __future__ import annotations

import re
import unicodedata

from .catalogue import DOMAIN_PART, FORMAT, LOCAL_PART, TOP_LEVEL_DOMAIN
from .tld import routable as routable  # re-exported for the rules

# Possessive quantifiers (no backtracking): the same grammar, matched in about half the time.
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]++"
LOCAL = rf"{ATOM}(?:\.{ATOM})*+"
LABEL = r"[A-Za-z0-9]++(?:-++[A-Za-z0-9]++)*+"  # letters and digits, inner hyphens
DOMAIN = rf"(?:{LABEL}\.)++({LABEL})"
ADDRESS = re.compile(rf"{LOCAL}@{DOMAIN}")
LOCAL_PART_RE = re.compile(rf"{LOCAL}@")
DOMAIN_PART_RE = re.compile(rf"@{DOMAIN}\Z")
NOT_DOMAIN = re.compile(r"[^A-Za-z0-9.-]")
NOT_LOCAL = re.compile(r"[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]")
DOTS = re.compile(r"\.{2,}")


def problems(address: str) -> tuple[list[str], str]:
    """The IdFix types an address fails, in IdFix's order, and the value cleaned part by part."""
    valid = ADDRESS.fullmatch(address)
    if valid and routable(valid.group(1)):  # the usual case: one expression and one set lookup
        return [], address
    found = []
    domain = address.rpartition("@")[2]
    if "." in domain and domain.rpartition(".")[2] and not routable(domain.rpartition(".")[2]):
        found.append(TOP_LEVEL_DOMAIN)
    value = address
    if not DOMAIN_PART_RE.search(value):
        found.append(DOMAIN_PART)
        if "@" in value:
            local, _, domain = value.rpartition("@")
            value = f"{local}@{clean_domain(domain)}"
    if not LOCAL_PART_RE.match(value) or value.count("@") > 1:
        found.append(LOCAL_PART)
        if "@" in value:
            local, _, domain = value.rpartition("@")
            value = f"{clean_local(local)}@{domain}"
    if not ADDRESS.fullmatch(value):
        found.append(FORMAT)
    return found, value


def clean_domain(domain: str) -> str:
    """The domain with every character but letters, digits, dots and hyphens removed, and its dots tidied."""
    kept = DOTS.sub(".", NOT_DOMAIN.sub("", fold(domain))).strip(".")
    return ".".join(label.strip("-") for label in kept.split("."))


def clean_local(local: str) -> str:
    """The local part with accents folded, RFC 2822's atom characters kept, and its dots tidied."""
    return DOTS.sub(".", NOT_LOCAL.sub("", fold(local))).strip(".")


def fold(text: str) -> str:
    """Accented letters as their ASCII base letters (ë -> e); other non-ASCII characters are dropped."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
