"""read_snapshot and read_cloud_bundle: a source in, a canonical Snapshot (or a ReaderError) out."""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable, Iterator

from ..engine.gc_pause import paused_gc
from .cloud import CloudParts
from .csv_format import csv_records
from .detect import FORMATS, JSON_FORMATS, KINDS, SNIFF_CHARS, Detected, detect
from .encoding import open_text
from .errors import ReaderError, RecordRejected
from .json_formats import cloud_json, expand, ndjson_lines, onprem_json
from .ldif import ldif_records
from .onprem import canonical_onprem
from .snapshot import Collector, Snapshot

NAME_ATTRIBUTES = ("displayName", "givenName", "sn", "cn", "name", "distinguishedName")


def read_snapshot(source: object, kind: str | None = None, fmt: str | None = None) -> Snapshot:
    """Read one export (bytes, a path or a binary file object) into a canonical Snapshot."""
    _check_arguments(kind, fmt)
    with paused_gc():
        return _read(source, kind, fmt)


def _read(source: object, kind: str | None, fmt: str | None) -> Snapshot:
    """read_snapshot's work, with the cyclic garbage collector held."""
    text, handle = open_text(source)
    try:
        found = detect(text.peek(SNIFF_CHARS), fmt)
        kind = _resolve_kind(kind, found)
        collector = Collector()
        if kind == "onprem":
            data, parts = _read_onprem(text, found.format, collector), None
        else:
            parts = _read_cloud(text, found.format, collector)
            data = parts.finish(collector.warn)
        if text.ansi_fallback:
            collector.warn("NotUtf8", "the file is not UTF-8; it was read as Windows-1252 (ANSI). Check names "
                           "with accents, and export with -Encoding UTF8 next time.")
        return _finish(Snapshot(kind, found.format, data, collector.rejected, collector.warnings, parts), collector)
    except RecursionError:
        raise ReaderError("TooDeep", "the content is nested too deeply to be an export") from None
    except (csv.Error, zlib.error, EOFError, UnicodeError) as exc:
        raise ReaderError("Unreadable", f"the content cannot be read: {exc}",
                          hint="check that the file is a complete, unmodified export") from None
    finally:
        handle.close()


def _check_arguments(kind: str | None, fmt: str | None) -> None:
    """kind and fmt must be known names."""
    if kind is not None and kind not in KINDS:
        raise ReaderError("BadKind", f"kind {kind!r} is unknown", hint="use 'onprem' or 'cloud'")
    if fmt is not None and fmt not in FORMATS:
        raise ReaderError("BadFormat", f"format {fmt!r} is unknown", hint=f"use one of {', '.join(FORMATS)}")


def _resolve_kind(kind: str | None, found: Detected) -> str:
    """The caller's kind, checked against the content; or the detected one."""
    if kind and found.kind and kind != found.kind:
        looks = "Active Directory objects" if found.kind == "onprem" else "Entra (cloud) objects"
        raise ReaderError(
            "WrongKind", f"a {kind} snapshot was expected, but this export holds {looks}",
            hint=f"send it as kind={found.kind}, or send the {kind} export here",
        )
    if kind or found.kind:
        return kind or found.kind
    raise ReaderError("UnknownKind", "the export does not show whether it is on-prem or cloud data",
                      hint="say which: kind=onprem or kind=cloud (?kind= in the API)")


def _onprem_records(text, fmt: str, collector: Collector) -> Iterator[tuple[int, object]]:
    """(line, raw record) pairs for an on-prem export."""
    if fmt == "csv":
        return csv_records(text, "onprem", collector.warn)
    if fmt == "ldif":
        return ldif_records(text)
    if fmt == "ndjson":
        return ndjson_lines(text)
    if fmt in JSON_FORMATS:
        return onprem_json(text)
    raise ReaderError("WrongKind", f"{fmt} exports hold cloud objects, not on-prem ones", hint="send it as kind=cloud")


def _read_onprem(text, fmt: str, collector: Collector) -> dict:
    """Canonical on-prem snapshot; unusable records go to `rejected`."""
    objects = []
    for number, (line, raw) in enumerate(_onprem_records(text, fmt, collector), 1):
        try:
            if isinstance(raw, RecordRejected):
                raise raw
            obj = canonical_onprem(raw, collector.warn)
        except RecordRejected as problem:
            collector.reject(number, line, problem)
            continue
        _check_lost_characters(obj, number, collector)
        objects.append(obj)
    return {"kind": "onprem", "objects": objects}


def _cloud_entities(text, fmt: str, collector: Collector) -> Iterator[tuple[int, str | None, object]]:
    """(line, hint, entity) for a cloud export."""
    if fmt == "ndjson":
        for line, value in ndjson_lines(text):
            if isinstance(value, RecordRejected):
                yield line, None, value
            else:
                for hint, entity in expand(value, None):
                    yield line, hint, entity
    elif fmt == "csv":
        for line, row in csv_records(text, "cloud", collector.warn):
            yield line, None, row
    elif fmt in JSON_FORMATS:
        yield from cloud_json(text)
    else:
        raise ReaderError("WrongKind", f"{fmt} exports hold on-prem objects, not cloud ones",
                          hint="send it as kind=onprem")


