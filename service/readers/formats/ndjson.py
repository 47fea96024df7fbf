"""NDJSON: one JSON object per line (what scripts/Export-SyncMatchSnapshot.ps1 writes for on-prem objects)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import RecordRejected
from ..json_formats import expand, ndjson_lines
from ..registry import Format


def records(text, kind: str, _warn) -> Iterator[tuple]:
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


FORMAT = Format("ndjson", "ndjson", ("onprem", "cloud"), records, lambda _sniff: True,
                summary="one object per line")
