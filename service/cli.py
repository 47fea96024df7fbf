"""The `syncmatch` command: one subcommand per entrypoint module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn

# name -> (module under service.entrypoints, one-line help). Each module offers
# add_arguments(parser) and run(args) -> exit code, and imports heavy libraries only in run().
COMMANDS = {
    "up": ("up", "run the whole service on this machine: API, workers and Redis"),
    "api": ("api", "run the HTTP API only (gunicorn)"),
    "worker": ("worker", "run one matching worker only"),
    "webhooks": ("webhooks", "run the webhook consumer only (deliveries in threads)"),
    "match": ("match", "predict matching locally for two snapshot files, no service needed"),
    "check": ("check", "IdFix's data-quality checks on an on-premises export alone, no tenant needed"),
    "anchor": ("anchor", "convert between objectGUID, ImmutableId, hex and byte forms"),
    "submit": ("submit", "send two snapshots to a SyncMatch service and fetch the report"),
}

EXIT_USAGE = 2
# One-shot commands that end holding a whole directory: the console script leaves without freeing it
# object by object (seconds at 1,000,000 objects), as mypy does. Their output is written and flushed first.
HARD_EXIT = frozenset({"match", "check"})


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="syncmatch",
        description="Predict how Entra Connect will match on-premises objects to an existing tenant.",
    )
    parser.add_argument("--version", action="version", version=version_line(),
                        help="print the version and the engine's build (compiled or python), then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"service.entrypoints.{module_name}")
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def version_line() -> str:
    """`syncmatch 0.2.0 (engine: compiled)`: the installed version and the engine's build."""
    from importlib.metadata import PackageNotFoundError, version

    from service.engine_build import engine_build

    try:
        number = version("syncmatch")
    except PackageNotFoundError:  # run from a source tree that is not installed
        number = "unknown"
    return f"syncmatch {number} (engine: {engine_build()})"


def main(argv: list[str] | None = None, *, hard_exit: bool = False) -> int:
    """Parse the command line and run the chosen subcommand (hard_exit: see HARD_EXIT)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    code = int(args.run(args) or 0)
    if hard_exit and args.command in HARD_EXIT:
        _leave(code)
    return code


def entry() -> NoReturn:
    """The console script: main(), leaving at once after a one-shot command."""
    sys.exit(main(hard_exit=True))


def _leave(code: int) -> NoReturn:
    """Flush the standard streams and end the process without tearing down its objects."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
