"""R5 Soft match: the three rules and their priority, flags, groups and contacts, and the candidate checks."""

from __future__ import annotations

import pytest
from builders import (
    anchor_of,
    cloud_contact,
    cloud_group,
    cloud_user,
    contact,
    error_set,
    errors_of,
    group,
    guid_for,
    only,
    run,
    tenant,
    user,
    warnings_of,
)

PROXY, UPN = "proxyAddresses", "userPrincipalName"


def ann(**attrs: object) -> dict:
    """On-premises ann: UPN ann@contoso.com, primary SMTP ann.smtp@contoso.com (different on purpose)."""
    return user("ann", smtp="ann.smtp@contoso.com", **attrs)


def pair(result: dict) -> tuple:
    match = result["match"]
    return match["cloudId"], match["onpremAttribute"], match["cloudAttribute"]


# --- the three rules -------------------------------------------------------------------------------------

def test_rule1_primary_smtp_matches_the_target_primary_smtp():
    cloud = tenant(cloud_user("c-1", "someone@contoso.com", smtp="ann.smtp@contoso.com"))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-1", PROXY, PROXY)
    assert result["match"]["value"].lower() == "ann.smtp@contoso.com"


def test_rule1_primary_smtp_matches_a_secondary_target_address():
    cloud = tenant(cloud_user("c-1", "someone@contoso.com",
                              proxies=["SMTP:someone@contoso.com", "smtp:ann.smtp@contoso.com"]))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-1", PROXY, PROXY)


