"""R2 sourceAnchor: the value Entra ID stores as the object's ImmutableId.

Microsoft: with mS-DS-ConsistencyGuid (the default) a user's anchor is that attribute, or its
objectGUID when empty (sync then writes objectGUID back into mS-DS-ConsistencyGuid); groups and
contacts always use objectGUID. A GUID becomes base64 of Guid.ToByteArray(). A custom anchor must
be under 60 characters (characters outside a-z, A-Z, 0-9 count 3) and hold no special character.
(2026-12) sourceAnchor "auto" is the wizard's Express choice: the attribute a previous installation
used (tenant.sourceAnchorAttribute), else objectGUID when users already hold mS-DS-ConsistencyGuid
(another application may use it: finding SourceAnchorFallback), else mS-DS-ConsistencyGuid.
Cloud Sync's anchor is fixed: mS-DS-ConsistencyGuid when present, else objectGUID, never written back
(settings.py ignores another sourceAnchor setting; finding SourceAnchorFixedInCloudSync).
Sources: "Entra Connect: Design concepts" (sourceAnchor, Using mS-DS-ConsistencyGuid as sourceAnchor);
"Cloud Sync FAQ".
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from typing import Any

from ..anchor import AnchorError, immutable_id_of_text, immutable_id_of_value
from ..model import USER, OnPremObject, Tenant, onprem_object
from ..names import ONPREM_TABLE, lookup
from ..result import Result
from ..settings import EvalSettings
from ..values import as_text

# Half the users of a directory get this note: they share the list.
WRITTEN_BACK = ["mS-DS-ConsistencyGuid is empty: the anchor is objectGUID, and sync writes it back into "
                "mS-DS-ConsistencyGuid."]
FORBIDDEN = set("\\!#$%&*+/=?^`{}|~<>()';:,[]\"@_")
MAX_WEIGHTED_LENGTH = 60

InScope = Callable[[OnPremObject], bool]


def choose_auto(records: list[Any], tenant: Tenant, in_scope: InScope) -> tuple[str, int]:
    """The attribute "auto" picks, and how many in-scope users already hold mS-DS-ConsistencyGuid."""
    if tenant.source_anchor_attribute:
        return tenant.source_anchor_attribute, 0
    objects = (onprem_object(n, record) for n, record in enumerate(records, 1) if isinstance(record, dict))
    return choose_auto_among(objects, tenant, in_scope)


def choose_auto_among(objects: Iterable[OnPremObject], tenant: Tenant, in_scope: InScope) -> tuple[str, int]:
    """choose_auto on objects already built (several exports, after the sync scope)."""
    if tenant.source_anchor_attribute:
        return tenant.source_anchor_attribute, 0
    holding = 0
    for obj in objects:
        value = obj.attrs.get("mS-DS-ConsistencyGuid")
        if obj.kind == USER and value not in (None, "", []) and in_scope(obj):
            holding += 1
    return ("objectGUID", holding) if holding else ("mS-DS-ConsistencyGuid", 0)


def resolve(result: Result, settings: EvalSettings) -> None:
    """Set the object's anchor, or record InvalidSourceAnchor."""
    obj = result.obj
    if obj.kind != USER or settings.anchor_is_object_guid:
        result.anchor_source = "objectGUID"
        result.identity.anchor = _guid_anchor(result, "objectGUID", obj.guid, obj.guid_problem)
    elif settings.anchor_is_consistency_guid:
        result.identity.anchor = _consistency_anchor(result, not settings.topology.cloud_sync)
    else:
        result.anchor_source = settings.source_anchor
        result.identity.anchor = _custom_anchor(result, settings.source_anchor)


def _guid_anchor(result: Result, name: str, guid: str | None, problem: str | None) -> str | None:
    """Anchor from a parsed GUID (its canonical text), or the error that explains why there is none."""
    if guid is not None:
        return immutable_id_of_text(guid)
    reason = f"{name} cannot be read: {problem}" if problem else f"{name} is missing"
    result.error("InvalidSourceAnchor", f"No sourceAnchor: {reason}. The object cannot be exported.",
                 attribute=None)
    return None


def _consistency_anchor(result: Result, written_back: bool = True) -> str | None:
    """mS-DS-ConsistencyGuid when present, else objectGUID (Connect writes it back; Cloud Sync does not)."""
    obj = result.obj
    value = obj.attrs.get("mS-DS-ConsistencyGuid")
    if value is None or value == "" or value == []:
        result.anchor_source = "objectGUID"
        if obj.guid is None:
            return _guid_anchor(result, "objectGUID", None, obj.guid_problem)
        if written_back:
            result.note(WRITTEN_BACK)
        return immutable_id_of_text(obj.guid)
    result.anchor_source = "mS-DS-ConsistencyGuid"
    try:
        return immutable_id_of_value(value)
    except AnchorError as exc:
        return _guid_anchor(result, "mS-DS-ConsistencyGuid", None, str(exc))


def _custom_anchor(result: Result, name: str) -> str | None:
    """Anchor from a custom attribute: binary values as base64, text checked against the rules."""
    value = lookup(result.obj.attrs, name, ONPREM_TABLE)
    if isinstance(value, list) and value and all(isinstance(v, int) for v in value):
        return base64.b64encode(bytes(value)).decode("ascii")
    text = as_text(value)
    if text is None:
        return _guid_anchor(result, name, None, None)
    problem = custom_anchor_problem(text)
    if problem:
        result.error("InvalidSourceAnchor", f"The sourceAnchor attribute {name} holds {text!r}: {problem}.")
        return None
    return text


def custom_anchor_problem(text: str) -> str | None:
    """Say what makes a text anchor invalid, or None when Entra ID accepts it."""
    bad = sorted(set(text) & FORBIDDEN)
    if bad:
        return "it contains " + " ".join(bad) + ", which a sourceAnchor may not hold"
    weighted = sum(1 if (c.isascii() and c.isalnum()) else 3 for c in text)
    if weighted >= MAX_WEIGHTED_LENGTH:
        return (f"it counts {weighted} characters (each character outside a-z, A-Z, 0-9 counts 3); "
                f"a sourceAnchor must be under {MAX_WEIGHTED_LENGTH}")
    return None
