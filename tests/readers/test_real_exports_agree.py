"""The same directory and tenant, exported every way admins export them, give the same predictions."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_support import EXAMPLES

from service.engine import evaluate
from service.readers import merge_cloud, read_snapshot

NOW = {"now": "2025-11-20T00:00:00Z"}
ONPREM = EXAMPLES / "onprem"
CLOUD = EXAMPLES / "cloud"
GRAPH_SET = ["graph-users.json", "graph-groups.json", "graph-contacts.json", "graph-deleteditems.json",
             "graph-domains.json", "graph-onpremsync.json", "graph-roleassignments.json",
             "graph-roleeligibilityschedules.json"]
# The Entra module has no PIM eligibility cmdlet: the export script takes those from the Graph SDK.
ENTRA_SET = ["entra-users.json", "entra-groups.json", "entra-contacts.json", "entra-deletedusers.json",
             "entra-domains.json", "entra-dirsyncfeatures.json", "entra-roleassignments.json",
             "graph-roleeligibilityschedules.json"]
PAGES_SET = ["graph-users-page1.json", "graph-users-page2.json", *GRAPH_SET[1:]]
ONPREM_FILES = {"ldifde-full.ldf": "ldif", "ldifde-full-unicode.ldf": "ldif", "csvde.csv": "csvde",
                "csvde-unicode.csv": "csvde", "export-csv-ps51-ascii.csv": "csv",
                "get-aduser-ps51.json": "ad-powershell-json", "get-aduser-ps7.json": "ad-powershell-json"}
CLOUD_SETS = {"graph": GRAPH_SET, "entra": ENTRA_SET, "pages": PAGES_SET, "bundle": ["bundle.json"]}


def predictions(onprem: dict, cloud: dict) -> dict:
    """objectGUID -> (outcome, cloud object matched) for every object of the report."""
    report = evaluate(onprem, cloud, NOW)
    return {r["object"]["objectGUID"]: (r["outcome"], (r.get("match") or {}).get("cloudId"))
            for r in report["results"]}


def cloud_of(names: list[str]) -> dict:
    """One cloud snapshot from several files."""
    return merge_cloud(read_snapshot(CLOUD / name, kind="cloud") for name in names).data


@pytest.fixture(scope="module")
def reference() -> dict:
    """The predictions from the canonical snapshots."""
    onprem = read_snapshot(ONPREM / "contoso.json").data
    return predictions(onprem, read_snapshot(CLOUD / "contoso.json").data)


def test_reference_covers_every_outcome_of_the_example(reference: dict) -> None:
    outcomes = sorted(outcome for outcome, _ in reference.values())
    assert outcomes == ["duplicate", "hardMatch", "provision", "reanimate", "skipped", "softMatch", "softMatch",
                        "softMatch"]


@pytest.mark.parametrize(("name", "fmt"), ONPREM_FILES.items())
def test_every_onprem_export_gives_the_same_predictions(reference: dict, name: str, fmt: str) -> None:
    snap = read_snapshot(ONPREM / name, kind="onprem")
    assert snap.format == fmt and snap.rejected == []
    got = predictions(snap.data, read_snapshot(CLOUD / "contoso.json").data)
    extras = {guid: p for guid, p in got.items() if guid not in reference}
    assert {guid: got[guid] for guid in reference} == reference
    assert all(outcome == "skipped" for outcome, _ in extras.values())  # OUs and containers of a full export


@pytest.mark.parametrize("name", sorted(CLOUD_SETS))
def test_every_cloud_export_gives_the_same_predictions(reference: dict, name: str) -> None:
    onprem = read_snapshot(ONPREM / "contoso.json").data
    assert predictions(onprem, cloud_of(CLOUD_SETS[name])) == reference


def test_the_ascii_export_names_the_objects_that_lost_letters() -> None:
    warnings = read_snapshot(ONPREM / "export-csv-ps51-ascii.csv").warnings
    lost = [w["message"] for w in warnings if w["code"] == "NonAsciiLost"]
    assert len(lost) == 1
    assert "Export-Csv -Encoding UTF8" in lost[0] and "Zo? M?ller" in lost[0] and "record 2 " in lost[0]


def test_full_exports_hold_the_containers_too() -> None:
    for name in ("ldifde-full.ldf", "csvde.csv"):
        classes = [o["objectClass"] for o in read_snapshot(ONPREM / name).data["objects"]]
        assert classes[-2:] == ["organizationalUnit", "container"]


def test_unicode_exports_are_utf16le_and_ansi_is_cp1252(examples: Path) -> None:
    assert (ONPREM / "ldifde-full-unicode.ldf").read_bytes()[:4] == b"\xff\xfe\r\x00"
    assert (ONPREM / "csvde-unicode.csv").read_bytes()[:4] == b"\xff\xfeD\x00"
    assert "Zoë".encode("cp1252") in (ONPREM / "csvde.csv").read_bytes()
