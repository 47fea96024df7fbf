"""Generated exports in non-canonical formats: on-prem NDJSON and a Graph `{"value": [...]}` response."""

from __future__ import annotations

import json
import uuid

NOW = "2025-01-01T00:00:00Z"


def guid(number: int) -> str:
    """A stable objectGUID for on-prem object `number`."""
    return str(uuid.UUID(int=0x3AB39606C642489B84B6000000000000 + number))


def onprem_ndjson(count: int) -> bytes:
    """`count` AD users as NDJSON: every 3rd has a cloud twin, every 25th reuses its neighbour's address."""
    lines = []
    for number in range(count):
        address = f"user{number - 1 if number % 25 == 1 else number}@contoso.com"
        lines.append(json.dumps({
            "objectClass": "user", "objectGUID": guid(number), "sAMAccountName": f"user{number}",
            "distinguishedName": f"CN=User {number},OU=Staff,DC=contoso,DC=com",
            "userPrincipalName": f"user{number}@contoso.com", "mail": address,
            "proxyAddresses": [f"SMTP:{address}"], "displayName": f"User {number}",
        }))
    return ("\n".join(lines) + "\n").encode()


def cloud_graph(count: int) -> bytes:
    """A Graph users response with a cloud twin of every 3rd on-prem user."""
    users = [{"id": str(uuid.UUID(int=number + 1)), "userPrincipalName": f"user{number}@contoso.com",
              "mail": f"user{number}@contoso.com", "proxyAddresses": [f"SMTP:user{number}@contoso.com"],
              "onPremisesImmutableId": None, "onPremisesSyncEnabled": None, "displayName": f"User {number}"}
             for number in range(0, count, 3)]
    return json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": users}).encode()
