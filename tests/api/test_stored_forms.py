"""How snapshots are stored: MessagePack snapshots load as their JSON would; uncompressed blobs."""

from __future__ import annotations

import io
import uuid

import orjson
import pytest
from snapshot_data import onprem_ndjson

from service.adapters import packed
from service.adapters.blobs import Blobs
from service.adapters.queue import connect
from service.adapters.snapshots import SnapshotStore
from service.exceptions import BlobGone
from service.readers import read_snapshot


@pytest.fixture
def connection(settings):
    client = connect(settings.redis_url)
    yield client
    client.close()


def _namespace(settings) -> str:
    return f"{settings.namespace}-stored-{uuid.uuid4().hex[:8]}"


def _as_json(value):
    return orjson.loads(orjson.dumps(value))


def test_packed_pieces_decode_to_what_the_json_text_gives() -> None:
    snapshot = read_snapshot(io.BytesIO(onprem_ndjson(2500)), kind="onprem")
    document = {"kind": snapshot.kind, "warnings": snapshot.warnings, "data": snapshot.data,
                "wide": {str(n): n for n in range(70_000)}, "numbers": [0, -1, 2**64 - 1, -2**63, 1.5, None, True]}
    decoded = packed.loads(b"".join(packed.pieces(document)))
    assert decoded == _as_json(document)
    assert len(decoded["data"]["objects"]) == 2500


@pytest.mark.parametrize("value", [2**64, -2**63 - 1, float("inf"), float("-inf"), float("nan")])
def test_values_json_would_not_give_back_the_same_are_not_packed(value) -> None:
    with pytest.raises(packed.NotPacked):
        b"".join(packed.pieces({"data": {"objects": [{"n": [value]}]}}))


class _Read:
    """A reader's Snapshot, as SnapshotStore.save takes it."""

    def __init__(self, data: dict) -> None:
        self.kind, self.format, self.warnings, self.rejected, self.data = "onprem", "json", [], [], data
        self.objects = len(data["objects"])


@pytest.mark.parametrize("extra, content", [(7, "msgpack"), (2**70, "json")])
def test_a_snapshot_loads_back_as_saved_whichever_form_it_is_stored_in(settings, connection, extra, content):
    store = SnapshotStore(connection, _namespace(settings), 4096)
    data = {"objects": [{"objectGUID": str(uuid.UUID(int=n)), "n": extra, "name": "é" * (n % 50)}
                        for n in range(3000)]}
    store.save("a" * 32, "acme", _Read(data), 1, 60)
    info = store.blobs.info("snapshot:" + "a" * 32 + ":data")
    assert info is not None and info.content == content and info.chunks > 1
    assert info.compressed is (content == "json")
    loaded = store.load("a" * 32)
    assert loaded is not None and loaded["data"] == data and loaded["kind"] == "onprem"
    store.delete("a" * 32)
    assert store.load("a" * 32) is None


def test_an_uncompressed_blob_stores_its_bytes_as_they_are(settings, connection):
    blobs = Blobs(connection, _namespace(settings), 1000)
    pieces = [bytes([n]) * 700 for n in range(10)]
    info = blobs.write("b", pieces, 60, level=None, content="raw")
    assert (info.chunks, info.stored_bytes, info.raw_bytes, info.compressed) == (7, 7000, 7000, False)
    assert connection.get(blobs.key("b") + ":0") == pieces[0] + pieces[1][:300]
    stored = blobs.info("b")
    assert stored == info
    assert bytes(blobs.read_buffer("b", stored)) == b"".join(pieces) == b"".join(blobs.read("b") or [])


def test_reading_a_blob_whose_chunk_is_gone_raises_blob_gone(settings, connection):
    blobs = Blobs(connection, _namespace(settings), 1000)
    info = blobs.write("b", [b"x" * 9000], 60, level=None)
    connection.delete(blobs.key("b") + ":5")
    with pytest.raises(BlobGone):
        blobs.read_buffer("b", info)
