"""The engine's entry point: canonical snapshots + settings -> report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from . import model, remediation, report, scoped
from .gc_pause import paused_gc
from .index import CloudIndex
from .phases import Progress, Timings, apart, phase
from .quality.pending import Checks, InProcess, all_records
from .result import NONE, Result
from .rules import (
    competition,
    gaps,
    hard_match,
    identity,
    rejoin,
    scope,
    soft_match,
    source_anchor,
    tenant,
    uniqueness,
)
from .settings import EvalSettings, eval_settings, is_auto, with_anchor

if TYPE_CHECKING:
    from .report_shapes import Row

PROGRESS_EVERY = 10_000
POLL_EVERY = 1_000  # objects between two looks at whether the checks' child is done
# Assumption: holding every record while a quarter of the results are made adds less than the run's peak
# (measured on the benchmark directories: the peak is at the end of the loop, the records gone by then).
HOLD_SHARE = 4
NO_ATTRIBUTES: dict[str, Any] = {}  # shared by every consumed object whose mail R8 no longer reads; never written to


def evaluate(onprem: dict[str, Any], cloud: dict[str, Any], settings: dict[str, Any] | None = None, *,
             rejected: list[dict[str, Any]] | None = None, progress: Progress | None = None,
             now: datetime | None = None, more_onprem: list[dict[str, Any]] | None = None,
             labels: Sequence[str | None] | None = None, timings: Timings | None = None,
             consume: bool = False, checks: Checks | None = None) -> dict[str, Any]:
    """Predict the outcome of every on-premises object against the tenant, in snapshot order.

    more_onprem: further on-premises exports (other domains or forests), evaluated together with the first;
    labels: a label per export (default: its forest root); timings: a dict that receives the seconds of each
    phase (quality, index, evaluate, report), for the benchmark; consume: the caller hands the snapshots
    over and reads them no more. The cloud's records then go with the index, before the rows are made, and
    the records of a single on-premises export each with its report row; their lists keep their length,
    holding None. A 1,000,000-object run then never holds the input and the report whole. checks: the
    data-quality checks of these on-premises exports, begun by the caller as soon as they were read (a child
    process, adapters/background_checks.py), taken once the tenant is indexed; else they run here, first.
    """
    the_tenant = model.tenant(cloud)
    config = eval_settings(settings, the_tenant, now)
    exports = [onprem, *(more_onprem or [])]
    pending = checks if checks is not None else InProcess(all_records(exports))
    with paused_gc():
        if not pending.running:  # here and first, so that the checks' duplicates index goes before results grow
            with phase(timings, "quality"):
                pending.result()
        report = _predict(exports, cloud, config, the_tenant, list(rejected or []), progress, list(labels or []),
                          timings, consume, pending)
    with phase(timings, "quality"):  # the checks' child may still run: a caller that can read them again said so
        report["dataQuality"] = pending.result()
    if timings is not None:
        timings.update({f"quality {name}": value for name, value in pending.figures.items()})
    return report


def _take_checks(pending: Checks, timings: Timings | None) -> None:
    """Wait for the child running the checks when its section must be in before any record goes (should the child
    fail, the checks run here, on every record), unless the caller can give the records again."""
    if pending.needs_records:
        with phase(timings, "quality"):
            pending.result()


def _predict(exports: list[dict[str, Any]], cloud: dict[str, Any], config: EvalSettings, the_tenant: model.Tenant,
             rejected: list[dict[str, Any]], progress: Progress | None, labels: list[str | None],
             timings: Timings | None, consume: bool, pending: Checks) -> dict[str, Any]:
    """Index the cloud, evaluate every object and build the report."""
    # A function of its own so that the index and the results are freed as it returns, before the collector
    # resumes: its first pass then walks the report only.
    pages = tenant.missing_pages_finding(cloud)
    with phase(timings, "index"):
        index = CloudIndex(model.cloud_objects(cloud))
    default = len(exports) == 1 and not labels and not config.topology.given
    if not (default and consume):  # else the object loop takes the checks once they are done
        _take_checks(pending, timings)
    if consume:
        _let_go(cloud)  # the index holds every cloud record it needs
    if default:
        records = exports[0].get("objects") or []
        holding = 0
        with phase(timings, "evaluate"):
            if is_auto(config):  # R2: the wizard's automatic choice looks at the users first
                chosen, holding = source_anchor.choose_auto(records, the_tenant,
                                                            lambda o: scope.skip_reason(o) is None)
                config = with_anchor(config, chosen)
            results = _evaluate_all(records, index, config, the_tenant, progress, pending if consume else None,
                                    timings)
        _take_checks(pending, timings)  # the run outpaced the checks: their wait, then the records go
        if consume:
            records[:] = [None] * len(records)
        with phase(timings, "report"):
            parts = _tenant_part(results, index, config, the_tenant, rejected, pages, holding)
            del index  # the cloud objects go before the rows are made
            return _report(parts, results, config, rejected)
    with phase(timings, "evaluate"):
        outcome = scoped.evaluate_all(exports, labels, index, config, the_tenant, progress, evaluate_object)
    config = outcome.config or config  # with the sourceAnchor "auto" chose among the objects in scope
    with phase(timings, "report"):
        parts = _tenant_part(outcome.results, index, config, the_tenant, rejected,
                             pages + scoped.findings(outcome, config), outcome.holding)
        del index
        built = _report(parts, outcome.results, config, rejected)
    built["summary"]["topology"] = scoped.summary(outcome)
    built["settings"]["topology"] = config.topology.to_dict()
    return built


def _let_go(cloud: dict[str, Any]) -> None:
    """Set every slot of a consumed cloud snapshot's lists of objects to None, in place (lengths kept)."""
    for kind in ("users", "groups", "contacts", "deletedUsers"):
        records = cloud.get(kind)
        if isinstance(records, list):
            records[:] = [None] * len(records)


