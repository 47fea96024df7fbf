"""The `syncmatch match` runs whose reports must stay the same byte for byte (tests/test_golden.py)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "reports"
EXAMPLES = ROOT / "examples"
NOW = "2025-11-20T00:00:00Z"
GRAPH_SET = ["graph-users.json", "graph-groups.json", "graph-contacts.json", "graph-deleteditems.json",
             "graph-domains.json", "graph-onpremsync.json", "graph-roleassignments.json",
             "graph-roleeligibilityschedules.json"]
ENTRA_SET = ["entra-users.json", "entra-groups.json", "entra-contacts.json", "entra-deletedusers.json",
             "entra-domains.json", "entra-dirsyncfeatures.json", "entra-roleassignments.json",
             "graph-roleeligibilityschedules.json"]
CLOUD_SETS = {"contoso": ["contoso.json"], "bundle": ["bundle.json"], "get-mguser": ["get-mguser.json"],
              "graph": GRAPH_SET, "entra": ENTRA_SET, "page1": ["graph-users-page1.json"]}
ONPREM_FILES = sorted(path.name for path in (EXAMPLES / "onprem").iterdir())
# Every output format on a few pairs: the table, HTML, CSV and PowerShell renderers are covered too.
ALL_FORMATS = ("json", "csv", "table", "html", "ps1")
GENERATED_OBJECTS = 500


def example_cases() -> Iterator[tuple[str, list[str], str]]:
    """(name, `syncmatch match` arguments, format) for every on-prem example with every cloud set."""
    for onprem in ONPREM_FILES:
        for cloud_name, cloud_files in CLOUD_SETS.items():
            args = [str(EXAMPLES / "onprem" / onprem), *(str(EXAMPLES / "cloud" / f) for f in cloud_files),
                    "--now", NOW]
            formats = ALL_FORMATS if (onprem, cloud_name) == ("contoso.json", "contoso") else ("json",)
            for fmt in formats:
                yield f"{onprem}--{cloud_name}.{fmt}", args, fmt
    revision = EXAMPLES / "revision-2026-12"
    args = [str(revision / "onprem.json"), str(revision / "cloud.json"), "--settings", str(revision / "settings.json")]
    for fmt in ALL_FORMATS:
        yield f"revision-2026-12.{fmt}", args, fmt


def generated_cases(directory: Path) -> Iterator[tuple[str, list[str], str]]:
    """The same for a directory written by bench/generate.py."""
    args = [str(directory / "onprem.json"), str(directory / "cloud.json"), "--settings",
            str(directory / "settings.json")]
    for fmt in ALL_FORMATS:
        yield f"generated-{GENERATED_OBJECTS}.{fmt}", args, fmt


def generate(directory: Path) -> dict[str, str]:
    """Write the benchmark directory; sha256 of each file written."""
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--objects", str(GENERATED_OBJECTS),
                    "--out", str(directory)], check=True, capture_output=True)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def run(args: list[str], fmt: str, output: Path) -> int:
    """`syncmatch match ARGS --format FMT -o OUTPUT` in this process; its exit code."""
    from service.cli import main

    return main(["match", *args, "--format", fmt, "--output", str(output)])


def relative(text: bytes, generated: Path) -> bytes:
    """The report with the paths of this checkout and of the generated directory taken out."""
    return text.replace(str(generated).encode(), b"<generated>").replace(str(ROOT).encode(), b"<root>")


def all_cases(generated: Path) -> list[tuple[str, list[str], str]]:
    """Every case, examples first."""
    return [*example_cases(), *generated_cases(generated)]
