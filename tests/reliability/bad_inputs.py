"""Hostile export files: hypothesis strategies and named cases shared by the reader and the API campaigns."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLES = [path.read_bytes() for path in sorted(EXAMPLES.glob("*/*")) if path.is_file()]
GUID = "3ab39606-c642-489b-84b6-58c038d3ef39"
USER = {"objectClass": "user", "objectGUID": GUID, "distinguishedName": "CN=Adam,OU=Staff,DC=contoso,DC=com",
        "sAMAccountName": "adam", "userPrincipalName": "adam@contoso.com", "mail": "adam@contoso.com",
        "proxyAddresses": ["SMTP:adam@contoso.com"]}
CLOUD_USER = {"id": "11111111-1111-1111-1111-111111111111", "userPrincipalName": "adam@contoso.com",
              "mail": "adam@contoso.com", "proxyAddresses": ["SMTP:adam@contoso.com"], "onPremisesImmutableId": None}

# Reader bugs this campaign found (all fixed since); the fuzzers would let an entry here through.
KNOWN_READER_BUGS: tuple = ()

ATTRIBUTES = ["objectGUID", "ObjectGUID", "objectSid", "objectClass", "ObjectClass", "distinguishedName",
              "userPrincipalName", "mail", "proxyAddresses", "mS-DS-ConsistencyGuid", "sAMAccountName",
              "onPremisesImmutableId", "id", "deletedDateTime", "tenant", "domains", "features", "users", "groups",
              "contacts", "deletedUsers", "objects", "kind", "value", "isVerified", "initialDomain", "memberOf",
              "whenChanged", "userAccountControl", "displayName", "AdditionalProperties", "@odata.type"]
ODD_TEXT = ["", " ", "\u0000", "\ufeff", "null", "None", "System.Object[]", "not-a-guid", "{" + GUID + "}",
            GUID.upper(), "00000000-0000-0000-0000-000000000000", "CN=,DC=", "a@", "@b", "SMTP:", "smtp:x@y",
            "x" * 3000, "\u202e", "é", "\U0001F600", "1e309", "-0", "=cmd|' /C calc'!A0", "\r\n", "DC=contoso,DC=com"]
HOSTILE_TEXT = st.sampled_from(ODD_TEXT) | st.text(max_size=40)
HOSTILE_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | HOSTILE_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(ATTRIBUTES) | HOSTILE_TEXT,
                                                                      children, max_size=4),
    max_leaves=12,
)


@st.composite
def hostile_objects(draw: st.DrawFn) -> dict:
    """A directory object whose attributes are replaced, removed or added with hostile values."""
    obj = dict(draw(st.sampled_from([USER, CLOUD_USER])))
    for name in draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=5)):
        if draw(st.booleans()):
            obj[name] = draw(HOSTILE_VALUE)
        else:
            obj.pop(name, None)
    return obj


@st.composite
def hostile_documents(draw: st.DrawFn) -> bytes:
    """A snapshot of hostile objects in one of the shapes exports have, in one of the encodings they use."""
    objects = draw(st.lists(hostile_objects(), min_size=1, max_size=4))
    shape = draw(st.sampled_from(["onprem", "cloud", "graph", "list", "ndjson", "tenant"]))
    if shape == "ndjson":
        text = "\n".join(json.dumps(obj) for obj in objects)
    else:
        document = {"onprem": {"kind": "onprem", "objects": objects}, "cloud": {"kind": "cloud", "users": objects},
                    "graph": {"value": objects}, "list": objects,
                    "tenant": {"kind": "cloud", "tenant": draw(HOSTILE_VALUE), "users": objects}}[shape]
        text = json.dumps(document)
    return encode(draw, text)


def encode(draw: st.DrawFn, text: str) -> bytes:
    """`text` in an encoding an export may have, sometimes truncated."""
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-16", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


def known_reader_bug(exc: BaseException) -> bool:
    """True for an exception from a reader bug already reported (see KNOWN_READER_BUGS)."""
    return any(isinstance(exc, kind) and text in str(exc) for kind, text in KNOWN_READER_BUGS)


def gzipped(data: bytes) -> bytes:
    """gzip, as `Compress-Archive` users and `curl --data-binary @x.gz` send it."""
    return gzip.compress(data, mtime=0)


def onprem_json(*objects: dict) -> bytes:
    """A canonical on-prem snapshot."""
    return json.dumps({"kind": "onprem", "objects": list(objects)}).encode()


def deeply_nested(levels: int) -> bytes:
    """An array nested `levels` deep."""
    return b"[" * levels + b"]" * levels


def nulls_everywhere() -> bytes:
    """Every attribute of every object null, and null objects."""
    return json.dumps({"kind": "onprem", "objects": [{name: None for name in USER}, None, {}]}).encode()


def many_proxy_addresses(count: int = 10_000) -> dict:
    """One user with `count` proxyAddresses."""
    return {**USER, "proxyAddresses": ["SMTP:adam@contoso.com", *(f"smtp:a{n}@contoso.com" for n in range(count))]}
