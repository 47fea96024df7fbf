"""A readable terminal summary of a report."""

from __future__ import annotations

NOTABLE = ("error", "duplicate", "softMatch", "reanimate")
MAX_ROWS = 50


def render(report: dict) -> str:
    """Summary, tenant findings and the objects that need attention."""
    s = report["summary"]
    verdict = "SAFE TO SYNC" if s["safeToSync"] else "NOT SAFE TO SYNC"
    out = [f"SyncMatch prediction: {s['objects']} objects, {verdict}", ""]
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
        out += [f"  [{f['severity']}] {f['code']}: {f['message']}" for f in report["tenantFindings"]]
    rows = [r for r in report["results"] if r["outcome"] in NOTABLE or r["errors"]]
    if rows:
        out += ["", "Objects that need a look:", _header()]
        out += [_line(r) for r in rows[:MAX_ROWS]]
        if len(rows) > MAX_ROWS:
            out.append(f"  ... and {len(rows) - MAX_ROWS} more (use --format json or csv)")
    return "\n".join(out) + "\n"


def _header() -> str:
    """Column titles."""
    return f"  {'outcome':<10} {'object':<44} {'cloud':<24} detail"


def _line(result: dict) -> str:
    """One object on one line."""
    obj = result["object"]
    name = obj.get("userPrincipalName") or obj.get("distinguishedName") or obj.get("objectGUID") or "?"
    cloud = (result.get("match") or {}).get("cloudId") or ""
    codes = [f"{e['code']}:{e['attribute']}" if e.get("attribute") else e["code"] for e in result["errors"]]
    detail = ", ".join(codes) or ", ".join(w["code"] for w in result["warnings"] if w["severity"] != "info")
    return f"  {result['outcome']:<10} {name[:44]:<44} {cloud[:24]:<24} {detail}"
