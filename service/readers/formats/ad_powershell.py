"""Get-ADUser / Get-ADGroup / Get-ADObject -Properties ... | ConvertTo-Json (Windows PowerShell 5.1 or 7)."""

from __future__ import annotations

from ..registry import Format, Sniff
from .canonical import records

MARKERS = ("PropertyNames", "AddedProperties", "ObjectGUID", "DistinguishedName", "SamAccountName", "SID")


def detect(sniff: Sniff) -> bool:
    """The ActiveDirectory module's PascalCase names or its \\/Date()\\/ dates."""
    return sniff.kind == "onprem" and (any(m in sniff.keys for m in MARKERS) or "\\/Date(" in sniff.text)


FORMAT: Format = Format("ad-powershell-json", "json", ("onprem",), records, detect, priority=20,
                        summary="Get-ADUser ... | ConvertTo-Json")
