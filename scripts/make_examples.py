"""Write examples/: one small Contoso directory and tenant, in every export format SyncMatch reads.

Run from the project root: python scripts/make_examples.py
"""

from __future__ import annotations

import base64
import csv
import io
import json
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "examples"
DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330"
CREATED_MS = 1700000000000  # 2023-11-14T22:13:20Z


def anchor(guid: str) -> str:
    """ImmutableId (base64 of Guid.ToByteArray()) for a GUID."""
    return base64.b64encode(uuid.UUID(guid).bytes_le).decode()


def sid_bytes(sid: str) -> bytes:
    """Binary form of an S-1-... SID."""
    parts = sid.split("-")
    subs = [int(p) for p in parts[3:]]
    return bytes([1, len(subs)]) + int(parts[2]).to_bytes(6, "big") + b"".join(s.to_bytes(4, "little") for s in subs)


CERT = bytes(range(48, 96))  # a stand-in DER blob: only the number of certificates matters

ONPREM = [
    {"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39",
     "distinguishedName": "CN=Adam Smith,OU=Sales,OU=Staff,DC=contoso,DC=com", "cn": "Adam Smith",
     "sAMAccountName": "adam", "userPrincipalName": "adam@contoso.com", "mail": "adam@contoso.com",
     "proxyAddresses": ["SMTP:adam@contoso.com", "smtp:asmith@contoso.com"], "mailNickname": "adam",
     "objectSid": f"{DOMAIN_SID}-1105", "displayName": "Adam Smith", "givenName": "Adam", "sn": "Smith",
     "title": "Account Manager", "department": "Sales", "l": "Seattle", "co": "United States"},
    {"objectClass": "user", "objectGUID": "5c2a1f3e-9b7d-4e21-a8c4-1d2e3f405162",
     "mS-DS-ConsistencyGuid": "f7cc07d7-7c15-447d-876d-c01b0e5a9e38",
     "distinguishedName": "CN=Zoë Müller,OU=Engineering,OU=Staff,DC=contoso,DC=com", "cn": "Zoë Müller",
     "sAMAccountName": "zmuller", "userPrincipalName": "zoe.muller@contoso.com", "mail": "zoe.muller@contoso.com",
     "proxyAddresses": ["SMTP:zoe.muller@contoso.com"], "mailNickname": "zoe.muller",
     "objectSid": f"{DOMAIN_SID}-1106", "displayName": "Zoë Müller", "givenName": "Zoë", "sn": "Müller",
     "title": "Ingénieure", "department": "Engineering", "l": "München", "co": "Germany"},
    {"objectClass": "user", "objectGUID": "a15df3dc-4416-414b-8b7d-5fbdcb5743c1",
     "distinguishedName": "CN=Grace Hopper,OU=IT,OU=Staff,DC=contoso,DC=com", "cn": "Grace Hopper",
     "sAMAccountName": "grace", "userPrincipalName": "grace@contoso.com", "mail": "grace@contoso.com",
     "proxyAddresses": ["SMTP:grace@contoso.com"], "mailNickname": "grace",
     "objectSid": f"{DOMAIN_SID}-1107", "displayName": "Grace Hopper", "givenName": "Grace", "sn": "Hopper",
     "title": "IT Director", "department": "IT"},
    {"objectClass": "user", "objectGUID": "0d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
     "distinguishedName": "CN=Dave O'Brien,OU=Sales,OU=Staff,DC=contoso,DC=com", "cn": "Dave O'Brien",
     "sAMAccountName": "dobrien", "userPrincipalName": "dave.obrien@contoso.com", "mail": "dave.obrien@contoso.com",
     "proxyAddresses": ["SMTP:dave.obrien@contoso.com", "smtp:dave@contoso.com"], "mailNickname": "dave.obrien",
     "objectSid": f"{DOMAIN_SID}-1108", "displayName": "Dave O'Brien", "givenName": "Dave", "sn": "O'Brien",
     "department": "Sales", "userCertificate": [base64.b64encode(CERT).decode()]},
    {"objectClass": "group", "objectGUID": "8f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f",
     "distinguishedName": "CN=IT Admins,OU=Groups,DC=contoso,DC=com", "cn": "IT Admins",
     "sAMAccountName": "IT Admins", "objectSid": f"{DOMAIN_SID}-1109", "displayName": "IT Admins",
     "description": "Server administrators"},
    {"objectClass": "group", "objectGUID": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
     "distinguishedName": "CN=Sales Team,OU=Groups,DC=contoso,DC=com", "cn": "Sales Team",
     "sAMAccountName": "Sales Team", "mail": "sales@contoso.com", "proxyAddresses": ["SMTP:sales@contoso.com"],
     "mailNickname": "sales", "objectSid": f"{DOMAIN_SID}-1110", "displayName": "Sales Team"},
    {"objectClass": "contact", "objectGUID": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
     "distinguishedName": "CN=Fabrikam Partner,OU=Contacts,DC=contoso,DC=com", "cn": "Fabrikam Partner",
     "mail": "partner@fabrikam.com", "proxyAddresses": ["SMTP:partner@fabrikam.com"],
     "mailNickname": "fabrikam.partner",
     "displayName": "Fabrikam Partner", "company": "Fabrikam"},
    {"objectClass": "computer", "objectGUID": "4e5f6071-8293-44a5-b6c7-d8e9fa0b1c2d",
     "distinguishedName": "CN=WS-0042,OU=Workstations,DC=contoso,DC=com", "cn": "WS-0042",
     "sAMAccountName": "WS-0042$", "objectSid": f"{DOMAIN_SID}-1111", "dNSHostName": "ws-0042.contoso.com",
     "operatingSystem": "Windows 11 Enterprise"},
]

