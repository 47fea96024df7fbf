"""The API's own description: an index and the OpenAPI document."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from flask import Blueprint, Response, jsonify

blueprint = Blueprint("docs", __name__)

OPENAPI_MEDIA_TYPE = "application/yaml"


@cache
def openapi_document() -> bytes:
    """The packaged openapi.yaml."""
    return files("service").joinpath("openapi.yaml").read_bytes()


@blueprint.get("/")
def index() -> Response:
    """Where to go next."""
    return jsonify(service="SyncMatch", openapi="/openapi.yaml", health="/healthz", ready="/readyz",
                   metrics="/metrics", jobs="/v1/jobs", snapshots="/v1/snapshots")


@blueprint.get("/openapi.yaml")
def openapi() -> Response:
    """The OpenAPI 3.1 description of this API."""
    return Response(openapi_document(), mimetype=OPENAPI_MEDIA_TYPE)
