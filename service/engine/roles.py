"""Privileged Entra roles: the export's role definitions (isPrivileged), else Microsoft's built-in list.

Microsoft: from July 1, 2026 a hard match onto a cloud user assigned or eligible for a privileged
Microsoft Entra role is blocked (InvalidHardMatch, 103). Which roles are privileged is what the
role definition's isPrivileged says; Learn "Microsoft Entra built-in roles" (permissions-reference)
labels the built-in ones PRIVILEGED. The rules add Exchange Administrator and SharePoint
Administrator, which that page does not label.
Sources: "Configure Entra Connect for an existing tenant" (Hard match security protections),
"Microsoft Entra built-in roles", "Privileged roles and permissions".
"""

from __future__ import annotations

from typing import Any

from .values import as_bool

# Built-in roles labelled PRIVILEGED in permissions-reference, by template id, plus Exchange and SharePoint
# Administrator (named privileged by the matching rules).
PRIVILEGED_BUILTIN = {
    "db506228-d27e-4b7d-95e5-295956d6615f": "Agent ID Administrator",
    "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
    "cf1c38e5-3621-4004-a7cb-879624dced7c": "Application Developer",
    "ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe": "Attribute Provisioning Administrator",
    "422218e4-db15-4ef9-bbe0-8afb41546d79": "Attribute Provisioning Reader",
    "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
    "25a516ed-2fa0-40ea-a2d0-12923a21473a": "Authentication Extensibility Administrator",
    "aaf43236-0c0d-4d5f-883a-6955382ac081": "B2C IEF Keyset Administrator",
    "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
    "7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
    "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
    "9360feb5-f418-4baa-8175-e2a00bac4301": "Directory Writers",
    "8329153b-31d0-4727-b945-745eb3bc5f31": "Domain Name Administrator",
    "29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
    "be2f45a1-457d-42af-a067-6ec1fa63bc45": "External Identity Provider Administrator",
    "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
    "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
    "729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
    "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
    "3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
    "59d46f88-662b-457b-bceb-5c3809e5908f": "Lifecycle Workflows Administrator",
    "4ba39ca4-527c-499a-b93d-d9b492c50246": "Partner Tier1 Support",
    "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8": "Partner Tier2 Support",
    "966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
    "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
    "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
    "194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
    "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f": "Security Operator",
    "5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
    "f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
    "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
}
PRIVILEGED_NAMES = frozenset(name.lower() for name in PRIVILEGED_BUILTIN.values())
_NAME_KEYS = ("displayName", "displayname", "name", "roleName")
_ID_KEYS = ("templateId", "templateid", "roleTemplateId", "id", "roleDefinitionId")


def role_label(entry: object) -> str:
    """The name of a role as an export writes it: text, or an object with displayName."""
    if isinstance(entry, dict):
        if isinstance(entry.get("roleDefinition"), dict):  # an assignment exported with $expand=roleDefinition
            return role_label(entry["roleDefinition"])
        for key in _NAME_KEYS:
            if isinstance(entry.get(key), str) and entry[key].strip():
                return str(entry[key].strip())
        for key in _ID_KEYS:
            if isinstance(entry.get(key), str) and entry[key].strip():
                return str(PRIVILEGED_BUILTIN.get(entry[key].strip().lower(), entry[key].strip()))
        return "unknown role"
    text = str(entry).strip()
    return PRIVILEGED_BUILTIN.get(text.lower(), text)


def definitions(items: object) -> dict[str, Any]:
    """Role definitions that say isPrivileged, by lower-case name and id -> True/False."""
    out: dict[str, Any] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            flag = as_bool(_get(item, "isPrivileged"))
            if flag is not None:
                for key in (*_NAME_KEYS, *_ID_KEYS):
                    value = item.get(key)
                    if isinstance(value, str) and value.strip():
                        out[value.strip().lower()] = flag
    return out


def _get(item: dict[str, Any], name: str) -> object:
    """A key of a role object, whatever its case."""
    wanted = name.lower()
    return next((v for k, v in item.items() if str(k).lower() == wanted), None)


def is_privileged(entry: object, known: dict[str, Any]) -> bool:
    """True for a role marked isPrivileged (on the entry or in the definitions), else on the built-in list."""
    if isinstance(entry, dict) and isinstance(entry.get("roleDefinition"), dict):
        entry = entry["roleDefinition"]
    if isinstance(entry, dict):
        flag = as_bool(_get(entry, "isPrivileged"))
        if flag is not None:
            return flag
        keys = [str(entry[k]).strip().lower() for k in (*_NAME_KEYS, *_ID_KEYS) if isinstance(entry.get(k), str)]
    else:
        keys = [str(entry).strip().lower()]
    for key in keys:
        if key in known:
            return bool(known[key])
    return any(key in PRIVILEGED_NAMES or key in PRIVILEGED_BUILTIN for key in keys)


def privileged(entries: list[Any], known: dict[str, Any]) -> list[str]:
    """The names of the privileged roles among a user's roles."""
    return [role_label(e) for e in entries if is_privileged(e, known)]
