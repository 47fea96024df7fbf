"""The report: shape, summary counts equal the results, safeToSync and exit codes."""

from __future__ import annotations

from collections import Counter

import pytest
from builders import (
    ERROR_CODES,
    OMIT,
    OUTCOMES,
    anchor_of,
    cloud_user,
    days_before,
    deleted_user,
    group,
    only,
    run,
    tenant,
    user,
)

from service.engine import SettingsError, evaluate, exit_code


def mixed_report() -> dict:
    """One object of every outcome."""
    hard, soft, back, new = user("hard"), user("soft", smtp="soft@contoso.com"), user("back"), user("new")
    dup, err, skip = user("dup", smtp="dup@contoso.com"), user("err", objectGUID=OMIT), user("krbtgt")
    cloud = tenant(
        cloud_user("c-hard", "hard.x@contoso.com", immutable_id=anchor_of(hard["objectGUID"]), synced=True),
        cloud_user("c-soft", "soft.x@contoso.com", smtp="soft@contoso.com"),
        deleted_user("c-back", anchor_of(back["objectGUID"]), days_before(2)),
        cloud_user("c-dup", "dup.x@contoso.com", smtp="dup@contoso.com", roles=("Global Administrator",)),
    )
    return run([hard, soft, back, new, dup, err, skip, group("Team")], cloud)


def check_summary(report: dict) -> None:
    results, summary = report["results"], report["summary"]
    assert summary["objects"] == len(results)
    counted = Counter(r["outcome"] for r in results)
    assert {k: v for k, v in summary["outcomes"].items() if v} == dict(counted)
    assert sum(summary["outcomes"].values()) == len(results)
    assert summary["errors"] == dict(Counter(e["code"] for r in results for e in r["errors"]))
    assert summary["blocking"] == sum(1 for r in results if any(e["blocking"] for e in r["errors"]))
    assert summary["safeToSync"] is not any(r["outcome"] in ("error", "duplicate") for r in results)


def test_every_outcome_appears_once_and_the_summary_counts_them():
    report = mixed_report()
    outcomes = [r["outcome"] for r in report["results"]]
    assert outcomes == ["hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped",
                        "provision"]
    check_summary(report)
    assert report["summary"]["safeToSync"] is False
    assert exit_code(report) == 3


def test_result_shape():
    for result in mixed_report()["results"]:
        assert {"object", "sourceAnchor", "outcome", "match", "errors", "warnings", "remediation"} <= set(result)
        assert result["outcome"] in OUTCOMES
        assert isinstance(result["errors"], list) and isinstance(result["warnings"], list)
        for error in result["errors"]:
            assert error["code"] in ERROR_CODES
            assert isinstance(error["blocking"], bool)
            assert error["message"]
        for warning in result["warnings"]:
            assert warning["code"] and warning["severity"] and warning["message"]
        for step in result["remediation"]:
            assert step["action"] and step["powershell"]
        if result["match"] is not None:
            assert result["match"]["cloudId"]
            assert result["match"]["onpremAttribute"] in ("sourceAnchor", "proxyAddresses", "userPrincipalName")
            assert result["match"]["cloudAttribute"] in ("sourceAnchor", "proxyAddresses", "userPrincipalName")


def test_report_top_level_fields():
    report = mixed_report()
    assert {"summary", "tenantFindings", "results", "cloudOrphans", "cloudOnly"} <= set(report)
    assert isinstance(report["cloudOnly"], int)


def test_match_is_null_when_nothing_matched():
    report = mixed_report()
    for result in report["results"]:
        if result["outcome"] in ("provision", "skipped"):
            assert result["match"] is None


def test_object_guid_is_canonical_and_objects_without_one_have_their_dn():
    obj = user("ann", objectGUID="{3AB39606-C642-489B-84B6-58C038D3EF39}")
    report = run([obj, user("noguid", objectGUID=OMIT)])
    assert report["results"][0]["object"]["objectGUID"] == "3ab39606-c642-489b-84b6-58c038d3ef39"
    assert report["results"][1]["object"]["objectGUID"] is None
    assert report["results"][1]["object"]["distinguishedName"] == "CN=noguid,OU=Staff,DC=contoso,DC=com"


@pytest.mark.parametrize(("objects", "cloud", "code"), [
    ([], None, 0),
    ([user("ann")], None, 0),
    ([user("krbtgt")], None, 0),
    ([user("ann", proxies=["SMTP:ann@contoso.com", "smtp:" + "x" * 300 + "@contoso.com"])], None, 0),
    ([user("ann", objectGUID=OMIT)], None, 3),
    ([user("eli")], tenant(cloud_user("c-eli", "eli@contoso.com"), features={"softMatchOnUpnEnabled": False}), 3),
    ([user("ann")], tenant(cloud_user("c-ann", "ann@contoso.com")), 0),
], ids=["empty", "provision", "skipped", "non-blocking-error", "error", "duplicate", "softMatch"])
def test_exit_code_and_safe_to_sync(objects, cloud, code):
    report = run(objects, cloud)
    check_summary(report)
    assert exit_code(report) == code
    assert report["summary"]["safeToSync"] is (code == 0)


def test_non_blocking_errors_are_counted_but_not_blocking():
    report = run([user("ann", proxies=["SMTP:ann@contoso.com", "smtp:" + "x" * 300 + "@contoso.com"])])
    assert only(report)["outcome"] == "provision"
    assert report["summary"]["errors"].get("IdentityDataValidationFailed") == 1
    assert report["summary"]["blocking"] == 0


def test_settings_are_optional():
    obj = user("ola", consistency_guid="3ab39606-c642-489b-84b6-58c038d3ef39")
    report = evaluate({"kind": "onprem", "objects": [obj]}, tenant(), None)
    result = only(report)
    assert result["outcome"] == "provision"
    assert result["sourceAnchor"] == "BpazOkLGm0iEtljAONPvOQ=="  # mS-DS-ConsistencyGuid is the default


@pytest.mark.parametrize("settings", [
    {"now": "not a date"},
    {"passwordHashSync": "perhaps"},
    {"features": ["blockSoftMatchEnabled"]},
    {"features": {"blockSoftMatchEnabled": "sometimes"}},
])
def test_bad_settings_raise_settings_error(settings):
    with pytest.raises(SettingsError):
        evaluate({"kind": "onprem", "objects": []}, tenant(), settings)


def test_input_not_read_completely_is_never_safe_to_sync():
    from builders import onprem
    clean = evaluate(onprem(user("ann")), tenant(), {"now": "2026-11-01T00:00:00Z"})
    assert clean["summary"]["complete"] is True and clean["summary"]["safeToSync"] is True
    assert exit_code(clean) == 0
    rejected = [{"record": 2, "field": "objectGUID", "reason": "'nope' is not a GUID"}]
    partial = evaluate(onprem(user("ann")), tenant(), {"now": "2026-11-01T00:00:00Z"}, rejected=rejected)
    assert partial["summary"]["complete"] is False and partial["summary"]["safeToSync"] is False
    assert exit_code(partial) == 3
    cloud = tenant()
    cloud["tenant"]["missingPages"] = [{"file": "users-1.json", "line": 1, "nextLink": "https://graph/next"}]
    paged = evaluate(onprem(user("ann")), cloud, {"now": "2026-11-01T00:00:00Z"})
    assert any(f["code"] == "IncompleteInput" for f in paged["tenantFindings"])
    assert paged["summary"]["complete"] is False and exit_code(paged) == 3
