"""evaluate(consume=True) gives the same report and lets the snapshots go as it works."""

from __future__ import annotations

import copy
import gc
import importlib
import json
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from service.engine import evaluate
from service.readers import read_snapshot

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NOW = "2025-11-20T00:00:00Z"
CLOUD_KINDS = ("users", "groups", "contacts", "deletedUsers")


class Marker(str):
    """A text value that can be watched with a weak reference."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, dict]:
    """A 2,000-object benchmark directory, read as `syncmatch match` reads it."""
    out = tmp_path_factory.mktemp("consume")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--objects", "2000", "--out", str(out)],
                   check=True, capture_output=True)
    settings = json.loads((out / "settings.json").read_text())
    onprem = read_snapshot(str(out / "onprem.json"), kind="onprem").data
    cloud = read_snapshot(str(out / "cloud.json"), kind="cloud").data
    return onprem, cloud, settings


def pair(name: str) -> tuple[dict, dict]:
    return (read_snapshot(str(EXAMPLES / "onprem" / name), kind="onprem").data,
            read_snapshot(str(EXAMPLES / "cloud" / "contoso.json"), kind="cloud").data)


@pytest.mark.parametrize("name", ["contoso.json", "ldifde-full.ldf", "csvde.csv"])
def test_the_report_is_the_same_on_the_examples(name: str) -> None:
    onprem, cloud = pair(name)
    kept = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), {"now": NOW})
    assert evaluate(onprem, cloud, {"now": NOW}, consume=True) == kept


def test_the_report_is_the_same_on_a_generated_directory(generated: tuple[dict, dict, dict]) -> None:
    onprem, cloud, settings = generated
    kept = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), settings)
    consumed = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), settings, consume=True)
    assert len(consumed["results"]) == len(onprem["objects"]) == 2000
    assert json.dumps(consumed, sort_keys=True) == json.dumps(kept, sort_keys=True)


def test_consumed_lists_keep_their_length_and_hold_none(generated: tuple[dict, dict, dict]) -> None:
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    lengths = {kind: len(cloud.get(kind) or []) for kind in CLOUD_KINDS}
    evaluate(onprem, cloud, settings, consume=True)
    assert len(onprem["objects"]) == 2000 and set(onprem["objects"]) == {None}
    assert {kind: len(cloud.get(kind) or []) for kind in CLOUD_KINDS} == lengths
    assert sum(lengths.values()) > 0
    assert all(set(cloud.get(kind) or [None]) == {None} for kind in CLOUD_KINDS)


def test_without_consume_the_snapshots_are_untouched(generated: tuple[dict, dict, dict]) -> None:
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    before = json.dumps([onprem, cloud], sort_keys=True)
    evaluate(onprem, cloud, settings)
    assert json.dumps([onprem, cloud], sort_keys=True) == before


@pytest.mark.parametrize("consume", [True, False])
def test_a_consumed_record_is_freed_while_the_report_is_held(consume: bool) -> None:
    onprem, cloud = pair("contoso.json")
    user = next(o for o in onprem["objects"] if o.get("objectClass") == "user")
    cloud_user = cloud["users"][0]
    # An attribute the engine never reads or reports: only the record holds it.
    user["markerAttribute"] = Marker("on-premises value")
    cloud_user["markerAttribute"] = Marker("cloud value")
    watched = [weakref.ref(user["markerAttribute"]), weakref.ref(cloud_user["markerAttribute"])]
    del user, cloud_user
    report = evaluate(onprem, cloud, {"now": NOW}, consume=consume)
    gc.collect()
    assert report["results"]
    assert [ref() is None for ref in watched] == [consume, consume]


def test_several_exports_are_not_consumed_record_by_record() -> None:
    onprem, cloud = pair("contoso.json")
    more = copy.deepcopy(onprem)
    for record in more["objects"]:
        record.pop("objectGUID", None)
    evaluate(onprem, cloud, {"now": NOW}, more_onprem=[more], consume=True)
    assert None not in onprem["objects"] and None not in more["objects"]
    assert set(cloud["users"]) == {None}


@pytest.mark.python_engine_only
def test_a_consumed_object_keeps_only_what_is_read_after_the_loop(generated: tuple[dict, dict, dict],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    engine_module = importlib.import_module("service.engine.evaluate")
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    seen: list = []
    real = engine_module.competition.competing_warnings

    def spy(results, claims):
        seen.extend(dict(r.obj.attrs) for r in results)
        return real(results, claims)

    monkeypatch.setattr(engine_module.competition, "competing_warnings", spy)
    evaluate(onprem, cloud, settings, consume=True)
    assert len(seen) == 2000
    assert {key for attrs in seen for key in attrs} == {"mail"}
