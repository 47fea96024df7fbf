"""R2 sourceAnchor: which attribute, GUID encoding, every input form, custom anchors, missing anchors."""

from __future__ import annotations

import base64

import pytest
from builders import (
    OMIT,
    VECTORS,
    WRONG_BIG_ENDIAN,
    anchor_of,
    cloud_user,
    contact,
    errors_of,
    group,
    guid_for,
    only,
    raw_bytes,
    run,
    tenant,
    user,
)

FIRST = "3ab39606-c642-489b-84b6-58c038d3ef39"


def anchor(obj: dict, **settings: object) -> str | None:
    return only(run([obj], **settings))["sourceAnchor"]


@pytest.mark.parametrize(("guid", "expected"), sorted(VECTORS.items()))
def test_guid_vectors(guid, expected):
    assert anchor_of(guid) == expected  # the builder agrees with the document
    result = only(run([user("v", objectGUID=guid)]))
    assert result["sourceAnchor"] == expected
    assert result["object"]["objectGUID"] == guid


def test_big_endian_encoding_is_not_used():
    assert base64.b64encode(bytes.fromhex(FIRST.replace("-", ""))).decode() == WRONG_BIG_ENDIAN
    assert anchor(user("v", objectGUID=FIRST)) != WRONG_BIG_ENDIAN


def _forms(guid: str) -> dict:
    raw = raw_bytes(guid)
    return {
        "canonical": guid,
        "braces": "{" + guid + "}",
        "upper": guid.upper(),
        "braces-upper": "{" + guid.upper() + "}",
        "base64-raw": base64.b64encode(raw).decode(),
        "int-list": list(raw),
        "int-text": ", ".join(str(b) for b in raw),
        "base64-wrapped": base64.b64encode(raw).decode()[:12] + "\n " + base64.b64encode(raw).decode()[12:],
        "guid-object": {"Guid": guid.upper()},
        "guid-digits": guid.replace("-", ""),
    }


FORM_CASES = [(g, name, value) for g in sorted(VECTORS) for name, value in _forms(g).items()]


@pytest.mark.parametrize(("guid", "form", "value"), FORM_CASES, ids=[f"{g[:8]}-{f}" for g, f, _ in FORM_CASES])
def test_every_objectguid_form_gives_the_same_anchor(guid, form, value):
    result = only(run([user("v", objectGUID=value)]))
    assert result["errors"] == []
    assert result["sourceAnchor"] == VECTORS[guid]
    assert result["object"]["objectGUID"] == guid  # canonical: lower case, hyphenated


@pytest.mark.parametrize(("form", "value"), list(_forms(FIRST).items()))
def test_every_consistency_guid_form_gives_the_same_anchor(form, value):
    obj = user("v", consistency_guid=value)
    assert anchor(obj) == VECTORS[FIRST]


@pytest.mark.parametrize("value", [bytes.fromhex(FIRST.replace("-", "")).hex(" "), raw_bytes(FIRST).hex(":"),
                                   {"Value": FIRST}])
def test_forms_the_readers_refuse_are_refused_by_the_engine_too(value):
    # Hex byte pairs and {"Value": ...} are no GUID form of an export: the readers reject them, so does the engine.
    result = only(run([user("v", objectGUID=value)]))
    assert result["sourceAnchor"] is None
    assert [e["code"] for e in result["errors"]] == ["InvalidSourceAnchor"]
    assert "objectGUID cannot be read" in result["errors"][0]["message"]


def test_base64_objectguid_is_read_as_raw_bytes_not_big_endian():
    # LDIF objectGUID:: holds the raw (ToByteArray order) bytes, so the anchor is that same base64 text.
    result = only(run([user("v", objectGUID=WRONG_BIG_ENDIAN)]))
    assert result["sourceAnchor"] == WRONG_BIG_ENDIAN
    assert result["object"]["objectGUID"] != FIRST


