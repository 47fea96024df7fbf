"""Records out of Export-Csv files: optional #TYPE line, any delimiter, joined multi-valued cells."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .cloud import camel
from .errors import ReaderError, RecordRejected
from .names import CLOUD_MULTI_VALUED, ONPREM_MULTI_VALUED, onprem_name
from .values import is_type_name

if TYPE_CHECKING:
    from .encoding import TextSource
    from .registry import Warn

DELIMITERS = (",", ";", "\t")
_SPLIT = re.compile(r"\s*(?:;|\|)\s*")
# Get-ADUser | Export-Csv writes '#TYPE Microsoft.ActiveDirectory.Management.ADUser'.
TYPE_CLASSES = {"aduser": "user", "adgroup": "group", "adcomputer": "computer"}

csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 1 << 26)))


def _delimiter(header: str) -> str:
    """The delimiter that splits the header line into the most columns (-UseCulture gives ';')."""
    def count(d: str) -> int:
        try:
            return len(next(csv.reader([header], delimiter=d)))
        except (csv.Error, StopIteration):
            return 0
    return max(DELIMITERS, key=count)


def _type_class(type_line: str) -> str | None:
    """objectClass implied by the #TYPE line, if any."""
    name = type_line[len("#TYPE") :].strip().rsplit(".", 1)[-1].lower()
    return TYPE_CLASSES.get(name)


def _multi_valued(column: str, kind: str) -> bool:
    """Whether a column holds a joined multi-valued attribute."""
    if kind == "onprem":
        return onprem_name(column)[0] in ONPREM_MULTI_VALUED
    return camel(column) in CLOUD_MULTI_VALUED


def split_cell(value: str) -> list[str]:
    """'a;b', 'a|b' or one value per line -> list (type-name literals are left for the checks)."""
    if is_type_name(value):
        return [value]
    parts = _SPLIT.split(value) if (";" in value or "|" in value) else value.splitlines()
    return [p.strip() for p in parts if p.strip()]


def csv_records(text: TextSource, kind: str, warn: Warn) -> Iterator[tuple[int, object]]:
    """(line, row dict) per data row; rows with the wrong number of cells become rejections."""
    lines = iter(text)
    first = next(lines, "")
    offset, object_class = 0, None
    if first.startswith("#TYPE"):
        object_class = _type_class(first)
        offset, first = 1, next(lines, "")
    reader = csv.reader(_chain(first, lines), delimiter=_delimiter(first))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
        multi = [_multi_valued(h, kind) for h in header]
        has_class = any(onprem_name(h)[0] == "objectClass" for h in header)
        if kind == "onprem" and not has_class and object_class is None:
            warn("ObjectClassMissing", "the CSV has no ObjectClass column: objects have no class and "
                     "will be skipped by matching. Include ObjectClass in the export.")
        previous = reader.line_num
        for row in reader:
            line = previous + 1 + offset
            previous = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            yield line, _row(header, multi, row, object_class, keep_empty=kind == "cloud")
    except csv.Error as exc:
        raise ReaderError("InvalidCsv", f"is not valid CSV: {exc}", line=reader.line_num + offset,
                          hint="export again with Export-Csv -NoTypeInformation -Encoding UTF8") from None


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    """The header line, then the others."""
    yield first
    yield from rest


def _row(header: list[str], multi: list[bool], row: list[str], object_class: str | None,
         keep_empty: bool = False) -> object:
    """A row as an attribute dict; empty cells are absent (null for cloud exports: selected, but empty)."""
    if len(row) != len(header):
        return RecordRejected(
            f"the row has {len(row)} cells but the header has {len(header)} columns",
            code="WrongColumnCount",
            hint="a value holds an unquoted delimiter or line break: export again with Export-Csv",
        )
    record: dict[str, Any] = {}
    for name, is_multi, cell in zip(header, multi, row, strict=True):
        if not name:
            continue
        if not cell.strip():
            if keep_empty:
                record[name] = None
            continue
        record[name] = split_cell(cell) if is_multi else cell
    if object_class and not any(onprem_name(h)[0] == "objectClass" for h in record):
        record["objectClass"] = object_class
    return record
