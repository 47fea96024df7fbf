"""GET /metrics: Prometheus text, the same whichever API process answers (everything is read from Redis)."""

from __future__ import annotations

from flask import Blueprint, Response

from service.adapters import metrics, queue
from service.api.context import services

blueprint = Blueprint("metrics", __name__)


@blueprint.get("/metrics")
def prometheus() -> Response:
    """Jobs by status, job durations, queue depths, stored snapshot bytes, webhook attempts."""
    handles = services()
    text = metrics.exposition(handles.redis, handles.settings.namespace,
                              queue.queue_depths(handles.redis, handles.settings),
                              queue.job_counts(handles.redis, handles.settings))
    return Response(text, content_type=metrics.CONTENT_TYPE)
