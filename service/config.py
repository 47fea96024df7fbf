"""All configuration, read once from environment variables into a frozen `Settings`."""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from service.exceptions import SyncMatchError

HOUR = 60 * 60
DAY = 24 * HOUR
MIB = 1024 * 1024
MAX_REDIS_VALUE = 64 * MIB
DEFAULT_TENANT = "default"
RATE_LIMIT = re.compile(r"^\s*\d+\s*(/|per)\s*(\d+\s*)?(second|minute|hour|day)s?\s*$", re.IGNORECASE)
TENANT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
MIN_KEY_LENGTH = 16
# Variables whose values are secrets: an error names them but never shows their value.
SECRET_VARIABLES = frozenset({"SYNCMATCH_API_KEYS", "SYNCMATCH_WEBHOOK_SECRET"})


class ConfigError(SyncMatchError, ValueError):
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
    job_timeout: int = HOUR
    job_retries: int = 2
    job_heartbeat: int = 10
    maintenance_interval: int = 60
    redis_timeout: float = 5.0
    result_ttl: int = 7 * DAY
    failure_ttl: int = 12 * HOUR
    snapshot_ttl: int = DAY
    max_upload_bytes: int = 200 * MIB
    max_decompressed_bytes: int = 2048 * MIB
    max_objects: int = 2_000_000
    chunk_bytes: int = 8 * MIB
    shutdown_timeout: float = 10.0
    log_level: str = "INFO"
    api_keys: Mapping[str, str] = field(default_factory=dict, hash=False)  # sha256(key) -> tenant
    rate_limit: str | None = "600/minute"
    idempotency_ttl: int = DAY
    webhook_secret: bytes | None = field(default=None, repr=False)
    webhook_allow_private: bool = False
    webhook_retry_delays: tuple[int, ...] = (10, 60, 300, 1800, 7200)
    webhook_timeout: int = 10
    # Self-healing, isolation and quotas (`syncmatch up`'s supervisor, uploads, tenants, webhooks).
    webhook_secrets: Mapping[str, bytes] = field(default_factory=dict, hash=False, repr=False)  # tenant -> key
    webhook_threads: int = 4
    redis_maxmemory: int = 2048 * MIB
    restart_limit: int = 5
    restart_window: float = 60.0
    upload_spool_bytes: int = 1024 * MIB
    upload_wait: float = 5.0
    tenant_max_bytes: int | None = None
    tenant_max_jobs: int | None = None
    auth_failure_limit: str | None = "20/minute"
    checks_child: bool | None = None  # the data-quality checks in a child process: None by size and processors
    upload_child_bytes: int | None = 8 * MIB  # uploads this large (as sent) are read in a child; None: never


    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from `environ` (default: the process environment)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, (variable, parse) in _VARIABLES.items():
            raw = env.get(variable, "").strip()
            if raw:
                values[name] = _parse(variable, raw, parse)
        values["api_keys"] = _all_keys(values.pop("api_keys_file", {}), values.get("api_keys", {}))
        return cls(**values)

    def webhook_secret_for(self, tenant: str) -> bytes | None:
        """The key that signs `tenant`'s webhooks: its own (SYNCMATCH_WEBHOOK_SECRETS), else the default one."""
        return self.webhook_secrets.get(tenant, self.webhook_secret)

    def with_overrides(self, **changes: Any) -> Settings:
        """Return a copy with the given fields replaced; None values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def queue_name(self) -> str:
        """Name of the RQ queue that carries matching jobs."""
        return self.namespace

    @property
    def open_access(self) -> bool:
        """True when no API key is configured: everything belongs to the "default" tenant."""
        return not self.api_keys

    def require_safe_bind(self) -> None:
        """Raise ConfigError when the API would listen beyond loopback without API keys."""
        if self.open_access and not is_loopback(self.host):
            raise ConfigError(
                f"refusing to listen on {self.host} without API keys: anyone who can reach it could read "
                "every snapshot and report. Set SYNCMATCH_API_KEYS=key:tenant[,key:tenant...] (or "
                "SYNCMATCH_API_KEYS_FILE), or listen on 127.0.0.1."
            )

    def require_redis_url(self) -> str:
        """Return REDIS_URL or raise ConfigError saying how to set it."""
        if not self.redis_url:
            raise ConfigError(
                "REDIS_URL is not set. Point it at your Redis server, e.g. "
                "REDIS_URL=redis://redis.example.internal:6379/0, or run `syncmatch up`, "
                "which starts its own Redis."
            )
        return self.redis_url


def hash_key(key: str) -> str:
    """The SHA-256 hex digest under which an API key is kept in memory."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _tenant(name: str, where: str) -> str:
    name = name.strip()
    if not TENANT_NAME.match(name):
        raise ValueError(f"{where}: tenant {name!r} must be 1-64 letters, digits, '.', '_' or '-'")
    return name