def _evaluate_all(records: list[Any], index: CloudIndex, config: EvalSettings, the_tenant: model.Tenant,
                  progress: Progress | None, consume: Checks | None = None,
                  timings: Timings | None = None) -> list[Result]:
    """Evaluate each object in order; earlier objects' claims shape later ones (R8).

    consume: the run's checks, when the records are handed over. Once an object is evaluated, its record's slot
    is set to None and the object keeps only what is read after the loop (_keep_for_later): the rest of
    the record goes at once. While the checks still run in a child, the records stay (should the child fail,
    the checks run here on all of them) unless the caller can read them again (`needs_records` is False): the
    loop looks every POLL_EVERY objects, and once the section is in, the records evaluated so far go too. At a
    share of HOLD_SHARE of the objects it waits for the child instead, so that held records and the growing
    results never add up to more than that; timings: that wait is counted as "quality", not "evaluate".
    """
    claims = competition.Claims()
    results: list[Result] = []
    total = max(len(records), 1)
    holding = consume is not None and consume.needs_records
    hold_until = total // HOLD_SHARE
    build, suggest, add, fixed = model.onprem_object, remediation.suggest, results.append, remediation.FIXED
    for n, record in enumerate(records, 1):
        # Each object is built as it is evaluated, while its record is in the processor's cache.
        obj = build(n, record)
        result = evaluate_object(obj, index, config, the_tenant, claims)
        if result.errors or result.warnings or result.outcome in fixed:  # else suggest has nothing to add
            suggest(result, config, the_tenant)
        if consume is not None:
            if not holding:
                records[n - 1] = None
            elif n % POLL_EVERY == 0 and (n >= hold_until or consume.ready()):
                with apart(timings, "quality", "evaluate"):
                    consume.result()
                records[:n] = [None] * n
                holding = False
            _keep_for_later(result)
        add(result)
        if progress and n % PROGRESS_EVERY == 0:
            progress(n / total)
    competition.competing_warnings(results, claims)
    return results


def _keep_for_later(result: Result) -> None:
    """Let go of what no step after the loop reads: of the record's attributes all but a mail that R8's
    competing_warnings still counts (an address in text other than the primary one, which most objects' mail
    is), and the list of a single SMTP address (R8 reads the addresses of objects with several)."""
    ident, obj = result.identity, result.obj
    mail = obj.attrs.get("mail")
    primary = ident.primary_key
    if mail == primary or type(mail) is not str or "@" not in mail or mail.strip().lower() == primary:
        obj.attrs = NO_ATTRIBUTES
    else:
        obj.attrs = {"mail": mail}
    if len(ident.smtp) == 1:
        ident.smtp = NONE


def evaluate_object(obj: model.OnPremObject, index: CloudIndex, config: EvalSettings,
                    the_tenant: model.Tenant, claims: competition.Claims) -> Result:
    """Apply R1 to R8 to one object."""
    result = Result(obj)
    if scope.evaluate(result):
        return result
    source_anchor.resolve(result, config)
    identity.resolve(result, the_tenant)
    # R8 counts an anchor even when its first holder fails on another rule: both must be fixed.
    anchor = result.identity.anchor
    # The usual anchor is its own first holder: duplicate_anchor is only called for one held already.
    duplicate = anchor is not None and claims.anchors.setdefault(anchor, result) is not result \
        and competition.duplicate_anchor(result, claims)
    if duplicate or (result.errors and result.blocked):  # most objects have no error: no call
        result.outcome = "error"
        return result
    _match(result, index, config, the_tenant, claims)
    if result.outcome == "skipped":  # R1: left alone (Source of Authority in the cloud), it is not synced
        if claims.anchors.get(anchor) is result:  # and claims nothing, not even its anchor
            del claims.anchors[anchor]
        return result
    if not (result.errors and result.blocked):
        claims.take(result)
    return result


