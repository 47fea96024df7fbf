"""The cloud bundle scripts/Export-SyncMatchSnapshot.ps1 writes: {users: [...], groups: [...], domains: ...}."""

from __future__ import annotations

from ..json_formats import BUNDLE_KEYS
from ..registry import Format, Sniff
from .canonical import records


def detect(sniff: Sniff) -> bool:
    """Top-level members named after the collections."""
    return sniff.kind == "cloud" and bool(sniff.top_keys & BUNDLE_KEYS)


FORMAT: Format = Format("bundle", "json", ("cloud",), records, detect, priority=30, summary="export script bundle")
