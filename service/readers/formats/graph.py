"""Microsoft Graph responses: {"@odata.context": ..., "value": [...]}, one or many pages, or bare entities."""

from __future__ import annotations

from ..registry import Format, Sniff
from .canonical import records


def detect(sniff: Sniff) -> bool:
    """A Graph page has @odata.context or value."""
    return sniff.kind == "cloud" and bool({"@odata.context", "value"} & sniff.top_keys)


FORMAT: Format = Format("graph", "json", ("cloud",), records, detect, priority=40, summary="Graph responses")
