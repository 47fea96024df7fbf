"""A realistic Contoso migration: every outcome, findings, lost cloud values, orphans and rejected records.

`python tests/reporting/contoso_example.py DIR` writes onprem/contoso.json, cloud/contoso.json and settings.json.
"""

from __future__ import annotations

import base64
import itertools
import json
import sys
import uuid
from pathlib import Path

NOW = "2026-11-01T09:30:00Z"
HOSTILE = '<script>window.__xss=1</script>"><img src=x onerror="window.__xss=2">'
DEPARTMENTS = ("Sales", "Finance", "Engineering", "Marketing", "Operations", "Legal", "HR", "Support")
FIRST = ("Adele", "Alex", "Ben", "Chloe", "Diego", "Emma", "Farid", "Grace", "Hiro", "Isla", "Jonas", "Kara",
         "Liam", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes")
LAST = ("Hughes", "Patel", "Nguyen", "Okafor", "Schmidt", "Rossi", "Haddad", "Kowalski", "Tanaka", "Moreau",
        "Silva", "Berg")
RIDS = itertools.count(1105)


def guid(name: str) -> str:
    """A stable objectGUID for a name."""
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{name}.contoso.com"))


def immutable_id(value: str) -> str:
    """The ImmutableId of a GUID (its bytes in .NET order, base64)."""
    return base64.b64encode(uuid.UUID(value).bytes_le).decode("ascii")


def user(sam: str, given: str, surname: str, ou: str = "Staff", **extra: object) -> dict:
    """An on-premises user with the usual attributes."""
    upn = extra.pop("upn", f"{sam}@contoso.com")
    mail = extra.pop("mail", upn)
    obj = {"objectClass": "user", "objectGUID": guid(sam), "mS-DS-ConsistencyGuid": None,
           "distinguishedName": f"CN={given} {surname},OU={ou},DC=contoso,DC=com", "sAMAccountName": sam,
           "userPrincipalName": upn, "mail": mail, "proxyAddresses": [f"SMTP:{mail}"] if mail else [],
           "objectSid": f"S-1-5-21-3623811015-3361044348-30300820-{next(RIDS)}",
           "mailNickname": sam, "displayName": f"{given} {surname}", "givenName": given, "sn": surname,
           "department": extra.pop("department", "Sales"), "title": extra.pop("title", None)}
    obj.update(extra)
    return obj


def cloud_user(ident: str, upn: str, name: str, **extra: object) -> dict:
    """A cloud user, cloud-managed unless told otherwise."""
    entry = {"id": ident, "userPrincipalName": upn, "mail": upn, "proxyAddresses": [f"SMTP:{upn}"],
             "onPremisesImmutableId": None, "onPremisesSyncEnabled": None, "onPremisesSecurityIdentifier": None,
             "deletedDateTime": None, "assignedRoles": [], "eligibleRoles": [], "displayName": name,
             "department": None}
    entry.update(extra)
    return entry


def onprem() -> dict:
    """The Active Directory export."""
    objects = [
        user("adele.vance", "Adele", "Vance", "Sales", title="Account Executive"),
        user("alex.wilber", "Alex", "Wilber", "Marketing", department="Marketing", title="Marketing Lead"),
        user("megan.bowen", "Megan", "Bowen", "Marketing", department="Marketing"),
        user("lynne.robbins", "Lynne", "Robbins", "IT", department="IT", title="Cloud Administrator"),
        user("nestor.wilke", "Nestor", "Wilke", "Operations", department="Operations"),
        user("grady.archie", "Grady", "Archie", "Engineering", department="Engineering"),
        user("isaiah.langer", "Isaiah", "Langer", "Sales", **{"mS-DS-ConsistencyGuid": guid("isaiah.old")}),
        user("johanna.lorenz", "Johanna", "Lorenz", "Engineering", department="Engineering"),
        user("joni.sherman", "Joni", "Sherman", "Legal", department="Legal"),
        user("lee.gu", "Lee", "Gu", "Finance", department="Finance"),
        user("miriam.graham", "Miriam", "Graham", "IT", department="IT", title="Director"),
        user("patti.fernandez", "Patti", "Fernandez", "Finance", department="Finance",
             **{"mS-DS-ConsistencyGuid": guid("patti.fernandez.v1")}),
        user("pradeep.gupta", "Pradeep", "Gupta", "Finance", department="Finance"),
        user("diego.siciliani", "Diego", "Siciliani", "HR", department="HR"),
        user("henrietta.mueller", "Henrietta", "Mueller", "Engineering", department="Engineering",
             upn="henrietta.müller@contoso.com", mail="henrietta.mueller@contoso.com"),
        user("christie.cline", "Christie", "Cline", "Sales", upn="christie cline@contoso.com",
             mail="christie.cline@contoso.com"),
        user("enrico.cattaneo", "Enrico", "Cattaneo", "Support", department="Support",
             upn="enrico.cattaneo@contoso.local", mail=None),
        user("irvin.sayers", "Irvin", "Sayers", "Support", department="Support",
             upn="irvin.sayers@contoso.local", mail=None),
        user("allan.deyoung", "Allan", "Deyoung", "IT", department="IT",
             **{"mS-DS-ConsistencyGuid": guid("patti.fernandez.v1")}),
        user("debra.berger", "Debra", "Berger", "Sales", upn="debra.berger@contoso.com", mail="debra@contoso.com",
             proxyAddresses=["SMTP:debra@contoso.com", "smtp:debra.berger@contoso.com", "x500:/o=Contoso/cn=debra"]),
    ]
    for i in range(36):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 5) % len(LAST)]
        sam = f"{first.lower()}.{last.lower()}{i // len(FIRST) or ''}"
        objects.append(user(sam, first, last, DEPARTMENTS[i % len(DEPARTMENTS)],
                            department=DEPARTMENTS[i % len(DEPARTMENTS)]))
    objects += [
        {"objectClass": "group", "objectGUID": guid("sales-team"), "distinguishedName":
         "CN=Sales Team,OU=Groups,DC=contoso,DC=com", "sAMAccountName": "Sales Team", "displayName": "Sales Team",
         "mail": "sales@contoso.com", "proxyAddresses": ["SMTP:sales@contoso.com"], "mailNickname": "sales"},
        {"objectClass": "group", "objectGUID": guid("vpn-users"), "distinguishedName":
         "CN=VPN Users,OU=Groups,DC=contoso,DC=com", "sAMAccountName": "VPN Users", "displayName": "VPN Users"},
        {"objectClass": "group", "objectGUID": guid("finance-ro"), "distinguishedName":
         "CN=Finance Readers,OU=Groups,DC=contoso,DC=com", "sAMAccountName": "Finance Readers",
         "displayName": "Finance Readers"},
        {"objectClass": "contact", "objectGUID": guid("contact-megan"), "distinguishedName":
         "CN=Megan Bowen (Partner),OU=Contacts,DC=contoso,DC=com", "displayName": "Megan Bowen (Partner)",
         "mail": "megan.bowen@contoso.com", "proxyAddresses": ["SMTP:megan.bowen@contoso.com"]},
        {"objectClass": "contact", "objectGUID": guid("contact-fabrikam"), "distinguishedName":
         "CN=Fabrikam Support,OU=Contacts,DC=contoso,DC=com", "displayName": "Fabrikam Support",
         "mail": "support@fabrikam.com", "proxyAddresses": ["SMTP:support@fabrikam.com"]},
        {"objectClass": ["top", "person", "organizationalPerson", "user", "computer"],
         "objectGUID": guid("ws-0142"), "distinguishedName": "CN=WS-0142,OU=Workstations,DC=contoso,DC=com",
         "sAMAccountName": "WS-0142$"},
        {"objectClass": "user", "objectGUID": guid("krbtgt"), "distinguishedName":
         "CN=krbtgt,CN=Users,DC=contoso,DC=com", "sAMAccountName": "krbtgt", "isCriticalSystemObject": True},
        {"objectClass": "user", "objectGUID": guid("msol"), "distinguishedName":
         "CN=MSOL_0a1b2c3d4e5f,CN=Users,DC=contoso,DC=com", "sAMAccountName": "MSOL_0a1b2c3d4e5f"},
        user("nora.quist", "Nora", "Quist", "Sales",
             proxyAddresses="Microsoft.ActiveDirectory.Management.ADPropertyValueCollection"),
        user("omar.reyes", "Omar", "Reyes", "Sales", objectGUID="System.Byte[]"),
    ]
    return {"kind": "onprem", "objects": objects}


