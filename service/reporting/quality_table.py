"""A readable terminal summary of data-quality findings (`syncmatch check --format table`)."""

from __future__ import annotations

MAX_ROWS = 50


def render(report: dict) -> str:
    """Counts by type and by attribute, then the first findings."""
    section = report.get("dataQuality") or {}
    total = section.get("total", 0)
    verdict = "no finding" if not total else f"{total:,} finding{'s' if total != 1 else ''}"
    out = [f"SyncMatch data quality (IdFix's checks): {section.get('checked', 0):,} objects checked, "
           f"{section.get('skipped', 0):,} skipped by IdFix's skip list, {verdict}", ""]
    out += [f"  {name:<16} {count:>8}" for name, count in (section.get("counts") or {}).items()]
    by_attribute = section.get("byAttribute") or {}
    if by_attribute:
        out += ["", "By attribute:"]
        out += [f"  {name:<18} " + ", ".join(f"{t} {n:,}" for t, n in types.items())
                for name, types in by_attribute.items()]
    findings = section.get("findings") or []
    if findings:
        out += ["", f"  {'type':<15} {'attribute':<18} {'object':<44} value -> suggested"]
        out += [_line(f) for f in findings[:MAX_ROWS]]
        if len(findings) > MAX_ROWS:
            out.append(f"  ... and {len(findings) - MAX_ROWS:,} more (use --format json or csv)")
    return "\n".join(out) + "\n"


def _line(item: dict) -> str:
    """One finding on one line; values are shown as Python literals, so that control characters stay visible and
    an escape sequence in the directory never reaches the terminal."""
    obj = item.get("object") or {}
    name = _shown(obj.get("distinguishedName") or obj.get("objectGUID") or f"record {obj.get('record')}")
    suggested = f" -> {item['suggested']!r}" if item.get("suggested") is not None else ""
    return f"  {item['type']:<15} {item['attribute']:<18} {name[:44]:<44} {item['value']!r}{suggested}"


def _shown(text: str) -> str:
    """Text a terminal only displays: with any control character (an escape sequence) written as an escape."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")
