"""Reports in Redis, laid out so that a page of results costs one or two small reads even at 1,000,000 objects.

`{ns}:report:{id}`                              manifest hash (counts, chunking, layout, summary), written last
`{ns}:report:{id}:results:{n}`                  RESULTS_PER_CHUNK results compressed, the main stream
`{ns}:report:{id}:fchunk:{field}:{name}:{n}`    the results with each outcome or error code again, in report order
                                                 and RESULTS_PER_CHUNK per chunk, so that a filtered page reads one
                                                 or two chunks however scattered its results are
`{ns}:report:{id}:quality:{n}`                  the data-quality findings, in chunks (quality_pages.py)
blobs `report:{id}:head|html|ps1`               the report without its results, the HTML page, the PowerShell script

A chunk holds the results' JSON texts, ASCII only, joined by SEPARATOR: chunks splice into one JSON array, and a
page cuts them into results and sends them as they are, without parsing them. Since layout 3 a result chunk is a
raw deflate piece (spliced_gzip.py) and the manifest holds the CRC-32 and length of the whole report's JSON, so
that a gzip download sends the stored chunks as they are; layout 2 chunks are gzip members, inflated and
compressed again when downloaded.
"""

from __future__ import annotations

import codecs
import contextlib
import time
import zlib
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple

from redis.exceptions import RedisError

from service.adapters import spliced_gzip
from service.adapters.blobs import GZIP_WBITS, Blobs, compressor, worth_cleaning
from service.adapters.jsonio import dumps, loads
from service.exceptions import ReportGone

RESULTS_PER_CHUNK = 100  # small enough that a page decodes little more than itself
INDEX_FIELDS = ("outcome", "errorCode")
PIPELINE_BATCH = 32
COMPRESS_AHEAD = 2 * PIPELINE_BATCH  # chunks handed to the compressing thread and not yet sent
READ_BATCH = 16  # most chunks fetched with one MGET when a stream is read through
DELETE_BATCH = 1000
LAYOUT = 3
PIECES = 3  # the first layout whose result chunks are raw deflate pieces
SEPARATOR = b",\n"  # JSON writers escape newlines inside strings, so a newline only ever separates two results
TAIL = b"]}"
COMPRESS_THREADS = 2  # zlib lets go of the GIL: the second thread runs while the writer waits for the first
ESCAPE = "syncmatch-json-escape"

Stream = tuple[str, str] | None  # (field, name) of a filter stream; None: every result


# Every result is compressed into its page stream and again into each filter stream: level 3 takes half
# the time of level 6 for about 12% more bytes in Redis.
RESULTS_GZIP_LEVEL = 3


def _gzip(data: bytes) -> bytes:
    """gzip at RESULTS_GZIP_LEVEL."""
    deflater = compressor(RESULTS_GZIP_LEVEL)
    return deflater.compress(data) + deflater.flush()


def _gunzip(data: bytes) -> bytes:
    return zlib.decompress(data, GZIP_WBITS)


def _piece(data: bytes) -> bytes:
    """A result chunk as layout 3 stores it: a raw deflate piece at RESULTS_GZIP_LEVEL."""
    return spliced_gzip.piece(data, RESULTS_GZIP_LEVEL)


def _inflate(data: bytes, layout: int) -> bytes:
    """The texts of a stored result chunk of this layout."""
    return spliced_gzip.inflated(data) if layout >= PIECES else _gunzip(data)


SEPARATOR_PIECE = _piece(SEPARATOR)


def results_prefix(head: bytes) -> bytes:
    """The report's JSON up to its results' first: the stored head (the report without results), reopened."""
    head = head.rstrip()
    return head[:-1] + (b',"results":[' if len(head) > 2 else b'"results":[')


class Whole(NamedTuple):
    """The CRC-32 and length of the report's whole JSON, as GET /report sends it (the gzip trailer's)."""

    crc: int
    size: int

    def add(self, data: bytes) -> Whole:
        """These figures with `data` after the bytes counted so far."""
        return Whole(zlib.crc32(data, self.crc), self.size + len(data))


