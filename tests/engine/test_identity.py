"""R3 Effective UPN and primary SMTP: derivation, validity, rewrite, addresses, LargeObject."""

from __future__ import annotations

import json

import pytest
from builders import (
    INITIAL,
    OMIT,
    cloud_user,
    errors_of,
    only,
    run,
    tenant,
    user,
    warnings_of,
)

LONG_DOMAIN = "x" * 44 + ".com"  # 48 characters


def upn_user(upn: object, **attrs: object) -> dict:
    return user("idu", userPrincipalName=upn, **attrs)


def rewritten_to(result: dict) -> str:
    """The whole UpnRewritten warning as text (it must name the predicted UPN)."""
    found = warnings_of(result, "UpnRewritten")
    assert len(found) == 1, result["warnings"]
    return json.dumps(found[0])


# --- derived UPN -----------------------------------------------------------------------------------

def test_missing_upn_is_derived_from_samaccountname_and_dc_parts():
    obj = user("bob", userPrincipalName=OMIT)
    cloud = tenant(cloud_user("c-bob", "bob@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-bob"
    assert result["match"]["onpremAttribute"] == "userPrincipalName"
    assert not warnings_of(result, "UpnRewritten")


def test_derived_upn_uses_every_dc_part():
    obj = user("bob", userPrincipalName=OMIT, distinguishedName="CN=Bob,OU=Staff,DC=emea,DC=contoso,DC=com")
    cloud = tenant(cloud_user("c-bob", "bob@emea.contoso.com"), domains=("contoso.com", "emea.contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert not warnings_of(result, "UpnRewritten")  # the subdomain is itself a verified domain


def test_derived_upn_on_an_unverified_forest_is_rewritten():
    obj = user("bob", userPrincipalName=OMIT, distinguishedName="CN=Bob,OU=Staff,DC=corp,DC=local",
               mailNickname="bobby")
    result = only(run([obj]))
    assert result["outcome"] == "provision"
    assert f"bobby@{INITIAL}" in rewritten_to(result)


# --- UPN validity ----------------------------------------------------------------------------------

INVALID_UPNS = {
    "two-at": "a@b@contoso.com",
    "no-at": "acontoso.com",
    "prefix-65": "a" * 65 + "@contoso.com",
    "suffix-49": "a@" + "x" * 45 + ".com",
    "space": "ann smith@contoso.com",
    "tab": "ann\tsmith@contoso.com",
    "trailing-dot": "ann@contoso.com.",
    "non-ascii": "jürgen@contoso.com",
    **{f"char-{c}": f"a{c}b@contoso.com" for c in '\\%&*+/=?{}|<>();:,[]"'},
}


@pytest.mark.parametrize("upn", list(INVALID_UPNS.values()), ids=list(INVALID_UPNS))
def test_invalid_upn_is_a_blocking_identity_error(upn):
    result = only(run([upn_user(upn)]))
    assert result["outcome"] == "error"
    found = errors_of(result, "IdentityDataValidationFailed", "UserPrincipalName")
    assert found and all(e["blocking"] for e in found)


def test_invalid_upn_blocks_a_soft_match_too():
    obj = upn_user("ann smith@contoso.com", smtp="ann@contoso.com")
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com", smtp="ann@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "error"
    assert errors_of(result, "IdentityDataValidationFailed", "UserPrincipalName")


VALID_UPNS = {
    "prefix-64": "a" * 64 + "@contoso.com",
    "suffix-48": "a@" + LONG_DOMAIN,
    "total-113": "a" * 64 + "@" + LONG_DOMAIN,
    "apostrophe": "o'brien@contoso.com",
    "dots-dashes-underscore": "first.last-x_y@contoso.com",
    "tilde": "a~b@contoso.com",
}


@pytest.mark.parametrize("upn", list(VALID_UPNS.values()), ids=list(VALID_UPNS))
def test_valid_upn_is_accepted(upn):
    assert len("a" * 64 + "@" + LONG_DOMAIN) == 113
    result = only(run([upn_user(upn)], tenant(domains=("contoso.com", LONG_DOMAIN))))
    assert result["outcome"] == "provision"
    assert not errors_of(result, "IdentityDataValidationFailed")


# --- rewrite to the initial domain -------------------------------------------------------------------

@pytest.mark.parametrize(("attrs", "nickname"), [
    ({"mailNickname": "nick", "proxyAddresses": ["SMTP:prim@contoso.com"], "mail": "mailx@contoso.com"}, "nick"),
    ({"proxyAddresses": ["SMTP:prim@contoso.com"], "mail": "mailx@contoso.com"}, "prim"),
    ({"proxyAddresses": ["smtp:second@contoso.com"], "mail": "mailx@contoso.com"}, "mailx"),
    ({"mail": "mailx@contoso.com"}, "mailx"),
    ({}, "upnpart"),
], ids=["mailNickname", "primary-smtp", "mail-with-secondary-only", "mail", "upn-prefix"])
def test_unverified_suffix_is_rewritten_with_the_mailnickname_fallback_order(attrs, nickname):
    obj = upn_user("upnpart@contoso.local", **attrs)
    result = only(run([obj]))
    assert result["outcome"] == "provision"
    assert f"{nickname}@{INITIAL}" in rewritten_to(result)


def test_rewritten_upn_is_used_for_upn_matching():
    obj = upn_user("max@contoso.local", mailNickname="maxi")
    cloud = tenant(cloud_user("c-maxi", f"maxi@{INITIAL}"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-maxi"
    assert result["match"]["onpremAttribute"] == "userPrincipalName"
    assert result["match"]["cloudAttribute"] == "userPrincipalName"


def test_rewritten_upn_is_used_for_uniqueness():
    obj = upn_user("max@contoso.local", mailNickname="maxi")
    cloud = tenant(cloud_user("c-maxi", f"maxi@{INITIAL}"), features={"softMatchOnUpnEnabled": False})
    result = only(run([obj], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "AttributeValueMustBeUnique", "UserPrincipalName")


def test_onprem_upn_is_not_used_once_rewritten():
    obj = upn_user("max@contoso.local", mailNickname="maxi")
    cloud = tenant(cloud_user("c-max", "max@contoso.local"), features={"softMatchOnUpnEnabled": False})
    result = only(run([obj], cloud))
    assert result["outcome"] == "provision"


@pytest.mark.parametrize(("upn", "rewritten"), [
    ("ann@contoso.com", False),
    ("ann@sales.contoso.com", True),   # 2026-12: a subdomain must itself be a verified domain
    ("ann@a.b.contoso.com", True),
    ("ANN@CONTOSO.COM", False),
    (f"ann@{INITIAL}", False),
    ("ann@notcontoso.com", True),
    ("ann@contoso.com.evil", True),
    ("ann@fabrikam.com", True),       # listed but not verified
    ("ann@eu.fabrikam.com", True),    # subdomain of an unverified domain
    ("ann@contoso.local", True),
])
def test_verified_domains_are_not_rewritten_and_unlisted_subdomains_are(upn, rewritten):
    result = only(run([upn_user(upn, mailNickname="ann")], tenant(unverified=("fabrikam.com",))))
    assert result["outcome"] == "provision"
    assert bool(warnings_of(result, "UpnRewritten")) is rewritten


# --- primary SMTP ----------------------------------------------------------------------------------------

def test_upper_case_smtp_prefix_is_the_primary_whatever_its_position():
    obj = user("pia", proxies=["smtp:a@contoso.com", "SMTP:b@contoso.com"])
    cloud = tenant(cloud_user("c-a", "ca@contoso.com", smtp="a@contoso.com"),
                   cloud_user("c-b", "cb@contoso.com", smtp="b@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-b"
    assert result["match"]["value"].lower() == "b@contoso.com"


def test_mixed_case_smtp_prefix_is_not_primary_so_mail_is():
    obj = user("pia", proxies=["Smtp:x@contoso.com"], mail="m@contoso.com")
    cloud = tenant(cloud_user("c-x", "cx@contoso.com", smtp="x@contoso.com"),
                   cloud_user("c-m", "cm@contoso.com", smtp="m@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-m"


def test_mail_is_the_primary_when_there_are_no_proxy_addresses():
    obj = user("pia", mail="pia.m@contoso.com")
    cloud = tenant(cloud_user("c-pia", "other@contoso.com", smtp="pia.m@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["onpremAttribute"] == "proxyAddresses"


def test_no_primary_smtp_without_upper_case_prefix_or_mail():
    obj = user("pia", proxies=["smtp:x@contoso.com"])
    cloud = tenant(cloud_user("c-x", "cx@contoso.com", smtp="x@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "provision"
    assert result["match"] is None


def test_addresses_compare_case_insensitively():
    obj = user("cara", proxies=["SMTP:Cara@Contoso.COM"])
    cloud = tenant(cloud_user("c-cara", "cara.l@contoso.com", smtp="cara@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-cara"


# --- proxyAddresses --------------------------------------------------------------------------------------

def _address(total: int, prefix: str = "smtp:") -> str:
    value = prefix + "p" * (total - len(prefix) - len("@contoso.com")) + "@contoso.com"
    assert len(value) == total
    return value


def test_proxy_address_over_256_characters_is_dropped_without_blocking():
    long_value = _address(257)
    result = only(run([user("pia", proxies=["SMTP:pia@contoso.com", long_value])]))
    assert result["outcome"] == "provision"
    found = errors_of(result, "IdentityDataValidationFailed", "ProxyAddresses")
    assert len(found) == 1
    assert found[0]["blocking"] is False


def test_proxy_address_of_256_characters_is_kept():
    result = only(run([user("pia", proxies=["SMTP:pia@contoso.com", _address(256)])]))
    assert result["outcome"] == "provision"
    assert not errors_of(result, "IdentityDataValidationFailed")


def test_dropped_primary_address_is_not_used_for_matching():
    obj = user("pia", proxies=[_address(257, "SMTP:")], mail="m@contoso.com")
    cloud = tenant(cloud_user("c-m", "cm@contoso.com", smtp="m@contoso.com"))
    result = only(run([obj], cloud))
    assert errors_of(result, "IdentityDataValidationFailed", "ProxyAddresses")
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-m"


# --- LargeObject ----------------------------------------------------------------------------------------------

def _proxies(n: int) -> list[str]:
    return ["SMTP:big@contoso.com"] + [f"smtp:big{i}@contoso.com" for i in range(n - 1)]


@pytest.mark.parametrize(("attrs", "large"), [
    ({"proxyAddresses": _proxies(300)}, False),
    ({"proxyAddresses": _proxies(301)}, True),
    ({"userCertificate": [f"MIIC{i:04d}" for i in range(15)]}, False),
    ({"userCertificate": [f"MIIC{i:04d}" for i in range(16)]}, True),
    ({"userSMIMECertificate": [f"MIIC{i:04d}" for i in range(15)]}, False),
    ({"userSMIMECertificate": [f"MIIC{i:04d}" for i in range(16)]}, True),
], ids=["proxies-300", "proxies-301", "certs-15", "certs-16", "smime-15", "smime-16"])
def test_large_object_limits(attrs, large):
    result = only(run([user("big", **attrs)]))
    found = errors_of(result, "LargeObject")
    if large:
        assert result["outcome"] == "error"
        assert found and all(e["blocking"] for e in found)
    else:
        assert result["outcome"] == "provision"
        assert not found
