"""The report as indented JSON, written in pieces: a report of 1,000,000 objects is never one bytes object."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

INDENT = orjson.OPT_INDENT_2
RESULTS_PER_PIECE = 2_000
# orjson writes the top-level members at two spaces; JSON text holds no raw line break inside a string.
RESULTS_MEMBER = b'\n  "results": []'


def pieces(report: dict) -> Iterator[bytes]:
    """The bytes of orjson.dumps(report, OPT_INDENT_2 | OPT_APPEND_NEWLINE), piece by piece."""
    results = report.get("results")
    if not isinstance(results, list) or not results:
        yield orjson.dumps(report, option=INDENT | orjson.OPT_APPEND_NEWLINE)
        return
    frame = orjson.dumps({**report, "results": []}, option=INDENT | orjson.OPT_APPEND_NEWLINE)
    head, tail = frame.split(RESULTS_MEMBER, 1)
    yield head + b'\n  "results": ['
    for start in range(0, len(results), RESULTS_PER_PIECE):
        yield (b"," if start else b"") + _items(results[start : start + RESULTS_PER_PIECE])
    yield b"\n  ]" + tail


def _items(results: list) -> bytes:
    """Results as array items two levels deep: '\\n    {...},\\n    {...}' without the brackets."""
    text = orjson.dumps(results, option=INDENT)  # b"[\n  {...},\n  {...}\n]"
    return text[1:-2].replace(b"\n", b"\n  ")
