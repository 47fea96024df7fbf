"""Known attacks on the remediation script, through `syncmatch match` (readers, engine, every output).

Each case puts an injected `Remove-ADUser` (or a sub-expression) where an attacker can: a proxy address
whose U+2019 used to end the literal, a DN with line breaks, a role name with `$(...)`, a here-string
and block-comment markers. The ps1 output, the HTML report's script and the JSON snippets must parse,
carry the text as values only, make every change under ShouldProcess and carry no data in comments.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from builders import anchor_of, cloud_user, guid_for, onprem, tenant, user
from powershell_support import commands, html_script, parse

from service.cli import main
from service.engine.powershell import MANUAL, PLACEHOLDER

EVE = "smtp:eve\u2019}; Remove-ADUser -Identity Administrator -Confirm:$false; #@contoso.com"
JANE_DN = "CN=Jane\n# x\nRemove-ADUser -Identity Administrator\r\n\rY,OU=Staff,DC=contoso,DC=com"
HERE_DN = "CN=Here@'\nRemove-ADUser -Identity Administrator\n'@ <# x #>,OU=Staff,DC=contoso,DC=com"
ROLES = ("$(Remove-ADUser -Identity Administrator -Confirm:$false)", 'Global Administrator"; Remove-ADUser x; "')
ONEIL_DN = "CN=Pat O\u2019Neil,OU=Staff,DC=contoso,DC=com"
# Commands outside any ShouldProcess block: the script's header and what it shows.
UNGUARDED = {"Set-StrictMode", "Connect-MgGraph", "Write-Host", "Write-Warning"}
DATA_FREE_COMMENT = re.compile(r"# --- (object|tenant finding) \d+|#Requires -Modules [\w., ]+|<#\n\.SYNOPSIS\n"
                               r"SyncMatch remediation script\. [^\n]*\n#>|# then add the DNS TXT record and "
                               r"Confirm-MgDomain -DomainId '<domain>'|# or -Remove only the expired ones|"
                               + re.escape(MANUAL))


def directory() -> tuple[dict, dict]:
    """On-premises objects and a tenant with the attacks above."""
    objects = [
        user("eve", proxies=[EVE, "SMTP:eve@contoso.com"]),
        user("pat", smtp="pat@contoso.com", distinguishedName=ONEIL_DN,
             userPrincipalName="pat.o\u2019neil@contoso.com"),
        user("jane", smtp="jane@contoso.com", distinguishedName=JANE_DN, userPrincipalName="jane@contoso.local"),
        user("here", smtp="here@contoso.com", distinguishedName=HERE_DN),
        user("gus", smtp="gus@contoso.com"),
    ]
    cloud = tenant(cloud_user(guid_for("c-pat"), "pat.c@contoso.com", smtp="pat@contoso.com"),
                   cloud_user(guid_for("c-jane"), "jane.c@contoso.com", smtp="jane@contoso.com"),
                   cloud_user(guid_for("c-here"), "here.c@contoso.com", smtp="here@contoso.com",
                              immutable_id=anchor_of(guid_for("other"))),
                   cloud_user(guid_for("c-gus"), "gus.c@contoso.com", smtp="gus@contoso.com", roles=ROLES))
    return onprem(*objects), cloud


@pytest.fixture
def match(tmp_path: Path, capsys):
    """Run `syncmatch match` on the attack directory in one format; its output as text."""
    objects, cloud = directory()
    (tmp_path / "onprem.json").write_text(json.dumps(objects), encoding="utf-8")
    (tmp_path / "cloud.json").write_text(json.dumps(cloud), encoding="utf-8")

    def run(fmt: str) -> str:
        out = tmp_path / f"out.{fmt}"
        code = main(["match", str(tmp_path / "onprem.json"), str(tmp_path / "cloud.json"), "--now",
                     "2026-11-01T00:00:00Z", "--format", fmt, "--output", str(out)])
        assert code == 3, capsys.readouterr().err
        return out.read_text(encoding="utf-8")
    return run


def _nodes(text: str, kind: str):
    """Every node of one type in the script's tree, with its ancestors."""
    stack = [(parse(text).root_node, ())]
    while stack:
        node, ancestors = stack.pop()
        if node.type == kind:
            yield node, ancestors
        stack.extend((child, (*ancestors, node)) for child in node.children)


def _guarded(ancestors: tuple) -> bool:
    """Inside `if ($PSCmdlet.ShouldProcess(...)) { }`, or `if ($false) { }` (a step to complete by hand)."""
    return any(a.type == "if_statement" and (b"$PSCmdlet.ShouldProcess(" in a.children[2].text
                                             or a.children[2].text == b"$false") for a in ancestors)


