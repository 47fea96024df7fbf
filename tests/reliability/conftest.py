"""Fault tests start their own Redis, API and workers per test, and kill all of them afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import Stack


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    """A Redis of the test's own; API and workers are started by the test; everything is killed at the end."""
    processes = Stack(tmp_path)
    try:
        yield processes
    finally:
        processes.close()
