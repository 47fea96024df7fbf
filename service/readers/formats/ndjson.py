"""NDJSON: one JSON object per line (what scripts/Export-SyncMatchSnapshot.ps1 writes for on-prem objects)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import RecordRejected
from ..json_formats import expand, ndjson_lines
from ..registry import Format

if TYPE_CHECKING:
    from ..encoding import TextSource
    from ..registry import Warn


def records(text: TextSource, kind: str, _warn: Warn) -> Iterator[tuple[Any, ...]]:
    """Each line a record (on-prem) or one or more entities (cloud)."""
    if kind == "onprem":
        yield from ndjson_lines(text)
        return
    for line, value in ndjson_lines(text):
        if isinstance(value, RecordRejected):
            yield line, None, value
        else:
            for hint, entity in expand(value, None):
                yield line, hint, entity


FORMAT: Format = Format("ndjson", "ndjson", ("onprem", "cloud"), records, lambda _sniff: True,
                        summary="one object per line")
