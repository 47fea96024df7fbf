"""`syncmatch anchor`: convert between objectGUID, ImmutableId, hex, byte and connector-space forms."""

from __future__ import annotations

import argparse
import json

from .common import complain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """VALUE [--json]."""
    parser.add_argument("value", help="a GUID, an ImmutableId, 32 hex digits, 16 bytes or CN={hex}")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def run(args: argparse.Namespace) -> int:
    """Print every form of the value."""
    from ..engine import AnchorError, conversions

    try:
        forms = conversions(args.value)
    except AnchorError as exc:
        return complain("anchor", exc)
    if args.json:
        print(json.dumps(forms, indent=2))
        return 0
    labels = {"objectGUID": "objectGUID", "immutableId": "ImmutableId (sourceAnchor)", "hex": "hex (bytes)",
              "bytes": "byte[]", "connectorSpaceDn": "connector space"}
    for key, label in labels.items():
        value = forms[key]
        print(f"{label:<28} {' '.join(map(str, value)) if isinstance(value, list) else value}")
    return 0
