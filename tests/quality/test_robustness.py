"""The checks never crash and never lose a value, whatever the records hold; duplicates are exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.engine.quality import check
from service.engine.quality.duplicates import Index

ATTRIBUTES = ("displayName", "givenName", "mail", "mailNickname", "proxyAddresses", "sAMAccountName",
              "targetAddress", "userPrincipalName", "cn", "groupType", "msExchRecipientTypeDetails",
              "isCriticalSystemObject", "objectGUID", "distinguishedName")
VALUES = st.one_of(st.none(), st.text(max_size=300), st.integers(), st.booleans(),
                   st.lists(st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=4),
                   st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
RECORDS = st.lists(st.fixed_dictionaries({"objectClass": st.sampled_from(["user", "group", "contact", ["top", "user"],
                                                                          "computer", 7, None])},
                                         optional={name: VALUES for name in ATTRIBUTES}), max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=RECORDS)
def test_any_records_give_a_consistent_section(records):
    section = check(records)
    assert section["total"] == len(section["findings"]) == sum(section["counts"].values())
    assert section["checked"] + section["skipped"] <= len(records)
    for item in section["findings"]:
        record = records[item["object"]["record"] - 1]
        raw = record.get(item["attribute"])
        held = raw if isinstance(raw, list) else [raw]
        assert item["value"] in [v if isinstance(v, str) else str(v) for v in held if v is not None]
        if item["type"] == "Duplicate":
            assert item["conflictsWith"]


def test_a_hash_collision_is_not_a_duplicate():
    index = Index(["mail"])
    values = {1: ["a@contoso.com"], 2: ["b@contoso.com"]}
    key = hash("a@contoso.com")
    index.first["mail"][key] = 1
    index.also("mail", key, 1, 2)  # as if b@contoso.com had hashed like a@contoso.com
    assert list(index.groups(lambda attribute, record: values[record])) == []
    index.add("mail", "A@Contoso.com", 3)
    values[3] = ["A@Contoso.com"]
    assert list(index.groups(lambda attribute, record: values[record])) == [
        ("mail", [(1, "a@contoso.com"), (3, "A@Contoso.com")])]


def test_a_value_held_by_many_names_twenty_others_and_counts_them_all():
    records = [{"objectClass": "user", "distinguishedName": f"CN=u{n},DC=contoso,DC=com", "cn": f"u{n}",
                "mailNickname": "shared"} for n in range(30)]
    findings = check(records)["findings"]
    assert len(findings) == 30 and {f["type"] for f in findings} == {"Duplicate"}
    for item in findings:
        mine = item["object"]["distinguishedName"]
        assert len(item["conflictsWith"]) == 20 and mine not in item["conflictsWith"]
        assert item["conflictCount"] == 29 and "29 other objects" in item["message"]
