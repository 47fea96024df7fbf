"""R2, R3, R6, R8, R9 (2026-12): sourceAnchor auto, nickname chain, quarantine, resiliency exceptions, findings."""

from __future__ import annotations

import pytest
from builders import (
    INITIAL,
    anchor_of,
    cloud_group,
    cloud_user,
    error_set,
    errors_of,
    finding_codes,
    group,
    only,
    result_for,
    run,
    tenant,
    user,
    warnings_of,
)

UPN_OFF = {"softMatchOnUpnEnabled": False}
GUID = "3ab39606-c642-489b-84b6-58c038d3ef39"

# --- R2 sourceAnchor auto --------------------------------------------------------------------------


def test_auto_uses_the_attribute_the_previous_installation_used():
    cloud = tenant()
    cloud["tenant"]["sourceAnchorAttribute"] = "objectGUID"
    report = run([user("ann", consistency_guid=GUID)], cloud, sourceAnchor="auto")
    assert report["settings"]["sourceAnchor"] == "objectGUID"
    assert only(report)["anchorSource"] == "objectGUID"
    assert "SourceAnchorFallback" not in finding_codes(report)


def test_auto_falls_back_to_objectguid_when_users_hold_consistency_guids():
    objects = [user("ann", consistency_guid=GUID), user("bob"), user("krbtgt", consistency_guid=GUID)]
    report = run(objects, tenant(), sourceAnchor="auto")
    assert report["settings"]["sourceAnchor"] == "objectGUID"
    assert result_for(report, objects[0])["sourceAnchor"] == anchor_of(objects[0]["objectGUID"])
    found = [f for f in report["tenantFindings"] if f["code"] == "SourceAnchorFallback"]
    assert found and found[0]["count"] == 1  # krbtgt is out of scope


def test_auto_chooses_consistency_guid_otherwise():
    report = run([user("ann")], tenant(), sourceAnchor="AUTO")
    assert report["settings"]["sourceAnchor"] == "mS-DS-ConsistencyGuid"
    assert "SourceAnchorFallback" not in finding_codes(report)


# --- R3 nickname chain -----------------------------------------------------------------------------

def test_first_secondary_smtp_ends_the_nickname_chain():
    from service.engine.model import onprem_object
    from service.engine.result import Identity
    from service.engine.rules.identity import mail_nickname
    obj = onprem_object(1, {"objectClass": "user", "proxyAddresses": ["X500:/o=x", "smtp:second@contoso.com"]})
    assert mail_nickname(obj, Identity()) == "second"


# --- R6 quarantine ---------------------------------------------------------------------------------

def test_quarantine_on_an_unverified_suffix_does_not_heal():
    cloud = tenant(cloud_user("c-ann", f"ann@{INITIAL}"), features=UPN_OFF)
    result = only(run([user("ann", userPrincipalName="ann@corp.local")], cloud))
    assert result["outcome"] == "duplicate"
    error = errors_of(result, "AttributeValueMustBeUnique", "UserPrincipalName")[0]
    assert error["details"]["healsAutomatically"] is False and "does not heal" in error["message"]
    assert "R3-rewritten-upn-matching" in result["assumptions"]


@pytest.mark.parametrize("flag, attribute", [("quarantineUponUpnConflictEnabled", "UserPrincipalName"),
                                             ("quarantineUponProxyAddressesConflictEnabled", "ProxyAddresses")])
def test_quarantine_switched_off_fails_the_export(flag, attribute):
    cloud = tenant(cloud_user("c-x", "ann@contoso.com", smtp="ann@contoso.com"),
                   features={"blockSoftMatchEnabled": True, flag: False})
    report = run([user("ann", smtp="ann@contoso.com")], cloud)
    result = only(report)
    assert result["outcome"] == "error"
    blocking = [e for e in result["errors"] if e["blocking"]]
    assert [e["attribute"] for e in blocking] == [attribute]
    assert "QuarantineDisabled" in finding_codes(report)


def test_secondary_address_conflict_blocks_when_proxy_quarantine_is_off():
    cloud = tenant(cloud_user("c-x", "x@contoso.com", smtp="old@contoso.com"),
                   features={"quarantineUponProxyAddressesConflictEnabled": False})
    result = only(run([user("ann", proxies=["SMTP:ann@contoso.com", "smtp:old@contoso.com"])], cloud))
    assert result["outcome"] == "error"


# --- R6 conflicts resiliency does not quarantine ---------------------------------------------------

@pytest.mark.parametrize("attrs", [{"proxyAddresses": ["SMTP:ann@contoso.com", "SIP:ann@contoso.com"]},
                                   {"msRTCSIP-PrimaryUserAddress": "sip:ANN@contoso.com"}],
                         ids=["proxy", "msRTCSIP"])
