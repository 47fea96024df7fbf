"""What the engine says about one on-premises object while it evaluates it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import ERRORS, WARNINGS
from .model import CloudObject, OnPremObject


@dataclass(slots=True)
class Identity:
    """The values an object presents to Entra ID: anchor, effective UPN, addresses."""

    anchor: str | None = None
    upn: str | None = None
    onprem_upn: str | None = None
    primary_smtp: str | None = None
    smtp: list = field(default_factory=list)
    sid: str | None = None


@dataclass(slots=True)
class Result:
    """The prediction for one object: outcome, match, errors, warnings and fixes."""

    obj: OnPremObject
    identity: Identity = field(default_factory=Identity)
    outcome: str | None = None
    target: CloudObject | None = None
    match: dict | None = None
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    remediation: list = field(default_factory=list)
    skip_reason: str | None = None
    anchor_source: str | None = None
    notes: list = field(default_factory=list)

    def error(self, code: str, message: str, *, blocking: bool = True, attribute: str | None = None,
              conflicts: list | None = None, **details: object) -> None:
        """Record an error with one of Microsoft's codes."""
        assert code in ERRORS, code
        entry: dict = {"code": code}
        if attribute:
            entry["attribute"] = attribute
        entry.update(blocking=blocking, message=message, conflictsWith=list(conflicts or []))
        if details:
            entry["details"] = details
        self.errors.append(entry)

    def warn(self, code: str, message: str, details: dict | None = None, severity: str | None = None) -> None:
        """Record a warning from the catalogue."""
        entry = {"code": code, "severity": severity or WARNINGS[code].severity, "message": message}
        if details:
            entry["details"] = details
        self.warnings.append(entry)

    def fix(self, action: str, powershell: str) -> None:
        """Record a remediation step with its PowerShell."""
        step = {"action": action, "powershell": powershell}
        if step not in self.remediation:
            self.remediation.append(step)

    @property
    def blocked(self) -> bool:
        """True when a blocking error keeps the object from being exported."""
        return any(e["blocking"] for e in self.errors)

    def matched(self, target: CloudObject, onprem_attr: str, cloud_attr: str, value: str | None) -> None:
        """Record the cloud object found and the attribute pair that found it."""
        self.target = target
        self.match = {"cloudId": target.id, "cloudObjectType": target.kind, "onpremAttribute": onprem_attr,
                      "cloudAttribute": cloud_attr, "value": value}
