"""`syncmatch match` gives the same reports, byte for byte, as the references in tests/golden/."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))

from cases import GOLDEN, all_cases, example_cases, generate, generated_cases, relative, run

CODES = json.loads((GOLDEN.parent / "exit-codes.json").read_text())
DIGESTS = json.loads((GOLDEN.parent / "generated-inputs.json").read_text())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark directory, checked to be the one the references were made from."""
    directory = tmp_path_factory.mktemp("golden") / "generated"
    assert generate(directory) == DIGESTS, "bench/generate.py changed: regenerate with tests/golden/make.py"
    return directory


def test_every_reference_has_a_case(tmp_path: Path) -> None:
    names = {name for name, _, _ in all_cases(tmp_path)}
    assert names == {p.name for p in GOLDEN.iterdir()} == set(CODES)


@pytest.mark.parametrize(("name", "args", "fmt"), list(example_cases()), ids=lambda v: v if isinstance(v, str) else "")
def test_example_report_is_unchanged(tmp_path: Path, name: str, args: list[str], fmt: str) -> None:
    check(tmp_path, name, args, fmt, tmp_path)


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "html", "ps1"])
def test_generated_report_is_unchanged(tmp_path: Path, generated: Path, fmt: str) -> None:
    [(name, args, _)] = [case for case in generated_cases(generated) if case[2] == fmt]
    check(tmp_path, name, args, fmt, generated)


def check(tmp_path: Path, name: str, args: list[str], fmt: str, generated: Path) -> None:
    """Run one case and compare its exit code and report with the reference."""
    out = tmp_path / "report"
    assert run(args, fmt, out) == CODES[name]
    assert relative(out.read_bytes(), generated) == (GOLDEN / name).read_bytes()
