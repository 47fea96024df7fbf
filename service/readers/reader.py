"""read_snapshot and read_cloud_bundle: a source in, a canonical Snapshot (or a ReaderError) out."""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable
from typing import Any

from ..engine.gc_pause import paused_gc
from . import fastjson, fastrecords, formats
from .cloud import CloudParts
from .detect import FORMATS, SNIFF_CHARS, Detected, detect
from .encoding import TextSource, open_text
from .errors import ReaderError, RecordRejected
from .json_formats import BUNDLE_HINTS
from .lost import LostLetters
from .onprem import canonical_onprem
from .registry import KINDS, Format
from .snapshot import Collector, Snapshot


def read_snapshot(source: object, kind: str | None = None, fmt: str | None = None) -> Snapshot:
    """Read one export (bytes, a path or a binary file object) into a canonical Snapshot."""
    _check_arguments(kind, fmt)
    with paused_gc():
        start = fastjson.rereadable(source)
        if start is not None:
            fast = _read_fast(source, kind, fmt, start)
            if fast is not None:
                return fast
            fastjson.rewind(source, start)
        return _read(source, kind, fmt)


# What the general path turns into a ReaderError of its own: the fast path leaves those to it.
_UNREADABLE = (ReaderError, RecursionError, csv.Error, zlib.error, EOFError, UnicodeError, OSError)


def _read_fast(source: object, kind: str | None, fmt: str | None, start: int) -> Snapshot | None:
    """A canonical JSON snapshot decoded natively and its records kept as they are; None to read the old way.

    None whenever the general path would say anything but the plain result: another format or encoding, an
    odd document, a record it rejects. What the fast path returns is what the general path would.
    """
    try:
        text, handle = open_text(source)
        try:
            found = detect(text.peek(SNIFF_CHARS), fmt)
            kind = _resolve_kind(kind, found)
            reader = _reader(formats.get(found.format), kind)
        finally:
            handle.close()
    except _UNREADABLE:
        return None
    if reader.name != "json":
        return None
    fastjson.rewind(source, start)
    decoded = fastjson.decode_source(source, kind)
    if decoded is None:
        return None
    members, question = decoded
    collector, lost = Collector(), LostLetters(kind)
    try:
        if kind == "onprem":
            data, parts = _fast_onprem(members, collector, lost if question else None), None
        else:
            parts = _fast_cloud(members, reader, collector, lost if question else None)
            data = parts.finish(collector.warn)
    except (RecordRejected, fastrecords.Unusual, RecursionError):
        return None
    lost.report(collector.warn, reader.lost_letters_note)
    return _finish(Snapshot(kind, found.format, data, collector.rejected, collector.warnings, parts), collector)


def _declares(value: object, kind: str) -> None:
    """A canonical snapshot's `kind` must name this kind, as check_declared_kind accepts it."""
    if not (isinstance(value, str) and value.strip().lower() == kind):
        raise fastrecords.Unusual("the kind is not this one")


def _fast_onprem(members: fastjson.Members, collector: Collector, lost: LostLetters | None) -> dict[str, Any]:
    """The canonical on-prem snapshot of decoded members (kind, objects)."""
    objects: list[dict[str, Any]] = []
    for key, value in members:
        if key == "kind":
            _declares(value, "onprem")
        else:
            objects = fastrecords.onprem_objects(value, collector.warn, lost)
    return {"kind": "onprem", "objects": objects}


def _fast_cloud(members: fastjson.Members, fmt: Format, collector: Collector, lost: LostLetters | None) -> CloudParts:
    """Decoded members (kind, tenant, users, ...) into CloudParts, in document order as the general path reads."""
    parts = CloudParts()
    parts.nulls_mean_unselected = fmt.nulls_mean_unselected
    number = 0
    for key, value in members:
        if key == "kind":
            _declares(value, "cloud")
        elif key == "tenant":
            number += 1
            parts.set_tenant(value)
        else:
            number = fastrecords.add_entities(parts, value, BUNDLE_HINTS[key.lower()], number, collector.warn, lost)
    return parts


