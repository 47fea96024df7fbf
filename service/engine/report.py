"""Turn evaluated results into the report callers rely on (field names are the contract's)."""

from __future__ import annotations

from collections import Counter

from .result import Result

OUTCOME_ORDER = ("hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped")
UNSAFE = ("error", "duplicate")


def result_dict(result: Result) -> dict:
    """One object's prediction."""
    out = {
        "object": object_dict(result),
        "sourceAnchor": result.identity.anchor,
        "anchorSource": result.anchor_source,
        "outcome": result.outcome,
        "match": result.match,
        "errors": result.errors,
        "warnings": result.warnings,
        "remediation": result.remediation,
        "effective": {"userPrincipalName": result.identity.upn, "primarySmtp": result.identity.primary_smtp},
    }
    if result.skip_reason:
        out["skipReason"] = result.skip_reason
    if result.notes:
        out["notes"] = result.notes
    return out


def object_dict(result: Result) -> dict:
    """Identify the on-premises object: canonical objectGUID, class, DN, UPN."""
    obj = result.obj
    return {
        "record": obj.record,
        "objectGUID": str(obj.guid) if obj.guid else None,
        "objectClass": obj.class_name or None,
        "distinguishedName": obj.dn,
        "userPrincipalName": obj.text("userPrincipalName"),
        "sAMAccountName": obj.text("sAMAccountName"),
        "displayName": obj.text("displayName"),
    }


def summary(results: list[dict], rejected: list) -> dict:
    """Counts by outcome and error code, the number blocked, and whether sync is safe to switch on."""
    outcomes = Counter(r["outcome"] for r in results)
    errors = Counter(e["code"] for r in results for e in r["errors"])
    warnings = Counter(w["code"] for r in results for w in r["warnings"])
    blocking = sum(1 for r in results if any(e["blocking"] for e in r["errors"]))
    return {
        "objects": len(results),
        "outcomes": {k: outcomes[k] for k in OUTCOME_ORDER if outcomes[k]},
        "errors": dict(sorted(errors.items())),
        "warnings": dict(sorted(warnings.items())),
        "blocking": blocking,
        "rejected": len(rejected),
        "safeToSync": not any(outcomes[k] for k in UNSAFE),
    }


def exit_code(report: dict) -> int:
    """0 when nothing blocks, 3 when some object is an error or a duplicate (the CLI contract)."""
    return 0 if report["summary"]["safeToSync"] else 3
