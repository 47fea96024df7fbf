"""Settings come from environment variables, with defaults and clear errors."""

from pathlib import Path

import pytest

from service.config import DAY, ConfigError, Settings


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
