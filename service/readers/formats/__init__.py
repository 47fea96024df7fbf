"""Every export format SyncMatch reads, one module each; ALL is the registry, in the order FORMATS lists them."""

from __future__ import annotations

from ..registry import Format, Sniff
from . import (
    ad_powershell,
    bundle,
    canonical,
    csvde,
    entra_powershell,
    export_csv,
    graph,
    ldifde,
    mg_powershell,
    ndjson,
)

ALL: tuple[Format, ...] = (
    canonical.FORMAT, ndjson.FORMAT, ad_powershell.FORMAT, export_csv.FORMAT, ldifde.FORMAT, graph.FORMAT,
    mg_powershell.FORMAT, bundle.FORMAT, csvde.FORMAT, entra_powershell.FORMAT,
)
BY_NAME = {f.name: f for f in ALL}
FORMATS = tuple(BY_NAME)
# When no detector of the family claims the content: what it is read as, per kind.
FALLBACK = {("json", "onprem"): "json", ("json", "cloud"): "graph", ("json", None): "json"}


def get(name: str) -> Format:
    """The format of that name (the name must be in FORMATS)."""
    return BY_NAME[name]


def detected(sniff: Sniff) -> Format:
    """The first format of the sniffed family, by priority, whose detector recognises the content."""
    family = sorted((f for f in ALL if f.family == sniff.family), key=lambda f: f.priority)
    for fmt in family:
        if (sniff.kind is None or sniff.kind in fmt.kinds) and fmt.detect(sniff):
            return fmt
    fallback = FALLBACK.get((sniff.family, sniff.kind))
    return BY_NAME[fallback] if fallback else family[-1]
