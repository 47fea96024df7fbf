"""Request bodies read as a stream: size caps, gzip inflated on the fly within a budget, a SHA-256 on the way.

Only the body as sent is spooled (in memory up to IN_MEMORY bytes, then in a temporary file), within a byte
budget shared by the threads of the process (`SpoolSpace`). What gzip inflates to never reaches the disk: the
reader reads it from the inflater, block by block, and the upload stops the moment the inflated bytes pass
SYNCMATCH_MAX_DECOMPRESSED_BYTES, or the inflated output grows more than MAX_GZIP_RATIO times the body
(a gzip bomb), whichever comes first. The body can be read again from its start (`seek(0)`), inflated anew
within a budget of its own: the readers read a canonical snapshot natively, in one pass over all of it, and
read it again the general way when it is not one, as they read a file.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from service.exceptions import BadGzip, BodyTooLarge, UploadSpaceFull

__all__ = ["BadGzip", "Body", "BodyTooLarge", "SpoolSpace", "UploadSpaceFull", "read_body"]

BLOCK = 1024 * 1024
IN_MEMORY = 32 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
MAX_GZIP_LAYERS = 3
# Exports compress 5 to 30 times; zeros or repeated records in a bomb, 1,000 times. Checked past RATIO_GRACE.
MAX_GZIP_RATIO = 100
RATIO_GRACE = 16 * 1024 * 1024


class SpoolSpace:
    """The bytes of temporary space that bodies being read may hold at once in this process (threads wait)."""

    def __init__(self, limit: int, wait: float) -> None:
        self.limit = limit
        self.wait = wait
        self.used = 0
        self._changed = threading.Condition()

    def take(self, size: int) -> None:
        """Reserve `size` bytes, waiting up to `wait` seconds for room; UploadSpaceFull if none comes.

        A body larger than the whole space can never fit, so it is BodyTooLarge (413) at once, not a 503
        that a retry would only meet again.
        """
        if size > self.limit:
            raise BodyTooLarge(f"The request body needs {size} bytes of upload space, more than one API process has "
                               f"({self.limit} bytes: SYNCMATCH_UPLOAD_SPOOL_BYTES shared among "
                               "SYNCMATCH_API_WORKERS). Send it gzip-compressed (Content-Encoding: gzip), or ask the "
                               "operator to raise SYNCMATCH_UPLOAD_SPOOL_BYTES.")
        deadline = time.monotonic() + self.wait
        with self._changed:
            while self.used + size > self.limit:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise UploadSpaceFull(f"{self.used} of {self.limit} bytes of upload space are in use")
                self._changed.wait(left)
            self.used += size

    def give(self, size: int) -> None:
        """Release `size` bytes."""
        with self._changed:
            self.used -= size
            self._changed.notify_all()


@dataclass
class Body:
    """A request body: `file` reads it inflated; the raw size and SHA-256 are of the bytes as sent."""

    file: InflatedReader
    raw_bytes: int
    sha256: str


class InflatedReader:
    """A read-only binary file over blocks of inflated bytes, seekable to its start only; closing it frees the
    spooled body."""

    def __init__(self, open_blocks: Callable[[], Iterator[bytes]], spool: _Spool) -> None:
        self._open = open_blocks  # a new pass over the spooled body, inflated anew
        self._blocks = open_blocks()
        self._block = b""
        self._position = 0  # in _block: only what is returned is copied, never the rest of the block
        self._offset = 0  # bytes returned since the start
        self._spool = spool

    @staticmethod
    def seekable() -> bool:
        """True: it can go back to its start (`seek(0)`); nowhere else."""
        return True

    def tell(self) -> int:
        """How many bytes were read since the start."""
        return self._offset

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Go back to the start (offset 0) or stay where it is; any other place is io.UnsupportedOperation."""
        staying = (whence == io.SEEK_SET and offset == self._offset) or (whence == io.SEEK_CUR and offset == 0)
        if whence == io.SEEK_SET and offset == 0:
            self._blocks, self._block, self._position, self._offset = self._open(), b"", 0, 0
        elif not staying:
            raise io.UnsupportedOperation("an upload is read again from its start only")
        return self._offset

    def read(self, size: int | None = -1) -> bytes:
        """Up to `size` bytes (all that is left when size is negative); b"" at the end."""
        data = self._read(size)
        self._offset += len(data)
        return data

    def _read(self, size: int | None) -> bytes:
        if size is None or size < 0:
            data = self._block[self._position:] + b"".join(self._blocks)
            self._block, self._position = b"", 0
            return data
        pieces = []
        while size > 0:
            if self._position >= len(self._block):
                block = next(self._blocks, None)
                if block is None:
                    break
                self._block, self._position = block, 0
            piece = self._block[self._position:self._position + size]
            self._position += len(piece)
            size -= len(piece)
            pieces.append(piece)
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def drain(self) -> None:
        """Inflate what the reader left unread, discarding it: the caps and the gzip checks cover the whole body."""
        self._block, self._position = b"", 0
        for _ in self._blocks:
            pass

    def close(self) -> None:
        """Drop the spooled body and give its space back."""
        self._spool.close()

    def __enter__(self) -> InflatedReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Spool:
    """The body as sent, in memory then on disk, charged to a SpoolSpace.

    A body with a Content-Length reserves all of it at once, so that two uploads never each hold half of the
    space while waiting for the other; a chunked body reserves block by block (waiting uploads then give up
    after SYNCMATCH_UPLOAD_WAIT at worst).
    """

    def __init__(self, space: SpoolSpace | None, expected: int | None) -> None:
        self.space = space
        self.taken = self.written = 0
        if space is not None and expected:
            space.take(expected)
            self.taken = expected
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - closed in close()

    def write(self, block: bytes) -> None:
        self.written += len(block)
        if self.space is not None and self.written > self.taken:
            more = self.written - self.taken
            self.space.take(more)
            self.taken += more
        self.file.write(block)

    def blocks(self) -> Iterator[bytes]:
        self.file.seek(0)
        while block := self.file.read(BLOCK):
            yield block

    def close(self) -> None:
        self.file.close()
        if self.space is not None and self.taken:
            self.space.give(self.taken)
            self.taken = 0


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


