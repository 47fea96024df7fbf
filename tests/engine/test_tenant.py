"""R9 Tenant-level findings: takeover flags, orphaned synced objects, cloud-only accounts."""

from __future__ import annotations

import pytest
from builders import (
    anchor_of,
    cloud_group,
    cloud_user,
    days_before,
    finding_codes,
    group,
    guid_for,
    run,
    tenant,
    user,
)

SOFT, HARD = "blockSoftMatchEnabled", "blockCloudObjectTakeoverThroughHardMatchEnabled"


@pytest.mark.parametrize(("soft_blocked", "hard_blocked"), [(False, False), (True, False), (False, True),
                                                            (True, True)])
def test_takeover_findings_follow_the_flags(soft_blocked, hard_blocked):
    report = run([user("ann")], tenant(features={SOFT: soft_blocked, HARD: hard_blocked}))
    codes = finding_codes(report)
    assert ("SoftMatchTakeoverPossible" in codes) is not soft_blocked
    assert ("HardMatchTakeoverPossible" in codes) is not hard_blocked


def test_takeover_findings_follow_settings_overrides():
    report = run([user("ann")], tenant(), features={SOFT: True, HARD: True})
    assert not finding_codes(report) & {"SoftMatchTakeoverPossible", "HardMatchTakeoverPossible"}
    report = run([user("ann")], tenant(features={SOFT: True, HARD: True}), features={SOFT: False})
    assert "SoftMatchTakeoverPossible" in finding_codes(report)
    assert "HardMatchTakeoverPossible" not in finding_codes(report)


def test_findings_have_a_code_a_severity_and_a_message():
    report = run([user("ann")], tenant(cloud_user("c-orphan", "o@contoso.com", synced=True,
                                                  immutable_id=anchor_of(guid_for("gone")))))
    assert report["tenantFindings"]
    for item in report["tenantFindings"]:
        assert item["code"] and item["severity"] and item["message"]


def test_flag_findings_recommend_turning_the_flags_on():
    report = run([user("ann")])
    text = " ".join(str(f) for f in report["tenantFindings"] if f["code"].endswith("TakeoverPossible")).lower()
    assert "blocksoftmatchenabled" in text
    assert "blockcloudobjecttakeoverthroughhardmatchenabled" in text


# --- orphans ---------------------------------------------------------------------------------------------

def test_synced_cloud_objects_nothing_hard_matches_are_orphans():
    ann = user("ann")
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=anchor_of(ann["objectGUID"]), synced=True),
                   cloud_user("c-orphan", "o@contoso.com", synced=True, immutable_id=anchor_of(guid_for("gone"))),
                   cloud_group("c-oldgroup", "Old group", synced=True),
                   cloud_user("c-cloud", "c@contoso.com"))
    report = run([ann], cloud)
    assert report["results"][0]["outcome"] == "hardMatch"
    orphan_ids = {o["id"] if isinstance(o, dict) else o for o in report["cloudOrphans"]}
    assert orphan_ids == {"c-orphan", "c-oldgroup"}
    assert "OrphanedSyncedObjects" in finding_codes(report)


def test_a_synced_soft_match_candidate_that_errors_is_still_an_orphan():
    cloud = tenant(cloud_user("c-hal", "hal@contoso.com", smtp="hal@contoso.com", synced=True,
                              immutable_id=anchor_of(guid_for("old-hal"))))
    report = run([user("hal", smtp="hal@contoso.com")], cloud)
    assert report["results"][0]["outcome"] == "error"
    assert {o["id"] if isinstance(o, dict) else o for o in report["cloudOrphans"]} == {"c-hal"}


def test_no_orphans_when_every_synced_object_is_joined():
    ann = user("ann")
    cloud = tenant(cloud_user("c-ann", "ann.x@contoso.com", immutable_id=anchor_of(ann["objectGUID"]), synced=True))
    report = run([ann], cloud)
    assert report["cloudOrphans"] == []
    assert "OrphanedSyncedObjects" not in finding_codes(report)


def test_deleted_users_are_not_orphans():
    cloud = tenant(cloud_user("c-del", "d@contoso.com", synced=True, deleted=days_before(3),
                              immutable_id=anchor_of(guid_for("del"))))
    report = run([user("ann")], cloud)
    assert report["cloudOrphans"] == []


# --- cloud-only ---------------------------------------------------------------------------------------------

def test_cloud_managed_accounts_nothing_matches_are_counted():
    ann, bob, eve = user("ann", smtp="ann@contoso.com"), user("bob"), user("eve", smtp="eve@contoso.com")
    cloud = tenant(
        cloud_user("c-ann", "ann.c@contoso.com", smtp="ann@contoso.com"),             # soft-matched
        cloud_user("c-bob", "bob.c@contoso.com", immutable_id=anchor_of(bob["objectGUID"])),  # hard takeover
        cloud_user("c-eve", "eve.c@contoso.com", smtp="eve@contoso.com", roles=("Global Administrator",)),  # dup
        cloud_user("c-lone1", "lone1@contoso.com"),
        cloud_user("c-lone2", "lone2@contoso.com", synced=False),
        cloud_user("c-synced", "s@contoso.com", synced=True, immutable_id=anchor_of(guid_for("s"))),
    )
    report = run([ann, bob, eve], cloud)
    assert [r["outcome"] for r in report["results"]] == ["softMatch", "hardMatch", "duplicate"]
    assert report["cloudOnly"] == 3  # c-eve, c-lone1, c-lone2
    assert "CloudOnlyAccounts" in finding_codes(report)


def test_no_cloud_only_accounts_when_everything_matches():
    cloud = tenant(cloud_user("c-ann", "ann@contoso.com"))
    report = run([user("ann")], cloud)
    assert report["results"][0]["outcome"] == "softMatch"
    assert report["cloudOnly"] == 0


def test_cloud_only_counts_with_no_onprem_objects():
    cloud = tenant(cloud_user("c-1", "one@contoso.com"), cloud_user("c-2", "two@contoso.com"))
    report = run([], cloud)
    assert report["results"] == []
    assert report["cloudOnly"] == 2


def test_groups_are_not_orphans_once_soft_matched():
    cloud = tenant(cloud_group("c-team", "Team", smtp="team@contoso.com"))
    report = run([group("Team", smtp="team@contoso.com")], cloud)
    assert report["results"][0]["outcome"] == "softMatch"
    assert report["cloudOrphans"] == []
