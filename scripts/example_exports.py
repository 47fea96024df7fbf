"""The examples that show exports as admins make them: full ldifde and csvde (ANSI and -u), Export-Csv from
Windows PowerShell 5.1 without -Encoding, the Microsoft Entra PowerShell module, Graph pages one per file.

Called by make_examples.py, which holds the directory and the tenant they all describe.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import uuid

import make_examples as ex

# ldifde folds a line longer than its width: the rest goes on continuation lines that begin with one space.
# Assumption: 80 columns, as the exports of Windows Server 2016-2022 show; the reader accepts any width.
LDIFDE_WIDTH = 80
WHEN = "20231114221320.0Z"
# Containers a full export holds besides the 8 objects: matching skips them.
CONTAINERS = [
    {"objectClass": ["top", "organizationalUnit"], "distinguishedName": "OU=Staff,DC=contoso,DC=com",
     "ou": "Staff", "objectGUID": "7d1c2b3a-4f5e-4d6c-8b7a-9c0d1e2f3a4b"},
    {"objectClass": ["top", "container"], "distinguishedName": "CN=Users,DC=contoso,DC=com", "cn": "Users",
     "objectGUID": "6c5b4a39-2817-4f6e-9d5c-4b3a29180706", "isCriticalSystemObject": "TRUE",
     "systemFlags": "-1946157056", "description": "Default container for upgraded user accounts"},
]
SAM_TYPES = {"user": "805306368", "computer": "805306369", "group": "268435456"}


def full_entries() -> list[dict]:
    """Every object as a full export (no -l) holds it: LDAP names, operational attributes, binary values."""
    entries = []
    for o in ex.ONPREM:
        entry: dict = {"objectClass": ex.CHAIN[o["objectClass"]], "distinguishedName": o["distinguishedName"]}
        for key, value in o.items():
            if key not in ("objectClass", "distinguishedName", "objectGUID", "objectSid", "mS-DS-ConsistencyGuid",
                           "userCertificate"):
                entry[key] = value
        entry.update({"instanceType": "4", "whenCreated": WHEN, "whenChanged": WHEN, "uSNCreated": "12801",
                      "uSNChanged": "12845", "name": o["cn"], "objectGUID": uuid.UUID(o["objectGUID"]).bytes_le,
                      "dSCorePropagationData": [WHEN, "16010101000000.0Z"],
                      "objectCategory": f"CN={o['objectClass'].capitalize()},CN=Schema,CN=Configuration,"
                                        "DC=contoso,DC=com"})
        if "objectSid" in o:
            entry["objectSid"] = ex.sid_bytes(o["objectSid"])
            entry["sAMAccountType"] = SAM_TYPES[o["objectClass"]]
        if "mS-DS-ConsistencyGuid" in o:
            entry["mS-DS-ConsistencyGuid"] = uuid.UUID(o["mS-DS-ConsistencyGuid"]).bytes_le
        if o["objectClass"] in ("user", "computer"):
            entry.update({"userAccountControl": "512" if o["objectClass"] == "user" else "4096",
                          "codePage": "0", "countryCode": "0", "primaryGroupID": "513", "accountExpires":
                          "9223372036854775807", "logonHours": b"\xff" * 21, "pwdLastSet": "133445012000000000"})
        if o.get("userCertificate"):
            entry["userCertificate"] = [base64.b64decode(c) for c in o["userCertificate"]]
        if o["objectClass"] == "group":
            entry["groupType"] = "-2147483646"
        entries.append(entry)
    return entries + [{**c, "objectGUID": uuid.UUID(c["objectGUID"]).bytes_le} for c in CONTAINERS]


def fold(line: str, width: int = LDIFDE_WIDTH) -> str:
    """A long LDIF line folded as ldifde folds it."""
    chunks = [line[:width]] + [" " + line[i : i + width - 1] for i in range(width, len(line), width - 1)]
    return "\n".join(chunks)


def ldif_value(name: str, value: object) -> str:
    """`name: value`, or `name:: base64` for bytes, non-ASCII text and values LDIF cannot hold as they are."""
    if isinstance(value, bytes):
        return fold(f"{name}:: {base64.b64encode(value).decode()}")
    text = str(value)
    if not text.isascii() or text.startswith((" ", ":", "<")):
        return fold(f"{name}:: {base64.b64encode(text.encode()).decode()}")
    return fold(f"{name}: {text}")


def ldifde_full() -> str:
    """ldifde -f contoso.ldf (every attribute): the dn line, then distinguishedName among the attributes."""
    lines = [""]
    for entry in full_entries():
        lines.append(ldif_value("dn", entry["distinguishedName"]))
        lines.append("changetype: add")
        for name, value in entry.items():
            for item in value if isinstance(value, list) else [value]:
                lines.append(ldif_value(name, item))
        lines.append("")
    return "\n".join(lines) + "\n"


def csvde_cell(value: object) -> str:
    """One csvde cell: X'hex' for binary values, multi-values joined with ';'."""
    items = value if isinstance(value, list) else [value]
    return ";".join(f"X'{item.hex()}'" if isinstance(item, bytes) else str(item) for item in items)


def csvde_full() -> str:
    """csvde -f contoso.csv: a header of every attribute seen, DN first, one row per entry."""
    entries = full_entries()
    columns = ["DN", *list(dict.fromkeys(k for e in entries for k in e if k != "distinguishedName"))]
    columns.insert(2, "distinguishedName")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for entry in entries:
        row = {**{k: csvde_cell(v) for k, v in entry.items()}, "DN": entry["distinguishedName"]}
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def onprem_files() -> None:
    """Full ldifde and csvde exports, each in both encodings; Export-Csv from Windows PowerShell 5.1 as ASCII."""
    ldif = ldifde_full()
    ex.write("onprem/ldifde-full.ldf", ldif, newline="\r\n")
    ex.write("onprem/ldifde-full-unicode.ldf", "\ufeff" + ldif, encoding="utf-16-le", newline="\r\n")
    table = csvde_full()
    ex.write("onprem/csvde.csv", table, encoding="cp1252", newline="\r\n")
    ex.write("onprem/csvde-unicode.csv", "\ufeff" + table, encoding="utf-16-le", newline="\r\n")
    ascii_csv = ex.csv_text().encode("ascii", errors="replace").decode("ascii")
    ex.write("onprem/export-csv-ps51-ascii.csv", ascii_csv, encoding="ascii", newline="\r\n")


# -- the Microsoft Entra PowerShell module ---------------------------------------------------------------

ENTRA_USER_ALIASES = {"ObjectId": "id", "UserState": "externalUserState",
                      "UserStateChangedOn": "externalUserStateChangeDateTime", "Mobile": "mobilePhone",
                      "DeletionTimestamp": "deletedDateTime", "DirSyncEnabled": "onPremisesSyncEnabled",
                      "ImmutableId": "onPremisesImmutableId", "LastDirSyncTime": "onPremisesLastSyncDateTime",
                      "ProvisioningErrors": "onPremisesProvisioningErrors", "TelephoneNumber": "businessPhones"}


def entra_user(user: dict) -> dict:
    """Get-EntraUser -All | ConvertTo-Json -Depth 5: the Graph response's camelCase properties on a
    MicrosoftGraphUser (its other, PascalCase, properties null), plus the module's alias properties."""
    graph = {"externalUserState": None, "externalUserStateChangeDateTime": None, "onPremisesLastSyncDateTime": None,
             "onPremisesProvisioningErrors": [], "accountEnabled": True, "deletedDateTime": None,
             "mobilePhone": None, **user}
    adapted = {name: None for name in ex.MG_USER_NULLS if name[:1].lower() + name[1:] not in graph}
    out = {**adapted, **graph, "AdditionalProperties": {}}
    for alias, target in ENTRA_USER_ALIASES.items():
        out[alias] = graph.get(target)
    return out


