"""Every result names the assumptions (codes.ASSUMPTIONS) its prediction rests on, and only those."""

from __future__ import annotations

from builders import cloud_user, only, run, tenant, user

from service.engine.codes import ASSUMPTIONS


def _assumed(objects, cloud=None, **settings) -> list:
    result = only(run(objects, cloud, **settings))
    assert all(a in ASSUMPTIONS for a in result["assumptions"])
    return result["assumptions"]


def test_a_plain_provision_rests_on_no_assumption():
    assert _assumed([user("ann")]) == []


def test_krbtgt_skip_is_an_assumption():
    assert _assumed([user("krbtgt")]) == ["R1-krbtgt-dollar"]


def test_invalid_upn_error_is_an_assumption():
    assert "R3-invalid-upn-error" in _assumed([user("ann", userPrincipalName="ann smith@contoso.com")])


def test_too_many_proxy_addresses_is_an_assumption():
    proxies = ["SMTP:ann@contoso.com"] + [f"smtp:a{i}@contoso.com" for i in range(301)]
    assert "R3-large-object-limit" in _assumed([user("ann", proxies=proxies)])


def test_upn_to_primary_smtp_match_is_an_assumption():
    cloud = tenant(cloud_user("c-ann", "other@contoso.com", smtp="ann@contoso.com"))
    assert _assumed([user("ann")], cloud) == ["R5-upn-smtp-cross"]


def test_match_on_a_secondary_address_of_the_target_is_an_assumption():
    cloud = tenant(cloud_user("c-ann", "x@contoso.com", proxies=["SMTP:x@contoso.com", "smtp:ann@contoso.com"]))
    assert _assumed([user("ann", smtp="ann@contoso.com", userPrincipalName="a1@contoso.com")], cloud) == [
        "R5-smtp-all-target-addresses"]


def test_match_on_the_targets_primary_rests_on_none():
    cloud = tenant(cloud_user("c-ann", "x@contoso.com", smtp="ann@contoso.com"))
    assert _assumed([user("ann", smtp="ann@contoso.com", userPrincipalName="a1@contoso.com")], cloud) == []
