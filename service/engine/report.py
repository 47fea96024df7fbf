"""Turn evaluated results into the report callers rely on (field names are the contract's)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .codes import OUTCOME_ORDER, UNSAFE
from .result import Result

if TYPE_CHECKING:
    from .report_shapes import Row, Summary

# Most results have no errors, warnings or steps: they all share this list, so the report is read-only.
EMPTY: list[Any] = []


def result_dict(result: Result) -> Row:
    """One object's prediction."""
    ident, obj = result.identity, result.obj
    out: Row = {
        # The on-premises object: canonical objectGUID, class, DN, UPN.
        "object": {"record": obj.record, "objectGUID": obj.guid, "objectClass": obj.class_name or None,
                   "distinguishedName": obj.dn, "userPrincipalName": obj.upn, "sAMAccountName": obj.sam,
                   "displayName": obj.display_name},
        "sourceAnchor": ident.anchor,
        "anchorSource": result.anchor_source,
        "outcome": result.outcome,
        "match": result.match,
        "errors": result.errors or EMPTY,
        "warnings": result.warnings or EMPTY,
        "remediation": result.remediation or EMPTY,
        "effective": {"userPrincipalName": ident.upn, "primarySmtp": ident.primary_smtp},
        # The catalogue's assumptions (codes.ASSUMPTIONS ids) the prediction rests on.
        "assumptions": result.assumptions or EMPTY,
    }
    if result.skip_reason:
        out["skipReason"] = result.skip_reason
    if obj.source is not None:  # with several exports or a topology setting: where the object came from
        out["source"] = obj.source
        if obj.joined:
            out["joined"] = obj.joined
    if result.notes:
        out["notes"] = result.notes
    return out


def summary(results: list[Row], rejected: list[dict[str, Any]], pages_missing: bool = False) -> Summary:
    """Counts by outcome and error code, the number blocked, and whether sync is safe to switch on.

    Input that was not all read (rejected records, a missing Graph page) is never safe: the objects it
    held have no prediction, and any of them may be the one that fails.
    """
    outcomes: Counter[str | None] = Counter()
    with_errors: list[Sequence[dict[str, Any]]] = []
    with_warnings: list[Sequence[dict[str, Any]]] = []
    for r in results:  # one pass: the rows are many and far apart in memory
        outcomes[r["outcome"]] += 1
        if r["errors"]:
            with_errors.append(r["errors"])
        if r["warnings"]:
            with_warnings.append(r["warnings"])
    errors = Counter([e["code"] for found in with_errors for e in found])
    warnings = Counter([w["code"] for found in with_warnings for w in found])
    blocking = sum(1 for found in with_errors if any(e["blocking"] for e in found))
    complete = not rejected and not pages_missing
    return {
        "objects": len(results),
        "outcomes": {k: outcomes[k] for k in OUTCOME_ORDER if outcomes[k]},
        "errors": dict(sorted(errors.items())),
        "warnings": dict(sorted(warnings.items())),
        "blocking": blocking,
        "rejected": len(rejected),
        "complete": complete,
        "safeToSync": complete and not any(outcomes[k] for k in UNSAFE),
    }


def exit_code(report: dict[str, Any]) -> int:
    """0 when nothing blocks, 3 when some object is an error or a duplicate or the input was not all read."""
    return 0 if report["summary"]["safeToSync"] else 3
