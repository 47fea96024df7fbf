"""Stored result texts are ASCII as Flask's jsonify writes them: the same bytes as json.dumps with ensure_ascii."""

from __future__ import annotations

import json

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from service.adapters.reports import ascii_json, filters_of

# Every code point but the lone surrogates, which no JSON writer here accepts.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
VALUES = st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | TEXT,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                      max_leaves=12)


def flask_json(value: object) -> bytes:
    """What Flask's jsonify writes for `value`, compact."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True).encode("ascii")


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_any_value_is_escaped_as_json_dumps_escapes_it(value: object) -> None:
    assert ascii_json(orjson.dumps(value)) == flask_json(value)


def test_characters_escaped_one_by_one() -> None:
    for text, escaped in (("é", b"\\u00e9"), ("\x7f", b"\\u007f"), ("\u2028", b"\\u2028"), ("\uffff", b"\\uffff"),
                          ("😀", b"\\ud83d\\ude00"), ("\U0010ffff", b"\\udbff\\udfff"), ("a\x7fé😀b", None)):
        stored = ascii_json(orjson.dumps(text))
        assert stored.isascii() and b"\x7f" not in stored
        assert json.loads(stored) == text
        if escaped is not None:
            assert stored == b'"' + escaped + b'"'


def test_plain_ascii_is_kept_as_it_is() -> None:
    text = orjson.dumps({"name": "plain ascii", "n": 1})
    assert ascii_json(text) is text


def test_a_result_belongs_to_its_outcome_and_each_error_code_once() -> None:
    assert filters_of({"outcome": "provision"}) == [("outcome", "provision")]
    assert filters_of({"outcome": "provision", "errors": []}) == [("outcome", "provision")]
    result = {"outcome": "error", "errors": [{"code": "B"}, {"code": "A"}, {"code": "B"}, {}]}
    assert filters_of(result) == [("outcome", "error"), ("errorCode", "B"), ("errorCode", "A"), ("errorCode", "None")]
