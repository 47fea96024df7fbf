"""`syncmatch anchor` and `syncmatch match` on canonical JSON files (exit codes 0, 2, 3; json, csv, table)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import (
    NOW,
    OMIT,
    VECTORS,
    anchor_of,
    cloud_user,
    days_before,
    deleted_user,
    onprem,
    raw_bytes,
    tenant,
    user,
)
from service_support import MODULE_COMMAND

from service.cli import main

GUID = "3ab39606-c642-489b-84b6-58c038d3ef39"
ROOT = Path(__file__).resolve().parents[2]


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- anchor -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [GUID, "{" + GUID.upper() + "}", VECTORS[GUID], raw_bytes(GUID).hex(" "),
                                   GUID.replace("-", "")],
                         ids=["guid", "braces-upper", "immutableId", "hex-pairs", "guid-digits"])
def test_anchor_text_output_shows_every_form(capsys, value):
    code, out, _ = cli(capsys, "anchor", value)
    assert code == 0
    assert GUID in out
    assert VECTORS[GUID] in out
    assert raw_bytes(GUID).hex(" ") in out.lower()
    assert VECTORS[GUID].encode().hex() in out.lower()  # connector-space form
    assert "OrOWBsZCSJuEtljAONPvOQ==" not in out


def test_anchor_json_output(capsys):
    code, out, _ = cli(capsys, "anchor", VECTORS[GUID], "--json")
    assert code == 0
    forms = json.loads(out)
    assert forms["objectGUID"] == GUID
    assert forms["immutableId"] == VECTORS[GUID]
    assert forms["hex"].lower().replace(" ", "") == raw_bytes(GUID).hex()
    assert list(forms["bytes"]) == list(raw_bytes(GUID))


def test_anchor_rejects_a_bad_value_with_exit_2(capsys):
    code, out, err = cli(capsys, "anchor", "not-a-guid")
    assert code == 2
    assert err.strip()
    assert out == ""


def test_anchor_through_the_console_script():
    exe = shutil.which("syncmatch")
    argv = [exe] if exe else MODULE_COMMAND
    proc = subprocess.run([*argv, "anchor", GUID, "--json"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["immutableId"] == VECTORS[GUID]


# --- match ------------------------------------------------------------------------------------------------

def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def files(tmp_path: Path, objects: list, cloud: dict | None = None, settings: dict | None = None) -> list[str]:
    argv = [write(tmp_path, "onprem.json", onprem(*objects)), write(tmp_path, "cloud.json", cloud or tenant())]
    argv += ["--settings", write(tmp_path, "settings.json", {"now": NOW, **(settings or {})})]
    return argv


def test_match_safe_exits_0_with_a_json_report(capsys, tmp_path):
    code, out, _ = cli(capsys, "match", *files(tmp_path, [user("ann"), user("bob")]))
    assert code == 0
    report = json.loads(out)
    assert [r["outcome"] for r in report["results"]] == ["provision", "provision"]
    assert report["summary"]["safeToSync"] is True


def test_match_error_exits_3(capsys, tmp_path):
    code, out, _ = cli(capsys, "match", *files(tmp_path, [user("ann"), user("nobody", objectGUID=OMIT)]))
    assert code == 3
    assert "error" in [r["outcome"] for r in json.loads(out)["results"]]


def test_match_duplicate_exits_3(capsys, tmp_path):
    cloud = tenant(cloud_user("c-gus", "gus@contoso.com", smtp="gus@contoso.com", roles=("Global Administrator",)))
    code, out, _ = cli(capsys, "match", *files(tmp_path, [user("gus", smtp="gus@contoso.com")], cloud))
    assert code == 3
    assert json.loads(out)["results"][0]["outcome"] == "duplicate"


def test_match_settings_file_overrides_features(capsys, tmp_path):
    obj = user("cara", smtp="cara@contoso.com")
    cloud = tenant(cloud_user("c-cara", "cara.x@contoso.com", smtp="cara@contoso.com"))
    code, out, _ = cli(capsys, "match", *files(tmp_path, [obj], cloud))
    assert (code, json.loads(out)["results"][0]["outcome"]) == (0, "softMatch")
    code, out, _ = cli(capsys, "match", *files(tmp_path, [obj], cloud, {"features": {"blockSoftMatchEnabled": True}}))
    assert (code, json.loads(out)["results"][0]["outcome"]) == (3, "duplicate")


def test_match_now_option_moves_the_clock(capsys, tmp_path):
    obj = user("jon")
    cloud = tenant(deleted_user("c-jon", anchor_of(obj["objectGUID"]), days_before(20)))
    argv = files(tmp_path, [obj], cloud)
    code, out, _ = cli(capsys, "match", *argv)
    assert code == 0
    assert json.loads(out)["results"][0]["outcome"] == "reanimate"
    code, out, _ = cli(capsys, "match", *argv, "--now", days_before(-20))
    assert json.loads(out)["results"][0]["outcome"] == "provision"


def test_match_missing_file_exits_2(capsys, tmp_path):
    argv = files(tmp_path, [user("ann")])
    argv[0] = str(tmp_path / "no-such-file.json")
    code, out, err = cli(capsys, "match", *argv)
    assert code == 2
    assert "no-such-file.json" in err
    assert out == ""


def test_match_invalid_json_exits_2(capsys, tmp_path):
    argv = files(tmp_path, [user("ann")])
    argv[0] = write(tmp_path, "broken.json", '{"kind": "onprem", "objects": [')
    code, out, err = cli(capsys, "match", *argv)
    assert code == 2
    assert err.strip()
    assert out == ""


@pytest.mark.parametrize("settings_text", [
    "{not json",
    "[1, 2]",
    json.dumps({"passwordHashSync": "perhaps"}),
    json.dumps({"now": "yesterday"}),
    json.dumps({"features": {"blockSoftMatchEnabled": "sometimes"}}),
], ids=["invalid-json", "not-an-object", "bad-flag", "bad-now", "bad-feature"])
def test_match_bad_settings_exit_2(capsys, tmp_path, settings_text):
    argv = files(tmp_path, [user("ann")])
    argv[-1] = write(tmp_path, "bad-settings.json", settings_text)
    code, out, err = cli(capsys, "match", *argv)
    assert code == 2
    assert err.strip()
    assert out == ""


def test_match_bad_now_option_exits_2(capsys, tmp_path):
    code, out, err = cli(capsys, "match", *files(tmp_path, [user("ann")]), "--now", "someday")
    assert code == 2
    assert err.strip()
    assert out == ""


def test_match_csv_has_one_row_per_object(capsys, tmp_path):
    objects = [user("ann"), user("nobody", objectGUID=OMIT), user("krbtgt")]
    code, out, _ = cli(capsys, "match", *files(tmp_path, objects), "--format", "csv")
    assert code == 3
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3
    assert [r["outcome"] for r in rows] == ["provision", "error", "skipped"]
    assert rows[0]["objectGUID"] == objects[0]["objectGUID"]
    assert "InvalidSourceAnchor" in rows[1]["errors"]


def test_match_table_is_readable_text(capsys, tmp_path):
    objects = [user("ann"), user("nobody", objectGUID=OMIT)]
    code, out, _ = cli(capsys, "match", *files(tmp_path, objects), "--format", "table")
    assert code == 3
    with pytest.raises(ValueError):
        json.loads(out)
    assert "error" in out
    assert "provision" in out
    assert "InvalidSourceAnchor" in out
    assert "nobody" in out.lower()


def test_match_through_the_module_entry_point(tmp_path):
    argv = [*MODULE_COMMAND, "match", *files(tmp_path, [user("nobody", objectGUID=OMIT)])]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 3, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["outcome"] == "error"


def test_match_usage_error_exits_2(tmp_path):
    proc = subprocess.run([*MODULE_COMMAND, "match"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.strip()


# --- leaving at once ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["match", "check"])
def test_one_shot_commands_leave_at_once_with_their_whole_output(tmp_path, capsys, command):
    # Several megabytes through a pipe, then os._exit: nothing of the report may be lost on the way out.
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--objects", "2000", "--out",
                    str(tmp_path)], check=True, capture_output=True)
    args = [command, str(tmp_path / "onprem.json"), *([str(tmp_path / "cloud.json")] if command == "match" else []),
            *(["--settings", str(tmp_path / "settings.json")] if command == "match" else [])]
    expected_code, expected, _ = cli(capsys, *args)
    script = Path(sys.executable).with_name("syncmatch")
    for argv in ([str(script)] if script.exists() else []), MODULE_COMMAND:
        if not argv:
            continue
        proc = subprocess.run([*argv, *args], capture_output=True, timeout=120, cwd=ROOT)
        assert proc.returncode == expected_code, proc.stderr
        assert len(proc.stdout) > 200_000  # more than a pipe holds: the reader drains it while it is written
        assert proc.stdout.decode() == expected
        out = tmp_path / "report.json"
        code = subprocess.run([*argv, *args, "-o", str(out)], capture_output=True, timeout=120).returncode
        assert code == expected_code
        assert out.read_text(encoding="utf-8") == expected
        out.unlink()


def test_a_command_in_process_returns_instead_of_leaving(capsys):
    assert main(["anchor", GUID, "--json"], hard_exit=True) == 0  # not a one-shot command that ends holding a directory
    assert json.loads(capsys.readouterr().out)["immutableId"] == VECTORS[GUID]
