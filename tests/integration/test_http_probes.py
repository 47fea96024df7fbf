"""Health, readiness and the API's own description."""

from pathlib import Path

import yaml

from service.adapters.network import free_port
from service.api import create_app
from service.config import Settings
from service.engine_build import engine_build

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_without_checking_anything(idle_settings):
    app = create_app(idle_settings)
    assert app.test_client().get("/healthz").json == {"status": "ok", "engine": engine_build()}


def test_ready_when_redis_answers_and_a_worker_listens(client, worker):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"]["redis"] == "ok"
    assert response.json["checks"]["workers"] >= 1


def test_not_ready_without_a_worker(idle_settings):
    response = create_app(idle_settings).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["checks"] == {"redis": "ok", "workers": 0}
    assert "syncmatch worker" in response.json["detail"]


def test_not_ready_when_redis_is_down():
    settings = Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    response = create_app(settings).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["checks"]["redis"] == "unreachable"
    assert response.headers["Retry-After"]


def test_openapi_is_served_and_identical_to_the_repository_copy(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.data == (ROOT / "openapi.yaml").read_bytes()
    assert yaml.safe_load(response.data)["openapi"].startswith("3.1")


def test_openapi_describes_exactly_the_served_routes(app):
    document = yaml.safe_load((ROOT / "openapi.yaml").read_bytes())
    documented = {(path, method.upper()) for path, item in document["paths"].items()
                  for method in item if method != "parameters"}
    names = {"<job_id>": "{jobId}", "<snapshot_id>": "{snapshotId}", "<asset>": "{asset}"}
    served = {(_openapi_path(rule.rule, names), method)
              for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == served


def test_index_links_to_the_description(client):
    assert client.get("/").json["openapi"] == "/openapi.yaml"


def _openapi_path(rule: str, names: dict) -> str:
    """A Flask rule written the way openapi.yaml writes paths."""
    for flask_name, openapi_name in names.items():
        rule = rule.replace(flask_name, openapi_name)
    return rule


def test_index_is_a_page_for_browsers(client):
    response = client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert b'href="/docs"' in response.data


def test_swagger_ui_is_served_from_the_package(client):
    page = client.get("/docs")
    assert page.status_code == 200 and b"/docs/swagger-ui-bundle.js" in page.data
    bundle = client.get("/docs/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.data) > 100_000
    assert client.get("/docs/../../setup.cfg").status_code == 404
    missing = client.get("/docs/secret.txt")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
