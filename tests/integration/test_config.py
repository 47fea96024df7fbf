"""Settings come from environment variables, with defaults and clear errors."""

from pathlib import Path

import pytest

from service.config import DAY, ConfigError, Settings, checks_child


def test_defaults_without_environment():
    settings = Settings.from_env({})
    assert settings.redis_url is None
    assert settings.data_dir == Path(".syncmatch")
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.snapshot_ttl == DAY
    assert settings.workers >= 1


def test_every_variable_is_read():
    settings = Settings.from_env({
        "REDIS_URL": "redis://cache:6379/2", "SYNCMATCH_DATA_DIR": "/var/lib/syncmatch",
        "SYNCMATCH_HOST": "0.0.0.0", "SYNCMATCH_PORT": "9000", "SYNCMATCH_WORKERS": "3",
        "SYNCMATCH_JOB_TIMEOUT": "60", "SYNCMATCH_RESULT_TTL": "120", "SYNCMATCH_SNAPSHOT_TTL": "30",
        "SYNCMATCH_MAX_UPLOAD_BYTES": "1024", "SYNCMATCH_LOG_LEVEL": "debug", "SYNCMATCH_NAMESPACE": "sm",
    })
    assert settings.redis_url == "redis://cache:6379/2"
    assert settings.data_dir == Path("/var/lib/syncmatch")
    assert (settings.host, settings.port, settings.workers) == ("0.0.0.0", 9000, 3)
    assert (settings.job_timeout, settings.result_ttl, settings.snapshot_ttl) == (60, 120, 30)
    assert settings.max_upload_bytes == 1024
    assert settings.log_level == "DEBUG"
    assert settings.queue_name == "sm"


def test_blank_values_mean_default():
    assert Settings.from_env({"SYNCMATCH_PORT": "  ", "REDIS_URL": ""}) == Settings.from_env({})


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("SYNCMATCH_PORT", "eighty", "whole number"),
    ("SYNCMATCH_PORT", "70000", "between 1 and 65535"),
    ("SYNCMATCH_WORKERS", "0", "at least 1"),
    ("SYNCMATCH_LOG_LEVEL", "loud", "DEBUG, INFO"),
])
def test_bad_values_name_the_variable(variable, value, says):
    with pytest.raises(ConfigError) as error:
        Settings.from_env({variable: value})
    assert variable in str(error.value)
    assert says in str(error.value)


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().port = 1


def test_missing_redis_url_explains_what_to_do():
    with pytest.raises(ConfigError, match=r"REDIS_URL is not set.*syncmatch up"):
        Settings().require_redis_url()


def test_service_limits_and_webhook_settings_are_read(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text("sha256:" + "ab" * 32 + ":initech\n")
    settings = Settings.from_env({
        "SYNCMATCH_API_KEYS": "0123456789abcdef-key:acme", "SYNCMATCH_API_KEYS_FILE": str(keys),
        "SYNCMATCH_RATE_LIMIT": "10/second", "SYNCMATCH_CHUNK_BYTES": "4096", "SYNCMATCH_MAX_OBJECTS": "5",
        "SYNCMATCH_FAILURE_TTL": "60", "SYNCMATCH_WEBHOOK_SECRET": "whsec_" + "A" * 44,
        "SYNCMATCH_WEBHOOK_ALLOW_PRIVATE": "1", "SYNCMATCH_WEBHOOK_RETRY_DELAYS": "1,2,3",
    })
    assert sorted(settings.api_keys.values()) == ["acme", "initech"]
    assert "0123456789abcdef-key" not in repr(settings.api_keys)
    assert (settings.rate_limit, settings.chunk_bytes, settings.max_objects) == ("10/second", 4096, 5)
    assert settings.failure_ttl == 60
    assert settings.webhook_secret == bytes(33)
    assert settings.webhook_allow_private is True
    assert settings.webhook_retry_delays == (1, 2, 3)
    assert Settings.from_env({"SYNCMATCH_RATE_LIMIT": "off"}).rate_limit is None


def test_defaults_are_sized_for_a_million_objects():
    settings = Settings.from_env({})
    assert settings.job_timeout == 3600
    assert settings.failure_ttl < DAY < settings.result_ttl
    assert settings.chunk_bytes <= 64 * 1024 * 1024
    assert settings.open_access


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("SYNCMATCH_WEBHOOK_SECRET", "plain-secret", "whsec_"),
    ("SYNCMATCH_WEBHOOK_SECRET", "whsec_!!!", "base64"),
    ("SYNCMATCH_RATE_LIMIT", "lots", "600/minute"),
    ("SYNCMATCH_CHUNK_BYTES", str(65 * 1024 * 1024), "64 MiB"),
    ("SYNCMATCH_API_KEYS_FILE", "/no/such/file", "cannot read"),
])
def test_bad_service_values_name_the_variable(variable, value, says):
    with pytest.raises(ConfigError, match=variable) as error:
        Settings.from_env({variable: value})
    assert says in str(error.value)


@pytest.mark.parametrize(("host", "refused"), [("127.0.0.1", False), ("::1", False), ("localhost", False),
                                               ("0.0.0.0", True), ("10.0.0.4", True), ("api.internal", True)])
def test_without_keys_only_loopback_is_allowed(host, refused):
    settings = Settings(host=host)
    if refused:
        with pytest.raises(ConfigError, match="SYNCMATCH_API_KEYS"):
            settings.require_safe_bind()
    else:
        settings.require_safe_bind()
    Settings(host=host, api_keys={"0" * 64: "acme"}).require_safe_bind()


@pytest.mark.parametrize(("raw", "expected"), [("", None), ("auto", None), ("AUTO", None), ("1", True), ("on", True),
                                               ("0", False), ("false", False)])
def test_the_checks_child_is_auto_on_or_off(raw, expected):
    assert Settings.from_env({"SYNCMATCH_CHECKS_CHILD": raw}).checks_child is expected
    assert checks_child({"SYNCMATCH_CHECKS_CHILD": raw, "SYNCMATCH_PORT": "not read by match"}) is expected


def test_a_bad_checks_child_names_the_variable_for_match_too(tmp_path, capsys, monkeypatch):
    from service.cli import main

    with pytest.raises(ConfigError, match="SYNCMATCH_CHECKS_CHILD") as error:
        Settings.from_env({"SYNCMATCH_CHECKS_CHILD": "sometimes"})
    assert "auto, 1 or 0" in str(error.value)
    monkeypatch.setenv("SYNCMATCH_CHECKS_CHILD", "sometimes")
    examples = Path(__file__).parents[2] / "examples"
    assert main(["match", str(examples / "onprem" / "contoso.json"), str(examples / "cloud" / "contoso.json")]) == 2
    assert "SYNCMATCH_CHECKS_CHILD='sometimes' is not valid" in capsys.readouterr().err


@pytest.mark.parametrize(("raw", "expected"), [("", 8 * 1024 * 1024), ("off", None), ("OFF", None), ("1", 1),
                                               ("64mb", 64 * 1024 * 1024)])
def test_the_upload_child_size_or_off(raw, expected):
    assert Settings.from_env({"SYNCMATCH_UPLOAD_CHILD_BYTES": raw}).upload_child_bytes == expected


def test_a_bad_upload_child_size_names_the_variable():
    with pytest.raises(ConfigError, match="SYNCMATCH_UPLOAD_CHILD_BYTES"):
        Settings.from_env({"SYNCMATCH_UPLOAD_CHILD_BYTES": "large"})
