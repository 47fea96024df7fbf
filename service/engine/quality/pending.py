"""The data-quality checks of a run as the engine takes them: begun by the caller, or run here when asked for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..gc_pause import paused_gc
from .directory import check


class Checks(Protocol):
    """The checks of one run's on-premises objects (adapters/background_checks.py runs them in a child)."""

    figures: dict[str, float]  # what running them elsewhere cost (seconds, the child's peak RSS), for the benchmark

    @property
    def running(self) -> bool:
        """True while the checks run elsewhere: result() will wait for them."""

    @property
    def needs_records(self) -> bool:
        """True while result() may yet run the checks here on the records it was given: they must stay."""

    def ready(self) -> bool:
        """True unless the checks still run elsewhere: result() would wait for them."""

    def result(self) -> dict[str, Any]:
        """The report's `dataQuality` section."""


class InProcess:
    """The checks, run in this process the first time their section is asked for."""

    running = False
    needs_records = False  # result() is taken before any record goes

    def __init__(self, records: list[Any]) -> None:
        self.records = records
        self.section: dict[str, Any] | None = None
        self.figures: dict[str, float] = {}

    @staticmethod
    def ready() -> bool:
        """True: nothing runs elsewhere (result() runs the checks here)."""
        return True

    def result(self) -> dict[str, Any]:
        """The report's `dataQuality`, made once."""
        if self.section is None:
            with paused_gc():
                self.section = check(self.records)
        return self.section


def all_records(exports: Sequence[dict[str, Any]]) -> list[Any]:
    """The records of every on-premises export, one list (the first export's own list when it is the only one)."""
    if len(exports) == 1:
        return exports[0].get("objects") or []
    return [record for export in exports for record in export.get("objects") or []]
