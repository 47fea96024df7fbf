"""Every on-prem export format, from the example files and from hand-made variations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readers_support import matching_view

from service.readers import FORMATS, read_snapshot

FILES = {
    "contoso.json": "json",
    "contoso.ndjson": "ndjson",
    "get-aduser-ps51.json": "ad-powershell-json",
    "get-aduser-ps7.json": "ad-powershell-json",
    "export-csv.csv": "csv",
    "ldifde.ldf": "ldif",
}


@pytest.mark.parametrize(("name", "fmt"), FILES.items())
def test_every_format_gives_the_same_objects(examples: Path, onprem_reference: list, name: str, fmt: str) -> None:
    snap = read_snapshot(examples / "onprem" / name)
    assert (snap.kind, snap.format, snap.objects) == ("onprem", fmt, 8)
    assert snap.rejected == []
    assert snap.warnings == []
    assert matching_view(snap.data) == onprem_reference


@pytest.mark.parametrize(("name", "fmt"), FILES.items())
def test_format_can_be_forced(examples: Path, name: str, fmt: str) -> None:
    assert fmt in FORMATS
    snap = read_snapshot(examples / "onprem" / name, kind="onprem", fmt=fmt)
    assert snap.format == fmt and snap.objects == 8


def test_reference_holds_what_the_examples_promise(onprem_reference: list) -> None:
    classes = [o["objectClass"] for o in onprem_reference]
    assert classes == ["user", "user", "user", "user", "group", "group", "contact", "computer"]
    zoe = onprem_reference[1]
    assert zoe["displayName"] == "Zoë Müller"
    assert zoe["mS-DS-ConsistencyGuid"] == "f7cc07d7-7c15-447d-876d-c01b0e5a9e38"
    assert onprem_reference[0]["proxyAddresses"] == ["SMTP:adam@contoso.com", "smtp:asmith@contoso.com"]


def test_powershell_bookkeeping_and_aliases(examples: Path) -> None:
    adam = read_snapshot(examples / "onprem" / "get-aduser-ps51.json").data["objects"][0]
    assert not {"PropertyNames", "AddedProperties", "PropertyCount", "SID", "Surname"} & set(adam)
    assert adam["objectSid"] == "S-1-5-21-1004336348-1177238915-682003330-1105"
    assert adam["sn"] == "Smith"
    assert adam["whenCreated"] == "2023-11-14T22:13:20Z"
    assert adam["Enabled"] is True


def test_single_object_not_wrapped_in_an_array() -> None:
    one = {"DistinguishedName": "CN=Adam,DC=contoso,DC=com", "ObjectClass": "user",
           "ObjectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39", "proxyAddresses": ["SMTP:adam@contoso.com"],
           "SID": {"BinaryLength": 28, "AccountDomainSid": "S-1-5-21-1-2-3", "Value": "S-1-5-21-1-2-3-1105"},
           "PropertyNames": ["DistinguishedName"], "PropertyCount": 1}
    snap = read_snapshot(json.dumps(one, indent=4).encode())
    assert snap.format == "ad-powershell-json"
    assert snap.data["objects"] == [{
        "distinguishedName": "CN=Adam,DC=contoso,DC=com", "objectClass": "user",
        "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39", "proxyAddresses": ["SMTP:adam@contoso.com"],
        "objectSid": "S-1-5-21-1-2-3-1105"}]


def test_bare_list_of_canonical_objects() -> None:
    snap = read_snapshot(b'[{"objectClass": "group", "distinguishedName": "CN=g,DC=x"}]')
    assert (snap.kind, snap.format, snap.objects) == ("onprem", "json", 1)


def test_attribute_names_are_case_insensitive() -> None:
    snap = read_snapshot(b'[{"OBJECTGUID": "BpazOkLGm0iEtljAONPvOQ==", "USERPRINCIPALNAME": "a@b.c", '
                         b'"ProxyAddresses": "SMTP:a@b.c", "ms-ds-consistencyguid": null, "customThing": 5}]',
                         kind="onprem")
    assert snap.data["objects"] == [{"objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39",
                                     "userPrincipalName": "a@b.c", "proxyAddresses": ["SMTP:a@b.c"],
                                     "customThing": 5}]


def test_csv_with_culture_delimiter_and_pipe_join() -> None:
    text = ('"DistinguishedName";"ObjectClass";"proxyAddresses";"otherMailbox";"isCriticalSystemObject"\r\n'
            '"CN=Smith\\, Adam,OU=Sales,DC=contoso,DC=com";"user";"SMTP:a@contoso.com|smtp:b@contoso.com";'
            '"x@fabrikam.com";"FALSE"\r\n')
    obj = read_snapshot(text.encode("utf-8-sig")).data["objects"][0]
    assert obj["distinguishedName"] == "CN=Smith\\, Adam,OU=Sales,DC=contoso,DC=com"
    assert obj["proxyAddresses"] == ["SMTP:a@contoso.com", "smtp:b@contoso.com"]
    assert obj["otherMailbox"] == ["x@fabrikam.com"]
    assert obj["isCriticalSystemObject"] is False


def test_csv_empty_cells_are_absent_and_type_line_gives_the_class() -> None:
    text = ('#TYPE Microsoft.ActiveDirectory.Management.ADGroup\n"DistinguishedName","mail","ObjectGUID"\n'
            '"CN=Sales,DC=contoso,DC=com","","2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901"\n')
    snap = read_snapshot(text.encode())
    assert snap.data["objects"] == [{"distinguishedName": "CN=Sales,DC=contoso,DC=com",
                                     "objectGUID": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901", "objectClass": "group"}]


def test_csv_without_object_class_warns() -> None:
    snap = read_snapshot(b'"DistinguishedName","mail"\n"CN=a,DC=x","a@x.com"\n')
    assert [w["code"] for w in snap.warnings] == ["ObjectClassMissing"]


def test_ldif_folding_base64_comments_and_classes() -> None:
    text = (
        "version: 1\n"
        "# exported by ldifde\n"
        "\n"
        "dn:: Q049Wm/DqyBNw7xsbGVyLERDPWNvbnRvc28sREM9Y29t\n"
        "changetype: add\n"
        "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\n"
        "objectClass: inetOrgPerson\n"
        "displayName:: Wm/DqyBNw7xsbGVy\n"
        "proxyAddresses: SMTP:zoe.muller@con\n"
        " toso.com\n"
        "proxyAddresses: smtp:zoe@contoso.com\n"
        "userCertificate;binary:: AQID\n"
        "objectGUID:: BpazOkLGm0iEtljAONPvOQ==\n"
        "isCriticalSystemObject: FALSE\n"
    )
    obj = read_snapshot(text.encode()).data["objects"][0]
    assert obj == {
        "distinguishedName": "CN=Zoë Müller,DC=contoso,DC=com", "objectClass": "inetOrgPerson",
        "displayName": "Zoë Müller", "proxyAddresses": ["SMTP:zoe.muller@contoso.com", "smtp:zoe@contoso.com"],
        "userCertificate": ["AQID"], "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39",
        "isCriticalSystemObject": False,
    }


@pytest.mark.parametrize(("chain", "expected"), [
    (["top", "person", "organizationalPerson", "user"], "user"),
    (["user", "top", "person", "organizationalPerson"], "user"),
    (["top", "person", "organizationalPerson", "user", "computer"], "computer"),
    (["top", "person", "organizationalPerson", "contact"], "contact"),
    (["top", "group"], "group"),
    (["top", "msExchDynamicDistributionList"], "msExchDynamicDistributionList"),
])
def test_most_specific_class(chain: list, expected: str) -> None:
    snap = read_snapshot(json.dumps([{"objectClass": chain, "distinguishedName": "CN=x"}]).encode(), kind="onprem")
    assert snap.data["objects"][0]["objectClass"] == expected


def test_ndjson_reads_each_line_as_a_record() -> None:
    text = b'{"objectClass":"user","distinguishedName":"CN=a"}\n\n{"objectClass":"user","distinguishedName":"CN=b"}\n'
    snap = read_snapshot(text)
    assert snap.format == "ndjson"
    assert [o["distinguishedName"] for o in snap.data["objects"]] == ["CN=a", "CN=b"]
