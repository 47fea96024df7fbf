"""Records already in canonical form are kept as they are: exactly what the general path would build."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.readers import cloud, onprem
from service.readers.cloud import CloudParts
from service.readers.errors import RecordRejected
from service.readers.fastpath import cloud_check, guid, onprem_check, plain_text, sid

TRICKY_TEXT = [
    "", " ", "\t", "\n", "\u00a0", "\r\n", "x ", "  x", "System.Object[]", " System.Byte[]",
    "Microsoft.ActiveDirectory.Management.ADPropertyValueCollection",
    "Sven", "Maria", "SMTP:a@contoso.com", "/Date(1700000000000)/", "/Date(bad)/", "/x", "Zoë", "\ud83d broken",
    "née\u00e9", "S-1-5-21-1-2-3-500", "s-1-5-21-1-2-3", "S-1-5-21-1-2-3\n", "A9AE7A34-2544-49C7-801D-9A88096D3737",
    "a9ae7a34-2544-49c7-801d-9a88096d3737", "{a9ae7a34-2544-49c7-801d-9a88096d3737}",
    "a9ae7a3425444 9c7801d9a88096d3737", "a9ae7a34254449c7801d9a88096d3737", "NHquqUQlx0mAHZqICW03Nw==", "user",
    "group", "contact", "computer", "inetOrgPerson", "top", "True", "false", "1", "yes",
]
TRICKY = st.sampled_from(TRICKY_TEXT)
SCALARS = st.one_of(TRICKY, TRICKY, TRICKY, st.none(), st.booleans(), st.integers(-3, 300),
                    st.floats(allow_nan=False, width=32), st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.sampled_from(["Value", "Guid", "x"]), inner,
                                                                     max_size=2)),
                      max_leaves=8)
BYTE_LISTS = st.lists(st.integers(0, 255), min_size=16, max_size=16)
ONPREM_NAMES = ["objectGUID", "objectClass", "objectSid", "msExchMasterAccountSid", "mS-DS-ConsistencyGuid",
                "distinguishedName",
                "sAMAccountName", "userPrincipalName", "mail", "proxyAddresses", "displayName",
                "isCriticalSystemObject", "userCertificate", "sIDHistory", "whenCreated", "member", "customThing",
                "Enabled", "objectguid"]
CLOUD_NAMES = ["id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
               "onPremisesSecurityIdentifier", "deletedDateTime", "assignedRoles", "displayName", "mailEnabled",
               "businessPhones", "@odata.type", "@odata.etag", "customThing", "onPremisesExtensionAttributes",
               "UserPrincipalName"]


def records(names: list[str]) -> st.SearchStrategy[dict]:
    """Records over these names (canonical ones and a few that are not), with every kind of value."""
    return st.dictionaries(st.sampled_from(names), st.one_of(VALUES, BYTE_LISTS), min_size=1, max_size=8)


class Unchecked(dict):
    """A record the readers take the general path for: their checks look at plain dicts only (as decoded)."""


def outcome(function, raw: dict, general: bool = False):
    """What a reader call returns or raises, and the warnings it gives, in comparable form (general: its general path).

    The general path is chosen by the record's type, not by patching the module, so that the compiled readers,
    whose calls within the package no patch reaches, are held to the same result.
    """
    warnings = []
    record = Unchecked(copy.deepcopy(raw)) if general else copy.deepcopy(raw)
    try:
        return "ok", function(record, lambda *args, **kwargs: warnings.append(args)), warnings
    except RecordRejected as problem:
        return "rejected", (problem.reason, problem.field, problem.code, problem.hint), warnings


@settings(max_examples=600, deadline=None)
@given(raw=records(ONPREM_NAMES))
def test_onprem_records_come_out_as_the_general_path_builds_them(raw):
    raw.setdefault("distinguishedName", "CN=Zoë,DC=contoso,DC=com")  # most records identify themselves
    fast = outcome(onprem.canonical_onprem, raw)
    general = outcome(onprem.canonical_onprem, raw, general=True)
    assert fast == general
    if fast[0] == "ok":
        assert list(fast[1]) == list(general[1])  # the same attribute order too


def same_both_ways(function, raw: dict) -> None:
    """The record comes out of the fast path exactly as out of the general path."""
    assert outcome(function, raw) == outcome(function, raw, general=True)


@pytest.mark.parametrize("name", ["displayName", "proxyAddresses", "objectGUID", "objectSid", "objectClass",
                                  "isCriticalSystemObject", "customThing", "userCertificate", "thumbnailPhoto",
                                  "sIDHistory"])
@pytest.mark.parametrize("value", [*TRICKY_TEXT, None, True, 7, [], ["a"], ["a", ""], ["SMTP:a@b.c", "System.Object[]"],
                                   list(range(16)), {"Value": "S-1-5-21-1"}])
def test_every_tricky_onprem_value_comes_out_as_the_general_path_builds_it(name, value):
    raw = {"distinguishedName": "CN=x,DC=contoso,DC=com", name: value}
    same_both_ways(onprem.canonical_onprem, raw)


@pytest.mark.parametrize("name", ["displayName", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
                                  "mailEnabled", "@odata.type", "customThing", "deletedDateTime"])
@pytest.mark.parametrize("value", [*TRICKY_TEXT, None, True, 7, [], ["a"], ["a", ""], ["SMTP:a@b.c", "System.Object[]"],
                                   {"Value": "x", "Inner": {"DisplayName": "y"}}])
def test_every_tricky_cloud_value_comes_out_as_the_general_path_builds_it(name, value):
    raw = {"id": "df5ca32e-bad5-4cc2-b2b7-228fcd4a5557", name: value}
    same_both_ways(_add_entity, raw)


def _add_entity(raw: dict, warn) -> dict:
    """The canonical snapshot of one cloud user entity."""
    parts = CloudParts()
    parts.add(raw, "user", warn)
    return {"users": list(parts.users.values()), "deleted": list(parts.deleted.values()),
            "keys": sorted(parts.user_keys), "values": sorted(parts.user_values)}


@settings(max_examples=600, deadline=None)
@given(raw=records(CLOUD_NAMES))
def test_cloud_entities_come_out_as_the_general_path_builds_them(raw):
    raw.setdefault("id", "df5ca32e-bad5-4cc2-b2b7-228fcd4a5557")
    fast = outcome(_add_entity, raw)
    general = outcome(_add_entity, raw, general=True)
    assert fast == general
    if fast[0] == "ok":
        assert [list(u) for u in fast[1]["users"]] == [list(u) for u in general[1]["users"]]


def test_a_canonical_record_keeps_its_values_and_shares_its_names():
    def record() -> dict:
        # Built from text each time, as a parser does: equal names, but not the same string objects.
        return {"".join(["object", "Class"]): "user", "objectGUID": "a9ae7a34-2544-49c7-801d-9a88096d3737",
                "mail": None, "proxyAddresses": ["SMTP:a@contoso.com"], "displayName": "Zoë"}

    first, second = record(), record()
    out1 = onprem.canonical_onprem(first, lambda *a, **k: None)
    out2 = onprem.canonical_onprem(second, lambda *a, **k: None)
    assert out1 == {k: v for k, v in record().items() if v is not None}
    assert out2["proxyAddresses"] is second["proxyAddresses"]  # kept, not rebuilt
    assert next(iter(out1)) is next(iter(out2))  # one name string for every record of the shape


def test_a_record_of_another_type_takes_the_general_path():
    """What the differential tests above rest on: an Unchecked record is rebuilt, a plain one kept."""
    raw = {"objectGUID": "a9ae7a34-2544-49c7-801d-9a88096d3737", "proxyAddresses": ["SMTP:a@contoso.com"]}
    kept = onprem.canonical_onprem(raw, lambda *a, **k: None)
    rebuilt = onprem.canonical_onprem(Unchecked(raw), lambda *a, **k: None)
    assert kept == rebuilt
    assert kept["proxyAddresses"] is raw["proxyAddresses"] and rebuilt["proxyAddresses"] is not raw["proxyAddresses"]
    parts = CloudParts()
    parts.add(Unchecked({"id": "df5ca32e-bad5-4cc2-b2b7-228fcd4a5557", "UserPrincipalName": "a@contoso.com"}), "user",
              lambda *a, **k: None)
    assert [user["userPrincipalName"] for user in parts.users.values()] == ["a@contoso.com"]


def test_the_fast_path_is_taken_for_canonical_names_only():
    assert onprem.value_checks(("objectGUID", "mail")) is not None
    assert onprem.value_checks(("ObjectGUID", "mail")) is None
    assert onprem.value_checks(("EmailAddress",)) is None  # an alias: the LDAP name may be there too
    assert onprem.value_checks(("PropertyNames",)) is None
    assert cloud.value_checks(("id", "userPrincipalName")) is not None
    assert cloud.value_checks(("Id", "UserPrincipalName")) is None
    assert cloud.value_checks(("id", "additionalProperties")) is None


@pytest.mark.parametrize("value", ["System.Object[]", " System.String[]", "/Date(0)/", "", "   ", "\ud800", 5, None])
def test_text_that_needs_a_look_is_not_plain(value):
    assert not plain_text(value)


def test_checks_accept_only_the_canonical_forms():
    assert guid("a9ae7a34-2544-49c7-801d-9a88096d3737")
    assert not guid("A9AE7A34-2544-49C7-801D-9A88096D3737")
    assert not guid("{a9ae7a34-2544-49c7-801d-9a88096d3737}")
    assert sid("S-1-5-21-1-2-3")
    assert not sid("s-1-5-21-1-2-3")
    assert not sid("S-1-5-21-1-2-3\n")
    assert onprem_check("proxyAddresses")([]) is False
    assert cloud_check("proxyAddresses")([]) is True
    assert cloud_check("onPremisesSyncEnabled")(None) is True
    assert onprem_check("isCriticalSystemObject")("TRUE") is False
