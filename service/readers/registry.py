"""The registry of export formats: each format is one module in formats/, named here by its Format."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

KINDS = ("onprem", "cloud")
# warn(code, message, ...): what a reader calls to add a warning to the snapshot.
Warn = Callable[..., None]


@dataclass(frozen=True)
class Sniff:
    """What detection saw in the first part of an export."""

    text: str
    family: str
    kind: str | None
    top_keys: frozenset[Any] = frozenset()  # lower-cased member names of the first records
    keys: frozenset[Any] = frozenset()  # every "name": in the prefix, as spelled
    header: tuple[Any, ...] = ()  # CSV header fields


# records(text, kind, warn) -> on-prem: (line, raw record); cloud: (line, hint, entity). A raw record or entity
# may be a RecordRejected when it could not be parsed at all.
Records = Callable[[Any, str, Callable[..., None]], Iterator[tuple[Any, ...]]]


@dataclass(frozen=True)
class Format:
    """One export format: its name, the kinds it holds, how to recognise it and how to read it."""

    name: str
    family: str
    kinds: tuple[str, ...]
    records: Records
    detect: Callable[[Sniff], bool] = field(default=lambda _sniff: False)
    priority: int = 50  # lower is tried first within a family
    summary: str = ""
    nulls_mean_unselected: bool = False  # PowerShell objects list every property, null when not selected
    encoding_note: str = "export with -Encoding UTF8 next time"  # what to say when the file is ANSI
    lost_letters_note: str = "Export again with -Encoding UTF8 (Export-Csv -Encoding UTF8, Out-File -Encoding utf8)."
