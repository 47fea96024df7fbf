"""The matching engine: canonical snapshots + settings -> report. Pure: standard library only."""

from .anchor import AnchorError, conversions
from .evaluate import evaluate
from .remediation import script as remediation_script
from .report import exit_code
from .settings import SettingsError

__all__ = ["AnchorError", "SettingsError", "conversions", "evaluate", "exit_code", "remediation_script"]
