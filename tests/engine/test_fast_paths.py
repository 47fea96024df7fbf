"""The engine's fast paths give exactly what the general code gives: each is checked against a plain reference."""

from __future__ import annotations

import base64
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from service.engine.anchor import (
    AnchorError,
    guid_from_value,
    guid_text,
    immutable_id,
    immutable_id_of_value,
    text_of_bytes_le,
)
from service.engine.index import Holders, smtp_addresses
from service.engine.model import CloudObject, _object_class, onprem_object
from service.engine.powershell import GUID
from service.engine.powershell import guid as powershell_guid
from service.engine.result import Result
from service.engine.rules.identity import ADDRESS, PLAIN_SMTP, _smtp_addresses, proxy_problem
from service.engine.values import BadValue, as_list, as_text, ci_get, parse_sid, sid_text

MANY = settings(max_examples=400, deadline=None)

HEX = "0123456789abcdefABCDEF"
S_GUID_TEXT = st.uuids().flatmap(lambda g: st.sampled_from([str(g), str(g).upper(), f" {g} ", "{" + str(g) + "}"]))
S_ODD_TEXT = st.text(alphabet=HEX + "-{} \t=+/xyzG", max_size=40)
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
S_BASE64 = st.binary(min_size=16, max_size=16).map(lambda raw: base64.b64encode(raw).decode()).flatmap(
    # as written, with blanks around, and with the last character's unused bits set (the same bytes)
    lambda text: st.sampled_from([text, f" {text}\t", text[:21] + B64[B64.index(text[21]) + 5] + "==", text[:12]]))
S_GUID_VALUE = st.one_of(S_GUID_TEXT, S_ODD_TEXT, S_BASE64, st.uuids(), st.lists(st.integers(0, 255), max_size=17))


def reference_guid(value: object) -> tuple[str | None, str | None]:
    """The GUID text and ImmutableId through uuid.UUID, as the engine read them before its fast paths."""
    try:
        guid = guid_from_value(value)
    except AnchorError:
        return None, None
    return str(guid), immutable_id(guid)


def fast_guid(value: object) -> tuple[str | None, str | None]:
    """The GUID text and ImmutableId through the fast paths."""
    try:
        return guid_text(value), immutable_id_of_value(value)
    except AnchorError:
        return None, None


@MANY
@given(S_GUID_VALUE)
def test_guid_fast_paths_agree_with_uuid(value):
    assert fast_guid(value) == reference_guid(value)


def test_non_canonical_base64_padding_is_reencoded_like_uuid():
    canonical = "BpazOkLGm0iEtljAONPvOQ=="
    loose = canonical[:21] + "R=="  # the same bytes: the last character's unused bits differ
    assert base64.b64decode(loose) == base64.b64decode(canonical)
    assert immutable_id_of_value(loose) == canonical == reference_guid(loose)[1]
    assert guid_text(loose) == guid_text(canonical) == reference_guid(canonical)[0]


@MANY
@given(st.binary(min_size=16, max_size=16))
def test_the_text_of_a_guids_bytes_is_uuids(raw):
    assert text_of_bytes_le(raw) == str(uuid.UUID(bytes_le=raw))


ADDRESS_CHARS = "abcXYZ019._%+'-@ <>();,[]\"\n\té:"
S_PROXY = st.one_of(
    st.builds("{}:{}".format, st.sampled_from(["SMTP", "smtp", "Smtp", "X500", "sip", ""]),
              st.text(alphabet=ADDRESS_CHARS, max_size=30)),
    st.text(alphabet=ADDRESS_CHARS, max_size=30),
    st.builds("SMTP:{}@{}.{}".format, st.text(alphabet="ab.-_", min_size=0, max_size=5),
              st.text(alphabet="ab.-", min_size=0, max_size=5), st.text(alphabet="ab-\n", min_size=0, max_size=3)),
)


@MANY
@given(S_PROXY)
def test_the_plain_smtp_check_only_passes_valid_values(value):
    if PLAIN_SMTP.fullmatch(value) and len(value) <= 256:
        assert proxy_problem(value) is None
        assert ADDRESS.match(value[5:])


def reference_as_list(value: object) -> list:
    if value is None or value == "":
        return []
    if type(value) is list and None not in value and "" not in value:
        return value
    if isinstance(value, (list, tuple)):
        return [v for v in value if v is not None and v != ""]
    return [value]


def reference_as_text(value: object) -> str | None:
    if type(value) is str:
        return value if value and not value.isspace() else None
    if isinstance(value, (list, tuple)):
        value = value[0] if len(value) == 1 else None
    if value is None:
        return None
    text = str(value) if not isinstance(value, str) else value
    return text if text.strip() else None


S_SCALAR = st.one_of(st.none(), st.just(""), st.just(" "), st.text(max_size=5), st.integers(), st.booleans())
S_VALUE = st.one_of(S_SCALAR, st.lists(S_SCALAR, max_size=4), st.lists(S_SCALAR, max_size=4).map(tuple))


@MANY
@given(S_VALUE)
def test_as_list_and_as_text_keep_their_meaning(value):
    assert as_list(value) == reference_as_list(value)
    assert as_text(value) == reference_as_text(value)


