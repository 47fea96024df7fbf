"""Large values in Redis: one gzip stream (or the bytes as they are) cut into chunks, plus a small header hash."""

from __future__ import annotations

import contextlib
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from service.exceptions import BlobGone

GZIP_WBITS = 31  # zlib's wbits for the gzip container
READ_PIECE = 1024 * 1024
READ_BATCH = 4  # chunks fetched with one MGET: up to 4 x SYNCMATCH_CHUNK_BYTES in flight
PENDING_TTL = 60 * 60  # chunks live this long until their header is written, so a failed write leaves nothing long


def worth_cleaning(exc: BaseException) -> bool:
    """Whether to remove what a failed write left: not when Redis is unreachable (that would wait in vain again)."""
    return not isinstance(exc, RedisConnectionError | RedisTimeoutError)


@dataclass(frozen=True)
class BlobInfo:
    """What was written: chunk count, stored and raw sizes, whether gzip-compressed, what the bytes hold."""

    chunks: int
    stored_bytes: int
    raw_bytes: int
    compressed: bool = True
    content: str = "json"


def compressor(level: int = 6):
    """A streaming gzip compressor."""
    return zlib.compressobj(level, zlib.DEFLATED, GZIP_WBITS)


def gzip_stream(pieces: Iterable[bytes], level: int = 1, ahead: int = 8) -> Iterator[bytes]:
    """One gzip stream of the pieces, compressed on a thread of its own while the next pieces are made.

    zlib lets go of the GIL while it compresses, so reading the pieces (Redis, inflating) and compressing them
    overlap; at most `ahead` pieces wait for the thread. Closing the stream early waits for the piece in hand.
    """
    deflater = compressor(level)
    with ThreadPoolExecutor(1, thread_name_prefix="gzip-stream") as pool:
        waiting: deque[Future[bytes]] = deque()
        for piece in pieces:
            waiting.append(pool.submit(deflater.compress, piece))
            while waiting and (waiting[0].done() or len(waiting) > ahead):
                if out := waiting.popleft().result():
                    yield out
        while waiting:
            if out := waiting.popleft().result():
                yield out
        yield deflater.flush()


