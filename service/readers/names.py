"""Canonical attribute names (matched case-insensitively) and which attributes hold lists."""

from __future__ import annotations

ONPREM_ATTRIBUTES = [
    "objectGUID", "objectSid", "mS-DS-ConsistencyGuid", "distinguishedName", "sAMAccountName",
    "userPrincipalName", "mail", "proxyAddresses", "mailNickname", "objectClass",
    "isCriticalSystemObject", "displayName", "givenName", "sn", "initials", "title", "department",
    "company", "division", "telephoneNumber", "mobile", "facsimileTelephoneNumber", "homePhone", "pager",
    "ipPhone", "physicalDeliveryOfficeName", "streetAddress", "postOfficeBox", "l", "st", "postalCode",
    "co", "c", "countryCode", "employeeID", "employeeNumber", "employeeType", "userCertificate",
    "userSMIMECertificate", "otherMailbox", "otherTelephone", "otherMobile", "otherHomePhone",
    "otherFacsimileTelephoneNumber", "otherIpPhone", "otherPager", "memberOf", "member", "manager",
    "description", "info", "cn", "name", "objectCategory", "userAccountControl", "whenCreated",
    "whenChanged", "uSNCreated", "uSNChanged", "pwdLastSet", "lastLogonTimestamp", "accountExpires",
    "targetAddress", "msExchRecipientTypeDetails", "msExchHideFromAddressLists", "msExchMailboxGuid",
    "msDS-ExternalDirectoryObjectId", "servicePrincipalName", "sIDHistory", "thumbnailPhoto", "jpegPhoto",
    "wWWHomePage", "url", "middleName", "o", "groupType", "managedBy", "showInAddressBook",
    "legacyExchangeDN", "preferredLanguage", "extensionAttribute1", "extensionAttribute2",
    "extensionAttribute3", "extensionAttribute4", "extensionAttribute5", "extensionAttribute6",
    "extensionAttribute7", "extensionAttribute8", "extensionAttribute9", "extensionAttribute10",
    "extensionAttribute11", "extensionAttribute12", "extensionAttribute13", "extensionAttribute14",
    "extensionAttribute15", "userWorkstations", "dNSHostName", "operatingSystem", "Enabled", "LockedOut",
    "PasswordNeverExpires", "PasswordExpired", "CannotChangePassword", "SmartcardLogonRequired",
    "TrustedForDelegation", "AccountNotDelegated", "ProtectedFromAccidentalDeletion", "showInAdvancedViewOnly",
    "isDeleted", "msRTCSIP-PrimaryUserAddress", "memberCount",
]

# Friendly names the ActiveDirectory module adds next to the LDAP ones.
ONPREM_ALIASES = {
    "sid": "objectSid",
    "emailaddress": "mail",
    "surname": "sn",
    "city": "l",
    "state": "st",
    "country": "c",
    "office": "physicalDeliveryOfficeName",
    "officephone": "telephoneNumber",
    "mobilephone": "mobile",
    "fax": "facsimileTelephoneNumber",
    "homepage": "wWWHomePage",
    "certificates": "userCertificate",
    "organization": "o",
    "othername": "middleName",
    "pobox": "postOfficeBox",
    "serviceprincipalnames": "servicePrincipalName",
    "members": "member",
    "created": "whenCreated",
    "modified": "whenChanged",
    "dn": "distinguishedName",
}

ONPREM_MULTI_VALUED = frozenset(
    [
        "proxyAddresses", "objectClass", "userCertificate", "userSMIMECertificate", "otherMailbox",
        "otherTelephone", "otherMobile", "otherHomePhone", "otherFacsimileTelephoneNumber",
        "otherIpPhone", "otherPager", "memberOf", "member", "servicePrincipalName", "sIDHistory", "url",
        "showInAddressBook"
    ]
)

# Byte-valued attributes: GUIDs and SIDs are decoded, the rest kept as base64.
ONPREM_GUIDS = frozenset({"objectGUID", "mS-DS-ConsistencyGuid", "msExchMailboxGuid"})
ONPREM_SIDS = frozenset({"objectSid", "sIDHistory", "msExchMasterAccountSid"})
ONPREM_BINARY = frozenset({"userCertificate", "userSMIMECertificate", "thumbnailPhoto", "jpegPhoto"})
ONPREM_BOOLEANS = frozenset(
    {"isCriticalSystemObject", "msExchHideFromAddressLists", "Enabled", "LockedOut", "PasswordNeverExpires",
     "PasswordExpired", "CannotChangePassword", "SmartcardLogonRequired", "TrustedForDelegation",
     "AccountNotDelegated", "ProtectedFromAccidentalDeletion", "showInAdvancedViewOnly", "isDeleted"}
)

