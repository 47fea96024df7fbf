"""Helpers for the reader tests: where the examples are and which attributes must agree."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Attributes the engine reads: every format must agree on these.
ONPREM_MATCHING = [
    "objectClass", "objectGUID", "mS-DS-ConsistencyGuid", "distinguishedName", "sAMAccountName",
    "userPrincipalName", "mail", "proxyAddresses", "mailNickname", "objectSid", "isCriticalSystemObject",
    "displayName", "givenName", "sn", "department", "title", "userCertificate",
]
USER_MATCHING = [
    "id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
    "onPremisesSecurityIdentifier", "deletedDateTime", "assignedRoles", "eligibleRoles", "displayName",
    "department",
]
GROUP_MATCHING = ["id", "displayName", "mailEnabled", "securityEnabled", "mail", "proxyAddresses",
                  "onPremisesSyncEnabled"]
CONTACT_MATCHING = ["id", "displayName", "mail", "proxyAddresses"]
DELETED_MATCHING = ["id", "onPremisesImmutableId", "deletedDateTime"]


def matching_view(data: dict) -> list[dict]:
    """Only the attributes on-prem matching depends on, per object."""
    return [{k: o[k] for k in ONPREM_MATCHING if k in o} for o in data["objects"]]


def cloud_view(data: dict) -> dict:
    """Only what cloud matching depends on."""
    def pick(items: list[dict], keys: list[str]) -> list[dict]:
        return [{k: item.get(k) for k in keys} for item in items]

    tenant = data["tenant"]
    return {
        "initialDomain": tenant["initialDomain"],
        "domains": sorted((d["name"], d["isVerified"]) for d in tenant["domains"]),
        "features": tenant["features"],
        "users": pick(data["users"], USER_MATCHING),
        "groups": pick(data["groups"], GROUP_MATCHING),
        "contacts": pick(data["contacts"], CONTACT_MATCHING),
        "deletedUsers": pick(data["deletedUsers"], DELETED_MATCHING),
    }


def pascal(value: object) -> object:
    """Graph JSON re-cased as Microsoft Graph PowerShell objects serialize it (PascalCase, AdditionalProperties)."""
    if isinstance(value, dict):
        out = {k if k.startswith("@") else k[:1].upper() + k[1:]: pascal(v) for k, v in value.items()
               if not k.startswith("@")}
        out["AdditionalProperties"] = {k: v for k, v in value.items() if k == "@odata.type"}
        return out
    if isinstance(value, list):
        return [pascal(v) for v in value]
    return value
