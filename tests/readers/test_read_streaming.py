"""Large inputs are read as a stream: records come out before the input has been read, at any chunk size."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from service.readers.csv_format import csv_records
from service.readers.encoding import ByteReader, TextSource, open_text
from service.readers.json_formats import ndjson_lines
from service.readers.jsonstream import JsonEvents
from service.readers.ldif import ldif_records


class Endless:
    """A binary stream that repeats a record forever and counts what was read."""

    def __init__(self, head: bytes, record: bytes) -> None:
        self.pending = head
        self.record = record
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size > 0, "the reader asked for the whole input at once"
        while len(self.pending) < size:
            self.pending += self.record * 64
        data, self.pending = self.pending[:size], self.pending[size:]
        self.read_bytes += len(data)
        return data


def _first(records, stream: Endless) -> int:
    """Bytes read when the first record came out."""
    next(iter(records))
    return stream.read_bytes


RECORD_JSON = b'{"objectClass":"user","distinguishedName":"CN=a,DC=x","proxyAddresses":["SMTP:a@x.com"]},\n'


def test_json_array_streams() -> None:
    stream = Endless(b"[\n", RECORD_JSON)
    events = (e for e in JsonEvents(TextSource(ByteReader(stream), "utf-8")) if e[0] == "item")
    assert _first(events, stream) < 4 << 20


def test_json_array_under_a_key_streams() -> None:
    stream = Endless(b'{"kind": "onprem", "objects": [', RECORD_JSON)
    events = (e for e in JsonEvents(TextSource(ByteReader(stream), "utf-8")) if e[0] == "item")
    assert _first(events, stream) < 4 << 20


def test_ndjson_csv_and_ldif_stream() -> None:
    cases = [
        (lambda text: ndjson_lines(text), b"", RECORD_JSON.rstrip(b",\n") + b"\n"),
        (lambda text: csv_records(text, "onprem", lambda *a, **k: None), b'"DistinguishedName","ObjectClass"\n',
         b'"CN=a,DC=x","user"\n'),
        (lambda text: ldif_records(text), b"", b"dn: CN=a,DC=x\nobjectClass: user\n\n"),
    ]
    for make, head, record in cases:
        stream = Endless(head, record)
        assert _first(make(TextSource(ByteReader(stream), "utf-8")), stream) < 1 << 20


def test_gzip_streams() -> None:
    body = gzip.compress(b"[" + RECORD_JSON * 200000 + b'{"objectClass":"user"}]')
    assert len(body) < len(RECORD_JSON) * 200000 // 20

    class Counting:
        def __init__(self) -> None:
            self.offset = 0

        def read(self, size: int = -1) -> bytes:
            assert size > 0
            data = body[self.offset : self.offset + size]
            self.offset += len(data)
            return data

    source = Counting()
    text, _handle = open_text(source)
    events = (e for e in JsonEvents(text) if e[0] == "item")
    next(events)
    assert source.offset < len(body)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 8, 13, 64])
def test_json_events_at_every_chunk_size(examples: Path, chunk: int) -> None:
    for path in sorted(examples.glob("*/*.json")):
        text, handle = open_text(path)
        raw = text.read()
        handle.close()
        docs = list(_documents(JsonEvents(_Chunked(raw, chunk), chunk=chunk)))
        assert docs == _decode_all(raw), path.name


def _decode_all(raw: str) -> list:
    """Every JSON document in a string, decoded in one go."""
    decoder, pos, docs = json.JSONDecoder(), 0, []
    while raw[pos:].strip():
        pos += len(raw[pos:]) - len(raw[pos:].lstrip())
        doc, pos = decoder.raw_decode(raw, pos)
        docs.append(doc)
    return docs


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_lines_at_every_chunk_size(examples: Path, encoding: str, chunk: int) -> None:
    text = (examples / "onprem" / "ldifde.ldf").read_text(encoding="utf-8") + "Zoë\r\nlast line without newline"
    source = TextSource(ByteReader(_BytesChunks(text.encode(encoding))), encoding, chunk=chunk)
    assert list(source) == text.splitlines(keepends=True)


def test_numbers_split_across_chunks() -> None:
    raw = '[12345678901234567890, -1.5e+300, {"a": 1234}]'
    for chunk in range(1, 12):
        items = [e[3] for e in JsonEvents(_Chunked(raw, chunk), chunk=chunk) if e[0] == "item"]
        assert items == json.loads(raw)


class _Chunked:
    """read() over a string, never more than `chunk` characters at a time."""

    def __init__(self, text: str, chunk: int) -> None:
        self.text, self.chunk, self.pos = text, chunk, 0

    def read(self, size: int = -1) -> str:
        piece = self.text[self.pos : self.pos + min(size, self.chunk)]
        self.pos += len(piece)
        return piece


class _BytesChunks:
    """read() over bytes, one byte per call at most... or the size asked, whichever is smaller."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def read(self, size: int = -1) -> bytes:
        piece = self.data[self.pos : self.pos + max(1, min(size, 3))]
        self.pos += len(piece)
        return piece


def _documents(events) -> list:
    """Rebuild whole documents from events, to compare with json.loads."""
    doc = None
    for event in events:
        tag = event[0]
        if tag == "doc":
            doc = [] if event[2] == "array" else {} if event[2] == "object" else None
            scalar = event[2] == "scalar"
        elif tag == "open":
            doc[event[1]] = []
        elif tag == "item" and scalar:
            doc = event[3]
        elif tag == "item" and event[1] is None:
            doc.append(event[3])
        elif tag == "item":
            doc[event[1]].append(event[3])
        elif tag == "member":
            doc[event[1]] = event[3]
        elif tag == "end":
            yield doc
