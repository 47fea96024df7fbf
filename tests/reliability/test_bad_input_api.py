"""The upload and job endpoints under hostile input, in-process: never a 5xx, every refusal explained."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace

import pytest
from bad_inputs import (
    ATTRIBUTES,
    HOSTILE_VALUE,
    USER,
    deeply_nested,
    gzipped,
    hostile_documents,
    many_proxy_addresses,
    nulls_everywhere,
    onprem_json,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service_support import soft_match_payload
from test_bad_input_readers import damaged_samples

from service.api import create_app
from service.readers import FORMATS

PROBLEM = "application/problem+json"
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
CONTENT_TYPES = [None, "application/json", "application/x-ndjson", "text/csv", "application/octet-stream",
                 "text/plain; charset=utf-16", "application/xml", "image/png", "application/x-www-form-urlencoded",
                 "multipart/form-data; boundary=x", "application/json; charset=latin-1", "*/*", ";;;"]
ENCODINGS = [None, "gzip", "x-gzip", "identity", "br", "deflate", "GZIP", "gzip, gzip"]
KINDS = ["onprem", "cloud", "", "both", "ONPREM", None]


@pytest.fixture(scope="module")
def api(settings):
    """The app on the session's Redis, without a rate limit (the fuzzers send hundreds of requests)."""
    app = create_app(replace(settings, rate_limit=None, chunk_bytes=4096))
    app.testing = True
    return app.test_client()


def explained(response, *allowed: int) -> None:
    """Not a 5xx; a refusal is problem+json with a detail; a success is the documented JSON."""
    assert response.status_code < 500, response.get_data()[:500]
    if allowed:
        assert response.status_code in allowed, response.get_data()[:500]
    if response.status_code >= 400:
        assert response.mimetype == PROBLEM
        problem = response.get_json()
        assert problem["status"] == response.status_code and problem["title"] and problem["detail"]
    else:
        assert response.mimetype == "application/json"


def upload(api, body: bytes, kind: str | None = "onprem", content_type: str | None = None,
           encoding: str | None = None, fmt: str | None = None):
    """POST /v1/snapshots with the given parts (None leaves a part out)."""
    query = "&".join(f"{name}={value}" for name, value in (("kind", kind), ("format", fmt)) if value is not None)
    headers = {"Content-Encoding": encoding} if encoding else {}
    return api.post(f"/v1/snapshots?{query}", data=body, content_type=content_type, headers=headers)


@FUZZ
@given(body=hostile_documents() | damaged_samples() | st.binary(max_size=400), kind=st.sampled_from(KINDS),
       content_type=st.sampled_from(CONTENT_TYPES), encoding=st.sampled_from(ENCODINGS), compress=st.booleans(),
       fmt=st.none() | st.sampled_from([*FORMATS, "xml"]))
def test_upload_fuzz(api, body, kind, content_type, encoding, compress, fmt) -> None:
    response = upload(api, gzipped(body) if compress else body, kind, content_type, encoding, fmt)
    explained(response)
    if response.status_code == 201:
        snapshot = response.get_json()
        assert snapshot["kind"] in ("onprem", "cloud") and snapshot["objects"] >= 0 and snapshot["rejected"] >= 0


JOB_FIELDS = st.sampled_from(["onprem", "cloud", "onpremSnapshot", "cloudSnapshot", "settings", "callbackUrl",
                              *ATTRIBUTES])


@st.composite
def job_bodies(draw: st.DrawFn) -> bytes:
    """A job request with fields replaced by hostile values, sometimes not JSON at all."""
    payload = soft_match_payload()
    for name in draw(st.lists(JOB_FIELDS, max_size=4)):
        payload[name] = draw(HOSTILE_VALUE)
    text = json.dumps(payload)
    if draw(st.integers(0, 4)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16", "utf-32"])))


@FUZZ
@given(body=job_bodies(), content_type=st.sampled_from(["application/json", "application/json; charset=utf-8",
                                                         "text/plain", None]))
def test_job_fuzz(api, body, content_type) -> None:
    explained(api.post("/v1/jobs", data=body, content_type=content_type))


@pytest.mark.parametrize("body", [gzipped(onprem_json(USER))[:-10], gzipped(onprem_json(USER))[:40], b"\x1f\x8b",
                                  gzipped(gzipped(onprem_json(USER))[:-10])], ids=["tail", "half", "magic", "nested"])
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "sniffed"])
def test_truncated_gzip_is_a_422(api, body: bytes, declared: bool) -> None:
    response = upload(api, body, encoding="gzip" if declared else None)
    explained(response, 422)
    assert "gzip" in response.get_json()["detail"]


