"""How a run reports on itself: an optional clock for the engine's phases, and the progress callback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Timings = dict[str, float]
Progress = Callable[[float], None]  # called with the share of objects evaluated so far, 0 to 1


@contextmanager
def phase(timings: Timings | None, name: str) -> Iterator[None]:
    """Add the block's wall-clock seconds to timings[name]; a bare yield when timings is None.

    Entered a few times per run (once per phase, never per object), so the cost when off is one call.
    """
    if timings is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


@contextmanager
def apart(timings: Timings | None, name: str, within: str) -> Iterator[None]:
    """Add the block's seconds to timings[name] and leave them out of the phase `within` that encloses it."""
    if timings is None:
        yield
        return
    before = timings.get(name, 0.0)
    try:
        with phase(timings, name):
            yield
    finally:  # the enclosing phase adds these seconds when it ends: taken off here, they count once
        timings[within] = timings.get(within, 0.0) - (timings[name] - before)
