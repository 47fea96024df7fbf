"""A job deleted while its report is being downloaded: the download ends early and cleanly, and the log says why."""

from __future__ import annotations

import logging

import pytest
from reliability_support import Stack, cloud_graph, job_payload, onprem_ndjson
from service_support import wait_until

from service.api import create_app
from service.config import Settings

OBJECTS = 900
DOCUMENTS = ["report", "report.html", "remediation.ps1"]


@pytest.fixture
def app_and_job(stack: Stack):
    """The app in this process on the test's Redis (small chunks), and a job finished by a real worker."""
    stack.start_redis()
    stack.env["SYNCMATCH_CHUNK_BYTES"] = "2048"
    stack.start_worker()
    app = create_app(Settings.from_env(stack.env))
    client = app.test_client()

    def snapshot(kind: str, body: bytes) -> str:
        response = client.post(f"/v1/snapshots?kind={kind}", data=body)
        assert response.status_code == 201, response.text
        return response.json["id"]

    def job() -> str:
        created = client.post("/v1/jobs", json=job_payload(snapshot("onprem", onprem_ndjson(OBJECTS)),
                                                          snapshot("cloud", cloud_graph(OBJECTS))))
        job_id = created.json["id"]
        wait_until(lambda: client.get(f"/v1/jobs/{job_id}").json["status"] == "finished", timeout=60)
        return job_id
    return client, job


@pytest.mark.parametrize("document", DOCUMENTS)
def test_deleting_a_job_during_its_download_ends_the_stream_cleanly(app_and_job, document, caplog) -> None:
    client, new_job = app_and_job
    job_id = new_job()
    whole = client.get(f"/v1/jobs/{job_id}/{document}", headers={"Accept-Encoding": "identity"}).data
    response = client.get(f"/v1/jobs/{job_id}/{document}", headers={"Accept-Encoding": "identity"}, buffered=False)
    assert response.status_code == 200
    pieces = iter(response.response)
    first = next(pieces)
    assert client.delete(f"/v1/jobs/{job_id}").status_code == 204
    with caplog.at_level(logging.WARNING, logger="service.api.access"):
        rest = b"".join(pieces)  # raised BlobGone out of the stream before (only ReportGone was caught)
    response.close()
    assert len(first) + len(rest) < len(whole)
    ended = [record for record in caplog.records if "stream ended early" in record.getMessage()]
    assert len(ended) == 1, caplog.text
    assert ended[0].path == f"/v1/jobs/{job_id}/{document}" and ended[0].requestId
    assert ended[0].reason in {"a stored chunk expired or was deleted", "the report expired or was deleted"}