# Attributes the engine reads: a broken value here rejects the record instead of being dropped.
ONPREM_MATCHING = frozenset(
    [
        "objectGUID", "objectSid", "mS-DS-ConsistencyGuid", "distinguishedName", "sAMAccountName",
        "userPrincipalName", "mail", "proxyAddresses", "mailNickname", "objectClass",
        "isCriticalSystemObject",
    ]
)

# PowerShell ADEntity bookkeeping, not attributes.
PS_BOOKKEEPING = frozenset(
    {"propertynames", "addedproperties", "removedproperties", "modifiedproperties", "propertycount"}
)

CLOUD_ATTRIBUTES = [
    "id", "userPrincipalName", "mail", "proxyAddresses", "onPremisesImmutableId", "onPremisesSyncEnabled",
    "onPremisesSecurityIdentifier", "onPremisesDistinguishedName", "onPremisesSamAccountName",
    "onPremisesDomainName", "onPremisesUserPrincipalName", "onPremisesLastSyncDateTime",
    "deletedDateTime", "assignedRoles", "eligibleRoles", "displayName", "givenName", "surname",
    "jobTitle", "department", "companyName", "businessPhones", "mobilePhone", "officeLocation",
    "streetAddress", "city", "state", "postalCode", "country", "employeeId", "mailEnabled",
    "securityEnabled", "mailNickname", "groupTypes", "accountEnabled", "userType", "createdDateTime",
    "usageLocation", "otherMails", "imAddresses", "phones", "addresses", "description", "visibility",
    "isAssignableToRole", "membershipRule", "onPremisesExtensionAttributes",
    # (2026-12) hard-match protections, Source of Authority, licences and mailboxes
    "onPremisesObjectIdentifier", "onPremisesSyncBehavior", "assignedLicenses", "assignedPlans", "provisionedPlans",
    "hasMailbox",
]

CLOUD_MULTI_VALUED = frozenset(
    {"proxyAddresses", "businessPhones", "assignedRoles", "eligibleRoles", "groupTypes", "otherMails", "imAddresses",
     "assignedLicenses", "assignedPlans", "provisionedPlans"}
)
CLOUD_BOOLEANS = frozenset({"onPremisesSyncEnabled", "mailEnabled", "securityEnabled", "accountEnabled", "hasMailbox"})
CLOUD_SIDS = frozenset({"onPremisesSecurityIdentifier"})

FEATURE_NAMES = [
    "blockSoftMatchEnabled", "blockCloudObjectTakeoverThroughHardMatchEnabled", "softMatchOnUpnEnabled",
    "passwordSyncEnabled", "passwordWritebackEnabled", "deviceWritebackEnabled",
    "directoryExtensionsEnabled", "userWritebackEnabled", "groupWriteBackEnabled",
    "cloudPasswordPolicyForPasswordSyncedUsersEnabled", "concurrentCredentialUpdateEnabled",
    "concurrentOrgIdProvisioningEnabled", "fopeConflictResolutionEnabled",
    "quarantineUponProxyAddressesConflictEnabled", "quarantineUponUpnConflictEnabled",
    "synchronizeUpnForManagedUsersEnabled", "unifiedGroupWritebackEnabled",
    "userForcePasswordChangeOnLogonEnabled", "bypassDirSyncOverridesEnabled",
    "allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled",
]


def _index(names: list[str]) -> dict[str, str]:
    """Lower-case name -> canonical name."""
    return {name.lower(): name for name in names}


_ONPREM = _index(ONPREM_ATTRIBUTES)
_CLOUD = _index(CLOUD_ATTRIBUTES)
_FEATURES = _index(FEATURE_NAMES)


def onprem_name(raw: str) -> tuple[str, bool]:
    """Canonical on-prem attribute name, and whether `raw` was a PowerShell alias."""
    base = raw.split(";", 1)[0].strip()  # LDIF options: userCertificate;binary, member;range=0-1499
    key = base.lower()
    if key in _ONPREM:
        return _ONPREM[key], False
    if key in ONPREM_ALIASES:
        return ONPREM_ALIASES[key], True
    return base, False


def cloud_name(raw: str) -> str:
    """Canonical cloud property name; unknown names are kept as they are."""
    return _CLOUD.get(raw.lower(), raw)


def feature_name(raw: str) -> str:
    """Canonical name of an onPremisesSynchronization feature flag."""
    return _FEATURES.get(raw.lower(), raw)