def cloud() -> dict:
    """The Entra tenant export."""
    users = [
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e01", "adele.vance@contoso.com", "Adele Vance (Cloud)",
                   department="Sales EU", jobTitle="Sales Manager", mobilePhone="+1 425 555 0109",
                   officeLocation="Redmond 18/2111"),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e02", "alex.wilber@contoso.com", "Alex Wilber",
                   department="Marketing", jobTitle="Marketing Assistant", companyName="Contoso Ltd"),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e03", "megan.bowen@contoso.com", "Megan Bowen",
                   department="Marketing", city="Pittsburgh"),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e04", "lynne.robbins@contoso.com", "Lynne Robbins",
                   department="IT", assignedRoles=["Global Administrator"]),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e05", "nestor.wilke@contoso.com", "Nestor Wilke",
                   department="Operations", onPremisesImmutableId=immutable_id(guid("nestor.wilke")),
                   onPremisesSyncEnabled=True),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e06", "grady.archie@contoso.com", "Grady Archie",
                   department="R&D", onPremisesImmutableId=immutable_id(guid("grady.archie"))),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e07", "isaiah.langer@contoso.com", "Isaiah Langer",
                   onPremisesImmutableId=immutable_id(guid("isaiah.langer.2019")), onPremisesSyncEnabled=True),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e08", "johanna.lorenz@contoso.com", "Johanna Lorenz",
                   department="Engineering", eligibleRoles=["Exchange Administrator"], jobTitle="Team Lead"),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e09", "miriam.graham@contoso.com", "Miriam Graham",
                   department="IT", assignedRoles=["Privileged Role Administrator"]),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e0a", "break.glass@contoso.onmicrosoft.com",
                   "Emergency Access", assignedRoles=["Global Administrator"]),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e0b", "svc-teams-rooms@contoso.com", "Teams Rooms"),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e0c", "old.payroll@contoso.com", "Payroll (old)",
                   onPremisesImmutableId=immutable_id(guid("payroll-2018")), onPremisesSyncEnabled=True),
        cloud_user("5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e0d", "debra.berger@contoso.com", "Debra Berger",
                   mail="debra@contoso.com", proxyAddresses=["SMTP:debra@contoso.com", "smtp:db@contoso.com"],
                   department="Sales", jobTitle="Administrative Assistant", businessPhones=["+1 206 555 0110"]),
    ]
    deleted = [{"id": "5c1e0a3f-2b7d-4f4e-9d3a-0a1b2c3d4e10", "userPrincipalName": "joni.sherman@contoso.com",
                "onPremisesImmutableId": immutable_id(guid("joni.sherman")), "onPremisesSyncEnabled": True,
                "deletedDateTime": "2026-10-22T14:05:00Z", "displayName": "Joni Sherman", "department": "Legal"}]
    groups = [
        {"id": "8f0d4c2a-1111-4e5e-8d1f-0a1b2c3d4e20", "displayName": "Sales Team", "mailEnabled": True,
         "securityEnabled": False, "mail": "sales@contoso.com", "proxyAddresses": ["SMTP:sales@contoso.com"],
         "onPremisesSyncEnabled": None, "description": "Sales distribution list"},
        {"id": "8f0d4c2a-1111-4e5e-8d1f-0a1b2c3d4e21", "displayName": "VPN Users", "mailEnabled": False,
         "securityEnabled": True, "mail": None, "proxyAddresses": [], "onPremisesSyncEnabled": None},
    ]
    return {"kind": "cloud",
            "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                       "domains": [{"name": "contoso.com", "isVerified": True},
                                   {"name": "contoso.onmicrosoft.com", "isVerified": True}],
                       "features": {"blockSoftMatchEnabled": False, "softMatchOnUpnEnabled": True,
                                    "blockCloudObjectTakeoverThroughHardMatchEnabled": False}},
            "users": users, "groups": groups, "contacts": [], "deletedUsers": deleted}


def settings() -> dict:
    """Settings of the run."""
    return {"sourceAnchor": "mS-DS-ConsistencyGuid", "passwordHashSync": True, "now": NOW}


def write(directory: Path) -> tuple[Path, Path, Path]:
    """Write the example files; return their paths (onprem, cloud, settings)."""
    paths = (directory / "onprem" / "contoso.json", directory / "cloud" / "contoso.json", directory / "settings.json")
    for path, data in zip(paths, (onprem(), cloud(), settings()), strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


if __name__ == "__main__":
    print("\n".join(str(p) for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "."))))
