"""`syncmatch up` on one machine: Redis (embedded unless REDIS_URL is set), the API and the workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress

from service.adapters import processes
from service.adapters.redis_server import EmbeddedRedis
from service.config import ConfigError, Settings

POLL_INTERVAL = 0.2
API_START_TIMEOUT = 60.0
WILDCARD_TO_LOCAL = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


class Shutdown(Exception):
    """A stop signal arrived."""


class Supervisor:
    """Starts every part, watches them, and stops them all (Redis last) on a signal or a crash."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.redis: EmbeddedRedis | None = None
        self.children: dict[str, subprocess.Popen] = {}
        self.stopping = False

    def run(self) -> int:
        """Run until Ctrl-C or SIGTERM (exit 0) or until a part dies (exit 1)."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        try:
            self._start(self._redis_url())
            return self._watch() if self._announce() else 1
        except Shutdown:
            return 0
        finally:
            self._stop()

    def _redis_url(self) -> str:
        if self.settings.redis_url:
            _check_reachable(self.settings.redis_url)
            return self.settings.redis_url
        self.redis = EmbeddedRedis(self.settings.data_dir / "redis")
        return self.redis.start()

    def _start(self, redis_url: str) -> None:
        env = {**os.environ, "REDIS_URL": redis_url}
        command = [sys.executable, "-m", "service.cli"]
        self.children["API"] = processes.spawn(
            [*command, "api", "--host", self.settings.host, "--port", str(self.settings.port)], env)
        for number in range(1, self.settings.workers + 1):
            self.children[f"worker {number}"] = processes.spawn([*command, "worker"], env)

    def _announce(self) -> bool:
        """Print where to go once the API answers; False if it never does."""
        url = self._local_url()
        deadline = time.monotonic() + API_START_TIMEOUT
        while not _answers(url + "healthz"):
            problem = self._crashed() or (time.monotonic() > deadline and "the API did not answer in time")
            if problem:
                print(f"syncmatch up: {problem}; stopping everything", file=sys.stderr, flush=True)
                return False
            time.sleep(POLL_INTERVAL)
        redis = f"embedded, data in {self.redis.data_dir}" if self.redis else "from REDIS_URL"
        print(f"SyncMatch is running at {url}\n"
              f"  API description: {url}openapi.yaml\n"
              f"  workers: {self.settings.workers}; Redis: {redis}\n"
              "Press Ctrl-C to stop.", flush=True)
        return True

    def _watch(self) -> int:
        while True:
            crashed = self._crashed()
            if crashed:
                print(f"syncmatch up: {crashed}; stopping everything", file=sys.stderr, flush=True)
                return 1
            time.sleep(POLL_INTERVAL)

    def _crashed(self) -> str | None:
        """A message naming the first part that has exited, if any."""
        parts = dict(self.children)
        if self.redis is not None and self.redis.process is not None:
            parts["Redis"] = self.redis.process
        for name, process in parts.items():
            if process.poll() is not None:
                return f"the {name} exited with code {process.returncode}"
        return None

    def _stop(self) -> None:
        self.stopping = True
        if self.children:
            print("Stopping SyncMatch...", file=sys.stderr, flush=True)
        processes.stop(self.children.values(), self.settings.shutdown_timeout)
        if self.redis is not None:
            self.redis.stop(self.settings.shutdown_timeout)

    def _on_signal(self, signum: int, frame: object) -> None:
        if not self.stopping:
            self.stopping = True
            raise Shutdown(signum)

    def _local_url(self) -> str:
        host = WILDCARD_TO_LOCAL.get(self.settings.host, self.settings.host)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.settings.port}/"


def _check_reachable(redis_url: str) -> None:
    """Raise ConfigError unless the Redis at REDIS_URL answers."""
    from redis.exceptions import RedisError

    from service.adapters.queue import connect

    client = connect(redis_url)
    try:
        client.ping()
    except RedisError as exc:
        raise ConfigError(f"cannot reach the Redis in REDIS_URL: {exc}") from None
    finally:
        client.close()


def _answers(url: str) -> bool:
    with suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
        return response.status == 200
    return False
