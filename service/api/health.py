"""Liveness and readiness probes."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify
from redis.exceptions import RedisError

from service.adapters.queue import live_workers
from service.api.context import services
from service.api.problems import problem_response
from service.engine_build import engine_build
from service.problems import problem_type

blueprint = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@blueprint.get("/healthz")
def healthz() -> Response:
    """The process is up; checks nothing else. `engine` says which build of the engine it runs."""
    return jsonify(status="ok", engine=engine_build())


@blueprint.get("/readyz")
def readyz() -> Response:
    """Ready when Redis answers and at least one worker listens on the job queue."""
    checks = _checks()
    if checks["redis"] == "ok" and checks["workers"] > 0:
        return jsonify(status="ready", checks=checks)
    detail = ("Redis does not answer." if checks["redis"] != "ok"
              else "No worker is running; start one with `syncmatch worker`.")
    return problem_response(503, "Not ready", detail, problem_type("not-ready"),
                            headers={"Retry-After": "5"}, checks=checks)


def _checks() -> dict:
    handles = services()
    try:
        handles.redis.ping()
        return {"redis": "ok", "workers": live_workers(handles.queue)}
    except RedisError as exc:
        log.warning("readiness: Redis unreachable: %s", exc)
        return {"redis": "unreachable", "workers": 0}
