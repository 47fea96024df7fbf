"""Streaming JSON: top-level documents as events, arrays one element at a time.

Arrays at the top level, and arrays held directly by a top-level object, are read element
by element (PowerShell and Graph exports put their records there); everything else is
decoded whole with the standard library. Several documents in a row (Graph pages) are read
one after the other.

Events, per document: ("doc", line, "array"|"object"|"scalar"); ("open", key, line) when a
top-level member holds an array; ("item", key, line, value) per element (key None at the top
level); ("member", key, line, value) for other top-level members; ("end",).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .errors import ReaderError

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER_TAIL = re.compile(r"[0-9.eE+-]*\Z")
_CHUNK = 1 << 20
# A decode error this close to the end of the buffer may only mean the buffer ends early.
_TAIL = 32

# What may be left where the input stops mid-value: nothing, or the start of true, false, null or a number.
_CUT_LITERAL = re.compile(r"\s*(?:t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?|-)?\s*\Z")

TOO_LARGE = "holds an integer of more than 4300 digits, too large to be a directory value"
TRUNCATED_HINT = "the file was cut off: export, copy or upload it again and check its size"


class JsonEvents:
    """Iterates the events of the JSON documents in a text source."""

    def __init__(self, source: Any, chunk: int = _CHUNK) -> None:  # TextSource or a string source
        self._source = source
        self._chunk = chunk
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 1
        self._counted = 0
        self._column_base = 0  # characters of the current line dropped from the buffer, for column numbers
        # NaN and Infinity are not JSON and no exporter writes them; they would break the report.
        self._decoder = json.JSONDecoder(parse_constant=lambda _name: None)

    # -- buffer ------------------------------------------------------------------------------

    def _more(self) -> bool:
        """Read more text, dropping what was consumed; False at the end of the input."""
        if self._eof:
            return False
        self._line_at(self._pos)
        newline = self._buf.rfind("\n", 0, self._pos)
        self._column_base = self._pos - newline - 1 if newline >= 0 else self._column_base + self._pos
        self._buf = self._buf[self._pos :]
        self._counted -= self._pos
        self._pos = 0
        data = self._source.read(max(self._chunk, len(self._buf)))
        if not data:
            self._eof = True
            return False
        self._buf += data
        return True

    def _line_at(self, pos: int) -> int:
        """Line number of a buffer position at or after the last one asked for."""
        if pos > self._counted:
            self._line += self._buf.count("\n", self._counted, pos)
            self._counted = pos
        return self._line

    def _peek_char(self) -> str:
        """Next non-blank character ('' at the end), not consumed."""
        while True:
            self._pos = _WS.match(self._buf, self._pos).end()  # type: ignore[union-attr]  # matches even ""
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    # -- errors ------------------------------------------------------------------------------

    def _error(self, message: str, pos: int) -> ReaderError:
        """A ReaderError naming the line and column of `pos`: truncation when the input just stops."""
        line = self._line_at(pos)
        newline = self._buf.rfind("\n", 0, pos)
        column = pos - newline if newline >= 0 else self._column_base + pos + 1
        rest = self._buf[pos:]
        # JSON strings cannot hold raw line breaks, so an unterminated one runs into the end of the input.
        stops = message.startswith("Unterminated string") or _CUT_LITERAL.match(rest) is not None
        if self._eof and stops:
            return ReaderError(
                "TruncatedJson", f"the JSON ends before the document is complete ({message})",
                line=line, hint=TRUNCATED_HINT,
            )
        return ReaderError(
            "InvalidJson", f"is not valid JSON at column {column}: {message}", line=line,
            hint="export again with ConvertTo-Json (or save the Graph response unchanged)",
        )

    def _expect(self, wanted: str, where: str) -> None:
        """Consume one structural character or fail with where it was expected."""
        found = self._peek_char()
        if found != wanted:
            raise self._error(f"expected '{wanted}' {where}", self._pos)
        self._pos += 1

    # -- values ------------------------------------------------------------------------------

    def _value(self) -> tuple[int, object]:
        """(line, value) of the next complete JSON value."""
        self._peek_char()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                near_end = exc.pos >= len(self._buf) - _TAIL or exc.msg.startswith("Unterminated string")
                if near_end and not self._eof:
                    # Decode again, over more text or over the same text now known to be all of it: _more()
                    # moves the buffer, so exc.pos no longer points into it.
                    self._more()
                    continue
                raise self._error(exc.msg, exc.pos) from None
            except RecursionError:
                raise ReaderError(
                    "TooDeep", "the JSON is nested too deeply to be an export", line=self._line_at(self._pos),
                    hint="check that the file is a directory export",
                ) from None
            except ValueError:  # int() refuses a number of more than 4300 digits
                raise ReaderError("NumberTooLarge", TOO_LARGE, line=self._line_at(self._pos),
                                  hint="check the export: no directory attribute holds such a number") from None
            # A number running into the end of the buffer ("-1." or "12") may continue in the next chunk.
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and _NUMBER_TAIL.match(self._buf, end) and not self._eof:
                self._more()
                continue
            line = self._line_at(self._pos)
            self._pos = end
            return line, value

    def _key(self) -> str:
        """The next member name."""
        if self._peek_char() != '"':
            raise self._error("expected a property name in double quotes", self._pos)
        _line, key = self._value()
        self._expect(":", "after a property name")
        return key  # type: ignore[return-value]  # a JSON string: the quote was seen

    def _array(self, key: str | None) -> Iterator[tuple[Any, ...]]:
        """Item events for the elements of the array being read."""
        if self._peek_char() == "]":
            self._pos += 1
            return
        while True:
            line, value = self._value()
            yield ("item", key, line, value)
            char = self._peek_char()
            if char == ",":
                self._pos += 1
            elif char == "]":
                self._pos += 1
                return
            else:
                raise self._error("expected ',' or ']' after an array element", self._pos)

    def _object(self) -> Iterator[tuple[Any, ...]]:
        """Member, open and item events for the top-level object being read."""
        if self._peek_char() == "}":
            self._pos += 1
            return
        while True:
            key = self._key()
            if self._peek_char() == "[":
                line = self._line_at(self._pos)
                self._pos += 1
                yield ("open", key, line)
                yield from self._array(key)
            else:
                line, value = self._value()
                yield ("member", key, line, value)
            char = self._peek_char()
            if char == ",":
                self._pos += 1
            elif char == "}":
                self._pos += 1
                return
            else:
                raise self._error("expected ',' or '}' after a property", self._pos)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        """Events of every document in the source."""
        while True:
            char = self._peek_char()
            if not char:
                return
            line = self._line_at(self._pos)
            if char == "[":
                self._pos += 1
                yield ("doc", line, "array")
                yield from self._array(None)
            elif char == "{":
                self._pos += 1
                yield ("doc", line, "object")
                yield from self._object()
            else:
                line, value = self._value()
                yield ("doc", line, "scalar")
                yield ("item", None, line, value)
            yield ("end",)
