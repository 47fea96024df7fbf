"""A report's data-quality findings in Redis, in chunks, so that GET /v1/jobs/{id}/quality reads a page cheaply.

`{ns}:report:{id}:quality:{n}`   gzip of FINDINGS_PER_CHUNK findings' JSON texts (ASCII), joined by SEPARATOR

The count of findings and their counts by type and attribute live in the report's manifest (`quality` field),
written with it: a report is complete, findings included, or absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from service.adapters.jsonio import dumps, loads

FINDINGS_PER_CHUNK = 100
READ_BATCH = 16


class QualityPages:
    """Write the findings of one report once (the worker); read pages of them (the API)."""

    def __init__(self, store: Any) -> None:  # a ReportStore: its connection, keys and codecs
        self.store = store

    def key(self, job_id: str, number: int) -> str:
        """The key of chunk `number`."""
        return self.store.key(job_id, "quality", str(number))

    def save(self, writer: Any, job_id: str, report: dict[str, Any]) -> dict[str, Any]:
        """Queue the chunks on `writer` (a batched pipeline); the manifest's `quality` field."""
        from service.adapters.reports import SEPARATOR, ascii_json

        section = report.get("dataQuality") or {}
        findings = section.get("findings") or []
        for number, start in enumerate(range(0, len(findings), FINDINGS_PER_CHUNK)):
            texts = [ascii_json(dumps(item)) for item in findings[start:start + FINDINGS_PER_CHUNK]]
            writer.set_compressed(self.key(job_id, number), SEPARATOR.join(texts))
        return {"findings": len(findings), "perChunk": FINDINGS_PER_CHUNK,
                "byAttribute": section.get("byAttribute") or {}, "counts": section.get("counts") or {}}

    @staticmethod
    def chunks(manifest: dict[str, Any]) -> int:
        """How many chunks the findings take."""
        quality = manifest.get("quality") or {}
        return -(-quality.get("findings", 0) // quality.get("perChunk", FINDINGS_PER_CHUNK))

    def keys(self, job_id: str, chunks: int) -> Iterator[str]:
        """Every chunk's key, for deletion."""
        return (self.key(job_id, number) for number in range(chunks))

    def iter_texts(self, job_id: str, manifest: dict[str, Any], start: int = 0) -> Iterator[bytes]:
        """The findings' JSON texts from position `start` on, a few chunks per read."""
        from service.adapters.reports import SEPARATOR, ReportGone, _gunzip

        per_chunk = (manifest.get("quality") or {}).get("perChunk", FINDINGS_PER_CHUNK)
        first, skip, total = start // per_chunk, start % per_chunk, self.chunks(manifest)
        batch = 1
        while first < total:
            numbers = range(first, min(first + batch, total))
            blobs = self.store.connection.mget([self.key(job_id, n) for n in numbers])
            if any(blob is None for blob in blobs):
                raise ReportGone(job_id)
            for blob in blobs:
                yield from _gunzip(blob).split(SEPARATOR)[skip:]
                skip = 0
            first, batch = first + batch, min(2 * batch, READ_BATCH)


def matches(text: bytes, kind: str | None, attribute: str | None) -> bool:
    """Whether a finding passes the type and attribute filters."""
    if not kind and not attribute:
        return True
    item = loads(text)
    return (not kind or item.get("type") == kind) and (not attribute or item.get("attribute") == attribute)


def total(manifest: dict[str, Any], kind: str | None, attribute: str | None) -> int:
    """How many findings pass the filters, from the counts in the manifest."""
    quality = manifest.get("quality") or {}
    if attribute:
        by_type = (quality.get("byAttribute") or {}).get(attribute) or {}
        return by_type.get(kind, 0) if kind else sum(by_type.values())
    if kind:
        return (quality.get("counts") or {}).get(kind, 0)
    return quality.get("findings", 0)
