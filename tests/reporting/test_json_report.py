"""The report written in pieces is byte for byte the report orjson writes whole."""

from __future__ import annotations

import orjson
import pytest

from service.reporting import json_report


def whole(report: dict) -> bytes:
    """What one orjson.dumps call writes."""
    return orjson.dumps(report, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def result(n: int) -> dict:
    """A result with nesting, lists and text that looks like the report's own members."""
    return {"object": {"record": n, "displayName": 'x\n  "results": []'}, "outcome": "provision",
            "errors": [], "warnings": [{"code": "W", "details": {"a": [1, 2]}}], "match": None}


@pytest.mark.parametrize("count", [0, 1, 2, json_report.RESULTS_PER_PIECE, json_report.RESULTS_PER_PIECE + 1,
                                   2 * json_report.RESULTS_PER_PIECE + 7])
def test_pieces_join_to_the_whole_report(count):
    report = {"summary": {"objects": count}, "tenantFindings": [], "results": [result(n) for n in range(count)],
              "rejected": [{"record": 1, "reason": '"results": []'}], "settings": {"now": "2026-01-01"}}
    pieces = list(json_report.pieces(report))
    assert b"".join(pieces) == whole(report)
    if count > json_report.RESULTS_PER_PIECE:
        assert len(pieces) > 3  # really in pieces, not one copy of everything


def test_a_report_without_results_is_written_whole():
    report = {"summary": {}, "cloudOnly": []}
    assert b"".join(json_report.pieces(report)) == whole(report)
