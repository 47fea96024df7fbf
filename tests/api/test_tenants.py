"""API keys and tenants: isolation, hashed key files, open mode on loopback only."""

import hashlib
import subprocess
from dataclasses import replace

import pytest
from api_support import ACME_KEY, Api, assert_problem, serve
from service_support import service_env, syncmatch_command

from service.adapters.network import free_port
from service.api import create_app
from service.config import Settings


def test_another_tenants_ids_answer_404(acme, globex, soft_match_job):
    snapshot = acme.upload("onprem", b'{"objectClass":"user","objectGUID":"3ab39606-c642-489b-84b6-58c038d3ef39"}')
    snapshot_id = snapshot.json()["id"]
    job_id = acme.post("/v1/jobs", json=soft_match_job).json()["id"]
    assert acme.finished(job_id)["status"] == "finished"
    for path in (f"/v1/snapshots/{snapshot_id}", f"/v1/jobs/{job_id}", f"/v1/jobs/{job_id}/results",
                 f"/v1/jobs/{job_id}/report", f"/v1/jobs/{job_id}/report.html",
                 f"/v1/jobs/{job_id}/remediation.ps1"):
        assert_problem(globex.get(path), 404)
    assert_problem(globex.delete(f"/v1/jobs/{job_id}"), 404)
    assert_problem(globex.delete(f"/v1/snapshots/{snapshot_id}"), 404)
    body = assert_problem(globex.post("/v1/jobs", json={"onpremSnapshot": snapshot_id, "cloud": {}}), 422)
    assert body["errors"][0]["pointer"] == "/onpremSnapshot"
    assert acme.get(f"/v1/jobs/{job_id}").status_code == 200
    assert acme.get(f"/v1/snapshots/{snapshot_id}").status_code == 200


def test_hashed_keys_from_a_file(api_settings, tmp_path):
    digest = hashlib.sha256(b"file-key-0123456789abcdef").hexdigest()
    keys = tmp_path / "keys"
    keys.write_text(f"# comment\nsha256:{digest}:initech\n")
    settings = Settings.from_env({"REDIS_URL": api_settings.redis_url, "SYNCMATCH_API_KEYS_FILE": str(keys),
                                  "SYNCMATCH_NAMESPACE": api_settings.namespace})
    assert dict(settings.api_keys) == {digest: "initech"}
    with serve(create_app(settings)) as base:
        assert Api(base, "file-key-0123456789abcdef").get("/v1/snapshots/" + "0" * 32).status_code == 404
        assert_problem(Api(base, ACME_KEY).get("/v1/snapshots/" + "0" * 32), 401)


def test_open_mode_is_the_default_tenant(api_settings, soft_match_job):
    with serve(create_app(replace(api_settings, api_keys={}))) as base:
        api = Api(base)
        snapshot = api.upload("onprem", b'{"objectClass":"user","objectGUID":"3ab39606-c642-489b-84b6-58c038d3ef39"}')
        assert snapshot.status_code == 201
        assert api.get(f"/v1/snapshots/{snapshot.json()['id']}").status_code == 200
    from service.adapters.queue import connect

    client = connect(api_settings.redis_url)
    assert client.hget(f"{api_settings.namespace}:snapshot:{snapshot.json()['id']}", "tenant") == b"default"
    client.close()


@pytest.mark.parametrize("command", ["api", "up"])
def test_open_mode_refuses_to_listen_beyond_loopback(command, tmp_path):
    done = subprocess.run([*syncmatch_command(), command, "--host", "0.0.0.0", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60,
                          env=service_env(REDIS_URL="redis://127.0.0.1:1/0", SYNCMATCH_API_KEYS=None,
                                          SYNCMATCH_API_KEYS_FILE=None, SYNCMATCH_DATA_DIR=str(tmp_path)))
    assert done.returncode == 2
    assert "SYNCMATCH_API_KEYS" in done.stderr
    assert "0.0.0.0" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("value", "says"), [("short:acme", "16 characters"), ("a-long-enough-key-123", "KEY:TENANT"),
                                             ("a-long-enough-key-123:bad tenant", "tenant")])
def test_bad_key_settings_are_clear(value, says):
    from service.config import ConfigError

    with pytest.raises(ConfigError, match=says):
        Settings.from_env({"SYNCMATCH_API_KEYS": value})
