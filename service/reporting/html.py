"""A report as one self-contained HTML page, for a change ticket: no external files, works offline.

The markup is the Jinja2 template service/templates/report.html.j2, rendered with autoescaping; the stylesheet
and the script are package files (report.css, report.js) inlined at render time. This module prepares what the
template shows.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from functools import cache
from importlib import resources
from typing import NamedTuple

from jinja2 import Environment, FileSystemLoader, Template
from markupsafe import Markup, escape

from service.engine.codes import MATCHED, verdict
from service.engine.codes import OUTCOME_ORDER as OUTCOMES
from service.engine.remediation import script

TEMPLATES = resources.files("service") / "templates"
MAX_ROWS = 5000
OUTCOME_LABELS = {"hardMatch": "Hard match", "softMatch": "Soft match", "reanimate": "Reanimate",
                  "provision": "Provision", "duplicate": "Duplicate", "error": "Error", "skipped": "Skipped"}
OUTCOME_COLOURS = {"hardMatch": "#2563eb", "softMatch": "#0e7490", "reanimate": "#7c3aed", "provision": "#15803d",
                   "duplicate": "#c2410c", "error": "#b91c1c", "skipped": "#64748b"}
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # where a long warning code may wrap when printed
SHORT = {"hardMatch": "hard", "softMatch": "soft", "reanimate": "restored"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")
JS = (TEMPLATES / "report.js").read_text(encoding="utf-8")
# Only this exact script may run: a value that slipped past escaping still could not execute.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
       + base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii") + "'")




def _environment() -> Environment:
    """The template environment: autoescaping always on, absent and None values shown as nothing, the filters."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True,
                      finalize=_shown)
    env.filters.update(n=fmt_int, breakable=breakable, camel=camel)
    return env


@cache
def _template() -> Template:
    """The page's template, loaded once."""
    return _environment().get_template("report.html.j2")


def render(report: dict, max_rows: int = MAX_ROWS) -> str:
    """The whole report as one HTML document; tables hold at most `max_rows` rows each."""
    check_only = report.get("kind") == "check"
    results = report.get("results", [])
    ordered = ordered_results(results)
    summary = report.get("summary", {})
    context = {"check_only": check_only, "max_rows": max_rows, "csp": CSP, "css": Markup(CSS), "js": Markup(JS),
               "heading": "data quality" if check_only else "prediction",
               "title": _title(report, summary), "meta": _meta(report), "toc": _toc(check_only),
               "reader_warnings": _reader_warnings(report), "quality": _quality(report, max_rows),
               "rejected": report.get("rejected", [])}
    if not check_only:
        context.update(verdict=_verdict(summary), cards=_cards(summary),
                       chart=outcome_chart(summary.get("outcomes", {})), errors=summary.get("errors", {}),
                       warnings=summary.get("warnings", {}),
                       findings=_findings(report), objects=_objects(ordered, summary, max_rows),
                       lost=_overwritten(ordered, max_rows), script=_remediation(report, ordered, max_rows),
                       orphans=report.get("cloudOrphans", []), cloud_only=report.get("cloudOnly", 0),
                       topology=_topology(report))
    return _template().render(context)


def _shown(value: object) -> object:
    """What the page prints for a value: None as nothing."""
    return "" if value is None else value


def fmt_int(value: object) -> str:
    """A count with thousands separators."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(escape(value))


def breakable(name: object) -> Markup:
    """Escape a name; a DN may wrap after each comma."""
    return Markup(",<wbr>").join(str(name).split(","))


def camel(code: object) -> Markup:
    """Escape a code; it may wrap between its words (AttributeValue<wbr>MustBeUnique)."""
    return Markup("<wbr>").join(CAMEL.split(str(code)))


def ordered_results(results: list[dict]) -> list[dict]:
    """Errors, duplicates, then objects with warnings, then the rest; snapshot order within each (linear)."""
    buckets: tuple[list, list, list, list] = ([], [], [], [])
    for result in results:
        buckets[_rank(result)].append(result)
    return [r for bucket in buckets for r in bucket]


def _rank(result: dict) -> int:
    """Position of the result's group in the table."""
    outcome = result.get("outcome")
    if outcome == "error":
        return 0
    if outcome == "duplicate":
        return 1
    return 2 if result.get("warnings") else 3


def _title(report: dict, summary: dict) -> str:
    """The page's title: the verdict, or for a check-only report how many findings."""
    if report.get("kind") != "check":
        return "SyncMatch prediction: " + verdict(summary)
    total = (report.get("dataQuality") or {}).get("total", 0)
    return "SyncMatch data quality: " + (f"{total:,} finding{'s' if total != 1 else ''}" if total else "no finding")


