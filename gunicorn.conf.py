"""Gunicorn settings for running `gunicorn 'service.api:create_app()'` by hand from this directory.

`syncmatch api` applies the same settings itself; both read SYNCMATCH_* variables (see service/config.py).
"""

from service.api.server import gunicorn_options
from service.config import Settings

globals().update({name: value for name, value in gunicorn_options(Settings.from_env()).items()
                  if value is not None})
