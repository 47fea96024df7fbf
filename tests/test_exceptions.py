"""Every exception class SyncMatch defines has the one common base, so that a caller can catch them all."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import service
from service.exceptions import Gone, SyncMatchError


def _modules() -> list[str]:
    """Every module of the package (the entrypoints that start processes included: importing connects nothing)."""
    return sorted(info.name for info in pkgutil.walk_packages(service.__path__, "service."))


def _own_exceptions() -> list[type[BaseException]]:
    """The exception classes defined in the package's modules (not those they import)."""
    found = []
    for name in _modules():
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == name:
                found.append(value)
    return found


def test_the_package_defines_exceptions_across_its_layers():
    """The walk finds the pure core's, the adapters' and the processes' exceptions (a vacuous pass is a failure)."""
    names = {cls.__name__ for cls in _own_exceptions()}
    assert {"BadValue", "ReaderError", "SettingsError", "NotPacked", "ApiError", "Shutdown", "BlobGone"} <= names


@pytest.mark.parametrize("cls", _own_exceptions(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_exception_is_a_syncmatch_error(cls):
    assert issubclass(cls, SyncMatchError)


def test_the_value_errors_stay_value_errors():
    """Callers that catch ValueError (argparse, marshmallow, the CLI) still catch the pure core's errors."""
    from service.engine.settings import SettingsError
    from service.engine.values import BadValue
    from service.readers.errors import ReaderError

    assert all(issubclass(cls, ValueError) for cls in (BadValue, ReaderError, SettingsError))


def test_every_stored_data_error_is_gone():
    """Callers list one family, not BlobGone and ReportGone one by one."""
    from service.exceptions import BlobGone, ReportGone

    assert issubclass(BlobGone, Gone) and issubclass(ReportGone, Gone) and issubclass(Gone, LookupError)
