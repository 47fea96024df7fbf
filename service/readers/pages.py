"""Graph pages saved one per file: a page whose @odata.nextLink has no following page means a cut-off export.

Graph returns a collection in pages; each page but the last carries @odata.nextLink, and Microsoft's paging
guide says to follow it until a page comes without one
(https://learn.microsoft.com/graph/paging). The skip token is opaque, so a page cannot be linked to the page
that follows it. Assumption: the pages of one collection (users, groups, ...) among the inputs form one
series, complete when at least one of them is a last page (no @odata.nextLink).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .registry import Warn


class Pages:
    """The Graph pages seen, per collection: those that link to a next page, and the last pages."""

    def __init__(self) -> None:
        self.linked: dict[str, list[dict[str, Any]]] = {}
        self.last: Counter[Any] = Counter()
        self.known: list[dict[str, Any]] = []  # already-found missing pages (a canonical snapshot carries them)

    def see(self, page: dict[str, Any], source: int | None = None) -> None:
        """Count one page: {collection, nextLink, line}."""
        collection = page.get("collection") or "objects"
        if page.get("nextLink"):
            described = {**page, "collection": collection}
            if source is not None:
                described["source"] = source
            self.linked.setdefault(collection, []).append(described)
        else:
            self.last[collection] += 1

    def restore(self, missing: object) -> None:
        """Missing pages recorded by an earlier read (tenant.missingPages of a canonical snapshot)."""
        if isinstance(missing, list):
            self.known.extend(m for m in missing if isinstance(m, dict))

    def merge(self, other: Pages, source: int | None = None) -> None:
        """Fold another file's pages into these; `source` numbers that file (1-based)."""
        for pages in other.linked.values():
            for page in pages:
                self.see(page if source is None else {**page, "source": source}, None)
        self.last.update(other.last)
        self.known.extend(other.known)

    def missing(self) -> list[dict[str, Any]]:
        """For each collection with no last page, its last page seen that links to a next one."""
        found = [pages[-1] for collection, pages in self.linked.items() if not self.last[collection]]
        return self.known + found


def describe(page: dict[str, Any]) -> str:
    """'the users page at file 2, line 1' for messages."""
    where = f"file {page['source']}, " if page.get("source") else ""
    return f"the {page.get('collection', 'objects')} page at {where}line {page.get('line')}"


def warn_missing(pages: Pages, warn: Warn) -> list[dict[str, Any]]:
    """One warning per cut-off collection; the missing pages, for the tenant's missingPages."""
    missing = pages.missing()
    for page in missing:
        warn("NextPageMissing",
             f"{describe(page)} has an @odata.nextLink ({str(page.get('nextLink'))[:300]}) but no following "
             f"page is among the inputs: the {page.get('collection', 'objects')} export is incomplete, and "
             "objects on the missing pages count as absent from the tenant. Follow @odata.nextLink until a page "
             "has none (Get-MgUser -All does), and pass every page.")
    return missing
