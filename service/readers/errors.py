"""ReaderError (the whole file is unreadable) and RecordRejected (one record is)."""

from __future__ import annotations

from typing import Any

from ..exceptions import SyncMatchError


class ReaderError(SyncMatchError, ValueError):
    """An export that cannot be read, with where it went wrong and how to fix it."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        record: int | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.record = record
        self.line = line
        self.field = field
        self.hint = hint
        super().__init__(self.sentence())

    def sentence(self) -> str:
        """The human sentence: where, which field, what is wrong, what to do."""
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.record is not None:
            where.append(f"record {self.record}")
        text = ", ".join(where).capitalize()
        if self.field:
            text = f"{text}, field {self.field}" if text else f"Field {self.field}"
        text = f"{text}: {self.message}" if text else self.message
        if self.hint:
            text = f"{text.rstrip('.')}. Fix: {self.hint}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready dict (problem details use `detail`)."""
        return {
            "code": self.code,
            "detail": self.message,
            "record": self.record,
            "line": self.line,
            "field": self.field,
            "hint": self.hint,
        }


class RecordRejected(SyncMatchError):
    """One record cannot be used; the reader records it and goes on."""

    def __init__(self, reason: str, field: str | None = None, code: str | None = None, hint: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.code = code
        self.hint = hint
        self.record: int | None = None  # set once the collector knows where the record was
        self.line: int | None = None
