"""Directory data never becomes code: any text in any attribute that reaches PowerShell stays a value.

A directory that reaches every remediation step is built twice: with attacker text in every attribute
that reaches a script, and with harmless text in its place (the same characters, except that each one
PowerShell treats specially is replaced by one the engine treats the same way). The script, the HTML
report's script and each JSON snippet must parse without error, and have exactly the structure of the
harmless directory's: the same commands, parameters and blocks, only the values differ.
"""

from __future__ import annotations

from builders import (
    OMIT,
    anchor_of,
    cloud_contact,
    cloud_user,
    contact,
    days_before,
    deleted_user,
    guid_for,
    run,
    tenant,
    user,
)
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from powershell_support import commands, html_script, structure

from service.engine import remediation_script
from service.engine.powershell import literal
from service.reporting import html

CLOUD_ANCHOR = "Aw4GRT2721+4IykPv/ZwfQ=="
# Text PowerShell reads specially: the five single quotes, the double quotes, line breaks, escapes,
# sub-expressions, here-strings, block comments, dashes, statement separators.
SPECIAL = ["'", "\u2018", "\u2019", "\u201a", "\u201b", '"', "\u201c", "\u201d", "\u201e", "\r", "\n", "\r\n",
           "\x85", "\u2028", "\u2029", "`", "$(", "$", "@'", "'@", '@"', "<#", "#>", "#", ";", "}", "{", ")",
           "\u2013", "\u2014", "\u2015", "|", "&", " ", "\t", "\x00", "\u202e", "\ufeff", "\U000e0001"]
PAYLOADS = st.lists(st.sampled_from(SPECIAL) | st.text(max_size=3), max_size=8).map("".join)
# A harmless stand-in for each special character, in the same class for the engine's checks (UPN and
# address validity, whitespace, ASCII), so that both directories get the same outcomes.
TWIN = {"'": "_", '"': "]", "<": "]", ">": "]", "`": "!", "$": "!", "#": "~", "\r": " ", "\n": " ", "\t": " "}
FEATURES = [
    {},
    {"blockSoftMatchEnabled": True, "blockCloudObjectTakeoverThroughHardMatchEnabled": True},
    {"softMatchOnUpnEnabled": False},
]
ATTACK = "smtp:eve\u2019}; Remove-ADUser -Identity Administrator -Confirm:$false; #@contoso.com"


def harmless(text: str) -> str:
    """The text with every character PowerShell reads specially replaced by a harmless one of the same class."""
    out = []
    for char in text:
        if char in TWIN:
            out.append(TWIN[char])
        elif not char.isprintable() or char in "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2013\u2014\u2015":
            out.append((" " if char.isascii() else "\xa0") if char.isspace() else ("x" if char.isascii() else "é"))
        else:
            out.append(char)
    return "".join(out)


def directory(p: str, features: dict) -> tuple[dict, dict]:
    """On-premises objects and a tenant reaching every remediation step, with `p` in every value a script shows."""
    def dn(name: str) -> str:
        return f"CN={name}{p},OU=Staff{p},DC=contoso,DC=com"

    def cid(name: str) -> str:
        return f"c-{name}{p}"

    def smtp(name: str) -> str:
        return f"{name}{p}@contoso.com"

    pia, jon = user("pia", distinguishedName=dn("pia")), user("jon", distinguishedName=dn("jon"))
    objects = [
        user("soft", smtp=smtp("soft"), distinguishedName=dn("soft")),
        user("hal", smtp=smtp("hal"), userPrincipalName="hal.new@contoso.com", distinguishedName=dn("hal")),
        user("ivy", smtp=smtp("ivy"), userPrincipalName="ivy.new@contoso.com", distinguishedName=dn("ivy")),
        user("own1", smtp=smtp("own"), distinguishedName=dn("own1")),
        user("own2", smtp=smtp("own"), distinguishedName=dn("own2")),
        user("dup1", consistency_guid=guid_for("dupe"), distinguishedName=dn("dup1")),
        user("dup2", consistency_guid=guid_for("dupe"), distinguishedName=dn("dup2")),
        user("gus", smtp=smtp("gus"), distinguishedName=dn("gus")),
        user("sid", distinguishedName=dn("sid"), objectSid="S-1-5-21-7-7-7-1234"),
        contact("con", smtp=smtp("con"), distinguishedName=dn("con")),
        user("bad", userPrincipalName=f"bad{p}(x)@contoso.com", distinguishedName=dn("bad")),
        user("prx", proxies=[f"smtp:prx {p}", f"x400:{p}"], distinguishedName=dn("prx")),
        user("big", proxies=[f"smtp:big{i}@contoso.com" for i in range(301)], distinguishedName=dn("big")),
        user("noa", objectGUID=OMIT, distinguishedName=OMIT, sAMAccountName=f"noa{p}x"),
        user("suf", userPrincipalName=f"suf{p}@contoso.local", distinguishedName=dn("suf")),
        user("kim", userPrincipalName=f"kim{p}@contoso.com", distinguishedName=dn("kim")),
        user("eve", proxies=[ATTACK.replace("eve", f"eve{p}")], distinguishedName=dn("eve")),
        pia, jon,
    ]
    cloud = tenant(
        cloud_user(cid("soft"), "soft.c@contoso.com", smtp=smtp("soft")),
        cloud_user(guid_for("c-hal"), "hal@contoso.com", smtp=smtp("hal"), immutable_id=CLOUD_ANCHOR, synced=True),
        cloud_user(cid("ivy"), "ivy.c@contoso.com", smtp=smtp("ivy"), immutable_id=anchor_of(guid_for("other"))),
        cloud_user(guid_for("c-own"), "own.c@contoso.com", smtp=smtp("own")),
        cloud_user(cid("gus"), "gus.c@contoso.com", smtp=smtp("gus"), roles=(f"Global {p}Administrator", f"R{p}")),
        cloud_user(guid_for("c-sid"), "someone@contoso.com", sid="S-1-5-21-7-7-7-1234"),
        cloud_user(guid_for("c-con"), "con.c@contoso.com", smtp=smtp("con")),
        cloud_user(cid("kim"), f"kim{p}@contoso.com"),
        cloud_user(cid("pia"), "pia.k@contoso.com", immutable_id=anchor_of(pia["objectGUID"])),
        cloud_contact(cid("ext"), f"ext{p}@fabrikam.com"),
        deleted_user(cid("jon"), anchor_of(jon["objectGUID"]), days_before(5)),
        domains=("contoso.com", f"aa{p}.example"), features=features)
    return objects, cloud


