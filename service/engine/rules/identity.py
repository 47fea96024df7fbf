"""R3 Effective UPN and primary SMTP: the values Entra ID will see and check.

Microsoft: a user without userPrincipalName gets sAMAccountName@<domain DNS name>. A UPN must have
one @, at most 113 characters (64 before @, 48 after), no special characters, whitespace or
non-ASCII; otherwise export fails with IdentityDataValidationFailed. A UPN whose suffix is not a
verified domain becomes <mailNickname>@<initial domain>. The primary SMTP address is the
proxyAddresses value prefixed `SMTP:`, else `mail`. proxyAddresses over 256 characters or
malformed are dropped; too many values make the object a LargeObject.
(2026-12) The mailNickname chain ends with the first secondary smtp: address; a subdomain counts
as verified only when it is itself a verified domain of the tenant; the invalid-UPN error is an
assumption (Plan UserPrincipalName says Entra computes a new UPN).
Sources: "Plan UserPrincipalName" (UPN population, non-verified domains), "Troubleshoot errors
during synchronization" (IdentityDataValidationFailed, LargeObject).
"""

from __future__ import annotations

import re

from ..model import USER, OnPremObject, Tenant
from ..result import Result
from ..values import as_list, sid_text

UPN_FORBIDDEN = set('\\%&*+/=?{}|<>();:,[]"')
MAX_UPN, MAX_PREFIX, MAX_SUFFIX = 113, 64, 48
MAX_PROXY_LENGTH = 256
MAX_PROXIES = 300  # assumption: Microsoft gives 311 to 332 depending on the object's size
MAX_CERTIFICATES = 15
ADDRESS = re.compile(r"^[^@\s<>();,\[\]\"]+@[^@\s<>();,\[\]\"]+\.[^@\s<>();,\[\]\"]+$")
# The usual valid SMTP proxy address (plain ASCII: a part of what ADDRESS accepts), checked in one step;
# anything else goes through proxy_problem.
PLAIN_SMTP = re.compile(r"(?:SMTP|smtp):[A-Za-z0-9_.%+'\-]+@[A-Za-z0-9.\-]+\.[A-Za-z0-9\-]+")


def resolve(result: Result, tenant: Tenant) -> None:
    """Fill the identity (UPN, addresses, SID) and record R3's errors and warnings."""
    obj, ident = result.obj, result.identity
    attrs = obj.attrs
    sid = attrs.get("objectSid")
    ident.sid = None if sid is None else sid_text(sid)
    proxies = attrs.get("proxyAddresses")
    # Most objects carry no certificates and few proxy addresses: no limit to check, no call.
    if (type(proxies) is list and len(proxies) > MAX_PROXIES) or "userCertificate" in attrs \
            or "userSMIMECertificate" in attrs:
        _large_object(result)
    smtp, primary = _smtp_addresses(result, proxies)
    if primary is None and obj.mail:
        primary = obj.mail.strip()
        if primary.lower() not in {s.lower() for s in smtp}:
            smtp.insert(0, primary)
    ident.smtp, ident.primary_smtp = smtp, primary
    if obj.kind == USER:
        _user_principal_name(result, tenant)
    upn = ident.upn  # a key already in lower case (most are) is its text itself: no copy
    ident.upn_key = (upn if upn.isascii() and upn.islower() else upn.lower()) if upn else None
    ident.primary_key = (primary if primary.isascii() and primary.islower() else primary.lower()) if primary else None


LIMITS = (("proxyAddresses", MAX_PROXIES), ("userCertificate", MAX_CERTIFICATES),
          ("userSMIMECertificate", MAX_CERTIFICATES))


def _large_object(result: Result) -> None:
    """LargeObject when multi-valued attributes exceed Entra ID's limits."""
    attrs = result.obj.attrs
    for name, limit in LIMITS:
        value = attrs.get(name)
        if type(value) is not list or len(value) <= limit:
            continue
        count = len(as_list(value))
        if count > limit:
            if name == "proxyAddresses":
                result.assume("R3-large-object-limit")
            result.error("LargeObject", f"{name} holds {count} values; Entra ID accepts at most {limit} "
                         "for one object, so the export fails.", valueAttribute=name, count=count, limit=limit)


def _smtp_addresses(result: Result, proxies: object) -> tuple[list[str], str | None]:
    """The SMTP addresses of the valid proxyAddresses (SMTP: first), the primary one; drop invalid values."""
    primary: list[str] = []
    secondary: list[str] = []
    fullmatch = PLAIN_SMTP.fullmatch
    for value in (proxies if type(proxies) is list and "" not in proxies and None not in proxies
                  else as_list(proxies)):
        text = value if type(value) is str else str(value)
        if len(text) <= MAX_PROXY_LENGTH and fullmatch(text):  # the usual address: valid, SMTP: or smtp:
            (primary if text[0] == "S" else secondary).append(text[5:])
            continue
        problem = proxy_problem(text)
        if problem:
            result.error("IdentityDataValidationFailed", f"proxyAddresses value {text[:80]!r} is dropped: {problem}.",
                         blocking=False, attribute="ProxyAddresses", value=text)
            continue
        prefix = text[:5]
        if prefix == "SMTP:":
            primary.append(text[5:])
        elif prefix.lower() == "smtp:":
            secondary.append(text[5:])
        elif prefix[:4].lower() == "sip:" and len(text) > 4:  # (2026-12) SIP conflicts are not quarantined
            result.identity.sip = [*result.identity.sip, text[4:]]
    return (primary + secondary if secondary else primary), (primary[0] if primary else None)


