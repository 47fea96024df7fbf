"""The HTTP API: `create_app()` builds the Flask application; nothing connects until a request needs it."""

from __future__ import annotations

from flask import Flask

from service.api import (
    auth,
    docs,
    health,
    jobs,
    local_only,
    lookups,
    metrics,
    problems,
    quality,
    queries,
    ratelimit,
    request_ids,
    results,
    snapshots,
)
from service.bootstrap import Services
from service.config import Settings

BLUEPRINTS = (docs.blueprint, health.blueprint, metrics.blueprint, snapshots.blueprint, jobs.blueprint,
              results.blueprint, quality.blueprint)


def create_app(settings: Settings | None = None) -> Flask:
    """Build the application for `settings` (default: read from the environment)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]  # DefaultJSONProvider's setting
    app.extensions["syncmatch"] = Services.for_settings(settings)
    problems.register(app)
    queries.register(app)
    lookups.register(app)
    request_ids.register(app)
    local_only.register(app, settings)
    auth.register(app)
    ratelimit.register(app, settings)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
