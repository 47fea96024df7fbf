"""The results of a report as CSV, one row per object (opens in Excel, feeds Import-Csv)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

COLUMNS = ("record", "objectGUID", "objectClass", "distinguishedName", "userPrincipalName", "sourceAnchor",
           "outcome", "cloudId", "onpremAttribute", "cloudAttribute", "matchValue", "errors", "blocking",
           "warnings", "message")


def row(result: dict) -> list:
    """Flatten one result into the CSV columns."""
    obj, match = result.get("object") or {}, result.get("match") or {}
    errors = [f"{e['code']}:{e['attribute']}" if e.get("attribute") else e["code"] for e in result["errors"]]
    first = (result["errors"] or result["warnings"] or [{}])[0].get("message") or result.get("skipReason", "")
    return [obj.get("record"), obj.get("objectGUID"), obj.get("objectClass"), obj.get("distinguishedName"),
            obj.get("userPrincipalName"), result.get("sourceAnchor"), result["outcome"], match.get("cloudId"),
            match.get("onpremAttribute"), match.get("cloudAttribute"), match.get("value"), ";".join(errors),
            any(e["blocking"] for e in result["errors"]), ";".join(w["code"] for w in result["warnings"]), first]


def lines(results: Iterable[dict], header: bool = True) -> Iterator[str]:
    """Yield the CSV text line by line (streams for large reports)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(COLUMNS)
    for result in results:
        writer.writerow(["" if v is None else v for v in row(result)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def render(results: Iterable[dict]) -> str:
    """The whole CSV as one string."""
    return "".join(lines(results))
