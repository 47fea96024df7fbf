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


@pytest.mark.parametrize("handed_over", [True, False])
def test_a_handed_over_cloud_snapshot_lets_its_records_go_with_the_engine(handed_over: bool) -> None:
    """`syncmatch match` hands the reader's snapshot over: the reader's own index of the records (kept to
    merge bundles) no longer holds them to the end of the run."""
    snapshot = read_snapshot(str(EXAMPLES / "cloud" / "contoso.json"), kind="cloud")
    snapshot.data["users"][0]["markerAttribute"] = Marker("cloud value")
    watched = weakref.ref(snapshot.data["users"][0]["markerAttribute"])
    count = snapshot.objects
    data = snapshot.handed_over() if handed_over else snapshot.data
    report = evaluate(pair("contoso.json")[0], data, {"now": NOW}, consume=True)
    gc.collect()
    assert report["results"] and snapshot.objects == count > 0  # the input summary still counts them
    assert (watched() is None) is handed_over
    assert (snapshot.parts is None) is handed_over


def test_several_exports_are_not_consumed_record_by_record() -> None:
    onprem, cloud = pair("contoso.json")
    more = copy.deepcopy(onprem)
    for record in more["objects"]:
        record.pop("objectGUID", None)
    evaluate(onprem, cloud, {"now": NOW}, more_onprem=[more], consume=True)
    assert None not in onprem["objects"] and None not in more["objects"]
    assert set(cloud["users"]) == {None}


def _mail_besides_the_primary(onprem: dict, count: int) -> list[str]:
    """Give `count` objects that have a primary SMTP address a mail of another address; the new mails."""
    mails = []
    for record in onprem["objects"]:
        proxies = record.get("proxyAddresses") or []
        if record.get("mail") and any(str(p).startswith("SMTP:") for p in proxies) and len(mails) < count:
            record["mail"] = "second." + record["mail"]
            mails.append(record["mail"])
    return mails


