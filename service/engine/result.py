"""What the engine says about one on-premises object while it evaluates it."""

from __future__ import annotations

from typing import Any

from .codes import ASSUMPTIONS, ERRORS, WARNINGS
from .model import CloudObject, OnPremObject

# Most objects end with no errors, warnings, fixes or notes: they share this empty tuple until the first one.
NONE = ()


class Identity:
    """The values an object presents to Entra ID: anchor, effective UPN, addresses."""

    __slots__ = ("anchor", "onprem_upn", "primary_key", "primary_smtp", "sid", "sip", "smtp", "upn", "upn_key")

    def __init__(self) -> None:
        self.anchor: str | None = None
        self.upn: str | None = None
        self.onprem_upn: str | None = None
        self.primary_smtp: str | None = None
        self.smtp: list[Any] | tuple[Any, ...] = NONE
        self.sid: str | None = None
        self.sip: list[Any] | tuple[Any, ...] = NONE  # the SIP: proxy addresses, as written
        # The UPN and primary SMTP in lower case, as every lookup compares them: lowered once.
        self.upn_key: str | None = None
        self.primary_key: str | None = None


class Result:
    """The prediction for one object: outcome, match, errors, warnings and fixes."""

    __slots__ = ("anchor_source", "assumptions", "errors", "identity", "match", "notes", "obj", "outcome",
                 "remediation", "skip_reason", "target", "warnings")

    def __init__(self, obj: OnPremObject):
        self.obj = obj
        self.identity = Identity()
        self.outcome: str | None = None
        self.target: CloudObject | None = None
        self.match: dict[str, Any] | None = None
        self.errors: list[Any] | tuple[Any, ...] = NONE
        self.warnings: list[Any] | tuple[Any, ...] = NONE
        self.remediation: list[Any] | tuple[Any, ...] = NONE
        self.skip_reason: str | None = None
        self.anchor_source: str | None = None
        self.notes: list[Any] | tuple[Any, ...] = NONE
        self.assumptions: list[Any] | tuple[Any, ...] = NONE

    def error(self, code: str, message: str, *, blocking: bool = True, attribute: str | None = None,
              conflicts: list[Any] | None = None, **details: object) -> None:
        """Record an error with one of Microsoft's codes."""
        assert code in ERRORS, code
        entry: dict[str, Any] = {"code": code}
        if attribute:
            entry["attribute"] = attribute
        entry.update(blocking=blocking, message=message, conflictsWith=list(conflicts or []))
        if details:
            entry["details"] = details
        if isinstance(self.errors, list) and self.errors:
            self.errors.append(entry)
        else:
            self.errors = [entry]

    def warn(self, code: str, message: str, details: dict[str, Any] | None = None, severity: str | None = None) -> None:
        """Record a warning from the catalogue."""
        entry: dict[str, object] = {"code": code, "severity": severity or WARNINGS[code].severity, "message": message}
        if details:
            entry["details"] = details
        if isinstance(self.warnings, list) and self.warnings:
            self.warnings.append(entry)
        else:
            self.warnings = [entry]

    def fix(self, action: str, powershell: str) -> None:
        """Record a remediation step with its PowerShell."""
        step = {"action": action, "powershell": powershell}
        if not self.remediation:
            self.remediation = [step]
        elif isinstance(self.remediation, list) and step not in self.remediation:
            self.remediation.append(step)

    def note(self, notes: list[Any]) -> None:
        """Record notes on how the prediction was reached."""
        # The list is replaced, never changed in place, so that objects with the same notes can share one.
        self.notes = [*self.notes, *notes] if self.notes else notes

    def assume(self, rule_id: str) -> None:
        """Record that the prediction rests on one of the catalogue's assumptions."""
        assert rule_id in ASSUMPTIONS, rule_id
        if rule_id not in self.assumptions:
            self.assumptions = [*self.assumptions, rule_id]

    @property
    def blocked(self) -> bool:
        """True when a blocking error keeps the object from being exported."""
        return bool(self.errors) and any(e["blocking"] for e in self.errors)

    def matched(self, target: CloudObject, onprem_attr: str, cloud_attr: str, value: str | None) -> None:
        """Record the cloud object found and the attribute pair that found it."""
        self.target = target
        self.match = {"cloudId": target.id, "cloudObjectType": target.kind, "onpremAttribute": onprem_attr,
                      "cloudAttribute": cloud_attr, "value": value}
