"""Evaluation with a topology: several exports, the sync scope, joins, and Cloud Sync's differences.

The default path (one export, no scope, Connect) stays in evaluate.py untouched; this one builds every
object first, because the scope's group and the joins look at all of them before any is evaluated.
Sources: "Entra Connect Sync: Configure filtering", "Topologies for Entra Connect", "Cloud Sync:
scoping filters", "Cloud Sync FAQ", "Choose the right sync client".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict, cast

from . import exports as export_sources
from . import remediation
from .index import CloudIndex
from .model import OnPremObject, Tenant
from .phases import Progress
from .result import Result
from .rules import cloud_sync, competition, joins, scope, source_anchor
from .rules.sync_scope import ScopeCheck
from .settings import EvalSettings, is_auto, with_anchor

# evaluate.evaluate_object: R1 to R8 on one object (passed in: evaluate.py imports this module).
EvaluateObject = Callable[[OnPremObject, CloudIndex, EvalSettings, Tenant, competition.Claims], Result]


class TopologySummary(TypedDict):
    """What the topology did, for the report's summary."""

    exports: list[str]
    removedByFilter: dict[str, int]
    joinedIntoOthers: int


@dataclass(slots=True)
class Outcome:
    """The results, and what the scope and the joins did, for the summary and the findings."""

    results: list[Result]
    exports: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    joined: int = 0
    per_domain: Counter[str | None] = field(default_factory=Counter)
    config: EvalSettings | None = None  # the settings used: "auto" resolved among the objects in scope
    holding: int = 0  # in-scope users already holding mS-DS-ConsistencyGuid ("auto", R2)


def evaluate_all(exports: list[dict[str, Any]], labels: Sequence[str | None], index: CloudIndex,
                 config: EvalSettings, the_tenant: Tenant, progress: Progress | None,
                 evaluate_object: EvaluateObject) -> Outcome:
    """Scope, join and evaluate the objects of every export, in order (R8's claims span all exports)."""
    topology = config.topology
    objects, used, dns = export_sources.objects_of(exports, labels)
    check = ScopeCheck(topology.scope, objects, topology.cloud_sync) if topology.scope.active else None
    outcome = Outcome([], used)
    results: list[Result | None] = [None] * len(objects)
    positions: list[int] = []
    for i, obj in enumerate(objects):
        found = check.check(obj, obj.source["domain"] if obj.source else None, dns[i]) if check else None
        if found:
            outcome.removed[found[0]] += 1
            results[i] = _skipped(obj, found[1], config, the_tenant)
        else:
            positions.append(i)
    if is_auto(config):  # R2: the wizard's automatic choice looks at the users in scope
        chosen, outcome.holding = source_anchor.choose_auto_among(
            (objects[i] for i in positions), the_tenant, lambda o: scope.skip_reason(o) is None)
        config = with_anchor(config, chosen)
    outcome.config = config
    # From here on, the place of an object joined into another holds None.
    slots = cast("list[OnPremObject | None]", objects)
    if not topology.cloud_sync:
        outcome.joined = joins.join(slots, positions, topology, lambda o: scope.skip_reason_before_joins(o) is None)
    claims = competition.Claims()
    total = max(len(positions), 1)
    for n, i in enumerate(positions, 1):
        person = slots[i]
        if person is None:  # joined into another object: listed on that one's result
            continue
        results[i] = _evaluate(person, index, config, the_tenant, claims, evaluate_object, outcome)
        if progress and n % 10_000 == 0:
            progress(n / total)
    outcome.results = [r for r in results if r is not None]
    competition.competing_warnings(outcome.results, claims)
    return outcome


def _evaluate(obj: OnPremObject, index: CloudIndex, config: EvalSettings, the_tenant: Tenant,
              claims: competition.Claims, evaluate_object: EvaluateObject, outcome: Outcome) -> Result:
    """One in-scope object: Cloud Sync's group limit, then R1 to R8."""
    reason = cloud_sync.too_many_members(obj) if config.topology.cloud_sync else None
    if reason:
        return _skipped(obj, reason, config, the_tenant)
    result = evaluate_object(obj, index, config, the_tenant, claims)
    joins.warn_ambiguous(result)
    remediation.suggest(result, config, the_tenant)
    if result.outcome != "skipped":
        outcome.per_domain[obj.source["domain"] if obj.source else None] += 1
    return result


def _skipped(obj: OnPremObject, reason: str, config: EvalSettings, the_tenant: Tenant) -> Result:
    """A result for an object the scope leaves out: skipped, claiming nothing."""
    result = Result(obj)
    result.outcome, result.skip_reason = "skipped", reason
    remediation.suggest(result, config, the_tenant)
    return result


def summary(outcome: Outcome) -> TopologySummary:
    """What the topology did: the exports, how many objects each filter removed, how many were joined."""
    return {"exports": outcome.exports, "removedByFilter": dict(sorted(outcome.removed.items())),
            "joinedIntoOthers": outcome.joined}


def findings(outcome: Outcome, config: EvalSettings) -> list[dict[str, Any]]:
    """Cloud Sync's findings: the ignored sourceAnchor setting, the per-domain scale."""
    if not config.topology.cloud_sync:
        return []
    return cloud_sync.anchor_finding(config) + cloud_sync.scale_finding(outcome.per_domain)
