"""Query parameters validated with marshmallow; bad ones answer 400 with one entry per parameter."""

from __future__ import annotations

from flask import Flask, Response, request
from marshmallow import Schema, ValidationError

from service.api.problems import problem_response, validation_pointers
from service.exceptions import SyncMatchError
from service.problems import problem_type


class QueryError(SyncMatchError):
    """Query parameters that are missing or invalid."""

    def __init__(self, messages) -> None:
        super().__init__("invalid query parameters")
        self.errors = [{"parameter": item["pointer"].lstrip("/"), "detail": item["detail"]}
                       for item in validation_pointers(messages)]


def load_query(schema: Schema) -> dict:
    """The request's query parameters, loaded by `schema`, or QueryError."""
    try:
        return schema.load(request.args.to_dict())
    except ValidationError as exc:
        raise QueryError(exc.messages) from None


def register(app: Flask) -> None:
    """Answer QueryError with a 400 problem."""
    app.register_error_handler(QueryError, _query_error)


def _query_error(exc: QueryError) -> Response:
    return problem_response(400, "Invalid query parameters", "Some query parameters are missing or invalid; see "
                            "`errors`.", problem_type("invalid-query"), errors=exc.errors)
