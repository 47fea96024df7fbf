"""Builders for canonical snapshots, so that each engine test states only what matters.

Expected values (anchors, GUIDs) are computed here with the standard library, independently of
the engine: an anchor is base64 of the GUID's bytes in .NET Guid.ToByteArray() order.
"""

from __future__ import annotations

import base64
import uuid
import zlib
from datetime import datetime, timedelta

from service.engine import evaluate

NOW = "2026-11-01T00:00:00Z"
DOMAIN = "contoso.com"
INITIAL = "contoso.onmicrosoft.com"
OMIT = object()  # pass as an attribute value to leave the attribute out

# matching-rules.md R2 test vectors: GUID -> ImmutableId.
VECTORS = {
    "3ab39606-c642-489b-84b6-58c038d3ef39": "BpazOkLGm0iEtljAONPvOQ==",
    "f7cc07d7-7c15-447d-876d-c01b0e5a9e38": "1wfM9xV8fUSHbcAbDlqeOA==",
    "a15df3dc-4416-414b-8b7d-5fbdcb5743c1": "3PNdoRZES0GLfV+9y1dDwQ==",
}
WRONG_BIG_ENDIAN = "OrOWBsZCSJuEtljAONPvOQ=="  # big-endian bytes of the first vector: wrong

OUTCOMES = {"hardMatch", "softMatch", "reanimate", "provision", "duplicate", "error", "skipped"}
ERROR_CODES = {"AttributeValueMustBeUnique", "InvalidSoftMatch", "InvalidHardMatch", "ObjectTypeMismatch",
               "ExistingAdminRoleConflict", "IdentityDataValidationFailed", "LargeObject", "InvalidSourceAnchor",
               "AttributeUpdateNotAllowed"}
UNIQUE_ATTRIBUTES = {"UserPrincipalName", "ProxyAddresses", "OnPremiseSecurityIdentifier", "SourceAnchor",
                     "SipProxyAddress"}


# --- values -------------------------------------------------------------------------------------

def guid_for(name: str) -> str:
    """A stable GUID for a test object's name."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"syncmatch-test:{name}"))


def anchor_of(guid: str) -> str:
    """ImmutableId of a GUID: base64 of Guid.ToByteArray() (first three fields little-endian)."""
    return base64.b64encode(uuid.UUID(str(guid)).bytes_le).decode("ascii")


def guid_of_anchor(anchor: str) -> str:
    """The GUID an ImmutableId was made from."""
    return str(uuid.UUID(bytes_le=base64.b64decode(anchor)))


def raw_bytes(guid: str) -> bytes:
    """The 16 bytes AD stores for a GUID (ToByteArray order)."""
    return uuid.UUID(str(guid)).bytes_le


def sid_for(name: str) -> str:
    """A stable, distinct objectSid for a test object's name."""
    return f"S-1-5-21-1004336348-1177238915-682003330-{zlib.crc32(name.encode()) % 2_000_000_000 + 1000}"


def days_before(days: float, now: str = NOW) -> str:
    """An ISO-8601 timestamp `days` before `now`."""
    moment = datetime.fromisoformat(now.replace("Z", "+00:00")) - timedelta(days=days)
    return moment.isoformat().replace("+00:00", "Z")


def _clean(record: dict) -> dict:
    """Drop attributes set to OMIT."""
    return {k: v for k, v in record.items() if v is not OMIT}


# --- on-premises objects -------------------------------------------------------------------------

def user(name: str, *, smtp: str | None = None, proxies: list | None = None, consistency_guid: object = OMIT,
         object_class: str = "user", **attrs: object) -> dict:
    """An on-premises user contoso\\name with UPN name@contoso.com; `smtp` adds a primary SMTP address."""
    record = {"objectClass": object_class, "objectGUID": guid_for(name),
              "distinguishedName": f"CN={name},OU=Staff,DC=contoso,DC=com", "sAMAccountName": name,
              "userPrincipalName": f"{name}@{DOMAIN}", "objectSid": sid_for(name)}
    if smtp:
        record["proxyAddresses"] = [f"SMTP:{smtp}"]
    if proxies is not None:
        record["proxyAddresses"] = list(proxies)
    record["mS-DS-ConsistencyGuid"] = consistency_guid
    record.update(attrs)
    return _clean(record)


