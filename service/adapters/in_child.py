"""One call in a forked child process: its value, or its exception raised again in the caller.

The child shares the parent's memory as it was at the fork (copy-on-write), so nothing is sent to it; it sends
back its value, or its exception's class, arguments and attributes (rebuilt without calling `__init__`, so
that every SyncMatch exception comes back whole), pickled into an unnamed file: the child is this process's
own fork, so what it pickles is trusted. Redis clients open their own connections in the child (redis-py
checks the process id). The child dies with its parent (Linux `PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable
from typing import Any, TypeVar

from service.exceptions import SyncMatchError

T = TypeVar("T")
CHUNK = 1 << 20
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Handlers a server installs (gunicorn's, RQ's): the child takes the default action instead of running them.
RESET = ("SIGTERM", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCHLD", "SIGALRM", "SIGTTIN",
         "SIGTTOU")


class ChildDied(SyncMatchError):
    """The child process ended without an answer (killed, out of memory)."""


def call(function: Callable[..., T], *args: Any) -> T:
    """function(*args) in a child process; here when no child can be had (os.fork missing or failing)."""
    if not hasattr(os, "fork"):
        return function(*args)
    answer = tempfile.TemporaryFile(prefix="syncmatch-child-")  # noqa: SIM115  # closed below
    with answer:
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            return function(*args)
        if pid == 0:
            _child(parent, answer.fileno(), function, args)
        _, status = os.waitpid(pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            raise ChildDied(f"the child process ended with status {status}")
        answer.seek(0)
        outcome = pickle.load(answer)
    if outcome[0] == "value":
        value: T = outcome[1]
        return value
    raise rebuilt(*outcome[1:])


def _child(parent: int, fd: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Run the call, write its outcome, leave without running any exit handler (never returns)."""
    status = 1
    try:
        die_with(parent)
        try:
            outcome: tuple[Any, ...] = ("value", function(*args))
        except BaseException as exc:  # every outcome goes back to the caller, KeyboardInterrupt too
            outcome = ("raise", type(exc), exc.args, dict(vars(exc)))
        try:
            data = pickle.dumps(outcome)
        except Exception as exc:  # an answer pickle cannot carry: say so instead
            data = pickle.dumps(("raise", ChildDied, (f"the child's answer could not be sent back: {exc}",), {}))
        write_all(fd, data)
        status = 0
    finally:
        os._exit(status)


def rebuilt(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> BaseException:
    """The exception the child raised, with its arguments and attributes, made without calling __init__."""
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


def die_with(parent: int) -> None:
    """In a child: default signal actions (Ctrl-C left to the parent), and on Linux be killed with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent answers it
    for name in RESET:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent left before prctl took effect
        os._exit(1)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte to the file (os.write may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:CHUNK]):]
