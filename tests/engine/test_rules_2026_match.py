"""R4.4, R5, R7 (2026-12): group and contact rejoin, SOA on soft match, group addresses, DualMailbox, UpnNotUpdated."""

from __future__ import annotations

import pytest
from builders import (
    cloud_contact,
    cloud_group,
    cloud_user,
    contact,
    error_set,
    group,
    only,
    run,
    sid_for,
    tenant,
    user,
    warning_codes,
    warnings_of,
)

# --- R4.4 rejoin -----------------------------------------------------------------------------------


def test_group_rejoins_the_synced_group_with_its_sid():
    cloud = tenant(cloud_group("c-staff", "Staff", synced=True, onPremisesSecurityIdentifier=sid_for("Staff")))
    result = only(run([group("Staff", groupType=-2147483646)], cloud))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-staff"
    assert (result["match"]["onpremAttribute"], result["match"]["cloudAttribute"]) == (
        "sourceAnchor", "onPremisesSecurityIdentifier")
    assert result["errors"] == [] and not warnings_of(result, "DuplicateGroupName")
    assert "R4-group-contact-rejoin" in result["assumptions"]


def test_group_with_the_sid_of_a_cloud_managed_group_does_not_rejoin():
    cloud = tenant(cloud_group("c-staff", "Staff", synced=None, onPremisesSecurityIdentifier=sid_for("Staff")))
    assert only(run([group("Staff", groupType=-2147483646)], cloud))["outcome"] != "hardMatch"


def test_contact_rejoins_the_synced_contact_with_its_primary_smtp():
    cloud = tenant(cloud_contact("c-lea", "lea@partner.example", onPremisesSyncEnabled=True))
    result = only(run([contact("Lea", smtp="lea@partner.example")], cloud))
    assert result["outcome"] == "hardMatch"
    assert (result["match"]["onpremAttribute"], result["match"]["cloudAttribute"]) == ("sourceAnchor",
                                                                                        "proxyAddresses")
    assert result["errors"] == []


# --- R5 soft match ---------------------------------------------------------------------------------

def test_soft_match_onto_a_cloud_managed_soa_target_is_skipped():
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com", onPremisesSyncBehavior={"isCloudManaged": True},
                              department="Cloud"))
    result = only(run([user("ann", department="Sales")], cloud))
    assert result["outcome"] == "skipped"
    assert warning_codes(result) == {"SourceOfAuthorityInCloud"}  # no overwrite warnings


def test_soa_comes_before_the_type_check():
    cloud = tenant(cloud_group("c-team", smtp="ann@contoso.com", onPremisesSyncBehavior={"isCloudManaged": True}))
    assert only(run([user("ann", smtp="ann@contoso.com")], cloud))["outcome"] == "skipped"


@pytest.mark.parametrize("attrs", [
    {"proxyAddresses": ["SMTP:team@contoso.com", "smtp:old-team@contoso.com"]},
    {"mail": "old-team@contoso.com", "proxyAddresses": ["SMTP:team@contoso.com"]},
], ids=["secondary", "mail"])
def test_mail_enabled_group_matches_on_a_secondary_address_or_mail(attrs):
    cloud = tenant(cloud_group("c-team", "Team", smtp="old-team@contoso.com"))
    result = only(run([group("Team", groupType=8, **attrs)], cloud))
    assert result["outcome"] == "softMatch" and result["match"]["cloudId"] == "c-team"
    assert "R5-group-all-addresses" in result["assumptions"]


def test_user_matches_only_on_its_primary_smtp():
    cloud = tenant(cloud_user("c-x", "x@contoso.com", smtp="old@contoso.com"))
    result = only(run([user("ann", proxies=["SMTP:ann@contoso.com", "smtp:old@contoso.com"])], cloud))
    assert result["outcome"] != "softMatch"


def test_found_by_upn_only_on_a_synced_target_is_a_quarantined_duplicate():
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com", synced=True, immutable_id="AAAAAAAAAAAAAAAAAAAAAA=="))
    result = only(run([user("ann")], cloud))
    assert result["outcome"] == "duplicate"
    assert error_set(result) == {"AttributeValueMustBeUnique:UserPrincipalName"}
    assert result["errors"][0]["blocking"] is False


