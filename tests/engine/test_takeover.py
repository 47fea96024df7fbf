"""R7 Warnings on a match: overwritten attributes, password hash, privileged and cloud account takeover."""

from __future__ import annotations

import pytest
from builders import (
    anchor_of,
    cloud_group,
    cloud_user,
    days_before,
    deleted_user,
    group,
    guid_for,
    only,
    run,
    tenant,
    user,
    warning_codes,
    warnings_of,
)

ANN = anchor_of(guid_for("ann"))


def soft(cloud_attrs: dict | None = None, onprem_attrs: dict | None = None, **settings: object) -> dict:
    """ann soft-matches cloud-managed c-ann by primary SMTP."""
    obj = user("ann", smtp="ann@contoso.com", **(onprem_attrs or {}))
    target = cloud_user("c-ann", "ann@contoso.com", smtp="ann@contoso.com", **(cloud_attrs or {}))
    result = only(run([obj], tenant(target), **settings))
    assert result["outcome"] == "softMatch"
    return result


def overwritten(result: dict) -> dict:
    found = warnings_of(result, "CloudAttributesOverwritten")
    assert len(found) == 1, result["warnings"]
    return found[0]["details"]


# --- CloudAttributesOverwritten ---------------------------------------------------------------------------

def test_cloud_value_cleared_by_an_empty_onprem_value():
    details = overwritten(soft({"department": "Sales EU"}))
    assert details["department"]["cloud"] == "Sales EU"
    assert details["department"]["onprem"] is None


def test_cloud_value_replaced_by_a_different_onprem_value():
    details = overwritten(soft({"displayName": "Ann C", "department": "Sales EU"},
                               {"displayName": "Ann", "department": "Sales"}))
    assert details["displayName"]["cloud"] == "Ann C"
    assert details["displayName"]["onprem"] == "Ann"
    assert details["department"] == {**details["department"], "cloud": "Sales EU", "onprem": "Sales"}


def test_equal_values_are_not_listed():
    result = soft({"department": "Sales", "displayName": "Ann C"}, {"department": "Sales", "displayName": "Ann"})
    details = overwritten(result)
    assert "department" not in details
    assert "displayName" in details


def test_attributes_the_cloud_does_not_hold_are_not_listed():
    result = soft({"displayName": "Ann"}, {"displayName": "Ann", "department": "Sales"})
    assert "department" not in {k for w in warnings_of(result, "CloudAttributesOverwritten") for k in w["details"]}


def test_hard_match_takeover_lists_overwritten_attributes():
    target = cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, department="Finance")
    result = only(run([user("ann", department="Sales")], tenant(target)))
    assert result["outcome"] == "hardMatch"
    details = warnings_of(result, "CloudAttributesOverwritten")[0]["details"]
    assert details["department"]["cloud"] == "Finance"
    assert details["department"]["onprem"] == "Sales"


def test_reanimation_lists_overwritten_attributes():
    cloud = tenant(deleted_user("c-jon", ANN, days_before(3), department="Old"))
    result = only(run([user("ann", department="New")], cloud))
    assert result["outcome"] == "reanimate"
    details = warnings_of(result, "CloudAttributesOverwritten")[0]["details"]
    assert details["department"]["cloud"] == "Old"
    assert details["department"]["onprem"] == "New"


def test_group_soft_match_lists_overwritten_attributes():
    cloud = tenant(cloud_group("c-team", "Team desk", smtp="team@contoso.com"))
    result = only(run([group("Team", smtp="team@contoso.com")], cloud))
    assert result["outcome"] == "softMatch"
    details = warnings_of(result, "CloudAttributesOverwritten")[0]["details"]
    assert details["displayName"]["cloud"] == "Team desk"
    assert details["displayName"]["onprem"] == "Team"


# --- PasswordHashOverwritten ------------------------------------------------------------------------------

