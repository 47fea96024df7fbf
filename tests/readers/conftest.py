"""Fixtures for the reader tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_support import EXAMPLES, matching_view


@pytest.fixture
def examples() -> Path:
    """The examples/ folder."""
    return EXAMPLES


@pytest.fixture
def onprem_reference() -> list[dict]:
    """The matching attributes of the canonical on-prem example, the reference for other formats."""
    from service.readers import read_snapshot

    return matching_view(read_snapshot(EXAMPLES / "onprem" / "contoso.json").data)