def group(name: str, *, smtp: str | None = None, **attrs: object) -> dict:
    """An on-premises group; with `smtp` it is mail-enabled (mail and a primary SMTP proxy)."""
    record = {"objectClass": "group", "objectGUID": guid_for(name),
              "distinguishedName": f"CN={name},OU=Groups,DC=contoso,DC=com", "sAMAccountName": name,
              "displayName": name, "objectSid": sid_for(name)}
    if smtp:
        record.update(mail=smtp, proxyAddresses=[f"SMTP:{smtp}"])
    record.update(attrs)
    return _clean(record)


def contact(name: str, *, smtp: str | None = None, **attrs: object) -> dict:
    """An on-premises contact with an external address."""
    record = {"objectClass": "contact", "objectGUID": guid_for(name),
              "distinguishedName": f"CN={name},OU=Contacts,DC=contoso,DC=com", "displayName": name}
    if smtp:
        record.update(mail=smtp, proxyAddresses=[f"SMTP:{smtp}"])
    record.update(attrs)
    return _clean(record)


def onprem(*objects: dict) -> dict:
    """A canonical on-premises snapshot."""
    return {"kind": "onprem", "objects": [dict(o) for o in objects]}


# --- cloud objects -------------------------------------------------------------------------------

class CloudRecord(dict):
    """A cloud record that knows which section of the cloud snapshot it belongs to."""

    section = "users"


def _record(section: str, values: dict) -> CloudRecord:
    record = CloudRecord(_clean(values))
    record.section = section
    return record


def cloud_user(cloud_id: str, upn: str | None = None, *, smtp: str | None = None, proxies: list | None = None,
               immutable_id: str | None = None, synced: bool | None = None, sid: str | None = None,
               roles: tuple = (), eligible: tuple = (), deleted: str | None = None, **attrs: object) -> CloudRecord:
    """A cloud user (cloud-managed unless `synced`); `smtp` adds a primary SMTP proxy address."""
    values = {"id": cloud_id, "userPrincipalName": upn or f"{cloud_id}@{DOMAIN}", "mail": smtp,
              "proxyAddresses": list(proxies) if proxies is not None else ([f"SMTP:{smtp}"] if smtp else []),
              "onPremisesImmutableId": immutable_id, "onPremisesSyncEnabled": synced,
              "onPremisesSecurityIdentifier": sid, "deletedDateTime": deleted,
              "assignedRoles": list(roles), "eligibleRoles": list(eligible)}
    values.update(attrs)
    return _record("users", values)


def cloud_group(cloud_id: str, name: str | None = None, *, smtp: str | None = None,
                mail_enabled: bool | None = None, synced: bool | None = None, **attrs: object) -> CloudRecord:
    """A cloud group; mail-enabled when it has an address unless told otherwise."""
    enabled = bool(smtp) if mail_enabled is None else mail_enabled
    values = {"id": cloud_id, "displayName": name or cloud_id, "mailEnabled": enabled,
              "securityEnabled": not enabled, "mail": smtp,
              "proxyAddresses": [f"SMTP:{smtp}"] if smtp else [], "onPremisesSyncEnabled": synced}
    values.update(attrs)
    return _record("groups", values)


def cloud_contact(cloud_id: str, smtp: str, **attrs: object) -> CloudRecord:
    """A cloud mail contact."""
    values = {"id": cloud_id, "displayName": cloud_id, "mail": smtp, "proxyAddresses": [f"SMTP:{smtp}"]}
    values.update(attrs)
    return _record("contacts", values)


