"""`syncmatch check` on the examples and on a directory seeded with every problem of the checks table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from service.cli import main
from service.engine import evaluate

ROOT = Path(__file__).resolve().parents[2]
SEEDED = Path(__file__).parent / "seeded"
EXAMPLES = sorted((ROOT / "examples" / "onprem").iterdir())


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def seeded_report(capsys) -> dict:
    code, out, _ = cli(capsys, "check", str(SEEDED / "onprem.json"))
    assert code == 3
    return json.loads(out)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_are_clean(capsys, path):
    code, out, err = cli(capsys, "check", str(path))
    report = json.loads(out)
    assert code == 0, err
    assert report["dataQuality"]["findings"] == []
    # The same seven synchronised objects in every export (the workstation, OU and container are not synchronised
    # classes); a full export also carries groupType, so IdFix's skip list may set the security group aside.
    summary = report["summary"]
    assert summary["checked"] + summary["skipped"] == 7
    assert report["dataQuality"]["checked"] == summary["checked"]
    assert report["summary"]["clean"] is True


def test_the_seeded_directory_gives_exactly_the_expected_findings(capsys):
    expected = json.loads((SEEDED / "expected.json").read_text(encoding="utf-8"))
    quality = seeded_report(capsys)["dataQuality"]
    got = [[f["object"]["record"], f["attribute"], f["type"], f["value"], f["suggested"], f["blocking"]]
           for f in quality["findings"]]
    assert sorted(got) == sorted(expected["findings"])
    assert (quality["checked"], quality["skipped"]) == (expected["checked"], expected["skipped"])
    assert quality["total"] == len(expected["findings"]) == sum(quality["counts"].values())
    assert set(quality["counts"]) == {"Character", "Format", "TopLevelDomain", "DomainPart", "LocalPart", "Length",
                                      "Duplicate", "Blank"}
    assert sum(n for by_type in quality["byAttribute"].values() for n in by_type.values()) == quality["total"]


def test_findings_come_in_snapshot_order_each_naming_its_object(capsys):
    findings = seeded_report(capsys)["dataQuality"]["findings"]
    records = [f["object"]["record"] for f in findings]
    assert records == sorted(records)
    first = findings[0]["object"]
    assert set(first) == {"record", "objectGUID", "distinguishedName", "objectClass"}
    assert first["objectGUID"] == f"00000000-0000-4000-8000-{first['record']:012d}"


def test_every_holder_of_a_duplicate_names_the_others(capsys):
    findings = seeded_report(capsys)["dataQuality"]["findings"]
    duplicates = [f for f in findings if f["type"] == "Duplicate"]
    ann, dana = "CN=Ann Smith,OU=Staff,DC=contoso,DC=com", "CN=Dana Dup,OU=Staff,DC=contoso,DC=com"
    for item in duplicates:
        if item["attribute"] != "targetAddress":
            mine = item["object"]["distinguishedName"]
            assert item["conflictsWith"] == [dana if mine == ann else ann]
    gil = [f for f in duplicates if f["attribute"] == "targetAddress"]
    assert {f["conflictsWith"][0] for f in gil} == {f["object"]["distinguishedName"] for f in gil}


def test_powershell_sets_the_proposed_value_in_single_quotes(capsys):
    findings = seeded_report(capsys)["dataQuality"]["findings"]
    for item in findings:
        if item["suggested"] is None:
            assert item["powershell"] is None
            continue
        assert "'" + item["suggested"].replace("'", "''") + "'" in item["powershell"]
        assert '"' not in item["powershell"].replace(item["value"], "").replace(item["suggested"], "")
    proxy = next(f for f in findings if f["value"] == "smtp:carl:x@contoso.com")
    assert proxy["powershell"] == ("Set-ADUser -Identity 'CN=Carl Local,OU=Staff,DC=contoso,DC=com' -Remove "
                                   "@{proxyAddresses='smtp:carl:x@contoso.com'} -Add "
                                   "@{proxyAddresses='smtp:carlx@contoso.com'}")


def test_ps1_format_holds_each_command_once_and_no_value_in_a_comment(capsys):
    report = seeded_report(capsys)
    code, out, _ = cli(capsys, "check", str(SEEDED / "onprem.json"), "--format", "ps1")
    assert code == 3
    commands = [f["powershell"] for f in report["dataQuality"]["findings"] if f["powershell"]]
    lines = out.splitlines()
    assert sorted(line for line in lines if line.startswith("Set-AD")) == sorted(set(commands))
    comments = [line for line in lines if line.startswith("#")]
    assert all("contoso" not in line and "@" not in line for line in comments)


def test_csv_has_a_row_per_finding_and_no_cell_starts_a_formula(capsys, tmp_path):
    source = json.loads((SEEDED / "onprem.json").read_text(encoding="utf-8"))
    source["objects"][1]["mail"] = "=HYPERLINK(\"http://x\") a@contoso.com"
    path = tmp_path / "onprem.json"
    path.write_text(json.dumps(source), encoding="utf-8")
    _, out, _ = cli(capsys, "check", str(path))
    findings = json.loads(out)["dataQuality"]["findings"]
    code, out, _ = cli(capsys, "check", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 3
    assert [(r["record"], r["attribute"], r["type"]) for r in rows] == [
        (str(f["object"]["record"]), f["attribute"], f["type"]) for f in findings]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values())
    assert any(r["value"].startswith("'=HYPERLINK") for r in rows)


def test_table_format_gives_counts_and_findings(capsys):
    code, out, _ = cli(capsys, "check", str(SEEDED / "onprem.json"), "--format", "table")
    assert code == 3
    assert "10 objects checked, 11 skipped" in out and "37 findings" in out
    assert "Duplicate" in out and "CN=Bob Jones" in out


def test_bad_input_exits_2_with_the_reason(capsys, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    code, out, err = cli(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err.startswith("syncmatch check: ")


def test_every_matching_report_carries_the_same_findings(capsys):
    onprem = json.loads((SEEDED / "onprem.json").read_text(encoding="utf-8"))
    report = evaluate(onprem, {"tenant": {"initialDomain": "contoso.onmicrosoft.com", "domains": ["contoso.com"]}})
    alone = seeded_report(capsys)["dataQuality"]
    assert report["dataQuality"] == alone


def test_findings_entra_rejects_carry_the_error_the_object_result_has(capsys):
    onprem = json.loads((SEEDED / "onprem.json").read_text(encoding="utf-8"))
    report = evaluate(onprem, {"tenant": {"initialDomain": "contoso.onmicrosoft.com", "domains": ["contoso.com"]}})
    rows = {r["object"]["record"]: r for r in report["results"]}
    mapped = [f for f in report["dataQuality"]["findings"] if f.get("entraError")]
    assert {f["entraError"]["attribute"] for f in mapped} == {"UserPrincipalName", "ProxyAddresses"}
    for item in mapped:
        errors = rows[item["object"]["record"]]["errors"]
        same = [e for e in errors if e["code"] == item["entraError"]["code"]
                and e.get("attribute") == item["entraError"]["attribute"]]
        assert same, item
        assert item["blocking"] == any(e["blocking"] for e in same)
    # and the other way: every R3 format error on a value of an object IdFix checks is a finding
    checked = [*range(1, 9), 21, 22]  # the others are on IdFix's skip list, whose UPN R3 derives from sAMAccountName
    for record in checked:
        for error in rows[record]["errors"]:
            if error["code"] == "IdentityDataValidationFailed" and error.get("details", {}).get("value"):
                assert any(f["object"]["record"] == record and f.get("entraError") for f in mapped), error


def test_html_format_is_the_check_only_page(capsys):
    code, out, _ = cli(capsys, "check", str(SEEDED / "onprem.json"), "--format", "html")
    assert code == 3
    assert out.startswith("<!DOCTYPE html>") and 'id="quality"' in out and 'id="objects"' not in out


def test_the_match_table_counts_the_findings(capsys):
    code, out, _ = cli(capsys, "match", str(SEEDED / "onprem.json"), str(ROOT / "examples" / "cloud" / "contoso.json"),
                       "--format", "table")
    assert code == 3
    assert "Data quality (IdFix's checks): 37 findings (Character 7," in out


def test_the_table_never_prints_a_control_character(capsys, tmp_path):
    source = json.loads((SEEDED / "onprem.json").read_text(encoding="utf-8"))
    source["objects"][1]["distinguishedName"] = "CN=Bob\x1b]52;c;ZXZpbA==\x07,OU=Staff,DC=contoso,DC=com"
    source["objects"][1]["mail"] = "bob\x1b[2J@contoso.com"
    path = tmp_path / "onprem.json"
    path.write_text(json.dumps(source), encoding="utf-8")
    code, out, _ = cli(capsys, "check", str(path), "--format", "table")
    assert code == 3 and "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out
