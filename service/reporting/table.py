"""A readable terminal summary of a report.

Names come from the directory: an escape sequence in a displayName or DN could move the cursor, retitle the
window or set the clipboard (OSC 52) of whoever reads the table. Every value from the data is shown with its
escape sequences removed, its other control characters (C0, DEL, C1, bidirectional overrides) dropped, and
its line breaks and tabs as spaces.
"""

from __future__ import annotations

import re

from service.engine.codes import verdict

# ECMA-48: CSI (ESC [ or 0x9B), OSC (ESC ] or 0x9D, ended by BEL or ST), DCS/SOS/PM/APC strings, two-byte escapes.
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
SPACES = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NOTABLE = ("error", "duplicate", "softMatch", "reanimate")
MAX_ROWS = 50


def render(report: dict) -> str:
    """Summary, tenant findings and the objects that need attention."""
    s = report["summary"]
    out = [f"SyncMatch prediction: {s['objects']} objects, {verdict(s)}", ""]
    out += [f"  {name:<10} {count:>8}" for name, count in s["outcomes"].items()]
    if s.get("rejected"):
        out.append(f"  {'rejected':<10} {s['rejected']:>8}")
    quality = report.get("dataQuality") or {}
    if quality.get("total"):
        counts = ", ".join(f"{kind} {n:,}" for kind, n in quality["counts"].items())
        out += ["", f"Data quality (IdFix's checks): {quality['total']:,} findings ({counts}); "
                "syncmatch check ONPREM --format table lists them"]
    if report["tenantFindings"]:
        out += ["", "Tenant findings:"]
        out += [f"  [{f['severity']}] {f['code']}: {shown(f['message'])}" for f in report["tenantFindings"]]
    rows = [r for r in report["results"] if r["outcome"] in NOTABLE or r["errors"]]
    if rows:
        out += ["", "Objects that need a look:", _header()]
        out += [_line(r) for r in rows[:MAX_ROWS]]
        if len(rows) > MAX_ROWS:
            out.append(f"  ... and {len(rows) - MAX_ROWS} more (use --format json or csv)")
    return "\n".join(out) + "\n"


def shown(value: object) -> str:
    """A value as text a terminal only displays: no escape sequence or other control character."""
    text = str(value)
    if text.isprintable():
        return text
    return CONTROL.sub("", SPACES.sub(" ", ESCAPE_SEQUENCE.sub("", text)))


def _header() -> str:
    """Column titles."""
    return f"  {'outcome':<10} {'object':<44} {'cloud':<24} detail"


def _line(result: dict) -> str:
    """One object on one line."""
    obj = result["object"]
    name = shown(obj.get("userPrincipalName") or obj.get("distinguishedName") or obj.get("objectGUID") or "?")
    cloud = shown((result.get("match") or {}).get("cloudId") or "")
    codes = [f"{e['code']}:{e['attribute']}" if e.get("attribute") else e["code"] for e in result["errors"]]
    detail = ", ".join(codes) or ", ".join(w["code"] for w in result["warnings"] if w["severity"] != "info")
    return f"  {result['outcome']:<10} {name[:44]:<44} {cloud[:24]:<24} {shown(detail)}"