def with_object_id(item: dict, **aliases: str) -> dict:
    """A Graph SDK object (PascalCase) with the ObjectId alias and any others the cmdlet adds."""
    out = ex.pascal(item)
    out["AdditionalProperties"] = {}
    out["ObjectId"] = out["Id"]
    for alias, target in aliases.items():
        out[alias] = out.get(target)
    return out


def entra_features() -> list[dict]:
    """Get-EntraDirSyncFeature: one row per feature, its name without 'Enabled'."""
    rows = [{"DirSyncFeature": name[:1].upper() + name[1:].replace("Enabled", ""), "Enabled": value}
            for name, value in ex.FEATURES.items()]
    return [*rows, {"DirSyncFeature": "AdditionalProperties", "Enabled": {}}]


def dumps(value: object) -> str:
    """ConvertTo-Json -Depth 5 as PowerShell 7 writes it."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def cloud_files() -> None:
    """The Entra module's output, and the Graph users pages saved one per file."""
    ex.write("cloud/entra-users.json", dumps([entra_user(u) for u in ex.USERS]))
    ex.write("cloud/entra-groups.json", dumps([with_object_id(g) for g in ex.GROUPS]))
    ex.write("cloud/entra-contacts.json", dumps([with_object_id(c, DirSyncEnabled="OnPremisesSyncEnabled")
                                                 for c in ex.CONTACTS]))
    ex.write("cloud/entra-deletedusers.json", dumps([ex.pascal({**d, "AdditionalProperties": {}})
                                                     for d in ex.DELETED]))
    ex.write("cloud/entra-domains.json", dumps([with_object_id(d, Name="Id") for d in ex.DOMAINS]))
    assignments = [{k: v for k, v in a.items() if k != "roleDefinition"} for a in ex.ASSIGNMENTS]
    ex.write("cloud/entra-roleassignments.json", dumps([with_object_id(a) for a in assignments]))
    ex.write("cloud/entra-dirsyncfeatures.json", dumps(entra_features()))
    context = f"{ex.GRAPH}users({ex.USER_SELECT})"
    next_link = f"https://graph.microsoft.com/v1.0/users?$select={ex.USER_SELECT}&$skiptoken=RFNwdAIAAQAAAA"
    page1 = {"@odata.context": context, "@odata.nextLink": next_link, "value": ex.USERS[:3]}
    page2 = {"@odata.context": context, "value": ex.USERS[3:]}
    ex.write("cloud/graph-users-page1.json", json.dumps(page1, indent=2, ensure_ascii=False) + "\n")
    ex.write("cloud/graph-users-page2.json", json.dumps(page2, indent=2, ensure_ascii=False) + "\n")
