"""The data-quality checks in a child process (adapters/background_checks.py) give the section the checks give
here, or the parent makes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from service.adapters import background_checks as background
from service.adapters import in_child
from service.adapters.background_checks import start as start_checks
from service.engine import evaluate
from service.engine.quality import check
from service.engine.quality.pending import InProcess
from service.readers import read_snapshot

ROOT = Path(__file__).resolve().parents[2]
SEEDED = Path(__file__).parent / "seeded" / "onprem.json"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, dict]:
    """A 3,000-object benchmark directory (every outcome, duplicates and odd values), read as the CLI reads it."""
    out = tmp_path_factory.mktemp("background")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--objects", "3000", "--out", str(out)],
                   check=True, capture_output=True)
    return (read_snapshot(str(out / "onprem.json"), kind="onprem").data,
            read_snapshot(str(out / "cloud.json"), kind="cloud").data,
            json.loads((out / "settings.json").read_text()))


def seeded() -> dict:
    return read_snapshot(str(SEEDED), kind="onprem").data


def in_child_only(monkeypatch: pytest.MonkeyPatch, behaviour) -> None:
    """Replace the checks in the child process only: the parent keeps the real ones."""
    parent, real = os.getpid(), background.check

    def checks(records: list) -> dict:
        return behaviour(records) if os.getpid() != parent else real(records)

    monkeypatch.setattr(background, "check", checks)


def test_the_child_sends_the_section_the_checks_give_here() -> None:
    exports = [seeded()]
    with start_checks(exports, background=True) as pending:
        assert pending.running
        section = pending.result()
    assert pending.fallback is None and not pending.running
    assert section["findings"], "the seeded directory has findings"
    assert json.dumps(section) == json.dumps(check(exports[0]["objects"]))
    assert pending.figures["child cpu"] > 0 and pending.figures["child peak MB"] > 0


def test_several_exports_are_checked_as_one_directory(generated: tuple[dict, dict, dict]) -> None:
    exports = [seeded(), generated[0]]
    records = exports[0]["objects"] + exports[1]["objects"]
    with start_checks(exports, background=True) as pending:
        assert json.dumps(pending.result()) == json.dumps(check(records))


def test_the_report_is_the_same_byte_for_byte(generated: tuple[dict, dict, dict]) -> None:
    onprem, cloud, settings = generated
    here = evaluate(onprem, cloud, settings, checks=start_checks([onprem], background=False))
    timings: dict[str, float] = {}
    forked = evaluate(onprem, cloud, settings, checks=start_checks([onprem], background=True), timings=timings)
    assert here["dataQuality"]["total"] > 0
    assert json.dumps(forked) == json.dumps(here)  # key order too: the JSON report is written in this order
    assert {"quality", "quality fork", "quality child cpu", "quality child peak MB"} <= set(timings)


def test_evaluate_alone_runs_the_checks_here(generated: tuple[dict, dict, dict],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A direct caller of evaluate() gets the checks in its own process, first, as before: no child."""
    onprem, cloud, settings = generated

    def no_fork() -> int:
        raise AssertionError("evaluate() forked")

    monkeypatch.setattr(os, "fork", no_fork)
    here = evaluate(onprem, cloud, settings, checks=InProcess(onprem["objects"]))
    assert json.dumps(evaluate(onprem, cloud, settings)) == json.dumps(here)


def test_a_child_that_fails_leaves_the_checks_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(records: list) -> dict:
        raise RuntimeError("the child failed")

    in_child_only(monkeypatch, fail)
    exports = [seeded()]
    with start_checks(exports, background=True) as pending:
        section = pending.result()
    assert "the child failed" in (pending.fallback or "")
    assert json.dumps(section) == json.dumps(check(exports[0]["objects"]))


def test_a_child_that_is_killed_leaves_the_checks_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    in_child_only(monkeypatch, lambda records: os.kill(os.getpid(), signal.SIGKILL))  # as an out-of-memory kill
    exports = [seeded()]
    with start_checks(exports, background=True) as pending:
        section = pending.result()
    assert "ended with status" in (pending.fallback or "")
    assert section == check(exports[0]["objects"])


def test_records_read_again_replace_the_ones_let_go_when_the_child_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """With reload, the records need not stay while the child runs; killed, the checks run on the records read again."""
    in_child_only(monkeypatch, lambda records: os.kill(os.getpid(), signal.SIGKILL))
    exports, reads = [seeded()], []
    expected = check(exports[0]["objects"])

    def reload() -> list[dict]:
        reads.append(1)
        return [seeded()]

    with start_checks(exports, background=True, reload=reload) as pending:
        assert pending.running and not pending.needs_records
        exports[0]["objects"][:] = [None] * len(exports[0]["objects"])  # as the engine lets them go
        section = pending.result()
    assert reads == [1] and "ended with status" in (pending.fallback or "")
    assert section == expected


