"""R8 Objects competing with each other: shared anchor, shared cloud target, shared UPN or SMTP."""

from __future__ import annotations

import json

import pytest
from builders import (
    INITIAL,
    anchor_of,
    cloud_user,
    errors_of,
    group,
    result_for,
    run,
    tenant,
    user,
    warnings_of,
)

SHARED = "f7cc07d7-7c15-447d-876d-c01b0e5a9e38"


def competing(result: dict) -> str:
    found = warnings_of(result, "CompetingOnPremObjects")
    assert len(found) == 1, result["warnings"]
    return json.dumps(found[0])


def names(result: dict, *others: dict) -> None:
    """The CompetingOnPremObjects warning of `result` names each of `others` (by objectGUID)."""
    text = competing(result).lower()
    for other in others:
        assert other["objectGUID"].lower() in text


# --- same anchor -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("swap", [False, True])
def test_same_anchor_the_later_object_is_an_error(swap):
    a = user("ann", consistency_guid=SHARED)
    b = user("bob", consistency_guid=SHARED)
    first, later = (b, a) if swap else (a, b)
    report = run([first, later])
    assert result_for(report, first)["outcome"] == "provision"
    result = result_for(report, later)
    assert result["outcome"] == "error"
    found = errors_of(result, "AttributeValueMustBeUnique", "SourceAnchor")
    assert found and all(e["blocking"] for e in found)
    assert not errors_of(result_for(report, first), "AttributeValueMustBeUnique")
    names(result_for(report, first), later)
    names(result, first)


def test_same_anchor_later_object_does_not_match_the_cloud():
    a = user("ann", consistency_guid=SHARED)
    b = user("bob", consistency_guid=SHARED)
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=anchor_of(SHARED), synced=True))
    report = run([a, b], cloud)
    assert result_for(report, a)["outcome"] == "hardMatch"
    assert result_for(report, b)["outcome"] == "error"
    assert errors_of(result_for(report, b), "AttributeValueMustBeUnique", "SourceAnchor")


def test_same_anchor_counts_even_when_the_earlier_object_fails_on_another_rule():
    a = user("ann", consistency_guid=SHARED, userPrincipalName="ann smith@contoso.com")  # invalid UPN
    b = user("bob", consistency_guid=SHARED)
    report = run([a, b])
    assert result_for(report, a)["outcome"] == "error"
    later = result_for(report, b)
    assert later["outcome"] == "error"
    assert errors_of(later, "AttributeValueMustBeUnique", "SourceAnchor")


def test_a_group_and_a_user_cannot_share_an_anchor():
    g = group("Team", objectGUID=SHARED)
    u = user("ann", consistency_guid=SHARED)
    report = run([g, u])
    assert result_for(report, u)["outcome"] == "error"
    assert errors_of(result_for(report, u), "AttributeValueMustBeUnique", "SourceAnchor")


# --- two objects want one cloud target -------------------------------------------------------------------------

def test_two_objects_want_one_cloud_target_by_smtp():
    a = user("quinn", smtp="quinn@contoso.com")
    b = user("quinn2", smtp="quinn@contoso.com", userPrincipalName="quinn.r@contoso.com")
    cloud = tenant(cloud_user("c-quinn", "quinn@contoso.com", smtp="quinn@contoso.com"))
    report = run([a, b], cloud)
    first, later = result_for(report, a), result_for(report, b)
    assert first["outcome"] == "softMatch"
    assert first["match"]["cloudId"] == "c-quinn"
    assert later["outcome"] == "error"
    assert errors_of(later, "AttributeValueMustBeUnique", "ProxyAddresses")
    names(first, b)
    names(later, a)


def test_target_claimed_by_soft_match_is_synced_for_a_later_upn_match():
    a = user("quinn", smtp="quinn.s@contoso.com", userPrincipalName="q1@contoso.com")
    b = user("q2", userPrincipalName="quinn@contoso.com")
    cloud = tenant(cloud_user("c-quinn", "quinn@contoso.com", smtp="quinn.s@contoso.com"))
    report = run([a, b], cloud)
    assert result_for(report, a)["outcome"] == "softMatch"
    later = result_for(report, b)
    # R5.2 (2026-12): found by the UPN only, the later object is a duplicate with its UPN quarantined.
    assert later["outcome"] == "duplicate"
    found = errors_of(later, "AttributeValueMustBeUnique")
    assert found and found[0]["attribute"] == "UserPrincipalName" and found[0]["blocking"] is False
    names(later, a)


