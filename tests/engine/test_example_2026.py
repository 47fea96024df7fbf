"""examples/revision-2026-12 shows every kind of 2026-12 prediction, as examples/README.md says."""

from __future__ import annotations

import json
from pathlib import Path

from service.engine import evaluate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "revision-2026-12"
EXPECTED = {  # displayName -> (outcome, error or warning code that must be there); from matching-rules.md
    "Alice Admin": ("error", "InvalidHardMatch"),
    "Bob Rebuilt": ("error", "AttributeUpdateNotAllowed"),
    "Carol Converted": ("skipped", "SourceOfAuthorityInCloud"),
    "Dan Mailbox": ("softMatch", "DualMailbox"),
    "Eve Licensed": ("softMatch", "UpnNotUpdated"),
    "Frank Voice": ("error", "AttributeValueMustBeUnique:SipProxyAddress"),
    "Gina Copied": ("provision", None),
    "Finance": ("hardMatch", None),
    "Lunch Club": ("skipped", None),
}


def _load(name: str) -> dict:
    return json.loads((EXAMPLE / name).read_text(encoding="utf-8"))


def test_the_example_shows_the_new_predictions_and_findings():
    report = evaluate(_load("onprem.json"), _load("cloud.json"), _load("settings.json"))
    by_name = {r["object"]["displayName"]: r for r in report["results"]}
    for name, (outcome, code) in EXPECTED.items():
        result = by_name[name]
        assert result["outcome"] == outcome, name
        if code:
            found = {c["code"] for c in result["errors"] + result["warnings"]}
            found |= {f"{e['code']}:{e['attribute']}" for e in result["errors"] if e.get("attribute")}
            assert code in found, (name, found)
    codes = {f["code"] for f in report["tenantFindings"]}
    assert {"QuarantineDisabled", "SourceAnchorFallback"} <= codes
    assert report["settings"]["sourceAnchor"] == "objectGUID" and report["notPredicted"] == []
