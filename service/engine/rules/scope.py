"""R1 Scope: which objects Entra Connect synchronises at all.

Microsoft: the default configuration synchronises users (inetOrgPerson as users), groups and
contacts; it filters out critical system objects, krbtgt, accounts whose sAMAccountName ends in
`$`, its own service accounts (MSOL_, AAD_) and replication-conflict objects (CNF:).
Source: "Entra Connect sync: Understanding the default configuration".
"""

from __future__ import annotations

from ..model import OnPremObject
from ..values import as_bool

SERVICE_ACCOUNT_PREFIXES = ("msol_", "aad_")


def skip_reason(obj: OnPremObject) -> str | None:
    """Return why the default configuration leaves the object out, or None when it is in scope."""
    if obj.kind is None:
        name = obj.class_name or "(no objectClass)"
        return f"objectClass {name} is not synchronised (only user, inetOrgPerson, group and contact are)"
    # The default scoping filters, for an object of a synchronised class.
    critical = obj.attrs.get("isCriticalSystemObject")
    if critical is not None and as_bool(critical):
        return "isCriticalSystemObject is true: excluded by the default filters"
    sam = (obj.sam or "").lower()
    if sam == "krbtgt":
        return "sAMAccountName krbtgt: excluded by the default filters"
    if sam.endswith("$"):
        return "sAMAccountName ends in $: excluded by the default filters"
    if sam.startswith(SERVICE_ACCOUNT_PREFIXES):
        return "a sync service account (MSOL_ or AAD_): excluded by the default filters"
    dn = obj.dn.lower() if obj.dn and ":" in obj.dn else ""  # no colon, no CNF:
    if "\\0acnf:" in dn or "\ncnf:" in dn:
        return "a replication-conflict object (CNF: in its DN): excluded by the default filters"
    return None
