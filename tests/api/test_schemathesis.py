"""Schemathesis against the app in-process (real Redis, real workers): no server errors, responses as documented."""

import pytest
import schemathesis
import yaml
from api_support import ACME_KEY, ROOT
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api import create_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
METHODS = ("get", "post", "put", "patch", "delete")
PATHS = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["paths"]
OPERATIONS = [(method.upper(), path) for path, item in PATHS.items() for method in item if method in METHODS]


@pytest.fixture(scope="module")
def api_schema(api_settings, api_workers):
    """openapi.yaml as the app serves it, bound to the app."""
    return schemathesis.openapi.from_wsgi("/openapi.yaml", create_app(api_settings))


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_conforms_to_openapi(api_schema, method, path):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate])
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {ACME_KEY}"}, checks=CHECKS)

    run()