@pytest.mark.parametrize(("content_type", "encoding"), [("application/x-www-form-urlencoded", None),
                                                        ("multipart/form-data; boundary=x", None), (None, "br"),
                                                        (None, "deflate")])
def test_uploads_as_forms_or_in_unknown_encodings_are_415(api, content_type, encoding) -> None:
    explained(upload(api, onprem_json(USER), content_type=content_type, encoding=encoding), 415)


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded", None])
def test_jobs_not_sent_as_json_are_415(api, content_type) -> None:
    explained(api.post("/v1/jobs", data=json.dumps(soft_match_payload()), content_type=content_type), 415)


def test_an_upload_nested_100000_levels_is_a_422(api) -> None:
    response = upload(api, deeply_nested(100_000))
    explained(response, 422)
    assert response.get_json()["code"] == "TooDeep"


@pytest.mark.parametrize("body", [deeply_nested(100_000), b'{"onprem":' * 100_000 + b"1" + b"}" * 100_000])
def test_a_job_nested_100000_levels_is_a_400(api, body: bytes) -> None:
    response = api.post("/v1/jobs", data=body, content_type="application/json")
    explained(response, 400)
    assert "nested too deeply" in response.get_json()["detail"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_accepted(api, encoding: str) -> None:
    response = upload(api, onprem_json(USER).decode().encode(encoding))
    explained(response, 201)
    assert response.get_json()["objects"] == 1


def test_invalid_guids_are_counted_as_rejected(api) -> None:
    response = upload(api, onprem_json(USER, {**USER, "objectGUID": "not-a-guid"}))
    explained(response, 201)
    assert (response.get_json()["objects"], response.get_json()["rejected"]) == (1, 1)


def test_a_job_with_only_invalid_guids_fails_with_the_field_named(api) -> None:
    payload = {**soft_match_payload(), "onprem": {"kind": "onprem", "objects": [{**USER, "objectGUID": "nope"}]}}
    response = api.post("/v1/jobs", json=payload)
    explained(response, 202)  # inline input is read by the worker; tests/integration checks the failed job's problem


def test_duplicate_keys_keep_the_last_value(api) -> None:
    body = (b'{"kind": "onprem", "objects": [{"objectClass": "user", "objectGUID": "not-a-guid", '
            b'"objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39", "distinguishedName": "CN=A,DC=contoso,DC=com"}]}')
    response = upload(api, body)
    explained(response, 201)
    assert (response.get_json()["objects"], response.get_json()["rejected"]) == (1, 0)


@pytest.mark.parametrize(("kind", "body"), [("onprem", nulls_everywhere()), ("onprem", b"null"),
                                            ("onprem", b'{"kind": null, "objects": null}'),
                                            ("cloud", b'{"kind": "cloud", "tenant": null, "users": [null]}')])
def test_nulls_everywhere_are_explained(api, kind: str, body: bytes) -> None:
    explained(upload(api, body, kind=kind), 422)


def test_a_job_of_nulls_is_a_422_naming_each_field(api) -> None:
    response = api.post("/v1/jobs", json={"onprem": None, "cloud": None, "settings": None, "callbackUrl": None,
                                          "onpremSnapshot": None, "cloudSnapshot": None})
    explained(response, 422)
    assert {error["pointer"] for error in response.get_json()["errors"]} >= {"/onprem", "/cloud"}


def test_an_unpaired_surrogate_in_an_upload_is_a_422(api) -> None:
    response = upload(api, onprem_json({**USER, "displayName": "Adam \ud83d"}))
    explained(response, 422)
    assert "surrogate" in response.get_json()["detail"]


def test_an_unpaired_surrogate_in_an_inline_job_is_a_422(api) -> None:
    payload = soft_match_payload()
    payload["onprem"]["objects"][0]["displayName"] = "Adam \ud83d"
    response = api.post("/v1/jobs", data=json.dumps(payload), content_type="application/json")
    explained(response, 422)
    assert "surrogate" in response.get_json()["errors"][0]["detail"]


def test_ten_thousand_proxy_addresses_upload(api) -> None:
    response = upload(api, gzip.compress(onprem_json(many_proxy_addresses())), encoding="gzip")
    explained(response, 201)
    assert response.get_json()["objects"] == 1