def test_consistency_guid_wins_over_objectguid():
    obj = user("ola", consistency_guid=FIRST)
    assert anchor(obj) == VECTORS[FIRST]
    assert VECTORS[FIRST] != anchor_of(obj["objectGUID"])


def test_consistency_guid_hard_matches_and_objectguid_does_not():
    obj = user("ola", consistency_guid=FIRST)
    cloud = tenant(cloud_user("c-by-cguid", immutable_id=VECTORS[FIRST], synced=True),
                   cloud_user("c-by-oguid", immutable_id=anchor_of(obj["objectGUID"]), synced=True))
    assert only(run([obj], cloud))["match"]["cloudId"] == "c-by-cguid"


@pytest.mark.parametrize("empty", [OMIT, None, ""])
def test_empty_consistency_guid_falls_back_to_objectguid_with_a_note(empty):
    obj = user("ann", consistency_guid=empty)
    result = only(run([obj]))
    assert result["sourceAnchor"] == anchor_of(obj["objectGUID"])
    notes = " ".join(result.get("notes") or [])
    assert "mS-DS-ConsistencyGuid" in notes  # sync writes objectGUID back: said as a note


def test_no_write_back_note_when_consistency_guid_is_present():
    result = only(run([user("ann", consistency_guid=FIRST)]))
    assert not any("back" in n for n in result.get("notes") or [])


def test_inetorgperson_uses_consistency_guid_like_a_user():
    obj = user("ivo", object_class="inetOrgPerson", consistency_guid=FIRST)
    assert anchor(obj) == VECTORS[FIRST]


def test_default_sourceanchor_is_consistency_guid():
    obj = user("ola", consistency_guid=FIRST)
    assert only(run([obj]))["sourceAnchor"] == VECTORS[FIRST]
    assert only(run([obj], sourceAnchor="mS-DS-ConsistencyGuid"))["sourceAnchor"] == VECTORS[FIRST]


def test_sourceanchor_setting_name_is_case_insensitive():
    obj = user("ola", consistency_guid=FIRST)
    assert anchor(obj, sourceAnchor="ms-ds-consistencyguid") == VECTORS[FIRST]


def test_objectguid_setting_ignores_consistency_guid():
    obj = user("ola", consistency_guid=FIRST)
    result = only(run([obj], sourceAnchor="objectGUID"))
    assert result["sourceAnchor"] == anchor_of(obj["objectGUID"])
    assert not any("back" in n for n in result.get("notes") or [])


@pytest.mark.parametrize("make", [lambda **kw: group("Sales", **kw),
                                  lambda **kw: contact("Lea", smtp="lea@partner.example", **kw)],
                         ids=["group", "contact"])
def test_groups_and_contacts_always_use_objectguid(make):
    obj = make(**{"mS-DS-ConsistencyGuid": FIRST})
    assert anchor(obj) == anchor_of(obj["objectGUID"])


# --- missing anchor --------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: user("nobody", objectGUID=OMIT),
    lambda: group("nogroup", objectGUID=OMIT),
    lambda: contact("nocontact", smtp="nocontact@partner.example", objectGUID=OMIT),
], ids=["user", "group", "contact"])
def test_missing_anchor_is_a_blocking_error(make):
    obj = make()
    result = only(run([obj]))
    assert result["outcome"] == "error"
    found = errors_of(result, "InvalidSourceAnchor")
    assert found and all(e["blocking"] for e in found)
    assert result["object"]["distinguishedName"] == obj["distinguishedName"]


def test_missing_objectguid_with_objectguid_setting_is_an_error_even_with_consistency_guid():
    obj = user("nobody", objectGUID=OMIT, consistency_guid=FIRST)
    result = only(run([obj], sourceAnchor="objectGUID"))
    assert result["outcome"] == "error"
    assert errors_of(result, "InvalidSourceAnchor")


def test_missing_objectguid_is_fine_when_consistency_guid_is_the_anchor():
    obj = user("nobody", objectGUID=OMIT, consistency_guid=FIRST)
    result = only(run([obj]))
    assert result["outcome"] == "provision"
    assert result["sourceAnchor"] == VECTORS[FIRST]


