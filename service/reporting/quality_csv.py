"""A report's data-quality findings as CSV, one row per finding (opens in Excel, feeds Import-Csv).

Every cell goes through csv_report.cell, so a directory value never starts a formula (CSV injection: OWASP's advice,
the same rule as the results' CSV).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from .csv_report import cell

COLUMNS = ("record", "objectGUID", "objectClass", "distinguishedName", "attribute", "type", "value", "suggested",
           "blocking", "entraError", "conflictsWith", "message", "powershell")


def row(item: dict) -> list[object]:
    """Flatten one finding into the CSV columns."""
    obj = item.get("object") or {}
    entra = item.get("entraError") or {}
    cells = (obj.get("record"), obj.get("objectGUID"), obj.get("objectClass"), obj.get("distinguishedName"),
             item.get("attribute"), item.get("type"), item.get("value"), item.get("suggested"),
             "true" if item.get("blocking") else "false", entra.get("code"), ";".join(item.get("conflictsWith") or []),
             item.get("message"), item.get("powershell"))
    return [cell(value) for value in cells]


def lines(findings: Iterable[dict], header: bool = True) -> Iterator[str]:
    """Yield the CSV text line by line (streams for large reports)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(COLUMNS)
    for item in findings:
        writer.writerow(row(item))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def render(findings: Iterable[dict]) -> str:
    """The whole CSV as one string."""
    return "".join(lines(findings))