def proxy_problem(value: str) -> str | None:
    """Say why a proxyAddresses value is invalid, or None."""
    if len(value) > MAX_PROXY_LENGTH:
        return f"it is {len(value)} characters long, the limit is {MAX_PROXY_LENGTH}"
    prefix, sep, address = value.partition(":")
    if not sep or not prefix or not address:
        return "it has no address type prefix such as SMTP:"
    if prefix.lower() == "smtp" and not ADDRESS.match(address):
        return "it is not a valid e-mail address"
    return None


def _user_principal_name(result: Result, tenant: Tenant) -> None:
    """Derive, validate and, for unverified suffixes, rewrite the user's UPN."""
    ident = result.identity
    upn = result.obj.upn or derived_upn(result.obj)
    ident.onprem_upn = upn
    if upn is None:
        result.error("IdentityDataValidationFailed", "The user has no userPrincipalName and no sAMAccountName "
                     "with a DC= path to build one from.", attribute="UserPrincipalName")
        return
    # upn_problem's own test for the usual valid UPN, inlined: the detailed checks only for the others
    usual = PLAIN_UPN.fullmatch(upn) and len(upn) <= MAX_UPN and upn[-1] != "." and upn[upn.index("@") - 1] != "."
    problem = None if usual else upn_problem(upn)
    if problem:
        result.assume("R3-invalid-upn-error")
        result.error("IdentityDataValidationFailed", f"userPrincipalName {upn!r} is invalid: {problem}.",
                     attribute="UserPrincipalName", value=upn)
        return
    ident.upn = upn
    suffix = upn.rpartition("@")[2].lower()
    if not (tenant.suffix_cache.get(suffix) or domain_verified(suffix, tenant)):  # mostly a known suffix
        _rewrite_upn(result, suffix, tenant)


def derived_upn(obj: OnPremObject) -> str | None:
    """sAMAccountName@<DNS name of the DC= parts of the DN>, as sync builds a missing UPN."""
    sam = obj.sam
    parts = [p.strip()[3:] for p in (obj.dn or "").split(",") if p.strip().lower().startswith("dc=")]
    if not sam or not parts:
        return None
    return f"{sam}@{'.'.join(parts)}"


# The usual valid UPN, checked in one step; anything else goes through the detailed checks.
PLAIN_UPN = re.compile(r"[A-Za-z0-9!#$'^_`~.\-]{1,64}@[A-Za-z0-9.\-]{1,48}")


def upn_problem(upn: str) -> str | None:
    """Say why Entra ID rejects a UPN, or None."""
    if PLAIN_UPN.fullmatch(upn) and len(upn) <= MAX_UPN and upn[-1] != "." and upn[upn.index("@") - 1] != ".":
        return None
    checks = (
        (upn.count("@") != 1, "it must hold exactly one @"),
        (not upn.isascii(), "it holds non-ASCII characters"),
        (any(c.isspace() for c in upn), "it holds whitespace"),
        (bool(set(upn) & UPN_FORBIDDEN), "it holds " + " ".join(sorted(set(upn) & UPN_FORBIDDEN))),
        (len(upn) > MAX_UPN, f"it is {len(upn)} characters long, the limit is {MAX_UPN}"),
        (len(upn.partition("@")[0]) > MAX_PREFIX, f"the part before @ is longer than {MAX_PREFIX}"),
        (len(upn.rpartition("@")[2]) > MAX_SUFFIX, f"the part after @ is longer than {MAX_SUFFIX}"),
        (upn.endswith(".") or upn.partition("@")[0].endswith("."), "it may not end in . (nor its name part)"),
        (upn.startswith("@") or upn.endswith("@"), "the name or the domain part is empty"),
    )
    return next((reason for failed, reason in checks if failed), None)


def domain_verified(suffix: str, tenant: Tenant) -> bool:
    """True when the suffix is itself a verified domain of the tenant.

    (2026-12) A subdomain of a verified domain counts only when it is in the domain list and verified
    itself: Microsoft has each subdomain added (it is then verified automatically) ("Plan UserPrincipalName").
    """
    known = tenant.suffix_cache.get(suffix)
    if known is None:
        known = suffix in tenant.verified_domains
        tenant.suffix_cache[suffix] = known
    return known


def _rewrite_upn(result: Result, suffix: str, tenant: Tenant) -> None:
    """Predict <mailNickname>@<initial domain> and warn UpnRewritten."""
    ident, obj = result.identity, result.obj
    nickname = mail_nickname(obj, ident)
    if tenant.initial_domain:
        ident.upn = f"{nickname}@{tenant.initial_domain}"
        where = f"becomes {ident.upn}"
    else:
        ident.upn = None
        where = f"becomes {nickname}@<initial domain> (the cloud snapshot names no initial domain)"
    result.warn("UpnRewritten", f"UPN suffix {suffix} is not a verified domain of the tenant: the cloud UPN {where}.",
                {"onprem": ident.onprem_upn, "predicted": ident.upn, "suffix": suffix})


def mail_nickname(obj: OnPremObject, ident: object) -> str:
    """mailNickname, else the prefix of the primary SMTP, of mail, of the UPN, (2026-12) of the first secondary smtp."""
    candidates = (obj.text("mailNickname"), getattr(ident, "primary_smtp", None), obj.mail,
                  getattr(ident, "onprem_upn", None), _first_secondary(obj))
    for value in candidates:
        if value:
            return value.partition("@")[0]
    return ""


def _first_secondary(obj: OnPremObject) -> str | None:
    """The address of the first secondary smtp: proxy address."""
    for value in as_list(obj.attrs.get("proxyAddresses")):
        text = str(value)
        if text[:5] == "smtp:" or (text[:5].lower() == "smtp:" and text[:5] != "SMTP:"):
            return text[5:]
    return None
