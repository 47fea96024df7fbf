"""results.csv: no cell starts a formula (=, +, -, @, tab, CR get a leading '), from the CLI and the library."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest

from service.cli import main
from service.reporting import csv_report

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\tx", "\rx"]
STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_gets_a_leading_quote(value):
    assert csv_report.cell(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "CN=a,DC=b", "a=b", "'=already", "", " =x"])
def test_other_cells_are_kept(value):
    assert csv_report.cell(value) == value


def test_numbers_and_booleans_are_kept():
    assert [csv_report.cell(v) for v in (-1, 2.5, True, None)] == [-1, 2.5, True, ""]


def test_cli_csv_has_no_cell_that_starts_a_formula(tmp_path, capsys):
    objects = [{"objectClass": "user", "objectGUID": str(uuid.uuid4()), "sAMAccountName": f"u{i}",
                "distinguishedName": f"{value},OU=Staff,DC=contoso,DC=com", "displayName": value,
                "userPrincipalName": f"{value}@contoso.com", "proxyAddresses": [f"SMTP:{value}@contoso.com"]}
               for i, value in enumerate(FORMULAS)]
    cloud = {"kind": "cloud", "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                                         "domains": [{"name": "contoso.com", "isVerified": True}]},
             "users": [{"id": "c-1", "userPrincipalName": "=1+1@contoso.com",
                        "proxyAddresses": [f"SMTP:{FORMULAS[0]}@contoso.com"]}]}
    (tmp_path / "onprem.json").write_text(json.dumps({"kind": "onprem", "objects": objects}), encoding="utf-8")
    (tmp_path / "cloud.json").write_text(json.dumps(cloud), encoding="utf-8")
    main(["match", str(tmp_path / "onprem.json"), str(tmp_path / "cloud.json"), "--format", "csv"])
    rows = _rows(capsys.readouterr().out)
    assert len(rows) == len(FORMULAS) + 1
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(STARTS)]
    dns = {row[3] for row in rows[1:]}
    assert {"'" + f"{value},OU=Staff,DC=contoso,DC=com" for value in FORMULAS} == dns
