"""R10 Remediation: PowerShell with the object's real values filled in."""

from __future__ import annotations

import re

from builders import (
    anchor_of,
    cloud_user,
    days_before,
    deleted_user,
    guid_for,
    guid_of_anchor,
    only,
    powershell,
    ps_quote,
    run,
    tenant,
    user,
)

from service.engine import remediation_script

CLOUD_ANCHOR = "Aw4GRT2721+4IykPv/ZwfQ=="  # conformance case 08


def _q(value: str) -> str:
    """A value, quoted for PowerShell or not."""
    return "'?" + re.escape(value) + "'?"


def test_planned_hard_match_after_a_soft_match():
    obj = user("cara", smtp="cara@contoso.com")
    cloud = tenant(cloud_user("c-cara", "cara.lind@contoso.com", smtp="cara@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "softMatch"
    anchor = anchor_of(obj["objectGUID"])
    assert re.search(rf"Update-MgUser -UserId {_q('c-cara')} -OnPremisesImmutableId {_q(anchor)}", powershell(result))


def test_anchors_differ_sets_consistency_guid_from_the_cloud_immutableid():
    obj = user("hal", smtp="hal@contoso.com", userPrincipalName="hal.new@contoso.com")
    cloud = tenant(cloud_user("c-hal", "hal@contoso.com", smtp="hal@contoso.com", immutable_id=CLOUD_ANCHOR,
                              synced=True))
    result = only(run([obj], cloud))
    assert result["outcome"] == "error"
    guid = guid_of_anchor(CLOUD_ANCHOR)
    assert anchor_of(guid) == CLOUD_ANCHOR
    script = powershell(result)
    assert "Set-ADUser" in script
    assert re.search(r"'mS-DS-ConsistencyGuid'\s*=\s*\[guid\]'" + re.escape(guid) + "'", script, re.IGNORECASE)
    assert ps_quote(obj["distinguishedName"]) in script
    set_line = next(line for line in script.splitlines() if "Set-ADUser" in line)
    assert ps_quote(obj["distinguishedName"]) in set_line and guid in set_line


def test_anchors_differ_for_a_cloud_managed_target_with_another_immutableid():
    obj = user("hal", smtp="hal@contoso.com")
    other = anchor_of(guid_for("other"))
    cloud = tenant(cloud_user("c-hal", "hal.c@contoso.com", smtp="hal@contoso.com", immutable_id=other))
    result = only(run([obj], cloud))
    assert result["outcome"] == "error"
    assert guid_for("other") in powershell(result)


def test_dn_with_an_apostrophe_is_escaped_for_powershell():
    dn = "CN=O'Brien\\, Pat,OU=Staff,DC=contoso,DC=com"
    obj = user("obrien", smtp="pat@contoso.com", distinguishedName=dn, userPrincipalName="pat.new@contoso.com")
    cloud = tenant(cloud_user("c-pat", "pat@contoso.com", smtp="pat@contoso.com", immutable_id=CLOUD_ANCHOR,
                              synced=True))
    result = only(run([obj], cloud))
    script = powershell(result)
    assert "'CN=O''Brien\\, Pat,OU=Staff,DC=contoso,DC=com'" in script
    assert "'CN=O'Brien" not in script


def test_admin_role_conflict_remediation_names_the_cloud_account():
    cloud = tenant(cloud_user("c-gus", "gus@contoso.com", smtp="gus@contoso.com", roles=("Global Administrator",)))
    result = only(run([user("gus", smtp="gus@contoso.com")], cloud))
    assert result["outcome"] == "duplicate"
    assert result["remediation"]
    assert "c-gus" in powershell(result)
    assert re.search(r"role", powershell(result), re.IGNORECASE)


def test_reanimation_remediation_offers_to_purge_the_deleted_user():
    obj = user("jon")
    cloud = tenant(deleted_user("c-jon", anchor_of(obj["objectGUID"]), days_before(5)))
    result = only(run([obj], cloud))
    assert result["outcome"] == "reanimate"
    assert "c-jon" in powershell(result)


def test_unverified_suffix_remediation_changes_the_upn_on_the_object():
    obj = user("max", userPrincipalName="max@contoso.local")
    result = only(run([obj]))
    script = powershell(result)
    assert ps_quote(obj["distinguishedName"]) in script
    assert "UserPrincipalName" in script


def test_blocked_hard_match_remediation_sets_the_tenant_flag():
    obj = user("pia")
    cloud = tenant(cloud_user("c-pia", "pia.k@contoso.com", immutable_id=anchor_of(obj["objectGUID"])),
                   features={"blockCloudObjectTakeoverThroughHardMatchEnabled": True})
    result = only(run([obj], cloud))
    assert result["outcome"] == "error"
    script = powershell(result)
    assert "Update-MgDirectoryOnPremiseSynchronization" in script
    assert "BlockCloudObjectTakeoverThroughHardMatchEnabled".lower() in script.lower()


def test_tenant_flag_findings_carry_update_mgdirectoryonpremisesynchronization():
    report = run([user("ann")])
    for item in report["tenantFindings"]:
        if item["code"] in ("SoftMatchTakeoverPossible", "HardMatchTakeoverPossible"):
            assert "Update-MgDirectoryOnPremiseSynchronization" in item.get("powershell", "")


def test_remediation_script_holds_every_step_and_the_tenant_flags():
    gus = user("gus", smtp="gus@contoso.com")
    cara = user("cara", smtp="cara@contoso.com")
    cloud = tenant(cloud_user("c-gus", "gus@contoso.com", smtp="gus@contoso.com", roles=("Global Administrator",)),
                   cloud_user("c-cara", "cara.c@contoso.com", smtp="cara@contoso.com"))
    report = run([gus, cara], cloud)
    text = remediation_script(report)
    assert isinstance(text, str)
    for result in report["results"]:
        for step in result["remediation"]:
            assert step["powershell"] in text
    assert "Update-MgDirectoryOnPremiseSynchronization" in text
    assert "BlockSoftMatchEnabled".lower() in text.lower()


def test_remediation_script_has_no_flag_commands_when_both_flags_are_on():
    features = {"blockSoftMatchEnabled": True, "blockCloudObjectTakeoverThroughHardMatchEnabled": True}
    report = run([user("ann")], tenant(features=features))
    assert "Update-MgDirectoryOnPremiseSynchronization" not in remediation_script(report)


def test_clean_provision_needs_no_remediation():
    result = only(run([user("ann")]))
    assert result["outcome"] == "provision"
    assert result["remediation"] == []
