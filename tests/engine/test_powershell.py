"""The PowerShell renderer's pieces: literals, GUIDs, filters, URIs and the script's header."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from powershell_support import parse, problems

from service.engine import remediation_script
from service.engine.powershell import (
    SINGLE_QUOTES,
    graph_filter,
    guid,
    guid_value,
    literal,
    object_id,
    path_segment,
    sid_filter,
    user_uri,
)
from service.engine.remediation import q

GUID = "3ab39606-c642-489b-84b6-58c038d3ef39"


def unquote(text: str) -> str:
    """What PowerShell makes of a plain single-quoted literal: any quote followed by a quote is one quote."""
    assert text[0] in SINGLE_QUOTES and text[-1] in SINGLE_QUOTES
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        if body[i] in SINGLE_QUOTES:
            assert i + 1 < len(body) and body[i + 1] in SINGLE_QUOTES, f"a lone quote ends the literal: {text!r}"
            out.append(body[i + 1])
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


@pytest.mark.parametrize("quote_char", list(SINGLE_QUOTES))
def test_each_of_the_five_single_quotes_is_doubled(quote_char):
    assert literal(f"O{quote_char}Neil") == f"'O{quote_char}{quote_char}Neil'"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(SINGLE_QUOTES) + list("ab\"$`#@{}();"))))
def test_a_printable_literal_reads_back_as_the_value(text):
    assert unquote(literal(text)) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_an_ascii_literal_reads_back_as_the_value(text):
    """ASCII text takes a path of its own (only ' among the five quotes is ASCII): the same literal."""
    if text.isprintable():
        assert literal(text) == "'" + "".join(c * 2 if c in SINGLE_QUOTES else c for c in text) + "'"
        assert unquote(literal(text)) == text
    else:
        assert "\n" not in literal(text) and "\r" not in literal(text)


def test_q_is_the_literal():
    assert q("smtp:eve\u2019}; x") == literal("smtp:eve\u2019}; x") == "'smtp:eve\u2019\u2019}; x'"


@pytest.mark.parametrize(("value", "expected"), [
    ("a\nb", "('a' + [char]0x000A + 'b')"),
    ("\r\nx", "('' + [char]0x000D + [char]0x000A + 'x')"),
    ("x\u2028", "('x' + [char]0x2028)"),
    ("\u202e", "('' + [char]0x202E)"),
    ("a\U000e0001'", "('a' + [char]::ConvertFromUtf32(0xE0001) + '''')"),
    ("Zo\xeb\xa0Ng", "'Zo\xeb\xa0Ng'"),
])
def test_hidden_characters_become_char_codes(value, expected):
    assert literal(value) == expected
    assert not problems(parse(f"Write-Host {expected}"))


def test_guids_are_rendered_from_the_parsed_guid():
    assert guid("{" + GUID.upper() + "}") == GUID
    assert guid(GUID + "'") is None and guid("c-gus") is None and guid(None) is None
    assert object_id(GUID.upper()) == f"'{GUID}'"
    assert object_id("c-gus") == "'c-gus'"
    assert guid_value(uuid.UUID(GUID)) == f"[guid]'{GUID}'"
    with pytest.raises(ValueError):
        guid_value("not-a-guid")


def test_graph_filters_are_one_literal_with_odata_quotes_doubled_first():
    assert graph_filter("displayName", "O'Brien") == "'displayName eq ''O''''Brien'''"
    assert graph_filter("displayName", "O\u2019Brien") == "'displayName eq ''O\u2019\u2019Brien'''"
    assert graph_filter("principalId", GUID.upper()) == f"'principalId eq ''{GUID}'''"


def test_sid_filters_take_only_a_sid():
    assert sid_filter("S-1-5-21-1-2-3-1105") == "'objectSid -eq ''S-1-5-21-1-2-3-1105'''"
    assert sid_filter("S-1-5-21'; x") == "'objectSid -eq ''<SID>'''"
    assert sid_filter(None) == "'objectSid -eq ''<SID>'''"


@pytest.mark.parametrize("text", ["c-gus", "a/../b", "x y\u2019\n$(", "100%", "\u00e9"])
def test_a_non_guid_id_is_one_url_path_segment(text):
    assert path_segment(text) == quote(text, safe="")
    assert user_uri(text) == literal("https://graph.microsoft.com/v1.0/users/" + quote(text, safe=""))


def test_the_script_starts_with_the_header_and_parses_when_empty():
    text = remediation_script({"results": [], "tenantFindings": []})
    lines = text.splitlines()
    assert lines[0].startswith("#Requires -Modules ")
    assert lines.index("[CmdletBinding(SupportsShouldProcess)]") + 1 == lines.index("param()")
    assert lines.index("param()") < lines.index("Set-StrictMode -Version Latest")
    assert "$ErrorActionPreference = 'Stop'" in lines
    assert not problems(parse(text))


def test_an_object_without_a_record_number_is_numbered_by_its_place():
    report = {"results": [{"object": {"record": "17; x", "distinguishedName": "CN=a"}, "outcome": "error",
                           "remediation": [{"action": "do it", "powershell": "Set-ADUser 'CN=a' -Clear 'x'"}]}]}
    text = remediation_script(report)
    assert "# --- object 1\n" in text and "17; x" not in text


def test_a_step_with_a_placeholder_is_shown_but_never_run():
    steps = [{"action": "Give a new UPN", "powershell": "Set-ADUser 'CN=a' -UserPrincipalName '<new UPN>'"},
             {"action": "Sync", "powershell": "Start-ADSyncSyncCycle -PolicyType Delta"}]
    report = {"results": [{"object": {"record": 3, "distinguishedName": "CN=a"}, "outcome": "duplicate",
                           "remediation": steps}]}
    text = remediation_script(report)
    assert "if ($false) {\nSet-ADUser 'CN=a' -UserPrincipalName '<new UPN>'\n}" in text
    assert "Write-Warning 'CN=a (object 3): Give a new UPN: fill in the <...> value" in text
    assert ("if ($PSCmdlet.ShouldProcess('CN=a (object 3)', 'Sync')) {\n"
            "Start-ADSyncSyncCycle -PolicyType Delta\n}") in text
    assert not problems(parse(text))
