"""The package's build: setup.cfg holds the metadata; SYNCMATCH_COMPILE=1 also compiles the pure core with mypyc.

The pure core (the engine and the readers) is mypy-strict, which mypyc needs, so its modules compile as they are
into C extensions that run the same code faster (docs/performance.md, "The engine compiled with mypyc"). The
Python modules stay in the wheel beside them; a plain build (the default) is pure Python and behaves the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

COMPILE = os.environ.get("SYNCMATCH_COMPILE", "").strip().lower() in {"1", "true", "yes", "on"}
# Types only (TypedDicts whose NotRequired fields name types imported for type checking alone): compiled, the class
# statement fails at import, typing rejecting the bare NotRequired that mypyc leaves. No code in it runs per object.
# The readers' errors: compiled, an instance has no __dict__, which rebuilding one raised in a child process needs.
NOT_COMPILED = {"service/engine/report_shapes.py", "service/readers/errors.py"}
ROOT = Path(__file__).resolve().parent
COMPILED_PACKAGES = ("engine", "readers")  # the pure core: standard library, msgspec and orjson only


def compiled_modules() -> list[str]:
    """The pure core's modules to compile, as paths relative to the project."""
    found = sorted(path.relative_to(ROOT).as_posix()
                   for package in COMPILED_PACKAGES for path in (ROOT / "service" / package).rglob("*.py"))
    return [path for path in found if path not in NOT_COMPILED]


def extensions() -> list:
    """The compiled modules when SYNCMATCH_COMPILE is set, else none."""
    if not COMPILE:
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        # pip's build environment asks for its requirements (below) before mypy is in it.
        return []
    os.chdir(ROOT)
    return mypycify(["--config-file", "setup.cfg", *compiled_modules()], group_name="syncmatch_engine")


if __name__ == "__main__":  # pip's build backend runs this file as the main module
    setup(ext_modules=extensions(), setup_requires=["mypy>=1.10"] if COMPILE else [])