def test_rule1_uses_only_the_incoming_primary_address():
    obj = user("ann", proxies=["SMTP:ann.smtp@contoso.com", "smtp:old@contoso.com"])
    cloud = tenant(cloud_user("c-1", "someone@contoso.com", smtp="old@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "provision"
    assert result["match"] is None


def test_rule2_upn_matches_the_target_upn():
    cloud = tenant(cloud_user("c-2", "ann@contoso.com"))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-2", UPN, UPN)


def test_rule3_upn_matches_the_target_primary_smtp():
    cloud = tenant(cloud_user("c-3", "other@contoso.com", smtp="ann@contoso.com"))
    result = only(run([user("ann")], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-3", UPN, PROXY)


def test_rule3_primary_smtp_matches_the_target_upn():
    cloud = tenant(cloud_user("c-3", "ann.smtp@contoso.com"))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-3", PROXY, UPN)


def test_rule3_does_not_use_a_secondary_target_address():
    # Rule 3 compares the incoming UPN with the target's primary SMTP only; a secondary address is just taken (R6).
    cloud = tenant(cloud_user("c-3", "x@contoso.com", proxies=["SMTP:x@contoso.com", "smtp:ann@contoso.com"]))
    result = only(run([user("ann")], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "AttributeValueMustBeUnique", "UserPrincipalName")


def test_upn_comparison_is_case_insensitive():
    cloud = tenant(cloud_user("c-2", "ANN@Contoso.com"))
    assert pair(only(run([ann()], cloud))) == ("c-2", UPN, UPN)


# --- priority ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reverse", [False, True])
def test_rule1_beats_rule2(reverse):
    records = [cloud_user("c-upn", "ann@contoso.com"),
               cloud_user("c-smtp", "x@contoso.com", smtp="ann.smtp@contoso.com")]
    cloud = tenant(*(reversed(records) if reverse else records))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-smtp", PROXY, PROXY)


@pytest.mark.parametrize("reverse", [False, True])
def test_rule2_beats_rule3(reverse):
    records = [cloud_user("c-3", "x@contoso.com", smtp="ann@contoso.com"), cloud_user("c-2", "ann@contoso.com")]
    cloud = tenant(*(reversed(records) if reverse else records))
    result = only(run([user("ann")], cloud))
    assert pair(result) == ("c-2", UPN, UPN)


@pytest.mark.parametrize("reverse", [False, True])
def test_rule1_beats_rule3(reverse):
    records = [cloud_user("c-3", "ann.smtp@contoso.com"),
               cloud_user("c-1", "y@contoso.com", smtp="ann.smtp@contoso.com")]
    cloud = tenant(*(reversed(records) if reverse else records))
    result = only(run([ann()], cloud))
    assert pair(result) == ("c-1", PROXY, PROXY)


def test_the_first_rule_that_finds_a_candidate_decides_even_if_it_fails():
    # Rule 1 finds a synced user: the free cloud user found by UPN is not tried.
    cloud = tenant(cloud_user("c-free", "ann@contoso.com"),
                   cloud_user("c-synced", "z@contoso.com", smtp="ann.smtp@contoso.com",
                              immutable_id=anchor_of(guid_for("other")), synced=True))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "error"
    assert result["match"]["cloudId"] == "c-synced"


# --- flags -------------------------------------------------------------------------------------------------

def test_upn_matching_off_keeps_rule1():
    cloud = tenant(cloud_user("c-1", "x@contoso.com", smtp="ann.smtp@contoso.com"),
                   features={"softMatchOnUpnEnabled": False})
    assert pair(only(run([ann()], cloud))) == ("c-1", PROXY, PROXY)


@pytest.mark.parametrize("target", [
    lambda: cloud_user("c-2", "ann@contoso.com"),
    lambda: cloud_user("c-3a", "x@contoso.com", smtp="ann@contoso.com"),
    lambda: cloud_user("c-3b", "ann.smtp@contoso.com"),
], ids=["rule2", "rule3-upn-to-smtp", "rule3-smtp-to-upn"])
@pytest.mark.parametrize("how", ["tenant", "settings"])
def test_upn_matching_off_disables_rules_2_and_3(target, how):
    obj = ann()
    if how == "tenant":
        report = run([obj], tenant(target(), features={"softMatchOnUpnEnabled": False}))
    else:
        report = run([obj], tenant(target()), features={"softMatchOnUpnEnabled": False})
    result = only(report)
    assert result["outcome"] == "duplicate"  # R6: the value is taken
    assert errors_of(result, "AttributeValueMustBeUnique")
    assert all(e["blocking"] is False for e in errors_of(result, "AttributeValueMustBeUnique"))


@pytest.mark.parametrize("how", ["tenant", "settings"])
def test_block_soft_match_disables_every_rule(how):
    target = cloud_user("c-1", "ann@contoso.com", smtp="ann.smtp@contoso.com")
    flag = {"blockSoftMatchEnabled": True}
    report = run([ann()], tenant(target, features=flag)) if how == "tenant" else run([ann()], tenant(target),
                                                                                      features=flag)
    result = only(report)
    assert result["outcome"] == "duplicate"
    assert result["match"] is None
    assert errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")


def test_block_soft_match_leaves_unrelated_objects_alone():
    cloud = tenant(cloud_user("c-1", "x@contoso.com"), features={"blockSoftMatchEnabled": True})
    result = only(run([ann()], cloud))
    assert result["outcome"] == "provision"
    assert result["errors"] == []


# --- groups and contacts -------------------------------------------------------------------------------------

def test_mail_enabled_group_matches_on_proxy_addresses():
    cloud = tenant(cloud_group("c-support", "Support desk", smtp="support@contoso.com"))
    result = only(run([group("Support", smtp="support@contoso.com")], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-support", PROXY, PROXY)


def test_contact_matches_on_proxy_addresses():
    cloud = tenant(cloud_contact("c-lea", "lea@partner.example"))
    result = only(run([contact("Lea", smtp="lea@partner.example")], cloud))
    assert result["outcome"] == "softMatch"
    assert pair(result) == ("c-lea", PROXY, PROXY)


def test_contact_does_not_match_on_upn():
    # Contacts match on proxyAddresses only: an address equal to a cloud user's UPN is a taken value (R6).
    cloud = tenant(cloud_user("c-u", "lea@contoso.com"))
    result = only(run([contact("Lea", smtp="lea@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert result["outcome"] != "softMatch"
    assert errors_of(result, "AttributeValueMustBeUnique")


def test_security_group_never_matches_and_warns_about_the_name():
    cloud = tenant(cloud_group("c-sales", "Sales Team"))
    result = only(run([group("Sales Team")], cloud))
    assert result["outcome"] == "provision"
    assert result["match"] is None
    found = warnings_of(result, "DuplicateGroupName")
    assert len(found) == 1
    assert "c-sales" in str(found[0])


def test_security_group_name_clash_with_a_mail_enabled_cloud_group():
    cloud = tenant(cloud_group("c-sales", "Sales Team", smtp="sales@contoso.com"))
    result = only(run([group("Sales Team")], cloud))
    assert result["outcome"] == "provision"
    assert warnings_of(result, "DuplicateGroupName")


def test_security_group_without_name_clash_has_no_warning():
    cloud = tenant(cloud_group("c-sales", "Sales Team"))
    result = only(run([group("Marketing")], cloud))
    assert result["outcome"] == "provision"
    assert not warnings_of(result, "DuplicateGroupName")


# --- candidate checks ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("obj", "target"), [
    (lambda: contact("Lea", smtp="lea@partner.example"),
     lambda: cloud_user("c-x", "lea@contoso.com", proxies=["SMTP:lea@partner.example"])),
    (lambda: user("ann", smtp="team@contoso.com"), lambda: cloud_group("c-x", "Team", smtp="team@contoso.com")),
    (lambda: group("Team", smtp="team@contoso.com"), lambda: cloud_contact("c-x", "team@contoso.com")),
    (lambda: group("Team", smtp="team@contoso.com"), lambda: cloud_user("c-x", "t@contoso.com",
                                                                        smtp="team@contoso.com")),
    (lambda: contact("Lea", smtp="lea@partner.example"), lambda: cloud_group("c-x", "Lea", smtp="lea@partner.example")),
], ids=["contact-vs-user", "user-vs-group", "group-vs-contact", "group-vs-user", "contact-vs-group"])
def test_object_type_mismatch(obj, target):
    result = only(run([obj()], tenant(target())))
    assert result["outcome"] == "error"
    assert error_set(result) == {"ObjectTypeMismatch"}
    assert all(e["blocking"] for e in result["errors"])


def test_type_mismatch_comes_before_the_synced_check():
    target = cloud_user("c-x", "lea@contoso.com", proxies=["SMTP:lea@partner.example"], synced=True,
                        immutable_id=anchor_of(guid_for("someone")))
    result = only(run([contact("Lea", smtp="lea@partner.example")], tenant(target)))
    assert error_set(result) == {"ObjectTypeMismatch"}


def _holder(**kw: object):
    return cloud_user("c-hal", "hal@contoso.com", smtp="hal@contoso.com", **kw)


OTHER = anchor_of(guid_for("someone-else"))


@pytest.mark.parametrize("state", [
    {"synced": True, "immutable_id": OTHER},
    {"synced": True},
    {"synced": None, "immutable_id": OTHER},
    {"synced": False, "immutable_id": OTHER},
], ids=["synced-other-anchor", "synced-no-anchor", "cloud-managed-other-anchor", "sync-false-other-anchor"])
def test_taken_candidate_fails_with_proxyaddresses(state):
    obj = user("hal", smtp="hal@contoso.com", userPrincipalName="hal.new@contoso.com")
    result = only(run([obj], tenant(_holder(**state))))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}
    assert all(e["blocking"] for e in result["errors"])


def test_taken_candidate_with_the_same_sid_fails_with_onpremisesecurityidentifier():
    obj = user("ivy", smtp="hal@contoso.com", userPrincipalName="ivy.new@contoso.com")
    result = only(run([obj], tenant(_holder(synced=True, immutable_id=OTHER, sid=obj["objectSid"]))))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeValueMustBeUnique:OnPremiseSecurityIdentifier"}


def test_taken_candidate_with_another_sid_fails_with_proxyaddresses():
    obj = user("ivy", smtp="hal@contoso.com", userPrincipalName="ivy.new@contoso.com")
    result = only(run([obj], tenant(_holder(synced=True, immutable_id=OTHER, sid="S-1-5-21-9-9-9-9"))))
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}


def test_taken_candidate_found_by_upn_only_is_a_quarantined_duplicate():
    # R5.2 (2026-12): resiliency replaces the failure for a new object found by the UPN only.
    obj = user("hal")
    cloud = tenant(cloud_user("c-hal", "hal@contoso.com", synced=True, immutable_id=OTHER))
    result = only(run([obj], cloud))
    assert result["outcome"] == "duplicate"
    found = errors_of(result, "AttributeValueMustBeUnique")
    assert [(e["attribute"], e["blocking"]) for e in found] == [("UserPrincipalName", False)]
    assert found[0]["details"]["quarantinedAs"] == "hal####@contoso.onmicrosoft.com"


def test_synced_group_candidate_fails():
    cloud = tenant(cloud_group("c-team", "Team", smtp="team@contoso.com", synced=True))
    result = only(run([group("Team", smtp="team@contoso.com")], cloud))
    assert result["outcome"] == "error"
    assert errors_of(result, "AttributeValueMustBeUnique")


def test_candidate_holding_the_same_anchor_is_a_hard_match_not_a_soft_match():
    obj = user("hal", smtp="hal@contoso.com")
    cloud = tenant(_holder(immutable_id=anchor_of(obj["objectGUID"])))
    result = only(run([obj], cloud))
    assert result["outcome"] == "hardMatch"


def test_active_admin_role_gives_a_duplicate():
    cloud = tenant(cloud_user("c-gus", "gus@contoso.com", smtp="gus@contoso.com", roles=("Global Administrator",)))
    result = only(run([user("gus", smtp="gus@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert errors_of(result, "ExistingAdminRoleConflict")


def test_synced_check_comes_before_the_admin_role_check():
    cloud = tenant(cloud_user("c-gus", "gus@contoso.com", smtp="gus@contoso.com", roles=("Global Administrator",),
                              synced=True, immutable_id=OTHER))
    result = only(run([user("gus", smtp="gus@contoso.com")], cloud))
    assert result["outcome"] == "error"
    assert errors_of(result, "AttributeValueMustBeUnique")
    assert not errors_of(result, "ExistingAdminRoleConflict")


def test_eligible_role_alone_does_not_stop_a_soft_match():
    cloud = tenant(cloud_user("c-gus", "gus@contoso.com", smtp="gus@contoso.com", eligible=("Global Administrator",)))
    assert only(run([user("gus", smtp="gus@contoso.com")], cloud))["outcome"] == "softMatch"


def test_success_is_a_soft_match_without_errors():
    cloud = tenant(cloud_user("c-cara", "cara.lind@contoso.com", smtp="cara@contoso.com"))
    result = only(run([user("cara", smtp="cara@contoso.com", userPrincipalName="cara.l@contoso.com")], cloud))
    assert result["outcome"] == "softMatch"
    assert result["errors"] == []
    assert result["match"]["cloudId"] == "c-cara"


def test_deleted_cloud_users_are_no_soft_match_candidates():
    cloud = tenant(cloud_user("c-gone", "ann@contoso.com", smtp="ann.smtp@contoso.com", deleted="2026-10-30T00:00:00Z"))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "provision"
    assert result["errors"] == []


def test_soft_matched_cloud_object_counts_as_stamped_with_the_anchor():
    # After a soft match the target holds the anchor as ImmutableId: a later object wanting it fails (R5.2/R8).
    first = user("cara", smtp="cara@contoso.com")
    second = user("cara2", smtp="cara@contoso.com")
    cloud = tenant(cloud_user("c-cara", "cara.lind@contoso.com", smtp="cara@contoso.com"))
    report = run([first, second], cloud)
    assert report["results"][0]["outcome"] == "softMatch"
    assert report["results"][1]["outcome"] == "error"
    assert errors_of(report["results"][1], "AttributeValueMustBeUnique")
