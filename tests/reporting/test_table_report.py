"""`--format table`: directory values reach the terminal without escape sequences or control characters."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from service.cli import main
from service.reporting.table import shown

ATTACKS = {
    "osc-52-clipboard": "eve\x1b]52;c;UmVtb3ZlLUFEVXNlcg==\x07@contoso.com",
    "osc-st": "eve\x1b]0;title\x1b\\@contoso.com",
    "csi-clear": "eve\x1b[2J\x1b[1;1H@contoso.com",
    "c1-csi": "eve\x9b31m@contoso.com",
    "dcs": "eve\x1bPq#0;2;0;0;0\x1b\\@contoso.com",
    "bell-backspace": "eve\x07\x08\x08\x08@contoso.com",
    "bidi": "eve\u202e\u2066@contoso.com",
}
# Anything a terminal acts on instead of showing.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("text", ATTACKS.values(), ids=ATTACKS.keys())
def test_escape_sequences_and_controls_are_removed(text):
    assert shown(text) == "eve@contoso.com"


def test_line_breaks_and_tabs_become_spaces_and_plain_text_is_kept():
    assert shown("CN=Jane\nDEL:1\r\n\tx") == "CN=Jane DEL:1   x"
    assert shown("Zoë O’Neil") == "Zoë O’Neil"


def test_table_output_shows_no_control_character(tmp_path, capsys):
    objects = [{"objectClass": "user", "objectGUID": str(uuid.uuid4()), "sAMAccountName": f"u{i}",
                "distinguishedName": f"CN=u{i},DC=contoso,DC=com", "userPrincipalName": upn}
               for i, upn in enumerate(ATTACKS.values())]
    cloud = {"kind": "cloud", "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                                         "domains": [{"name": "contoso.com", "isVerified": True}]},
             "users": [{"id": f"c-{i}", "userPrincipalName": upn} for i, upn in enumerate(ATTACKS.values())]}
    (tmp_path / "onprem.json").write_text(json.dumps({"kind": "onprem", "objects": objects}), encoding="utf-8")
    (tmp_path / "cloud.json").write_text(json.dumps(cloud), encoding="utf-8")
    main(["match", str(tmp_path / "onprem.json"), str(tmp_path / "cloud.json"), "--format", "table"])
    out = capsys.readouterr().out
    assert out.count("eve@contoso.com") >= len(ATTACKS)  # the rows are there, cleaned
    assert not CONTROL.search(out), ascii(out)
