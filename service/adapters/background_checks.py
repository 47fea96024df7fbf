"""The data-quality checks on a second processor while the tenant is read and indexed.

The checks read only the on-premises records, so a large run forks once they are read (`in_child`): the
child runs the engine's `check`; the parent meanwhile reads the tenant and indexes it, then the engine takes
the section (`Pending.result`, the engine's `Checks`). The section is the same, whichever process made it:
should the child fail (it cannot start, it is killed, runs out of memory, or raises), the parent runs the
checks itself, on the records it still holds, and `Pending.fallback` says why. A caller that can read the
records again (a job, from its stored snapshots) passes `reload`: the engine then lets each record go as soon
as it is evaluated, without waiting for the child, and a failed child's checks run on the records read again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from service.engine.gc_pause import paused_gc
from service.engine.quality import check
from service.engine.quality.pending import all_records

from . import in_child

Reload = Callable[[], Sequence[dict[str, Any]]]  # the on-premises exports of the run, read again

# Assumption: below this many records the checks take under half a second, and a fork gains nothing worth
# its cost (measured on the benchmark directories, 2 processors).
MIN_RECORDS = 20_000


def worthwhile(count: int) -> bool:
    """True when this process can fork, has a second processor to run the child on, and the run is large."""
    if count < MIN_RECORDS or not hasattr(os, "fork"):
        return False
    processors = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(processors) >= 2


def checked(records: list[Any]) -> dict[str, Any]:
    """The checks with the cyclic collector held, as the engine runs them."""
    with paused_gc():
        return check(records)


class Pending:
    """The checks of a run (the engine's `Checks`), running in a child process or to be run here when asked for."""

    def __init__(self, records: list[Any], background: bool | None = None, reload: Reload | None = None) -> None:
        self.records = records
        self.reload: Reload | None = None  # set once a child runs: until then the records are held
        self.child: in_child.Child[dict[str, Any]] | None = None
        self.section: dict[str, Any] | None = None
        self.fallback: str | None = None  # why the parent ran the checks itself, if it meant not to
        self.figures: dict[str, float] = {}  # the fork's seconds, the child's CPU seconds and peak RSS
        if background if background is not None else worthwhile(len(records)):
            started = time.perf_counter()
            try:
                self.child = in_child.start(checked, records)
            except OSError as exc:
                self.fallback = f"the checks' process could not start: {exc}"
            else:
                self.figures["fork"] = time.perf_counter() - started
                self.reload = reload

    @property
    def running(self) -> bool:
        """True while a child runs the checks (its section not yet taken)."""
        return self.child is not None

    @property
    def needs_records(self) -> bool:
        """True while a child runs the checks and the records could not be read again should it fail."""
        return self.child is not None and self.reload is None

    def ready(self) -> bool:
        """True unless the child is still running the checks: `result` would wait for it."""
        try:
            return self.child is None or self.child.done()
        except OSError:  # it cannot be looked at: `result` reaps it, or runs the checks here and says why
            return True

    def result(self) -> dict[str, Any]:
        """The report's `dataQuality`: the child's, once it is done, else the checks run here (kept once made)."""
        if self.section is None and self.child is not None:
            self.section = self._collect(self.child)
        if self.section is None:
            self.section = checked(self.records if self.reload is None else all_records(self.reload()))
        return self.section

    def _collect(self, child: in_child.Child[dict[str, Any]]) -> dict[str, Any] | None:
        """Wait for the child's section; None (and why in fallback) when it failed."""
        self.child = None
        try:
            return child.wait()
        except Exception as exc:  # whatever went wrong there, the checks are run here instead
            self.fallback = f"the checks' process failed: {exc}"
            return None
        finally:
            self.figures.update(child.figures)

    def close(self) -> None:
        """Stop and reap a child whose section was never taken (the run failed before it was needed)."""
        if self.child is not None:
            child, self.child = self.child, None
            child.kill()

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start(exports: Sequence[dict[str, Any]], background: bool | None = None, reload: Reload | None = None) -> Pending:
    """Begin the checks of these on-premises exports: in a child when worthwhile (or when background is True);
    reload: how to read the exports again, should the child fail once the engine has let their records go."""
    return Pending(all_records(exports), background, reload)
