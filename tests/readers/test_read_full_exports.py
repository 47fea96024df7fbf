"""Full ldifde and csvde exports (no -l list): every object class, every attribute, both encodings."""

from __future__ import annotations

import base64
import uuid

import pytest

from service.readers import read_snapshot

GUIDS = {c: str(uuid.uuid5(uuid.NAMESPACE_DNS, c)) for c in
         ("user", "inetOrgPerson", "group", "contact", "computer", "organizationalUnit", "container", "domainDNS")}
CHAINS = {
    "user": ["top", "person", "organizationalPerson", "user"],
    "inetOrgPerson": ["top", "person", "organizationalPerson", "user", "inetOrgPerson"],
    "group": ["top", "group"],
    "contact": ["top", "person", "organizationalPerson", "contact"],
    "computer": ["top", "person", "organizationalPerson", "user", "computer"],
    "organizationalUnit": ["top", "organizationalUnit"],
    "container": ["top", "container"],
    "domainDNS": ["top", "domain", "domainDNS"],
}
DNS = {"user": "CN=Zoë Müller,OU=Staff,DC=contoso,DC=com", "inetOrgPerson": "CN=Ines Org,OU=Staff,DC=contoso,DC=com",
       "group": "CN=Sales Team,OU=Groups,DC=contoso,DC=com", "contact": "CN=Partner,OU=Contacts,DC=contoso,DC=com",
       "computer": "CN=WS-0042,OU=Workstations,DC=contoso,DC=com", "organizationalUnit": "OU=Staff,DC=contoso,DC=com",
       "container": "CN=Users,DC=contoso,DC=com", "domainDNS": "DC=contoso,DC=com"}
SID = bytes([1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0]) + bytes(range(1, 17))


def fold(line: str, width: int = 80) -> list[str]:
    """ldifde's folding: continuation lines begin with one space."""
    return [line[:width]] + [" " + line[i : i + width - 1] for i in range(width, len(line), width - 1)]


def attr(name: str, value: object) -> list[str]:
    """One attribute line, base64 for bytes and non-ASCII text, folded."""
    if isinstance(value, bytes) or not str(value).isascii():
        raw = value if isinstance(value, bytes) else str(value).encode()
        return fold(f"{name}:: {base64.b64encode(raw).decode()}")
    return fold(f"{name}: {value}")


def entry(cls: str, dn_attribute: str | None = None) -> list[str]:
    """A full ldifde entry: dn, changetype, the class chain, distinguishedName, operational attributes."""
    dn = DNS[cls]
    lines = attr("dn", dn) + ["changetype: add"] + [f"objectClass: {c}" for c in CHAINS[cls]]
    lines += attr("distinguishedName", dn_attribute or dn)
    lines += ["instanceType: 4", "whenCreated: 20231114221320.0Z", "uSNChanged: 12845",
              "dSCorePropagationData: 20231114221320.0Z", "dSCorePropagationData: 16010101000000.0Z"]
    lines += attr("name", dn.split(",")[0].split("=", 1)[1]) + attr("objectGUID", uuid.UUID(GUIDS[cls]).bytes_le)
    lines += attr("nTSecurityDescriptor", bytes(range(256)))
    if cls in ("user", "inetOrgPerson", "computer", "group"):
        lines += [*attr("objectSid", SID), f"sAMAccountName: {cls[:6]}"]
    if cls in ("user", "inetOrgPerson"):
        lines += attr("displayName", "Zoë Müller" if cls == "user" else "Ines Org") + attr("logonHours", b"\0" * 21)
        lines += [f"userPrincipalName: {cls}@contoso.com", f"proxyAddresses: SMTP:{cls}@contoso.com",
                  *attr("proxyAddresses", f"smtp:{cls}.{'x' * 90}@contoso.com"), "userAccountControl: 512"]
    if cls == "group":
        lines += ["member: " + DNS["user"].encode("ascii", "replace").decode(), "groupType: -2147483646"]
    if cls == "container":
        lines += ["isCriticalSystemObject: TRUE"]
    return lines