CHAIN = {
    "user": ["top", "person", "organizationalPerson", "user"],
    "group": ["top", "group"],
    "contact": ["top", "person", "organizationalPerson", "contact"],
    "computer": ["top", "person", "organizationalPerson", "user", "computer"],
}

# -- the tenant --------------------------------------------------------------------------------

ORPHAN_GUID = "11111111-2222-4333-8444-555555555555"
USERS = [
    {"id": "6f1c9d2a-3b4e-4c5d-9e8f-0a1b2c3d4e5f", "userPrincipalName": "adam@contoso.com",
     "mail": "adam@contoso.com", "proxyAddresses": ["SMTP:adam@contoso.com"], "onPremisesImmutableId": None,
     "onPremisesSyncEnabled": None, "onPremisesSecurityIdentifier": None, "displayName": "Adam Smith",
     "givenName": "Adam", "surname": "Smith", "jobTitle": "Account Manager", "department": "Sales EU",
     "mobilePhone": "+1 206 555 0100", "businessPhones": ["+1 206 555 0101"]},
    {"id": "2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b", "userPrincipalName": "zoe.muller@contoso.com",
     "mail": "zoe.muller@contoso.com", "proxyAddresses": ["SMTP:zoe.muller@contoso.com"],
     "onPremisesImmutableId": anchor("f7cc07d7-7c15-447d-876d-c01b0e5a9e38"), "onPremisesSyncEnabled": True,
     "onPremisesSecurityIdentifier": f"{DOMAIN_SID}-1106", "displayName": "Zoë Müller", "givenName": "Zoë",
     "surname": "Müller", "jobTitle": "Ingénieure", "department": "Engineering", "businessPhones": []},
    {"id": "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "userPrincipalName": "grace@contoso.com",
     "mail": "grace@contoso.com", "proxyAddresses": ["SMTP:grace@contoso.com"], "onPremisesImmutableId": None,
     "onPremisesSyncEnabled": None, "onPremisesSecurityIdentifier": None, "displayName": "Grace Hopper",
     "givenName": "Grace", "surname": "Hopper", "jobTitle": "IT Director", "department": "IT",
     "businessPhones": []},
    {"id": "3c4d5e6f-7081-4293-a4b5-c6d7e8f9a0b1", "userPrincipalName": "olivia.old@contoso.com",
     "mail": "olivia.old@contoso.com", "proxyAddresses": ["SMTP:olivia.old@contoso.com"],
     "onPremisesImmutableId": anchor(ORPHAN_GUID), "onPremisesSyncEnabled": True,
     "onPremisesSecurityIdentifier": f"{DOMAIN_SID}-1042", "displayName": "Olivia Old", "givenName": "Olivia",
     "surname": "Old", "department": "Finance", "businessPhones": []},
    {"id": "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", "userPrincipalName": "breakglass@contoso.onmicrosoft.com",
     "mail": None, "proxyAddresses": [], "onPremisesImmutableId": None, "onPremisesSyncEnabled": None,
     "onPremisesSecurityIdentifier": None, "displayName": "Break Glass", "businessPhones": []},
]
DELETED = [
    # A deleted user's UPN is prefixed with its object id (without hyphens).
    {"id": "5b6c7d8e-9fa0-4b1c-8d2e-3f4a5b6c7d8e",
     "userPrincipalName": "5b6c7d8e9fa04b1c8d2e3f4a5b6c7d8edave.obrien@contoso.com",
     "mail": "dave.obrien@contoso.com", "onPremisesImmutableId": anchor("0d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e6f"),
     "deletedDateTime": "2025-11-10T09:30:00Z", "displayName": "Dave O'Brien"},
]
GROUPS = [
    {"id": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "displayName": "Sales Team", "mailEnabled": True,
     "securityEnabled": False, "mail": "sales@contoso.com", "proxyAddresses": ["SMTP:sales@contoso.com"],
     "onPremisesSyncEnabled": None, "mailNickname": "sales", "groupTypes": ["Unified"]},
    {"id": "d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a", "displayName": "IT Admins", "mailEnabled": False,
     "securityEnabled": True, "mail": None, "proxyAddresses": [], "onPremisesSyncEnabled": None,
     "mailNickname": "itadmins", "groupTypes": []},
]
CONTACTS = [
    {"id": "e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6a7b", "displayName": "Fabrikam Partner", "mail": "partner@fabrikam.com",
     "proxyAddresses": ["SMTP:partner@fabrikam.com"], "companyName": "Fabrikam", "onPremisesSyncEnabled": None},
]
DOMAINS = [
    {"id": "contoso.com", "isVerified": True, "isInitial": False, "isDefault": True, "authenticationType": "Managed",
     "supportedServices": ["Email", "OfficeCommunicationsOnline"]},
    {"id": "contoso.onmicrosoft.com", "isVerified": True, "isInitial": True, "isDefault": False,
     "authenticationType": "Managed", "supportedServices": ["Email"]},
    {"id": "fabrikam-legacy.com", "isVerified": False, "isInitial": False, "isDefault": False,
     "authenticationType": "Managed", "supportedServices": []},
]
FEATURES = {
    "blockCloudObjectTakeoverThroughHardMatchEnabled": False, "blockSoftMatchEnabled": False,
    "bypassDirSyncOverridesEnabled": False, "cloudPasswordPolicyForPasswordSyncedUsersEnabled": False,
    "concurrentCredentialUpdateEnabled": False, "concurrentOrgIdProvisioningEnabled": True,
    "deviceWritebackEnabled": False, "directoryExtensionsEnabled": False, "fopeConflictResolutionEnabled": False,
    "groupWriteBackEnabled": False, "passwordSyncEnabled": True, "passwordWritebackEnabled": False,
    "quarantineUponProxyAddressesConflictEnabled": True, "quarantineUponUpnConflictEnabled": True,
    "softMatchOnUpnEnabled": True, "synchronizeUpnForManagedUsersEnabled": True,
    "unifiedGroupWritebackEnabled": False, "userForcePasswordChangeOnLogonEnabled": False,
    "userWritebackEnabled": False,
}
TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
GA = {"id": "62e90394-69f5-4237-9190-012177145e10", "displayName": "Global Administrator",
      "templateId": "62e90394-69f5-4237-9190-012177145e10", "isBuiltIn": True}
