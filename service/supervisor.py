"""`syncmatch up` on one machine: Redis (embedded unless REDIS_URL is set), the API, the workers, the webhooks.

The supervisor restarts a part that dies, as systemd's `Restart=on-failure` and gunicorn's arbiter do: after a
short backoff that doubles with each death, logging each restart. A part that dies SYNCMATCH_RESTART_LIMIT times
within SYNCMATCH_RESTART_WINDOW seconds is not restarted again: everything stops and `syncmatch up` exits 1.
When a worker dies, the jobs it was running go back to the queue at once (the supervisor knows the worker is
dead, so there is no lease to wait for); the embedded Redis comes back on its port, password and append-only file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field

from service.adapters import processes
from service.adapters.redis_server import EmbeddedRedis
from service.config import ConfigError, Settings
from service.exceptions import EmbeddedRedisError, PartKeepsDying, SyncMatchError

POLL_INTERVAL = 0.2
API_START_TIMEOUT = 60.0
FIRST_BACKOFF = 0.25
MAX_BACKOFF = 8.0
WILDCARD_TO_LOCAL = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


class Shutdown(SyncMatchError):
    """A stop signal arrived."""


@dataclass
class Part:
    """One process of the service: how to start it, the running process, and when it died lately."""

    name: str
    start: Callable[[Part], subprocess.Popen]
    process: subprocess.Popen | None = None
    deaths: deque[float] = field(default_factory=deque)
    restart_at: float | None = None
    worker_name: str | None = None  # the RQ name of a worker's (or the webhook consumer's) current process
    generation: int = 0


class Supervisor:
    """Starts every part, restarts those that die, stops them all (Redis last) on a signal or when one keeps dying."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.redis: EmbeddedRedis | None = None
        self.parts: list[Part] = []
        self.stopping = False
        self.redis_url = ""
        self.run_id = uuid.uuid4().hex[:8]
        self.orphans: dict[str, str] = {}  # RQ name -> part name of dead workers whose jobs are to be handed back

    def run(self) -> int:
        """Run until Ctrl-C or SIGTERM (exit 0) or until a part keeps dying (exit 1)."""
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        try:
            self.redis_url = self._redis_url()
            self._start_parts()
            return self._watch() if self._announce() else 1
        except PartKeepsDying as exc:
            print(f"syncmatch up: {exc}; stopping everything", file=sys.stderr, flush=True)
            return 1
        except Shutdown:
            return 0
        finally:
            self._stop()

    def _redis_url(self) -> str:
        if self.settings.redis_url:
            _check_reachable(self.settings.redis_url)
            return self.settings.redis_url
        self.redis = EmbeddedRedis(self.settings.data_dir / "redis", maxmemory=self.settings.redis_maxmemory)
        url = self.redis.start()
        self.parts.append(Part("Redis", self._restart_redis, self.redis.process))
        return url

    def _start_parts(self) -> None:
        self.parts.append(Part("API", self._spawn_api))
        for number in range(1, self.settings.workers + 1):
            self.parts.append(Part(f"worker {number}", self._spawn_worker))
        self.parts.append(Part("webhook consumer", self._spawn_webhooks))
        for part in self.parts:
            if part.process is None:
                part.process = part.start(part)

    def _env(self) -> dict[str, str]:
        # The URL carries the embedded Redis' password: children get it in their environment, never in argv.
        return {**os.environ, "REDIS_URL": self.redis_url}

    def _command(self, *args: str) -> list[str]:
        # -P: the installed package, never a `service/` folder in the working directory (a checkout beside it).
        return [sys.executable, "-P", "-m", "service.cli", *args]

    def _spawn_api(self, part: Part) -> subprocess.Popen:
        return processes.spawn(self._command("api", "--host", self.settings.host, "--port", str(self.settings.port)),
                               self._env())

    def _spawn_worker(self, part: Part) -> subprocess.Popen:
        part.generation += 1
        part.worker_name = f"up-{self.run_id}-{part.name.replace(' ', '')}-{part.generation}"
        return processes.spawn(self._command("worker", "--name", part.worker_name), self._env())

    def _spawn_webhooks(self, part: Part) -> subprocess.Popen:
        part.generation += 1
        part.worker_name = f"up-{self.run_id}-webhooks-{part.generation}"  # its threads are worker_name-N
        return processes.spawn(self._command("webhooks", "--name", part.worker_name), self._env())

    def _restart_redis(self, part: Part) -> subprocess.Popen:
        assert self.redis is not None
        self.redis.restart()
        assert self.redis.process is not None
        return self.redis.process

    def _announce(self) -> bool:
        """Print where to go once the API answers (healing parts meanwhile); False if it never does."""
        url = self._local_url()
        deadline = time.monotonic() + API_START_TIMEOUT
        while not _answers(url + "healthz"):
            if time.monotonic() > deadline:
                print("syncmatch up: the API did not answer in time; stopping everything", file=sys.stderr,
                      flush=True)
                return False
            self._heal()
            time.sleep(POLL_INTERVAL)
        redis = f"embedded, data in {self.redis.data_dir}" if self.redis else "from REDIS_URL"
        print(f"SyncMatch is running at {url}\n"
              f"  API description: {url}openapi.yaml\n"
              f"  workers: {self.settings.workers}; Redis: {redis}\n"
              "Press Ctrl-C to stop.", flush=True)
        return True

    def _watch(self) -> int:
        while True:
            self._heal()
            time.sleep(POLL_INTERVAL)

    def _heal(self) -> None:
        """One round: notice parts that died, start those whose backoff has passed, hand back orphaned jobs."""
        now = time.monotonic()
        for part in self.parts:
            if part.process is not None and part.process.poll() is not None:
                self._died(part, now)
        for part in self.parts:
            if part.process is None and part.restart_at is not None and time.monotonic() >= part.restart_at:
                self._restart(part)
        if self.orphans:
            self._requeue_orphans()

    def _died(self, part: Part, now: float) -> None:
        """A part's process exited: clear what it left and count the death."""
        assert part.process is not None
        code = part.process.returncode
        processes.clear_group(part.process)  # whatever the dead process left behind
        part.process = None
        if part.worker_name:
            # Its job's process died with it (PR_SET_PDEATHSIG), so handing the job back cannot run it twice.
            self.orphans[part.worker_name] = part.name
        self._count_death(part, now, _exit(code))

    def _count_death(self, part: Part, now: float, how: str) -> None:
        """Schedule the restart after a backoff, or give up if the part keeps dying."""
        part.deaths.append(now)
        while part.deaths and now - part.deaths[0] > self.settings.restart_window:
            part.deaths.popleft()
        if len(part.deaths) >= self.settings.restart_limit:
            raise PartKeepsDying(f"the {part.name} {how}: {len(part.deaths)} deaths within "
                                 f"{self.settings.restart_window:g} s (SYNCMATCH_RESTART_LIMIT="
                                 f"{self.settings.restart_limit}); its log lines above say why")
        delay = min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** (len(part.deaths) - 1))
        part.restart_at = now + delay
        print(f"syncmatch up: the {part.name} {how}; restarting it in {delay:g} s "
              f"(death {len(part.deaths)} of {self.settings.restart_limit} allowed within "
              f"{self.settings.restart_window:g} s)", file=sys.stderr, flush=True)

    def _restart(self, part: Part) -> None:
        part.restart_at = None
        try:
            part.process = part.start(part)
        except EmbeddedRedisError as exc:
            self._count_death(part, time.monotonic(), f"did not start again ({exc})")
            return
        print(f"syncmatch up: the {part.name} is running again (pid {part.process.pid})", file=sys.stderr, flush=True)

    def _requeue_orphans(self) -> None:
        """Hand back the jobs of dead workers; kept for the next round while Redis is unreachable."""
        from redis.exceptions import RedisError

        from service.adapters.queue import connect, requeue_jobs_of

        client = connect(self.redis_url, self.settings.redis_timeout)
        try:
            for worker_name, name in sorted(self.orphans.items()):
                jobs = requeue_jobs_of(client, self.settings, worker_name)
                del self.orphans[worker_name]
                if jobs:
                    print(f"syncmatch up: handed {len(jobs)} job(s) of the dead {name} back to the queue: "
                          f"{', '.join(jobs)}", file=sys.stderr, flush=True)
        except RedisError:
            pass
        finally:
            client.close()

    def _stop(self) -> None:
        self.stopping = True
        others = [part.process for part in self.parts if part.name != "Redis" and part.process is not None]
        if others:
            print("Stopping SyncMatch...", file=sys.stderr, flush=True)
        processes.stop(others, self.settings.shutdown_timeout)
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


def _exit(code: int | None) -> str:
    """How a process ended, in words."""
    if code is not None and code < 0:
        with suppress(ValueError):
            return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


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
