"""The data-quality checks on a second processor while the tenant is read and indexed.

The checks read only the on-premises records, so a large run forks once they are read: the child runs the
engine's `check` and writes the report's `dataQuality` as MessagePack; the parent meanwhile reads the tenant
and indexes it, then the engine takes the section (`Pending.result`, the engine's `Checks`). The section is
the same, whichever process made it: should the child fail (killed, out of memory, a value MessagePack
cannot carry), the parent runs the checks itself, on the records it still holds, and `Pending.fallback`
says why.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import signal
import tempfile
import time
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

import msgspec

from service.engine.gc_pause import paused_gc
from service.engine.quality import check
from service.engine.quality.pending import all_records

from .in_child import die_with, write_all

if TYPE_CHECKING:
    from resource import struct_rusage

# Assumption (measured on the benchmark directories, 2 processors): below this many records the checks take
# under half a second and a fork gains nothing worth its cost.
MIN_RECORDS = 20_000


def worthwhile(count: int) -> bool:
    """True when this process can fork, has a second processor to run the child on, and the run is large."""
    if count < MIN_RECORDS or not hasattr(os, "fork"):
        return False
    processors = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(processors) >= 2


class Pending:
    """The checks of a run (the engine's `Checks`), running in a child process or to be run here when asked for."""

    def __init__(self, records: list[Any], background: bool | None = None) -> None:
        self.records = records
        self.pid: int | None = None
        self.file: IO[bytes] | None = None
        self.section: dict[str, Any] | None = None
        self.fallback: str | None = None  # why the parent ran the checks itself after a fork, if it did
        self.figures: dict[str, float] = {}  # the fork's seconds, the child's CPU seconds and peak RSS
        if background if background is not None else worthwhile(len(records)):
            try:
                self._fork()
            except OSError as exc:
                self.fallback = f"the checks' process could not start: {exc}"
                if self.file is not None:
                    self.file.close()

    def _fork(self) -> None:
        """Start the child; it writes the section to an unnamed file and leaves without running any exit handler.

        A file, not a pipe: the parent maps it and decodes it in place, so the section's bytes never take the
        parent's heap (freed there, they would stay in its resident memory, between the objects built later).
        """
        self.file = tempfile.TemporaryFile(prefix="syncmatch-checks-")  # noqa: SIM115  # closed by _collect or close
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: nothing here may return to the caller's code
            status = 1
            try:
                die_with(parent)
                with paused_gc():
                    write_all(self.file.fileno(), msgspec.msgpack.encode(check(self.records)))
                status = 0
            finally:
                os._exit(status)
        self.pid = pid

    @property
    def running(self) -> bool:
        """True while a child runs the checks (its section not yet taken)."""
        return self.pid is not None

    def result(self) -> dict[str, Any]:
        """The report's `dataQuality`: the child's, once it is done, else the checks run here (kept once made)."""
        if self.section is None and self.pid is not None:
            self.section = self._collect()
        if self.section is None:
            with paused_gc():
                self.section = check(self.records)
        return self.section

    def _collect(self) -> dict[str, Any] | None:
        """Wait for the child, then decode the section it wrote; None (and why in fallback) when it failed."""
        pid, self.pid = self.pid, None
        assert pid is not None and self.file is not None
        with self.file:
            _, status, usage = os.wait4(pid, 0)
            self.figures.update({"child cpu": usage.ru_utime + usage.ru_stime, "child peak MB": _megabytes(usage)})
            if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
                self.fallback = f"the checks' process ended with status {status}"
                return None
            try:
                section = _decode(self.file.fileno())
            except (msgspec.DecodeError, ValueError) as exc:
                self.fallback = f"the checks' process wrote an unreadable section: {exc}"
                return None
        return _shared_objects(section)

    def close(self) -> None:
        """Stop and reap a child whose section was never taken (the run failed before it was needed)."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        if self.file is not None:
            self.file.close()
        with contextlib.suppress(ProcessLookupError):  # already gone: reaped below all the same
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _decode(fd: int) -> dict[str, Any]:
    """The section in a file, decoded from a read-only map of it (ValueError for an empty file)."""
    with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as view:
        section: dict[str, Any] = msgspec.msgpack.decode(view)
    if type(section) is not dict or type(section.get("findings")) is not list:
        raise ValueError("not a data-quality section")
    return section


def _shared_objects(section: dict[str, Any]) -> dict[str, Any]:
    """Share again what `check` shares and MessagePack copies: an object's description, names and codes."""
    described: dict[int, dict[str, Any]] = {}
    same: dict[str, str] = {}
    for found in section["findings"]:
        item = found["object"]
        if item["record"] not in described:
            for key in ("objectGUID", "distinguishedName", "objectClass"):
                if type(item.get(key)) is str:
                    item[key] = same.setdefault(item[key], item[key])
            described[item["record"]] = item
        found["object"] = described[item["record"]]
        for key in ("attribute", "type"):
            found[key] = same.setdefault(found[key], found[key])
        if "conflictsWith" in found:
            found["conflictsWith"] = [same.setdefault(name, name) for name in found["conflictsWith"]]
    return section


def _megabytes(usage: struct_rusage) -> float:
    """Peak resident memory of a reaped child in MB (Linux reports kilobytes)."""
    return usage.ru_maxrss / 1000


def start(exports: Sequence[dict[str, Any]], background: bool | None = None) -> Pending:
    """Begin the checks of these on-premises exports: in a child when worthwhile (or when background is True)."""
    started = time.perf_counter()
    pending = Pending(all_records(exports), background)
    if pending.running:
        pending.figures["fork"] = time.perf_counter() - started
    return pending
