"""`syncmatch check`: IdFix's data-quality checks on an on-premises export alone, no tenant needed."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from .common import complain
from .match import _input, _write

FORMATS = ("json", "csv", "table", "html", "ps1")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """ONPREM [--format ...] [--onprem-format NAME] [--output FILE]."""
    parser.add_argument("onprem", help="on-premises export (any supported format, gzip allowed)")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="output format (default json; ps1: the PowerShell that sets each proposed value)")
    parser.add_argument("--onprem-format", help="force the on-premises reader format instead of detecting it")
    parser.add_argument("--output", "-o", help="write the findings to this file instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Read, check, print; exit 0 (no finding), 3 (some finding) or 2 (bad input)."""
    from ..engine.quality import check_report, exit_code
    from ..readers import ReaderError, read_snapshot

    try:
        onprem = read_snapshot(args.onprem, kind="onprem", fmt=args.onprem_format)
        report = check_report(onprem.data, onprem.rejected)
    except (ReaderError, OSError, ValueError) as exc:
        return complain("check", exc)
    report["input"] = {"onprem": _input(onprem)}
    _write(render(report, args.format), args.output)
    return exit_code(report)


def render(report: dict, fmt: str) -> str | Iterable[bytes]:
    """The check report in the requested format."""
    if fmt == "csv":
        from ..reporting import quality_csv
        return quality_csv.render(report["dataQuality"]["findings"])
    if fmt == "table":
        from ..reporting import quality_table
        return quality_table.render(report)
    if fmt == "ps1":
        from ..engine.quality import script
        return script(report["dataQuality"])
    if fmt == "html":
        from ..reporting import html
        return html.render(report)
    from ..reporting import json_report
    return json_report.pieces(report)