def _api_keys(raw: str) -> dict[str, str]:
    """key:tenant,key:tenant -> {sha256(key): tenant}; a short key or one given twice is refused."""
    keys: dict[str, str] = {}
    entries: dict[str, int] = {}
    for number, item in enumerate(raw.split(","), 1):
        key, sep, tenant = item.strip().rpartition(":")
        if not sep or len(key) < MIN_KEY_LENGTH:
            raise ValueError(f"entry {number} must be KEY:TENANT with a key of at least {MIN_KEY_LENGTH} characters "
                             "(generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')")
        digest = hash_key(key)
        if digest in entries:
            raise ValueError(f"entry {number} repeats the key of entry {entries[digest]}: give each tenant its own key")
        entries[digest] = number
        keys[digest] = _tenant(tenant, f"entry {number}")
    return keys


def _all_keys(from_file: dict[str, str], from_env: dict[str, str]) -> dict[str, str]:
    """The keys of SYNCMATCH_API_KEYS_FILE and SYNCMATCH_API_KEYS; a key in both is refused."""
    if from_file.keys() & from_env.keys():
        raise ConfigError("SYNCMATCH_API_KEYS and SYNCMATCH_API_KEYS_FILE both hold the same key: "
                          "give each key once, in one of them")
    return {**from_file, **from_env}


def _api_keys_file(raw: str) -> dict[str, str]:
    """Lines `sha256:<hex>:tenant` ('#' comments and blank lines ignored) -> {hex: tenant}."""
    try:
        text = Path(raw).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read the file: {exc.strerror or exc}") from None
    keys: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) != 3 or parts[0] != "sha256" or not re.fullmatch(r"[0-9a-fA-F]{64}", parts[1]):
            raise ValueError(f"line {number} must be sha256:<64 hex digits>:TENANT")
        if parts[1].lower() in keys:
            raise ValueError(f"line {number} repeats a key given on an earlier line: give each key once")
        keys[parts[1].lower()] = _tenant(parts[2], f"line {number}")
    return keys


def _rate_limit(raw: str) -> str | None:
    if raw.lower() in {"off", "none", "0"}:
        return None
    if not RATE_LIMIT.match(raw):
        raise ValueError("must look like 600/minute, 10/second or 5000 per hour (or off)")
    return raw


def _webhook_secret(raw: str) -> bytes:
    """whsec_<base64> -> the key bytes."""
    if not raw.startswith("whsec_"):
        raise ValueError("must be whsec_ followed by base64 (Standard Webhooks form)")
    try:
        key = base64.b64decode(raw.removeprefix("whsec_"), validate=True)
    except binascii.Error:
        raise ValueError("the part after whsec_ is not base64") from None
    if len(key) < 24:
        raise ValueError("the key must be at least 24 bytes (32 random bytes, base64-encoded, recommended)")
    return key


def _webhook_secrets(raw: str) -> dict[str, bytes]:
    """tenant:whsec_...,tenant:whsec_... -> {tenant: key bytes}; a tenant given twice is refused."""
    secrets: dict[str, bytes] = {}
    for number, item in enumerate(raw.split(","), 1):
        tenant, sep, secret = item.strip().partition(":")
        if not sep:
            raise ValueError(f"entry {number} must be TENANT:whsec_...")
        name = _tenant(tenant, f"entry {number}")
        if name in secrets:
            raise ValueError(f"entry {number}: tenant {name!r} is given twice")
        try:
            secrets[name] = _webhook_secret(secret.strip())
        except ValueError as exc:
            raise ValueError(f"entry {number} ({name}): {exc}") from None
    return secrets


