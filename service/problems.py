"""Problem details (RFC 9457) as plain dicts, shared by the API and the workers."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

PROBLEM_JSON = "application/problem+json"
URN = "urn:syncmatch:problem:"


def problem(status: int, title: str | None = None, detail: str | None = None,
            type_: str = "about:blank", **extra: Any) -> dict[str, Any]:
    """A problem document; `title` defaults to the HTTP status phrase."""
    document: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        document["detail"] = detail
    document.update({key: value for key, value in extra.items() if value is not None})
    return document


def problem_type(name: str) -> str:
    """The `type` URI of a SyncMatch-specific problem."""
    return URN + name
