"""Results pages read from the per-filter streams: the same pages, cursors and bytes as filtering every result.

Reports are stored with 7 results per chunk, so that pages, filters and cursors cross many chunk boundaries.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import replace

import pytest
from redis.exceptions import ResponseError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from service.adapters import reports
from service.adapters.blobs import GZIP_WBITS
from service.api import create_app
from service.api import results as results_api

PER_CHUNK = 7
OBJECTS = PER_CHUNK * 23 + 3
TTL = 3600
UNIQUE, ANCHOR = "AttributeValueMustBeUnique", "InvalidSourceAnchor"
NAMES = ("Zoë Ångström", "名前 テスト", "emoji 😀 astral", "tab\tand\nnewline", 'quote " and \\ backslash',
         "brace },{ comma", "del \x7f char", "line separator \u2028 here", "plain ascii")
SINGLE_FILTERS = [{}, {"outcome": "error"}, {"outcome": "duplicate"}, {"outcome": "skipped"}, {"errorCode": ANCHOR},
                  {"errorCode": UNIQUE}, {"errorCode": "NoSuchCode"}]
COMBINED_FILTERS = [{"outcome": "error", "errorCode": UNIQUE}, {"outcome": "error", "errorCode": ANCHOR},
                    {"outcome": "duplicate", "errorCode": UNIQUE}, {"outcome": "softMatch", "errorCode": ANCHOR},
                    {"outcome": "skipped", "errorCode": UNIQUE}]
LIMITS = (1, 6, 7, 8, 13, 14, 15, 1000)


def outcome_of(number: int) -> str:
    """Errors every 5th, rare duplicates scattered over the chunks, the rest in turn."""
    if number % 5 == 0:
        return "error"
    if number % 17 == 3:
        return "duplicate"
    return ("hardMatch", "softMatch", "provision")[number % 3]


def errors_of(number: int) -> list[dict]:
    """Unique-value errors every 3rd (twice every 33rd), a rare anchor error every 11th."""
    errors = []
    if number % 3 == 0:
        errors.append({"code": UNIQUE, "attribute": "ProxyAddresses", "blocking": True, "message": f"clash {number}"})
    if number % 11 == 0:
        errors.append({"code": ANCHOR, "blocking": True, "message": NAMES[number % len(NAMES)]})
    if number % 33 == 0:
        errors.append({"code": UNIQUE, "attribute": "UserPrincipalName", "blocking": True, "message": "again"})
    return errors


def synthetic_report() -> dict:
    """A report whose results have every filter scattered, and strings that JSON must escape."""
    results = [{"object": {"objectGUID": f"00000000-0000-0000-0000-{number:012d}", "objectClass": "user",
                           "displayName": NAMES[number % len(NAMES)]},
                "sourceAnchor": base64.b64encode(number.to_bytes(16, "little")).decode(),
                "outcome": outcome_of(number), "match": None if number % 4 else {"cloudId": str(number)},
                "errors": errors_of(number), "warnings": [], "remediation": [{"action": "none", "powershell": "#"}]}
               for number in range(OBJECTS)]
    return {"summary": {"objects": OBJECTS, "safeToSync": False}, "tenantFindings": [], "results": results,
            "cloudOrphans": [], "cloudOnly": 0}


def passes(result: dict, params: dict) -> bool:
    """Whether a result passes the query's filters."""
    if "outcome" in params and result["outcome"] != params["outcome"]:
        return False
    return "errorCode" not in params or any(e["code"] == params["errorCode"] for e in result["errors"])


def walked(results: list[dict], params: dict) -> list[dict]:
    """The results the listing walks: those of the filter with fewer results (every result with no filter)."""
    options = [(sum(passes(r, {field: params[field]}) for r in results), field, params[field])
               for field in ("outcome", "errorCode") if field in params]
    if not options:
        return results
    _, field, name = min(options)
    return [r for r in results if passes(r, {field: name})]


def expected_page(results: list[dict], params: dict, start: int, limit: int,
                  budget: int) -> tuple[list[dict], int | None]:
    """The page and next offset as defined: walk from `start`, keep what passes, `budget` candidates at most."""
    candidates = walked(results, params)
    found, offset = [], start
    while offset < len(candidates) and len(found) < limit and offset - start < budget:
        offset += 1
        if passes(candidates[offset - 1], params):
            found.append(candidates[offset - 1])
    return found, (offset if offset < len(candidates) else None)


