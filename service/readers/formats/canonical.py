"""Canonical JSON snapshots ({kind, objects} / {kind, tenant, users, ...}), and plain JSON lists of objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..json_formats import cloud_json, onprem_json
from ..registry import Format, Sniff

if TYPE_CHECKING:
    from ..encoding import TextSource
    from ..registry import Warn


def records(text: TextSource, kind: str, _warn: Warn) -> Iterator[tuple[Any, ...]]:
    """On-prem records or cloud entities of a JSON document."""
    return onprem_json(text) if kind == "onprem" else cloud_json(text)


def detect(sniff: Sniff) -> bool:
    """A canonical snapshot names its kind or holds `objects`."""
    return bool({"kind", "objects"} & sniff.top_keys)


FORMAT: Format = Format("json", "json", ("onprem", "cloud"), records, detect, priority=10,
                        summary="canonical snapshot, or a JSON list of objects")