PRA = {"id": "e8611ab8-c189-46e8-94e1-60213ab1f814", "displayName": "Privileged Role Administrator",
       "templateId": "e8611ab8-c189-46e8-94e1-60213ab1f814", "isBuiltIn": True}
ASSIGNMENTS = [
    {"id": "lAPpYvVpN0KRkAEhdxReECCL3XvArZ1MupLkTB8v8jU-1", "principalId": USERS[2]["id"],
     "roleDefinitionId": GA["id"], "directoryScopeId": "/", "roleDefinition": GA},
    {"id": "lAPpYvVpN0KRkAEhdxReEF6N7Zx8WklDsaD56NfGtaQ-1", "principalId": USERS[4]["id"],
     "roleDefinitionId": GA["id"], "directoryScopeId": "/", "roleDefinition": GA},
]
ELIGIBILITIES = [
    {"id": "b8a96136-5b93-4d6e-a2a4-2f3a1c6b9e01", "principalId": USERS[0]["id"], "roleDefinitionId": PRA["id"],
     "directoryScopeId": "/", "memberType": "Direct", "status": "Provisioned", "createdUsing": None,
     "scheduleInfo": {"startDateTime": "2025-01-06T08:00:00Z", "expiration": {"type": "noExpiration"}},
     "roleDefinition": PRA},
]
ROLES_OF = {USERS[2]["id"]: ["Global Administrator"], USERS[4]["id"]: ["Global Administrator"]}
ELIGIBLE_OF = {USERS[0]["id"]: ["Privileged Role Administrator"]}
GRAPH = "https://graph.microsoft.com/v1.0/$metadata#"
USER_SELECT = ("id,userPrincipalName,mail,proxyAddresses,onPremisesImmutableId,onPremisesSyncEnabled,"
               "onPremisesSecurityIdentifier,displayName,givenName,surname,jobTitle,department,mobilePhone,"
               "businessPhones")


