"""The engine's two builds: which one runs (engine_build, --version, /healthz), and what setup.py compiles."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import pathlib
import subprocess

import pytest
from service_support import syncmatch_command

from service.api import create_app
from service.config import Settings
from service.engine_build import COMPILED, PROBE, PYTHON, engine_build

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_setup() -> object:
    """setup.py as a module (its setup() runs only as the main module, as pip's build backend runs it)."""
    spec = importlib.util.spec_from_file_location("syncmatch_setup", ROOT / "setup.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("origin", "build"), [
    (f"/x/service/engine/evaluate{importlib.machinery.EXTENSION_SUFFIXES[0]}", COMPILED),
    ("/x/service/engine/evaluate.py", PYTHON),
    ("/x/service/engine/evaluate.pyc", PYTHON),
    (None, PYTHON),
])
def test_the_build_is_told_by_the_probe_modules_file(monkeypatch, origin, build):
    found = importlib.util.find_spec(PROBE)

    def find_spec(name: str):
        assert name == PROBE
        return importlib.machinery.ModuleSpec(name, found.loader, origin=origin)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert engine_build() == build


def test_version_names_the_engine_build():
    done = subprocess.run([*syncmatch_command(), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    from importlib.metadata import version
    assert done.stdout.strip() == f"syncmatch {version('syncmatch')} (engine: {engine_build()})"


def test_healthz_names_the_engine_build(settings: Settings):
    app = create_app(settings)
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json() == {"status": "ok", "engine": engine_build()}


def test_setup_compiles_every_engine_and_reader_module_but_the_report_types_and_reader_errors():
    setup = load_setup()
    modules = setup.compiled_modules()
    every = {path.relative_to(ROOT).as_posix()
             for package in ("engine", "readers") for path in (ROOT / "service" / package).rglob("*.py")}
    assert set(modules) == every - {"service/engine/report_shapes.py", "service/readers/errors.py"}
    assert "service/engine/quality/rules/mail.py" in modules and "service/engine/rules/hard_match.py" in modules
    assert "service/readers/fastrecords.py" in modules and "service/readers/formats/canonical.py" in modules
    assert not any(module.startswith(("service/api/", "service/adapters/")) for module in modules)
    assert "def " not in (ROOT / "service/engine/report_shapes.py").read_text(encoding="utf-8")  # types only


def test_a_plain_build_compiles_nothing(monkeypatch):
    monkeypatch.delenv("SYNCMATCH_COMPILE", raising=False)
    assert load_setup().extensions() == []


def test_a_module_compiled_in_place_is_not_older_than_its_source():
    stale = [path.relative_to(ROOT).as_posix() for path in (ROOT / "service").rglob("*.so")
             if path.stat().st_mtime < path.with_name(path.name.split(".")[0] + ".py").stat().st_mtime]
    assert not stale, ("compiled modules older than their source shadow it; delete them (git clean -fX -- '*.so') "
                       "and compile an install instead (SYNCMATCH_COMPILE=1 pip install .): " + ", ".join(stale))


@pytest.mark.parametrize("module", ["service.readers.fastrecords", "service.readers.cloud",
                                    "service.readers.formats.canonical", "service.engine.index"])
def test_the_readers_are_built_as_the_engine_is(module):
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin
    extension = spec.origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert extension == (engine_build() == COMPILED)