def _read_cloud(text, fmt: str, collector: Collector) -> CloudParts:
    """Cloud entities into CloudParts; unusable records go to `rejected`."""
    parts = CloudParts()
    parts.nulls_mean_unselected = fmt == "mg-powershell-json"
    for number, (line, hint, entity) in enumerate(_cloud_entities(text, fmt, collector), 1):
        try:
            if isinstance(entity, RecordRejected):
                raise entity
            if hint == "tenant":
                parts.set_tenant(entity)
            else:
                parts.add(entity, hint, collector.warn)
        except RecordRejected as problem:
            collector.reject(number, line, problem)
    return parts


def _check_lost_characters(obj: dict, number: int, collector: Collector) -> None:
    """'?' in a name usually means the file was saved as ASCII and lost its accents."""
    for name in NAME_ATTRIBUTES:
        value = obj.get(name)
        if isinstance(value, str) and "?" in value:
            collector.warn(
                "NonAsciiLost",
                f"record {number}: {name} '{value[:80]}' contains '?': the export was probably saved as ASCII "
                "and lost non-ASCII characters (Export-Csv in Windows PowerShell 5.1 does this by default). "
                "Export again with -Encoding UTF8.",
                once=True,
            )
            return


def _finish(snapshot: Snapshot, collector: Collector) -> Snapshot:
    """Fail when nothing usable was read; summarize rejections in a warning."""
    read_anything = snapshot.objects or (
        snapshot.parts is not None
        and (snapshot.parts.domains or snapshot.parts.features_seen or snapshot.parts.roles_seen
             or snapshot.parts.role_definitions)
    )
    if not read_anything and collector.rejected:
        first = collector.first_rejection
        raise ReaderError(
            first.code or "NoUsableRecords",
            f"no record could be read: {first.reason}",
            record=first.record, line=first.line, field=first.field, hint=first.hint,
        )
    if not read_anything:
        collector.warn("NoObjects", "the export holds no objects")
    _summarize_rejections(collector)
    return snapshot


def _summarize_rejections(collector: Collector) -> None:
    """One warning saying how many records were rejected, so that callers showing only warnings see it."""
    if collector.rejected:
        first = collector.rejected[0]
        where = f"file {first['source']}, " if "source" in first else ""
        collector.warn(
            "RecordsRejected",
            f"{len(collector.rejected)} records could not be read and are listed in `rejected`; "
            f"the first, {where}record {first['record']}: {first['reason']}",
        )


def read_cloud_bundle(sources: Iterable[object]) -> Snapshot:
    """Read several cloud files (users, groups, deleted items, domains, sync features, roles) as one snapshot."""
    snapshots = [read_snapshot(source, kind="cloud") for source in sources]
    if not snapshots:
        raise ReaderError("Empty", "no cloud files were given", hint="pass at least the users export")
    return merge_cloud(snapshots)


def merge_cloud(snapshots: Iterable[Snapshot]) -> Snapshot:
    """One canonical cloud snapshot from several cloud snapshots (roles land on the users they name)."""
    parts, collector, formats = CloudParts(), Collector(), []
    for source, snap in enumerate(snapshots, 1):
        if snap.kind != "cloud":
            raise ReaderError("WrongKind", f"a {snap.kind} snapshot cannot be merged into a cloud snapshot",
                              hint="merge cloud exports only")
        parts.merge(snap.parts if snap.parts is not None else _parts_of(snap.data))
        # Record numbers count within each file; `source` says which file (1-based, in the order given).
        collector.rejected.extend({**rejection, "source": source} for rejection in snap.rejected)
        for warning in snap.warnings:
            if warning["code"] not in _MERGE_RECOMPUTED:
                collector.warn(warning["code"], warning["message"])
        formats.append(snap.format)
    data = parts.finish(collector.warn)
    _summarize_rejections(collector)
    fmt = formats[0] if len(set(formats)) == 1 else "bundle"
    return Snapshot("cloud", fmt, data, collector.rejected, collector.warnings, parts)


# Warnings about what a single file lacks; merging decides them again for the whole set.
_MERGE_RECOMPUTED = frozenset(
    {"DomainsMissing", "SyncFeaturesMissing", "RolesMissing", "RoleAssignmentsUnresolved",
     "ImmutableIdNotSelected", "PropertiesNotSelected", "NoObjects", "RecordsRejected"}
)


def _parts_of(data: dict) -> CloudParts:
    """CloudParts rebuilt from canonical cloud data."""
    parts = CloudParts()
    parts.set_tenant(data.get("tenant") or {})
    for key, hint in (("users", "user"), ("groups", "group"), ("contacts", "contact"), ("deletedUsers", "deleted")):
        for item in data.get(key) or []:
            parts.add(item, hint, lambda *a, **k: None)
    return parts
