"""The one place that renders PowerShell: literals, GUIDs, filters, Graph URIs and the remediation script.

Directory values are attacker-controlled, so a value only ever becomes a single-quoted literal. PowerShell's
tokenizer treats U+2018, U+2019, U+201A and U+201B exactly like `'` (CharExtensions.IsSingleQuote), and inside
a single-quoted string any two single quotes in a row stand for the second one: each of the five is doubled.
Characters a reader cannot see (control, format and line-separator characters, unpaired surrogates) are written
as `[char]0x....` joined to the literal, so that no line break, bidirectional override or NUL ever reaches the
script text and the value survives a change of line endings. Nothing from the data goes into double quotes,
here-strings or comments. Source: PowerShell language specification, 2.3.5.2.2 (string literals) and the
tokenizer's CharExtensions (IsSingleQuote, IsDoubleQuote, IsDash).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from typing import Any

SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
_DOUBLED = str.maketrans({quote: quote * 2 for quote in SINGLE_QUOTES})
# Unicode categories written as [char] codes: control, format (bidi overrides, zero-width), surrogates, line
# and paragraph separators.
HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
GUID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?")
# A GUID already in its canonical text (lower case, hyphenated, no braces): the usual cloud object id.
CANONICAL_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SID = re.compile(r"S-1-[0-9]+(?:-[0-9]+)+")
# A value the admin must choose: '<new UPN>', '<id of the quarantined duplicate>', '<domain>'...
PLACEHOLDER = re.compile(r"<[A-Za-z][A-Za-z0-9 ]*>")
MANUAL = "# This step needs a value you choose (the <...> placeholder): it is shown here but not run."
GRAPH = "https://graph.microsoft.com/v1.0"
UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
REQUIRES = "#Requires -Modules ActiveDirectory, Microsoft.Graph.Users"
HEADER = (
    REQUIRES,
    "<#",
    ".SYNOPSIS",
    "SyncMatch remediation script. Review each step before running it; run it with -WhatIf first.",
    "#>",
    "[CmdletBinding(SupportsShouldProcess)]",
    "param()",
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "",
    "Connect-MgGraph -Scopes 'User.ReadWrite.All','RoleManagement.ReadWrite.Directory',"
    "'OnPremDirectorySynchronization.ReadWrite.All'",
    "",
)


def literal(value: object) -> str:
    """A PowerShell single-quoted literal of the value's text (an expression that joins [char] codes if needed)."""
    text = str(value)
    if text.isprintable():
        if text.isascii():  # of the five quotes only ' is ASCII; replace is several times faster than translate
            return "'" + text.replace("'", "''") + "'"
        return "'" + text.translate(_DOUBLED) + "'"
    return _joined(text)


def _joined(text: str) -> str:
    """A literal whose hidden characters are written as [char] codes: ('a' + [char]0x000A + 'b')."""
    parts: list[str] = []
    run: list[str] = []
    for char in text:
        if unicodedata.category(char) in HIDDEN:
            if run or not parts:
                parts.append("'" + "".join(run).translate(_DOUBLED) + "'")
                run = []
            parts.append(_char(char))
        else:
            run.append(char)
    if run:
        parts.append("'" + "".join(run).translate(_DOUBLED) + "'")
    return parts[0] if len(parts) == 1 else "(" + " + ".join(parts) + ")"


def _char(char: str) -> str:
    """One character as a PowerShell expression."""
    code = ord(char)
    return f"[char]0x{code:04X}" if code <= 0xFFFF else f"[char]::ConvertFromUtf32(0x{code:X})"


def guid(value: object) -> str | None:
    """The canonical GUID (lowercase, hyphenated) of a GUID in text, else None."""
    text = str(value) if value is not None else ""
    if CANONICAL_GUID.fullmatch(text):  # the usual id: its own canonical text, no parse
        return text
    return str(uuid.UUID(text.strip("{}"))) if GUID.fullmatch(text) else None


