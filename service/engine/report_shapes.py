"""The fixed-shape parts of the report (types only): one object's row and the summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

if TYPE_CHECKING:
    from .scoped import TopologySummary
    from .topology import JoinedEntry, Source


class RowObject(TypedDict):
    """The on-premises object of a row: record number, canonical objectGUID, class, names."""

    record: int
    objectGUID: str | None
    objectClass: str | None
    distinguishedName: str | None
    userPrincipalName: str | None
    sAMAccountName: str | None
    displayName: str | None


class Effective(TypedDict):
    """The UPN and primary SMTP address the object presents to Entra ID."""

    userPrincipalName: str | None
    primarySmtp: str | None


class Row(TypedDict):
    """One object's prediction (report.result_dict); errors, warnings and steps are the Result's entries."""

    object: RowObject
    sourceAnchor: str | None
    anchorSource: str | None
    outcome: str | None
    match: dict[str, Any] | None
    errors: Sequence[dict[str, Any]]
    warnings: Sequence[dict[str, Any]]
    remediation: Sequence[dict[str, Any]]
    effective: Effective
    assumptions: Sequence[str]
    skipReason: NotRequired[str]
    source: NotRequired[Source]
    joined: NotRequired[list[JoinedEntry]]
    notes: NotRequired[Sequence[str]]


class Summary(TypedDict):
    """Counts by outcome and code, and the verdict (report.summary); topology with several exports or a scope."""

    objects: int
    outcomes: dict[str, int]
    errors: dict[str, int]
    warnings: dict[str, int]
    blocking: int
    rejected: int
    complete: bool
    safeToSync: bool
    topology: NotRequired[TopologySummary]
