"""Stopping a child stops everything it started, even what ignores SIGTERM or left its process group."""

import subprocess
import sys

import psutil
from service_support import is_gone, wait_until

from service.adapters import processes

# A parent that ignores SIGTERM, and a child that moves to its own process group (as RQ's work horse does).
STUBBORN = """
import os, signal, subprocess, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
subprocess.Popen([sys.executable, "-c", "import os, time; os.setpgrp(); time.sleep(60)"])
time.sleep(60)
"""


def test_stop_escalates_and_kills_descendants_outside_the_group():
    parent = processes.spawn([sys.executable, "-c", STUBBORN], stdout=subprocess.DEVNULL)
    child = wait_until(lambda: psutil.Process(parent.pid).children())[0]
    processes.stop([parent], timeout=0.5)
    assert parent.returncode == -9  # it ignored SIGTERM for longer than the timeout: killed
    assert is_gone(child)


def test_stop_is_quick_for_a_process_that_exits_on_sigterm():
    sleeper = processes.spawn([sys.executable, "-c", "import time; time.sleep(60)"])
    processes.stop([sleeper], timeout=10)
    assert sleeper.returncode == -15
