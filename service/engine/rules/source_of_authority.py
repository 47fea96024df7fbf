"""R1 (2026-12) Source of Authority in the cloud: sync leaves a converted object alone.

Microsoft: once an admin converts a user's or group's Source of Authority to the cloud
(onPremisesSyncBehavior.isCloudManaged true), Entra Connect 2.5.76.0+ and Cloud Sync 1.1.1370.0+
stop changing it (event 6956): the on-premises object that would hard- or soft-match it is left
out, and nothing of the cloud object is overwritten. Sources: "Configure user Source of
Authority", "How group SOA works".
"""

from __future__ import annotations

from ..model import CloudObject
from ..result import Result
from .gaps import note_missing


def leaves_alone(result: Result, target: CloudObject, how: str) -> bool:
    """Skip the object, warning SourceOfAuthorityInCloud, when the target's SOA is in the cloud."""
    if not target.soa_in_cloud:
        note_missing(result, target, "onPremisesSyncBehavior")
        return False
    result.target = None
    result.match = None
    result.outcome = "skipped"
    result.skip_reason = (f"the cloud {target.kind} {target.id} it would {how} has its Source of Authority in the "
                          "cloud (onPremisesSyncBehavior.isCloudManaged): sync leaves it alone")
    result.warn("SourceOfAuthorityInCloud", f"Cloud {target.kind} {target.id} was converted to cloud management "
                f"(isCloudManaged): Entra Connect 2.5.76.0+ and Cloud Sync do not {how} it, nothing of it is "
                "overwritten and this object is not synchronised (event 6956).",
                {"cloudId": target.id, "wouldMatchBy": how})
    return True
