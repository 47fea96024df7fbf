"""Bytes in, text out: sources, gzip, byte-order marks, UTF-16 without BOM, ANSI fallback."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import threading
import zlib
from collections.abc import Iterator
from typing import BinaryIO, cast

from .errors import ReaderError

CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"
_fallbacks = threading.local()


def _ansi_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252 (what PowerShell 5.1 `Set-Content` writes)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _fallbacks.count = getattr(_fallbacks, "count", 0) + 1
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "") or bad.decode("latin-1"), exc.end


codecs.register_error("syncmatch-ansi", _ansi_fallback)


class ByteReader:
    """A binary stream with peek(), over bytes, a path or any object with read()."""

    def __init__(self, stream: BinaryIO, closer: BinaryIO | None = None) -> None:
        self._stream = stream
        self._head = b""
        self.closer = closer

    def peek(self, size: int) -> bytes:
        """Up to `size` bytes without consuming them."""
        while len(self._head) < size:
            more = self._raw(size - len(self._head))
            if not more:
                break
            self._head += more
        return self._head[:size]

    def read(self, size: int = -1) -> bytes:
        """Read like a file object."""
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._raw(-1), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            if len(data) < size:
                data += self._raw(size - len(data))
            return data
        return self._raw(size)

    def _raw(self, size: int) -> bytes:
        """Read from the underlying stream; a damaged or cut gzip stream becomes a ReaderError."""
        try:
            return self._stream.read(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise gzip_error(exc) from None

    def close(self) -> None:
        """Close the file this reader opened, if any."""
        if self.closer is not None:
            self.closer.close()


def open_source(source: object) -> ByteReader:
    """A ByteReader over bytes, a path (str or PathLike) or a binary file object."""
    if isinstance(source, bytes | bytearray | memoryview):
        return ByteReader(io.BytesIO(bytes(source)))
    if isinstance(source, str | os.PathLike):
        try:
            handle = open(source, "rb")  # noqa: SIM115 - closed by ByteReader.close()
        except OSError as exc:
            raise ReaderError(
                "CannotOpen", f"cannot open {os.fspath(source)!r}: {exc.strerror or exc}",
                hint="check the file name and the folder it is in",
            ) from None
        return ByteReader(handle, closer=handle)
    if hasattr(source, "read"):
        return ByteReader(cast(BinaryIO, source))
    raise ReaderError(
        "BadSource", f"cannot read a {type(source).__name__}",
        hint="pass bytes, a file path or a binary file object",
    )


def ungzip(raw: ByteReader) -> tuple[ByteReader, bool]:
    """Decompress gzip (streaming) when the magic bytes say so."""
    if raw.peek(2) != GZIP_MAGIC:
        return raw, False
    stream = cast(BinaryIO, raw)  # ByteReader offers read(size), all GzipFile uses
    return ByteReader(cast(BinaryIO, gzip.GzipFile(fileobj=stream, mode="rb")), closer=stream), True


def sniff_encoding(raw: ByteReader) -> tuple[str, int]:
    """(codec, BOM length) from the byte-order mark, the NUL pattern of UTF-16, or UTF-8."""
    head = raw.peek(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    sample = raw.peek(256)
    pairs = len(sample) // 2
    if pairs >= 2:
        even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
        odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
        # ASCII text in UTF-16: every other byte is NUL.
        if odd >= 0.7 * pairs and even == 0:
            return "utf-16-le", 0
        if even >= 0.7 * pairs and odd == 0:
            return "utf-16-be", 0
    return "utf-8", 0


def gzip_error(exc: BaseException) -> ReaderError:
    """The ReaderError for a gzip stream that cannot be decompressed."""
    if isinstance(exc, EOFError):
        return ReaderError("TruncatedGzip", "the gzip data ends before its end marker: the file was cut off",
                           hint="compress or upload the file again")
    return ReaderError("CorruptGzip", f"the gzip data is damaged: {exc}", hint="compress or upload the file again")


class TextSource:
    """Decoded text read in chunks, with read(), readline(), peek() and line iteration."""

    def __init__(self, raw: ByteReader, encoding: str, bom: int = 0, chunk: int = CHUNK) -> None:
        self.encoding = encoding
        self.ansi_fallback = False
        self._raw = raw
        self._chunk = chunk
        errors = "syncmatch-ansi" if encoding == "utf-8" else "strict"
        self._decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
        self._buf = ""
        self._pos = 0
        self._eof = False
        if bom:
            raw.read(bom)

    def _decode_more(self, want: int) -> str:
        """The next piece of decoded text; '' only at the end of the input."""
        while not self._eof:
            before = getattr(_fallbacks, "count", 0)
            try:
                data = self._raw.read(max(want, self._chunk))
                text = self._decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                raise ReaderError(
                    "EncodingError", f"the file is not valid {self.encoding.upper()}: {exc.reason}",
                    hint="save the export as UTF-8 (Out-File -Encoding utf8 / Export-Csv -Encoding UTF8)",
                ) from None
            except (EOFError, OSError, zlib.error) as exc:
                raise gzip_error(exc) from None
            if getattr(_fallbacks, "count", 0) != before:
                self.ansi_fallback = True
            if not data:
                self._eof = True
            if text:
                return text
        return ""

    def _fill(self, want: int) -> bool:
        """Append decoded text to the buffer (dropping what was consumed); False at the end."""
        text = self._decode_more(want)
        if not text:
            return False
        self._buf = self._buf[self._pos :] + text
        self._pos = 0
        return True

    def _available(self) -> int:
        """Characters buffered and not yet consumed."""
        return len(self._buf) - self._pos

    def read(self, size: int = -1) -> str:
        """Up to `size` characters ('' at the end); -1 reads everything."""
        if size is None or size < 0:
            while self._fill(self._chunk):
                pass
            size = self._available()
        while self._available() < size and self._fill(size - self._available()):
            pass
        text = self._buf[self._pos : self._pos + size]
        self._pos += len(text)
        return text

    def readline(self) -> str:
        """One line including its newline ('' at the end)."""
        start = self._pos
        while True:
            cut = self._buf.find("\n", start)
            if cut >= 0:
                line = self._buf[self._pos : cut + 1]
                self._pos = cut + 1
                return line
            scanned = len(self._buf) - self._pos
            if not self._fill(self._chunk):
                line = self._buf[self._pos :]
                self._pos = len(self._buf)
                return line
            start = self._pos + scanned

    def peek(self, size: int) -> str:
        """Up to `size` characters without consuming them."""
        while self._available() < size and self._fill(size - self._available()):
            pass
        return self._buf[self._pos : self._pos + size]

    def __iter__(self) -> Iterator[str]:
        """Lines, as for a text file."""
        while True:
            line = self.readline()
            if not line:
                return
            yield line


def open_text(source: object) -> tuple[TextSource, ByteReader]:
    """Decoded text for a source, plus the ByteReader to close afterwards."""
    raw = open_source(source)
    try:
        data, _zipped = ungzip(raw)
        if data is not raw:
            try:
                data.peek(4)
            except (EOFError, OSError, zlib.error) as exc:
                raise gzip_error(exc) from None
        encoding, bom = sniff_encoding(data)
        return TextSource(data, encoding, bom), data
    except BaseException:
        raw.close()
        raise