def _byte_size(raw: str) -> int:
    """A size in bytes, or with a unit: 512mb, 2gb, 1.5GiB (binary units in every case)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]i?b?)?", raw.strip().lower())
    if not match:
        raise ValueError("must be a number of bytes, or a number with kb, mb, gb or tb (e.g. 2gb)")
    unit = (match.group(2) or "b")[0]
    value = int(float(match.group(1)) * 1024 ** "bkmgt".index(unit))
    if value < 1:
        raise ValueError("must be at least 1 byte")
    return value


def _byte_size_or_off(raw: str) -> int | None:
    """off (None), or a size in bytes."""
    return None if raw.lower() == "off" else _byte_size(raw)


def _flag(raw: str) -> bool:
    value = raw.lower()
    if value not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
        raise ValueError("must be 1 or 0 (true or false)")
    return value in {"1", "true", "yes", "on"}


def _delays(raw: str) -> tuple[int, ...]:
    try:
        delays = tuple(int(part) for part in raw.split(","))
    except ValueError:
        raise ValueError("must be whole seconds separated by commas, e.g. 10,60,300") from None
    if any(delay < 0 for delay in delays):
        raise ValueError("must not be negative")
    return delays


def _chunk_bytes(raw: str) -> int:
    value = _positive_int(raw)
    if value > MAX_REDIS_VALUE:
        raise ValueError(f"must be at most {MAX_REDIS_VALUE} (64 MiB)")
    return value


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


def _count(raw: str) -> int:
    value = _whole_number(raw)
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _timeout(raw: str) -> float:
    value = _seconds(raw)
    if value <= 0:
        raise ValueError("must be more than 0 seconds")
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


def _auto_flag(raw: str) -> bool | None:
    """auto (None), or a flag."""
    if raw.lower() == "auto":
        return None
    try:
        return _flag(raw)
    except ValueError:
        raise ValueError("must be auto, 1 or 0 (true or false)") from None


def checks_child(environ: Mapping[str, str] | None = None) -> bool | None:
    """SYNCMATCH_CHECKS_CHILD alone, for `syncmatch match`, which reads no other service setting."""
    return Settings.from_env({"SYNCMATCH_CHECKS_CHILD": (os.environ if environ is None else environ)
                              .get("SYNCMATCH_CHECKS_CHILD", "")}).checks_child


def _log_level(raw: str) -> str:
    value = raw.upper()
    if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return value


def _parse(variable: str, raw: str, parse: Callable[[str], Any]) -> Any:
    try:
        return parse(raw)
    except ValueError as exc:
        shown = variable if variable in SECRET_VARIABLES else f"{variable}={raw!r}"
        raise ConfigError(f"{shown} is not valid: {exc}") from None


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
    "job_retries": ("SYNCMATCH_JOB_RETRIES", _count),
    "job_heartbeat": ("SYNCMATCH_JOB_HEARTBEAT", _positive_int),
    "maintenance_interval": ("SYNCMATCH_MAINTENANCE_INTERVAL", _positive_int),
    "redis_timeout": ("SYNCMATCH_REDIS_TIMEOUT", _timeout),
    "result_ttl": ("SYNCMATCH_RESULT_TTL", _positive_int),
    "failure_ttl": ("SYNCMATCH_FAILURE_TTL", _positive_int),
    "snapshot_ttl": ("SYNCMATCH_SNAPSHOT_TTL", _positive_int),
    "max_upload_bytes": ("SYNCMATCH_MAX_UPLOAD_BYTES", _positive_int),
    "max_decompressed_bytes": ("SYNCMATCH_MAX_DECOMPRESSED_BYTES", _positive_int),
    "max_objects": ("SYNCMATCH_MAX_OBJECTS", _positive_int),
    "chunk_bytes": ("SYNCMATCH_CHUNK_BYTES", _chunk_bytes),
    "shutdown_timeout": ("SYNCMATCH_SHUTDOWN_TIMEOUT", _seconds),
    "log_level": ("SYNCMATCH_LOG_LEVEL", _log_level),
    "api_keys": ("SYNCMATCH_API_KEYS", _api_keys),
    "api_keys_file": ("SYNCMATCH_API_KEYS_FILE", _api_keys_file),
    "rate_limit": ("SYNCMATCH_RATE_LIMIT", _rate_limit),
    "idempotency_ttl": ("SYNCMATCH_IDEMPOTENCY_TTL", _positive_int),
    "webhook_secret": ("SYNCMATCH_WEBHOOK_SECRET", _webhook_secret),
    "webhook_allow_private": ("SYNCMATCH_WEBHOOK_ALLOW_PRIVATE", _flag),
    "webhook_retry_delays": ("SYNCMATCH_WEBHOOK_RETRY_DELAYS", _delays),
    "webhook_timeout": ("SYNCMATCH_WEBHOOK_TIMEOUT", _positive_int),
    # Self-healing, isolation and quotas.
    "webhook_secrets": ("SYNCMATCH_WEBHOOK_SECRETS", _webhook_secrets),
    "webhook_threads": ("SYNCMATCH_WEBHOOK_THREADS", _positive_int),
    "redis_maxmemory": ("SYNCMATCH_REDIS_MAXMEMORY", _byte_size),
    "restart_limit": ("SYNCMATCH_RESTART_LIMIT", _positive_int),
    "restart_window": ("SYNCMATCH_RESTART_WINDOW", _timeout),
    "upload_spool_bytes": ("SYNCMATCH_UPLOAD_SPOOL_BYTES", _byte_size),
    "upload_wait": ("SYNCMATCH_UPLOAD_WAIT", _seconds),
    "tenant_max_bytes": ("SYNCMATCH_TENANT_MAX_BYTES", _byte_size),
    "tenant_max_jobs": ("SYNCMATCH_TENANT_MAX_JOBS", _positive_int),
    "auth_failure_limit": ("SYNCMATCH_AUTH_FAILURE_LIMIT", _rate_limit),
    "checks_child": ("SYNCMATCH_CHECKS_CHILD", _auto_flag),
    "upload_child_bytes": ("SYNCMATCH_UPLOAD_CHILD_BYTES", _byte_size_or_off),
}