def test_target_claimed_by_hard_match_takeover_is_synced_for_a_later_soft_match():
    a = user("ann")
    b = user("bob", smtp="ann.cloud@contoso.com")
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", smtp="ann.cloud@contoso.com",
                              immutable_id=anchor_of(a["objectGUID"])))
    report = run([a, b], cloud)
    assert result_for(report, a)["outcome"] == "hardMatch"
    later = result_for(report, b)
    assert later["outcome"] == "error"
    assert errors_of(later, "AttributeValueMustBeUnique")


@pytest.mark.parametrize("swap", [False, True])
def test_snapshot_order_decides_who_gets_the_target(swap):
    a = user("quinn", smtp="quinn@contoso.com")
    b = user("quinn2", smtp="quinn@contoso.com")
    cloud = tenant(cloud_user("c-quinn", "quinn.c@contoso.com", smtp="quinn@contoso.com"))
    first, later = (b, a) if swap else (a, b)
    report = run([first, later], cloud)
    assert result_for(report, first)["outcome"] == "softMatch"
    assert result_for(report, later)["outcome"] == "error"


# --- same UPN or primary SMTP, no cloud target -------------------------------------------------------------------

def test_same_upn_without_cloud_target_later_is_provisioned_with_a_quarantined_upn():
    a = user("ann")
    b = user("ann2", userPrincipalName="ann@contoso.com")
    report = run([a, b])
    first, later = result_for(report, a), result_for(report, b)
    assert first["outcome"] == "provision"
    assert first["errors"] == []
    assert later["outcome"] == "provision"
    found = errors_of(later, "AttributeValueMustBeUnique", "UserPrincipalName")
    assert found and all(e["blocking"] is False for e in found)
    names(first, b)
    names(later, a)


def test_same_primary_smtp_without_cloud_target_later_is_provisioned_without_the_address():
    a = user("ann", smtp="team@contoso.com")
    b = user("bob", smtp="team@contoso.com")
    report = run([a, b])
    first, later = result_for(report, a), result_for(report, b)
    assert first["outcome"] == "provision"
    assert not errors_of(first, "AttributeValueMustBeUnique")
    assert later["outcome"] == "provision"
    found = errors_of(later, "AttributeValueMustBeUnique", "ProxyAddresses")
    assert found and all(e["blocking"] is False for e in found)
    names(first, b)
    names(later, a)


def test_same_effective_upn_after_rewrite_competes():
    a = user("ann", userPrincipalName="ann@corp.local", mailNickname="ann")
    b = user("ann2", userPrincipalName="ann@lab.local", mailNickname="ann")
    report = run([a, b])
    later = result_for(report, b)
    assert later["outcome"] == "provision"
    assert errors_of(later, "AttributeValueMustBeUnique", "UserPrincipalName")
    assert f"ann@{INITIAL}" in json.dumps(later).lower()
    names(result_for(report, a), b)


def test_three_objects_each_name_the_two_others():
    objs = [user("ann"), user("ann2", userPrincipalName="ann@contoso.com"),
            user("ann3", userPrincipalName="ann@contoso.com")]
    report = run(objs)
    for i, obj in enumerate(objs):
        others = [o for j, o in enumerate(objs) if j != i]
        names(result_for(report, obj), *others)
    assert [r["outcome"] for r in report["results"]] == ["provision"] * 3
    assert not errors_of(report["results"][0], "AttributeValueMustBeUnique")
    assert errors_of(report["results"][1], "AttributeValueMustBeUnique", "UserPrincipalName")
    assert errors_of(report["results"][2], "AttributeValueMustBeUnique", "UserPrincipalName")


def test_unrelated_objects_do_not_compete():
    report = run([user("ann", smtp="ann@contoso.com"), user("bob", smtp="bob@contoso.com"), group("Team")])
    for result in report["results"]:
        assert not warnings_of(result, "CompetingOnPremObjects")
        assert result["errors"] == []


def test_upper_and_lower_case_upns_compete():
    a = user("ann")
    b = user("ann2", userPrincipalName="ANN@contoso.com")
    report = run([a, b])
    assert errors_of(result_for(report, b), "AttributeValueMustBeUnique", "UserPrincipalName")
    names(result_for(report, a), b)


def test_skipped_objects_do_not_compete():
    a = user("krbtgt", userPrincipalName="ann@contoso.com")
    b = user("ann")
    report = run([a, b])
    assert not warnings_of(result_for(report, b), "CompetingOnPremObjects")
    assert result_for(report, b)["errors"] == []