# -- helpers -------------------------------------------------------------------------------------

def write(path: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    """Write one example file."""
    target = ROOT / path
    target.write_bytes(text.replace("\n", newline).encode(encoding))
    print(f"wrote {target.relative_to(ROOT.parent)}")


def ps_date(ms: int) -> str:
    """Windows PowerShell 5.1 date literal (before JSON escaping)."""
    return f"/Date({ms})/"


def ps_sid(sid: str) -> dict:
    """A SecurityIdentifier as ConvertTo-Json writes it."""
    domain = sid.rsplit("-", 1)[0]
    return {"BinaryLength": len(sid_bytes(sid)),
            "AccountDomainSid": {"BinaryLength": len(sid_bytes(domain)), "AccountDomainSid": domain, "Value": domain},
            "Value": sid}


def ad_entity(obj: dict, ps51: bool) -> dict:
    """One object as Get-ADUser/Get-ADGroup/Get-ADObject -Properties ... | ConvertTo-Json writes it."""
    out: dict = {"DistinguishedName": obj["distinguishedName"], "Name": obj["cn"], "ObjectClass": obj["objectClass"],
                 "ObjectGUID": obj["objectGUID"]}
    if obj["objectClass"] in ("user", "computer"):
        out["Enabled"] = True
        out["GivenName"] = obj.get("givenName")
        out["Surname"] = obj.get("sn")
        out["UserPrincipalName"] = obj.get("userPrincipalName")
    if "sAMAccountName" in obj:
        out["SamAccountName"] = obj["sAMAccountName"]
        out["SID"] = ps_sid(obj["objectSid"])
        out["objectSid"] = ps_sid(obj["objectSid"])
    if obj["objectClass"] == "group":
        out["GroupCategory"] = 1 if obj.get("mail") else 0  # enum as number, as ConvertTo-Json writes it
        out["GroupScope"] = 2
    for key in ("displayName", "mail", "mailNickname", "title", "department", "company", "description", "l", "co",
                "dNSHostName", "operatingSystem"):
        if key in obj:
            out[key] = obj[key]
    out["proxyAddresses"] = obj.get("proxyAddresses", [])
    if "mS-DS-ConsistencyGuid" in obj:
        out["mS-DS-ConsistencyGuid"] = list(uuid.UUID(obj["mS-DS-ConsistencyGuid"]).bytes_le)
    if obj["objectClass"] == "user":
        out["userCertificate"] = [list(base64.b64decode(c)) for c in obj.get("userCertificate", [])]
    out["whenCreated"] = ps_date(CREATED_MS) if ps51 else "2023-11-14T23:13:20+01:00"
    names = sorted(k for k in out if k not in ("Enabled",))
    out["PropertyNames"] = names
    out["AddedProperties"] = []
    out["RemovedProperties"] = []
    out["ModifiedProperties"] = []
    out["PropertyCount"] = len(names)
    return {k: v for k, v in out.items() if v is not None or k in ("GivenName", "Surname")}


def ps51_json(value: object) -> str:
    """ConvertTo-Json as Windows PowerShell 5.1 writes it (4-space indent, ':  ', escaped quote and /Date)."""
    text = json.dumps(value, indent=4, ensure_ascii=False, separators=(",", ":  "))
    return text.replace("'", "\\u0027").replace("/Date(", "\\/Date(").replace(")/", ")\\/")


def pascal(value: object) -> object:
    """Graph JSON as Microsoft Graph PowerShell objects serialize it (PascalCase)."""
    if isinstance(value, dict):
        return {k if k.startswith("@") else k[:1].upper() + k[1:]: pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [pascal(v) for v in value]
    return value


MG_USER_NULLS = ["AboutMe", "AgeGroup", "Birthday", "City", "CompanyName", "Country", "CreationType", "EmployeeId",
                 "FaxNumber", "OfficeLocation", "PostalCode", "PreferredLanguage", "State", "StreetAddress",
                 "UsageLocation", "UserType"]


def mg_user(user: dict) -> dict:
    """A user as Get-MgUser -Property ... | ConvertTo-Json -Depth 5 writes it."""
    out = {name: None for name in MG_USER_NULLS}
    out.update(pascal({k: v for k, v in user.items()}))
    out.setdefault("BusinessPhones", [])
    out.setdefault("ProxyAddresses", [])
    out.setdefault("DeletedDateTime", None)
    out["AssignedLicenses"] = []
    out["OnPremisesExtensionAttributes"] = {f"ExtensionAttribute{i}": None for i in range(1, 16)}
    out["AdditionalProperties"] = {}
    return dict(sorted(out.items()))


def ldif_line(name: str, value: object) -> str:
    """`name: value`, or `name:: base64` for bytes and non-ASCII text, folded at 78 columns like ldifde."""
    if isinstance(value, bytes):
        line = f"{name}:: {base64.b64encode(value).decode()}"
    elif not value.isascii() or value.startswith((" ", ":", "<")):
        line = f"{name}:: {base64.b64encode(value.encode()).decode()}"
    else:
        line = f"{name}: {value}"
    chunks = [line[:78]] + [" " + line[i : i + 77] for i in range(78, len(line), 77)]
    return "\n".join(chunks)


# -- formats -------------------------------------------------------------------------------------

def onprem_files() -> None:
    """Every on-prem format."""
    write("onprem/contoso.json", json.dumps({"kind": "onprem", "objects": ONPREM}, indent=2, ensure_ascii=False) + "\n")
    write("onprem/contoso.ndjson", "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in ONPREM))
    entities51 = [ad_entity(o, ps51=True) for o in ONPREM]
    write("onprem/get-aduser-ps51.json", ps51_json(entities51) + "\n", encoding="utf-16", newline="\r\n")
    entities7 = [ad_entity(o, ps51=False) for o in ONPREM]
    write("onprem/get-aduser-ps7.json", json.dumps(entities7, indent=2, ensure_ascii=False) + "\n")
    write("onprem/export-csv.csv", csv_text(), encoding="utf-8-sig", newline="\r\n")
    write("onprem/ldifde.ldf", ldif_text(), newline="\r\n")


CSV_COLUMNS = ["DistinguishedName", "ObjectClass", "ObjectGUID", "mS-DS-ConsistencyGuid", "SamAccountName", "SID",
               "UserPrincipalName", "mail", "proxyAddresses", "mailNickname", "DisplayName", "GivenName", "Surname",
               "Title", "Department", "Company", "userCertificate", "Enabled"]


def csv_text() -> str:
    """Export-Csv of a Select-Object with joined multi-valued attributes (Windows PowerShell 5.1 style)."""
    buffer = io.StringIO()
    buffer.write("#TYPE Selected.Microsoft.ActiveDirectory.Management.ADUser\n")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for o in ONPREM:
        row = {"DistinguishedName": o["distinguishedName"], "ObjectClass": o["objectClass"],
               "ObjectGUID": o["objectGUID"], "mS-DS-ConsistencyGuid": o.get("mS-DS-ConsistencyGuid", ""),
               "SamAccountName": o.get("sAMAccountName", ""), "SID": o.get("objectSid", ""),
               "UserPrincipalName": o.get("userPrincipalName", ""), "mail": o.get("mail", ""),
               "proxyAddresses": ";".join(o.get("proxyAddresses", [])), "mailNickname": o.get("mailNickname", ""),
               "DisplayName": o.get("displayName", ""), "GivenName": o.get("givenName", ""),
               "Surname": o.get("sn", ""), "Title": o.get("title", ""), "Department": o.get("department", ""),
               "Company": o.get("company", ""), "userCertificate": ";".join(o.get("userCertificate", [])),
               "Enabled": "True" if o["objectClass"] in ("user", "computer") else ""}
        writer.writerow([row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def ldif_text() -> str:
    """ldifde -f contoso.ldf -l <attributes> output."""
    lines = [""]
    for o in ONPREM:
        lines.append(ldif_line("dn", o["distinguishedName"]))
        lines.append("changetype: add")
        lines += [f"objectClass: {c}" for c in CHAIN[o["objectClass"]]]
        for key in ("cn", "sn", "title", "description", "givenName", "displayName", "department", "company",
                    "proxyAddresses", "mailNickname", "mail", "sAMAccountName", "userPrincipalName", "dNSHostName",
                    "operatingSystem", "l", "co"):
            values = o.get(key)
            for value in values if isinstance(values, list) else [values] if values else []:
                lines.append(ldif_line(key, value))
        lines.append(ldif_line("objectGUID", uuid.UUID(o["objectGUID"]).bytes_le))
        if "objectSid" in o:
            lines.append(ldif_line("objectSid", sid_bytes(o["objectSid"])))
        if "mS-DS-ConsistencyGuid" in o:
            lines.append(ldif_line("mS-DS-ConsistencyGuid", uuid.UUID(o["mS-DS-ConsistencyGuid"]).bytes_le))
        for cert in o.get("userCertificate", []):
            lines.append(ldif_line("userCertificate", base64.b64decode(cert)))
        lines.append("")
    return "\n".join(lines) + "\n"


def page_text(context: str, items: list) -> str:
    """One Graph response page, as saved from Graph Explorer or Invoke-MgGraphRequest."""
    return json.dumps({"@odata.context": f"{GRAPH}{context}", "value": items}, indent=2) + "\n"


def canonical_user(user: dict) -> dict:
    """A user in the canonical cloud snapshot."""
    out = {"id": user["id"], "userPrincipalName": user["userPrincipalName"], "mail": user["mail"],
           "proxyAddresses": user["proxyAddresses"], "onPremisesImmutableId": user["onPremisesImmutableId"],
           "onPremisesSyncEnabled": user["onPremisesSyncEnabled"],
           "onPremisesSecurityIdentifier": user["onPremisesSecurityIdentifier"], "deletedDateTime": None,
           "assignedRoles": ROLES_OF.get(user["id"], []), "eligibleRoles": ELIGIBLE_OF.get(user["id"], [])}
    out.update({k: v for k, v in user.items() if k not in out and v is not None})
    return out


def cloud_files() -> None:
    """Every cloud format."""
    canonical = {
        "kind": "cloud",
        "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                   "domains": [{"name": d["id"], "isVerified": d["isVerified"]} for d in DOMAINS],
                   "features": FEATURES},
        "users": [canonical_user(u) for u in USERS],
        "groups": GROUPS,
        "contacts": CONTACTS,
        "deletedUsers": DELETED,
    }
    write("cloud/contoso.json", json.dumps(canonical, indent=2, ensure_ascii=False) + "\n")
    page1 = {"@odata.context": f"{GRAPH}users({USER_SELECT})", "value": USERS[:3],
             "@odata.nextLink": f"https://graph.microsoft.com/v1.0/users?$select={USER_SELECT}&$skiptoken=RFNwdAIAAQAAAA"}
    page2 = {"@odata.context": f"{GRAPH}users({USER_SELECT})", "value": USERS[3:]}
    pages = [json.dumps(page, ensure_ascii=False) + "\n" for page in (page1, page2)]
    write("cloud/graph-users.json", "".join(pages))
    write("cloud/graph-groups.json", json.dumps({"@odata.context": f"{GRAPH}groups(id,displayName,mailEnabled,"
          "securityEnabled,mail,proxyAddresses,onPremisesSyncEnabled,mailNickname,groupTypes)", "value": GROUPS},
          indent=2) + "\n")
    write("cloud/graph-contacts.json", page_text("contacts", CONTACTS))
    write("cloud/graph-domains.json", page_text("domains", DOMAINS))
    sync = {"@odata.context": f"{GRAPH}directory/onPremisesSynchronization", "value": [
        {"id": TENANT_ID, "configuration": {"accidentalDeletionPrevention": {
            "synchronizationPreventionType": "enabledForCount", "alertThreshold": 500},
            "synchronizationInterval": "PT30M", "customerRequestedSynchronizationInterval": None},
         "features": FEATURES}]}
    write("cloud/graph-onpremsync.json", json.dumps(sync, indent=2) + "\n")
    write("cloud/graph-roleassignments.json", json.dumps({"@odata.context": f"{GRAPH}roleManagement/directory/"
          "roleAssignments(roleDefinition())", "value": ASSIGNMENTS}, indent=2) + "\n")
    write("cloud/graph-roleeligibilityschedules.json", json.dumps({"@odata.context": f"{GRAPH}roleManagement/"
          "directory/roleEligibilitySchedules(roleDefinition())", "value": ELIGIBILITIES}, indent=2) + "\n")
    write("cloud/graph-deleteditems.json", json.dumps({"@odata.context": f"{GRAPH}directory/deletedItems/"
          "microsoft.graph.user(id,userPrincipalName,mail,onPremisesImmutableId,deletedDateTime,displayName)",
          "value": DELETED}, indent=2, ensure_ascii=False) + "\n")
    write("cloud/get-mguser.json", json.dumps([mg_user(u) for u in USERS], indent=2, ensure_ascii=False) + "\n")
    write("cloud/bundle.json", json.dumps(script_bundle(sync["value"][0]), indent=2, ensure_ascii=False) + "\n")


# What scripts/Export-SyncMatchSnapshot.ps1 selects, per kind of object.
SCRIPT_USER = ["id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
               "onPremisesSecurityIdentifier", "onPremisesDistinguishedName", "displayName", "givenName", "surname",
               "jobTitle", "department", "companyName", "businessPhones", "mobilePhone", "officeLocation",
               "streetAddress", "city", "state", "postalCode", "country", "employeeId", "mailNickname",
               "accountEnabled", "userType"]
SCRIPT_GROUP = ["id", "displayName", "mailEnabled", "securityEnabled", "mail", "proxyAddresses",
                "onPremisesSyncEnabled", "mailNickname", "groupTypes"]
SCRIPT_CONTACT = ["id", "displayName", "mail", "proxyAddresses", "onPremisesSyncEnabled", "companyName", "mailNickname"]


def script_bundle(sync: dict) -> dict:
    """cloud.json as Export-SyncMatchSnapshot.ps1 writes it."""
    def pick(item: dict, names: list[str]) -> dict:
        return {name: item.get(name, [] if name in ("proxyAddresses", "businessPhones", "groupTypes") else None)
                for name in names}

    def role(assignment: dict, *extra: str) -> dict:
        out = {k: assignment[k] for k in ("principalId", "roleDefinitionId", "directoryScopeId", *extra)}
        out["roleDefinition"] = {"displayName": assignment["roleDefinition"]["displayName"]}
        return out

    return {
        "users": [pick(u, SCRIPT_USER) for u in USERS],
        "groups": [pick(g, SCRIPT_GROUP) for g in GROUPS],
        "contacts": [pick(c, SCRIPT_CONTACT) for c in CONTACTS],
        "deletedItems": DELETED,
        "domains": [{k: d[k] for k in ("id", "isVerified", "isInitial", "isDefault")} for d in DOMAINS],
        "onPremisesSynchronization": [{"id": sync["id"], "features": {**pascal(sync["features"]),
                                                                       "AdditionalProperties": {}}}],
        "roleAssignments": [role(a) for a in ASSIGNMENTS],
        "roleEligibilitySchedules": [role(e, "memberType") for e in ELIGIBILITIES],
    }


if __name__ == "__main__":
    import example_exports

    onprem_files()
    cloud_files()
    example_exports.onprem_files()
    example_exports.cloud_files()
