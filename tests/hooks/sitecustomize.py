"""Delay hooks for the fault tests, loaded by processes started with this folder on PYTHONPATH.

SYNCMATCH_TEST_TASK_DELAY: seconds a job waits before evaluating (after loading its input);
SYNCMATCH_TEST_STORE_DELAY: seconds it waits after storing its report. The fault tests kill or time out a
worker there. SYNCMATCH_TEST_CHECKS_CHILD_DIES: the data-quality checks' child is killed (SIGKILL, as the
out-of-memory killer does) as soon as it starts. Production code has no such hook: tests/service_support.py
puts this folder on the path.
"""

from __future__ import annotations

import functools
import os
import time

TASK_DELAY = os.environ.get("SYNCMATCH_TEST_TASK_DELAY")
STORE_DELAY = os.environ.get("SYNCMATCH_TEST_STORE_DELAY")
CHECKS_CHILD_DIES = os.environ.get("SYNCMATCH_TEST_CHECKS_CHILD_DIES")


def _install() -> None:
    """Wrap the run-job use case's evaluation and the report store's save with the delays asked for."""
    from service.adapters.reports import ReportStore
    from service.usecases import run_job

    if TASK_DELAY:
        evaluate = run_job._evaluate

        @functools.wraps(evaluate)
        def delayed_evaluate(*args, **kwargs):
            time.sleep(float(TASK_DELAY))
            return evaluate(*args, **kwargs)

        run_job._evaluate = delayed_evaluate
    if STORE_DELAY:
        save = ReportStore.save

        @functools.wraps(save)
        def delayed_save(*args, **kwargs):
            save(*args, **kwargs)
            time.sleep(float(STORE_DELAY))

        ReportStore.save = delayed_save


def _die(*_args: object) -> None:
    """What the checks' child runs instead of the checks: it is killed outright."""
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def _install_child_death() -> None:
    """Start the checks' child with _die in place of the checks."""
    from service.adapters import background_checks

    start = background_checks.in_child.start

    @functools.wraps(start)
    def dying_start(function, *args):
        return start(_die, *args)

    background_checks.in_child.start = dying_start


if TASK_DELAY or STORE_DELAY:
    _install()
if CHECKS_CHILD_DIES:
    _install_child_death()
