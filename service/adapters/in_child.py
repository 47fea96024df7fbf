"""Calls in a forked child process: the value, or the exception raised again in the caller.

The child shares the parent's memory as it was at the fork (copy-on-write), so nothing is sent to it. It sends
back its value, or its exception's class, arguments and attributes, pickled into an unnamed file. The
exception is rebuilt without calling `__init__`, so every SyncMatch exception comes back whole. Pickle keeps
shared objects shared, so a value comes back as it was made. The child is this process's own fork, so what it
pickles is trusted. Redis clients open their own connections in the child (redis-py checks the process id).
The child dies with its parent (Linux `PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from service.exceptions import SyncMatchError

T = TypeVar("T")
CHUNK = 1 << 20
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Handlers a server installs (gunicorn's, RQ's): the child takes the default action instead of running them.
RESET = ("SIGTERM", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCHLD", "SIGALRM", "SIGTTIN",
         "SIGTTOU")


class ChildDied(SyncMatchError):
    """The child process ended without an answer the parent can read (killed, out of memory)."""


class Child(Generic[T]):
    """One call running in a child process; `wait` for its value, or `kill` it."""

    def __init__(self, function: Callable[..., T], args: tuple[Any, ...]) -> None:
        """Fork; OSError when no child can be had."""
        self.answer = tempfile.TemporaryFile(prefix="syncmatch-child-")  # noqa: SIM115  # closed by wait or kill
        self.figures: dict[str, float] = {}  # the reaped child's CPU seconds and peak RSS
        self.ended: tuple[int, Any] | None = None  # the child's wait status and resource usage, once reaped
        parent = os.getpid()
        try:
            self.pid = os.fork()
        except OSError:
            self.answer.close()
            raise
        if self.pid == 0:
            _child(parent, self.answer.fileno(), function, args)

    def done(self) -> bool:
        """True once the child has ended (reaped here, without waiting): `wait` then returns at once."""
        if self.ended is None:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid == 0:
                return False
            self.ended = (status, usage)
        return True

    def wait(self) -> T:
        """The call's value, or its exception raised here; ChildDied when the child gave no readable answer."""
        with self.answer:
            status, usage = self.ended if self.ended is not None else os.wait4(self.pid, 0)[1:]
            self.ended = (status, usage)
            self.figures = {"child cpu": usage.ru_utime + usage.ru_stime, "child peak MB": usage.ru_maxrss / 1000}
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                raise ChildDied(f"the child process ended with status {status}")
            self.answer.seek(0)
            try:
                outcome = pickle.load(self.answer)
            except Exception as exc:  # the child's answer is this process's own pickle: only damage gets here
                raise ChildDied(f"the child's answer could not be read: {exc}") from exc
        if outcome[0] == "value":
            value: T = outcome[1]
            return value
        raise rebuilt(*outcome[1:])

    def kill(self) -> None:
        """Stop the child and reap it (its answer is not wanted)."""
        self.answer.close()
        if self.ended is not None:  # reaped already: its process id may be another process's by now
            return
        with contextlib.suppress(ProcessLookupError):  # already gone: reaped below all the same
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.ended = (0, None)


def start(function: Callable[..., T], *args: Any) -> Child[T]:
    """function(*args) begun in a child process; OSError when none can be had."""
    if not hasattr(os, "fork"):
        raise OSError("this system cannot fork")
    return Child(function, args)


def call(function: Callable[..., T], *args: Any) -> T:
    """function(*args) in a child process; here when no child can be had."""
    try:
        child = start(function, *args)
    except OSError:
        return function(*args)
    return child.wait()


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
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
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
