"""`syncmatch webhooks`: the webhook consumer alone (threads), for containers and scaling out."""

from __future__ import annotations

import argparse
import sys

from service.entrypoints.common import complain, positive_int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `syncmatch webhooks`."""
    parser.add_argument("--name", help="consumer name, unique among live consumers (default: random)")
    parser.add_argument("--threads", type=positive_int, metavar="N",
                        help="deliveries at once (default: SYNCMATCH_WEBHOOK_THREADS or 4)")


def run(args: argparse.Namespace) -> int:
    """Deliver webhooks until SIGTERM or Ctrl-C (deliveries under way finish first); REDIS_URL is required."""
    from service.config import ConfigError, Settings

    try:
        settings = Settings.from_env().with_overrides(webhook_threads=args.threads)
        settings.require_redis_url()
    except ConfigError as exc:
        return complain("webhooks", exc)

    from redis.exceptions import ConnectionError as RedisConnectionError

    from service.adapters.logs import configure
    from service.adapters.webhook_consumer import WebhookConsumer
    from service.bootstrap import for_process

    configure(settings.log_level)
    try:
        connection = for_process(settings).redis  # the deliveries find these services by their connection
        connection.ping()
        return WebhookConsumer(connection, settings, name=args.name).run()
    except RedisConnectionError as exc:
        print(f"syncmatch webhooks: cannot reach Redis: {exc}", file=sys.stderr, flush=True)
        return 1