def reference_sid_text(value: object) -> str | None:
    """sid_text without its fast path for text: parse_sid, else None when empty, else the value as text."""
    if value is None or value == "" or value == []:
        return None
    try:
        return parse_sid(value)
    except BadValue:
        pass
    if isinstance(value, dict):
        return reference_sid_text(ci_get(value, "Value"))
    text = str(value).strip()
    return text.upper() if text.upper().startswith("S-") else text


SID_BYTES = bytes([1, 2, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 2, 0, 0])


@MANY
@given(st.one_of(st.text(alphabet="sS-0123456789 ", max_size=12), S_SCALAR,
                 st.builds(lambda n: f" s-1-5-21-{n}", st.integers(0, 10**9)),
                 st.just(base64.b64encode(SID_BYTES).decode()), st.just(list(SID_BYTES)),
                 st.just({"Value": "S-1-5-18"})))
def test_sid_text_fast_path_agrees_with_parse_sid(value):
    try:
        expected = reference_sid_text(value)
    except ValueError:
        expected = ValueError
    try:
        got = sid_text(value)
    except ValueError:
        got = ValueError
    assert got == expected


def test_holders_keep_one_object_as_itself_and_several_in_order():
    a, b, c = (CloudObject("user", {"id": name}) for name in "abc")
    holders = Holders()
    for key, obj in (("k", a), ("k", a), ("k", b), ("k", b), ("k", c), ("one", a)):
        holders.add(key, obj)
    assert holders["one"] is a
    assert holders.of("k") == [a, b, c]
    assert holders.ids("k") == ["a", "b", "c"] and holders.ids("one") == ["a"] and holders.ids("none") == []
    assert holders.of("none") == []


def reference_smtp(obj: CloudObject) -> tuple[list[str], str | None]:
    values = [p[5:].lower() for p in obj.proxies if p[:5].lower() == "smtp:"]
    mail = obj.text("mail")
    if not values and mail:
        values.append(mail.lower())
    primary = next((p[5:].lower() for p in obj.proxies if p.startswith("SMTP:")), None)
    if primary is None:
        primary = mail.lower() if mail else None
    return values, primary


@MANY
@given(st.lists(st.sampled_from(["SMTP:A@x.com", "smtp:b@x.com", "Smtp:C@x.com", "SMTP:", "smtp:", "X500:/o=x",
                                 "sip:a@x.com"]), max_size=4),
       st.sampled_from([None, "", " ", "Mail@X.com"]))
def test_cloud_smtp_addresses_agree_with_the_two_separate_reads(proxies, mail):
    obj = CloudObject("user", {"id": "u", "proxyAddresses": proxies, "mail": mail})
    assert smtp_addresses(obj) == reference_smtp(obj)


def test_plain_guid_text_is_kept_as_given():
    text = str(uuid.uuid4())
    assert guid_text(text) is text


@MANY
@given(st.fixed_dictionaries({}, optional={
    "objectGUID": S_GUID_VALUE, "objectClass": st.one_of(S_VALUE, st.sampled_from([" user", ["top", "group"]])),
    "distinguishedName": S_VALUE, "userPrincipalName": S_VALUE, "sAMAccountName": S_VALUE, "displayName": S_VALUE}))
def test_an_onprem_object_reads_its_values_as_the_general_helpers_do(record):
    obj = onprem_object(1, record)
    try:
        guid, problem = guid_text(record["objectGUID"]), None
    except KeyError:
        guid, problem = None, None
    except AnchorError as exc:
        guid, problem = None, str(exc)
    if record.get("objectGUID") in ("", []):
        guid, problem = None, None
    assert (obj.guid, obj.guid_problem) == (guid, problem)
    assert obj.class_name == _object_class(record.get("objectClass"))
    assert (obj.dn, obj.upn, obj.sam, obj.display_name) == tuple(
        as_text(record.get(name)) for name in ("distinguishedName", "userPrincipalName", "sAMAccountName",
                                               "displayName"))


@MANY
@given(st.one_of(S_GUID_TEXT, S_ODD_TEXT, st.none()))
def test_a_cloud_id_renders_as_its_parsed_guid(value):
    text = str(value) if value is not None else ""
    expected = str(uuid.UUID(text.strip("{}"))) if GUID.fullmatch(text) else None
    assert powershell_guid(value) == expected


@MANY
@given(st.lists(st.sampled_from(["SMTP:A@x.com", "smtp:b@x.com", "Smtp:C@x.com", "SMTP:", "sip:a@x.com",
                                 "smtp:" + "a" * 260 + "@x.com", "", "x500:/o=x"]), max_size=5))
def test_valid_smtp_proxies_sort_into_primary_and_secondary_as_their_prefix_says(proxies):
    result = Result(onprem_object(1, {"objectClass": "user", "proxyAddresses": proxies}))
    smtp, primary = _smtp_addresses(result, proxies)
    kept = [p for p in as_list(proxies) if not proxy_problem(p)]
    primaries = [p[5:] for p in kept if p[:5] == "SMTP:"]
    secondaries = [p[5:] for p in kept if p[:5] != "SMTP:" and p[:5].lower() == "smtp:"]
    assert smtp == primaries + secondaries
    assert primary == (primaries[0] if primaries else None)
