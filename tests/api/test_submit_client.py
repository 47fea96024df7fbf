"""`syncmatch submit` against a real service: uploads, waits, writes the report, exits like `match`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from api_support import ACME_KEY
from service_support import syncmatch_command

ROOT = Path(__file__).resolve().parents[2]
ONPREM = ROOT / "examples" / "onprem" / "contoso.ndjson"
CLOUD = ROOT / "examples" / "cloud" / "bundle.json"


def submit(base_url: str, *args: str, key: str | None = ACME_KEY) -> subprocess.CompletedProcess:
    """Run the client as a pipeline would."""
    command = [*syncmatch_command(), "submit", *args, "--url", base_url, "--timeout", "120"]
    if key:
        command += ["--api-key", key]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def test_submit_waits_writes_every_artefact_and_exits_3_when_not_safe(base_url, tmp_path):
    out = tmp_path / "report"
    done = submit(base_url, str(ONPREM), str(CLOUD), "--wait", "--out", str(out))
    assert done.returncode == 3, done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["safeToSync"] is False
    assert report["summary"]["outcomes"]["duplicate"] >= 1
    assert (out / "results.csv").read_text(encoding="utf-8").startswith("record,objectGUID")
    assert "<svg" in (out / "report.html").read_text(encoding="utf-8")
    assert "Connect-MgGraph" in (out / "remediation.ps1").read_text(encoding="utf-8")
    assert "NOT SAFE TO SYNC" in done.stdout and "100%" in done.stderr


def test_submit_exits_0_when_nothing_blocks(base_url, tmp_path):
    onprem = tmp_path / "onprem.json"
    onprem.write_text(json.dumps({"kind": "onprem", "objects": [
        {"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39", "sAMAccountName": "new",
         "distinguishedName": "CN=New,DC=contoso,DC=com", "userPrincipalName": "new.person@contoso.com"}]}))
    done = submit(base_url, str(onprem), str(CLOUD), "--wait")
    assert done.returncode == 0, done.stderr
    assert "SAFE TO SYNC" in done.stdout


def test_submit_without_wait_prints_the_job(base_url):
    done = submit(base_url, str(ONPREM), str(CLOUD))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["location"].startswith("/v1/jobs/")


def test_submit_exits_2_with_the_services_problem_for_a_wrong_key(base_url):
    done = submit(base_url, str(ONPREM), str(CLOUD), "--wait", key="not-a-key")
    assert done.returncode == 2
    assert "HTTP 401" in done.stderr


def test_submit_exits_2_for_an_unreadable_export(base_url, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "onprem", "objects": [')
    done = submit(base_url, str(broken), str(CLOUD), "--wait")
    assert done.returncode == 2
    assert "HTTP 422" in done.stderr


def test_submit_exits_2_when_the_service_is_unreachable(tmp_path):
    done = submit("http://127.0.0.1:9", str(ONPREM), str(CLOUD), "--wait")
    assert done.returncode == 2 and "syncmatch submit:" in done.stderr
