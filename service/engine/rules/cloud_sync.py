"""Cloud Sync's own limits: groups over 50,000 members, 150,000 objects per AD domain, a fixed sourceAnchor.

Microsoft: Cloud Sync syncs groups of up to 50,000 members (R1 of the matching rules); the decision
guide gives 150,000 objects per AD domain as its scale; its sourceAnchor is mS-DS-ConsistencyGuid,
else objectGUID, and cannot be chosen. Sources: "Choose the right sync client", "Cloud Sync FAQ".
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import OnPremObject
from ..settings import EvalSettings
from .scope import member_count
from .tenant import finding

MAX_GROUP_MEMBERS = 50_000
MAX_DOMAIN_OBJECTS = 150_000


def too_many_members(obj: OnPremObject) -> str | None:
    """Groups over 50,000 members, when the export shows the members."""
    count = member_count(obj) if obj.kind == "group" else None
    if count is not None and count > MAX_GROUP_MEMBERS:
        return f"the group has {count} members, more than {MAX_GROUP_MEMBERS:,}: Entra Cloud Sync does not sync it"
    return None


def scale_finding(per_domain: Counter[str | None], limit: int = MAX_DOMAIN_OBJECTS) -> list[dict[str, Any]]:
    """CloudSyncScaleLimit when one AD domain has more objects in scope than Cloud Sync supports."""
    over = {domain: n for domain, n in sorted(per_domain.items(), key=lambda kv: str(kv[0])) if n > limit}
    if not over:
        return []
    listed = ", ".join(f"{d or '(no domain)'}: {n}" for d, n in over.items())
    return [finding("CloudSyncScaleLimit", f"More than {limit:,} objects in scope in one AD domain ({listed}): "
                    "beyond what Cloud Sync supports per domain.",
                    "Use Entra Connect Sync for this domain, or narrow the scope (OU or attribute scoping filters).",
                    domains=over)]


def anchor_finding(settings: EvalSettings) -> list[dict[str, Any]]:
    """SourceAnchorFixedInCloudSync when the sourceAnchor setting asked for another attribute."""
    if not settings.anchor_ignored:
        return []
    return [finding("SourceAnchorFixedInCloudSync", f"sourceAnchor {settings.anchor_ignored!r} is ignored: Cloud "
                    "Sync always uses mS-DS-ConsistencyGuid when present, else objectGUID (not written back).",
                    "Plan hard matches on mS-DS-ConsistencyGuid or objectGUID; use Entra Connect Sync to choose "
                    "another sourceAnchor.", setting=settings.anchor_ignored)]
