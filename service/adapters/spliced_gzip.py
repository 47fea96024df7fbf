"""One gzip stream spliced from pieces compressed apart, so that stored chunks are sent without inflating them again.

Each piece is a raw deflate stream from a fresh compressor, ended with a sync flush: its blocks are not final, it
ends on a byte boundary and refers to nothing before it, so pieces laid end to end are one valid deflate stream
(RFC 1951, section 3.2.3; pigz splices its threads' output the same way). A gzip header before them, a final
piece, and a trailer with the CRC-32 and length of all the uncompressed bytes (RFC 1952, section 2.3) make one
gzip member: the kind every client inflates, unlike several members one after the other.
"""

from __future__ import annotations

import struct
import zlib

RAW_WBITS = -15  # zlib's wbits for deflate without a container
# ID1 ID2, CM deflate, no flags, no modification time, no extra flags, OS unknown.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def piece(data: bytes, level: int) -> bytes:
    """`data` as a raw deflate piece that later pieces may follow."""
    deflater = zlib.compressobj(level, zlib.DEFLATED, RAW_WBITS)
    return deflater.compress(data) + deflater.flush(zlib.Z_SYNC_FLUSH)


def last_piece(data: bytes) -> bytes:
    """`data` as the final raw deflate piece: the stream ends after it."""
    deflater = zlib.compressobj(1, zlib.DEFLATED, RAW_WBITS)
    return deflater.compress(data) + deflater.flush()


def inflated(data: bytes) -> bytes:
    """The bytes of one piece (final or not); zlib.error when it is not deflate."""
    return zlib.decompressobj(RAW_WBITS).decompress(data)


def trailer(crc: int, size: int) -> bytes:
    """The gzip trailer of uncompressed bytes with this CRC-32 and length."""
    return struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)