@pytest.mark.python_engine_only
def test_a_consumed_object_keeps_only_what_is_read_after_the_loop(generated: tuple[dict, dict, dict],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a mail that is not the primary address stays: R8 counts it after the loop; most objects keep none."""
    engine_module = importlib.import_module("service.engine.evaluate")
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    mails = _mail_besides_the_primary(onprem, 40)
    seen: list = []
    real = engine_module.competition.competing_warnings

    def spy(results, claims):
        seen.extend(dict(r.obj.attrs) for r in results)
        addresses.extend(r.identity.smtp for r in results)
        return real(results, claims)

    addresses: list = []
    monkeypatch.setattr(engine_module.competition, "competing_warnings", spy)
    evaluate(onprem, cloud, settings, consume=True)
    assert len(seen) == 2000
    kept = [attrs for attrs in seen if attrs]
    assert [attrs["mail"] for attrs in kept] == mails and all(list(attrs) == ["mail"] for attrs in kept)
    # an object's one SMTP address is its primary (in its row): R8 reads the lists of objects with several only
    assert all(len(smtp) != 1 for smtp in addresses) and any(len(smtp) > 1 for smtp in addresses)


@pytest.mark.parametrize("second", [False, True])
def test_a_mail_besides_the_primary_competes_the_same_when_consumed(generated: tuple[dict, dict, dict],
                                                                   second: bool) -> None:
    """An object whose mail (or second SMTP address) is another object's primary address: R8 warns both,
    consumed or not."""
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    [mail] = _mail_besides_the_primary(onprem, 1)
    holder = next(r for r in onprem["objects"] if r.get("mail") == mail)
    if second:  # the address is a second proxy address instead
        holder["proxyAddresses"] = [p for p in holder["proxyAddresses"] if p.startswith("SMTP:")] + [f"smtp:{mail}"]
        holder["mail"] = None
    rival = copy.deepcopy(holder)
    rival.update(objectGUID="0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", sAMAccountName="rival", mail=None,
                 distinguishedName="CN=Rival,DC=contoso,DC=com", userPrincipalName="rival@contoso.com",
                 proxyAddresses=[f"SMTP:{mail}"])
    rival.pop("objectSid", None)
    rival.pop("mS-DS-ConsistencyGuid", None)
    onprem["objects"].append(rival)
    kept = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), settings)
    consumed = evaluate(onprem, cloud, settings, consume=True)
    assert json.dumps(consumed, sort_keys=True) == json.dumps(kept, sort_keys=True)
    [row] = [r for r in kept["results"] if r["object"]["distinguishedName"] == rival["distinguishedName"]]
    competing = [w for w in row["warnings"] if w["code"] == "CompetingOnPremObjects"]
    assert competing and mail.lower() in competing[0]["message"], row["warnings"]


class SlowChecks:
    """A run's checks still running elsewhere for the first `busy` looks; counts the records held at each look."""

    running = True

    def __init__(self, records: list, busy: int, can_reload: bool = False) -> None:
        self.records, self.busy, self.can_reload = records, busy, can_reload
        self.figures: dict[str, float] = {}
        self.seen: list[int] = []  # how many records were still held at each look and at the take
        self.taken = 0

    @property
    def needs_records(self) -> bool:
        return self.running and not self.can_reload

    def ready(self) -> bool:
        self.seen.append(sum(record is not None for record in self.records))
        self.busy -= 1
        return self.busy < 0

    def result(self) -> dict:
        if self.running:  # the section is made once; later calls give it again
            self.seen.append(sum(record is not None for record in self.records))
            self.taken += 1
            self.running = False
        return {"total": 0, "findings": []}


@pytest.mark.parametrize("busy", [0, 1, 3, 100])
def test_records_stay_until_the_checks_are_in_then_go(generated: tuple[dict, dict, dict], busy: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """While the checks run elsewhere every record stays (a failed child's checks run here on all of them); at most
    a quarter of the objects are evaluated before the loop waits for them; every record goes in the end."""
    module = importlib.import_module("service.engine.evaluate")
    monkeypatch.setattr(module, "POLL_EVERY", 100)
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    records = onprem["objects"]
    checks = SlowChecks(records, busy)
    kept = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), settings, checks=SlowChecks([], 0))
    report = evaluate(onprem, cloud, settings, consume=True, checks=checks)
    assert checks.taken == 1
    assert set(checks.seen) == {2000}, "no record went before the checks were in"
    looks = min(busy + 1, (2000 // module.HOLD_SHARE - 1) // 100)  # at the 500th object the loop waits
    assert len(checks.seen) == looks + 1  # each look, then the take
    assert json.dumps(report, sort_keys=True) == json.dumps(kept, sort_keys=True)
    assert records == [None] * 2000
    assert report["dataQuality"] == {"total": 0, "findings": []}


def test_records_go_at_once_when_the_caller_can_read_them_again(generated: tuple[dict, dict, dict]) -> None:
    """Checks that can read the records again (a job's) keep none: each goes as it is evaluated; the checks' section
    is taken once, after the loop; the report is the same."""
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    records = onprem["objects"]
    checks = SlowChecks(records, 10**6, can_reload=True)
    kept = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), settings, checks=SlowChecks([], 0))
    report = evaluate(onprem, cloud, settings, consume=True, checks=checks)
    assert checks.taken == 1
    assert checks.seen == [0], "every record had gone before the section was taken; the loop never looked"
    assert json.dumps(report, sort_keys=True) == json.dumps(kept, sort_keys=True)


def test_the_report_is_the_same_when_the_checks_child_fails_during_the_loop(
        generated: tuple[dict, dict, dict], monkeypatch: pytest.MonkeyPatch) -> None:
    """The child fails once the loop has begun: the parent runs the checks on the records it held for them."""
    import os
    import time

    from service.adapters import background_checks
    from service.adapters.background_checks import start as start_checks

    parent = os.getpid()
    real = background_checks.check

    def late_failure(records: list) -> dict:
        if os.getpid() == parent:
            return real(records)
        time.sleep(0.3)
        raise RuntimeError("the child failed")

    monkeypatch.setattr(background_checks, "check", late_failure)
    onprem, cloud, settings = (copy.deepcopy(part) for part in generated)
    kept = evaluate(copy.deepcopy(onprem), copy.deepcopy(cloud), settings)
    with start_checks([onprem], background=True) as checks:
        consumed = evaluate(onprem, cloud, settings, consume=True, checks=checks)
    assert "the child failed" in (checks.fallback or "")
    assert consumed["dataQuality"]["total"] > 0
    assert json.dumps(consumed, sort_keys=True) == json.dumps(kept, sort_keys=True)
    assert onprem["objects"] == [None] * 2000