def object_id(value: object) -> str:
    """A cloud object id as a literal, rendered from the parsed GUID when it is one."""
    return literal(guid(value) or value)


def guid_value(value: uuid.UUID | str) -> str:
    """A [guid] value for -Replace @{...=[guid]'...'}: only ever from a parsed GUID."""
    return "[guid]" + literal(str(uuid.UUID(str(value))))


def odata_string(value: object) -> str:
    """An OData string literal (quotes doubled the OData way); still to be put in a PowerShell literal."""
    return "'" + str(value).replace("'", "''") + "'"


def graph_filter(name: str, value: object) -> str:
    """-Filter for a Graph cmdlet: `name eq '<value>'` as one PowerShell literal."""
    return literal(f"{name} eq {odata_string(guid(value) or value)}")


def sid_filter(sid: object) -> str:
    """-Filter for Get-ADObject by objectSid; anything that is not an S-1-... SID becomes a placeholder."""
    text = str(sid) if sid is not None and SID.fullmatch(str(sid)) else "<SID>"
    return literal(f"objectSid -eq '{text}'")


def user_uri(cloud_id: object) -> str:
    """The Graph URI of a user as a literal; a non-GUID id is URL-encoded so it stays one path segment."""
    return literal(f"{GRAPH}/users/{guid(cloud_id) or path_segment(str(cloud_id))}")


def path_segment(text: str) -> str:
    """Text percent-encoded as one URL path segment (RFC 3986: only unreserved characters stay)."""
    return "".join(c if c in UNRESERVED else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
                   for c in text)


def write_host(text: str) -> str:
    """Show text to the person running the script."""
    return f"Write-Host {literal(text)}"


def should_process(target: str, action: str, body: str) -> list[str]:
    """One change, made only when ShouldProcess agrees (-WhatIf shows it, -Confirm asks).

    A step with a placeholder is never run (it would stop the script, or write the placeholder as a value):
    it is shown, with a warning, for the admin to complete and run by hand.
    """
    if PLACEHOLDER.search(body):
        return [MANUAL, write_warning(f"{target}: {action}: fill in the <...> value of this step and run it by "
                                      "hand (it is in the script, not run)"), "if ($false) {", body, "}"]
    return [f"if ($PSCmdlet.ShouldProcess({literal(target)}, {literal(action)})) {{", body, "}"]


def write_warning(text: str) -> str:
    """Warn the person running the script."""
    return f"Write-Warning {literal(text)}"


def script(report: dict[str, Any], keep: Callable[[dict[str, Any]], bool] | None = None) -> str:
    """One PowerShell script with every object's remediation (or those `keep` accepts) and the tenant's."""
    lines = list(HEADER)
    for number, result in enumerate(report.get("results", []), 1):
        if result.get("remediation") and (keep is None or keep(result)):
            lines += _object_steps(number, result)
    for number, item in enumerate(report.get("tenantFindings", []), 1):
        if item.get("powershell"):
            lines += _tenant_steps(number, item)
    return "\n".join(lines) + "\n"


def _object_steps(number: int, result: dict[str, Any]) -> Iterator[str]:
    """The steps of one object, introduced by its number; its name only ever inside literals."""
    obj = result.get("object") or {}
    record = obj.get("record")
    label = f"object {record if type(record) is int else number}"
    name = obj.get("distinguishedName") or obj.get("objectGUID") or label
    yield f"# --- {label}"
    yield write_host(f"{label.capitalize()} ({result.get('outcome')}): {name}")
    for step in result["remediation"]:
        yield from should_process(f"{name} ({label})", step["action"], step["powershell"])
    yield ""


def _tenant_steps(number: int, item: dict[str, Any]) -> Iterator[str]:
    """A tenant finding's change."""
    yield f"# --- tenant finding {number}"
    yield write_host(f"Tenant: {item.get('code')}: {item.get('recommendation')}")
    yield from should_process("tenant", str(item.get("recommendation") or item.get("code")), item["powershell"])
    yield ""
