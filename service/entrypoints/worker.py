"""`syncmatch worker`: one worker running matching jobs from Redis, for containers and scaling out."""

from __future__ import annotations

import argparse
import logging
import sys

from service.entrypoints.common import complain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `syncmatch worker`."""
    parser.add_argument("--name", help="worker name, unique among live workers (default: random)")
    parser.add_argument("--burst", action="store_true", help="run the jobs waiting now, then exit")


def run(args: argparse.Namespace) -> int:
    """Run jobs until SIGTERM or Ctrl-C (a running job is finished first); REDIS_URL is required."""
    from service.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
        settings.require_redis_url()
    except ConfigError as exc:
        return complain("worker", exc)

    from redis.exceptions import ConnectionError as RedisConnectionError

    from service.adapters.logs import configure
    from service.adapters.queue import new_worker
    from service.bootstrap import for_process
    from service.engine_build import engine_build

    configure(settings.log_level)
    logging.getLogger("service.worker").info("engine: %s", engine_build())
    try:
        # The jobs, run in processes forked from this one, find these services by their connection.
        worker = new_worker(for_process(settings).redis, settings, name=args.name)
        # No scheduler: a matching job is retried at once; webhook retries are the webhook consumer's.
        worker.work(burst=args.burst, logging_level=settings.log_level)
    except RedisConnectionError as exc:
        print(f"syncmatch worker: cannot reach Redis: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0