def test_found_by_smtp_on_a_synced_target_is_still_blocking():
    cloud = tenant(cloud_user("c-ann", "a@contoso.com", smtp="ann@contoso.com", synced=True,
                              immutable_id="AAAAAAAAAAAAAAAAAAAAAA=="))
    result = only(run([user("ann", smtp="ann@contoso.com")], cloud))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}
    assert "R5-taken-by-smtp-blocks" in result["assumptions"]


@pytest.mark.parametrize("onprem, cloud_attrs, warned", [
    ({"msExchRecipientTypeDetails": 1}, {"provisionedPlans": [{"service": "exchange",
                                                               "capabilityStatus": "Enabled"}]}, True),
    ({"msExchMailboxGuid": "3ab39606-c642-489b-84b6-58c038d3ef39"}, {"hasMailbox": True}, True),
    ({"msExchRecipientTypeDetails": 1}, {"provisionedPlans": [{"service": "exchange",
                                                               "capabilityStatus": "Deleted"}]}, False),
    ({"msExchRecipientTypeDetails": 1}, {"provisionedPlans": [{"service": "SharePoint",
                                                               "capabilityStatus": "Enabled"}]}, False),
    ({}, {"hasMailbox": True}, False),
], ids=["both", "guid-and-hasmailbox", "plan-deleted", "no-exchange-plan", "no-onprem-mailbox"])
def test_dual_mailbox(onprem, cloud_attrs, warned):
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com", **cloud_attrs))
    result = only(run([user("ann", **onprem)], cloud))
    assert result["outcome"] == "softMatch"
    found = warnings_of(result, "DualMailbox")
    assert bool(found) is warned
    if warned:
        assert found[0]["severity"] == "high"


def test_dual_mailbox_without_plans_says_it_could_not_check():
    result = only(run([user("ann", msExchRecipientTypeDetails=1)], tenant(cloud_user("c-ann", "ann@contoso.com"))))
    assert not warnings_of(result, "DualMailbox")
    assert any("provisionedPlans" in n for n in result["notes"])


# --- R7 UpnNotUpdated ------------------------------------------------------------------------------

UPN_SYNC_OFF = {"synchronizeUpnForManagedUsersEnabled": False}


def _upn_case(features: dict | None, licences: list, domains: list | None = None) -> dict:
    cloud = tenant(cloud_user("c-ann", "ann.cloud@contoso.com", smtp="ann@contoso.com", assignedLicenses=licences),
                   features=features)
    if domains:
        cloud["tenant"]["domains"] = domains
    return only(run([user("ann", smtp="ann@contoso.com")], cloud))


def test_licensed_user_keeps_its_upn_when_upn_sync_is_off():
    result = _upn_case(UPN_SYNC_OFF, [{"skuId": "6fd2c87f-b296-42f0-b197-1e91e994b900"}])
    assert result["outcome"] == "softMatch"
    upn = warnings_of(result, "UpnNotUpdated")
    assert upn and upn[0]["severity"] == "info"
    lost = warnings_of(result, "CloudAttributesOverwritten")
    assert not lost or "userPrincipalName" not in lost[0]["details"]


@pytest.mark.parametrize("features, licences", [(None, [{"skuId": "x"}]), (UPN_SYNC_OFF, [])],
                         ids=["feature-on", "unlicensed"])
def test_upn_is_overwritten_otherwise(features, licences):
    result = _upn_case(features, licences)
    assert not warnings_of(result, "UpnNotUpdated")
    assert "userPrincipalName" in warnings_of(result, "CloudAttributesOverwritten")[0]["details"]


def test_federated_domain_is_not_covered_by_upn_not_updated():
    result = _upn_case(UPN_SYNC_OFF, [{"skuId": "x"}], [{"name": "contoso.com", "isVerified": True,
                                                           "authenticationType": "Federated"}])
    assert not warnings_of(result, "UpnNotUpdated")


def test_upn_only_duplicate_is_fixed_by_making_the_anchors_equal():
    from builders import anchor_of, guid_of_anchor, powershell
    other = anchor_of("f7cc07d7-7c15-447d-876d-c01b0e5a9e38")
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com", synced=True, immutable_id=other,
                              onPremisesObjectIdentifier="f7cc07d7-7c15-447d-876d-c01b0e5a9e38"))
    script = powershell(only(run([user("ann")], cloud)))
    assert guid_of_anchor(other) in script.lower() and "mS-DS-ConsistencyGuid" in script
    assert "onPremisesObjectIdentifier" in script
    assert script.index("onPremisesObjectIdentifier") < script.index("mS-DS-ConsistencyGuid")