def test_unreadable_objectguid_is_an_invalid_anchor():
    result = only(run([user("bad", objectGUID="not-a-guid")]))
    assert result["outcome"] == "error"
    assert errors_of(result, "InvalidSourceAnchor")


def test_missing_anchor_does_not_match_anything():
    obj = user("nobody", objectGUID=OMIT, smtp="nobody@contoso.com")
    cloud = tenant(cloud_user("c-nobody", "nobody@contoso.com", smtp="nobody@contoso.com"))
    result = only(run([obj], cloud))
    assert result["outcome"] == "error"
    assert result["match"] is None


# --- custom anchors ----------------------------------------------------------------------------------

def custom(value: object, **attrs: object) -> dict:
    return only(run([user("emp", employeeID=value, **attrs)], sourceAnchor="employeeID"))


def test_custom_anchor_text_is_used_as_is():
    result = custom("E12345")
    assert result["outcome"] == "provision"
    assert result["sourceAnchor"] == "E12345"


@pytest.mark.parametrize(("value", "ok"), [
    ("a" * 59, True),
    ("a" * 60, False),
    ("a" * 56 + "-", True),   # 56 + 3 = 59
    ("a" * 57 + "-", False),  # 57 + 3 = 60
    ("a" * 56 + ".", True),
    ("a" * 57 + ".", False),
    ("a" * 56 + "é", True),   # non-ASCII counts 3 as well
    ("a" * 57 + "é", False),
    ("-" * 19, True),         # 57
    ("-" * 20, False),        # 60
    ("Z9" * 29 + "x", True),  # 59 letters and digits
], ids=lambda v: str(v) if isinstance(v, bool) else f"len{len(v)}")
def test_custom_anchor_weighted_length_must_be_under_60(value, ok):
    result = custom(value)
    if ok:
        assert result["outcome"] == "provision"
        assert result["sourceAnchor"] == value
    else:
        assert result["outcome"] == "error"
        assert errors_of(result, "InvalidSourceAnchor")


FORBIDDEN = list("\\!#$%&*+/=?^`{}|~<>()';:,[]\"@_")


@pytest.mark.parametrize("char", FORBIDDEN)
def test_custom_anchor_forbidden_characters(char):
    result = custom(f"E1{char}2")
    assert result["outcome"] == "error"
    assert errors_of(result, "InvalidSourceAnchor")
    assert all(e["blocking"] for e in errors_of(result, "InvalidSourceAnchor"))


def test_custom_anchor_missing_is_an_error():
    result = only(run([user("emp")], sourceAnchor="employeeID"))
    assert result["outcome"] == "error"
    assert errors_of(result, "InvalidSourceAnchor")


def test_custom_anchor_hard_match_is_case_sensitive():
    obj = user("emp", employeeID="abc123")
    other_case = tenant(cloud_user("c-emp", "someone@contoso.com", immutable_id="ABC123", synced=True))
    same_case = tenant(cloud_user("c-emp", "someone@contoso.com", immutable_id="abc123", synced=True))
    assert only(run([obj], other_case, sourceAnchor="employeeID"))["outcome"] == "provision"
    result = only(run([obj], same_case, sourceAnchor="employeeID"))
    assert result["outcome"] == "hardMatch"
    assert result["match"]["cloudId"] == "c-emp"


def test_guid_anchor_hard_match_is_case_sensitive():
    obj = user("ann")
    lowered = anchor_of(obj["objectGUID"]).swapcase()
    cloud = tenant(cloud_user("c-x", "x@contoso.com", immutable_id=lowered, synced=True))
    assert only(run([obj], cloud))["outcome"] == "provision"


def test_each_object_has_its_own_anchor():
    report = run([user("a"), user("b")])
    anchors = [r["sourceAnchor"] for r in report["results"]]
    assert anchors == [anchor_of(guid_for("a")), anchor_of(guid_for("b"))]
