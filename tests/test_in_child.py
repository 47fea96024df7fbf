"""adapters/in_child.py: one call in a forked child, its value or its exception given back whole."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from service.adapters import in_child
from service.exceptions import BodyTooLarge, QuotaExceeded
from service.readers import ReaderError
from service.usecases.upload_snapshot import TooManyObjects


def pid_and(value: object) -> tuple[int, object]:
    return os.getpid(), value


def test_the_value_comes_from_another_process() -> None:
    pid, value = in_child.call(pid_and, {"objects": ["é", 1, None, 2.5]})
    assert pid != os.getpid()
    assert value == {"objects": ["é", 1, None, 2.5]}


def raiser(exc: BaseException) -> None:
    raise exc


@pytest.mark.parametrize("exc", [
    ReaderError("InvalidJson", "not JSON", line=3, field="objectGUID", hint="export again"),
    QuotaExceeded("bytes", "over the tenant's bytes", 10, 12),
    BodyTooLarge("more than 5 bytes"),
    TooManyObjects(7, 5),
    KeyError("missing"),
], ids=lambda e: type(e).__name__)
def test_the_exception_comes_back_with_its_attributes(exc: BaseException) -> None:
    with pytest.raises(type(exc)) as raised:
        in_child.call(raiser, exc)
    assert raised.value is not exc
    assert raised.value.args == exc.args and vars(raised.value) == vars(exc)
    assert str(raised.value) == str(exc)


def test_a_reader_error_reads_as_it_did() -> None:
    exc = ReaderError("InvalidJson", "not JSON", record=4, field="mail", hint="fix it")
    with pytest.raises(ReaderError) as raised:
        in_child.call(raiser, exc)
    assert raised.value.to_dict() == exc.to_dict() and raised.value.sentence() == exc.sentence()


def killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would


def test_a_child_that_is_killed_is_a_child_died() -> None:
    with pytest.raises(in_child.ChildDied, match="status"):
        in_child.call(killed)


def unpicklable() -> object:
    return threading.Lock()


def test_an_answer_pickle_cannot_carry_is_a_child_died() -> None:
    with pytest.raises(in_child.ChildDied, match="could not be sent back"):
        in_child.call(unpicklable)


def test_without_a_fork_the_call_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert in_child.call(pid_and, 1) == (os.getpid(), 1)


def sleeper() -> None:
    import time

    time.sleep(600)


def test_a_started_child_can_be_killed_and_is_reaped() -> None:
    child = in_child.start(sleeper)
    assert child.pid != os.getpid()
    child.kill()
    assert child.answer.closed
    with pytest.raises(ChildProcessError):  # reaped: no longer this process's child
        os.waitpid(child.pid, os.WNOHANG)


def test_a_child_reports_its_cpu_and_memory() -> None:
    child = in_child.start(sum, range(2_000_000))
    assert child.wait() == sum(range(2_000_000))
    assert child.figures["child cpu"] > 0 and child.figures["child peak MB"] > 0


def test_a_fork_that_fails_raises_from_start_and_leaves_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list = []
    real = in_child.tempfile.TemporaryFile

    def temporary(*args, **kwargs):
        opened.append(real(*args, **kwargs))
        return opened[-1]

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(in_child.tempfile, "TemporaryFile", temporary)
    monkeypatch.setattr(os, "fork", no_fork)
    with pytest.raises(BlockingIOError):
        in_child.start(pid_and, 1)
    assert opened and opened[0].closed


def _sleep_then(seconds: float, value: str) -> str:
    time.sleep(seconds)
    return value


def test_done_looks_without_waiting_and_wait_then_answers_at_once() -> None:
    child = in_child.start(_sleep_then, 0.5, "answer")
    assert child.done() is False
    deadline = time.monotonic() + 10
    while not child.done():
        assert time.monotonic() < deadline, "the child never ended"
        time.sleep(0.02)
    assert child.done() is True  # asked again: still done, not reaped twice
    assert child.wait() == "answer"
    assert child.figures["child peak MB"] > 0


def test_a_child_reaped_by_done_is_not_signalled_by_kill(monkeypatch: pytest.MonkeyPatch) -> None:
    child = in_child.start(_sleep_then, 0.0, "answer")
    while not child.done():
        pass
    sent: list[int] = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: sent.append(pid))
    child.kill()  # its process id may be another process's by now
    assert sent == []
