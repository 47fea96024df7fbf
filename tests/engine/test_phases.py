"""The engine's phase clock: each block's seconds under its name; a wait inside a phase counted once, apart."""

from __future__ import annotations

import time

import pytest

from service.engine.phases import apart, phase


def test_a_wait_inside_a_phase_counts_under_its_own_name_only() -> None:
    timings: dict[str, float] = {}
    with phase(timings, "evaluate"):
        time.sleep(0.05)
        with apart(timings, "quality", "evaluate"):
            time.sleep(0.1)
    assert 0.1 <= timings["quality"] < 0.5
    assert 0.05 <= timings["evaluate"] < 0.1 + 0.05, timings


def test_seconds_apart_add_to_those_already_counted() -> None:
    timings = {"quality": 1.0}
    with phase(timings, "evaluate"), apart(timings, "quality", "evaluate"):
        time.sleep(0.02)
    assert timings["quality"] >= 1.02
    assert 0 <= timings["evaluate"] < 0.02


def test_a_block_that_raises_is_counted_all_the_same() -> None:
    timings: dict[str, float] = {}
    with pytest.raises(RuntimeError), phase(timings, "evaluate"), apart(timings, "quality", "evaluate"):
        time.sleep(0.02)
        raise RuntimeError("stop")
    assert timings["quality"] >= 0.02 and 0 <= timings["evaluate"] < 0.02


def test_without_timings_nothing_is_counted() -> None:
    with phase(None, "evaluate"), apart(None, "quality", "evaluate"):
        pass