# --- what a skipped object and a duplicate claim ---------------------------------------------------------

def test_an_object_skipped_for_a_cloud_soa_target_claims_nothing():
    """R1: left alone, it is not synchronised: its UPN, address and anchor are free for later objects."""
    first = user("ann", smtp="ann@contoso.com", consistency_guid=SHARED)
    later = user("bob", userPrincipalName="ann@contoso.com", consistency_guid=SHARED,
                 proxyAddresses=["SMTP:ann@contoso.com"])
    cloud = tenant(cloud_user("c-ann", "ann.cloud@contoso.com", smtp="ann@contoso.com",
                              onPremisesSyncBehavior={"isCloudManaged": True}),
                   features={"blockSoftMatchEnabled": False})
    report = run([first, later], cloud, softMatchOnUpn=False)
    assert result_for(report, first)["outcome"] == "skipped"
    result = result_for(report, later)
    assert result["outcome"] == "skipped"  # it meets the same cloud-managed target, not the earlier object
    assert not result["errors"]


def test_a_skipped_object_leaves_its_upn_to_a_later_new_object():
    first = user("ann", smtp="ann.mail@contoso.com")  # soft-matches the cloud-managed target on this address
    later = user("bob", userPrincipalName="ann@contoso.com")  # ann's UPN, which no cloud object holds
    cloud = tenant(cloud_user("c-ann", "ann.cloud@contoso.com", smtp="ann.mail@contoso.com",
                              onPremisesSyncBehavior={"isCloudManaged": True}))
    report = run([first, later], cloud)
    assert result_for(report, first)["outcome"] == "skipped"
    result = result_for(report, later)
    assert result["outcome"] == "provision" and not result["errors"]
    assert not warnings_of(result, "CompetingOnPremObjects")


def test_a_duplicate_keeps_the_values_it_was_not_quarantined_on():
    """R6/R8: the duplicate's account is created with its primary SMTP; a later object with it has it dropped."""
    first = user("ann", smtp="shared@contoso.com")
    later = user("bob", smtp="shared@contoso.com")
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com", immutable_id=anchor_of(SHARED), synced=True))
    report = run([first, later], cloud)
    assert result_for(report, first)["outcome"] == "duplicate"
    assert errors_of(result_for(report, first), "AttributeValueMustBeUnique", "UserPrincipalName")
    result = result_for(report, later)
    assert result["outcome"] == "provision"
    dropped = errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")
    assert dropped and not dropped[0]["blocking"]
    assert guid_in(dropped[0]["conflictsWith"], first)


@pytest.mark.parametrize("in_cloud", ["UserPrincipalName", "ProxyAddresses"])
def test_a_value_taken_in_the_cloud_does_not_hide_the_other_taken_by_an_earlier_object(in_cloud):
    """R6 quarantines the value a cloud object holds, R8 the one an earlier object brings: both are reported."""
    first = user("ann", smtp="ann@contoso.com")
    if in_cloud == "UserPrincipalName":  # bob's UPN is a cloud user's, his primary SMTP is ann's
        later, holder = user("bob", smtp="ann@contoso.com"), cloud_user("c-bob", "bob@contoso.com")
        earlier_attr = "ProxyAddresses"
    else:  # bob's primary SMTP is a cloud user's, his UPN is ann's
        later = user("bob", userPrincipalName="ann@contoso.com", proxyAddresses=["SMTP:bob@contoso.com"])
        holder, earlier_attr = cloud_user("c-bob", "bob.cloud@contoso.com", smtp="bob@contoso.com"), "UserPrincipalName"
    report = run([first, later], tenant(holder, features={"blockSoftMatchEnabled": True}))
    result = result_for(report, later)
    assert result["outcome"] == "duplicate"
    cloud_side = errors_of(result, "AttributeValueMustBeUnique", in_cloud)
    earlier_side = errors_of(result, "AttributeValueMustBeUnique", earlier_attr)
    assert cloud_side and cloud_side[0]["conflictsWith"] == ["c-bob"]
    assert earlier_side and guid_in(earlier_side[0]["conflictsWith"], first)
    assert not any(e["blocking"] for e in result["errors"])


def guid_in(labels: list, obj: dict) -> bool:
    """The on-premises object is among the conflicts (named by its objectGUID)."""
    return any(obj["objectGUID"].lower() == str(name).lower() for name in labels)
