"""`syncmatch match`: run the engine locally on two snapshot files and print the report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .common import complain

if TYPE_CHECKING:
    from ..readers import Snapshot

FORMATS = ("json", "csv", "table", "html", "ps1")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """ONPREM CLOUD [--settings FILE] [--now ISO-8601] [--format ...] [--output FILE]."""
    parser.add_argument("onprem", help="on-premises export (any supported format, gzip allowed)")
    parser.add_argument("cloud", nargs="+", help="tenant export (any supported format, gzip allowed); several "
                        "Graph files (users, groups, deleted items, domains, sync features, roles) are merged")
    parser.add_argument("--onprem", dest="more_onprem", action="append", default=[], metavar="MORE",
                        help="a further on-premises export (another domain or forest), evaluated together with "
                        "ONPREM; repeatable")
    parser.add_argument("--label", dest="labels", action="append", default=[],
                        help="a label for each on-premises export in order (ONPREM first; default: its forest "
                        "root); repeatable")
    parser.add_argument("--settings", help="JSON file: sourceAnchor, passwordHashSync, features, now, engine, scope, "
                        "join")
    parser.add_argument("--now", help="evaluation time, ISO-8601 (default: settings.now, else the current time)")
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (default json)")
    parser.add_argument("--onprem-format", help="force the on-premises reader format instead of detecting it")
    parser.add_argument("--cloud-format", help="force the cloud reader format instead of detecting it")
    parser.add_argument("--output", "-o", help="write the report to this file instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Read, evaluate, print; exit 0 (safe), 3 (errors or duplicates) or 2 (bad input)."""
    from ..adapters.background_checks import start as start_checks
    from ..config import checks_child
    from ..engine import SettingsError, evaluate, exit_code
    from ..readers import ReaderError, read_cloud_bundle, read_snapshot

    try:
        settings = _settings(args)
        child = checks_child()
        onprem = read_snapshot(args.onprem, kind="onprem", fmt=args.onprem_format)
        more = [read_snapshot(path, kind="onprem", fmt=args.onprem_format) for path in args.more_onprem]
        # The checks read the on-premises objects alone: on a large run they go on while the tenant is read.
        with start_checks([onprem.data, *(m.data for m in more)], child) as checks:
            cloud = (read_snapshot(args.cloud[0], kind="cloud", fmt=args.cloud_format) if len(args.cloud) == 1
                     else read_cloud_bundle(args.cloud))
            rejected = onprem.rejected + [r for snapshot in more for r in snapshot.rejected] + cloud.rejected
            report = evaluate(onprem.data, cloud.handed_over(), settings, rejected=rejected,
                              more_onprem=[m.data for m in more], labels=args.labels, consume=True, checks=checks)
    except (ReaderError, SettingsError, OSError, ValueError) as exc:  # ValueError: a ConfigError too
        return complain("match", exc)
    report["input"] = {"onprem": _input(onprem), "cloud": _input(cloud)}
    if more:
        report["input"]["onpremMore"] = [_input(snapshot) for snapshot in more]
    _write(render(report, args.format), args.output)
    return exit_code(report)


def _settings(args: argparse.Namespace) -> dict:
    """Load --settings and apply --now."""
    settings: dict = {}
    if args.settings:
        with open(args.settings, encoding="utf-8-sig") as handle:
            try:
                settings = json.load(handle)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{args.settings} is not valid JSON: {exc}") from exc
        if not isinstance(settings, dict):
            raise ValueError(f"{args.settings} must hold a JSON object")
    if args.now:
        settings["now"] = args.now
    return settings


def _input(snapshot: Snapshot) -> dict:
    """What was read from one file: format, object count, reader warnings."""
    return {"format": snapshot.format, "objects": snapshot.objects, "warnings": snapshot.warnings}


def render(report: dict, fmt: str) -> str | Iterable[bytes]:
    """The report in the requested format (JSON as pieces of bytes, written as they come)."""
    if fmt == "csv":
        from ..reporting import csv_report
        return csv_report.render(report["results"])
    if fmt == "table":
        from ..reporting import table
        return table.render(report)
    if fmt == "html":
        from ..reporting import html
        return html.render(report)
    if fmt == "ps1":
        from ..engine import remediation_script
        return remediation_script(report)
    from ..reporting import json_report
    return json_report.pieces(report)


def _write(content: str | Iterable[bytes], path: str | None) -> None:
    """Write to the output file, or standard output, piece by piece for JSON."""
    pieces = [content.encode("utf-8")] if isinstance(content, str) else content
    if path:
        with open(path, "wb") as handle:
            handle.writelines(pieces)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.writelines(pieces)
        sys.stdout.buffer.flush()