class _Budget:
    """Inflated bytes left before SYNCMATCH_MAX_DECOMPRESSED_BYTES, and the ratio guard against bombs."""

    def __init__(self, max_inflated: int, raw_bytes: int) -> None:
        self.left = max_inflated
        self.ratio_limit = max(RATIO_GRACE, raw_bytes * MAX_GZIP_RATIO)
        self.inflated = 0

    def charge(self, size: int) -> None:
        self.left -= size
        self.inflated += size
        if self.left < 0:
            raise BodyTooLarge("The gzip body inflates past SYNCMATCH_MAX_DECOMPRESSED_BYTES; it was not read "
                               "further.")
        if self.inflated > self.ratio_limit:
            raise BodyTooLarge(f"The gzip body inflates more than {MAX_GZIP_RATIO} times its size, as only a "
                               "compression bomb does; it was not read further.")


def _inflate(blocks: Iterator[bytes], budget: _Budget) -> Iterator[bytes]:
    """Inflate gzip (several members allowed), charging every output byte to the budget."""
    inflater, fed = zlib.decompressobj(31), False
    try:
        for block in blocks:
            data = block
            while data:
                fed = True
                piece = inflater.decompress(data, BLOCK)
                budget.charge(len(piece))
                if piece:
                    yield piece
                data = inflater.unconsumed_tail
                if inflater.eof:
                    data, inflater, fed = inflater.unused_data, zlib.decompressobj(31), False
    except zlib.error as exc:
        raise BadGzip(f"the gzip data cannot be read: {exc}") from None
    if fed and not inflater.eof:
        raise BadGzip("the gzip data ends early (was the upload cut short?)")


class _Layer:
    """Blocks whose first bytes can be looked at before they are read."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self.blocks = blocks
        self.pending = b""

    def head(self, size: int) -> bytes:
        while len(self.pending) < size:
            block = next(self.blocks, None)
            if block is None:
                break
            self.pending += block
        return self.pending[:size]

    def __iter__(self) -> Iterator[bytes]:
        if self.pending:
            pending, self.pending = self.pending, b""
            yield pending
        yield from self.blocks


def _inflated(raw: Iterator[bytes], gzipped: bool, budget: _Budget) -> Iterator[bytes]:
    """The body with every gzip layer (declared or detected, at most MAX_GZIP_LAYERS) inflated as it is read."""
    layer = _Layer(raw)
    if not gzipped and layer.head(2) != GZIP_MAGIC:
        return iter(layer)
    for _ in range(MAX_GZIP_LAYERS):
        layer = _Layer(_inflate(iter(layer), budget))
        if layer.head(2) != GZIP_MAGIC:
            return iter(layer)
    raise BadGzip(f"gzip nested more than {MAX_GZIP_LAYERS} times")


def read_body(stream, *, gzipped: bool, max_bytes: int, max_inflated: int, space: SpoolSpace | None = None,
              expected: int | None = None) -> Body:
    """Spool the body as sent (`expected`: its Content-Length); its `file` inflates gzip layers as it is read."""
    digest = hashlib.sha256()
    spool = _Spool(space, min(expected, max_bytes) if expected else None)
    try:
        raw_bytes = 0
        for block in _blocks(stream, max_bytes, digest):
            spool.write(block)
            raw_bytes += len(block)
        reader = InflatedReader(lambda: _inflated(spool.blocks(), gzipped, _Budget(max_inflated, raw_bytes)), spool)
    except BaseException:
        spool.close()
        raise
    return Body(reader, raw_bytes, digest.hexdigest())
