"""Large values in Redis: one gzip stream cut into chunks (none over 64 MiB), plus a small header hash."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

GZIP_WBITS = 31  # zlib's wbits for the gzip container
READ_PIECE = 1024 * 1024


@dataclass(frozen=True)
class BlobInfo:
    """What was written: chunk count, compressed and uncompressed sizes."""

    chunks: int
    stored_bytes: int
    raw_bytes: int


def compressor(level: int = 6):
    """A streaming gzip compressor."""
    return zlib.compressobj(level, zlib.DEFLATED, GZIP_WBITS)


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
    """Chunked, gzip-compressed values: header at `{namespace}:{name}`, chunks at `{namespace}:{name}:{n}`."""

    def __init__(self, connection, namespace: str, chunk_bytes: int) -> None:
        self.connection = connection
        self.namespace = namespace
        self.chunk_bytes = chunk_bytes

    def key(self, name: str) -> str:
        """The header key of a blob."""
        return f"{self.namespace}:{name}"

    def write(self, name: str, pieces: Iterable[bytes], ttl: int, level: int = 6) -> BlobInfo:
        """Compress `pieces` into chunks with a TTL; the header is written last, so a half-written blob is absent."""
        deflater, buffer = compressor(level), bytearray()
        chunks = stored = raw = 0
        for piece in pieces:
            raw += len(piece)
            buffer += deflater.compress(piece)
            while len(buffer) >= self.chunk_bytes:
                self._put_chunk(name, chunks, bytes(buffer[:self.chunk_bytes]), ttl)
                del buffer[:self.chunk_bytes]
                chunks, stored = chunks + 1, stored + self.chunk_bytes
        buffer += deflater.flush()
        while buffer:
            size = min(len(buffer), self.chunk_bytes)
            self._put_chunk(name, chunks, bytes(buffer[:size]), ttl)
            del buffer[:size]
            chunks, stored = chunks + 1, stored + size
        with self.connection.pipeline(transaction=True) as pipe:
            pipe.hset(self.key(name), mapping={"chunks": chunks, "stored": stored, "raw": raw})
            pipe.expire(self.key(name), ttl)
            pipe.execute()
        return BlobInfo(chunks, stored, raw)

    def info(self, name: str) -> BlobInfo | None:
        """The header of a blob, or None if it is absent or expired."""
        header = self.connection.hgetall(self.key(name))
        if not header:
            return None
        return BlobInfo(int(header[b"chunks"]), int(header[b"stored"]), int(header[b"raw"]))

    def compressed_chunks(self, name: str, info: BlobInfo) -> Iterator[bytes]:
        """The stored chunks one by one (one Redis GET each); stops early if the blob expired meanwhile."""
        for number in range(info.chunks):
            chunk = self.connection.get(f"{self.key(name)}:{number}")
            if chunk is None:
                raise BlobGone(name)
            yield chunk

    def read(self, name: str) -> Iterator[bytes] | None:
        """The blob's bytes in pieces, or None if it is absent."""
        info = self.info(name)
        if info is None:
            return None
        return decompressed(self.compressed_chunks(name, info))

    def read_all(self, name: str) -> bytes | None:
        """The blob's bytes, or None if it is absent."""
        pieces = self.read(name)
        return None if pieces is None else b"".join(pieces)

    def delete(self, name: str) -> None:
        """Remove the header and every chunk at once."""
        info = self.info(name)
        count = info.chunks if info else 0
        keys = [self.key(name), *(f"{self.key(name)}:{number}" for number in range(count))]
        for start in range(0, len(keys), 1000):
            self.connection.delete(*keys[start:start + 1000])

    def _put_chunk(self, name: str, number: int, chunk: bytes, ttl: int) -> None:
        self.connection.set(f"{self.key(name)}:{number}", chunk, ex=ttl)


class BlobGone(LookupError):
    """A blob's chunk expired or was deleted while it was being read."""
