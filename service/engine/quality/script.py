"""The PowerShell of every finding that has a proposed value, as one script to review and run (R10's quoting).

Comments name only the record number, IdFix's type and the attribute: never a directory value.
"""

from __future__ import annotations

from typing import Any

HEADER = ("# SyncMatch data-quality fixes (IdFix's checks). Review each step before running it.",
          "#Requires -Modules ActiveDirectory", "")


def script(section: dict[str, Any]) -> str:
    """One line per distinct command, each after a comment saying which record and check it fixes."""
    lines, seen = list(HEADER), set()
    for item in section.get("findings") or []:
        command = item.get("powershell")
        if not command or command in seen:
            continue
        seen.add(command)
        lines += [f"# record {int(item['object']['record'])}: {item['type']} in {item['attribute']}", command, ""]
    return "\n".join(lines) + "\n"
