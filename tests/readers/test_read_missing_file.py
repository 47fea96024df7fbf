"""A missing file is named with its path and a fix a user can follow, nothing about the reader's internals."""

from __future__ import annotations

import subprocess

import pytest
from service_support import MODULE_COMMAND

from service.readers import ReaderError, read_snapshot


def test_missing_file_message(tmp_path) -> None:
    with pytest.raises(ReaderError) as caught:
        read_snapshot(tmp_path / "users.csv")
    text = str(caught.value)
    assert caught.value.code == "CannotOpen" and "users.csv" in text and "No such file" in text
    assert "bytes" not in text


def test_cli_says_which_file_is_missing(tmp_path) -> None:
    run = subprocess.run([*MODULE_COMMAND, "match", str(tmp_path / "onprem.ldf"),
                          str(tmp_path / "cloud.json")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stdout == ""
    assert "onprem.ldf" in run.stderr and "bytes" not in run.stderr and "Traceback" not in run.stderr
