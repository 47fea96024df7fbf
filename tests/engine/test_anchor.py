"""Anchor conversions (`conversions()`): GUID <-> ImmutableId <-> hex <-> bytes <-> connector-space DN."""

from __future__ import annotations

import base64
import uuid

import pytest
from builders import VECTORS, WRONG_BIG_ENDIAN, raw_bytes

from service.engine import AnchorError, conversions


def expected(guid: str) -> dict:
    raw = raw_bytes(guid)
    anchor = base64.b64encode(raw).decode()
    return {"objectGUID": guid, "immutableId": anchor, "hex": raw.hex(), "bytes": list(raw),
            "connectorSpaceDn": "CN={" + anchor.encode("ascii").hex() + "}"}


def check(forms: dict, guid: str) -> None:
    want = expected(guid)
    assert forms["objectGUID"] == want["objectGUID"]
    assert forms["immutableId"] == want["immutableId"]
    assert forms["hex"].lower().replace(" ", "") == want["hex"]
    assert list(forms["bytes"]) == want["bytes"]
    assert forms["connectorSpaceDn"].lower() == want["connectorSpaceDn"].lower()


def inputs(guid: str) -> dict:
    raw = raw_bytes(guid)
    want = expected(guid)
    return {
        "canonical": guid,
        "braces": "{" + guid + "}",
        "upper": guid.upper(),
        "braces-upper": "{" + guid.upper() + "}",
        "immutableId": want["immutableId"],
        "hex-pairs": raw.hex(" "),
        "hex-pairs-upper": raw.hex("-").upper(),
        "guid-digits": guid.replace("-", ""),
        "guid-digits-upper": guid.replace("-", "").upper(),
        "bytes-json": str(list(raw)),
        "bytes-lines": "\n".join(str(b) for b in raw),
        "bytes-spaces": " ".join(str(b) for b in raw),
        "connector-space": want["connectorSpaceDn"],
        "connector-space-upper": want["connectorSpaceDn"].upper(),
        "padded": "  " + guid + "\n",
    }


CASES = [(g, name, value) for g in sorted(VECTORS) for name, value in inputs(g).items()]


@pytest.mark.parametrize(("guid", "form", "value"), CASES, ids=[f"{g[:8]}-{f}" for g, f, _ in CASES])
def test_every_form_converts_to_every_other(guid, form, value):
    check(conversions(value), guid)


@pytest.mark.parametrize(("guid", "anchor"), sorted(VECTORS.items()))
def test_vectors(guid, anchor):
    assert conversions(guid)["immutableId"] == anchor
    assert conversions(anchor)["objectGUID"] == guid


def test_connector_space_form_is_hex_of_the_base64_text():
    anchor = VECTORS["3ab39606-c642-489b-84b6-58c038d3ef39"]
    dn = conversions(anchor)["connectorSpaceDn"]
    assert dn.startswith("CN={") and dn.endswith("}")
    assert bytes.fromhex(dn[4:-1]).decode("ascii") == anchor


def test_big_endian_encoding_is_wrong():
    guid = "3ab39606-c642-489b-84b6-58c038d3ef39"
    assert conversions(guid)["immutableId"] != WRONG_BIG_ENDIAN
    # Read as an ImmutableId, the wrong value is some other GUID: its bytes taken in ToByteArray order.
    other = str(uuid.UUID(bytes_le=base64.b64decode(WRONG_BIG_ENDIAN)))
    assert other != guid
    assert conversions(WRONG_BIG_ENDIAN)["objectGUID"] == other


@pytest.mark.parametrize("value", [
    "hello",
    "",
    "3ab39606-c642-489b-84b6-58c038d3ef3",   # one digit short
    "3ab39606-c642-489b-84b6-58c038d3ef39a",
    base64.b64encode(b"x" * 15).decode(),     # 15 bytes
    base64.b64encode(b"x" * 17).decode(),     # 17 bytes
    "0" * 31,
    "0" * 33,
    str(list(range(15))),
    str([256, *range(15)]),
    "CN={ZZ}",
])
def test_invalid_values_raise_anchor_error(value):
    with pytest.raises(AnchorError):
        conversions(value)
