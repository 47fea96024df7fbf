"""What the process entrypoints share: reading settings and reporting a usage error."""

from __future__ import annotations

import argparse
import sys

EXIT_USAGE = 2


def complain(command: str, error: object) -> int:
    """Print a one-line error for `syncmatch COMMAND` and return the usage exit code."""
    print(f"syncmatch {command}: {error}", file=sys.stderr)
    return EXIT_USAGE


def add_listen_arguments(parser: argparse.ArgumentParser) -> None:
    """--host and --port, defaulting to SYNCMATCH_HOST and SYNCMATCH_PORT."""
    parser.add_argument("--host", help="address to listen on (default: SYNCMATCH_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=port_number,
                        help="port to listen on (default: SYNCMATCH_PORT or 8000)")


def positive_int(text: str) -> int:
    """argparse type for a count of at least one."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def port_number(text: str) -> int:
    """argparse type for a TCP port."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and 65535")
    return value
