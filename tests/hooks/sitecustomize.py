"""Delay hooks for the fault tests, loaded by processes started with this folder on PYTHONPATH.

SYNCMATCH_TEST_TASK_DELAY: seconds a job waits before evaluating (after loading its input);
SYNCMATCH_TEST_STORE_DELAY: seconds it waits after storing its report. The fault tests kill or time out a
worker there. Production code has no such hook: tests/service_support.py puts this folder on the path.
"""

from __future__ import annotations

import functools
import os
import time

TASK_DELAY = os.environ.get("SYNCMATCH_TEST_TASK_DELAY")
STORE_DELAY = os.environ.get("SYNCMATCH_TEST_STORE_DELAY")


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


if TASK_DELAY or STORE_DELAY:
    _install()
