"""Attribute names are case-insensitive, as in AD and Graph: any spelling gives the same prediction."""

import copy
import json
from pathlib import Path

from service.engine import evaluate
from service.engine.names import CLOUD_TABLE, ONPREM_TABLE, canonical, lookup

CASES = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "cases"


def respell(record: dict, how) -> dict:
    """The record with every attribute name respelled."""
    return {how(k): v for k, v in record.items()}


def shout(snapshot: dict, keys: tuple) -> dict:
    """Upper-case every attribute name of the listed object arrays."""
    out = copy.deepcopy(snapshot)
    for key in keys:
        out[key] = [respell(r, str.upper) for r in out.get(key) or []]
    return out


def outcomes(report: dict) -> list:
    """What the report says per object, without the echo of the input's spelling."""
    return [(r["sourceAnchor"], r["outcome"], r["match"], [e["code"] for e in r["errors"]]) for r in report["results"]]


def test_every_conformance_case_predicts_the_same_with_upper_case_names():
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text())
        plain = evaluate(case["onprem"], case["cloud"], case["settings"])
        loud = evaluate(shout(case["onprem"], ("objects",)),
                        shout(case["cloud"], ("users", "groups", "contacts", "deletedUsers")), case["settings"])
        assert outcomes(loud) == outcomes(plain), path.name


def test_canonical_keeps_an_already_canonical_record_as_is():
    record = {"objectGUID": "x", "userPrincipalName": "a@b.c", "whenCreated": 1}
    assert canonical(record, ONPREM_TABLE) is record


def test_canonical_renames_known_names_and_keeps_unknown_ones():
    record = {"OBJECTGUID": "x", "UserPrincipalName": "a@b.c", "WhenCreated": 1}
    assert canonical(record, ONPREM_TABLE) == {"objectGUID": "x", "userPrincipalName": "a@b.c", "WhenCreated": 1}
    cloud = canonical({"ID": "1", "OnPremisesImmutableId": "q"}, CLOUD_TABLE)
    assert cloud == {"id": "1", "onPremisesImmutableId": "q"}


def test_lookup_finds_an_unknown_attribute_by_any_spelling():
    assert lookup({"extensionAttribute1": "E1"}, "EXTENSIONATTRIBUTE1", ONPREM_TABLE) == "E1"
    assert lookup({"mail": "m"}, "MAIL", ONPREM_TABLE) == "m"
    assert lookup({"mail": "m"}, "other", ONPREM_TABLE) is None
