"""API keys shorter than 16 characters, or given twice, stop every process at start (exit 2), never echoed."""

from __future__ import annotations

import subprocess

import pytest
from service_support import service_env, syncmatch_command

from service.config import ConfigError, Settings, hash_key

GOOD = "0123456789abcdef-acme"
OTHER = "fedcba9876543210-globex"


@pytest.mark.parametrize(("keys", "says"), [
    ("short-key:acme", "at least 16 characters"),
    (f"{GOOD}:acme,{OTHER}:globex,{GOOD}:initech", "entry 3 repeats the key of entry 1"),
    (f"{GOOD}:acme,{GOOD}:acme", "entry 2 repeats the key of entry 1"),
])
def test_bad_keys_are_refused_without_showing_them(keys, says):
    with pytest.raises(ConfigError, match="SYNCMATCH_API_KEYS") as error:
        Settings.from_env({"SYNCMATCH_API_KEYS": keys})
    assert says in str(error.value)
    assert GOOD not in str(error.value) and "short-key" not in str(error.value)


def test_a_key_in_both_the_variable_and_the_file_is_refused(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(f"sha256:{hash_key(GOOD)}:acme\n")
    with pytest.raises(ConfigError, match="both hold the same key"):
        Settings.from_env({"SYNCMATCH_API_KEYS": f"{GOOD}:acme", "SYNCMATCH_API_KEYS_FILE": str(keys)})


def test_a_key_twice_in_the_file_is_refused(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(f"sha256:{hash_key(GOOD)}:acme\nsha256:{hash_key(GOOD).upper()}:globex\n")
    with pytest.raises(ConfigError, match="line 2 repeats a key"):
        Settings.from_env({"SYNCMATCH_API_KEYS_FILE": str(keys)})


def test_distinct_long_keys_are_accepted():
    settings = Settings.from_env({"SYNCMATCH_API_KEYS": f"{GOOD}:acme,{OTHER}:globex"})
    assert sorted(settings.api_keys.values()) == ["acme", "globex"]


@pytest.mark.parametrize("command", ["api", "worker"])
@pytest.mark.parametrize("keys", ["short-key:acme", f"{GOOD}:acme,{GOOD}:globex"])
def test_processes_exit_2_at_start_and_say_why(command, keys):
    env = service_env(REDIS_URL="redis://127.0.0.1:1/0", SYNCMATCH_API_KEYS=keys)
    done = subprocess.run([*syncmatch_command(), command], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "SYNCMATCH_API_KEYS" in done.stderr
    assert GOOD not in done.stderr and "short-key" not in done.stderr
