"""R4 Hard match: users only; synced join, cloud-managed takeover, blocks, admin roles, recycle bin."""

from __future__ import annotations

import pytest
from builders import (
    anchor_of,
    cloud_user,
    contact,
    days_before,
    deleted_user,
    errors_of,
    group,
    guid_for,
    only,
    run,
    tenant,
    user,
    warning_codes,
)

ANN = anchor_of(guid_for("ann"))
TAKEOVER_WARNINGS = {"CloudAttributesOverwritten", "PasswordHashOverwritten", "PrivilegedAccountTakeover",
                     "CloudAccountTakeover"}


def ann(**attrs: object) -> dict:
    return user("ann", smtp="ann@contoso.com", **attrs)


def test_live_synced_user_is_joined():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=True, department="Old"))
    result = only(run([ann(department="New")], cloud))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-ann"
    assert result["match"]["onpremAttribute"] == "sourceAnchor"
    assert result["match"]["cloudAttribute"] == "sourceAnchor"
    assert result["errors"] == []
    assert not warning_codes(result) & TAKEOVER_WARNINGS  # an ordinary join is no takeover


@pytest.mark.parametrize("synced", [None, False])
def test_live_cloud_managed_user_is_taken_over(synced):
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=synced))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-ann"
    assert result["match"]["onpremAttribute"] == "sourceAnchor"
    assert result["errors"] == []
    assert {"CloudAccountTakeover", "PasswordHashOverwritten"} <= warning_codes(result)


@pytest.mark.parametrize("synced", [None, False])
def test_takeover_blocked_by_the_tenant_flag(synced):
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=synced),
                   features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True})
    result = only(run([ann()], cloud))
    assert result["outcome"] == "error"
    found = errors_of(result, "InvalidHardMatch")
    assert found and all(e["blocking"] for e in found)


def test_takeover_blocked_by_a_settings_override():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN))
    result = only(run([ann()], cloud, features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True}))
    assert result["outcome"] == "error"
    assert errors_of(result, "InvalidHardMatch")


def test_settings_override_can_allow_what_the_tenant_blocks():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN),
                   features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True})
    result = only(run([ann()], cloud, features={"blockCloudObjectTakeoverThroughHardMatchEnabled": False}))
    assert result["outcome"] == "hardMatch"


def test_block_flag_does_not_stop_the_join_of_a_synced_user():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=True),
                   features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True})
    assert only(run([ann()], cloud))["outcome"] == "hardMatch"


def test_privileged_role_on_a_cloud_managed_target_is_invalid_hard_match():
    # R4.2 (2026-12): the hard-match ExistingAdminRoleConflict is gone; a privileged role gives InvalidHardMatch.
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, roles=("Global Administrator",)))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "error"
    assert not errors_of(result, "ExistingAdminRoleConflict")
    found = errors_of(result, "InvalidHardMatch")
    assert found and all(e["blocking"] for e in found)


def test_block_flag_and_admin_role_is_an_error():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, roles=("User Administrator",)),
                   features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True})
    result = only(run([ann()], cloud))
    assert result["outcome"] == "error"
    assert errors_of(result, "InvalidHardMatch")


def test_active_admin_role_on_a_synced_target_still_joins():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN, synced=True,
                              roles=("Global Administrator",)))
    assert only(run([ann()], cloud))["outcome"] == "hardMatch"


@pytest.mark.parametrize("synced", [True, None])
def test_hard_match_is_tried_before_soft_match(synced):
    cloud = tenant(cloud_user("c-soft", "ann@contoso.com", smtp="ann@contoso.com"),
                   cloud_user("c-hard", "ann.old@contoso.com", immutable_id=ANN, synced=synced))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-hard"
    assert result["match"]["onpremAttribute"] == "sourceAnchor"


def test_hard_match_is_not_blocked_by_block_soft_match():
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=ANN),
                   features={"blockSoftMatchEnabled": True})
    assert only(run([ann()], cloud))["outcome"] == "hardMatch"


@pytest.mark.parametrize("make", [lambda: group("Sales"), lambda: contact("Lea", smtp="lea@partner.example")],
                         ids=["group", "contact"])
def test_hard_match_applies_to_users_only(make):
    obj = make()
    cloud = tenant(cloud_user("c-u", "u@contoso.com", immutable_id=anchor_of(obj["objectGUID"]), synced=True))
    result = only(run([obj], cloud))
    assert result["outcome"] != "hardMatch"
    assert (result["match"] or {}).get("cloudId") != "c-u"


def test_hard_match_is_case_sensitive():
    cloud = tenant(cloud_user("c-x", "x@contoso.com", immutable_id=ANN.lower(), synced=True))
    assert ANN.lower() != ANN
    assert only(run([ann()], cloud))["outcome"] == "provision"


# --- recycle bin ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "outcome"), [
    (0.5, "reanimate"),
    (10, "reanimate"),
    (30 - 1 / 86400, "reanimate"),
    (30 + 1 / 86400, "provision"),
    (40, "provision"),
    (400, "provision"),
])
def test_recycle_bin_30_day_boundary(days, outcome):
    cloud = tenant(deleted_user("c-jon", ANN, days_before(days)))
    result = only(run([ann()], cloud))
    assert result["outcome"] == outcome
    if outcome == "reanimate":
        assert result["match"]["cloudId"] == "c-jon"
        assert result["match"]["onpremAttribute"] == "sourceAnchor"
        assert result["match"]["cloudAttribute"] == "sourceAnchor"
    else:
        assert result["match"] is None


def test_recycle_bin_uses_settings_now():
    cloud = tenant(deleted_user("c-jon", ANN, days_before(20)))
    assert only(run([ann()], cloud))["outcome"] == "reanimate"
    later = days_before(-15)  # 15 days after NOW: the deletion is 35 days old
    assert only(run([ann()], cloud, now=later))["outcome"] == "provision"
    earlier = days_before(19)  # 1 day after the deletion
    assert only(run([ann()], cloud, now=earlier))["outcome"] == "reanimate"


def test_soft_deleted_user_listed_among_users_is_reanimated():
    cloud = tenant(cloud_user("c-jon", "jon@contoso.com", immutable_id=ANN, deleted=days_before(5)))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "reanimate"
    assert result["match"]["cloudId"] == "c-jon"


def test_live_user_wins_over_a_deleted_one():
    cloud = tenant(deleted_user("c-old", ANN, days_before(3)),
                   cloud_user("c-live", "ann.x@contoso.com", immutable_id=ANN, synced=True))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-live"


def test_reanimation_comes_before_soft_match():
    cloud = tenant(cloud_user("c-soft", "ann@contoso.com", smtp="ann@contoso.com"),
                   deleted_user("c-jon", ANN, days_before(3)))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "reanimate"
    assert result["match"]["cloudId"] == "c-jon"


def test_expired_deleted_user_is_ignored_and_soft_match_follows():
    cloud = tenant(deleted_user("c-gone", ANN, days_before(45)),
                   cloud_user("c-soft", "ann.s@contoso.com", smtp="ann@contoso.com"))
    result = only(run([ann()], cloud))
    assert result["outcome"] == "softMatch"
    assert result["match"]["cloudId"] == "c-soft"


def test_deleted_user_with_another_anchor_is_not_reanimated():
    cloud = tenant(deleted_user("c-jon", anchor_of(guid_for("jon")), days_before(3)))
    assert only(run([ann()], cloud))["outcome"] == "provision"
