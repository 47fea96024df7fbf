"""Request bodies as the API reads them: inflated on the fly, exactly, within their budgets."""

from __future__ import annotations

import gzip
import io
import random
import threading

import pytest

from service.adapters.uploads import BadGzip, BodyTooLarge, SpoolSpace, UploadSpaceFull, read_body

TEXT = b"".join(b'{"objectClass":"user","n":%d}\n' % n for n in range(200_000))


def _read_in_random_sizes(body, seed: int) -> bytes:
    rng, pieces = random.Random(seed), []
    while piece := body.file.read(rng.choice([1, 7, 4096, 65536, 1 << 20, 3 << 20])):
        pieces.append(piece)
    return b"".join(pieces)


@pytest.mark.parametrize(("layers", "declared"), [(0, False), (1, True), (1, False), (2, False), (3, True)])
def test_the_reader_gets_exactly_the_inflated_bytes_whatever_it_reads_at_a_time(layers, declared) -> None:
    sent = TEXT
    for _ in range(layers):
        sent = gzip.compress(sent, compresslevel=1)
    body = read_body(io.BytesIO(sent), gzipped=declared, max_bytes=len(sent), max_inflated=10 * len(TEXT))
    with body.file:
        assert _read_in_random_sizes(body, layers) == TEXT
    assert body.raw_bytes == len(sent)


def test_four_gzip_layers_and_a_cut_gzip_are_refused() -> None:
    sent = TEXT
    for _ in range(4):
        sent = gzip.compress(sent, compresslevel=1)
    with pytest.raises(BadGzip, match="nested"):
        read_body(io.BytesIO(sent), gzipped=True, max_bytes=len(sent), max_inflated=1 << 30)
    cut = gzip.compress(TEXT)[:-100]
    body = read_body(io.BytesIO(cut), gzipped=True, max_bytes=len(cut), max_inflated=1 << 30)
    with body.file, pytest.raises(BadGzip, match="ends early"):
        body.file.drain()


def test_inflating_stops_at_the_budget_and_at_a_bomb_ratio() -> None:
    sent = gzip.compress(TEXT)
    body = read_body(io.BytesIO(sent), gzipped=True, max_bytes=len(sent), max_inflated=len(TEXT) - 1)
    with body.file, pytest.raises(BodyTooLarge, match="SYNCMATCH_MAX_DECOMPRESSED_BYTES"):
        body.file.drain()
    bomb = gzip.compress(bytes(64 << 20), compresslevel=9)
    body = read_body(io.BytesIO(bomb), gzipped=False, max_bytes=len(bomb), max_inflated=1 << 40)
    with body.file, pytest.raises(BodyTooLarge, match="compression bomb"):
        body.file.drain()


def test_the_spool_space_is_given_back_and_a_waiting_upload_gets_it() -> None:
    space = SpoolSpace(limit=len(TEXT) + 10, wait=5.0)
    first = read_body(io.BytesIO(TEXT), gzipped=False, max_bytes=len(TEXT), max_inflated=len(TEXT), space=space,
                      expected=len(TEXT))
    assert space.used == len(TEXT)
    with pytest.raises(BodyTooLarge, match="SYNCMATCH_UPLOAD_SPOOL_BYTES"):
        SpoolSpace(limit=10, wait=0).take(11)  # larger than the whole space: a retry cannot help, so 413 at once
    full = SpoolSpace(limit=10, wait=0)
    full.take(10)
    with pytest.raises(UploadSpaceFull):  # fits the space, but not now: 503, try again later
        full.take(1)
    closed = threading.Event()
    threading.Timer(0.3, lambda: (closed.set(), first.file.close())).start()
    second = read_body(io.BytesIO(TEXT), gzipped=False, max_bytes=len(TEXT), max_inflated=len(TEXT), space=space,
                       expected=len(TEXT))
    assert closed.is_set()  # it waited for the first body to give its space back
    second.file.close()
    assert space.used == 0


@pytest.mark.parametrize("layers", [0, 1, 2])
def test_a_body_read_again_from_its_start_gives_the_same_bytes_within_a_fresh_budget(layers) -> None:
    """seek(0) inflates the body anew: the budget counts one pass, not the passes added up."""
    sent, inflated = TEXT, 0  # what one pass inflates: every layer's output
    for _ in range(layers):
        inflated += len(sent)
        sent = gzip.compress(sent, compresslevel=1)
    body = read_body(io.BytesIO(sent), gzipped=False, max_bytes=len(sent), max_inflated=max(inflated, 1))
    with body.file:
        assert body.file.seekable() and body.file.tell() == 0
        assert body.file.read(1000) == TEXT[:1000] and body.file.tell() == 1000
        assert body.file.seek(1000) == 1000 and body.file.seek(0, io.SEEK_CUR) == 1000  # staying put is allowed
        with pytest.raises(io.UnsupportedOperation):
            body.file.seek(10)
        assert body.file.seek(0) == 0
        assert _read_in_random_sizes(body, layers) == TEXT
        body.file.seek(0)
        assert body.file.read() == TEXT and body.file.tell() == len(TEXT)
        body.file.drain()


def test_the_readers_read_an_uploaded_canonical_snapshot_natively_and_others_the_general_way(monkeypatch) -> None:
    """An upload is rereadable as a file is: a canonical snapshot takes the native fast path, NDJSON the general one,
    and each gives what reading the same bytes gives."""
    import json

    from service.readers import read_snapshot
    from service.readers import reader as reader_module

    canonical = json.dumps({"kind": "onprem", "objects": [
        {"objectClass": "user", "objectGUID": "3ab39606-c642-489b-84b6-58c038d3ef39", "sAMAccountName": "adam",
         "distinguishedName": "CN=Adam,DC=contoso,DC=com", "userPrincipalName": "adam@contoso.com"}]}).encode()
    ndjson = b"".join(json.dumps(o).encode() + b"\n" for o in json.loads(canonical)["objects"])
    expected = {sent: read_snapshot(sent, kind="onprem").data for sent in (canonical, ndjson)}
    general = reader_module._read

    def general_path_refused(*args, **kwargs):
        raise AssertionError("the general path read a canonical upload")

    monkeypatch.setattr(reader_module, "_read", general_path_refused)
    body = read_body(io.BytesIO(gzip.compress(canonical)), gzipped=True, max_bytes=1 << 20, max_inflated=1 << 20)
    with body.file:
        assert read_snapshot(body.file, kind="onprem").data == expected[canonical]
    monkeypatch.setattr(reader_module, "_read", general)
    body = read_body(io.BytesIO(ndjson), gzipped=False, max_bytes=1 << 20, max_inflated=1 << 20)
    with body.file:
        assert read_snapshot(body.file, kind="onprem").data == expected[ndjson]
