"""`syncmatch up`: the whole service on this machine, stopped cleanly by Ctrl-C."""

from __future__ import annotations

import argparse

from service.entrypoints.common import add_listen_arguments, complain, positive_int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `syncmatch up`."""
    add_listen_arguments(parser)
    parser.add_argument("--workers", type=positive_int, metavar="N",
                        help="matching workers to run (default: SYNCMATCH_WORKERS or one per CPU)")


def run(args: argparse.Namespace) -> int:
    """Start Redis (embedded unless REDIS_URL is set), the API and N workers; stop all on Ctrl-C."""
    from service.adapters.network import PortInUseError, ensure_port_free
    from service.adapters.redis_server import EmbeddedRedisError
    from service.config import ConfigError, Settings
    from service.supervisor import Supervisor

    try:
        settings = Settings.from_env().with_overrides(host=args.host, port=args.port, workers=args.workers)
        settings.require_safe_bind()
        ensure_port_free(settings.host, settings.port)
        return Supervisor(settings).run()
    except PortInUseError as exc:
        return complain("up", f"{exc}; stop whatever uses it or choose another with --port")
    except (ConfigError, EmbeddedRedisError) as exc:
        return complain("up", exc)
