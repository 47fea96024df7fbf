"""Child processes that can be stopped with everything they started."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence

import psutil

PR_SET_PDEATHSIG = 1


def spawn(argv: Sequence[str], env: Mapping[str, str] | None = None, **popen_args) -> subprocess.Popen:
    """Start `argv` as the leader of a new process group, ended if this process dies."""
    preexec = _end_with_parent if sys.platform.startswith("linux") else None
    # preexec_fn is safe here: the supervisor runs no threads while it spawns.
    return subprocess.Popen(
        list(argv), env=dict(env) if env is not None else None, start_new_session=True,
        preexec_fn=preexec, **popen_args,
    )


def stop(processes: Iterable[subprocess.Popen], timeout: float, sig: int = signal.SIGTERM) -> None:
    """Signal each process group, wait up to `timeout`, then SIGKILL every survivor and its descendants."""
    processes = [p for p in processes if p is not None]
    descendants = _descendants(processes)
    for process in processes:
        _signal_group(process, sig)
    _wait_all(processes, time.monotonic() + timeout)
    descendants |= _descendants(processes)
    for process in processes:
        if process.poll() is None:
            _signal_group(process, signal.SIGKILL)
    for process in processes:
        process.wait()
    _kill(descendants)


def clear_group(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """SIGKILL whatever is left in the process group of a process that died, and wait until the group is empty.

    A dead gunicorn master leaves its workers holding the listening socket; they must be gone before the API
    can listen again.
    """
    process.wait()
    _signal_group(process, signal.SIGKILL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.02)


def _end_with_parent() -> None:
    # If the supervisor is killed outright, its children get SIGTERM instead of living on.
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _wait_all(processes: list[subprocess.Popen], deadline: float) -> None:
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.0, deadline - time.monotonic()))


def _descendants(processes: Iterable[subprocess.Popen]) -> set[psutil.Process]:
    """Every live process below the given ones, including those that left their process group."""
    found: set[psutil.Process] = set()
    for process in processes:
        with contextlib.suppress(psutil.Error):
            found.update(psutil.Process(process.pid).children(recursive=True))
    return found


def _kill(processes: set[psutil.Process]) -> None:
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(list(processes), timeout=5)