def decompressed(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The bytes inside a gzip stream given in pieces, in pieces of at most READ_PIECE."""
    inflater = zlib.decompressobj(GZIP_WBITS)
    for chunk in chunks:
        data = chunk
        while data:
            piece = inflater.decompress(data, READ_PIECE)
            if piece:
                yield piece
            data = inflater.unconsumed_tail
    tail = inflater.flush()
    if tail:
        yield tail


class Blobs:
    """Chunked values, gzip-compressed unless written with level None: header at `{namespace}:{name}`, chunks at
    `{namespace}:{name}:{n}`; the header's `content` names what the bytes hold (json unless written otherwise)."""

    def __init__(self, connection, namespace: str, chunk_bytes: int) -> None:
        self.connection = connection
        self.namespace = namespace
        self.chunk_bytes = chunk_bytes

    def key(self, name: str) -> str:
        """The header key of a blob."""
        return f"{self.namespace}:{name}"

    def write(self, name: str, pieces: Iterable[bytes], ttl: int, level: int | None = 6,
              content: str = "json") -> BlobInfo:
        """Compress `pieces` (level None: store them as they are) into chunks with a TTL; the header is written
        last, so a half-written blob is absent.

        If writing fails (Redis out of memory or refusing writes, a lost connection), the chunks already written
        are removed as far as Redis still allows; until the header is written they expire after PENDING_TTL anyway.
        """
        chunks = _ChunkWriter(self, name, min(ttl, PENDING_TTL))
        try:
            stored, raw = self._write_chunks(chunks, pieces, level)
            info = BlobInfo(chunks.count, stored, raw, level is not None, content)
            self._commit(name, info, ttl)
        except BaseException as exc:
            if worth_cleaning(exc):
                self._discard(name, chunks.count)
            raise
        return info

    def _commit(self, name: str, info: BlobInfo, ttl: int) -> None:
        """Give every chunk the blob's TTL and write the header, in one transaction."""
        with self.connection.pipeline(transaction=True) as pipe:
            for number in range(info.chunks):
                pipe.expire(f"{self.key(name)}:{number}", ttl)
            header: dict[str, int | str] = {"chunks": info.chunks, "stored": info.stored_bytes, "raw": info.raw_bytes}
            if not info.compressed:
                header["compression"] = "none"
            if info.content != "json":
                header["content"] = info.content
            pipe.hset(self.key(name), mapping=header)
            pipe.expire(self.key(name), ttl)
            kept = pipe.execute()[:info.chunks]
        if not all(kept):
            raise BlobGone(name)

    def _write_chunks(self, chunks: _ChunkWriter, pieces: Iterable[bytes], level: int | None) -> tuple[int, int]:
        """Compress (unless level is None) and write every chunk; (stored, raw) byte counts."""
        deflater, buffer = (None if level is None else compressor(level)), bytearray()
        stored = raw = 0
        for piece in pieces:
            raw += len(piece)
            buffer += piece if deflater is None else deflater.compress(piece)
            while len(buffer) >= self.chunk_bytes:
                stored += chunks.put(bytes(buffer[:self.chunk_bytes]))
                del buffer[:self.chunk_bytes]
        if deflater is not None:
            buffer += deflater.flush()
        while buffer:
            stored += chunks.put(bytes(buffer[:self.chunk_bytes]))
            del buffer[:self.chunk_bytes]
        return stored, raw

    def info(self, name: str) -> BlobInfo | None:
        """The header of a blob, or None if it is absent or expired."""
        header = self.connection.hgetall(self.key(name))
        if not header:
            return None
        return BlobInfo(int(header[b"chunks"]), int(header[b"stored"]), int(header[b"raw"]),
                        header.get(b"compression", b"gzip") != b"none", header.get(b"content", b"json").decode())

    def stored_chunks(self, name: str, info: BlobInfo) -> Iterator[bytes]:
        """The stored chunks in order, READ_BATCH per Redis MGET; stops early if the blob expired meanwhile."""
        for first in range(0, info.chunks, READ_BATCH):
            keys = [f"{self.key(name)}:{number}" for number in range(first, min(first + READ_BATCH, info.chunks))]
            for chunk in self.connection.mget(keys):
                if chunk is None:
                    raise BlobGone(name)
                yield chunk

    def pieces(self, name: str, info: BlobInfo) -> Iterator[bytes]:
        """The bytes of a blob whose header is `info`, in pieces."""
        chunks = self.stored_chunks(name, info)
        return decompressed(chunks) if info.compressed else chunks

    def read(self, name: str) -> Iterator[bytes] | None:
        """The blob's bytes in pieces, or None if it is absent."""
        info = self.info(name)
        return None if info is None else self.pieces(name, info)

    def read_buffer(self, name: str, info: BlobInfo) -> bytearray:
        """The blob's bytes in one buffer of its raw size, filled piece by piece (no second whole copy)."""
        buffer, end = bytearray(info.raw_bytes), 0
        for piece in self.pieces(name, info):
            buffer[end:end + len(piece)] = piece
            end += len(piece)
        if end != info.raw_bytes:
            raise BlobGone(name)
        return buffer

    def read_all(self, name: str) -> bytes | None:
        """The blob's bytes, or None if it is absent."""
        pieces = self.read(name)
        return None if pieces is None else b"".join(pieces)

    def delete(self, name: str) -> None:
        """Remove the header and every chunk at once."""
        info = self.info(name)
        self._delete(name, info.chunks if info else 0)

    def _delete(self, name: str, count: int) -> None:
        keys = [self.key(name), *(f"{self.key(name)}:{number}" for number in range(count))]
        for start in range(0, len(keys), 1000):
            self.connection.delete(*keys[start:start + 1000])

    def _discard(self, name: str, count: int) -> None:
        """Best-effort removal of a blob whose writing failed."""
        with contextlib.suppress(RedisError):
            self._delete(name, count)


class _ChunkWriter:
    """Writes the numbered chunks of one blob; `count` includes a chunk whose write was attempted."""

    def __init__(self, blobs: Blobs, name: str, ttl: int) -> None:
        self.blobs, self.name, self.ttl = blobs, name, ttl
        self.count = 0

    def put(self, chunk: bytes) -> int:
        """Write the next chunk; its size."""
        self.count += 1
        self.blobs.connection.set(f"{self.blobs.key(self.name)}:{self.count - 1}", chunk, ex=self.ttl)
        return len(chunk)