def _match(result: Result, index: CloudIndex, config: EvalSettings, the_tenant: model.Tenant,
           claims: competition.Claims) -> None:
    """Hard match (or a group's or contact's rejoin), else soft match, else a new object (R4, R5, R6)."""
    if result.obj.kind == model.USER:
        anchor = result.identity.anchor
        # Most anchors are not a cloud ImmutableId: one lookup here instead of a call.
        if anchor is not None and anchor in index.by_anchor and hard_match.evaluate(result, index, config,
                                                                                    the_tenant):
            return
    elif rejoin.evaluate(result, index, claims):
        return
    if soft_match.evaluate(result, index, config, claims, the_tenant):
        return
    uniqueness.evaluate(result, index, claims, the_tenant, config)
    if result.obj.kind == model.GROUP and result.outcome in ("provision", "duplicate"):
        _duplicate_group_name(result, index)


def _duplicate_group_name(result: Result, index: CloudIndex) -> None:
    """Warn when a new group takes the displayName of an existing cloud group."""
    obj = result.obj
    name = obj.display_name or _cn(obj.dn) or obj.sam
    same = index.groups_by_name.of(name.lower()) if name else []
    if same:
        ids = [g.id for g in same]
        result.warn("DuplicateGroupName", f"Cloud group {', '.join(ids)} already has the displayName {name!r}: "
                    "groups never soft-match on names, so a second group appears.", {"cloudIds": ids})


def _cn(dn: str | None) -> str | None:
    """The CN of a DN (the name a group gets without displayName)."""
    first = (dn or "").split(",")[0]
    return first[3:] if first.lower().startswith("cn=") else None


class _TenantPart(NamedTuple):
    """What the report takes from the cloud index, worked out before the index is let go."""

    findings: list[dict[str, Any]]
    orphans: list[dict[str, Any]]
    cloud_only: int
    missing: list[dict[str, Any]]
    incomplete: bool


def _tenant_part(results: list[Result], index: CloudIndex, config: EvalSettings, the_tenant: model.Tenant,
                 rejected: list[dict[str, Any]], more_findings: list[dict[str, Any]], holding: int) -> _TenantPart:
    """The tenant findings, orphans and cloud-only objects: everything of the report that reads the index."""
    orphans, cloud_only, leftover_findings = tenant.leftovers(results, index)
    fields = gaps.missing_fields(index.objects)
    if config.sync_upn_managed:  # licences only matter while UPN updates of licensed users are off
        fields.pop("assignedLicenses", None)
    missing = tenant.missing_input_finding(fields, gaps.deleted_without_values(index.objects),
                                           config.defaulted_features)
    findings = (tenant.feature_findings(config) + tenant.protection_findings(config)
                + tenant.anchor_finding(config, holding) + leftover_findings
                + tenant.upn_suffix_finding(results, the_tenant) + tenant.input_finding(rejected) + more_findings
                + missing)
    return _TenantPart(findings, orphans, cloud_only, missing,
                       any(f["code"] == "IncompleteInput" for f in more_findings))


def _report(part: _TenantPart, results: list[Result], config: EvalSettings,
            rejected: list[dict[str, Any]]) -> dict[str, Any]:
    """Assemble the report: summary, findings, results, orphans."""
    rows = _rows(results)
    missing = part.missing
    return {
        "summary": report.summary(rows, rejected, part.incomplete),
        "tenantFindings": part.findings,
        "results": rows,
        "rejected": rejected,
        "cloudOrphans": part.orphans,
        "cloudOnly": part.cloud_only,
        "settings": {"sourceAnchor": config.source_anchor, "passwordHashSync": config.password_hash_sync,
                     "features": config.features(), "now": config.now.isoformat(),
                     **({"sourceAnchorSetting": config.anchor_setting} if config.anchor_setting else {})},
        "notPredicted": missing[0]["missing"] if missing else [],
    }


def _rows(results: list[Result]) -> list[Row]:
    """The report's rows; each Result, with its on-premises object, is let go once its row is made.

    At 1,000,000 objects the results and the rows do not then take memory side by side.
    """
    rows = []
    for position, result in enumerate(results):
        rows.append(report.result_dict(result))
        results[position] = None  # type: ignore[call-overload]  # let each Result go: the list is not read again
    return rows


__all__ = ["evaluate"]