def _meta(report: dict) -> list[tuple[str, str, str | None]]:
    """(label, text, small print) of the header: evaluation time, the inputs read and the settings used."""
    settings = report.get("settings", {})
    meta: list[tuple[str, str, str | None]] = []
    if report.get("kind") != "check":
        meta.append(("Evaluated", _when(settings.get("now")), None))
    for side, label in (("onprem", "On-premises input"), ("cloud", "Cloud input")):
        found = (report.get("input") or {}).get(side)
        if found:
            meta.append((label, str(found.get("format")), f"{fmt_int(found.get('objects'))} records"))
    if settings.get("sourceAnchor"):
        meta.append(("Source anchor", settings["sourceAnchor"], None))
    if "passwordHashSync" in settings:
        meta.append(("Password hash sync", "on" if settings["passwordHashSync"] else "off", None))
    return meta


def _when(now: object) -> str:
    """The evaluation time, readable; the raw value when it is not ISO-8601."""
    if not isinstance(now, str):
        return "unknown"
    try:
        moment = datetime.fromisoformat(now)
    except ValueError:
        return now
    zone = "UTC" if moment.utcoffset() is not None and not moment.utcoffset() else moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M:%S} {zone}".strip()


def _toc(check_only: bool) -> tuple[tuple[str, str], ...]:
    """Links to the sections (hidden when printed)."""
    if check_only:
        return (("data-quality", "Data quality"), ("rejected", "Rejected records"))
    return (("summary", "Summary"), ("findings", "Tenant findings"), ("objects-section", "Objects"),
            ("overwritten", "Cloud values lost"), ("data-quality", "Data quality"),
            ("remediation", "Remediation script"), ("orphans", "Cloud orphans"), ("rejected", "Rejected records"))


def _verdict(summary: dict) -> dict:
    """The big SAFE TO SYNC / NOT SAFE TO SYNC card."""
    safe = bool(summary.get("safeToSync"))
    unsafe = sum(summary.get("outcomes", {}).get(k, 0) for k in ("error", "duplicate"))
    why = ("no object is an error or a duplicate" if safe
           else f"{unsafe:,} object{'s' if unsafe != 1 else ''} would fail or be duplicated")
    return {"safe": safe, "text": verdict(summary), "why": why}


def _cards(summary: dict) -> tuple[tuple[str, str, int, str], ...]:
    """Objects, matches, duplicates, errors and rejected records at a glance."""
    outcomes = summary.get("outcomes", {})
    matches = sum(outcomes.get(k, 0) for k in MATCHED)
    split = ", ".join(f"{outcomes[k]:,} {SHORT[k]}" for k in MATCHED if outcomes.get(k))
    return (
        ("objects", "Objects", summary.get("objects", 0), f"{outcomes.get('skipped', 0):,} skipped by scope"),
        ("matches", "Matches", matches, split or "no cloud object is joined"),
        ("duplicates", "Duplicates", outcomes.get("duplicate", 0), "quarantined second accounts"),
        ("errors", "Errors", outcomes.get("error", 0), f"{summary.get('blocking', 0):,} with a blocking error"),
        ("rejected", "Rejected", summary.get("rejected", 0), "input records not read"),
    )


def outcome_chart(outcomes: dict) -> dict:
    """The geometry of the outcome chart: one horizontal bar per outcome, with its label and count."""
    width, label_w, count_w, bar_h, gap = 720, 110, 100, 26, 10
    scale, total = max([1, *outcomes.values()]), sum(outcomes.values()) or 1
    room = width - label_w - count_w
    bars = []
    for i, key in enumerate(OUTCOMES):
        count, y = outcomes.get(key, 0), i * (bar_h + gap)
        bars.append({"key": key, "label": OUTCOME_LABELS[key], "count": count, "y": y, "text_y": y + bar_h / 2 + 5,
                     "width": max(2, round(room * count / scale)) if count else 0, "colour": OUTCOME_COLOURS[key],
                     "pct": f"{100 * count / total:.0f}"})
    return {"width": width, "height": len(OUTCOMES) * (bar_h + gap) - gap, "label_w": label_w, "bar_h": bar_h,
            "room": room, "count_x": width - count_w + 10, "bars": bars,
            "described": ", ".join(f"{OUTCOME_LABELS[k]}: {outcomes.get(k, 0):,}" for k in OUTCOMES)}


def _findings(report: dict) -> list[dict]:
    """Tenant findings, most severe first."""
    return sorted(report.get("tenantFindings", []), key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 9))


def _reader_warnings(report: dict) -> list[tuple[str, dict]]:
    """The readers' warnings about the input, with the side they are about."""
    inputs = [(side, found) for side, value in (report.get("input") or {}).items()
              for found in (value if isinstance(value, list) else [value])]  # onpremMore: one per further export
    return [(side, w) for side, found in inputs for w in (found or {}).get("warnings", [])]


SCOPE_LABELS = (("domains", "Domains"), ("includeOUs", "Included OUs"), ("excludeOUs", "Excluded OUs"),
                ("groupFilter", "Group filter (direct members)"),
                ("attributeFilters", "Attribute filters (all must hold)"))


