"""Helpers for the HTTP API tests: a client with a base URL and key, servers on free ports, OpenAPI checks."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import requests
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from werkzeug.serving import make_server

from service.adapters.network import free_port

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = "application/problem+json"
ACME_KEY = "acme-key-0123456789abcdef"
GLOBEX_KEY = "globex-key-0123456789abcdef"
WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo="


class Api:
    """requests against one server, as one API key."""

    def __init__(self, base: str, key: str | None = None) -> None:
        self.base = base
        self.session = requests.Session()
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """One request; the response is checked against openapi.yaml."""
        kwargs.setdefault("timeout", 30)
        response = self.session.request(method, self.base + path, **kwargs)
        conforms(method, path, response)
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def upload(self, kind: str, body: bytes, **kwargs) -> requests.Response:
        """POST /v1/snapshots?kind=KIND with `body` as is."""
        headers = {"Content-Type": "application/octet-stream", **kwargs.pop("headers", {})}
        return self.post(f"/v1/snapshots?kind={kind}", data=body, headers=headers, **kwargs)

    def finished(self, job_id: str, timeout: float = 60) -> dict:
        """Poll the job until it is finished or failed; return its last view."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            view = self.get(f"/v1/jobs/{job_id}").json()
            if view["status"] in {"finished", "failed"}:
                return view
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} did not end within {timeout}s")


def assert_problem(response: requests.Response, status: int) -> dict:
    """The response is a problem document with this status (and conforms to openapi.yaml)."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["type"] and body["title"]
    assert "Traceback" not in response.text
    return body


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve a Flask app over HTTP on a free loopback port (threaded) for the block; yield its base URL."""
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@cache
def openapi() -> dict:
    """The OpenAPI document."""
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    return Registry().with_resource("urn:openapi", Resource.from_contents(openapi(), default_specification=DRAFT202012))


def _operation(method: str, path: str) -> dict | None:
    """The operation of openapi.yaml that serves METHOD path (the query string is ignored)."""
    path = path.split("?", 1)[0]
    for template, item in openapi()["paths"].items():
        parts, wanted = template.strip("/").split("/"), path.strip("/").split("/")
        if len(parts) == len(wanted) and all(p.startswith("{") or p == w for p, w in zip(parts, wanted, strict=True)):
            return item.get(method.lower())
    return None


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = _registry().resolver().lookup("urn:openapi" + node["$ref"]).contents
    return node


def conforms(method: str, path: str, response: requests.Response) -> None:
    """A documented status with a documented media type whose JSON body validates against its schema."""
    operation = _operation(method, path)
    if operation is None:
        assert response.status_code in (401, 404, 405), (method, path, response.status_code)
        return
    responses = operation["responses"]
    assert str(response.status_code) in responses, f"{method} {path}: {response.status_code} is not documented"
    documented = _resolve(responses[str(response.status_code)])
    media = response.headers.get("Content-Type", "").split(";")[0].strip()
    content = documented.get("content") or {}
    if not content:
        assert not response.content, f"{method} {path}: {response.status_code} should have no body"
        return
    assert media in content, f"{method} {path}: {media} is not documented for {response.status_code}"
    if media.endswith("json"):
        Draft202012Validator(_absolute(content[media]["schema"]), registry=_registry()).validate(response.json())


def _absolute(schema):
    """The schema with its local $refs pointing into openapi.yaml."""
    if isinstance(schema, dict):
        return {key: ("urn:openapi" + value if key == "$ref" and value.startswith("#") else _absolute(value))
                for key, value in schema.items()}
    if isinstance(schema, list):
        return [_absolute(item) for item in schema]
    return schema
