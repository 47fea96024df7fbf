"""The readers and the engine read GUIDs, SIDs, booleans and objectClass with one parser: the same answer on the
same input.

The readers reject what the parser refuses; the engine, given a value directly, keeps the refusal as an
InvalidSourceAnchor (GUIDs), the value's own text (SIDs: it then equals no SID) or no class ("").
"""

from __future__ import annotations

import base64
import struct
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.engine.anchor import guid_text
from service.engine.model import onprem_object
from service.engine.values import BadValue, as_bool, sid_text
from service.readers.onprem import most_specific_class
from service.readers.values import to_bool, to_guid, to_sid

MANY = settings(max_examples=300, deadline=None)
GUID = uuid.UUID("3ab39606-c642-489b-84b6-58c038d3ef39")
RAW = GUID.bytes_le
B64 = base64.b64encode(RAW).decode()
SID = "S-1-5-21-1004336348-1177238915-682003330-512"
SID_RAW = bytes([1, 5]) + (5).to_bytes(6, "big") + struct.pack("<5I", 21, 1004336348, 1177238915, 682003330, 512)

GUID_INPUTS = [
    str(GUID), str(GUID).upper(), "{" + str(GUID) + "}", "{" + str(GUID), GUID.hex, f" {GUID}\n", B64, B64[:-2],
    B64[:10] + " " + B64[10:], B64[:10] + "\n" + B64[10:], " ".join(str(b) for b in RAW), ";".join(str(b) for b in RAW),
    RAW.hex(" "), RAW.hex(":"), RAW.hex("-"), "0x" + RAW.hex(), RAW.hex(), list(RAW), list(RAW)[:15], [True] * 16,
    [300] * 16, RAW, bytearray(RAW), {"Guid": str(GUID)}, {"guid": list(RAW)}, {"Value": str(GUID)}, {"x": 1},
    {1: "x"}, [str(GUID)], 5, 5.0, True, None, "", "   ", "nope", base64.b64encode(b"x" * 15).decode(),
]
SID_INPUTS = [
    SID, SID.lower(), f" {SID} ", "S-1", "S-1-5", "S-x-1", "S-2-5-21", base64.b64encode(SID_RAW).decode(),
    base64.b64encode(SID_RAW).decode()[:8] + " " + base64.b64encode(SID_RAW).decode()[8:], SID_RAW.hex(),
    SID_RAW.hex(" "), list(SID_RAW), [True, *SID_RAW[1:]], [2, *SID_RAW[1:]], [300] * 28, SID_RAW,
    {"Value": SID}, {"value": SID.lower()}, {"BinaryLength": 28, "Value": SID}, {"x": 1}, [SID], 5, "nope", "   ",
]
CLASS_INPUTS = [
    "user", "USER", " user ", "User", "inetorgperson", "msExchDynamicDistributionList", "  ", 5, ["top", "USER"],
    ["top", "user"], ["top", 5], ["top", "person", "foo"], ["Top"], [" "], ["user", "group"], ["top", "computer"],
]


def readers(parse, value: object) -> object:
    """The readers' answer: the canonical value, or BadValue."""
    try:
        return parse(value)
    except BadValue:
        return BadValue


def as_written(value: object) -> str:
    """The text the engine keeps for a SID the parser refuses."""
    text = str(value).strip()
    return text.upper() if text.upper().startswith("S-") else text


@pytest.mark.parametrize("value", GUID_INPUTS, ids=repr)
def test_guids(value):
    assert readers(to_guid, value) == readers(guid_text, value)


@pytest.mark.parametrize("value", SID_INPUTS, ids=repr)
def test_sids(value):
    found = readers(to_sid, value)
    assert sid_text(value) == (as_written(value) if found is BadValue and not isinstance(value, dict) else
                               None if found is BadValue else found)


@pytest.mark.parametrize("value", CLASS_INPUTS, ids=repr)
def test_object_classes(value):
    found = readers(most_specific_class, value)
    engine = onprem_object(1, {"objectClass": value}).class_name
    assert engine == ("" if found is BadValue else found)


def test_forms_only_the_engine_took_are_refused_by_both():
    # Before there was one parser the engine read these and the readers rejected them.
    for value in (RAW.hex(" "), RAW.hex(":"), "0x" + RAW.hex(), {"Value": str(GUID)}):
        assert readers(to_guid, value) is BadValue and readers(guid_text, value) is BadValue


def test_object_class_is_spelled_canonically_for_direct_callers():
    assert onprem_object(1, {"objectClass": "USER"}).class_name == "user"
    assert onprem_object(1, {"objectClass": "inetorgperson"}).class_name == "inetOrgPerson"


TEXT = st.text(alphabet="0123456789abcdefABCDEF-{} \t\n:;,=+/xS", max_size=48)
BYTES = st.binary(min_size=14, max_size=30)
VALUES = st.one_of(
    TEXT, BYTES, BYTES.map(lambda raw: base64.b64encode(raw).decode()), BYTES.map(list),
    BYTES.map(lambda raw: " ".join(str(b) for b in raw)), st.uuids().map(str), st.uuids().map(lambda g: g.hex),
    st.lists(st.integers(-1, 300), min_size=15, max_size=17), st.dictionaries(st.sampled_from(["Guid", "Value"]), TEXT),
)


@MANY
@given(VALUES)
def test_guids_agree_on_any_input(value):
    assert readers(to_guid, value) == readers(guid_text, value)


@MANY
@given(VALUES)
def test_sids_agree_on_any_input(value):
    found = readers(to_sid, value)
    if found is not BadValue:
        assert sid_text(value) == found


BOOL_INPUTS = [True, False, None, 0, 1, 2, -1, 1.0, 0.0, "true", "TRUE", " False ", "1", "0", "yes", "No", "2", "",
               "   ", "maybe", [True], ["TRUE"], {"x": 1}]


@pytest.mark.parametrize("value", BOOL_INPUTS, ids=repr)
def test_booleans(value):
    found = readers(to_bool, value)
    assert as_bool(value) == (None if found is BadValue else found)
    assert (found is BadValue) == (value is not None and as_bool(value) is None)


def test_a_number_other_than_0_or_1_is_not_a_boolean_for_either():
    assert readers(to_bool, 2) is BadValue and as_bool(2) is None


@MANY
@given(st.one_of(st.booleans(), st.integers(-3, 3), st.text(alphabet="truefalsYESNO01 \t", max_size=8)))
def test_booleans_agree_on_any_input(value):
    found = readers(to_bool, value)
    assert as_bool(value) == (None if found is BadValue else found)
