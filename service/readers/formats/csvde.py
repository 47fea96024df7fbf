"""csvde exports: a header of LDAP names starting with DN, `;`-joined multi-values, X'hex' binary values.

csvde writes the system's ANSI code page unless run with -u (UTF-16LE); both are read. Every multi-valued
attribute is joined with `;` and written without escaping, so only attributes known to be multi-valued
are split. (Assumption: a value of a single-valued attribute that holds `;` is kept whole.)
"""

from __future__ import annotations

import base64
import csv
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..dn import DN_KEY, one_dn
from ..errors import ReaderError, RecordRejected
from ..ldif import OPERATIONAL
from ..names import ONPREM_BINARY, ONPREM_GUIDS, ONPREM_MULTI_VALUED, ONPREM_SIDS, onprem_name
from ..registry import Format, Sniff

if TYPE_CHECKING:
    from ..encoding import TextSource
    from ..registry import Warn

_HEX = re.compile(r"X'([0-9A-Fa-f]*)'\Z")


def detect(sniff: Sniff) -> bool:
    """The first column of a csvde header is DN."""
    return bool(sniff.header) and sniff.header[0].strip().lstrip("\ufeff").lower() == "dn"


def value(canonical: str, cell: str) -> object:
    """X'hex' as bytes for the binary attributes the readers convert, as base64 text for others; else the text."""
    match = _HEX.match(cell.strip())
    if not match:
        return cell
    if len(match.group(1)) % 2:
        raise RecordRejected(f"{canonical} holds {cell.strip()[:40]!r}, an odd number of hex digits", field=canonical,
                             code="BadValue", hint="export again with csvde; do not edit the file")
    raw = bytes.fromhex(match.group(1))
    if canonical in ONPREM_GUIDS or canonical in ONPREM_SIDS or canonical in ONPREM_BINARY:
        return raw
    return base64.b64encode(raw).decode("ascii")  # as ldifde's binary values of attributes not read


def values(name: str, cell: str) -> list[Any]:
    """The values of one cell: split on `;` for multi-valued attributes and for binary values."""
    canonical = onprem_name(name)[0]
    binary = cell.startswith("X'")
    parts = cell.split(";") if canonical in ONPREM_MULTI_VALUED or binary else [cell]
    return [value(canonical, p) for p in parts if p.strip()]


def _row(header: list[str], row: list[str]) -> object:
    """A row as an attribute dict, its DN folded into distinguishedName."""
    if len(row) != len(header):
        return RecordRejected(f"the row has {len(row)} cells but the header has {len(header)} columns",
                              code="WrongColumnCount", hint="export again with csvde; do not edit the file")
    record: dict[str, Any] = {}
    try:
        for name, cell in zip(header, row, strict=True):
            key = DN_KEY if name.lower() == "dn" else name
            if not name or not cell.strip() or key.lower() in OPERATIONAL:
                continue
            record[key] = values(name, cell)
        return one_dn(record)
    except RecordRejected as exc:
        return exc


def records(text: TextSource, _kind: str, _warn: Warn) -> Iterator[tuple[Any, ...]]:
    """(line, attribute dict) per row."""
    reader = csv.reader(text)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
        previous = reader.line_num
        for row in reader:
            line, previous = previous + 1, reader.line_num
            if row and any(cell.strip() for cell in row):
                yield line, _row(header, row)
    except csv.Error as exc:
        raise ReaderError("InvalidCsv", f"is not valid CSV: {exc}", line=reader.line_num,
                          hint="export again with csvde -f file.csv (add -u for Unicode)") from None


FORMAT: Format = Format("csvde", "csv", ("onprem",), records, detect, priority=10, summary="csvde",
                        encoding_note="export with csvde -u (Unicode) next time",
                        lost_letters_note="Export again with csvde -u (Unicode).")