def test_records_are_not_read_again_when_the_child_succeeds() -> None:
    exports = [seeded()]

    def reload() -> list[dict]:
        raise AssertionError("read again")

    with start_checks(exports, background=True, reload=reload) as pending:
        assert not pending.needs_records
        assert pending.result() == check(exports[0]["objects"])
    assert pending.fallback is None


def test_without_reload_the_records_must_stay_while_the_child_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    in_child_only(monkeypatch, lambda records: time.sleep(600))
    with start_checks([seeded()], background=True) as pending:
        assert pending.running and pending.needs_records


def test_a_section_pickle_cannot_carry_is_made_by_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    in_child_only(monkeypatch, lambda records: {"findings": [threading.Lock()]})
    exports = [seeded()]
    with start_checks(exports, background=True) as pending:
        assert pending.result() == check(exports[0]["objects"])
    assert "could not be sent back" in (pending.fallback or "")


@pytest.mark.parametrize("written", [b"\xc1", b"", b"\x80\x05garbage"], ids=["byte", "empty", "truncated"])
def test_an_answer_the_parent_cannot_read_is_made_by_the_parent(monkeypatch: pytest.MonkeyPatch,
                                                                written: bytes) -> None:
    parent, real = os.getpid(), in_child.write_all
    monkeypatch.setattr(in_child, "write_all", lambda fd, data: real(fd, written if os.getpid() != parent else data))
    exports = [seeded()]
    with start_checks(exports, background=True) as pending:
        section = pending.result()
    assert "could not be read" in (pending.fallback or "")
    assert section == check(exports[0]["objects"])


def test_shared_descriptions_stay_shared() -> None:
    """An object's findings share one description in the child's section, as they do in check's."""
    exports = [seeded()]
    with start_checks(exports, background=True) as pending:
        findings = pending.result()["findings"]
    by_record: dict[int, set[int]] = {}
    for found in findings:
        by_record.setdefault(found["object"]["record"], set()).add(id(found["object"]))
    assert any(len([f for f in findings if f["object"]["record"] == r]) > 1 for r in by_record)
    assert all(len(ids) == 1 for ids in by_record.values())


def test_a_fork_that_fails_leaves_the_checks_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    exports = [seeded()]
    pending = start_checks(exports, background=True, reload=lambda: [{"objects": []}])
    assert not pending.running and not pending.needs_records and "could not start" in (pending.fallback or "")
    assert pending.result() == check(exports[0]["objects"]), "the records held are checked, not read again"


def test_close_stops_and_reaps_a_child_whose_section_is_never_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    in_child_only(monkeypatch, lambda records: time.sleep(600))
    pending = start_checks([seeded()], background=True)
    assert pending.child is not None and pending.running
    pid = pending.child.pid
    pending.close()
    assert not pending.running
    with pytest.raises(ChildProcessError):  # reaped: no longer this process's child
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_failed_read_of_the_tenant_leaves_no_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`syncmatch match` with a bad tenant file: exit 2, and the checks' child is stopped and reaped."""
    from service.cli import main

    monkeypatch.setattr(background, "worthwhile", lambda count: True)
    children: list[int] = []
    real_start = in_child.start

    def start(function, *args):
        child = real_start(function, *args)
        children.append(child.pid)
        return child

    monkeypatch.setattr(in_child, "start", start)
    bad = tmp_path / "cloud.json"
    bad.write_text("{not json")
    assert main(["match", str(SEEDED), str(bad)]) == 2
    assert children and children[0] > 0
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A parent killed outright (a job's process killed on timeout) takes the checks' child with it."""
    script = textwrap.dedent(f"""
        import os, signal, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from service.adapters import background_checks as background
        background.check = lambda records: time.sleep(600)
        pending = background.start([{{"objects": []}}], background=True)
        print(pending.child.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL
    child = int(done.stdout.strip())
    deadline = time.monotonic() + 30  # a wait for the kernel to act, not a measure of speed
    while time.monotonic() < deadline and alive(child):
        time.sleep(0.05)
    assert not alive(child)


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def test_worthwhile_needs_a_large_run_and_a_second_processor(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not background.worthwhile(background.MIN_RECORDS - 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not background.worthwhile(10 * background.MIN_RECORDS)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert background.worthwhile(background.MIN_RECORDS)


def test_without_a_fork_the_checks_run_here_when_asked() -> None:
    exports = [seeded()]
    pending = start_checks(exports, background=False)
    assert not pending.running and pending.figures == {}
    assert pending.result() is pending.result()  # made once
    assert pending.result() == check(exports[0]["objects"])
