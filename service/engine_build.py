"""Which build of the engine this process runs: the Python modules, or the same modules compiled with mypyc."""

from __future__ import annotations

import importlib.machinery
import importlib.util

COMPILED, PYTHON = "compiled", "python"
# A module with code in every stage: compiled, it is a C extension like every module of the engine and the readers
# but two (types only, and the readers' errors: setup.py).
PROBE = "service.engine.evaluate"


def engine_build() -> str:
    """'compiled' when the engine's modules are C extensions (a SYNCMATCH_COMPILE=1 build), else 'python'."""
    spec = importlib.util.find_spec(PROBE)
    origin = (spec.origin or "") if spec else ""
    return COMPILED if origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)) else PYTHON