def export(*entries: list[str]) -> str:
    """The file: entries separated by blank lines, CRLF as ldifde writes."""
    return "\r\n".join(["", *(line for e in entries for line in [*e, ""])]) + "\r\n"


FULL = export(*(entry(c) for c in CHAINS))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_full_ldifde_export_of_every_class(encoding: str) -> None:
    snap = read_snapshot(FULL.encode(encoding))  # utf-16: little-endian with a BOM, as ldifde -u writes
    assert snap.format == "ldif" and snap.rejected == [] and snap.warnings == []
    objects = {o["objectClass"]: o for o in snap.data["objects"]}
    assert sorted(objects) == sorted(CHAINS)
    for cls, obj in objects.items():
        assert obj["distinguishedName"] == DNS[cls]
        assert obj["objectGUID"] == GUIDS[cls]
        assert not {"instanceType", "dSCorePropagationData", "nTSecurityDescriptor", "logonHours"} & set(obj)
    user = objects["user"]
    assert user["displayName"] == "Zoë Müller"
    assert user["proxyAddresses"][1] == "smtp:user." + "x" * 90 + "@contoso.com"  # unfolded
    assert user["objectSid"] == "S-1-5-21-" + "-".join(str(int.from_bytes(SID[12 + 4 * i:16 + 4 * i], "little"))
                                                         for i in range(4))
    assert objects["container"]["isCriticalSystemObject"] is True


def test_lines_are_folded_at_ldifde_width() -> None:
    assert max(len(line) for line in FULL.split("\r\n")) == 80
    assert any(line.startswith(" ") for line in FULL.split("\r\n"))


def test_dn_and_a_different_distinguished_name_reject_the_entry() -> None:
    content = export(entry("user"), entry("group", dn_attribute="CN=Other Team,OU=Groups,DC=contoso,DC=com"))
    snap = read_snapshot(content.encode())
    assert snap.objects == 1
    [rejected] = snap.rejected
    assert rejected["record"] == 2 and rejected["field"] == "distinguishedName"
    assert "CN=Sales Team" in rejected["reason"] and "CN=Other Team" in rejected["reason"]
    assert "has 2 values" not in rejected["reason"]


def test_dn_and_distinguished_name_differing_in_case_are_one_value() -> None:
    snap = read_snapshot(export(entry("group", dn_attribute=DNS["group"].upper())).encode())
    assert snap.rejected == [] and snap.data["objects"][0]["distinguishedName"] == DNS["group"]


# -- csvde ------------------------------------------------------------------------------------------------

CSVDE_HEADER = "DN,objectClass,distinguishedName,cn,displayName,objectGUID,objectSid,proxyAddresses,userCertificate,"\
               "instanceType,whenCreated,sAMAccountName"


def csvde_row(cls: str, name: str, guid: str, proxies: list[str], certs: list[bytes]) -> str:
    """One csvde row: DN and multi-valued DNs quoted, X'hex' binary, ';'-joined values."""
    dn = f"CN={name},OU=Staff,DC=contoso,DC=com"
    cells = [f'"{dn}"', ";".join(CHAINS[cls]), f'"{dn}"', name, name, f"X'{uuid.UUID(guid).bytes_le.hex()}'",
             f"X'{SID.hex()}'", ";".join(proxies), ";".join(f"X'{c.hex()}'" for c in certs), "4",
             "20231114221320.0Z", name.split()[0].lower()]
    return ",".join(cells)