def _escaped(error: UnicodeError) -> tuple[str, int]:
    """The characters ASCII cannot hold as JSON's \\u escapes (UTF-16 pairs beyond the BMP), as json.dumps writes
    them."""
    if not isinstance(error, UnicodeEncodeError):  # registered for encoding only
        raise error
    out = []
    for character in error.object[error.start:error.end]:
        code = ord(character)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error(ESCAPE, _escaped)


def ascii_json(text: bytes) -> bytes:
    """A JSON text with DEL and non-ASCII characters as \\u escapes, as Flask's jsonify writes them."""
    if text.isascii() and b"\x7f" not in text:
        return text
    # Outside JSON strings a text is ASCII without DEL, so only characters inside strings are escaped.
    return text.decode("utf-8").replace("\x7f", "\\u007f").encode("ascii", ESCAPE)


def _chunk_count(items: int, per_chunk: int) -> int:
    return -(-items // per_chunk)


def filters_of(result: dict) -> list[tuple[str, str]]:
    """The (field, name) indexes a result belongs to: its outcome and each of its error codes once."""
    outcome = ("outcome", str(result.get("outcome")))
    errors = result.get("errors")
    if not errors:
        return [outcome]
    return [outcome, *(("errorCode", code) for code in dict.fromkeys(str(error.get("code")) for error in errors))]


def indexes(results: list[dict]) -> dict[tuple[str, str], array]:
    """(field, name) -> positions of the results with that outcome or error code."""
    found: dict[tuple[str, str], array] = defaultdict(lambda: array("I"))
    for position, result in enumerate(results):
        for name in filters_of(result):
            found[name].append(position)
    return found


def _counts(found: dict[tuple[str, str], array]) -> dict[str, dict[str, int]]:
    """field -> name -> how many results have that outcome or error code."""
    counts: dict[str, dict[str, int]] = {field: {} for field in INDEX_FIELDS}
    for (field, name), positions in found.items():
        counts[field][name] = len(positions)
    return counts


class _BatchedWriter:
    """SETs with a TTL on a pipeline, sent to Redis PIPELINE_BATCH at a time; values to gzip are compressed on
    COMPRESS_THREADS threads meanwhile (zlib lets go of the GIL), so that encoding and compressing overlap."""

    def __init__(self, pipe, ttl: int) -> None:
        self.pipe = pipe
        self.ttl = ttl
        self.pending = 0
        self.compressing: deque[tuple[str, Future[bytes]]] = deque()
        self.pool: ThreadPoolExecutor | None = None

    def set(self, key: str, value: bytes) -> None:
        """Queue one SET; send the batch once it is full."""
        self.pipe.set(key, value, ex=self.ttl)
        self.pending += 1
        if self.pending >= PIPELINE_BATCH:
            self._send()

    def set_compressed(self, key: str, data: bytes, compress: Callable[[bytes], bytes] = _gzip) -> None:
        """Queue one SET of `data` compressed (gzip at RESULTS_GZIP_LEVEL unless told), once it is compressed."""
        if self.pool is None:
            self.pool = ThreadPoolExecutor(COMPRESS_THREADS, thread_name_prefix="report-gzip")
        self.compressing.append((key, self.pool.submit(compress, data)))
        while self.compressing and (self.compressing[0][1].done() or len(self.compressing) > COMPRESS_AHEAD):
            done_key, future = self.compressing.popleft()
            self.set(done_key, future.result())

    def flush(self) -> None:
        """Send what is queued, waiting for what is being compressed."""
        while self.compressing:
            key, future = self.compressing.popleft()
            self.set(key, future.result())
        self._send()
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def _send(self) -> None:
        if self.pending:
            self.pipe.execute()
            self.pending = 0


class _FilterStreams:
    """The results of each filter, gathered RESULTS_PER_CHUNK at a time and written as chunks when full."""

    def __init__(self, store: ReportStore, job_id: str, writer: _BatchedWriter, per_chunk: int) -> None:
        self.store, self.job_id, self.writer, self.per_chunk = store, job_id, writer, per_chunk
        self.pending: dict[tuple[str, str], list[bytes]] = defaultdict(list)
        self.written: dict[tuple[str, str], int] = defaultdict(int)

    def add(self, name: tuple[str, str], text: bytes) -> None:
        """Append one result's JSON text to a filter's stream."""
        pending = self.pending[name]
        pending.append(text)
        if len(pending) == self.per_chunk:
            self._write(name)

    def finish(self) -> None:
        """Write every stream's last, partial chunk."""
        for name, pending in self.pending.items():
            if pending:
                self._write(name)

    def _write(self, name: tuple[str, str]) -> None:
        key = self.store.chunk_key(self.job_id, name, self.written[name])
        self.writer.set_compressed(key, SEPARATOR.join(self.pending[name]), _piece)
        self.written[name] += 1
        self.pending[name] = []


class ReportStore:
    """Write a report once (the worker), read pages, filters and whole documents many times (the API)."""

    def __init__(self, connection, namespace: str, chunk_bytes: int) -> None:
        self.connection = connection
        self.namespace = namespace
        self.blobs = Blobs(connection, namespace, chunk_bytes)

    def key(self, job_id: str, *parts: str) -> str:
        """The key of the manifest, or of one of the report's parts."""
        return ":".join((f"{self.namespace}:report:{job_id}", *parts))

    def chunk_key(self, job_id: str, stream: Stream, number: int) -> str:
        """The key of chunk `number` of the main stream (None) or of a filter's stream."""
        if stream is None:
            return self.key(job_id, "results", str(number))
        return self.key(job_id, "fchunk", stream[0], stream[1], str(number))

    def save(self, job_id: str, report: dict[str, Any], html: str, script: str, ttl: int) -> None:
        """Store the report, its HTML page and its remediation script for `ttl` seconds; all or nothing."""
        results = report.get("results") or []
        try:
            self._save(job_id, report, results, html, script, ttl)
        except BaseException as exc:
            if not worth_cleaning(exc):
                raise
            with contextlib.suppress(RedisError):
                from service.adapters.quality_pages import FINDINGS_PER_CHUNK

                findings = len((report.get("dataQuality") or {}).get("findings") or [])
                self._delete_parts(job_id, _chunk_count(len(results), RESULTS_PER_CHUNK),
                                   {name: len(positions) for name, positions in indexes(results).items()},
                                   RESULTS_PER_CHUNK, _chunk_count(findings, FINDINGS_PER_CHUNK))
            raise

    def _save(self, job_id: str, report: dict[str, Any], results: list[dict], html: str, script: str,
              ttl: int) -> None:
        # The page and the script are compressed and sent on a thread (zlib lets go of the GIL) while the results
        # are encoded here.
        head = dumps({key: value for key, value in report.items() if key != "results"})
        with ThreadPoolExecutor(1, thread_name_prefix="report-documents") as pool:
            documents = pool.submit(self._save_documents, job_id, html, script, ttl)
            chunks, found, whole = self._save_results(job_id, results, ttl, results_prefix(head))
            counts = _counts(found)
            quality = self._save_quality(job_id, report, ttl)
            self.blobs.write(f"report:{job_id}:head", [head], ttl)
            documents.result()
        manifest = {"results": len(results), "perChunk": RESULTS_PER_CHUNK, "chunks": chunks, "layout": LAYOUT,
                    "counts": dumps(counts), "summary": dumps(report.get("summary") or {}),
                    "quality": dumps(quality), "createdAt": int(time.time()), "crc": whole.crc, "bytes": whole.size}
        with self.connection.pipeline(transaction=True) as pipe:
            pipe.hset(self.key(job_id), mapping=manifest)
            pipe.expire(self.key(job_id), ttl)
            pipe.execute()

    def _save_documents(self, job_id: str, html: str, script: str, ttl: int) -> None:
        """Write the HTML page and the PowerShell script."""
        self.blobs.write(f"report:{job_id}:html", [html.encode("utf-8")], ttl)
        self.blobs.write(f"report:{job_id}:ps1", [script.encode("utf-8")], ttl)

    def _save_results(self, job_id: str, results: list[dict], ttl: int,
                      prefix: bytes) -> tuple[int, dict[tuple[str, str], array], Whole]:
        """Write the main stream and every filter's stream, one pass; the chunk count, the positions, and the
        figures of the whole report's JSON (`prefix`, then the results)."""
        per_chunk = RESULTS_PER_CHUNK
        found: dict[tuple[str, str], array] = defaultdict(lambda: array("I"))
        whole = Whole(0, 0).add(prefix)
        with self.connection.pipeline(transaction=False) as pipe:
            writer = _BatchedWriter(pipe, ttl)
            streams = _FilterStreams(self, job_id, writer, per_chunk)
            for number, start in enumerate(range(0, len(results), per_chunk)):
                batch = results[start:start + per_chunk]
                texts = [ascii_json(dumps(result)) for result in batch]
                joined = SEPARATOR.join(texts)
                whole = whole.add(joined) if number == 0 else whole.add(SEPARATOR).add(joined)
                writer.set_compressed(self.chunk_key(job_id, None, number), joined, _piece)
                for position, result, text in zip(range(start, start + len(batch)), batch, texts, strict=True):
                    for name in filters_of(result):
                        found[name].append(position)
                        streams.add(name, text)
            streams.finish()
            writer.flush()
        return _chunk_count(len(results), per_chunk), found, whole.add(TAIL)

    def _save_quality(self, job_id: str, report: dict[str, Any], ttl: int) -> dict[str, Any]:
        """Write the data-quality findings in chunks of their own (quality_pages.py); their manifest entry."""
        from service.adapters.quality_pages import QualityPages

        with self.connection.pipeline(transaction=False) as pipe:
            writer = _BatchedWriter(pipe, ttl)
            quality = QualityPages(self).save(writer, job_id, report)
            writer.flush()
        return quality

    def manifest(self, job_id: str) -> dict[str, Any] | None:
        """Counts, chunking, layout and summary of a stored report, or None if there is none (yet)."""
        raw = self.connection.hgetall(self.key(job_id))
        if not raw:
            return None
        fields = {key.decode(): value for key, value in raw.items()}
        manifest = {"results": int(fields["results"]), "perChunk": int(fields["perChunk"]),
                    "chunks": int(fields["chunks"]), "layout": int(fields.get("layout", 1)),
                    "counts": loads(fields["counts"]), "summary": loads(fields["summary"]),
                    "quality": loads(fields["quality"]) if "quality" in fields else {}}
        if "crc" in fields:
            manifest["whole"] = Whole(int(fields["crc"]), int(fields["bytes"]))
        return manifest

    @staticmethod
    def stream_length(manifest: dict[str, Any], stream: Stream) -> int:
        """How many results a stream holds."""
        if stream is None:
            return manifest["results"]
        return manifest["counts"].get(stream[0], {}).get(stream[1], 0)

    def texts(self, job_id: str, manifest: dict[str, Any], stream: Stream, start: int, stop: int) -> list[bytes]:
        """The JSON texts of results start..stop-1 of a stream, as stored."""
        stop = min(stop, self.stream_length(manifest, stream))
        if start >= stop:
            return []
        per_chunk = manifest["perChunk"]
        first = start // per_chunk
        numbers = range(first, (stop - 1) // per_chunk + 1)
        texts = [text for chunk in self._raw_chunks(job_id, stream, numbers, manifest["layout"])
                 for text in chunk.split(SEPARATOR)]
        return texts[start - first * per_chunk:stop - first * per_chunk]

    def iter_texts(self, job_id: str, manifest: dict[str, Any], stream: Stream, start: int = 0) -> Iterator[bytes]:
        """The JSON texts of a stream from `start` to its end; one chunk read first, then more at a time."""
        per_chunk = manifest["perChunk"]
        first, chunks = start // per_chunk, _chunk_count(self.stream_length(manifest, stream), per_chunk)
        skip, batch = start % per_chunk, 1
        while first < chunks:
            for chunk in self._raw_chunks(job_id, stream, range(first, min(first + batch, chunks)), manifest["layout"]):
                yield from chunk.split(SEPARATOR)[skip:]
                skip = 0
            first, batch = first + batch, min(2 * batch, READ_BATCH)

    def _raw_chunks(self, job_id: str, stream: Stream, numbers: range, layout: int) -> list[bytes]:
        """The uncompressed chunks of a stream, one MGET."""
        return [_inflate(blob, layout) for blob in self._stored_chunks(job_id, stream, numbers)]

    def _stored_chunks(self, job_id: str, stream: Stream, numbers: range) -> list[bytes]:
        """The chunks of a stream as stored, one MGET; ReportGone when one is missing."""
        blobs = self.connection.mget([self.chunk_key(job_id, stream, number) for number in numbers])
        if any(blob is None for blob in blobs):
            raise ReportGone(job_id)
        return blobs

    def _main_stream(self, job_id: str, manifest: dict[str, Any]) -> Iterator[tuple[int, list[bytes]]]:
        """(first chunk's number, the chunks as stored) of the main stream, READ_BATCH chunks per MGET."""
        for first in range(0, manifest["chunks"], READ_BATCH):
            yield first, self._stored_chunks(job_id, None, range(first, min(first + READ_BATCH, manifest["chunks"])))

    def _prefix(self, job_id: str) -> bytes:
        head = self.blobs.read_all(f"report:{job_id}:head")
        if head is None:
            raise ReportGone(job_id)
        return results_prefix(head)

    def stream_json(self, job_id: str, manifest: dict[str, Any]) -> Iterator[bytes]:
        """The whole report as JSON bytes: the stored head with the result chunks spliced in."""
        yield self._prefix(job_id)
        layout = manifest["layout"]
        for first, blobs in self._main_stream(job_id, manifest):
            for number, blob in enumerate(blobs, first):
                yield (SEPARATOR if number else b"") + _inflate(blob, layout)
        yield TAIL

    def stream_gzip(self, job_id: str, manifest: dict[str, Any]) -> Iterator[bytes] | None:
        """The whole report as one gzip stream of the stored chunks as they are; None for a report stored before
        layout 3 (its chunks must be inflated: gzip stream_json instead)."""
        whole = manifest.get("whole")
        if manifest["layout"] < PIECES or whole is None:
            return None
        return self._spliced(job_id, manifest, whole)

    def _spliced(self, job_id: str, manifest: dict[str, Any], whole: Whole) -> Iterator[bytes]:
        yield spliced_gzip.HEADER + _piece(self._prefix(job_id))
        for first, blobs in self._main_stream(job_id, manifest):
            yield (SEPARATOR_PIECE if first else b"") + SEPARATOR_PIECE.join(blobs)
        yield spliced_gzip.last_piece(TAIL) + spliced_gzip.trailer(whole.crc, whole.size)

    def document(self, job_id: str, part: str) -> Iterator[bytes] | None:
        """The stored HTML page (`html`) or script (`ps1`) in pieces, or None."""
        return self.blobs.read(f"report:{job_id}:{part}")

    def delete(self, job_id: str) -> None:
        """Remove every part of the report at once."""
        manifest = self.manifest(job_id)
        if manifest is None:
            self._delete_parts(job_id, 0, {}, RESULTS_PER_CHUNK)
            return
        from service.adapters.quality_pages import QualityPages

        counts = {(field, name): count for field, names in manifest["counts"].items() for name, count in names.items()}
        self._delete_parts(job_id, manifest["chunks"], counts, manifest["perChunk"], QualityPages.chunks(manifest))

    def _delete_parts(self, job_id: str, chunks: int, counts: dict[tuple[str, str], int], per_chunk: int,
                      quality_chunks: int = 0) -> None:
        """Remove the result chunks, the filter streams named, the findings, the blobs, the manifest."""
        from service.adapters.quality_pages import QualityPages

        batch: list[str] = []
        keys = self._part_keys(job_id, chunks, counts, per_chunk)
        for key in (*keys, *QualityPages(self).keys(job_id, quality_chunks)):
            batch.append(key)
            if len(batch) == DELETE_BATCH:
                self.connection.delete(*batch)
                batch = []
        if batch:
            self.connection.delete(*batch)
        for part in ("head", "html", "ps1"):
            self.blobs.delete(f"report:{job_id}:{part}")
        self.connection.delete(self.key(job_id))

    def _part_keys(self, job_id: str, chunks: int, counts: dict[tuple[str, str], int],
                   per_chunk: int) -> Iterator[str]:
        """The keys of the main stream's chunks and of each filter's stream chunks."""
        for number in range(chunks):
            yield self.chunk_key(job_id, None, number)
        for (field, name), count in counts.items():
            for number in range(_chunk_count(count, per_chunk)):
                yield self.chunk_key(job_id, (field, name), number)
