"""The shared conformance cases, checked against the engine directly (no readers, no CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import codes, error_set, result_for

from service.engine import evaluate, exit_code

CASES = sorted((Path(__file__).resolve().parents[3] / "shared" / "conformance" / "cases").glob("*.json"))


@pytest.mark.skipif(not CASES, reason="../shared/conformance/cases is not available")
@pytest.mark.parametrize("path", CASES, ids=[p.stem[:40] for p in CASES])
def test_conformance_case(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    report = evaluate(case["onprem"], case["cloud"], case["settings"])
    if "exitCode" in case:
        assert exit_code(report) == case["exitCode"]
    for key, want in case["expect"].items():
        result = result_for(report, key)
        match = result["match"] or {}
        actual = {"outcome": result["outcome"], "cloudId": match.get("cloudId"),
                  "onpremAttribute": match.get("onpremAttribute"), "cloudAttribute": match.get("cloudAttribute")}
        for field, value in actual.items():
            if field in want:
                assert value == want[field], f"{key}: {field}"
        if "errors" in want:
            assert error_set(result) == set(want["errors"]), key
        assert set(want.get("errorsInclude", [])) <= codes(result["errors"]), key
        assert set(want.get("warningsInclude", [])) <= codes(result["warnings"]), key
    assert set(case.get("tenantFindingsInclude", [])) <= codes(report["tenantFindings"])
