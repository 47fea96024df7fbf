"""Canonical attribute names: AD and Graph names are case-insensitive, the engine reads one spelling."""

from __future__ import annotations

from typing import Any

ONPREM = (
    "objectGUID", "objectClass", "objectSid", "mS-DS-ConsistencyGuid", "distinguishedName", "sAMAccountName",
    "userPrincipalName", "mail", "proxyAddresses", "mailNickname", "isCriticalSystemObject", "displayName",
    "userCertificate", "userSMIMECertificate", "givenName", "sn", "title", "department", "company",
    "telephoneNumber", "mobile", "physicalDeliveryOfficeName", "streetAddress", "l", "st", "postalCode", "co",
    "employeeID", "employeeType", "facsimileTelephoneNumber", "preferredLanguage", "description",
    "msExchRecipientTypeDetails", "msExchMailboxGuid", "msRTCSIP-PrimaryUserAddress", "groupType", "member",
    "memberCount", "msExchHideFromAddressLists",
)
CLOUD = (
    "id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
    "onPremisesSecurityIdentifier", "deletedDateTime", "assignedRoles", "eligibleRoles", "displayName",
    "givenName", "surname", "jobTitle", "department", "companyName", "businessPhones", "mobilePhone",
    "officeLocation", "streetAddress", "city", "state", "postalCode", "country", "employeeId", "employeeType",
    "faxNumber", "mailNickname", "preferredLanguage", "description", "mailEnabled", "securityEnabled",
    "onPremisesObjectIdentifier", "onPremisesSyncBehavior", "assignedLicenses", "provisionedPlans", "hasMailbox",
)
ONPREM_TABLE = {n.lower(): n for n in ONPREM}
CLOUD_TABLE = {n.lower(): n for n in CLOUD}
MAX_SHAPES = 4096

# Exports repeat a handful of key sets ("shapes"): the renaming plan is worked out once per shape.
_plans: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}


def canonical(record: dict[str, Any], table: dict[str, Any]) -> dict[str, Any]:
    """The record with known attribute names spelled canonically (the record itself when they already are)."""
    shape = (id(table), *record)
    try:
        plan = _plans[shape]
    except KeyError:
        plan = _remember(shape, table)
    return record if plan is None else dict(zip(plan, record.values(), strict=True))


def _remember(shape: tuple[Any, ...], table: dict[str, Any]) -> tuple[Any, ...] | None:
    """Work out and keep the plan of a shape not seen yet (the cache is emptied when full)."""
    plan = _plan(shape[1:], table)
    if len(_plans) >= MAX_SHAPES:
        _plans.clear()
    _plans[shape] = plan
    return plan


def _plan(keys: tuple[Any, ...], table: dict[str, Any]) -> tuple[Any, ...] | None:
    """The canonical names for a shape, or None when it needs no renaming."""
    names = tuple(table.get(str(k).lower(), k) for k in keys)
    return None if names == keys else names


def lookup(record: dict[str, Any], name: str, table: dict[str, Any]) -> object:
    """An attribute by any spelling of its name (for names chosen at run time, such as a custom anchor)."""
    known = table.get(name.lower())
    if known is not None:
        return record.get(known)
    wanted = name.lower()
    return next((v for k, v in record.items() if str(k).lower() == wanted), None)
