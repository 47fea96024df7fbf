"""A two-forest directory for the topology tests: contoso.com (accounts) and fabrikam.com (mailboxes, contacts).

contoso.com holds OU=Staff with OU=Staff/OU=Contractors (excluded in the scope below) and, under it,
OU=Contractors/OU=Keep (included again); OU=Service is under no listed OU. fabrikam.com holds linked
mailboxes of contoso's accounts, a GALSync contact and a user of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

NOW = "2026-11-01T00:00:00Z"
ALICE_SID = "S-1-5-21-1000-1000-1000-1101"
BOB_SID = "S-1-5-21-1000-1000-1000-1102"


def _user(guid: str, dn: str, sam: str, **attrs) -> dict:
    return {"objectClass": ["top", "person", "organizationalPerson", "user"], "objectGUID": guid,
            "distinguishedName": dn, "sAMAccountName": sam, "userAccountControl": 512, **attrs}


def contoso() -> dict:
    """The account forest."""
    staff = "OU=Staff,DC=contoso,DC=com"
    return {"kind": "onprem", "objects": [
        _user("00000000-0000-4000-8000-000000000001", f"CN=Alice,{staff}", "alice", objectSid=ALICE_SID,
              userPrincipalName="alice@contoso.com", mail="alice@contoso.com", extensionAttribute15="Sync"),
        _user("00000000-0000-4000-8000-000000000002", f"CN=Bob,{staff}", "bob", objectSid=BOB_SID,
              userPrincipalName="bob@contoso.com", mail="bob@contoso.com"),
        _user("00000000-0000-4000-8000-000000000003", f"CN=Carl,OU=Contractors,{staff}", "carl",
              userPrincipalName="carl@contoso.com"),
        _user("00000000-0000-4000-8000-000000000004", f"CN=Dora,OU=Keep,OU=Contractors,{staff}", "dora",
              userPrincipalName="dora@contoso.com", mail="dora@contoso.com"),
        _user("00000000-0000-4000-8000-000000000005", "CN=Svc,OU=Service,DC=contoso,DC=com", "svc-app",
              userPrincipalName="svc-app@contoso.com", extensionAttribute15="NoSync"),
        {"objectClass": "group", "objectGUID": "00000000-0000-4000-8000-000000000006",
         "distinguishedName": f"CN=Pilot,{staff}", "sAMAccountName": "Pilot", "groupType": -2147483646,
         "member": [f"CN=Alice,{staff}", f"CN=Inner,{staff}"]},
        {"objectClass": "group", "objectGUID": "00000000-0000-4000-8000-000000000007",
         "distinguishedName": f"CN=Inner,{staff}", "sAMAccountName": "Inner", "groupType": -2147483646,
         "member": [f"CN=Bob,{staff}"]},
    ]}


def fabrikam() -> dict:
    """The resource forest: linked mailboxes of contoso's accounts, a GALSync contact, a user of its own."""
    ou = "OU=Mailboxes,DC=fabrikam,DC=com"
    return {"kind": "onprem", "objects": [
        _user("00000000-0000-4000-8000-000000000011", f"CN=Alice Mailbox,{ou}", "alice.mbx", userAccountControl=514,
              mail="alice@contoso.com", proxyAddresses=["SMTP:alice@contoso.com", "smtp:alice@fabrikam.com"],
              mailNickname="alice", msExchRecipientTypeDetails=2, msExchMasterAccountSid=ALICE_SID,
              userPrincipalName="alice.mbx@fabrikam.com"),
        _user("00000000-0000-4000-8000-000000000012", f"CN=Bob Mailbox,{ou}", "bob.mbx", userAccountControl=514,
              mail="bob@contoso.com", proxyAddresses=["SMTP:bob@contoso.com"], mailNickname="bob",
              msExchRecipientTypeDetails=2, msExchMasterAccountSid=BOB_SID, userPrincipalName="bob.mbx@fabrikam.com"),
        {"objectClass": "contact", "objectGUID": "00000000-0000-4000-8000-000000000013",
         "distinguishedName": "CN=Dora Contact,OU=Contacts,DC=fabrikam,DC=com", "mail": "dora@contoso.com",
         "displayName": "Dora (contoso)"},
        _user("00000000-0000-4000-8000-000000000014", "CN=Erin,OU=Staff,DC=fabrikam,DC=com", "erin",
              userPrincipalName="erin@fabrikam.com", mail="erin@fabrikam.com"),
    ]}


def cloud() -> dict:
    """An empty tenant with both domains verified."""
    return {"kind": "cloud", "tenant": {"initialDomain": "contoso.onmicrosoft.com",
                                        "domains": [{"name": "contoso.com", "isVerified": True},
                                                    {"name": "fabrikam.com", "isVerified": True}],
                                        "features": {"blockSoftMatchEnabled": False,
                                                     "blockCloudObjectTakeoverThroughHardMatchEnabled": False}},
            "users": [], "groups": [], "contacts": [], "deletedUsers": []}


# The scope of the documented outcomes: both domains, Staff included, Contractors excluded, Keep included again,
# and accounts marked NoSync left out.
SCOPE = {"domains": ["contoso.com", "fabrikam.com"],
         "includeOUs": ["OU=Staff,DC=contoso,DC=com", "OU=Keep,OU=Contractors,OU=Staff,DC=contoso,DC=com",
                        "OU=Mailboxes,DC=fabrikam,DC=com", "OU=Contacts,DC=fabrikam,DC=com"],
         "excludeOUs": ["OU=Contractors,OU=Staff,DC=contoso,DC=com"],
         "attributeFilters": [{"attribute": "extensionAttribute15", "operator": "NOT EQUALS", "value": "NoSync"}]}


def write(directory: Path, settings: dict) -> tuple[Path, Path, Path, Path]:
    """The two exports, the tenant and the settings as files."""
    paths = []
    for name, content in (("contoso", contoso()), ("fabrikam", fabrikam()), ("cloud", cloud()),
                          ("settings", {"now": NOW, **settings})):
        path = directory / f"{name}.json"
        path.write_text(json.dumps(content), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], paths[2], paths[3]


def by_guid(report: dict) -> dict:
    """The report's results by objectGUID."""
    return {r["object"]["objectGUID"]: r for r in report["results"]}
