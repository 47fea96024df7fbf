"""LDIF from ldifde (with or without -u, with or without an -l attribute list)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..ldif import ldif_records
from ..registry import Format

if TYPE_CHECKING:
    from ..encoding import TextSource
    from ..registry import Warn


def records(text: TextSource, _kind: str, _warn: Warn) -> Iterator[tuple[Any, ...]]:
    """(line, attribute dict) per entry."""
    return ldif_records(text)


FORMAT: Format = Format("ldif", "ldif", ("onprem",), records, lambda _sniff: True, summary="ldifde",
                        encoding_note="export with ldifde -u (Unicode) next time",
                        lost_letters_note="Export again with ldifde -u (Unicode).")