def _topology(report: dict) -> dict | None:
    """The scope applied, the engine, the join and the exports, with what each filter removed; None without one."""
    applied = (report.get("settings") or {}).get("topology")
    if not applied:
        return None
    done = (report.get("summary") or {}).get("topology") or {}
    removed = done.get("removedByFilter") or {}
    scope = applied.get("scope") or {}
    rows = []
    for key, label in SCOPE_LABELS:
        if key in scope:
            value = scope[key]
            if key == "attributeFilters":
                value = [" ".join(str(c.get(k)) for k in ("attribute", "operator", "value") if c.get(k) is not None)
                         for c in value]
            rows.append((label, value if isinstance(value, list) else [value], removed.get(key, 0)))
    join = applied.get("join")
    return {"engine": "Entra Cloud Sync" if applied.get("engine") == "cloudSync" else "Entra Connect Sync",
            "join": join.get("attribute") if isinstance(join, dict) else join, "exports": done.get("exports") or [],
            "rows": rows, "joined": done.get("joinedIntoOthers", 0)}


def _objects(ordered: list[dict], summary: dict, max_rows: int) -> dict:
    """The per-object table, capped at `max_rows` rows, and its outcome filter."""
    options = [(k, OUTCOME_LABELS[k], n) for k, n in summary.get("outcomes", {}).items() if k in OUTCOME_LABELS]
    return {"total": len(ordered), "options": options, "rows": [_object_row(r) for r in ordered[:max_rows]]}


class Row(NamedTuple):
    """What one row of the objects table shows (attributes: the template reads them fastest)."""

    outcome: str | None
    sort: str
    kind: str | None
    name: str
    dn: str | None
    guid: str | None
    match: dict | None
    errors: list
    error_key: str
    warnings: list
    skip: str | None


def _object_row(result: dict) -> Row:
    """What one row shows: outcome, identity, cloud match, errors, warnings, and its sort keys."""
    obj = result.get("object") or {}
    outcome = result.get("outcome")
    rank = OUTCOMES.index(outcome) if outcome in OUTCOMES else 9
    upn, dn = obj.get("userPrincipalName"), obj.get("distinguishedName")
    return Row(outcome, f"{_rank(result)}{rank}", obj.get("objectClass"),
               upn or dn or obj.get("displayName") or f"record {obj.get('record')}", dn if upn and dn else None,
               obj.get("objectGUID"), result.get("match"), result.get("errors", []), _error_key(result),
               result.get("warnings", []), result.get("skipReason"))


def _error_key(result: dict) -> str:
    """Sort key for the errors column: blocking first, then by code."""
    errors = result.get("errors", [])
    if not errors:
        return "2"
    return ("0" if any(x.get("blocking") for x in errors) else "1") + str(errors[0].get("code"))


def _overwritten(ordered: list[dict], max_rows: int) -> dict:
    """The cloud values a takeover would overwrite or clear, grouped by object, at most `max_rows` of them."""
    groups: list[tuple[str | None, str | None, list]] = []
    shown = total = 0
    for result in ordered:
        lost = _lost(result)
        if lost and shown < max_rows:
            kept = lost[:max_rows - shown]
            obj = result.get("object") or {}
            name = obj.get("userPrincipalName") or obj.get("distinguishedName") or obj.get("objectGUID")
            groups.append((name, (result.get("match") or {}).get("cloudId"), kept))
            shown += len(kept)
        total += len(lost)
    return {"groups": groups, "total": total}


def _lost(result: dict) -> list[tuple[str, dict]]:
    """(attribute, {cloud, onprem}) pairs of the result's CloudAttributesOverwritten warnings."""
    return [(name, values if isinstance(values, dict) else {})
            for w in result.get("warnings", []) if w.get("code") == "CloudAttributesOverwritten"
            for name, values in (w.get("details") or {}).items()]


def _remediation(report: dict, ordered: list[dict], max_rows: int) -> dict:
    """The remediation script of at most `max_rows` objects, and how many were left out."""
    text, left_out = remediation_script(report, ordered, max_rows)
    return {"text": text, "left_out": left_out}


def remediation_script(report: dict, ordered: list[dict], max_rows: int) -> tuple[str, int]:
    """The engine's remediation script, with the steps of at most `max_rows` objects, and how many were left out."""
    fixable = [r for r in ordered if r.get("remediation")]
    kept = {id(r) for r in fixable[:max_rows]}
    return script(report, lambda result: id(result) in kept), len(fixable) - len(kept)


def _quality(report: dict, max_rows: int) -> dict:
    """The data-quality section: counts by type and attribute, and the first `max_rows` findings."""
    section = report.get("dataQuality") or {}
    findings = section.get("findings") or []
    rows = [{**f, "name": _name(f.get("object") or {})} for f in findings[:max_rows]]
    return {"total": section.get("total", len(findings)), "checked": section.get("checked", 0),
            "skipped": section.get("skipped", 0), "counts": section.get("counts") or {},
            "by_attribute": section.get("byAttribute") or {}, "rows": rows}


def _name(obj: dict) -> str:
    """How the page names an object: its DN, else its objectGUID, else its record number."""
    return obj.get("distinguishedName") or obj.get("objectGUID") or f"record {obj.get('record')}"
