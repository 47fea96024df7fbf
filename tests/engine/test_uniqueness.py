"""R6 No match: provision, or duplicate when the UPN or primary SMTP is taken; dropped secondary addresses."""

from __future__ import annotations

import json

import pytest
from builders import (
    INITIAL,
    cloud_contact,
    cloud_group,
    cloud_user,
    contact,
    days_before,
    error_set,
    errors_of,
    group,
    only,
    run,
    tenant,
    user,
)

from service.engine import exit_code

UPN_OFF = {"softMatchOnUpnEnabled": False}
SOFT_BLOCKED = {"blockSoftMatchEnabled": True}


def test_nothing_taken_is_a_clean_provision():
    cloud = tenant(cloud_user("c-other", "other@contoso.com", smtp="other@contoso.com"))
    report = run([user("new", smtp="new@contoso.com")], cloud)
    result = only(report)
    assert result["outcome"] == "provision"
    assert result["match"] is None
    assert result["errors"] == []
    assert exit_code(report) == 0


def test_taken_upn_with_upn_matching_off_is_a_quarantined_duplicate():
    cloud = tenant(cloud_user("c-eli", "eli@contoso.com"), features=UPN_OFF)
    report = run([user("eli")], cloud)
    result = only(report)
    assert result["outcome"] == "duplicate"
    assert error_set(result) == {"AttributeValueMustBeUnique:UserPrincipalName"}
    error = result["errors"][0]
    assert error["blocking"] is False
    assert "c-eli" in error.get("conflictsWith", [])
    # resiliency (2026-12, KB 3166795): <prefix><4 digits>@<initial domain>, no +, shown as ####
    assert error["details"]["quarantinedAs"] == "eli####@" + INITIAL
    assert error["details"]["addedProxyAddress"] == "smtp:eli####@" + INITIAL
    assert "QuarantinedAttributeValueMustBeUnique" in error["message"]
    assert "+" not in json.dumps(error)
    assert exit_code(report) == 3
    assert report["summary"]["safeToSync"] is False


def test_taken_primary_smtp_with_soft_match_blocked_is_a_duplicate_without_the_address():
    cloud = tenant(cloud_user("c-fay", "fay@contoso.com", smtp="fay@contoso.com"), features=SOFT_BLOCKED)
    result = only(run([user("fay", smtp="fay@contoso.com", userPrincipalName="fay.o@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}
    assert result["errors"][0]["blocking"] is False


def test_both_taken_with_soft_match_blocked():
    cloud = tenant(cloud_user("c-fay", "fay@contoso.com", smtp="fay.s@contoso.com"), features=SOFT_BLOCKED)
    result = only(run([user("fay", smtp="fay.s@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert error_set(result) == {"AttributeValueMustBeUnique:UserPrincipalName",
                                 "AttributeValueMustBeUnique:ProxyAddresses"}
    assert all(e["blocking"] is False for e in result["errors"])


@pytest.mark.parametrize("cloud_proxies", [["SMTP:eli@contoso.com"], ["SMTP:x@contoso.com", "smtp:eli@contoso.com"]],
                         ids=["primary", "secondary"])
def test_upn_equal_to_a_cloud_smtp_address_is_taken(cloud_proxies):
    # UPN and SMTP addresses share one namespace; with UPN matching off no rule joins them.
    cloud = tenant(cloud_user("c-x", "x@contoso.com", proxies=cloud_proxies), features=UPN_OFF)
    result = only(run([user("eli")], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "AttributeValueMustBeUnique", "UserPrincipalName")


def test_primary_smtp_equal_to_a_cloud_upn_is_taken_when_upn_matching_is_off():
    cloud = tenant(cloud_user("c-x", "eli.mail@contoso.com"), features=UPN_OFF)
    result = only(run([user("eli", smtp="eli.mail@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "AttributeValueMustBeUnique")


def test_only_a_secondary_address_taken_is_a_provision_with_the_value_dropped():
    cloud = tenant(cloud_user("c-x", "x@contoso.com", smtp="old@contoso.com"))
    report = run([user("new", proxies=["SMTP:new@contoso.com", "smtp:old@contoso.com"])], cloud)
    result = only(report)
    assert result["outcome"] == "provision"
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}
    assert result["errors"][0]["blocking"] is False
    assert "old@contoso.com" in json.dumps(result["errors"][0]).lower()
    assert exit_code(report) == 0


def test_secondary_address_equal_to_a_cloud_upn_is_dropped():
    cloud = tenant(cloud_user("c-x", "old@contoso.com"))
    result = only(run([user("new", proxies=["SMTP:new@contoso.com", "smtp:old@contoso.com"])], cloud))
    assert result["outcome"] == "provision"
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}
    assert result["errors"][0]["blocking"] is False


def test_secondary_address_of_a_user_taken_by_a_cloud_group_fails_the_export():
    # R6 (2026-12): resiliency does not cover a user's address held by a group: blocking, not a drop.
    cloud = tenant(cloud_group("c-team", "Team", smtp="team@contoso.com"))
    result = only(run([user("new", proxies=["SMTP:new@contoso.com", "smtp:team@contoso.com"])], cloud))
    assert result["outcome"] == "error"
    found = errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")
    assert found and all(e["blocking"] for e in found) and found[0]["conflictsWith"] == ["c-team"]


def test_contact_address_equal_to_a_cloud_user_upn_is_a_duplicate():
    cloud = tenant(cloud_user("c-u", "lea@contoso.com"))
    result = only(run([contact("Lea", smtp="lea@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")


def test_mail_enabled_group_with_soft_match_blocked_is_a_duplicate():
    cloud = tenant(cloud_group("c-team", "Team desk", smtp="team@contoso.com"), features=SOFT_BLOCKED)
    result = only(run([group("Team", smtp="team@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")


def test_cloud_contact_address_is_taken_for_a_user_with_soft_match_blocked():
    cloud = tenant(cloud_contact("c-lea", "lea@contoso.com"), features=SOFT_BLOCKED)
    result = only(run([user("lea", smtp="lea@contoso.com", userPrincipalName="lea.u@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"


def test_deleted_cloud_users_do_not_hold_values():
    cloud = tenant(cloud_user("c-gone", "eli@contoso.com", smtp="eli@contoso.com", deleted=days_before(2)),
                   features=SOFT_BLOCKED)
    result = only(run([user("eli", smtp="eli@contoso.com")], cloud))
    assert result["outcome"] == "provision"
    assert result["errors"] == []


def test_upn_taken_comparison_is_case_insensitive():
    cloud = tenant(cloud_user("c-eli", "ELI@CONTOSO.COM"), features=UPN_OFF)
    assert only(run([user("eli")], cloud))["outcome"] == "duplicate"