def _blocks(text: str, condition: bytes) -> list[str]:
    """The bodies of the `if` statements whose condition starts so."""
    return [node.children[4].text.decode() for node, _ in _nodes(text, "if_statement")
            if node.children[2].text.startswith(condition)]


def assert_safe_script(text: str) -> None:
    """Parses, runs no injected command, changes only under ShouldProcess, no data in comments."""
    names = commands(text)
    assert "Remove-ADUser" not in names
    assert text.count("Remove-ADUser -Identity Administrator") >= 4  # the attacks are there, as values
    assert text.startswith("#Requires -Modules ")
    head = text.split("Connect-MgGraph", 1)[0]
    for line in ("[CmdletBinding(SupportsShouldProcess)]", "param()", "Set-StrictMode -Version Latest",
                 "$ErrorActionPreference = 'Stop'"):
        assert line in head.splitlines()
    for node, ancestors in _nodes(text, "command_name"):
        assert node.text.decode() in UNGUARDED or _guarded(ancestors), node.text.decode()
    run, manual = _blocks(text, b"$PSCmdlet.ShouldProcess("), _blocks(text, b"$false")
    assert run and manual
    assert not [body for body in run if PLACEHOLDER.search(body)]
    assert all(PLACEHOLDER.search(body) for body in manual)
    comments = [node.text.decode() for node, _ in _nodes(text, "comment")]
    assert comments
    for comment in comments:
        assert DATA_FREE_COMMENT.fullmatch(comment), comment


def test_ps1_output_runs_no_injected_command(match):
    text = match("ps1")
    assert_safe_script(text)
    assert "'CN=Pat O\u2019\u2019Neil,OU=Staff,DC=contoso,DC=com'" in text
    assert "[char]0x000A" in text and "[char]0x000D" in text
    assert "'displayName eq ''$(Remove-ADUser -Identity Administrator -Confirm:$false)'''" in text


def test_html_report_script_runs_no_injected_command(match):
    page = match("html")
    assert_safe_script(html_script(page))


def test_json_snippets_run_no_injected_command(match):
    report = json.loads(match("json"))
    steps = [s["powershell"] for r in report["results"] for s in r["remediation"]]
    steps += [f["powershell"] for f in report["tenantFindings"] if f.get("powershell")]
    assert len(steps) > 8
    assert sum("Remove-ADUser -Identity Administrator" in s for s in steps) >= 4
    for step in steps:
        assert "Remove-ADUser" not in commands(step), step


def test_a_user_called_o_neil_gets_a_script_that_parses(match):
    report = json.loads(match("json"))
    pat = next(r for r in report["results"] if r["object"]["sAMAccountName"] == "pat")
    assert pat["remediation"]
    for step in pat["remediation"]:
        assert commands(step["powershell"])


@pytest.mark.parametrize("cloud_id", ["c-x'; Remove-ADUser -Identity Administrator; '", "c-x\n# y",
                                      "$(Remove-ADUser x)", "0b5d4c2e-7f1a-4c3b-9d2e-8a6f1b2c3d4e\u2019"])
def test_a_cloud_id_that_is_not_a_guid_is_rejected_naming_the_record(tmp_path, capsys, cloud_id):
    cloud = tenant(cloud_user(guid_for("c-ann"), "ann.c@contoso.com"), cloud_user(cloud_id, "bob@contoso.com"))
    (tmp_path / "onprem.json").write_text(json.dumps(onprem(user("ann"))), encoding="utf-8")
    (tmp_path / "cloud.json").write_text(json.dumps(cloud), encoding="utf-8")
    code = main(["match", str(tmp_path / "onprem.json"), str(tmp_path / "cloud.json"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 3  # a record not read is never safe to sync
    assert report["summary"]["complete"] is False and report["summary"]["objects"] == 1
    assert [(r["record"], r["field"]) for r in report["rejected"]] == [(3, "id")]  # after the tenant and ann
    assert "not a GUID" in report["rejected"][0]["reason"]


def test_a_role_assignment_principal_that_is_not_a_guid_is_rejected(tmp_path, capsys):
    roles = {"value": [{"principalId": guid_for("c-ann"), "roleDefinition": {"displayName": "Global Administrator"}},
                       {"principalId": "x'\n; Remove-ADUser y", "roleDefinition": {"displayName": "Reader"}}]}
    path = tmp_path / "roles.json"
    path.write_text(json.dumps(roles), encoding="utf-8")
    from service.readers import read_snapshot
    snapshot = read_snapshot(str(path), kind="cloud")
    assert [(r["record"], r["field"]) for r in snapshot.rejected] == [(2, "principalId")]
