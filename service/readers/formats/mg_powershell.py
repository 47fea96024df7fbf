"""Microsoft Graph PowerShell SDK objects (Get-MgUser ... | ConvertTo-Json): PascalCase, AdditionalProperties."""

from __future__ import annotations

from ..registry import Format, Sniff
from .canonical import records

MARKERS = ("AdditionalProperties", "OnPremisesImmutableId", "UserPrincipalName", "Id", "IsVerified",
           "PrincipalId", "Features")


def detect(sniff: Sniff) -> bool:
    """The SDK's PascalCase property names."""
    return sniff.kind == "cloud" and any(m in sniff.keys for m in MARKERS)


FORMAT: Format = Format("mg-powershell-json", "json", ("cloud",), records, detect, priority=60,
                        summary="Get-MgUser ... | ConvertTo-Json", nulls_mean_unselected=True)
