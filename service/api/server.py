"""Gunicorn serving the Flask app, configured from `Settings`."""

from __future__ import annotations

import math
import os
from typing import Any

from gunicorn.app.base import BaseApplication

from service.adapters.logs import gunicorn_logconfig
from service.api import create_app
from service.config import Settings


def bind_address(host: str, port: int) -> str:
    """host:port as gunicorn expects it, with brackets around IPv6 addresses."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    """Gunicorn settings for the API; `gunicorn.conf.py` at the repository root uses the same."""
    return {
        "bind": [bind_address(settings.host, settings.port)],
        "workers": settings.api_workers,
        "worker_class": "gthread",
        "threads": settings.api_threads,
        "timeout": 60,
        "graceful_timeout": math.ceil(settings.shutdown_timeout),
        "keepalive": 5,
        "accesslog": None,  # the app logs each request itself, as JSON with its request id
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "logconfig_dict": gunicorn_logconfig(settings.log_level),
        "proc_name": "syncmatch-api",
        # Gunicorn 25+ otherwise opens a control socket in the home directory, shared by all instances.
        "control_socket_disable": True,
        # The heartbeat file belongs in memory; in containers /tmp may be an overlay on disk.
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
    }


class ApiServer(BaseApplication):
    """The API under gunicorn, started from `syncmatch api` rather than the gunicorn command."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        """Apply `gunicorn_options`, skipping any this gunicorn version does not know."""
        for name, value in gunicorn_options(self.settings).items():
            if value is not None and name in self.cfg.settings:
                self.cfg.set(name, value)

    def load(self):
        """Build the Flask app in each gunicorn worker."""
        return create_app(self.settings)
