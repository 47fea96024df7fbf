"""One matching job through the API, Redis, RQ and a real worker process."""

import gzip
import json
import subprocess
from pathlib import Path

from rq.job import Job
from rq.serializers import JSONSerializer
from service_support import assert_soft_match_report, service_env, syncmatch_command, wait_until

from service.adapters.reports import ReportStore
from service.adapters.storage import JOB_INPUT, Storage
from service.api import create_app


def finished(client, job_id: str) -> dict:
    """Poll the job until it is finished or failed; return its last view."""
    def done():
        view = client.get(f"/v1/jobs/{job_id}").json
        return view if view["status"] in {"finished", "failed"} else None
    return wait_until(done, timeout=60)


def submit(client, payload: dict) -> str:
    response = client.post("/v1/jobs", json=payload)
    assert response.status_code == 202, response.json
    return response.json["id"]


def test_job_is_accepted_with_location_and_retry_after(client, idle_settings, soft_match_job):
    response = create_app(idle_settings).test_client().post("/v1/jobs", json=soft_match_job)
    assert response.status_code == 202
    assert response.headers["Location"] == f"/v1/jobs/{response.json['id']}"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json["status"] == "queued"
    assert response.json["progress"] == 0


def test_the_queue_carries_only_the_id_and_the_input_is_stored_compressed(idle_settings, redis, soft_match_job):
    job_id = submit(create_app(idle_settings).test_client(), soft_match_job)
    job = Job.fetch(job_id, connection=redis, serializer=JSONSerializer)
    assert job.args == [job_id]
    assert job.kwargs == {}
    key = Storage(redis, idle_settings.namespace).key(JOB_INPUT, job_id)
    assert redis.get(f"{key}:0")[:2] == b"\x1f\x8b"
    assert 0 < redis.ttl(key) <= idle_settings.snapshot_ttl
    assert 0 < redis.ttl(f"{key}:0") <= idle_settings.snapshot_ttl
    assert Storage(redis, idle_settings.namespace).get(JOB_INPUT, job_id)["onprem"] == soft_match_job["onprem"]


def test_report_of_a_queued_job_is_a_409_problem(idle_settings, soft_match_job):
    client = create_app(idle_settings).test_client()
    job_id = submit(client, soft_match_job)
    view = client.get(f"/v1/jobs/{job_id}")
    assert view.json["status"] == "queued"
    assert view.headers["Retry-After"]
    response = client.get(f"/v1/jobs/{job_id}/report")
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    assert response.json["jobStatus"] == "queued"


def test_a_worker_runs_the_engine_and_the_report_is_served(client, worker, redis, settings, soft_match_job):
    job_id = submit(client, soft_match_job)
    view = finished(client, job_id)
    assert view["status"] == "finished", view
    assert view["progress"] == 1.0
    assert view["summary"]["outcomes"] == {"softMatch": 1, "provision": 1}
    assert view["startedAt"] and view["endedAt"]

    report = client.get(f"/v1/jobs/{job_id}/report")
    assert report.status_code == 200
    assert report.mimetype == "application/json"
    assert_soft_match_report(report.json)
    assert report.json["input"]["onprem"]["objects"] == 2

    assert Storage(redis, settings.namespace).get(JOB_INPUT, job_id) is None
    manifest = ReportStore(redis, settings.namespace, settings.chunk_bytes).key(job_id)
    assert 0 < redis.ttl(manifest) <= settings.result_ttl


def test_report_is_sent_gzip_encoded_when_accepted(client, worker, soft_match_job):
    job_id = submit(client, soft_match_job)
    assert finished(client, job_id)["status"] == "finished"
    plain = client.get(f"/v1/jobs/{job_id}/report")
    zipped = client.get(f"/v1/jobs/{job_id}/report", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.data) == plain.data


def test_an_unreadable_snapshot_fails_the_job_with_a_problem(client, worker, soft_match_job):
    soft_match_job["onprem"]["objects"] = [{"objectClass": "user", "objectGUID": "not-a-guid"}]
    view = finished(client, submit(client, soft_match_job))
    assert view["status"] == "failed"
    assert view["error"]["type"] == "urn:syncmatch:problem:unreadable-snapshot"
    assert view["error"]["status"] == 422
    assert view["error"]["errors"][0]["field"] == "objectGUID"
    assert "summary" not in view
    assert client.get(f"/v1/jobs/{view['id']}/report").json["jobStatus"] == "failed"


def test_a_burst_worker_reports_input_that_expired_before_it_ran(idle_settings, redis, soft_match_job):
    client = create_app(idle_settings).test_client()
    job_id = submit(client, soft_match_job)
    Storage(redis, idle_settings.namespace).delete(JOB_INPUT, job_id)
    done = subprocess.run([*syncmatch_command(), "worker", "--burst"], env=service_env(idle_settings),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    view = client.get(f"/v1/jobs/{job_id}").json
    assert view["status"] == "failed"
    assert view["error"]["type"] == "urn:syncmatch:problem:job-input-expired"


def test_a_finished_job_logs_the_seconds_of_each_of_its_phases(idle_settings, soft_match_job):
    """With the checks in a child, whose own figures (its CPU, its memory) go on a line of their own."""
    job_id = submit(create_app(idle_settings).test_client(), soft_match_job)
    done = subprocess.run([*syncmatch_command(), "worker", "--burst"],
                          env=service_env(idle_settings, SYNCMATCH_CHECKS_CHILD="1"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    entries = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    [entry] = [e for e in entries if e["message"] == "job finished"]
    assert entry["jobId"] == job_id and entry["level"] == "INFO"
    phases = entry["phases"]
    assert {"load", "index", "evaluate", "report", "render", "store"} <= set(phases), phases
    assert not [name for name in phases if name.startswith("quality ")], "the child's figures are not phases"
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in phases.values()), phases
    assert sum(phases.values()) <= entry["seconds"] + 0.01


def test_a_job_runs_the_checks_in_a_child_process_with_the_same_report(idle_settings, soft_match_job, tmp_path):
    """SYNCMATCH_CHECKS_CHILD=1: the work horse forks the checks' child; the report is the CLI's, the log says so."""
    seeded = Path(__file__).parents[1] / "quality" / "seeded" / "onprem.json"
    soft_match_job["onprem"] = json.loads(seeded.read_text())
    job_id = submit(create_app(idle_settings).test_client(), soft_match_job)
    done = subprocess.run([*syncmatch_command(), "worker", "--burst"],
                          env=service_env(idle_settings, SYNCMATCH_CHECKS_CHILD="1"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "data-quality checks ran in a child process" in done.stderr
    assert "ran in the job's process" not in done.stderr
    client = create_app(idle_settings).test_client()
    assert client.get(f"/v1/jobs/{job_id}").json["status"] == "finished"
    report = client.get(f"/v1/jobs/{job_id}/report").json

    cloud = tmp_path / "cloud.json"
    cloud.write_text(json.dumps(soft_match_job["cloud"]))
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(soft_match_job.get("settings") or {}))
    local = subprocess.run([*syncmatch_command(), "match", str(seeded), str(cloud), "--settings", str(settings)],
                           env=service_env(SYNCMATCH_CHECKS_CHILD="0"), capture_output=True, text=True, timeout=120)
    assert local.returncode in (0, 3), local.stderr
    expected = json.loads(local.stdout)
    assert report["dataQuality"]["total"] > 0
    assert report["dataQuality"] == expected["dataQuality"]
    assert report["results"] == expected["results"] and report["summary"] == expected["summary"]
