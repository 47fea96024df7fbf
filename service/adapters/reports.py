"""Reports in Redis, laid out so that a page of results costs a few small reads even at 1,000,000 objects.

`{ns}:report:{id}`                     manifest hash (counts, chunking, summary), written last
`{ns}:report:{id}:results:{n}`         gzip of RESULTS_PER_CHUNK results as comma-separated JSON
`{ns}:report:{id}:index:{field}:{name}` positions (uint32 little-endian) of the results with that outcome
                                        or error code, so that a filtered page is one GETRANGE
blobs `report:{id}:head|html|ps1`      the report without its results, the HTML page, the PowerShell script
"""

from __future__ import annotations

import contextlib
import sys
import time
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from redis.exceptions import RedisError

from service.adapters.blobs import GZIP_WBITS, Blobs, compressor, worth_cleaning
from service.adapters.jsonio import dumps, loads

RESULTS_PER_CHUNK = 100  # small enough that a page decodes little more than itself
POSITION_BYTES = 4
INDEX_FIELDS = ("outcome", "errorCode")
PIPELINE_BATCH = 32


def _positions_bytes(positions: array) -> bytes:
    if sys.byteorder == "big":
        positions = array("I", positions)
        positions.byteswap()
    return positions.tobytes()


def _positions(data: bytes) -> list[int]:
    positions = array("I")
    positions.frombytes(data[: len(data) - len(data) % POSITION_BYTES])
    if sys.byteorder == "big":
        positions.byteswap()
    return positions.tolist()


def _gzip(data: bytes) -> bytes:
    deflater = compressor(6)
    return deflater.compress(data) + deflater.flush()


def _gunzip(data: bytes) -> bytes:
    return zlib.decompress(data, GZIP_WBITS)


def indexes(results: list[dict]) -> dict[tuple[str, str], array]:
    """(field, name) -> positions of the results with that outcome or error code."""
    found: dict[tuple[str, str], array] = defaultdict(lambda: array("I"))
    for position, result in enumerate(results):
        found[("outcome", str(result.get("outcome")))].append(position)
        for code in dict.fromkeys(str(error.get("code")) for error in result.get("errors") or []):
            found[("errorCode", code)].append(position)
    return found


