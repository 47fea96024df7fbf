"""The API's own description: an index and the OpenAPI document."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

from flask import Blueprint, Response, abort, jsonify, request, send_from_directory

blueprint = Blueprint("docs", __name__)

OPENAPI_MEDIA_TYPE = "application/yaml"
SWAGGER_ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                  "favicon-32x32.png", "favicon-16x16.png"}


@cache
def openapi_document() -> bytes:
    """The packaged openapi.yaml."""
    return files("service").joinpath("openapi.yaml").read_bytes()


@blueprint.get("/")
def index() -> Response:
    """Where to go next: a page for browsers, links as JSON for scripts."""
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        return Response(files("service.api").joinpath("index.html").read_bytes(), mimetype="text/html")
    return jsonify(service="SyncMatch", openapi="/openapi.yaml", docs="/docs", health="/healthz",
                   ready="/readyz", metrics="/metrics", jobs="/v1/jobs", snapshots="/v1/snapshots")


@blueprint.get("/docs")
def api_docs() -> Response:
    """Swagger UI for this API, served from the installed package (no CDN)."""
    return Response(files("service.api").joinpath("swagger.html").read_bytes(), mimetype="text/html")


@blueprint.get("/docs/<asset>")
def api_docs_asset(asset: str) -> Response:
    """One of Swagger UI's static files."""
    if asset not in SWAGGER_ASSETS:
        abort(404)
    return send_from_directory(swagger_dist(), asset, max_age=86400)


@cache
def swagger_dist() -> Path:
    """Where the flask-swagger-ui package keeps Swagger UI's distribution."""
    spec = find_spec("flask_swagger_ui")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "dist"


@blueprint.get("/openapi.yaml")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return Response(openapi_document(), mimetype=OPENAPI_MEDIA_TYPE)
