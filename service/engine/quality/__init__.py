"""Data quality: every check of Microsoft's IdFix (multi-tenant rules), on the on-premises snapshot alone.

catalogue.py holds IdFix's error types as codes, rules/ one module per attribute, skip.py IdFix's skip list,
duplicates.py the directory-wide uniqueness index, directory.py the pass that makes the report's `dataQuality`,
pending.py how the engine takes that pass when the caller began it (a child process: adapters/background_checks.py),
report.py the report of a check-only run, script.py its PowerShell.
"""

from .catalogue import TYPES
from .directory import check
from .report import check_report, exit_code
from .script import script

__all__ = ["TYPES", "check", "check_report", "exit_code", "script"]
