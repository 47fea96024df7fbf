"""`syncmatch api`: the HTTP API alone (gunicorn), for containers and multi-machine deployments."""

from __future__ import annotations

import argparse

from service.entrypoints.common import add_listen_arguments, complain, positive_int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `syncmatch api`."""
    add_listen_arguments(parser)
    parser.add_argument("--workers", type=positive_int, metavar="N",
                        help="HTTP worker processes (default: SYNCMATCH_API_WORKERS or 2)")


def run(args: argparse.Namespace) -> int:
    """Serve the API until SIGTERM or Ctrl-C; REDIS_URL is required."""
    from service.adapters.network import PortInUseError, ensure_port_free
    from service.config import ConfigError, Settings

    try:
        settings = Settings.from_env().with_overrides(host=args.host, port=args.port,
                                                      api_workers=args.workers)
        settings.require_redis_url()
        settings.require_safe_bind()
        ensure_port_free(settings.host, settings.port)
    except PortInUseError as exc:
        return complain("api", f"{exc}; stop whatever uses it or choose another with --port")
    except ConfigError as exc:
        return complain("api", exc)

    from service.adapters.logs import configure
    from service.api.server import ApiServer

    configure(settings.log_level)
    ApiServer(settings).run()
    return 0
