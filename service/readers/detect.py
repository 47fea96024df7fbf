"""Which format and which kind (onprem or cloud) an export is, from its first part."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass

from . import formats
from .errors import ReaderError
from .json_formats import BUNDLE_KEYS
from .jsonstream import JsonEvents
from .names import CLOUD_ATTRIBUTES, ONPREM_ALIASES, ONPREM_ATTRIBUTES
from .registry import KINDS, Sniff

FORMATS = formats.FORMATS

SNIFF_CHARS = 1 << 18
SNIFF_RECORDS = 20
_KEY = re.compile(r'"([^"\\\n]{1,100})"\s*:')
_KIND = re.compile(r'"kind"\s*:\s*"([^"]*)"', re.IGNORECASE)
_LDIF_START = re.compile(r"^(dn|version)\s*::?", re.IGNORECASE)

ONPREM_MARKERS = frozenset(
    {"distinguishedname", "objectguid", "samaccountname", "objectsid", "propertynames", "objectclass",
     "ms-ds-consistencyguid", "iscriticalsystemobject", "objects", "dn", "sid", "usnchanged"}
)
CLOUD_MARKERS = frozenset(
    {"@odata.context", "@odata.type", "onpremisesimmutableid", "additionalproperties", "businessphones",
     "onpremisessyncenabled", "isverified", "isinitial", "principalid", "roledefinitionid", "id",
     "securityenabled", "mailenabled", "deleteddatetime", "features", "value",
     # the Entra PowerShell module's alias properties
     "objectid", "dirsyncfeature", "dirsyncenabled", "immutableid", "deletiontimestamp"}
)
KNOWN_COLUMNS = frozenset(
    [n.lower() for n in ONPREM_ATTRIBUTES] + list(ONPREM_ALIASES) + [n.lower() for n in CLOUD_ATTRIBUTES]
)


@dataclass
class Detected:
    """What detection found."""

    format: str
    kind: str | None


class _StringSource:
    """read() over a string, for sniffing a prefix with the streaming parser."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0

    def read(self, size: int = -1) -> str:
        """Like TextSource.read."""
        end = len(self._text) if size < 0 else self._pos + size
        piece = self._text[self._pos : end]
        self._pos += len(piece)
        return piece


def detect(head: str, fmt: str | None) -> Detected:
    """Format and kind (None when the content does not tell) from the first characters."""
    text = head.lstrip("\ufeff \t\r\n")
    if not text:
        raise ReaderError("Empty", "the export is empty", hint="check that the export command found objects")
    family = formats.get(fmt).family if fmt else _format_family(text)
    sniff = _sniff(text, family)
    if fmt is not None and fmt != "json":  # "json" asks for the JSON family: which JSON export is detected
        kinds = formats.get(fmt).kinds
        return Detected(fmt, sniff.kind or (kinds[0] if len(kinds) == 1 else None))
    found = formats.detected(sniff)
    return Detected(found.name, sniff.kind or (found.kinds[0] if len(found.kinds) == 1 else None))


def _sniff(text: str, family: str) -> Sniff:
    """What detection needs from the first part of an export of that family."""
    if family == "ldif":
        return Sniff(text, family, "onprem")
    if family == "csv":
        header = tuple(_csv_header_fields(text))
        return Sniff(text, family, _csv_kind(text), header=header)
    top = {k.lower() for k in _top_keys(text)} if family in ("json", "ndjson") else set()
    keys = set(_KEY.findall(text))
    return Sniff(text, family, _json_kind(text, top, keys), frozenset(top), frozenset(keys))


def _format_family(text: str) -> str:
    """json, ndjson, csv or ldif from how the text starts."""
    if text[0] in "{[":
        return "ndjson" if _is_ndjson(text) else "json"
    first = _first_meaningful_line(text)
    if _LDIF_START.match(first):
        return "ldif"
    if text.startswith("#TYPE") or _csv_header_fields(text):
        return "csv"
    raise ReaderError(
        "UnknownFormat", "the content is not JSON, NDJSON, CSV or LDIF",
        line=1, hint="export with scripts/Export-SyncMatchSnapshot.ps1, ConvertTo-Json, Export-Csv, csvde or ldifde",
    )


def _first_meaningful_line(text: str) -> str:
    """First line that is neither blank nor an LDIF comment."""
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            return line
    return ""


def _is_ndjson(text: str) -> bool:
    """One complete record per line, with at least two lines, and not Graph pages."""
    lines = [line for line in text.splitlines()[:3] if line.strip()]
    if len(lines) < 2 or not lines[1].lstrip().startswith("{"):
        return False
    try:
        first = json.loads(lines[0])
    except (ValueError, RecursionError):
        return False
    if not isinstance(first, dict):
        return False
    return not ({k.lower() for k in first if isinstance(k, str)} & (BUNDLE_KEYS | {"value", "objects", "kind"}))


def _csv_header_fields(text: str) -> list[str]:
    """Header names of a CSV export, or [] when the first line is not one."""
    lines = text.splitlines()
    if not lines:
        return []
    header = lines[1] if lines[0].startswith("#TYPE") and len(lines) > 1 else lines[0]
    best: list[str] = []
    for delimiter in (",", ";", "\t"):
        try:
            fields = next(csv.reader([header], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(fields) > len(best):
            best = fields
    known = [f for f in best if f.strip().lower() in KNOWN_COLUMNS]
    return best if len(best) >= 2 and known else []


def _csv_kind(text: str) -> str | None:
    """Kind of a CSV export from its column names."""
    names = {f.strip().lower() for f in _csv_header_fields(text)}
    return _kind_from_keys(names)


def _kind_from_keys(keys: set[str]) -> str | None:
    """onprem or cloud by counting marker attribute names; None when undecided."""
    onprem = len(keys & ONPREM_MARKERS)
    cloud = len(keys & CLOUD_MARKERS)
    if onprem > cloud:
        return "onprem"
    if cloud > onprem:
        return "cloud"
    return None


def _top_keys(text: str) -> set[str]:
    """Member names of the first top-level object, as far as the prefix and the first records go."""
    keys: set[str] = set()
    items = 0
    try:
        for event in JsonEvents(_StringSource(text)):
            if event[0] in ("member", "open"):
                keys.add(event[1])
            items += event[0] == "item"
            if event[0] == "end" or items >= SNIFF_RECORDS:
                break
    except ReaderError:
        pass  # the prefix ends mid-document, or the document is broken: parsing will say where
    return keys


def _declared_kind(match: re.Match[str], text: str) -> str:
    """The `kind` a canonical snapshot declares, which must be onprem or cloud."""
    kind = match.group(1).strip().lower()
    if kind not in KINDS:
        raise ReaderError("BadKind", f"kind is {match.group(1)!r}; it must be 'onprem' or 'cloud'",
                          line=text.count("\n", 0, match.start()) + 1, field="kind")
    return kind


def _json_kind(text: str, lowered: set[str], keys: set[str]) -> str | None:
    """The kind a JSON export declares, or the one its member names point to."""
    declared = _KIND.search(text[:4096])
    if declared and "kind" in lowered:
        return _declared_kind(declared, text)
    kind = _kind_from_keys({k.lower() for k in keys} | lowered)
    if kind is None and lowered & BUNDLE_KEYS:
        kind = "cloud"
    return kind
