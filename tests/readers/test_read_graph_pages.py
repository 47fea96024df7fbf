"""Graph pages one per file: a page whose @odata.nextLink has no following page is an incomplete export."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from service_support import MODULE_COMMAND

from service.engine import evaluate
from service.readers import merge_cloud, read_cloud_bundle, read_snapshot


def cloud(examples: Path, *names: str) -> list[Path]:
    """Paths of cloud example files."""
    return [examples / "cloud" / name for name in names]


def test_both_pages_in_any_order_are_complete(examples: Path) -> None:
    for names in (("graph-users-page1.json", "graph-users-page2.json"),
                  ("graph-users-page2.json", "graph-users-page1.json")):
        snap = read_cloud_bundle(cloud(examples, *names))
        assert len(snap.data["users"]) == 5
        assert "NextPageMissing" not in [w["code"] for w in snap.warnings]
        assert "missingPages" not in snap.data["tenant"]


def test_a_missing_next_page_is_a_warning_and_a_finding(examples: Path) -> None:
    snap = read_cloud_bundle(cloud(examples, "graph-domains.json", "graph-users-page1.json"))
    [warning] = [w for w in snap.warnings if w["code"] == "NextPageMissing"]
    assert "the users page at file 2, line 1" in warning["message"]
    assert "$skiptoken=RFNwdAIAAQAAAA" in warning["message"]
    onprem = read_snapshot(examples / "onprem" / "contoso.json").data
    report = evaluate(onprem, snap.data, {"now": "2025-11-20T00:00:00Z"})
    [finding] = [f for f in report["tenantFindings"] if f["code"] == "IncompleteInput"]
    assert finding["severity"] == "high" and "users page at file 2, line 1" in finding["message"]
    assert finding["pages"][0]["collection"] == "users"


def test_a_complete_file_does_not_warn(examples: Path) -> None:
    snap = read_snapshot(examples / "cloud" / "graph-users.json")  # both pages in one file
    assert "NextPageMissing" not in [w["code"] for w in snap.warnings]


def test_pages_in_an_array_and_in_ndjson_are_counted() -> None:
    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "@odata.nextLink": "https://next",
            "value": [{"id": "6f1c9d2a-3b4e-4c5d-9e8f-0a1b2c3d4e5f", "userPrincipalName": "a@contoso.com"}]}
    for content in (json.dumps([page]), json.dumps(page) + "\n" + json.dumps(page) + "\n"):
        snap = read_snapshot(content.encode(), kind="cloud")
        assert "NextPageMissing" in [w["code"] for w in snap.warnings]


def test_missing_pages_survive_a_canonical_round_trip(examples: Path) -> None:
    first = read_snapshot(examples / "cloud" / "graph-users-page1.json")
    again = merge_cloud([read_snapshot(json.dumps(first.data).encode(), kind="cloud")])
    assert again.data["tenant"]["missingPages"] == first.data["tenant"]["missingPages"]


def test_the_cli_reports_the_finding(examples: Path) -> None:
    files = [examples / "onprem" / "contoso.json", *cloud(examples, "graph-users-page1.json", "graph-domains.json")]
    run = subprocess.run([*MODULE_COMMAND, "match", *map(str, files), "--now",
                          "2025-11-20T00:00:00Z"], capture_output=True, text=True, timeout=60)
    report = json.loads(run.stdout)
    assert "IncompleteInput" in [f["code"] for f in report["tenantFindings"]]
    assert "NextPageMissing" in [w["code"] for w in report["input"]["cloud"]["warnings"]]
