"""R4 (2026-12) Hard-match security protections, Source of Authority, deleted users, and their remediation."""

from __future__ import annotations

import pytest
from builders import (
    anchor_of,
    cloud_user,
    days_before,
    deleted_user,
    error_set,
    errors_of,
    finding_codes,
    guid_for,
    only,
    powershell,
    ps_quote,
    run,
    tenant,
    user,
    warning_codes,
    warnings_of,
)

ANN = anchor_of(guid_for("ann"))
OTHER_GUID = "a15df3dc-4416-414b-8b7d-5fbdcb5743c1"
BYPASS = {"allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled": True}
BLOCK = {"blockCloudObjectTakeoverThroughHardMatchEnabled": True}


def ann(**attrs: object) -> dict:
    return user("ann", **attrs)


def target(**attrs: object):
    return cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, **attrs)


# --- R4.1 synced users -----------------------------------------------------------------------------

def test_synced_user_mapped_to_another_object_is_attribute_update_not_allowed():
    result = only(run([ann()], tenant(target(synced=True, onPremisesObjectIdentifier=OTHER_GUID))))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeUpdateNotAllowed"}
    error = result["errors"][0]
    assert error["blocking"] is True and error["conflictsWith"] == ["c-ann"]
    assert "OnPremisesObjectIdentifier cannot be changed unless its current value is null" in error["message"]


@pytest.mark.parametrize("identifier", [lambda g: g, lambda g: "{" + g.upper() + "}", lambda g: g.replace("-", "")],
                         ids=["same", "braces-upper", "no-hyphens"])
def test_synced_user_mapped_to_this_object_rejoins(identifier):
    obj = ann()
    result = only(run([obj], tenant(target(synced=True, onPremisesObjectIdentifier=identifier(obj["objectGUID"])))))
    assert result["outcome"] == "hardMatch" and result["errors"] == []


def test_synced_privileged_user_rejoins_without_a_role_warning():
    result = only(run([ann()], tenant(target(synced=True, roles=("Global Administrator",)))))
    assert result["outcome"] == "hardMatch"
    assert result["errors"] == [] and result["warnings"] == []


def test_bypass_lets_a_synced_user_be_remapped():
    cloud = tenant(target(synced=True, onPremisesObjectIdentifier=OTHER_GUID), features=BYPASS)
    report = run([ann()], cloud)
    assert only(report)["outcome"] == "hardMatch"
    assert "HardMatchProtectionBypassed" in finding_codes(report)


# --- R4.2 cloud-managed users ----------------------------------------------------------------------

@pytest.mark.parametrize("roles", [{"roles": ("Global Administrator",)}, {"eligible": ("Security Administrator",)},
                                   {"roles": ("62e90394-69f5-4237-9190-012177145e10",)},
                                   {"eligible": ("Helpdesk Administrator",)}],
                         ids=["assigned", "eligible", "template-id", "helpdesk"])
def test_privileged_target_is_invalid_hard_match(roles):
    result = only(run([ann()], tenant(target(**roles))))
    assert result["outcome"] == "error"
    assert error_set(result) == {"InvalidHardMatch"}
    error = result["errors"][0]
    assert error["message"].startswith("The cloud user with privileged roles is not allowed to be taken over.")
    assert error["details"]["privilegedRoles"]


def test_role_definitions_decide_what_is_privileged():
    custom = {"displayName": "Contoso Tier0", "isPrivileged": True}
    cloud = tenant(target(roles=("Contoso Tier0",)))
    cloud["tenant"]["roleDefinitions"] = [custom, {"displayName": "Global Administrator", "isPrivileged": False}]
    assert error_set(only(run([ann()], cloud))) == {"InvalidHardMatch"}
    cloud = tenant(target(roles=("Global Administrator",)))
    cloud["tenant"]["roleDefinitions"] = [{"displayName": "Global Administrator", "isPrivileged": False}]
    assert only(run([ann()], cloud))["outcome"] == "hardMatch"


def test_role_objects_carry_is_privileged():
    result = only(run([ann()], tenant(target(roles=({"displayName": "Reports Reader", "isPrivileged": True},)))))
    assert result["errors"][0]["details"]["privilegedRoles"] == ["Reports Reader"]


def test_role_that_is_not_privileged_does_not_block():
    result = only(run([ann()], tenant(target(roles=("Billing Administrator",)))))
    assert result["outcome"] == "hardMatch"
    assert not errors_of(result, "ExistingAdminRoleConflict")


def test_cloud_managed_user_with_an_identifier_is_attribute_update_not_allowed():
    result = only(run([ann()], tenant(target(onPremisesObjectIdentifier=OTHER_GUID))))
    assert error_set(result) == {"AttributeUpdateNotAllowed"}


def test_block_flag_comes_before_the_privileged_check():
    result = only(run([ann()], tenant(target(roles=("Global Administrator",)), features=BLOCK)))
    assert error_set(result) == {"InvalidHardMatch"}
    assert result["errors"][0]["details"]["reason"] == "blockCloudObjectTakeoverThroughHardMatchEnabled"


def test_privileged_check_comes_before_the_identifier_check():
    result = only(run([ann()], tenant(target(roles=("User Administrator",), onPremisesObjectIdentifier=OTHER_GUID))))
    assert error_set(result) == {"InvalidHardMatch"}


def test_bypass_takes_a_privileged_account_over_with_a_warning():
    report = run([ann()], tenant(target(roles=("Global Administrator",)), features=BYPASS))
    result = only(report)
    assert result["outcome"] == "hardMatch"
    assert {"PrivilegedAccountTakeover", "CloudAccountTakeover"} <= warning_codes(result)
    assert warnings_of(result, "PrivilegedAccountTakeover")[0]["details"]["privilegedRoles"] == ["Global Administrator"]


