"""Request bodies read as a stream: size caps, gzip inflated with a running byte count, a SHA-256 on the way."""

from __future__ import annotations

import hashlib
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from service.exceptions import BadGzip, BodyTooLarge

__all__ = ["BadGzip", "Body", "BodyTooLarge", "read_body"]

BLOCK = 1024 * 1024
IN_MEMORY = 32 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
MAX_GZIP_LAYERS = 3




@dataclass
class Body:
    """A spooled request body, inflated; the raw size and SHA-256 are of the bytes as sent."""

    file: IO[bytes]
    raw_bytes: int
    sha256: str


def _blocks(stream, limit: int, digest) -> Iterator[bytes]:
    """The stream in blocks, hashed and counted; BodyTooLarge past `limit` bytes."""
    total = 0
    while True:
        block = stream.read(BLOCK)
        if not block:
            return
        total += len(block)
        if total > limit:
            raise BodyTooLarge(f"The request body is larger than the {limit} bytes allowed "
                               "(SYNCMATCH_MAX_UPLOAD_BYTES).")
        digest.update(block)
        yield block


def _inflate(blocks, budget: list[int]) -> Iterator[bytes]:
    """Inflate gzip (several members allowed), charging every output byte to budget[0]."""
    inflater, fed = zlib.decompressobj(31), False
    try:
        for block in blocks:
            data = block
            while data:
                fed = True
                piece = inflater.decompress(data, BLOCK)
                budget[0] -= len(piece)
                if budget[0] < 0:
                    raise BodyTooLarge("The gzip body inflates past SYNCMATCH_MAX_DECOMPRESSED_BYTES; it was not "
                                       "read further.")
                if piece:
                    yield piece
                data = inflater.unconsumed_tail
                if inflater.eof:
                    data, inflater, fed = inflater.unused_data, zlib.decompressobj(31), False
    except zlib.error as exc:
        raise BadGzip(f"the gzip data cannot be read: {exc}") from None
    if fed and not inflater.eof:
        raise BadGzip("the gzip data ends early (was the upload cut short?)")


def _file_blocks(file: IO[bytes]) -> Iterator[bytes]:
    while block := file.read(BLOCK):
        yield block


def _spool(pieces: Iterator[bytes]) -> IO[bytes]:
    spool = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - returned to the caller
    try:
        for piece in pieces:
            spool.write(piece)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def read_body(stream, *, gzipped: bool, max_bytes: int, max_inflated: int) -> Body:
    """Spool the body, inflating gzip layers (declared or detected) within `max_inflated` bytes in all."""
    digest = hashlib.sha256()
    raw = _blocks(stream, max_bytes, digest)
    first = _peek(raw)
    budget = [max_inflated]
    spool = _spool(_inflate(first, budget) if gzipped or first.head.startswith(GZIP_MAGIC) else first)
    for _ in range(MAX_GZIP_LAYERS):
        if spool.read(2) != GZIP_MAGIC:
            break
        spool.seek(0)
        with spool as outer:
            spool = _spool(_inflate(_file_blocks(outer), budget))
    else:
        spool.close()
        raise BadGzip(f"gzip nested more than {MAX_GZIP_LAYERS} times")
    spool.seek(0)
    return Body(spool, first.count(), digest.hexdigest())


class _Peeked:
    """The blocks of a stream, with the first bytes visible before iterating; counts the bytes."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self.blocks = blocks
        self.buffered: list[bytes] = []
        self.total = 0
        for block in blocks:
            self.buffered.append(block)
            if sum(map(len, self.buffered)) >= len(GZIP_MAGIC):
                break
        self.head = b"".join(self.buffered)

    def __iter__(self) -> Iterator[bytes]:
        for block in self.buffered:
            self.total += len(block)
            yield block
        self.buffered = []
        for block in self.blocks:
            self.total += len(block)
            yield block

    def count(self) -> int:
        """Bytes yielded so far."""
        return self.total


def _peek(blocks: Iterator[bytes]) -> _Peeked:
    return _Peeked(blocks)
