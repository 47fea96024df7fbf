"""The exceptions SyncMatch raises across its layers, on one common base (as rq keeps its own in one module)."""

from __future__ import annotations


class SyncMatchError(Exception):
    """Base of every SyncMatch exception, the pure engine's and readers' included."""


class Gone(SyncMatchError, LookupError):
    """Stored data expired or was deleted while it was being read; streams stop cleanly on it."""

    reason = "stored data is gone"


class BlobGone(Gone):
    """A blob's chunk expired or was deleted while it was being read."""

    reason = "a stored chunk expired or was deleted"


class ReportGone(Gone):
    """Part of a report expired or was deleted while it was being read."""

    reason = "the report expired or was deleted"


class QuotaExceeded(SyncMatchError):
    """A tenant is over one of its quotas (stored bytes, concurrent jobs)."""

    def __init__(self, quota: str, detail: str, limit: int, used: int) -> None:
        super().__init__(detail)
        self.quota = quota
        self.detail = detail
        self.limit = limit
        self.used = used


class UploadSpaceFull(SyncMatchError):
    """The temporary space for uploads in flight is used up; the upload may be tried again shortly."""


class BodyTooLarge(SyncMatchError):
    """A request body, or what it inflates to, is over a limit."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BadGzip(SyncMatchError):
    """The body says or looks gzip but is not valid gzip."""


class UnsafeTarget(SyncMatchError, ValueError):
    """A callback URL is malformed, does not resolve, or points at an address SyncMatch must not call."""


class PortInUseError(SyncMatchError, OSError):
    """The address SyncMatch should listen on is already taken."""

    def __init__(self, host: str, port: int, reason: str) -> None:
        super().__init__(f"cannot listen on {host}:{port}: {reason}")
        self.host = host
        self.port = port


class EmbeddedRedisError(SyncMatchError, RuntimeError):
    """The embedded Redis could not be started."""


class PartKeepsDying(SyncMatchError):
    """A part of `syncmatch up` died too often in too short a time; the supervisor gives up."""
