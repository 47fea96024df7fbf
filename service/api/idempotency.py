"""Idempotency-Key on POSTs: replay the first response, 422 for another body, 409 while the first still runs."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, g, make_response, request

from service.api.context import services, tenant
from service.api.problems import problem_response
from service.problems import problem_type

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
KEPT_HEADERS = ("Location", "Retry-After", "Content-Type")
log = logging.getLogger(__name__)


def buffered_digest() -> str:
    """SHA-256 of a body Flask buffers (small JSON bodies)."""
    return hashlib.sha256(request.get_data(cache=True)).hexdigest()


def streamed_digest() -> str:
    """SHA-256 of the body as sent: from the upload if the view read it, else read for the hash alone."""
    if g.get("body_sha256"):
        return g.body_sha256
    digest = hashlib.sha256()
    for block in iter(lambda: request.stream.read(1024 * 1024), b""):
        digest.update(block)
    return digest.hexdigest()


def fingerprint(body_digest: str) -> str:
    """What makes two requests "the same": method, path, query and body."""
    text = "\n".join((request.method, request.path, request.query_string.decode("latin-1"), body_digest))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def idempotent(body_digest: Callable[[], str]) -> Callable:
    """Decorate a POST view so that the Idempotency-Key header, when sent, is honoured per tenant."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            key = request.headers.get(HEADER)
            if key is None:
                return view(*args, **kwargs)
            if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable() or not key.isascii():
                return problem_response(400, "Invalid Idempotency-Key", f"The {HEADER} header must be 1 to "
                                        f"{MAX_KEY_LENGTH} printable ASCII characters, e.g. a UUID.",
                                        problem_type("invalid-idempotency-key"))
            return _run(view, args, kwargs, key, body_digest)
        return wrapper
    return decorate


def _run(view: Callable, args, kwargs, key: str, body_digest: Callable[[], str]) -> Response:
    store = services().idempotency
    record_key = store.key(tenant(), key)
    stored = store.get(record_key)
    if stored is not None:
        return _answer_again(stored, body_digest)
    if not store.reserve(record_key, ""):
        return _in_flight()
    try:
        response = _respond(view, args, kwargs)
    except BaseException:
        store.release(record_key)
        raise
    if response.status_code >= 500 or response.status_code in (409, 429):
        store.release(record_key)
        return response
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    store.complete(record_key, fingerprint(body_digest()), response.status_code, headers, response.get_data())
    return response


def _respond(view: Callable, args, kwargs) -> Response:
    """The view's response, with errors it raises turned into their problem responses."""
    try:
        return make_response(view(*args, **kwargs))
    except Exception as exc:
        return make_response(current_app.handle_user_exception(exc))


def _answer_again(stored, body_digest: Callable[[], str]) -> Response:
    if stored.pending:
        return _in_flight()
    if fingerprint(body_digest()) != stored.fingerprint:
        return problem_response(422, "Idempotency-Key reused", f"This {HEADER} was used for a different "
                                "request (method, path, query or body) in the last 24 hours; use a new key.",
                                problem_type("idempotency-key-reused"))
    response = Response(stored.body, status=stored.status, headers=stored.headers)
    response.headers[REPLAYED] = "true"
    return response


def _in_flight() -> Response:
    return problem_response(409, "Request in progress", f"A request with this {HEADER} is still being processed; "
                            "retry when it has completed.", problem_type("idempotency-in-flight"),
                            headers={"Retry-After": "1"})
