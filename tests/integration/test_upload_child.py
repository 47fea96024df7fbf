"""A large upload is read and stored by a child of the API process: the same snapshot, the same problems."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from service.adapters import in_child
from service.api import create_app

SEEDED = Path(__file__).parents[1] / "quality" / "seeded" / "onprem.json"
VOLATILE = {"id", "createdAt", "expiresAt"}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per call of in_child.call (the real one runs)."""
    seen: list[int] = []
    real = in_child.call

    def call(function, *args):
        seen.append(1)
        return real(function, *args)

    monkeypatch.setattr(in_child, "call", call)
    return seen


def upload(settings, body: bytes, kind: str = "onprem"):
    return create_app(settings).test_client().post(f"/v1/snapshots?kind={kind}", data=body,
                                                   content_type="application/json")


def test_the_child_stores_the_snapshot_the_api_process_would(settings, calls: list[int]) -> None:
    body = SEEDED.read_bytes()
    here = upload(replace(settings, upload_child_bytes=None), body)
    assert here.status_code == 201 and calls == []
    child = upload(replace(settings, upload_child_bytes=1), body)
    assert child.status_code == 201, child.json
    assert calls == [1]
    assert {k: v for k, v in child.json.items() if k not in VOLATILE} == \
        {k: v for k, v in here.json.items() if k not in VOLATILE}
    client = create_app(settings).test_client()
    stored = client.get(f"/v1/snapshots/{child.json['id']}")
    assert stored.status_code == 200 and stored.json["objects"] == here.json["objects"] > 0


@pytest.mark.parametrize(("body", "status", "kind"), [
    (b'{"kind": "onprem", "objects": [{"objectClass": "user", "objectGUID": "not-a-guid"}]}', 422,
     "unreadable-snapshot"),
    (b"{not json", 422, "unreadable-snapshot"),
])
def test_a_problem_raised_in_the_child_is_the_api_process_problem(settings, calls: list[int], body: bytes,
                                                                  status: int, kind: str) -> None:
    here = upload(replace(settings, upload_child_bytes=None), body)
    child = upload(replace(settings, upload_child_bytes=1), body)
    assert calls == [1]
    assert child.status_code == here.status_code == status
    assert child.json["type"].endswith(kind)
    assert {k: v for k, v in child.json.items() if k != "requestId"} == \
        {k: v for k, v in here.json.items() if k != "requestId"}


def test_too_many_objects_in_the_child_is_a_413(settings, calls: list[int]) -> None:
    response = upload(replace(settings, upload_child_bytes=1, max_objects=1), SEEDED.read_bytes())
    assert calls == [1]
    assert response.status_code == 413 and response.json["maxObjects"] == 1 and response.json["objects"] > 1


def test_a_child_killed_while_reading_is_a_503_to_retry(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*args):
        raise in_child.ChildDied("the child process ended with status 9")

    monkeypatch.setattr(in_child, "call", killed)
    response = upload(replace(settings, upload_child_bytes=1), SEEDED.read_bytes())
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith("upload-interrupted") and response.headers["Retry-After"] == "30"
    assert "SYNCMATCH_UPLOAD_CHILD_BYTES=off" in response.json["detail"]
