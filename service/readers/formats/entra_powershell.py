"""The Microsoft Entra PowerShell module's objects piped to ConvertTo-Json (Get-EntraUser, Get-EntraGroup,
Get-EntraContact, Get-EntraDeletedUser, Get-EntraDomain, Get-EntraDirectoryRoleAssignment, Get-EntraDirSyncFeature).

The module returns Microsoft Graph PowerShell objects (PascalCase, AdditionalProperties; Get-EntraUser adds
the Graph response's own camelCase properties) plus AzureAD-style alias properties: ObjectId (Id), ImmutableId
(OnPremisesImmutableId), DirSyncEnabled (OnPremisesSyncEnabled), DeletionTimestamp (DeletedDateTime) and
others; Get-EntraDirSyncFeature returns one {DirSyncFeature, Enabled} row per feature, the name without its
Enabled suffix. Source: the module's cmdlets (github.com/microsoftgraph/entra-powershell, module/Entra).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import RecordRejected
from ..json_formats import cloud_json
from ..registry import Format, Sniff

if TYPE_CHECKING:
    from ..encoding import TextSource
    from ..registry import Warn

MARKERS = ("ObjectId", "DirSyncFeature", "DirSyncEnabled", "ImmutableId", "DeletionTimestamp")
# Alias property (lower case) -> the Graph property it repeats.
ALIASES = {
    "objectid": "id",
    "immutableid": "onPremisesImmutableId",
    "dirsyncenabled": "onPremisesSyncEnabled",
    "deletiontimestamp": "deletedDateTime",
    "lastdirsynctime": "onPremisesLastSyncDateTime",
}
# Aliases that repeat a property under another meaning's name; the property itself is read.
DROPPED = frozenset({"userstate", "userstatechangedon", "mobile", "telephonenumber", "provisioningerrors"})
SYNC_TYPE = "#microsoft.graph.onPremisesDirectorySynchronization"


def detect(sniff: Sniff) -> bool:
    """The module's alias properties."""
    return sniff.kind == "cloud" and any(m in sniff.keys for m in MARKERS)


def entity(raw: object) -> object:
    """A module object as the Graph SDK object it wraps: aliases resolved, a DirSyncFeature row a sync setting."""
    if not isinstance(raw, dict):
        return raw
    merged: dict[str, Any] = {}
    lowered: dict[str, str] = {}
    for key, item in raw.items():
        if not isinstance(key, str):
            continue
        seen = lowered.get(key.lower())
        if seen is None:
            lowered[key.lower()] = key
            merged[key] = item
        elif merged[seen] is None:  # Get-EntraUser: 'id' from the response beside the SDK's empty 'Id'
            merged[seen] = item
    if "dirsyncfeature" in lowered:
        return _feature(merged[lowered["dirsyncfeature"]], merged.get(lowered.get("enabled", "")))
    out = {k: v for k, v in merged.items() if k.lower() not in ALIASES and k.lower() not in DROPPED}
    present = {k.lower(): k for k in out}
    for alias, target in ALIASES.items():
        if alias in lowered and (target.lower() not in present or out[present[target.lower()]] is None):
            out[present.get(target.lower(), target)] = merged[lowered[alias]]
    return out


def _feature(name: object, enabled: object) -> object:
    """One Get-EntraDirSyncFeature row as an onPremisesDirectorySynchronization with that one feature."""
    if not isinstance(name, str) or not name.strip():
        return RecordRejected("the DirSyncFeature row has no feature name", field="DirSyncFeature", code="BadValue")
    features = {} if name == "AdditionalProperties" else {f"{name.strip()}Enabled": enabled}
    return {"@odata.type": SYNC_TYPE, "id": "dirsync", "features": features}


def records(text: TextSource, _kind: str, _warn: Warn) -> Iterator[tuple[Any, ...]]:
    """(line, hint, entity) with the module's aliases resolved."""
    for line, hint, raw in cloud_json(text):
        yield line, hint, raw if hint == "tenant" else entity(raw)


FORMAT: Format = Format("entra-powershell-json", "json", ("cloud",), records, detect, priority=50,
                        summary="Microsoft Entra PowerShell (Get-EntraUser ...) | ConvertTo-Json",
                        nulls_mean_unselected=True)