def _read(source: object, kind: str | None, fmt: str | None) -> Snapshot:
    """read_snapshot's work the general way (streaming), with the cyclic garbage collector held."""
    text, handle = open_text(source)
    try:
        found = detect(text.peek(SNIFF_CHARS), fmt)
        kind = _resolve_kind(kind, found)
        reader = _reader(formats.get(found.format), kind)
        collector, lost = Collector(), LostLetters(kind)
        if kind == "onprem":
            data, parts = _read_onprem(text, reader, collector, lost), None
        else:
            parts = _read_cloud(text, reader, collector, lost)
            data = parts.finish(collector.warn)
        lost.report(collector.warn, reader.lost_letters_note)
        if text.ansi_fallback:
            collector.warn("NotUtf8", "the file is not UTF-8; it was read as Windows-1252 (ANSI). Check names "
                           f"with accents, and {reader.encoding_note}.")
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
    resolved = kind or found.kind
    if resolved:
        return resolved
    raise ReaderError("UnknownKind", "the export does not show whether it is on-prem or cloud data",
                      hint="say which: kind=onprem or kind=cloud (?kind= in the API)")


def _reader(fmt: Format, kind: str) -> Format:
    """The format that reads this kind: a JSON format forced on the other kind reads as canonical JSON."""
    if kind in fmt.kinds:
        return fmt
    if fmt.family == "json":
        return formats.get("json")
    other = "cloud" if kind == "onprem" else "onprem"
    what = "on-prem objects" if other == "onprem" else "cloud objects"
    raise ReaderError("WrongKind", f"{fmt.name} exports hold {what}, not {kind} ones", hint=f"send it as kind={other}")


def _read_onprem(text: TextSource, fmt: Format, collector: Collector, lost: LostLetters) -> dict[str, Any]:
    """Canonical on-prem snapshot; unusable records go to `rejected`."""
    objects = []
    for number, (line, raw) in enumerate(fmt.records(text, "onprem", collector.warn), 1):
        try:
            if isinstance(raw, RecordRejected):
                raise raw
            obj = canonical_onprem(raw, collector.warn)
        except RecordRejected as problem:
            collector.reject(number, line, problem)
            continue
        lost.check(obj, number)
        objects.append(obj)
    return {"kind": "onprem", "objects": objects}


def _read_cloud(text: TextSource, fmt: Format, collector: Collector, lost: LostLetters) -> CloudParts:
    """Cloud entities into CloudParts; unusable records go to `rejected`."""
    parts = CloudParts()
    parts.nulls_mean_unselected = fmt.nulls_mean_unselected
    number = 0
    for line, hint, entity in fmt.records(text, "cloud", collector.warn):
        if hint == "page":  # not a record: where a Graph page ended
            parts.pages.see({**entity, "line": entity.get("line") or line})
            continue
        number += 1
        try:
            if isinstance(entity, RecordRejected):
                raise entity
            if hint == "tenant":
                parts.set_tenant(entity)
            else:
                lost.check(entity, number)
                parts.add(entity, hint, collector.warn)
        except RecordRejected as problem:
            collector.reject(number, line, problem)
    return parts


def _finish(snapshot: Snapshot, collector: Collector) -> Snapshot:
    """Fail when nothing usable was read; summarize rejections in a warning."""
    read_anything = snapshot.objects or (
        snapshot.parts is not None
        and (snapshot.parts.domains or snapshot.parts.features_seen or snapshot.parts.roles_seen
             or snapshot.parts.role_definitions)
    )
    if not read_anything and collector.rejected:
        first = collector.first_rejection
        assert first is not None  # kept with the first rejection
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
        parts.merge(snap.parts if snap.parts is not None else _parts_of(snap.data), source)
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
     "ImmutableIdNotSelected", "PropertiesNotSelected", "NoObjects", "RecordsRejected", "NextPageMissing"}
)


def _parts_of(data: dict[str, Any]) -> CloudParts:
    """CloudParts rebuilt from canonical cloud data."""
    parts = CloudParts()
    parts.set_tenant(data.get("tenant") or {})
    for key, hint in (("users", "user"), ("groups", "group"), ("contacts", "contact"), ("deletedUsers", "deleted")):
        for item in data.get(key) or []:
            parts.add(item, hint, lambda *a, **k: None)
    return parts
