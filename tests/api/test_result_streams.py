"""Results pages of a report written by a real worker: every filter, alone and combined, pages through exactly
the results that filtering the whole report gives; every stored key expires, and DELETE removes them all."""

from __future__ import annotations

import base64
import gzip
import itertools

import pytest
from snapshot_data import NOW, cloud_graph, onprem_ndjson

from service.adapters.queue import connect
from service.adapters.reports import RESULTS_PER_CHUNK

OBJECTS = RESULTS_PER_CHUNK * 12 + 34


@pytest.fixture(scope="module")
def job(base_url) -> dict:
    """A finished job on generated snapshots, and its whole report."""
    from api_support import ACME_KEY, Api

    acme = Api(base_url, ACME_KEY)
    onprem = acme.upload("onprem", onprem_ndjson(OBJECTS), headers={"Content-Type": "application/x-ndjson"})
    cloud = acme.upload("cloud", gzip.compress(cloud_graph(OBJECTS)), headers={"Content-Encoding": "gzip"})
    created = acme.post("/v1/jobs", json={"onpremSnapshot": onprem.json()["id"], "cloudSnapshot": cloud.json()["id"],
                                          "settings": {"now": NOW}})
    view = acme.finished(created.json()["id"])
    assert view["status"] == "finished", view
    return {"id": view["id"], "report": acme.get(f"/v1/jobs/{view['id']}/report").json()}


def passes(result: dict, params: dict) -> bool:
    """Whether a result passes the query's filters."""
    return (result["outcome"] == params.get("outcome", result["outcome"])
            and ("errorCode" not in params or any(e["code"] == params["errorCode"] for e in result["errors"])))


def filters(summary: dict) -> list[dict]:
    """Every outcome and error code of the report alone, and every pair of them."""
    outcomes = [{"outcome": name} for name in summary["outcomes"]]
    codes = [{"errorCode": name} for name in summary["errors"]]
    return [{}, *outcomes, *codes, *({**a, **b} for a, b in itertools.product(outcomes, codes))]


def cursor_offset(cursor: str) -> int:
    """The offset a cursor carries."""
    return int(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")[1])


def test_every_filter_pages_through_exactly_its_results(job, acme):
    results = job["report"]["results"]
    assert len(results) == OBJECTS
    assert len(job["report"]["summary"]["errors"]) >= 1
    for params, limit in itertools.product(filters(job["report"]["summary"]), (RESULTS_PER_CHUNK - 1, 250)):
        expected = [r for r in results if passes(r, params)]
        single = len(params) < 2
        seen, cursor, offset = [], None, 0
        while True:
            body = acme.get(f"/v1/jobs/{job['id']}/results",
                            params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}).json()
            assert body["total"] == (len(expected) if single else None)
            seen += body["results"]
            cursor = body["next"]
            if single:
                offset += limit
                assert (cursor_offset(cursor) if cursor else None) == (offset if offset < len(expected) else None)
            if cursor is None:
                break
        assert seen == expected, params


def test_every_report_key_expires_and_delete_removes_them_all(job, acme, api_settings):
    client = connect(api_settings.redis_url)
    try:
        keys = list(client.scan_iter(f"{api_settings.namespace}:report:{job['id']}*", count=1000))
        assert any(b":fchunk:" in key for key in keys)
        assert all(0 < client.ttl(key) <= api_settings.result_ttl for key in keys)
        assert acme.delete(f"/v1/jobs/{job['id']}").status_code == 204
        assert list(client.scan_iter(f"{api_settings.namespace}:report:{job['id']}*", count=1000)) == []
    finally:
        client.close()
