"""Several on-premises exports: each object keeps its export, AD domain and forest.

Microsoft: one Connect server (or Cloud Sync configuration) syncs several domains and forests into
one tenant; a forest is one connector, its domains are partitions of it. Source: "Topologies for
Entra Connect". Assumption (docs/topology.md): the forest of a domain is the shortest domain of the
exports it is a DNS suffix of (a second tree of one forest is taken as a forest of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import model
from .topology import Source, domain_of, normalize_dn


def objects_of(exports: list[dict[str, Any]], labels: Sequence[str | None]
               ) -> tuple[list[model.OnPremObject], list[str], list[str]]:
    """Every object of every export, in order, with its source ({"export", "domain", "forest"}); the labels; the
    normalised DNs (worked out once, for the scope too)."""
    built: list[list[model.OnPremObject]] = []
    for records in (export.get("objects") or [] for export in exports):
        built.append([model.onprem_object(n, record) for n, record in enumerate(records, 1)])
    dns = [normalize_dn(obj.dn) if obj.dn else "" for objects in built for obj in objects]
    flat = iter(dns)
    domains = [[domain_of(next(flat)) for _ in objects] for objects in built]
    roots = forest_roots({d for found in domains for d in found if d})
    out: list[model.OnPremObject] = []
    used: list[str] = []
    for position, (objects, found) in enumerate(zip(built, domains, strict=True)):
        label = _label(labels, position, found, roots)
        used.append(label)
        shared: dict[str | None, Source] = {}  # one source per domain, shared by its objects (the report is read-only)
        for obj, domain in zip(objects, found, strict=True):
            source = shared.get(domain)
            if source is None:
                source = shared[domain] = {"export": label, "domain": domain,
                                           "forest": roots.get(domain) if domain else None}
            obj.source = source
            out.append(obj)
    return out, used, dns


def forest_roots(domains: set[str]) -> dict[str, str]:
    """Each domain's forest root: the shortest domain of the set it ends with."""
    ordered = sorted(domains, key=lambda d: d.count("."))
    roots: dict[str, str] = {}
    for domain in ordered:
        roots[domain] = next((r for r in ordered if r.count(".") < domain.count(".") and domain.endswith("." + r)),
                             domain)
        roots[domain] = roots.get(roots[domain], roots[domain])
    return roots


def _label(labels: Sequence[str | None], position: int, domains: list[str | None], roots: dict[str, str]) -> str:
    """The caller's label of the export, else the forest root of its first object with a DN."""
    given = labels[position] if position < len(labels) else None
    if given:
        return str(given)
    first = next((d for d in domains if d), None)
    return roots.get(first, first) if first else f"export {position + 1}"
