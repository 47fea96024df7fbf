"""One finding of the report's `dataQuality`, with the PowerShell that sets IdFix's proposed value.

The PowerShell puts every value in a single-quoted literal through remediation.q (R10's quoting rules); the
object is named by its distinguishedName, else its objectGUID, both accepted by -Identity.
"""

from __future__ import annotations

from typing import Any

from ..model import USER
from ..remediation import q
from .catalogue import DUPLICATE, TOP_LEVEL_DOMAIN
from .verdict import Verdict

MAX_CONFLICTS = 20  # a value held by thousands of objects names the first 20 others; conflictCount says how many


def findings(described: dict[str, Any], kind: str | None, attribute: str, verdict: Verdict) -> list[dict[str, Any]]:
    """The findings of one value: one per type found, each with the value proposed after all the checks."""
    suggested = verdict.suggested if verdict.suggested != verdict.value else None
    script = powershell(described, kind, attribute, verdict.value, suggested)
    entra = verdict.entra
    out = []
    for kind_found, message in verdict.problems:
        item = finding(described, attribute, verdict.value, kind_found, message)
        if suggested is not None:
            item["suggested"], item["powershell"] = suggested, script
        if entra and kind_found != TOP_LEVEL_DOMAIN:
            item["blocking"] = entra["blocking"]
            item["entraError"] = {"code": entra["code"], "attribute": entra["attribute"]}
        out.append(item)
    return out


def duplicate(described: dict[str, Any], attribute: str, value: str, others: list[str], count: int) -> dict[str, Any]:
    """The Duplicate finding of one holder of a shared value, naming (the first of) the `count` other holders."""
    shown = ", ".join(others[:3]) + (f" and {count - 3} more" if count > 3 else "")
    message = (f"{attribute} value is also held by {count} other object{'s' if count != 1 else ''} ({shown}); "
               "it must be unique (compared without regard to case).")
    item = finding(described, attribute, value, DUPLICATE, message)
    item["conflictsWith"] = others[:MAX_CONFLICTS]
    if count > MAX_CONFLICTS:
        item["conflictCount"] = count
    return item


def finding(described: dict[str, Any], attribute: str, value: str, kind: str, message: str) -> dict[str, Any]:
    """The fields every finding has."""
    return {"object": described, "attribute": attribute, "value": value, "type": kind, "message": message,
            "suggested": None, "blocking": False, "conflictsWith": [], "powershell": None}


def powershell(described: dict[str, Any], kind: str | None, attribute: str, value: str,
               suggested: str | None) -> str | None:
    """Set-ADUser (users) or Set-ADObject that puts the proposed value in place of the value found."""
    identity = described.get("distinguishedName") or described.get("objectGUID")
    if suggested is None or not identity:
        return None
    cmdlet = "Set-ADUser" if kind == USER else "Set-ADObject"
    if attribute == "proxyAddresses":
        return (f"{cmdlet} -Identity {q(identity)} -Remove @{{proxyAddresses={q(value)}}} "
                f"-Add @{{proxyAddresses={q(suggested)}}}")
    return f"{cmdlet} -Identity {q(identity)} -Replace @{{{attribute}={q(suggested)}}}"


def name(described: dict[str, Any]) -> str:
    """How a finding names another object: its DN, else its objectGUID, else its record number."""
    return described.get("distinguishedName") or described.get("objectGUID") or f"record {described['record']}"
