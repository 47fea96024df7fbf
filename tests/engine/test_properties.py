"""Properties over small random directories: conversions, one result per object, counts, determinism, order."""

from __future__ import annotations

import base64
import copy
import json
import uuid
from collections import Counter

from builders import (
    ERROR_CODES,
    OUTCOMES,
    anchor_of,
    cloud_contact,
    cloud_group,
    cloud_user,
    contact,
    days_before,
    deleted_user,
    group,
    onprem,
    tenant,
    user,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from service.engine import conversions, evaluate

FAST = settings(max_examples=150, deadline=None)
NOW = "2026-11-01T00:00:00Z"

NAMES = ["ann", "bob", "cat", "dan"]
DOMAINS = ["contoso.com", "sub.contoso.com", "contoso.local", "fabrikam.com"]
GUIDS = [str(uuid.UUID(int=(i + 1) * 0x1111_2222_3333_4444_5555_6666_7777)) for i in range(6)]
ANCHORS = [anchor_of(g) for g in GUIDS]
SIDS = [f"S-1-5-21-1-2-3-{1100 + i}" for i in range(4)]
ROLES = ["Global Administrator", "User Administrator"]


# --- anchor conversions --------------------------------------------------------------------------------------

@FAST
@given(st.uuids())
def test_guid_to_immutable_id_and_back(guid):
    forms = conversions(str(guid))
    assert base64.b64decode(forms["immutableId"]) == guid.bytes_le
    assert conversions(forms["immutableId"])["objectGUID"] == str(guid)
    assert conversions(forms["hex"])["objectGUID"] == str(guid)
    assert bytes.fromhex(forms["hex"]) == guid.bytes_le
    assert bytes(forms["bytes"]) == guid.bytes_le
    assert conversions(" ".join(map(str, forms["bytes"])))["objectGUID"] == str(guid)
    assert conversions(forms["connectorSpaceDn"])["objectGUID"] == str(guid)
    assert conversions("{" + str(guid).upper() + "}") == forms


@FAST
@given(st.binary(min_size=16, max_size=16))
def test_raw_bytes_round_trip(raw):
    anchor = base64.b64encode(raw).decode()
    forms = conversions(anchor)
    assert forms["immutableId"] == anchor
    assert bytes(forms["bytes"]) == raw
    assert uuid.UUID(forms["objectGUID"]).bytes_le == raw


# --- random directories ---------------------------------------------------------------------------------------
# Strategies are built once: building them inside each draw dominates the run time.

def maybe(strategy):
    return st.one_of(st.none(), strategy)


ADDRESSES = [f"{n}@contoso.com" for n in NAMES]
ALT_ADDRESSES = [f"{n}.alt@contoso.com" for n in NAMES]
S_KIND = st.sampled_from(["user", "user", "user", "inetOrgPerson", "group", "group", "contact", "computer"])
S_NAME = st.sampled_from(NAMES)
S_SMTP = maybe(st.sampled_from(ADDRESSES))
S_CLOUD_SMTP = maybe(st.sampled_from(ADDRESSES + ALT_ADDRESSES))
S_UPN = maybe(st.builds("{}@{}".format, S_NAME, st.sampled_from(DOMAINS)))
S_CLOUD_UPN = st.builds("{}@{}".format, S_NAME, st.sampled_from(["contoso.com", "sub.contoso.com"]))
S_SID = maybe(st.sampled_from(SIDS))
S_GUID = maybe(st.sampled_from(GUIDS))
S_ANCHOR = maybe(st.sampled_from(ANCHORS))
S_DEPARTMENT = maybe(st.sampled_from(["Sales", "IT"]))
S_CRITICAL = st.sampled_from([None, None, None, False, True])
S_GUID_SOURCE = st.sampled_from(["pool", "own", "own", "own", "none"])
S_SYNCED = st.sampled_from([None, False, True])
S_ROLES = st.lists(st.sampled_from(ROLES), max_size=1).map(tuple)
S_EXTRA = st.lists(st.sampled_from([f"smtp:{a}" for a in ALT_ADDRESSES]), max_size=2)
S_DELETED = maybe(st.sampled_from([days_before(d) for d in (1, 29, 31, 60)]))
S_BIN = st.sampled_from([days_before(d) for d in (2, 29, 31, 90)])
S_FEATURES = st.fixed_dictionaries({"blockSoftMatchEnabled": st.booleans(),
                                    "blockCloudObjectTakeoverThroughHardMatchEnabled": st.booleans(),
                                    "softMatchOnUpnEnabled": st.booleans()})


@st.composite
def onprem_object(draw, index: int) -> dict:
    kind = draw(S_KIND)
    label = f"o{index}"
    smtp = draw(S_SMTP)
    source = draw(S_GUID_SOURCE)
    guid = {"pool": draw(st.sampled_from(GUIDS)), "own": str(uuid.UUID(int=index + 1)), "none": None}[source]
    attrs: dict = {"objectGUID": guid,
                   "distinguishedName": f"CN={label},OU=Test,DC=contoso,DC=com", "department": draw(S_DEPARTMENT)}
    if kind in ("user", "inetOrgPerson", "computer"):
        sam = draw(st.sampled_from([label] * 8 + ["krbtgt", label + "$"]))
        attrs.update(userPrincipalName=draw(S_UPN), sAMAccountName=sam, objectSid=draw(S_SID),
                     mailNickname=draw(maybe(S_NAME)), isCriticalSystemObject=draw(S_CRITICAL))
        attrs["mS-DS-ConsistencyGuid"] = draw(S_GUID)
        obj = user(label, smtp=smtp, object_class=kind, **attrs)
        extra = draw(S_EXTRA)
        if extra:
            obj["proxyAddresses"] = obj.get("proxyAddresses", []) + extra
    elif kind == "group":
        obj = group(label, smtp=smtp, displayName=draw(st.sampled_from(["Team", "Sales", label])), **attrs)
    else:
        obj = contact(label, smtp=smtp, **attrs)
    return {k: v for k, v in obj.items() if v is not None}


@st.composite
def cloud_snapshot(draw) -> dict:
    records = []
    for i in range(draw(st.integers(0, 4))):
        records.append(cloud_user(
            f"c-u{i}", draw(S_CLOUD_UPN), smtp=draw(S_CLOUD_SMTP), immutable_id=draw(S_ANCHOR),
            synced=draw(S_SYNCED), sid=draw(S_SID), roles=draw(S_ROLES), eligible=draw(S_ROLES),
            deleted=draw(S_DELETED), department=draw(S_DEPARTMENT)))
    for i in range(draw(st.integers(0, 2))):
        records.append(cloud_group(f"c-g{i}", draw(st.sampled_from(["Team", "Sales"])), smtp=draw(S_SMTP),
                                   synced=draw(S_SYNCED)))
    for i in range(draw(st.integers(0, 1))):
        records.append(cloud_contact(f"c-c{i}", draw(st.sampled_from(ADDRESSES))))
    for i in range(draw(st.integers(0, 2))):
        records.append(deleted_user(f"c-d{i}", draw(st.sampled_from(ANCHORS)), draw(S_BIN)))
    return tenant(*records, features=draw(S_FEATURES))


S_SETTINGS = st.fixed_dictionaries({
    "now": st.just(NOW), "passwordHashSync": st.booleans(),
    "sourceAnchor": st.sampled_from(["mS-DS-ConsistencyGuid", "objectGUID"]),
    "breakGlassAccounts": st.lists(st.sampled_from(["c-u0", "ann@contoso.com"]), max_size=1)})


@st.composite
def directory(draw) -> tuple[dict, dict, dict]:
    count = draw(st.integers(0, 6))
    objects = [draw(onprem_object(i)) for i in range(count)]
    return onprem(*objects), draw(cloud_snapshot()), draw(S_SETTINGS)


def identity(obj: dict) -> str:
    guid = obj.get("objectGUID")
    return str(uuid.UUID(guid)) if guid else obj["distinguishedName"]


def result_identity(result: dict) -> str:
    return result["object"]["objectGUID"] or result["object"]["distinguishedName"]


@FAST
@given(directory())
def test_every_object_gets_exactly_one_result_and_a_documented_outcome(data):
    snapshot, cloud, config = data
    report = evaluate(snapshot, cloud, config)
    assert len(report["results"]) == len(snapshot["objects"])
    assert not report.get("rejected")
    assert Counter(result_identity(r) for r in report["results"]) == Counter(identity(o) for o in snapshot["objects"])
    for result in report["results"]:
        assert result["outcome"] in OUTCOMES
        assert {e["code"] for e in result["errors"]} <= ERROR_CODES
        if result["outcome"] == "error":
            assert any(e["blocking"] for e in result["errors"])
        if any(e["blocking"] for e in result["errors"]):
            assert result["outcome"] == "error"
        if result["outcome"] in ("hardMatch", "softMatch", "reanimate"):
            assert result["match"] and result["match"]["cloudId"]
        if result["outcome"] in ("provision", "skipped"):
            assert result["match"] is None


@FAST
@given(directory())
def test_summary_counts_equal_the_results(data):
    report = evaluate(*data)
    results, summary = report["results"], report["summary"]
    assert summary["objects"] == len(results)
    assert {k: v for k, v in summary["outcomes"].items() if v} == dict(Counter(r["outcome"] for r in results))
    assert summary["errors"] == dict(Counter(e["code"] for r in results for e in r["errors"]))
    assert summary["blocking"] == sum(1 for r in results if any(e["blocking"] for e in r["errors"]))
    assert summary["safeToSync"] is not any(r["outcome"] in ("error", "duplicate") for r in results)


@FAST
@given(directory())
def test_output_is_deterministic(data):
    first = evaluate(*copy.deepcopy(data))
    second = evaluate(*copy.deepcopy(data))
    assert json.dumps(first, sort_keys=False) == json.dumps(second, sort_keys=False)


@FAST
@given(directory())
def test_each_cloud_target_is_matched_by_at_most_one_object(data):
    report = evaluate(*data)
    taken = [r["match"]["cloudId"] for r in report["results"]
             if r["outcome"] in ("hardMatch", "softMatch", "reanimate")]
    assert len(taken) == len(set(taken))


# --- independent objects: order does not matter ------------------------------------------------------------------

@st.composite
def independent_unit(draw, i: int) -> tuple[dict, list]:
    """One on-premises object and cloud objects that only it can relate to (names, anchors and SIDs of its own)."""
    name = f"p{i}"
    guid = str(uuid.UUID(int=0xABC0_0000 + i))
    kind = draw(st.sampled_from(["user", "inetOrgPerson", "group", "contact", "computer"]))
    smtp = draw(maybe(st.just(f"{name}@contoso.com")))
    attrs = {"objectGUID": guid, "objectSid": f"S-1-5-21-7-7-7-{2000 + i}"}
    if kind in ("user", "inetOrgPerson", "computer"):
        upn_domain = draw(st.sampled_from(["contoso.com", "corp.local"]))
        obj = user(name, smtp=smtp, object_class=kind, userPrincipalName=f"{name}@{upn_domain}",
                   mailNickname=name, **attrs)
    elif kind == "group":
        obj = group(name, smtp=smtp, **attrs)
    else:
        obj = contact(name, smtp=smtp or f"{name}@partner.example", **attrs)
    cloud = []
    anchor = anchor_of(guid)
    for j in range(draw(st.integers(0, 2))):
        cid = f"c-{name}-{j}"
        shape = draw(st.sampled_from(["upn", "smtp", "anchor", "deleted", "group", "contact"]))
        synced = draw(st.sampled_from([None, True]))
        roles = tuple(draw(st.lists(st.just("Global Administrator"), max_size=1)))
        if shape == "upn":
            cloud.append(cloud_user(cid, f"{name}@contoso.com", synced=synced, roles=roles,
                                    immutable_id=draw(maybe(st.just(anchor_of(str(uuid.UUID(int=0xDEF0_0000 + i))))))))
        elif shape == "smtp":
            cloud.append(cloud_user(cid, f"{cid}@contoso.com", smtp=f"{name}@contoso.com", synced=synced, roles=roles))
        elif shape == "anchor":
            cloud.append(cloud_user(cid, f"{cid}@contoso.com", immutable_id=anchor, synced=synced, roles=roles))
        elif shape == "deleted":
            cloud.append(deleted_user(cid, anchor, days_before(draw(st.sampled_from([3, 45])))))
        elif shape == "group":
            cloud.append(cloud_group(cid, name, smtp=draw(maybe(st.just(f"{name}@contoso.com"))), synced=synced))
        else:
            cloud.append(cloud_contact(cid, f"{name}@contoso.com" if kind != "contact" else obj["mail"]))
    return obj, cloud


@st.composite
def independent_directory(draw):
    units = [draw(independent_unit(i)) for i in range(draw(st.integers(1, 6)))]
    objects = [u[0] for u in units]
    records = [r for u in units for r in u[1]]
    features = {"blockSoftMatchEnabled": draw(st.booleans()),
                "blockCloudObjectTakeoverThroughHardMatchEnabled": draw(st.booleans()),
                "softMatchOnUpnEnabled": draw(st.booleans())}
    order = draw(st.permutations(range(len(objects))))
    return objects, [objects[k] for k in order], tenant(*records, features=features)


def per_object(report: dict) -> dict:
    return {r["object"]["objectGUID"]: (r["outcome"], (r["match"] or {}).get("cloudId"),
                                        sorted(f"{e['code']}:{e.get('attribute')}" for e in r["errors"]),
                                        sorted(w["code"] for w in r["warnings"]))
            for r in report["results"]}


@FAST
@given(independent_directory())
def test_independent_objects_do_not_depend_on_their_order(data):
    objects, shuffled, cloud = data
    config = {"now": NOW}
    first = per_object(evaluate(onprem(*objects), cloud, config))
    second = per_object(evaluate(onprem(*shuffled), cloud, config))
    assert first == second
    assert len(first) == len(objects)
