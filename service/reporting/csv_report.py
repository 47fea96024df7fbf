"""The results of a report as CSV, one row per object (opens in Excel, feeds Import-Csv).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice
(CSV injection): such a cell gets a leading `'`, as OWASP's "CSV Injection" page advises, so that a
directory value (a displayName, a DN, a proxy address) is shown as text and never evaluated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
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


def cell(value: object) -> object:
    """A value as a CSV cell that no spreadsheet reads as a formula."""
    if value is None:
        return ""
    if type(value) in (int, float, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def lines(results: Iterable[dict], header: bool = True) -> Iterator[str]:
    """Yield the CSV text line by line (streams for large reports)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(COLUMNS)
    for result in results:
        # Plain text is by far the most common cell: it skips the call.
        writer.writerow([v if type(v) is str and not v.startswith(FORMULA_START) else cell(v) for v in row(result)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def render(results: Iterable[dict]) -> str:
    """The whole CSV as one string."""
    return "".join(lines(results))
