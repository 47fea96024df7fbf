"""R1 Scope: synchronised classes and the default filters."""

from __future__ import annotations

import pytest
from builders import (
    OMIT,
    anchor_of,
    cloud_user,
    contact,
    finding_codes,
    group,
    guid_for,
    only,
    result_for,
    run,
    tenant,
    user,
)

from service.engine import exit_code


@pytest.mark.parametrize("make", [
    lambda: user("ann"),
    lambda: user("ann", object_class="inetOrgPerson"),
    lambda: group("Sales"),
    lambda: contact("Lea", smtp="lea@partner.example"),
], ids=["user", "inetOrgPerson", "group", "contact"])
def test_synchronised_classes_are_in_scope(make):
    result = only(run([make()]))
    assert result["outcome"] == "provision"
    assert result["errors"] == []


@pytest.mark.parametrize("object_class", ["computer", "foreignSecurityPrincipal", "msDS-GroupManagedServiceAccount",
                                          "organizationalUnit", "printQueue"])
def test_other_classes_are_skipped_with_a_reason(object_class):
    obj = user("thing", object_class=object_class, sAMAccountName="thing")
    result = only(run([obj]))
    assert result["outcome"] == "skipped"
    assert result.get("skipReason")
    assert result["match"] is None
    assert result["errors"] == []


def test_a_computer_whose_class_chain_also_holds_user_is_skipped():
    obj = user("ws01", objectClass=["top", "person", "organizationalPerson", "user", "computer"],
               sAMAccountName="ws01")
    assert only(run([obj]))["outcome"] == "skipped"


def test_inetorgperson_is_treated_as_a_user_and_hard_matches():
    person = user("ivo", object_class="inetOrgPerson")
    cloud = tenant(cloud_user("c-ivo", immutable_id=anchor_of(person["objectGUID"]), synced=True))
    result = only(run([person], cloud))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-ivo"


def test_inetorgperson_soft_matches_by_upn_like_a_user():
    person = user("ivo", object_class="inetOrgPerson")
    cloud = tenant(cloud_user("c-ivo", "ivo@contoso.com"))
    result = only(run([person], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["onpremAttribute"] == "userPrincipalName"


@pytest.mark.parametrize("make", [
    lambda: user("sys", isCriticalSystemObject=True),
    lambda: user("krbtgt"),
    lambda: user("svc", sAMAccountName="svc$"),
    lambda: group("grp", sAMAccountName="grp$"),
    lambda: group("Domain Admins", isCriticalSystemObject=True),
], ids=["critical-user", "krbtgt", "dollar-user", "dollar-group", "critical-group"])
def test_default_filters_skip_with_a_reason(make):
    result = only(run([make()]))
    assert result["outcome"] == "skipped"
    assert result.get("skipReason")
    assert result["errors"] == []


def test_critical_system_object_false_is_in_scope():
    assert only(run([user("ann", isCriticalSystemObject=False)]))["outcome"] == "provision"


def test_dollar_inside_the_name_is_not_filtered():
    assert only(run([user("a$b", sAMAccountName="a$b")]))["outcome"] == "provision"


def test_skipped_object_needs_no_anchor():
    obj = user("ws02", object_class="computer", objectGUID=OMIT, sAMAccountName="WS02$")
    result = only(run([obj]))
    assert result["outcome"] == "skipped"
    assert result["errors"] == []


def test_skipped_user_does_not_match_the_cloud_account_with_its_upn():
    krbtgt = user("krbtgt", smtp="krbtgt@contoso.com")
    cloud = tenant(cloud_user("c-k", "krbtgt@contoso.com", smtp="krbtgt@contoso.com"))
    report = run([krbtgt], cloud)
    assert only(report)["outcome"] == "skipped"
    assert only(report)["match"] is None
    assert report["cloudOnly"] == 1  # the cloud account stays cloud-only


def test_skipped_object_claims_nothing_for_later_objects():
    # A computer with the same objectGUID and UPN as a later user does not compete with it.
    computer = user("pc", object_class="computer", sAMAccountName="PC$", objectGUID=guid_for("ann"),
                    userPrincipalName="ann@contoso.com")
    ann = user("ann")
    report = run([computer, ann])
    later = result_for(report, ann["distinguishedName"])
    assert later["outcome"] == "provision"
    assert later["errors"] == []
    assert "CompetingOnPremObjects" not in {w["code"] for w in later["warnings"]}


def test_only_skipped_objects_is_safe_to_sync():
    report = run([user("krbtgt"), user("ws", object_class="computer", sAMAccountName="WS$")])
    assert {r["outcome"] for r in report["results"]} == {"skipped"}
    assert report["summary"]["safeToSync"] is True
    assert exit_code(report) == 0
    assert "OrphanedSyncedObjects" not in finding_codes(report)
