"""Redis out of memory or out of disk while a snapshot or a job is stored: a clear 503, nothing half-stored."""

from __future__ import annotations

import json
import os
import re

import psutil
from reliability_support import Stack, assert_problem, guid
from service_support import soft_match_payload, wait_until

from service.adapters.blobs import PENDING_TTL

CHUNK = 64 * 1024
CHUNK_KEY = re.compile(r":snapshot:[0-9a-f]{32}:data:\d+$")
ROOM = 2 * 1024 * 1024


def noise_ndjson(count: int) -> bytes:
    """AD users whose descriptions are random hex, so that gzip cannot shrink the snapshot below Redis' room."""
    return b"".join(json.dumps({"objectClass": "user", "objectGUID": guid(9, number),
                                "userPrincipalName": f"n{number}@contoso.com",
                                "description": os.urandom(2048).hex()}).encode() + b"\n" for number in range(count))


def _assert_storage_full(response) -> None:
    problem = assert_problem(response, 503)
    assert problem["type"] == "urn:syncmatch:problem:storage-full"
    assert "full" in problem["detail"]
    assert int(response.headers["Retry-After"]) > 0


def test_out_of_memory_on_upload_is_a_503_and_stores_nothing(stack: Stack) -> None:
    redis = stack.start_redis("--maxmemory-policy", "noeviction")
    api = stack.start_api(SYNCMATCH_CHUNK_BYTES=str(CHUNK))
    kept = api.snapshot_id("onprem", noise_ndjson(5))
    before = stack.keys("*")
    with redis.client() as client:
        client.config_set("maxmemory", client.info("memory")["used_memory"] + ROOM)
        big = noise_ndjson(1500)  # about 3 MiB compressed: dozens of chunks fit before Redis refuses
        _assert_storage_full(api.upload("onprem", big))
        _assert_storage_full(api.request("POST", "/v1/jobs", json={**soft_match_payload(), "onprem": {
            "kind": "onprem", "objects": [json.loads(line) for line in big.splitlines()]}}))
        assert stack.keys("*") == before  # no chunk, header, input or job record of the refused requests
        assert api.request("GET", f"/v1/snapshots/{kept}").status_code == 200
        client.config_set("maxmemory", 0)
    assert api.upload("onprem", big).status_code == 201  # room again: the same upload succeeds


def test_a_full_disk_on_upload_is_a_503_and_leaves_nothing_visible_or_lasting(stack: Stack) -> None:
    redis = stack.start_redis("--appendonly", "yes", "--appendfsync", "everysec")
    api = stack.start_api(SYNCMATCH_CHUNK_BYTES=str(CHUNK))
    server = psutil.Process(redis.process.pid)
    aof = redis.data_dir / "appendonly.aof"
    server.rlimit(psutil.RLIMIT_FSIZE, (aof.stat().st_size + ROOM, psutil.RLIM_INFINITY))  # the disk has 2 MiB left
    _assert_storage_full(api.upload("onprem", noise_ndjson(1500)))
    leftovers = stack.keys("snapshot:*")  # Redis refuses every write, the clean-up's DEL included
    assert leftovers and all(CHUNK_KEY.search(key) for key in leftovers)  # chunks only: no header, no metadata
    with redis.client() as client:
        assert all(0 < client.ttl(key) <= PENDING_TTL for key in leftovers)  # gone within the hour, not the day
    server.rlimit(psutil.RLIMIT_FSIZE, (psutil.RLIM_INFINITY, psutil.RLIM_INFINITY))  # space freed
    wait_until(lambda: api.upload("onprem", noise_ndjson(5)).status_code == 201, timeout=30)
