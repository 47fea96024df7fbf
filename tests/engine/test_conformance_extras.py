"""The expectations of tests/conformance that the shared runner does not read, checked against the engine.

The shared runner checks outcome, match, errors, warnings, exit code and tenantFindingsInclude; the cases
also say what must not appear (tenantFindingsExclude, warningsExclude, notesAbsent), a result's
sourceAnchor, notes and skipReason, parts of the report (reportEquals, by dotted path), a finding's fields
(findingFields) and the exact cloud orphans (orphanIds).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from builders import codes, result_for

from service.engine import evaluate

CASE_KEYS = ("tenantFindingsExclude", "reportEquals", "findingFields", "orphanIds")
RESULT_KEYS = ("sourceAnchor", "notesPresent", "notesAbsent", "skipReasonContains", "warningsExclude")


def _extended(path: Path) -> bool:
    case = json.loads(path.read_text(encoding="utf-8"))
    return any(key in case for key in CASE_KEYS) or any(
        key in want for want in case["expect"].values() for key in RESULT_KEYS)


CASES = [p for p in sorted((Path(__file__).resolve().parents[1] / "conformance").glob("*.json")) if _extended(p)]


def _at(report: dict, path: str) -> Any:
    """The part of the report at a dotted path."""
    value: Any = report
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value.get(part)
    return value


def test_the_extended_cases_are_found():
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=[p.stem[:50] for p in CASES])
def test_extended_expectations(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    report = evaluate(case["onprem"], case["cloud"], case["settings"])
    found = codes(report["tenantFindings"])
    assert not set(case.get("tenantFindingsExclude", ())) & found
    for where, want in case.get("reportEquals", {}).items():
        assert _at(report, where) == want, where
    for code, fields in case.get("findingFields", {}).items():
        finding = next(f for f in report["tenantFindings"] if f["code"] == code)
        assert {name: finding.get(name) for name in fields} == fields, code
    if "orphanIds" in case:
        assert sorted(o["id"] for o in report["cloudOrphans"]) == sorted(case["orphanIds"]["exact"])
    for key, want in case["expect"].items():
        result = result_for(report, key)
        if "sourceAnchor" in want:
            assert result["sourceAnchor"] == want["sourceAnchor"], key
        if want.get("notesPresent"):
            assert result.get("notes"), key
        if want.get("notesAbsent"):
            assert not result.get("notes"), key
        if "skipReasonContains" in want:
            assert want["skipReasonContains"] in (result.get("skipReason") or ""), key
        assert not set(want.get("warningsExclude", ())) & codes(result["warnings"]), key
