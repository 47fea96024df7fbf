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
