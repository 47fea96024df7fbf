"""The Snapshot a reader returns, and the Collector that fills its bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import RecordRejected

MAX_WARNINGS_PER_CODE = 20


@dataclass
class Snapshot:
    """A canonical snapshot plus what the reader noticed on the way."""

    kind: str
    format: str
    data: dict[str, Any]
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    parts: Any = field(default=None, repr=False, compare=False)

    def handed_over(self) -> dict[str, Any]:
        """The data, for a caller that hands it to the engine to consume (`evaluate(..., consume=True)`).

        A cloud snapshot's `parts` index every record (to merge bundles); kept, they would hold each record to
        the end of the run, however early the engine lets go of it. They go here.
        """
        self.parts = None
        return self.data

    @property
    def objects(self) -> int:
        """Number of objects read: on-prem objects, or cloud users+groups+contacts+deletedUsers."""
        if self.kind == "onprem":
            return len(self.data.get("objects", []))
        return sum(len(self.data.get(k, [])) for k in ("users", "groups", "contacts", "deletedUsers"))


class Collector:
    """Rejected records and warnings, deduplicated by code where that helps the reader."""

    def __init__(self) -> None:
        self.rejected: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self._warned: dict[str, int] = {}
        self.first_rejection: RecordRejected | None = None

    def reject(self, record: int, line: int | None, problem: RecordRejected) -> None:
        """Record that one input record could not be used."""
        reason = problem.reason if not problem.hint else f"{problem.reason.rstrip('.')}. Fix: {problem.hint}"
        self.rejected.append({"record": record, "line": line, "field": problem.field, "reason": reason})
        if self.first_rejection is None:
            self.first_rejection = problem
            self.first_rejection.record = record
            self.first_rejection.line = line

    def warn(self, code: str, message: str, *, once: bool = False) -> None:
        """Add a warning; `once` keeps only the first of that code."""
        seen = self._warned.get(code, 0)
        if (once and seen) or seen >= MAX_WARNINGS_PER_CODE:
            self._warned[code] = seen + 1
            return
        self._warned[code] = seen + 1
        self.warnings.append({"code": code, "message": message})