def test_password_hash_overwritten_with_phs_on_a_cloud_managed_user():
    assert warnings_of(soft(passwordHashSync=True), "PasswordHashOverwritten")


def test_password_hash_sync_defaults_to_on():
    assert warnings_of(soft(), "PasswordHashOverwritten")


def test_no_password_warning_without_phs():
    assert not warnings_of(soft(passwordHashSync=False), "PasswordHashOverwritten")


def test_no_password_warning_when_joining_a_synced_user():
    target = cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=True)
    result = only(run([user("ann")], tenant(target), passwordHashSync=True))
    assert result["outcome"] == "hardMatch"
    assert not warnings_of(result, "PasswordHashOverwritten")


def test_password_warning_on_a_hard_match_takeover():
    target = cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN)
    result = only(run([user("ann")], tenant(target), passwordHashSync=True))
    assert warnings_of(result, "PasswordHashOverwritten")


# --- PrivilegedAccountTakeover ----------------------------------------------------------------------------

def _privileged(result: dict) -> dict:
    found = warnings_of(result, "PrivilegedAccountTakeover")
    assert len(found) == 1, result["warnings"]
    assert found[0]["severity"] == "high"
    return found[0]


def test_pim_eligible_target_of_a_soft_match():
    _privileged(soft({"eligibleRoles": ["Global Administrator"]}))


def test_pim_eligible_target_of_a_hard_match_takeover():
    # A role that is not privileged: a privileged eligible role blocks the hard match since 2026-12 (R4.2).
    target = cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, eligible=("Billing Administrator",))
    result = only(run([user("ann")], tenant(target)))
    assert result["outcome"] == "hardMatch"
    _privileged(result)


@pytest.mark.parametrize("name", ["ann@contoso.com", "c-ann"], ids=["by-upn", "by-id"])
def test_break_glass_account_named_in_settings(name):
    _privileged(soft(breakGlassAccounts=[name]))


def test_no_privileged_warning_for_an_ordinary_account():
    result = soft(breakGlassAccounts=["emergency@contoso.com"])
    assert not warnings_of(result, "PrivilegedAccountTakeover")


# --- CloudAccountTakeover ---------------------------------------------------------------------------------

def test_cloud_account_takeover_on_a_soft_match():
    found = warnings_of(soft(), "CloudAccountTakeover")
    assert len(found) == 1
    assert found[0]["severity"] == "info"


def test_cloud_account_takeover_on_a_hard_match_takeover():
    target = cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=False)
    result = only(run([user("ann")], tenant(target)))
    assert "CloudAccountTakeover" in warning_codes(result)


def test_no_cloud_account_takeover_when_joining_a_synced_user():
    target = cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=True)
    result = only(run([user("ann")], tenant(target)))
    assert "CloudAccountTakeover" not in warning_codes(result)


# --- no takeover, no takeover warnings ----------------------------------------------------------------------

@pytest.mark.parametrize("cloud", [
    lambda: tenant(cloud_user("c-ann", "ann@contoso.com", smtp="ann@contoso.com", roles=("Global Administrator",),
                              eligible=("Exchange Administrator",), department="X")),
    lambda: tenant(cloud_user("c-ann", "ann@contoso.com", smtp="ann@contoso.com", department="X"),
                   features={"blockSoftMatchEnabled": True}),
    lambda: tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, department="X",
                              eligible=("Global Administrator",)),
                   features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True}),
], ids=["admin-duplicate", "soft-blocked-duplicate", "hard-blocked-error"])
def test_no_takeover_warnings_when_nothing_is_taken_over(cloud):
    result = only(run([user("ann", smtp="ann@contoso.com")], cloud(), breakGlassAccounts=["ann@contoso.com"]))
    assert result["outcome"] in ("duplicate", "error")
    assert not warning_codes(result) & {"CloudAttributesOverwritten", "PasswordHashOverwritten",
                                        "PrivilegedAccountTakeover", "CloudAccountTakeover"}
