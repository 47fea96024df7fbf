"""Export-Csv files (Get-ADUser ... | Export-Csv, Get-MgUser ... | Export-Csv)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..csv_format import csv_records
from ..registry import Format

if TYPE_CHECKING:
    from ..encoding import TextSource
    from ..registry import Warn


def records(text: TextSource, kind: str, warn: Warn) -> Iterator[tuple[Any, ...]]:
    """(line, row): rows are on-prem records, or cloud entities of no stated kind."""
    if kind == "onprem":
        yield from csv_records(text, "onprem", warn)
        return
    for line, row in csv_records(text, "cloud", warn):
        yield line, None, row


FORMAT: Format = Format("csv", "csv", ("onprem", "cloud"), records, lambda _sniff: True, priority=90,
                        summary="Export-Csv", lost_letters_note="Export again with Export-Csv -Encoding UTF8.")