def test_sip_conflict_is_blocking(attrs):
    cloud = tenant(cloud_user("c-x", "x@contoso.com", proxies=["SMTP:x@contoso.com", "sip:ann@contoso.com"]))
    result = only(run([user("ann", **attrs)], cloud))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeValueMustBeUnique:SipProxyAddress"}


def test_primary_address_of_a_cloud_group_with_soft_match_blocked_fails_the_export():
    cloud = tenant(cloud_group("c-team", "Team", smtp="ann@contoso.com"), features={"blockSoftMatchEnabled": True})
    result = only(run([user("ann", smtp="ann@contoso.com")], cloud))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}


def test_two_mail_enabled_groups_with_one_address_the_later_fails():
    first, later = group("Team", smtp="team@contoso.com"), group("Team2", smtp="team@contoso.com")
    report = run([first, later])
    assert result_for(report, first)["outcome"] == "provision"
    result = result_for(report, later)
    assert result["outcome"] == "error"
    error = errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")[0]
    assert error["blocking"] is True and "later sync cycle quarantines" in error["message"]


# --- R8 later objects ------------------------------------------------------------------------------

def test_later_object_with_the_same_upn_is_a_non_blocking_quarantine():
    first, later = user("ann"), user("ann2", userPrincipalName="ann@contoso.com")
    result = result_for(run([first, later]), later)
    assert result["outcome"] == "provision"
    error = errors_of(result, "AttributeValueMustBeUnique", "UserPrincipalName")[0]
    assert error["blocking"] is False and error["details"]["quarantinedAs"] == f"ann####@{INITIAL}"
    assert warnings_of(result, "CompetingOnPremObjects")


def test_later_object_with_the_same_mail_has_it_dropped():
    first = user("ann", smtp="ann@contoso.com", mail="team-ann@contoso.com")
    later = user("bob", smtp="bob@contoso.com", mail="team-ann@contoso.com")
    result = result_for(run([first, later]), later)
    assert result["outcome"] == "provision"
    error = errors_of(result, "AttributeValueMustBeUnique", "ProxyAddresses")[0]
    assert error["blocking"] is False and error["details"]["value"] == "team-ann@contoso.com"


# --- R9 findings -----------------------------------------------------------------------------------

def test_soft_match_finding_carries_the_hybrid_join_caveat():
    found = next(f for f in run([user("ann")])["tenantFindings"] if f["code"] == "SoftMatchTakeoverPossible")
    assert "InvalidSoftMatch" in found["recommendation"] and "hybrid" in found["recommendation"]


def test_bypass_finding_is_high_and_says_how_to_turn_it_off():
    report = run([user("ann")], tenant(features={"allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled": True}))
    found = next(f for f in report["tenantFindings"] if f["code"] == "HardMatchProtectionBypassed")
    assert found["severity"] == "high" and "= $false" in found["powershell"]


def test_missing_fields_are_named_in_the_report():
    report = run([user("ann")], tenant(cloud_user("c-x", "x@contoso.com"),
                                       features={"synchronizeUpnForManagedUsersEnabled": False}))
    fields = {i["field"] for i in report["notPredicted"]}
    assert {"onPremisesObjectIdentifier", "onPremisesSyncBehavior", "assignedLicenses", "provisionedPlans"} <= fields
    default = run([user("ann")], tenant(cloud_user("c-x", "x@contoso.com")))
    assert "assignedLicenses" not in {i["field"] for i in default["notPredicted"]}
    assert "MissingInputFields" in finding_codes(report)
    full = tenant(cloud_user("c-x", "x@contoso.com", onPremisesObjectIdentifier=None, onPremisesSyncBehavior=None,
                             assignedLicenses=[], provisionedPlans=[]),
                  features={"synchronizeUpnForManagedUsersEnabled": False})
    assert run([user("ann")], full)["notPredicted"] == []


def test_settings_report_every_feature_used():
    features = run([user("ann")])["settings"]["features"]
    assert features["allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled"] is False
    assert features["quarantineUponUpnConflictEnabled"] is True
    assert features["synchronizeUpnForManagedUsersEnabled"] is True


def test_a_secondary_address_equal_to_another_objects_primary_warns_both():
    first = user("ann", smtp="shared@contoso.com")
    later = user("bob", proxies=["SMTP:bob@contoso.com", "smtp:shared@contoso.com"])
    report = run([first, later])
    for obj in (first, later):
        assert warnings_of(result_for(report, obj), "CompetingOnPremObjects")
    assert errors_of(result_for(report, later), "AttributeValueMustBeUnique", "ProxyAddresses")[0]["blocking"] is False