def test_source_of_authority_in_the_cloud_skips_the_object():
    cloud = tenant(target(onPremisesSyncBehavior={"isCloudManaged": True}, roles=("Global Administrator",)))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "skipped"
    assert warning_codes(result) == {"SourceOfAuthorityInCloud"}
    assert result["errors"] == [] and result["match"] is None


def test_source_of_authority_comes_before_the_block_flag():
    cloud = tenant(target(onPremisesSyncBehavior={"IsCloudManaged": "true"}), features=BLOCK)
    assert only(run([ann()], cloud))["outcome"] == "skipped"


# --- R4.3 deleted users ----------------------------------------------------------------------------

def deleted(**attrs: object):
    return deleted_user("d-ann", ANN, days_before(5), **attrs)


def test_deleted_privileged_user_is_invalid_hard_match():
    result = only(run([ann()], tenant(deleted(assignedRoles=["Global Administrator"]))))
    assert result["outcome"] == "error" and error_set(result) == {"InvalidHardMatch"}


def test_deleted_user_with_block_flag_is_invalid_hard_match():
    result = only(run([ann()], tenant(deleted(), features=BLOCK)))
    assert error_set(result) == {"InvalidHardMatch"}


def test_deleted_user_whose_upn_a_live_user_now_holds_cannot_come_back():
    cloud = tenant(deleted(userPrincipalName="ann@contoso.com"), cloud_user("c-new", "ann@contoso.com"))
    result = only(run([ann(userPrincipalName="ann.other@contoso.com")], cloud))
    assert result["outcome"] == "error"
    assert error_set(result) == {"AttributeValueMustBeUnique:UserPrincipalName"}
    assert result["errors"][0]["blocking"] is True and result["errors"][0]["conflictsWith"] == ["c-new"]
    assert "R4-restore-conflict" in result["assumptions"]


def test_deleted_user_whose_address_a_live_user_now_holds_cannot_come_back():
    cloud = tenant(deleted(userPrincipalName="ann.d@contoso.com", proxyAddresses=["SMTP:ann@contoso.com"]),
                   cloud_user("c-new", "new@contoso.com", smtp="ann@contoso.com"))
    result = only(run([ann(userPrincipalName="ann.other@contoso.com")], cloud))
    assert error_set(result) == {"AttributeValueMustBeUnique:ProxyAddresses"}


def test_deleted_upn_with_the_object_id_prefix_is_compared_without_it():
    cloud = tenant(deleted_user("0b1c2d3e-0000-4000-8000-000000000001", ANN, days_before(5),
                                userPrincipalName="0b1c2d3e000040008000000000000001ann@contoso.com"),
                   cloud_user("c-new", "ann@contoso.com"))
    assert error_set(only(run([ann(userPrincipalName="x@contoso.com")], cloud))) == {
        "AttributeValueMustBeUnique:UserPrincipalName"}


def test_deleted_user_without_conflicts_is_reanimated():
    result = only(run([ann()], tenant(deleted(userPrincipalName="ann@contoso.com"))))
    assert result["outcome"] == "reanimate"


def test_deleted_user_without_upn_or_addresses_says_what_it_could_not_check():
    result = only(run([ann()], tenant(deleted())))
    assert result["outcome"] == "reanimate"
    assert any("could not be predicted" in n for n in result["notes"])


# --- remediation (R10) -----------------------------------------------------------------------------

def test_identifier_conflict_remediation_clears_the_identifier_first():
    cloud_id = "c-'ann"
    cloud = tenant(cloud_user(cloud_id, "ann.x@contoso.com", immutable_id=ANN, synced=True,
                              onPremisesObjectIdentifier=OTHER_GUID))
    script = powershell(only(run([ann()], cloud)))
    assert "https://graph.microsoft.com/beta/users/" in script and '"onPremisesObjectIdentifier": null' in script
    assert f"Clear-ADSyncToolsOnPremisesAttribute -Id {ps_quote(cloud_id)} -onPremisesObjectIdentifier" in script
    assert ps_quote(cloud_id) in script and f"/users/{cloud_id}" not in script
    assert script.index("onPremisesObjectIdentifier") < script.index("Start-ADSyncSyncCycle")


def test_privileged_remediation_removes_and_restores_the_roles():
    result = only(run([ann()], tenant(target(roles=("Global Administrator",)))))
    script = powershell(result)
    assert "Remove-MgRoleManagementDirectoryRoleAssignment" in script
    assert ps_quote("Global Administrator") in script and "New-MgRoleManagementDirectoryRoleAssignment" in script
    assert "BlockCloudObjectTakeoverThroughHardMatchEnabled = $false" not in script


def test_bypass_with_an_eligible_privileged_role_warns_once():
    report = run([ann()], tenant(target(eligible=("Global Administrator",)), features=BYPASS))
    found = warnings_of(only(report), "PrivilegedAccountTakeover")
    assert len(found) == 1 and found[0]["details"]["privilegedRoles"] == ["Global Administrator"]


def test_expanded_assignment_objects_and_a_flat_is_cloud_managed_are_read():
    role = {"principalId": "c-ann", "roleDefinition": {"displayName": "Tier0", "isPrivileged": True}}
    assert error_set(only(run([ann()], tenant(target(roles=(role,)))))) == {"InvalidHardMatch"}
    assert only(run([ann()], tenant(target(isCloudManaged=True))))["outcome"] == "skipped"
