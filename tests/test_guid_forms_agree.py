"""The readers and the engine read every objectGUID form the same way (the CLI reads first, the API may not)."""

import json
import uuid

import pytest

from service.engine import evaluate
from service.readers import read_snapshot

GUID = uuid.UUID("3ab39606-c642-489b-84b6-58c038d3ef39")
FORMS = {"text": str(GUID), "braces-upper": "{" + str(GUID).upper() + "}", "digits": GUID.hex,
         "base64": "BpazOkLGm0iEtljAONPvOQ==", "bytes": list(GUID.bytes_le)}
CLOUD = {"kind": "cloud", "tenant": {"initialDomain": "contoso.onmicrosoft.com"}}


def onprem(value: object) -> dict:
    """One user with the given objectGUID form."""
    return {"kind": "onprem", "objects": [{"objectClass": "user", "objectGUID": value, "sAMAccountName": "adam",
                                           "distinguishedName": "CN=Adam,DC=contoso,DC=com"}]}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_readers_and_engine_give_the_same_anchor(form):
    direct = evaluate(onprem(FORMS[form]), CLOUD)["results"][0]
    read = read_snapshot(json.dumps(onprem(FORMS[form])).encode(), kind="onprem").data
    through_reader = evaluate(read, CLOUD)["results"][0]
    assert direct["sourceAnchor"] == through_reader["sourceAnchor"] == "BpazOkLGm0iEtljAONPvOQ=="
    assert direct["object"]["objectGUID"] == through_reader["object"]["objectGUID"] == str(GUID)


CHAINS = [["top", "person", "organizationalPerson", "user"],
          ["top", "person", "organizationalPerson", "user", "computer", "msDS-ManagedServiceAccount"],
          ["top", "person", "organizationalPerson", "user", "inetOrgPerson"], ["top", "group"],
          ["top", "person", "organizationalPerson", "contact"]]


@pytest.mark.parametrize("chain", CHAINS, ids=lambda chain: chain[-1])
def test_readers_and_engine_give_the_same_object_class(chain):
    record = {"kind": "onprem", "objects": [{"objectClass": chain, "objectGUID": str(GUID), "sAMAccountName": "x",
                                             "distinguishedName": "CN=X,DC=contoso,DC=com"}]}
    direct = evaluate(record, CLOUD)["results"][0]
    read = read_snapshot(json.dumps(record).encode(), kind="onprem").data
    through_reader = evaluate(read, CLOUD)["results"][0]
    assert direct["object"]["objectClass"] == through_reader["object"]["objectClass"] == chain[-1]
    assert direct["outcome"] == through_reader["outcome"]
