"""A report as one self-contained HTML page, for a change ticket: no external files, works offline."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime
from html import escape

from service.engine.remediation import script

MAX_ROWS = 5000
OUTCOMES = ("hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped")
MATCHED = ("hardMatch", "softMatch", "reanimate")
OUTCOME_LABELS = {"hardMatch": "Hard match", "softMatch": "Soft match", "reanimate": "Reanimate",
                  "provision": "Provision", "duplicate": "Duplicate", "error": "Error", "skipped": "Skipped"}
OUTCOME_COLOURS = {"hardMatch": "#2563eb", "softMatch": "#0e7490", "reanimate": "#7c3aed", "provision": "#15803d",
                   "duplicate": "#c2410c", "error": "#b91c1c", "skipped": "#64748b"}
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # where a long warning code may wrap when printed
SHORT = {"hardMatch": "hard", "softMatch": "soft", "reanimate": "restored"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
CSS = """
:root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--soft:#f1f5f9;--bg:#f6f8fb;--card:#fff;--brand:#172554;
--ok:#15803d;--bad:#b91c1c;--warn:#b45309;--mono:ui-monospace,"Cascadia Mono",Consolas,"SFMono-Regular",Menlo,monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:1320px;margin:0 auto;padding:0 28px}
header.top{background:var(--brand);color:#fff;padding:20px 0 18px}
header.top h1{margin:0 0 10px;font-size:21px;font-weight:600;letter-spacing:.2px}
header.top h1 span{opacity:.6;font-weight:400}
dl.meta{display:flex;flex-wrap:wrap;gap:8px 28px;margin:0;font-size:13px}
dl.meta div{display:flex;flex-direction:column}
dl.meta dt{color:#93a4c3;font-size:11px;text-transform:uppercase;letter-spacing:.6px}
dl.meta dd{margin:0;color:#fff;font-weight:600}
dl.meta dd small{color:#cbd5e1;font-weight:400;font-size:12.5px}
nav.toc{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2}
nav.toc .wrap{display:flex;gap:22px;overflow-x:auto}
nav.toc a{color:var(--muted);text-decoration:none;padding:10px 0;font-size:13px;white-space:nowrap}
nav.toc a:hover{color:var(--ink)}
main.wrap{padding-top:22px;padding-bottom:40px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:0 0 18px}
section h2{margin:0 0 12px;font-size:16px;font-weight:600}
section h2 .count{color:var(--muted);font-weight:400;font-size:13px;margin-left:6px}
p.lead{margin:-6px 0 12px;color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:1.75fr repeat(5,1fr);gap:14px;margin:0 0 18px}
.card.verdict{display:flex;flex-direction:column;justify-content:center;border-top-width:1px;border-width:2px}
.card.verdict .value{font-size:27px;letter-spacing:.4px;white-space:nowrap}
.card.verdict.safe{background:#f0fdf4;border-color:#22c55e;color:#14532d}
.card.verdict.unsafe{background:#fef2f2;border-color:#ef4444;color:#7f1d1d}
.card.verdict .sub{color:inherit;opacity:.85;font-size:12.5px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;border-top:4px solid #94a3b8}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.card .value{font-size:30px;font-weight:650;line-height:1.15;margin:4px 0 2px;font-variant-numeric:tabular-nums}
.card .sub{color:var(--muted);font-size:12px}
.card.objects{border-top-color:#334155}.card.matches{border-top-color:#2563eb}
.card.duplicates{border-top-color:#c2410c}.card.errors{border-top-color:#b91c1c}.card.rejected{border-top-color:#a16207}
.card.zero .value{color:#94a3b8}
.overview{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:32px;align-items:center}
.overview h3{margin:0 0 8px;font-size:13px;color:var(--muted);font-weight:600;text-transform:uppercase;
letter-spacing:.5px}
svg.chart{width:100%;height:auto;display:block}
svg.chart text{font:13px -apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#334155}
svg.chart text.n{font-weight:600;fill:var(--ink)}
svg.chart tspan.pct{font-weight:400;fill:#94a3b8;font-size:12px}
table{border-collapse:collapse;width:100%}
#objects,table.lost{table-layout:fixed}
#objects td,table.lost td{overflow-wrap:anywhere}
td.num{white-space:nowrap}
table.lost td.first{border-top:1px solid #cbd5e1}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.4px;background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.codes td{padding:3px 8px;font-size:13px}
table.codes td:first-child{font-family:var(--mono);font-size:12.5px}
.findings{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.finding{border:1px solid var(--line);border-left:5px solid #94a3b8;border-radius:8px;padding:10px 14px;min-width:0}
.finding.high{border-left-color:#dc2626}.finding.medium{border-left-color:#d97706}
.finding.low{border-left-color:#0284c7}.finding.info{border-left-color:#64748b}
.finding h3{margin:0 0 4px;font-size:14px;display:flex;gap:10px;align-items:center}
.finding p{margin:2px 0;font-size:13.5px}
.finding pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:11.5px;padding:10px 12px}
.finding .rec{color:#334155}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:11.5px;font-weight:600;white-space:nowrap;
letter-spacing:.2px;border:1px solid transparent}
.sev-high{background:#fee2e2;color:#991b1b}.sev-medium{background:#fef3c7;color:#92400e}
.sev-low{background:#e0f2fe;color:#075985}.sev-info{background:#f1f5f9;color:#475569}
.o-hardMatch{background:#dbeafe;color:#1e40af}.o-softMatch{background:#cffafe;color:#155e75}
.o-reanimate{background:#ede9fe;color:#5b21b6}.o-provision{background:#dcfce7;color:#166534}
.o-duplicate{background:#ffedd5;color:#9a3412}.o-error{background:#fee2e2;color:#991b1b}
.o-skipped{background:#f1f5f9;color:#475569}
.blocking{background:#b91c1c;color:#fff;font-size:10.5px;padding:0 7px;margin-left:4px;text-transform:uppercase}
.nonblocking{background:#fff;color:#9a3412;border-color:#fdba74;font-size:10.5px;padding:0 7px;margin-left:4px}
.mono,code{font-family:var(--mono);font-size:12.5px}
.sub{color:var(--muted);font-size:12px}
.name{font-weight:600}
.clip{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.guid{font-family:var(--mono);font-size:11.5px}
.kind{margin:3px 0 0 2px}
.msg{color:#475569;font-size:12.5px;margin:1px 0 6px}
.err{margin:0 0 2px}
.err code{overflow-wrap:normal}
.cloud-id{font-family:var(--mono);font-size:11.5px}
.chip{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:0 7px;
margin:0 4px 4px 0;font-size:12px;white-space:nowrap;color:#334155}
.chip.high{background:#fff1f2;border-color:#fecdd3;color:#9f1239}.chip.medium{background:#fffbeb;border-color:#fde68a}
pre{background:#0f172a;color:#e2e8f0;border-radius:8px;padding:12px 14px;overflow-x:auto;font:12.5px/1.55 var(--mono);
margin:8px 0 0;white-space:pre}
pre#script{max-height:560px;overflow:auto}
.controls{display:flex;gap:10px;align-items:center;margin:0 0 12px;flex-wrap:wrap}
.controls input,.controls select{font:inherit;padding:6px 10px;border:1px solid #cbd5e1;border-radius:6px;
background:#fff}
.controls input{width:340px}
.controls .shown{color:var(--muted);font-size:13px;margin-left:auto}
th button{all:unset;cursor:pointer;display:inline-flex;gap:4px;align-items:center}
th button:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
th button::after{content:"\\2195";opacity:.35;font-size:11px}
th[aria-sort=ascending] button::after{content:"\\25B2";opacity:.8}
th[aria-sort=descending] button::after{content:"\\25BC";opacity:.8}
#objects tbody tr:hover{background:#f8fafc}
#objects tbody tr.row-error{box-shadow:inset 3px 0 0 #dc2626}
#objects tbody tr.row-duplicate{box-shadow:inset 3px 0 0 #ea580c}
.note{background:#fffbeb;border:1px solid #fde68a;color:#78350f;border-radius:8px;padding:8px 12px;margin:12px 0 0;
font-size:13px}
h3.minor{font-size:14px;margin:16px 0 4px}
ul.input-warnings{margin:0;padding-left:20px;font-size:13px}
.empty{color:var(--muted);font-style:italic;margin:0}
.toolbar{display:flex;justify-content:space-between;align-items:center;margin:0 0 12px}
.toolbar h2{margin:0}
button.copy{font:inherit;font-size:13px;padding:5px 12px;border-radius:6px;border:1px solid #cbd5e1;background:#fff;
cursor:pointer}
button.copy:hover{background:var(--soft)}
table.lost td.was{color:#991b1b}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 30px}
@media (max-width:1000px){.cards{grid-template-columns:repeat(2,1fr)}.card.verdict{grid-column:1/-1}
.overview,.findings{grid-template-columns:1fr}}
@media print{
@page{margin:14mm}
body{background:#fff;font-size:11px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.wrap,main.wrap{max-width:none;padding:0}
nav.toc,.controls,button.copy{display:none!important}
header.top{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 10px;margin:0 0 12px}
dl.meta dt{color:var(--muted)}dl.meta dd{color:var(--ink)}dl.meta dd small{color:var(--muted)}
section{border:none;border-radius:0;padding:0;margin:0 0 16px;break-inside:auto}
section h2{break-after:avoid;border-bottom:1px solid var(--line);padding-bottom:4px}
.cards{grid-template-columns:repeat(5,1fr);gap:8px;break-inside:avoid}
.card.verdict{grid-column:1/-1}
.overview{grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px}
.card{padding:8px 10px}.card .value{font-size:22px}.card.verdict .value{font-size:18px}
.findings{grid-template-columns:1fr}
.finding,.card,svg.chart{break-inside:avoid}
thead{display:table-header-group}
tr{break-inside:avoid}
th{background:#f1f5f9}
pre,pre#script{background:#f8fafc;color:var(--ink);border:1px solid var(--line);white-space:pre-wrap;
word-break:break-all;max-height:none;overflow:visible}
th button::after{content:none!important}
.clip{white-space:normal}
.chip{white-space:normal}
.screen-only{display:none}
#objects{font-size:10.5px}
#objects col:nth-child(1){width:11%!important}#objects col:nth-child(2){width:25%!important}
#objects col:nth-child(3){width:21%!important}#objects col:nth-child(4){width:27%!important}
svg.chart text{font-size:16px}svg.chart tspan.pct{font-size:14px}
}
"""

JS = """
(function () {
  "use strict";
  var table = document.getElementById("objects");
  if (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var search = document.getElementById("filter-text");
    var pick = document.getElementById("filter-outcome");
    var shown = document.getElementById("filter-count");
    var filter = function () {
      var q = search.value.trim().toLowerCase();
      var outcome = pick.value;
      var n = 0;
      rows.forEach(function (r, i) {
        var hit = (!q || texts[i].indexOf(q) !== -1) && (!outcome || r.dataset.outcome === outcome);
        r.hidden = !hit;
        if (hit) { n += 1; }
      });
      shown.textContent = n + " of " + rows.length + " rows shown";
    };
    search.addEventListener("input", filter);
    pick.addEventListener("change", filter);
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.querySelector("button").addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var key = function (r) { var c = r.cells[col]; return c.dataset.sort || c.textContent.trim(); };
        var order = rows.map(function (r, i) { return [key(r), i, r]; });
        order.sort(function (a, b) {
          var d = a[0].localeCompare(b[0], undefined, {numeric: true, sensitivity: "base"});
          return (asc ? d : -d) || a[1] - b[1];
        });
        var frag = document.createDocumentFragment();
        order.forEach(function (e) { frag.appendChild(e[2]); });
        body.appendChild(frag);
      });
    });
  }
  var copy = document.getElementById("copy-script");
  if (copy) {
    copy.addEventListener("click", function () {
      var text = document.getElementById("script").textContent;
      var done = function () {
        copy.textContent = "Copied";
        setTimeout(function () { copy.textContent = "Copy"; }, 1500);
      };
      var fallback = function () {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
        done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  }
})();
"""
# Only this exact script may run: a value that slipped past escaping still could not execute.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
       + base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii") + "'")


def render(report: dict, max_rows: int = MAX_ROWS) -> str:
    """The whole report as one HTML document; tables hold at most `max_rows` rows each."""
    results = report.get("results", [])
    ordered = ordered_results(results)
    summary = report.get("summary", {})
    parts = [_head(summary), _header(report), _toc(), '<main class="wrap">', _cards(summary),
             _overview(summary), _findings(report), _objects(ordered, summary, max_rows),
             _overwritten(ordered, max_rows), _remediation(report, ordered, max_rows),
             _orphans(report.get("cloudOrphans", []), report.get("cloudOnly", 0), max_rows),
             _rejected(report.get("rejected", []), max_rows), "</main>", _footer(), f"<script>{JS}</script>",
             "</body></html>\n"]
    return "\n".join(parts)


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute; None becomes empty."""
    return "" if value is None else escape(str(value), quote=True)


def fmt_int(value: object) -> str:
    """A count with thousands separators."""
    return f"{value:,}" if isinstance(value, int) else e(value)


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


def _head(summary: dict) -> str:
    """Doctype, metadata, the content security policy and the stylesheet."""
    title = "SyncMatch prediction: " + _verdict_text(summary)
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>")


def _verdict_text(summary: dict) -> str:
    """SAFE TO SYNC or NOT SAFE TO SYNC."""
    return "SAFE TO SYNC" if summary.get("safeToSync") else "NOT SAFE TO SYNC"


def _header(report: dict) -> str:
    """Title, evaluation time, the inputs read and the settings used."""
    settings = report.get("settings", {})
    meta = [("Evaluated", e(_when(settings.get("now"))))]
    for side, label in (("onprem", "On-premises input"), ("cloud", "Cloud input")):
        found = (report.get("input") or {}).get(side)
        if found:
            meta.append((label, f"{e(found.get('format'))} <small>{fmt_int(found.get('objects'))} records</small>"))
    if settings.get("sourceAnchor"):
        meta.append(("Source anchor", e(settings["sourceAnchor"])))
    if "passwordHashSync" in settings:
        meta.append(("Password hash sync", "on" if settings["passwordHashSync"] else "off"))
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in meta)
    return ('<header class="top"><div class="wrap"><h1>SyncMatch <span>prediction</span></h1>'
            f'<dl class="meta">{items}</dl></div></header>')


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


def _toc() -> str:
    """Links to the sections (hidden when printed)."""
    links = (("summary", "Summary"), ("findings", "Tenant findings"), ("objects-section", "Objects"),
             ("overwritten", "Cloud values lost"), ("remediation", "Remediation script"),
             ("orphans", "Cloud orphans"), ("rejected", "Rejected records"))
    return '<nav class="toc"><div class="wrap">' + "".join(f'<a href="#{a}">{t}</a>' for a, t in links) + "</div></nav>"


def _cards(summary: dict) -> str:
    """The verdict, then objects, matches, duplicates, errors and rejected records at a glance."""
    outcomes = summary.get("outcomes", {})
    matches = sum(outcomes.get(k, 0) for k in MATCHED)
    split = ", ".join(f"{outcomes[k]:,} {SHORT[k]}" for k in MATCHED if outcomes.get(k))
    cards = (
        ("objects", "Objects", summary.get("objects", 0), f"{outcomes.get('skipped', 0):,} skipped by scope"),
        ("matches", "Matches", matches, split or "no cloud object is joined"),
        ("duplicates", "Duplicates", outcomes.get("duplicate", 0), "quarantined second accounts"),
        ("errors", "Errors", outcomes.get("error", 0), f"{summary.get('blocking', 0):,} with a blocking error"),
        ("rejected", "Rejected", summary.get("rejected", 0), "input records not read"),
    )
    return ('<div class="cards" id="summary">' + _verdict(summary) + "".join(_card(*c) for c in cards) + "</div>")


def _verdict(summary: dict) -> str:
    """The big SAFE TO SYNC / NOT SAFE TO SYNC card."""
    safe = bool(summary.get("safeToSync"))
    unsafe = sum(summary.get("outcomes", {}).get(k, 0) for k in ("error", "duplicate"))
    why = ("no object is an error or a duplicate" if safe
           else f"{unsafe:,} object{'s' if unsafe != 1 else ''} would fail or be duplicated")
    return (f'<div class="card verdict {"safe" if safe else "unsafe"}" data-card="verdict" role="status">'
            f'<div class="label">Verdict</div><div class="value">{_verdict_text(summary)}</div>'
            f'<div class="sub">{why}</div></div>')


def _card(key: str, label: str, value: int, sub: str) -> str:
    """One summary card."""
    zero = " zero" if not value else ""
    return (f'<div class="card {key}{zero}" data-card="{key}"><div class="label">{label}</div>'
            f'<div class="value">{fmt_int(value)}</div><div class="sub">{sub}</div></div>')


def _overview(summary: dict) -> str:
    """The outcome chart beside the error and warning codes."""
    return ('<section><h2>Outcomes</h2><div class="overview"><div>' + outcome_chart(summary.get("outcomes", {}))
            + '</div><div><h3>Error codes</h3>' + _codes(summary.get("errors", {}), "No errors.")
            + '<h3 style="margin-top:14px">Warning codes</h3>' + _codes(summary.get("warnings", {}), "No warnings.")
            + "</div></div></section>")


def outcome_chart(outcomes: dict) -> str:
    """Horizontal bars, one per outcome, with labels and counts, as accessible inline SVG."""
    width, label_w, count_w, bar_h, gap = 720, 110, 100, 26, 10
    scale, total = max([1, *outcomes.values()]), sum(outcomes.values()) or 1
    described = ", ".join(f"{OUTCOME_LABELS[k]}: {outcomes.get(k, 0):,}" for k in OUTCOMES)
    height = len(OUTCOMES) * (bar_h + gap) - gap
    out = [f'<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" aria-label="Outcomes. {described}"'
           f' viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           '<title id="chart-title">Predicted outcome per object</title>',
           f'<desc id="chart-desc">{described}</desc>']
    room = width - label_w - count_w
    for i, key in enumerate(OUTCOMES):
        count, y = outcomes.get(key, 0), i * (bar_h + gap)
        bar = max(2, round(room * count / scale)) if count else 0
        out += [f'<g data-outcome="{key}"><text x="0" y="{y + bar_h / 2 + 5}">{OUTCOME_LABELS[key]}</text>',
                f'<rect x="{label_w}" y="{y}" width="{room}" height="{bar_h}" rx="4" fill="#f1f5f9"/>',
                f'<rect x="{label_w}" y="{y}" width="{bar}" height="{bar_h}" rx="4" fill="{OUTCOME_COLOURS[key]}"/>',
                f'<text class="n" x="{width - count_w + 10}" y="{y + bar_h / 2 + 5}">{count:,}'
                f'<tspan class="pct" dx="6">{100 * count / total:.0f}%</tspan></text></g>']
    return "".join(out) + "</svg>"


def _codes(counts: dict, empty: str) -> str:
    """A small table of codes and their counts."""
    if not counts:
        return f'<p class="empty">{empty}</p>'
    rows = "".join(f'<tr><td>{e(code)}</td><td class="num">{fmt_int(n)}</td></tr>' for code, n in counts.items())
    return f'<table class="codes"><tbody>{rows}</tbody></table>'


def _findings(report: dict) -> str:
    """Tenant findings, most severe first, then the readers' warnings about the input."""
    findings = sorted(report.get("tenantFindings", []), key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 9))
    body = "".join(_finding(f) for f in findings) or '<p class="empty">No tenant findings.</p>'
    inputs = (report.get("input") or {}).items()
    reader = [(side, w) for side, found in inputs for w in (found or {}).get("warnings", [])]
    reader_html = ""
    if reader:
        items = "".join(f"<li><b>{e(side)}</b> <code>{e(w.get('code'))}</code>: {e(w.get('message'))}</li>"
                        for side, w in reader)
        reader_html = f'<h3 class="minor">Input warnings</h3><ul class="input-warnings">{items}</ul>'
    return (f'<section id="findings"><h2>Tenant findings<span class="count">{len(findings)}</span></h2>'
            f'<div class="findings">{body}</div>{reader_html}</section>')


def _finding(finding: dict) -> str:
    """One finding: severity, code, message, recommendation and its PowerShell."""
    severity = e(finding.get("severity"))
    out = [f'<div class="finding {severity}"><h3><span class="badge sev-{severity}">{severity}</span>'
           f'<code>{e(finding.get("code"))}</code></h3><p>{e(finding.get("message"))}</p>']
    if finding.get("recommendation"):
        out.append(f'<p class="rec"><b>Recommendation:</b> {e(finding["recommendation"])}</p>')
    if finding.get("powershell"):
        out.append(f"<pre>{e(finding['powershell'])}</pre>")
    return "".join(out) + "</div>"


def _objects(ordered: list[dict], summary: dict, max_rows: int) -> str:
    """The per-object table with its filter controls, capped at `max_rows` rows."""
    shown = ordered[:max_rows]
    options = "".join(f'<option value="{k}">{OUTCOME_LABELS[k]} ({n:,})</option>'
                      for k, n in summary.get("outcomes", {}).items() if k in OUTCOME_LABELS)
    heads = "".join(f'<th scope="col"><button type="button">{t}</button></th>'
                    for t in ("Outcome", "Object", "Cloud match", "Errors", "Warnings"))
    rows = "\n".join(_object_row(r) for r in shown)
    controls = ('<div class="controls"><input id="filter-text" type="search" placeholder="Filter: name, GUID, '
                'cloud id, code&hellip;" aria-label="Filter objects"><select id="filter-outcome" '
                f'aria-label="Outcome"><option value="">All outcomes</option>{options}</select>'
                f'<span class="shown" id="filter-count" aria-live="polite">{len(shown):,} of {len(shown):,} rows '
                "shown</span></div>")
    return (f'<section id="objects-section"><h2>Objects<span class="count">{len(ordered):,}</span></h2>'
            '<p class="lead">Errors first, then duplicates, then objects with warnings.<span class="screen-only"> '
            f'Click a column title to sort.</span></p>{controls}<table id="objects">{_cols(8, 25, 23, 28, 16)}'
            f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
            f"{_cap_note(len(ordered), max_rows, 'objects')}</section>")


def _cols(*percent: int) -> str:
    """Column widths for a fixed-layout table."""
    return "<colgroup>" + "".join(f'<col style="width:{p}%">' for p in percent) + "</colgroup>"


def _object_row(result: dict) -> str:
    """One object: outcome, identity, cloud match, errors, warnings."""
    outcome = e(result.get("outcome"))
    rank = OUTCOMES.index(result["outcome"]) if result.get("outcome") in OUTCOMES else 9
    return (f'<tr class="row-{outcome}" data-outcome="{outcome}">'
            f'<td data-sort="{_rank(result)}{rank}"><span class="badge o-{outcome}">{outcome}</span>'
            f'<div class="sub kind">{e((result.get("object") or {}).get("objectClass"))}</div></td>'
            f"<td>{_identity(result)}</td><td>{_match(result.get('match'))}</td>"
            f'<td data-sort="{_error_key(result)}">{_errors(result.get("errors", []))}</td>'
            f"<td>{_warnings(result)}</td></tr>")


def _identity(result: dict) -> str:
    """UPN (or DN), the DN below a UPN, then the objectGUID, small."""
    obj = result.get("object") or {}
    upn, dn = obj.get("userPrincipalName"), obj.get("distinguishedName")
    name = upn or dn or obj.get("displayName") or f"record {obj.get('record')}"
    out = [f'<div class="name">{_breakable(name)}</div>']
    if upn and dn:
        out.append(f'<div class="sub clip" title="{e(dn)}">{e(dn)}</div>')
    if obj.get("objectGUID"):
        out.append(f'<div class="sub guid">{e(obj["objectGUID"])}</div>')
    return "".join(out)


def _breakable(name: str) -> str:
    """Escape a name; a DN may wrap after each comma."""
    return ",<wbr>".join(e(part) for part in str(name).split(","))


def _match(match: dict | None) -> str:
    """Cloud id and the attribute pair that matched."""
    if not match:
        return '<span class="sub">&mdash;</span>'
    pair = f"{e(match.get('onpremAttribute'))} &rarr; {e(match.get('cloudAttribute'))}"
    value = f'<div class="sub">{e(match["value"])}</div>' if match.get("value") else ""
    return f'<div class="cloud-id">{e(match.get("cloudId"))}</div><div class="sub">{pair}</div>{value}'


def _error_key(result: dict) -> str:
    """Sort key for the errors column: blocking first, then by code."""
    errors = result.get("errors", [])
    if not errors:
        return "2"
    return ("0" if any(x.get("blocking") for x in errors) else "1") + e(errors[0].get("code"))


def _errors(errors: list[dict]) -> str:
    """Code:Attribute with a blocking badge, and the message."""
    out = []
    for error in errors:
        code = e(error.get("code")) + (f":<wbr>{e(error['attribute'])}" if error.get("attribute") else "")
        badge = ('<span class="badge blocking">blocking</span>' if error.get("blocking")
                 else '<span class="badge nonblocking">non-blocking</span>')
        out.append(f'<div class="err"><code>{code}</code>{badge}</div><div class="msg">{e(error.get("message"))}</div>')
    return "".join(out)


def _warnings(result: dict) -> str:
    """Warning codes as chips (message on hover), or why the object was skipped."""
    chips = "".join(f'<span class="chip {e(w.get("severity"))}" title="{e(w.get("message"))}">'
                    f'{CAMEL.sub("<wbr>", e(w.get("code")))}</span>' for w in result.get("warnings", []))
    if result.get("skipReason"):
        chips += f'<div class="sub">{e(result["skipReason"])}</div>'
    return chips


def _overwritten(ordered: list[dict], max_rows: int) -> str:
    """The cloud values a takeover would overwrite or clear, grouped by object."""
    rows: list[str] = []
    total = 0
    for result in ordered:
        lost = _lost(result)
        if lost and total < max_rows:
            rows += _lost_rows(result, lost[:max_rows - total])
        total += len(lost)
    head = "".join(f'<th scope="col">{t}</th>' for t in ("Object", "Cloud object", "Attribute", "Cloud value",
                                                          "On-premises value"))
    table = (f'<table class="lost">{_cols(24, 24, 14, 19, 19)}<thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>' if rows
             else '<p class="empty">No cloud value would be overwritten.</p>')
    return (f'<section id="overwritten"><h2>Cloud values that would be lost<span class="count">{total:,}</span></h2>'
            '<p class="lead">A takeover replaces these cloud values with the on-premises ones; empty on-premises '
            f'values clear them.</p>{table}{_cap_note(total, max_rows, "values")}</section>')


def _lost(result: dict) -> list[tuple[str, dict]]:
    """(attribute, {cloud, onprem}) pairs of the result's CloudAttributesOverwritten warnings."""
    return [(name, values if isinstance(values, dict) else {})
            for w in result.get("warnings", []) if w.get("code") == "CloudAttributesOverwritten"
            for name, values in (w.get("details") or {}).items()]


def _lost_rows(result: dict, lost: list[tuple[str, dict]]) -> list[str]:
    """One row per attribute; the object and cloud object span the object's rows."""
    obj = result.get("object") or {}
    name = obj.get("userPrincipalName") or obj.get("distinguishedName") or obj.get("objectGUID")
    cloud_id = (result.get("match") or {}).get("cloudId")
    span = len(lost)
    rows = [f'<tr><td class="first" rowspan="{span}">{e(name)}</td>'
            f'<td class="first cloud-id" rowspan="{span}">{e(cloud_id)}</td>' + _lost_cells(*lost[0], "first ")]
    rows += ["<tr>" + _lost_cells(attribute, values, "") for attribute, values in lost[1:]]
    return rows


def _lost_cells(attribute: str, values: dict, first: str) -> str:
    """Attribute, cloud value, on-premises value; closes the row."""
    return (f'<td class="{first}attr"><code>{e(attribute)}</code></td>'
            f'<td class="{first}was">{_value(values.get("cloud"))}</td>'
            f'<td class="{first}now">{_value(values.get("onprem"))}</td></tr>')


def _value(value: object) -> str:
    """A single or multi-valued attribute value; empty is shown as such."""
    if value is None or value == "" or value == []:
        return '<span class="sub">(empty)</span>'
    if isinstance(value, list):
        return "<br>".join(e(v) for v in value)
    return e(value)


def _remediation(report: dict, ordered: list[dict], max_rows: int) -> str:
    """The remediation script with a copy button."""
    text, left_out = remediation_script(report, ordered, max_rows)
    note = ""
    if left_out:
        note = (f'<p class="note">The steps of {left_out:,} more objects are left out of this page. '
                "<code>GET /v1/jobs/{id}/remediation.ps1</code> and the JSON report hold all of them.</p>")
    return ('<section id="remediation"><div class="toolbar"><h2>Remediation script</h2>'
            '<button type="button" class="copy" id="copy-script">Copy</button></div>'
            '<p class="lead">Review each step before running it. Values are filled in per object.</p>'
            f'<pre id="script">{e(text)}</pre>{note}</section>')


def remediation_script(report: dict, ordered: list[dict], max_rows: int) -> tuple[str, int]:
    """The engine's remediation script, with the steps of at most `max_rows` objects, and how many were left out."""
    fixable = [r for r in ordered if r.get("remediation")]
    kept = {id(r) for r in fixable[:max_rows]}
    return script(report, lambda result: id(result) in kept), len(fixable) - len(kept)


def _orphans(orphans: list[dict], cloud_only: int, max_rows: int) -> str:
    """Synced cloud objects that no on-premises object joins."""
    head = "".join(f'<th scope="col">{t}</th>' for t in ("Cloud id", "Type", "Display name", "UPN", "ImmutableId"))
    rows = "".join(f'<tr><td class="mono">{e(o.get("id"))}</td><td>{e(o.get("objectType"))}</td>'
                   f'<td>{e(o.get("displayName"))}</td><td>{e(o.get("userPrincipalName"))}</td>'
                   f'<td class="mono">{e(o.get("onPremisesImmutableId"))}</td></tr>' for o in orphans[:max_rows])
    table = (f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if orphans
             else '<p class="empty">No orphaned synced objects.</p>')
    return (f'<section id="orphans"><h2>Cloud orphans<span class="count">{len(orphans):,}</span></h2>'
            '<p class="lead">Marked as synchronised in the tenant, but no on-premises object joins them. '
            f"{fmt_int(cloud_only)} cloud-managed user(s) stay cloud-only.</p>{table}"
            f"{_cap_note(len(orphans), max_rows, 'orphans')}</section>")


def _rejected(rejected: list[dict], max_rows: int) -> str:
    """Input records that could not be read, so have no prediction."""
    head = "".join(f'<th scope="col"{c}>{t}</th>' for t, c in (("Record", ' class="num"'), ("Line", ' class="num"'),
                                                                ("Field", ""), ("Reason", "")))
    rows = "".join(f'<tr><td class="num">{e(r.get("record"))}</td><td class="num">{e(r.get("line"))}</td>'
                   f'<td><code>{e(r.get("field"))}</code></td><td>{e(r.get("reason"))}</td></tr>'
                   for r in rejected[:max_rows])
    table = (f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rejected
             else '<p class="empty">Every input record was read.</p>')
    return (f'<section id="rejected"><h2>Rejected records<span class="count">{len(rejected):,}</span></h2>'
            f"{table}{_cap_note(len(rejected), max_rows, 'records')}</section>")


def _cap_note(total: int, max_rows: int, what: str) -> str:
    """Say how many rows were left out of a capped table, and where to find them."""
    if total <= max_rows:
        return ""
    return (f'<p class="note" data-left-out="{total - max_rows}">Showing the first {max_rows:,} of {total:,} {what}: '
            f"{total - max_rows:,} are left out of this page to keep it usable. The CSV and JSON reports "
            "(<code>--format csv</code>, <code>--format json</code>) hold all of them.</p>")


def _footer() -> str:
    """Where the page came from."""
    return ('<footer>SyncMatch prediction of Microsoft Entra Connect matching. This page is self-contained and '
            "works offline; the JSON and CSV reports hold the full data.</footer>")