class ReportStore:
    """Write a report once (the worker), read pages, filters and whole documents many times (the API)."""

    def __init__(self, connection, namespace: str, chunk_bytes: int) -> None:
        self.connection = connection
        self.namespace = namespace
        self.blobs = Blobs(connection, namespace, chunk_bytes)

    def key(self, job_id: str, *parts: str) -> str:
        """The key of the manifest, or of one of the report's parts."""
        return ":".join((f"{self.namespace}:report:{job_id}", *parts))

    def save(self, job_id: str, report: dict[str, Any], html: str, script: str, ttl: int) -> None:
        """Store the report, its HTML page and its remediation script for `ttl` seconds; all or nothing."""
        results = report.get("results") or []
        try:
            self._save(job_id, report, results, html, script, ttl)
        except BaseException as exc:
            if not worth_cleaning(exc):
                raise
            with contextlib.suppress(RedisError):
                self._delete_parts(job_id, len(range(0, len(results), RESULTS_PER_CHUNK)),
                                   list(indexes(results)))
            raise

    def _save(self, job_id: str, report: dict[str, Any], results: list[dict], html: str, script: str,
              ttl: int) -> None:
        chunks = self._save_results(job_id, results, ttl)
        counts = self._save_indexes(job_id, results, ttl)
        head = {key: value for key, value in report.items() if key != "results"}
        self.blobs.write(f"report:{job_id}:head", [dumps(head)], ttl)
        self.blobs.write(f"report:{job_id}:html", [html.encode("utf-8")], ttl)
        self.blobs.write(f"report:{job_id}:ps1", [script.encode("utf-8")], ttl)
        manifest = {"results": len(results), "perChunk": RESULTS_PER_CHUNK, "chunks": chunks,
                    "counts": dumps(counts), "summary": dumps(report.get("summary") or {}),
                    "createdAt": int(time.time())}
        with self.connection.pipeline(transaction=True) as pipe:
            pipe.hset(self.key(job_id), mapping=manifest)
            pipe.expire(self.key(job_id), ttl)
            pipe.execute()

    def _save_results(self, job_id: str, results: list[dict], ttl: int) -> int:
        starts = range(0, len(results), RESULTS_PER_CHUNK)
        for batch_start in range(0, len(starts), PIPELINE_BATCH):
            with self.connection.pipeline(transaction=False) as pipe:
                for number in range(batch_start, min(batch_start + PIPELINE_BATCH, len(starts))):
                    start = starts[number]
                    text = dumps(results[start:start + RESULTS_PER_CHUNK])[1:-1]
                    pipe.set(self.key(job_id, "results", str(number)), _gzip(text), ex=ttl)
                pipe.execute()
        return len(starts)

    def _save_indexes(self, job_id: str, results: list[dict], ttl: int) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {field: {} for field in INDEX_FIELDS}
        with self.connection.pipeline(transaction=False) as pipe:
            for (field, name), positions in indexes(results).items():
                pipe.set(self.key(job_id, "index", field, name), _positions_bytes(positions), ex=ttl)
                counts[field][name] = len(positions)
            pipe.execute()
        return counts

    def manifest(self, job_id: str) -> dict[str, Any] | None:
        """Counts, chunking and summary of a stored report, or None if there is none (yet)."""
        raw = self.connection.hgetall(self.key(job_id))
        if not raw:
            return None
        fields = {key.decode(): value for key, value in raw.items()}
        return {"results": int(fields["results"]), "perChunk": int(fields["perChunk"]),
                "chunks": int(fields["chunks"]), "counts": loads(fields["counts"]),
                "summary": loads(fields["summary"])}

    def index_slice(self, job_id: str, field: str, name: str, start: int, count: int) -> list[int]:
        """Positions start..start+count-1 of the results whose `field` is `name`."""
        data = self.connection.getrange(self.key(job_id, "index", field, name), start * POSITION_BYTES,
                                        (start + count) * POSITION_BYTES - 1)
        return _positions(data)

    def results_at(self, job_id: str, manifest: dict[str, Any], positions: Iterable[int]) -> list[dict]:
        """The results at these positions, in the order given; each chunk is read once."""
        positions = list(positions)
        per_chunk = manifest["perChunk"]
        wanted = sorted({position // per_chunk for position in positions})
        chunks = dict(zip(wanted, self._chunks(job_id, wanted), strict=True))
        return [chunks[position // per_chunk][position % per_chunk] for position in positions]

    def _chunks(self, job_id: str, numbers: list[int]) -> list[list[dict]]:
        with self.connection.pipeline(transaction=False) as pipe:
            for number in numbers:
                pipe.get(self.key(job_id, "results", str(number)))
            blobs = pipe.execute()
        if any(blob is None for blob in blobs):
            raise ReportGone(job_id)
        return [loads(b"[" + _gunzip(blob) + b"]") for blob in blobs]

    def iter_results(self, job_id: str, manifest: dict[str, Any]) -> Iterator[dict]:
        """Every result in order, one chunk in memory at a time."""
        for number in range(manifest["chunks"]):
            yield from self._chunks(job_id, [number])[0]

    def stream_json(self, job_id: str, manifest: dict[str, Any]) -> Iterator[bytes]:
        """The whole report as JSON bytes: the stored head with the result chunks spliced in."""
        head = self.blobs.read_all(f"report:{job_id}:head")
        if head is None:
            raise ReportGone(job_id)
        head = head.rstrip()
        yield head[:-1] + (b',"results":[' if len(head) > 2 else b'"results":[')
        for number in range(manifest["chunks"]):
            blob = self.connection.get(self.key(job_id, "results", str(number)))
            if blob is None:
                raise ReportGone(job_id)
            yield (b"," if number else b"") + _gunzip(blob)
        yield b"]}"

    def document(self, job_id: str, part: str) -> Iterator[bytes] | None:
        """The stored HTML page (`html`) or script (`ps1`) in pieces, or None."""
        return self.blobs.read(f"report:{job_id}:{part}")

    def delete(self, job_id: str) -> None:
        """Remove every part of the report at once."""
        manifest = self.manifest(job_id)
        if manifest is None:
            self._delete_parts(job_id, 0, [])
            return
        self._delete_parts(job_id, manifest["chunks"],
                           [(field, name) for field, names in manifest["counts"].items() for name in names])

    def _delete_parts(self, job_id: str, chunks: int, index_names: list[tuple[str, str]]) -> None:
        """Remove the result chunks, the indexes named, the head, HTML and script blobs, and the manifest."""
        keys = [self.key(job_id, "results", str(number)) for number in range(chunks)]
        keys += [self.key(job_id, "index", field, name) for field, name in index_names]
        for start in range(0, len(keys), 1000):
            self.connection.delete(*keys[start:start + 1000])
        for part in ("head", "html", "ps1"):
            self.blobs.delete(f"report:{job_id}:{part}")
        self.connection.delete(self.key(job_id))


class ReportGone(LookupError):
    """Part of a report expired or was deleted while it was being read."""
