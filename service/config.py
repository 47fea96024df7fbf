"""All configuration, read once from environment variables into a frozen `Settings`."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DAY = 24 * 60 * 60


class ConfigError(ValueError):
    """An environment variable holds a value SyncMatch cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything the API, the workers and `syncmatch up` need to know about their surroundings."""

    redis_url: str | None = None
    data_dir: Path = Path(".syncmatch")
    host: str = "127.0.0.1"
    port: int = 8000
    api_workers: int = 2
    api_threads: int = 4
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    namespace: str = "syncmatch"
    job_timeout: int = 30 * 60
    result_ttl: int = 7 * DAY
    snapshot_ttl: int = DAY
    max_upload_bytes: int = 200 * 1024 * 1024
    shutdown_timeout: float = 10.0
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from `environ` (default: the process environment)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, (variable, parse) in _VARIABLES.items():
            raw = env.get(variable, "").strip()
            if raw:
                values[name] = _parse(variable, raw, parse)
        return cls(**values)

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the given fields replaced; None values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def queue_name(self) -> str:
        """Name of the RQ queue that carries matching jobs."""
        return self.namespace

    def require_redis_url(self) -> str:
        """Return REDIS_URL or raise ConfigError saying how to set it."""
        if not self.redis_url:
            raise ConfigError(
                "REDIS_URL is not set. Point it at your Redis server, e.g. "
                "REDIS_URL=redis://redis.example.internal:6379/0, or run `syncmatch up`, "
                "which starts its own Redis."
            )
        return self.redis_url


def _whole_number(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError("must be a whole number") from None


def _positive_int(raw: str) -> int:
    value = _whole_number(raw)
    if value < 1:
        raise ValueError("must be at least 1")
    return value


def _port(raw: str) -> int:
    value = _whole_number(raw)
    if not 0 < value < 65536:
        raise ValueError("must be between 1 and 65535")
    return value


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("must be a number of seconds") from None
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _log_level(raw: str) -> str:
    value = raw.upper()
    if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return value


def _parse(variable: str, raw: str, parse: Callable[[str], Any]) -> Any:
    try:
        return parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{variable}={raw!r} is not valid: {exc}") from None


# Settings field -> (environment variable, parser).
_VARIABLES: dict[str, tuple[str, Callable[[str], Any]]] = {
    "redis_url": ("REDIS_URL", str),
    "data_dir": ("SYNCMATCH_DATA_DIR", Path),
    "host": ("SYNCMATCH_HOST", str),
    "port": ("SYNCMATCH_PORT", _port),
    "api_workers": ("SYNCMATCH_API_WORKERS", _positive_int),
    "api_threads": ("SYNCMATCH_API_THREADS", _positive_int),
    "workers": ("SYNCMATCH_WORKERS", _positive_int),
    "namespace": ("SYNCMATCH_NAMESPACE", str),
    "job_timeout": ("SYNCMATCH_JOB_TIMEOUT", _positive_int),
    "result_ttl": ("SYNCMATCH_RESULT_TTL", _positive_int),
    "snapshot_ttl": ("SYNCMATCH_SNAPSHOT_TTL", _positive_int),
    "max_upload_bytes": ("SYNCMATCH_MAX_UPLOAD_BYTES", _positive_int),
    "shutdown_timeout": ("SYNCMATCH_SHUTDOWN_TIMEOUT", _seconds),
    "log_level": ("SYNCMATCH_LOG_LEVEL", _log_level),
}