CSVDE = "\r\n".join([CSVDE_HEADER,
                     csvde_row("user", "Zoë Müller", GUIDS["user"], ["SMTP:zoe@contoso.com", "smtp:z@contoso.com"],
                               [b"cert-1", b"cert-2"]),
                     csvde_row("computer", "WS-0042", GUIDS["computer"], [], [])]) + "\r\n"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_csvde_in_ansi_and_unicode(encoding: str) -> None:
    snap = read_snapshot(CSVDE.encode(encoding))
    assert (snap.format, snap.kind, snap.objects, snap.rejected) == ("csvde", "onprem", 2, [])
    assert [w["code"] for w in snap.warnings] == (["NotUtf8"] if encoding == "cp1252" else [])
    assert "csvde -u" in " ".join(w["message"] for w in snap.warnings) or encoding != "cp1252"
    user, computer = snap.data["objects"]
    assert user["objectClass"] == "user" and computer["objectClass"] == "computer"
    assert user["distinguishedName"] == "CN=Zoë Müller,OU=Staff,DC=contoso,DC=com"
    assert user["objectGUID"] == GUIDS["user"] and user["objectSid"].startswith("S-1-5-21-")
    assert user["proxyAddresses"] == ["SMTP:zoe@contoso.com", "smtp:z@contoso.com"]
    assert user["userCertificate"] == [base64.b64encode(b"cert-1").decode(), base64.b64encode(b"cert-2").decode()]
    assert "instanceType" not in user and "proxyAddresses" not in computer


def test_csvde_dn_and_distinguished_name_must_agree() -> None:
    lines = CSVDE.split("\r\n")
    lines[2] = lines[2].replace(",top;person;organizationalPerson;user;computer,\"CN=WS-0042",
                                ",top;person;organizationalPerson;user;computer,\"CN=WS-0043")
    snap = read_snapshot("\r\n".join(lines).encode("utf-8"))
    assert snap.objects == 1
    assert snap.rejected[0]["field"] == "distinguishedName" and "WS-0043" in snap.rejected[0]["reason"]


def test_csvde_is_told_from_export_csv_by_its_header() -> None:
    export_csv = '"DistinguishedName","ObjectClass","ObjectGUID"\r\n"CN=a,DC=x","user","' + GUIDS["user"] + '"\r\n'
    assert read_snapshot(export_csv.encode()).format == "csv"
    assert read_snapshot(CSVDE.encode()).format == "csvde"


def test_unicode_export_with_plain_non_ascii_values() -> None:
    content = "dn: CN=Zoë Müller,DC=contoso,DC=com\r\nobjectClass: user\r\ndisplayName: Zoë Müller\r\n\r\n"
    [obj] = read_snapshot(content.encode("utf-16")).data["objects"]
    assert obj["displayName"] == "Zoë Müller" and obj["distinguishedName"] == "CN=Zoë Müller,DC=contoso,DC=com"


def test_binary_values_that_decode_as_text_stay_base64() -> None:
    blob = base64.b64encode(b"\x00\x01\x02abc").decode()
    content = f"dn: CN=a,DC=x\nobjectClass: user\nmsExchBlockedSendersHash:: {blob}\ndescription:: {_b64('Café')}\n\n"
    [obj] = read_snapshot(content.encode()).data["objects"]
    assert obj["msExchBlockedSendersHash"] == blob and obj["description"] == "Café"


def _b64(text: str) -> str:
    """base64 of UTF-8 text."""
    return base64.b64encode(text.encode()).decode()


def test_csvde_binary_values_of_other_attributes_are_base64_text() -> None:
    csv_text = "DN,objectClass,msExchBlockedSendersHash\r\n\"CN=a,DC=x\",user,X'00ff10'\r\n"
    [obj] = read_snapshot(csv_text.encode()).data["objects"]
    assert obj["msExchBlockedSendersHash"] == base64.b64encode(b"\x00\xff\x10").decode()


def test_csvde_odd_hex_rejects_the_row_naming_the_field() -> None:
    csv_text = "DN,objectClass,objectGUID\r\n\"CN=a,DC=x\",user,X'abc'\r\n\"CN=b,DC=x\",user,\r\n"
    snap = read_snapshot(csv_text.encode())
    assert snap.objects == 1
    assert snap.rejected[0]["field"] == "objectGUID" and "odd number of hex digits" in snap.rejected[0]["reason"]
