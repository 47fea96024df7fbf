"""The report of a check-only run (`syncmatch check`, a job with only `onpremSnapshot`): no tenant, no matching."""

from __future__ import annotations

from typing import Any

from ..gc_pause import paused_gc
from .directory import check


def check_report(onprem: dict[str, Any], rejected: list[Any] | None = None) -> dict[str, Any]:
    """Summary, `dataQuality` and the records that could not be read; `results` is empty (nothing is matched)."""
    records = onprem.get("objects") or []
    rejected = list(rejected or [])
    with paused_gc():
        quality = check(records)
    summary = {"objects": len(records), "checked": quality["checked"], "skipped": quality["skipped"],
               "findings": quality["total"], "blocking": quality["blocking"], "rejected": len(rejected),
               "dataQuality": quality["counts"], "clean": not quality["total"]}
    return {"kind": "check", "summary": summary, "dataQuality": quality, "results": [], "rejected": rejected}


def exit_code(report: dict[str, Any]) -> int:
    """0 when there is no finding, 3 when there is any (the CLI contract of `syncmatch check`)."""
    return 0 if not report["dataQuality"]["total"] else 3
