"""The README's curl flow (examples/api-flow.sh, quoted there) runs as written against a live `syncmatch up`."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_commands import start_up

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "api-flow.sh"
pytestmark = pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")),
                                reason="the README's flow needs curl and jq (apt-get install curl jq)")


def run_flow(base: str, out: Path, *args: str) -> subprocess.CompletedProcess:
    """The script as a user runs it, from the repository root."""
    return subprocess.run(["sh", str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "SYNCMATCH_URL": base, "HOME": str(out)})


@pytest.mark.slow
def test_the_flow_writes_every_file(spawned, tmp_path: Path) -> None:
    _up, base = start_up(spawned, tmp_path, "--workers", "1")
    out = tmp_path / "results"
    done = run_flow(base, out, "examples/onprem/contoso.ndjson", "examples/cloud/bundle.json", str(out))
    assert done.returncode == 0, done.stderr
    assert "onprem: 8 objects read as ndjson" in done.stdout
    summary = json.loads((out / "report.json").read_text())["summary"]
    assert summary["objects"] == 8 and summary["safeToSync"] is False
    rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 8
    assert (out / "report.html").read_text().lstrip().lower().startswith("<!doctype html")
    assert "Update-MgUser -UserId '6f1c9d2a-3b4e-4c5d-9e8f-0a1b2c3d4e5f'" in (out / "remediation.ps1").read_text()
    assert json.loads((out / "errors.json").read_text())["results"] is not None
    assert not list(out.glob("*.part"))

    # Pasted into an interactive shell, as the README shows it: same files, and the shell is still there after.
    pasted_in = tmp_path / "pasted"
    pasted_in.mkdir()
    (pasted_in / "examples").symlink_to(ROOT / "examples")
    pasted = subprocess.run(["bash", "--norc", "-i"], input=SCRIPT.read_text() + "\necho still-here\n",
                            cwd=pasted_in, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "SYNCMATCH_URL": base, "HOME": str(tmp_path)})
    assert "still-here" in pasted.stdout, pasted.stderr
    assert len(list(csv.DictReader((pasted_in / "syncmatch-results" / "results.csv").open(encoding="utf-8-sig")))) == 8

    # Through the API too, a Graph page without its next page is a reader warning and a tenant finding.
    cut = tmp_path / "cut"
    done = run_flow(base, cut, "examples/onprem/contoso.ndjson", "examples/cloud/graph-users-page1.json", str(cut))
    assert done.returncode == 0, done.stderr
    report = json.loads((cut / "report.json").read_text())
    assert "IncompleteInput" in [f["code"] for f in report["tenantFindings"]]
    assert "NextPageMissing" in [w["code"] for w in report["input"]["cloud"]["warnings"]]

    # The same script, given a file that is not an export, stops at the upload with the problem, writing nothing.
    bad = tmp_path / "bad"
    failed = run_flow(base, bad, "README.md", "examples/cloud/bundle.json", str(bad))
    assert failed.returncode != 0
    assert re.search(r"HTTP 4\d\d from http://127\.0\.0\.1:\d+/v1/snapshots\?kind=onprem", failed.stderr)
    assert "application/problem+json" not in failed.stdout and not (bad / "results.csv").exists()


def test_the_readme_quotes_the_script_and_lists_what_it_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SCRIPT.read_text(encoding="utf-8").strip() in readme
    assert "curl" in readme and "jq" in readme and "uuidgen" not in readme
