"""Each attribute rule against its table of values (fixtures/<attribute>.jsonl): types, proposal, blocking."""

from __future__ import annotations

import ast
import json
import pathlib
from types import ModuleType

import pytest

from service.engine.quality.catalogue import TYPES
from service.engine.quality.directory import usual
from service.engine.quality.rules import RULES
from service.engine.quality.verdict import Subject

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
BY_ATTRIBUTE = {rule.ATTRIBUTE: rule for rule in RULES}


def cases() -> list:
    """(attribute, kind, value, types, suggested, blocking) for every line of every fixture file."""
    found = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                found.append(pytest.param(path.stem, *json.loads(line), id=f"{path.stem}:{number}"))
    return found


@pytest.mark.parametrize(("attribute", "kind", "value", "types", "suggested", "blocking"), cases())
def test_rule_fixture(attribute, kind, value, types, suggested, blocking):
    verdict = BY_ATTRIBUTE[attribute].check(value, Subject(kind, "Ann Smith"))
    if not types:
        assert verdict is None
        return
    assert [t for t, _ in verdict.problems] == types
    assert (verdict.suggested if verdict.suggested != value else None) == suggested
    assert bool(verdict.entra and verdict.entra["blocking"]) is blocking
    assert all(t in TYPES for t in types)
    assert all(message.strip() for _, message in verdict.problems)


def test_every_rule_has_a_fixture_and_a_documented_source():
    assert {p.stem for p in FIXTURES.glob("*.jsonl") if p.stem in BY_ATTRIBUTE} == set(BY_ATTRIBUTE)
    for rule in RULES:
        assert "IdFix" in documented(rule)


def documented(rule: ModuleType) -> str:
    """The rule module's docstring, read from its source (a compiled module keeps none)."""
    source = pathlib.Path(rule.__file__).with_name(rule.__name__.rsplit(".", 1)[1] + ".py")
    return ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""


def test_every_type_but_mail_match_is_reachable_from_the_fixtures():
    seen = {t for case in cases() for t in case.values[3]}
    assert seen == set(TYPES) - {"MailMatch", "Duplicate"}


def test_every_type_and_attribute_rule_is_documented_in_the_readme():
    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in TYPES:
        assert f"`{name}`" in readme, name
    for rule in RULES:
        assert f"rules/{rule.__name__.rsplit('.', 1)[1]}.py" in readme, rule.__name__


@pytest.mark.parametrize(("attribute", "kind", "value", "types", "suggested", "blocking"), cases())
def test_the_passes_shortcut_never_skips_a_value_the_rule_flags(attribute, kind, value, types, suggested, blocking):
    rule = BY_ATTRIBUTE[attribute]
    if usual(rule, value):
        assert rule.check(value, Subject(kind, "Ann Smith")) is None


def test_the_shortcut_takes_the_usual_values():
    for attribute, value in (("mail", "ann@contoso.com"), ("userPrincipalName", "ann.smith@contoso.com"),
                             ("proxyAddresses", "smtp:ann@contoso.com"), ("proxyAddresses", "X500:/o=Contoso/cn=a b"),
                             ("displayName", "Ann Smith"), ("sAMAccountName", "asmith"), ("mailNickname", "ann"),
                             ("givenName", "Ann"), ("targetAddress", "SMTP:ann@contoso.mail.onmicrosoft.com")):
        assert usual(BY_ATTRIBUTE[attribute], value), (attribute, value)