def deleted_user(cloud_id: str, immutable_id: str, deleted: str, **attrs: object) -> CloudRecord:
    """A soft-deleted cloud user, as listed under deletedUsers."""
    values = {"id": cloud_id, "onPremisesImmutableId": immutable_id, "deletedDateTime": deleted}
    values.update(attrs)
    return _record("deletedUsers", values)


def tenant(*records: CloudRecord, features: dict | None = None, domains: tuple = (DOMAIN,),
           unverified: tuple = (), initial: str | None = INITIAL) -> dict:
    """A canonical cloud snapshot: verified `domains`, the takeover flags off, UPN matching on."""
    snapshot: dict = {"kind": "cloud", "tenant": {
        "initialDomain": initial,
        "domains": [{"name": d, "isVerified": True} for d in domains]
        + [{"name": d, "isVerified": False} for d in unverified],
        "features": {"blockSoftMatchEnabled": False, "blockCloudObjectTakeoverThroughHardMatchEnabled": False,
                     "softMatchOnUpnEnabled": True, **(features or {})}},
        "users": [], "groups": [], "contacts": [], "deletedUsers": []}
    for record in records:
        snapshot[record.section].append(dict(record))
    return snapshot


# --- running and reading -------------------------------------------------------------------------

def run(objects: list | tuple, cloud: dict | None = None, **settings: object) -> dict:
    """Evaluate on-premises objects against a tenant; settings use the contract's names."""
    merged = {"now": NOW, **settings}
    return evaluate(onprem(*objects), cloud if cloud is not None else tenant(), merged)


def result_for(report: dict, obj: dict | str) -> dict:
    """The result of one on-premises object (the builder's dict, an objectGUID or a DN)."""
    key = str(obj.get("objectGUID") or obj.get("distinguishedName") if isinstance(obj, dict) else obj).lower()
    found = [r for r in report["results"]
             if key in (str(r["object"].get("objectGUID")).lower(), str(r["object"].get("distinguishedName")).lower())]
    assert len(found) == 1, f"{len(found)} results for {key}"
    return found[0]


def only(report: dict) -> dict:
    """The single result of a one-object report."""
    assert len(report["results"]) == 1, report["results"]
    return report["results"][0]


def single(objects: list | tuple, cloud: dict | None = None, **settings: object) -> dict:
    """Evaluate and return the result of the first object."""
    return result_for(run(objects, cloud, **settings), objects[0])


def error_set(result: dict) -> set:
    """Exact set of errors, written Code or Code:Attribute."""
    return {f"{e['code']}:{e['attribute']}" if e.get("attribute") else e["code"] for e in result["errors"]}


def codes(items: list) -> set:
    """Every Code and Code:Attribute among errors or warnings."""
    out = set()
    for item in items:
        out.add(item["code"])
        if item.get("attribute"):
            out.add(f"{item['code']}:{item['attribute']}")
    return out


def errors_of(result: dict, code: str, attribute: str | None = None) -> list:
    """The errors of one code (and attribute)."""
    return [e for e in result["errors"] if e["code"] == code and (attribute is None or e.get("attribute") == attribute)]


def warnings_of(result: dict, code: str) -> list:
    """The warnings of one code."""
    return [w for w in result["warnings"] if w["code"] == code]


def warning_codes(result: dict) -> set:
    """The codes of a result's warnings."""
    return {w["code"] for w in result["warnings"]}


def finding_codes(report: dict) -> set:
    """The codes of the report's tenant findings."""
    return {f["code"] for f in report["tenantFindings"]}


def powershell(result: dict) -> str:
    """Every remediation command of a result, one per line."""
    return "\n".join(step["powershell"] for step in result["remediation"])


def ps_quote(value: str) -> str:
    """A PowerShell single-quoted string."""
    return "'" + value.replace("'", "''") + "'"