def decisions(report: dict) -> list:
    """What the engine decided per object: outcome, errors, warnings and the number of steps."""
    return [(r["outcome"], sorted((e["code"], e.get("attribute", "")) for e in r["errors"]),
             sorted(w["code"] for w in r["warnings"]), len(r["remediation"])) for r in report["results"]]


def snippets(report: dict) -> list[str]:
    """Every PowerShell snippet of the JSON report, objects' steps and tenant findings."""
    steps = [s["powershell"] for r in report["results"] for s in r["remediation"]]
    return steps + [f["powershell"] for f in report["tenantFindings"] if f.get("powershell")]


def evaluate_both(p: str, features: dict) -> tuple[dict, dict]:
    """The reports of the attacker's directory and of its harmless twin."""
    attacked, twin = run(*directory(p, features)), run(*directory(harmless(p), features))
    assume(decisions(attacked) == decisions(twin))
    return attacked, twin


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(p=PAYLOADS, features=st.sampled_from(FEATURES))
@example(p="\u2019}; Remove-ADUser -Identity Administrator -Confirm:$false; #", features={})
@example(p="\n# $(Remove-ADUser x)\r\n@'\n'@<##>", features=FEATURES[1])
@example(p="", features=FEATURES[2])
def test_any_text_in_any_attribute_leaves_the_script_structure_unchanged(p, features):
    attacked, twin = evaluate_both(p, features)
    assert structure(remediation_script(attacked)) == structure(remediation_script(twin))
    for mine, theirs in zip(snippets(attacked), snippets(twin), strict=True):
        assert structure(mine) == structure(theirs)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(p=PAYLOADS, features=st.sampled_from(FEATURES))
@example(p="\u2019}; Remove-ADUser -Identity Administrator -Confirm:$false; #", features={})
def test_any_text_leaves_the_html_report_script_structure_unchanged(p, features):
    attacked, twin = evaluate_both(p, features)
    assert structure(html_script(html.render(attacked))) == structure(html_script(html.render(twin)))


def test_the_directory_reaches_every_remediation_step():
    fixes = set()
    for features in FEATURES:
        report = run(*directory("", features))
        fixes |= {cmd for text in snippets(report) for cmd in commands(text)}
    assert {"Update-MgUser", "Set-ADUser", "Set-ADObject", "Invoke-MgGraphRequest", "Get-ADObject",
            "Get-MgRoleManagementDirectoryRoleAssignment", "New-MgRoleManagementDirectoryRoleAssignment",
            "Update-MgDirectoryOnPremiseSynchronization", "Remove-MgDirectoryDeletedItem"} <= fixes


def test_the_payload_reaches_the_script_as_values():
    report = run(*directory("\u2019$(x)\n", {}))
    text = remediation_script(report)
    assert "Remove-ADUser -Identity Administrator" in text  # inside a literal, not a command
    assert "Remove-ADUser" not in commands(text)
    assert "[char]0x000A" in text


def test_the_structure_check_catches_a_quote_that_ends_a_literal():
    def naive(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    template = "Set-ADUser 'CN=x' -Remove @{{proxyAddresses={}}}"
    assert structure(template.format(naive("smtp:a@contoso.com"))) != structure(template.format(naive(ATTACK)))
    assert "Remove-ADUser" in commands(template.format(naive(ATTACK)))
    assert structure(template.format(literal("smtp:a@contoso.com"))) == structure(template.format(literal(ATTACK)))


def test_the_harmless_twin_has_no_special_character():
    text = harmless("".join(SPECIAL))
    assert not set(text) & set("'\"`$#\r\n\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u2013\u2014\u2015\x85\u2028")
    assert all(c.isprintable() or c == "\xa0" for c in text)