def jsonify_bytes(page: list[dict], limit: int, total: int | None, cursor: str | None) -> bytes:
    """The page as Flask's jsonify writes it."""
    return (json.dumps({"results": page, "limit": limit, "total": total, "next": cursor},
                       separators=(",", ":")) + "\n").encode()


def cursor_offset(cursor: str) -> int:
    """The offset a cursor carries."""
    return int(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")[1])


@pytest.fixture
def app(idle_settings):
    """The API on a queue no worker takes jobs from, without a rate limit."""
    app = create_app(replace(idle_settings, rate_limit=None))
    app.testing = True
    return app


def store_synthetic(app, monkeypatch, soft_match_job) -> dict:
    """A finished job whose report is the synthetic one, stored PER_CHUNK results per chunk."""
    monkeypatch.setattr(reports, "RESULTS_PER_CHUNK", PER_CHUNK)
    client = app.test_client()
    job_id = client.post("/v1/jobs", json=soft_match_job).json["id"]
    handles = app.extensions["syncmatch"]
    Job.fetch(job_id, connection=handles.redis, serializer=JSONSerializer).set_status(JobStatus.FINISHED)
    report = synthetic_report()
    handles.reports.save(job_id, report, "<html></html>", "# script", TTL)
    return {"client": client, "job": job_id, "report": report, "store": handles.reports, "redis": handles.redis}


@pytest.fixture
def stored(app, monkeypatch, soft_match_job):
    """The synthetic report of a finished job, stored as a worker stores it."""
    return store_synthetic(app, monkeypatch, soft_match_job)


def report_keys(stored: dict) -> list[bytes]:
    """Every key of the stored report."""
    return list(stored["redis"].scan_iter(f"{stored['store'].key(stored['job'])}*", count=1000))


def walk(stored: dict, params: dict, limit: int, accept: str | None = None) -> list:
    """Every page of a listing, following `next`: the responses."""
    pages, cursor = [], None
    while True:
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = stored["client"].get(f"/v1/jobs/{stored['job']}/results", query_string=query,
                                        headers={"Accept": accept} if accept else {})
        assert response.status_code == 200, response.data
        pages.append(response)
        cursor = None if accept else response.json["next"]
        if cursor is None:
            return pages


@pytest.mark.parametrize("params", SINGLE_FILTERS, ids=str)
def test_single_filter_pages_hold_the_filtered_results_with_their_cursors(stored, params):
    results = stored["report"]["results"]
    expected = [r for r in results if passes(r, params)]
    for limit in LIMITS:
        seen, start = [], 0
        for response in walk(stored, params, limit):
            page, next_offset = expected_page(results, params, start, limit, results_api.SCAN_BUDGET)
            cursor = response.json["next"]
            assert (cursor_offset(cursor) if cursor else None) == next_offset
            assert response.data == jsonify_bytes(page, limit, len(expected), cursor)
            assert response.headers.get("Link", "").endswith('>; rel="next"') == bool(cursor)
            seen += response.json["results"]
            start = next_offset or 0
        assert seen == expected


@pytest.mark.parametrize("params", [{}, {"outcome": "duplicate"}, {"errorCode": UNIQUE}], ids=str)
def test_a_page_may_start_at_any_offset_of_a_filter(stored, params):
    results = stored["report"]["results"]
    expected = [r for r in results if passes(r, params)]
    cursors = [response.json["next"] for response in walk(stored, params, 1)][:-1]
    for offset, cursor in enumerate(cursors, 1):
        for limit in (PER_CHUNK - 1, PER_CHUNK, PER_CHUNK + 1, 3 * PER_CHUNK):
            body = stored["client"].get(f"/v1/jobs/{stored['job']}/results",
                                        query_string={**params, "limit": limit, "cursor": cursor}).json
            next_offset = offset + limit if offset + limit < len(expected) else None
            assert body["results"] == expected[offset:offset + limit]
            assert (cursor_offset(body["next"]) if body["next"] else None) == next_offset


@pytest.mark.parametrize("params", COMBINED_FILTERS, ids=str)
def test_combined_filters_walk_the_smaller_filter_within_the_scan_budget(stored, monkeypatch, params):
    monkeypatch.setattr(results_api, "SCAN_BUDGET", 10)
    results = stored["report"]["results"]
    expected = [r for r in results if passes(r, params)]
    for limit in (1, 3, PER_CHUNK, 100):
        seen, start = [], 0
        for response in walk(stored, params, limit):
            page, next_offset = expected_page(results, params, start, limit, 10)
            cursor = response.json["next"]
            assert (cursor_offset(cursor) if cursor else None) == next_offset
            assert response.data == jsonify_bytes(page, limit, None, cursor)
            seen += response.json["results"]
            start = next_offset or 0
        assert seen == expected


def test_the_whole_report_splices_the_stored_chunks(stored):
    response = stored["client"].get(f"/v1/jobs/{stored['job']}/report")
    assert response.status_code == 200
    assert response.json == stored["report"]


def test_every_key_of_a_report_expires_and_delete_removes_every_one(stored):
    store, redis, report = stored["store"], stored["redis"], stored["report"]
    keys = report_keys(stored)
    streams = reports.indexes(report["results"])
    chunks = {name: -(-len(positions) // PER_CHUNK) for name, positions in streams.items()}
    assert sum(b":fchunk:" in key for key in keys) == sum(chunks.values())
    assert not [key for key in keys if b":index:" in key]
    for (field, name), count in chunks.items():
        assert redis.exists(store.chunk_key(stored["job"], (field, name), count - 1))
        assert not redis.exists(store.chunk_key(stored["job"], (field, name), count))
    assert all(0 < redis.ttl(key) <= TTL for key in keys)

    assert stored["client"].delete(f"/v1/jobs/{stored['job']}").status_code == 204
    assert report_keys(stored) == []


def test_a_report_whose_saving_failed_leaves_no_key(stored, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise ResponseError("OOM command not allowed when used memory > 'maxmemory'.")

    monkeypatch.setattr(stored["store"].blobs, "write", refuse)
    stored["store"].delete(stored["job"])
    with pytest.raises(ResponseError):
        stored["store"].save(stored["job"], stored["report"], "<html></html>", "# script", TTL)
    assert report_keys(stored) == []


def test_a_chunk_gone_while_reading_answers_410(stored):
    stored["redis"].delete(stored["store"].chunk_key(stored["job"], ("outcome", "duplicate"), 0))
    response = stored["client"].get(f"/v1/jobs/{stored['job']}/results", query_string={"outcome": "duplicate"})
    assert response.status_code == 410
    assert response.json["type"].endswith("report-expired")


def one_member(data: bytes) -> bytes:
    """Inflate a gzip stream that must be a single member (Windows PowerShell reads the first member only)."""
    inflater = zlib.decompressobj(GZIP_WBITS)
    out = inflater.decompress(data)
    assert inflater.eof and inflater.unused_data == b""
    return out


def test_the_gzip_download_is_the_stored_chunks_spliced(stored, monkeypatch):
    """One gzip member that inflates to the identity download's bytes, made without inflating a stored chunk."""
    plain = stored["client"].get(f"/v1/jobs/{stored['job']}/report")
    assert json.loads(plain.data) == stored["report"]

    def no_inflating(*_args):
        raise AssertionError("a stored chunk was inflated")

    monkeypatch.setattr(reports, "_inflate", no_inflating)
    gzipped = stored["client"].get(f"/v1/jobs/{stored['job']}/report", headers={"Accept-Encoding": "gzip"})
    assert gzipped.status_code == 200 and gzipped.headers["Content-Encoding"] == "gzip"
    assert one_member(gzipped.data) == plain.data


def test_a_report_stored_in_layout_2_downloads_both_ways(app, monkeypatch, soft_match_job):
    """A report a worker stored before layout 3 (gzip chunks, no CRC in its manifest) reads and downloads the same."""
    monkeypatch.setattr(reports, "LAYOUT", 2)
    monkeypatch.setattr(reports, "_piece", reports._gzip)
    stored = store_synthetic(app, monkeypatch, soft_match_job)
    client, job_id, report, handles = stored["client"], stored["job"], stored["report"], app.extensions["syncmatch"]
    handles.redis.hdel(handles.reports.key(job_id), "crc", "bytes")
    assert handles.reports.manifest(job_id)["layout"] == 2
    monkeypatch.undo()
    plain = client.get(f"/v1/jobs/{job_id}/report")
    assert json.loads(plain.data) == report
    gzipped = client.get(f"/v1/jobs/{job_id}/report", headers={"Accept-Encoding": "gzip"})
    assert one_member(gzipped.data) == plain.data
    page = client.get(f"/v1/jobs/{job_id}/results", query_string={"outcome": "duplicate", "limit": 1000}).json
    assert page["results"] == [r for r in report["results"] if r["outcome"] == "duplicate"]
