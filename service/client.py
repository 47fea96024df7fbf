"""A small HTTP client for the SyncMatch API (standard library only, for pipelines and `syncmatch submit`)."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO

from service.exceptions import SyncMatchError

USER_AGENT = "syncmatch-submit"
MAX_WAIT_SECONDS = 15.0


class ApiError(SyncMatchError):
    """A failed call: the HTTP status and the problem document the service sent."""

    def __init__(self, status: int, problem: dict):
        self.status = status
        self.problem = problem
        detail = problem.get("detail") or problem.get("title") or "request failed"
        fields = "; ".join(f"{e.get('field') or e.get('pointer') or ''}: {e.get('message') or e.get('detail')}"
                           for e in problem.get("errors") or [] if isinstance(e, dict))
        super().__init__(f"HTTP {status}: {detail}" + (f" ({fields})" if fields else ""))


@dataclass
class Response:
    """Status, headers and body of one call."""

    status: int
    headers: dict
    body: bytes

    def json(self) -> dict:
        """The body as JSON."""
        return json.loads(self.body or b"{}")


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of a URL (the default port filled in)."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


class KeyStaysHome(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but drops the API key when one leads to another scheme, host or port."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        """The redirected request, without Authorization when it goes to another origin."""
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and origin(newurl) != origin(req.full_url):
            new.remove_header("Authorization")
        return new


class Client:
    """Calls the SyncMatch API at one base URL with an optional API key (sent to that origin only)."""

    def __init__(self, base_url: str, api_key: str | None = None, timeout: float = 300.0):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self._opener = urllib.request.build_opener(KeyStaysHome())

    def call(self, method: str, path: str, body: bytes | IO[bytes] | None = None,
             headers: dict | None = None) -> Response:
        """Send one request; raise ApiError for an error status."""
        url = self._url(path)
        request = urllib.request.Request(url, data=body, method=method, headers=self._headers(headers, url))
        try:
            with self._opener.open(request, timeout=self.timeout) as reply:
                return Response(reply.status, dict(reply.headers), reply.read())
        except urllib.error.HTTPError as exc:
            raise ApiError(exc.code, _problem(exc.read(), exc.code)) from None

    def _url(self, path: str) -> str:
        """Absolute URL for a path the service gave or a route."""
        return path if path.startswith(("http://", "https://")) else self.base_url + path

    def _headers(self, extra: dict | None, url: str) -> dict:
        """User agent, auth (only for the base URL's origin) and the caller's headers."""
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if self.api_key and origin(url) == origin(self.base_url):
            headers["Authorization"] = f"Bearer {self.api_key}"
        headers.update(extra or {})
        return headers

    def upload(self, path: str, kind: str) -> dict:
        """Stream one export file to POST /v1/snapshots."""
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            reply = self.call("POST", f"/v1/snapshots?kind={urllib.parse.quote(kind)}", handle,
                              {"Content-Type": "application/octet-stream", "Content-Length": str(size)})
        return reply.json()

    def create_job(self, onprem_id: str, cloud_id: str, settings: dict, idempotency_key: str | None = None,
                   more_onprem: list | None = None) -> Response:
        """POST /v1/jobs with two snapshot ids."""
        request = {"onpremSnapshot": onprem_id, "cloudSnapshot": cloud_id, "settings": settings}
        if more_onprem:
            request["onpremSnapshots"] = list(more_onprem)
        body = json.dumps(request).encode()
        headers = {"Content-Type": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return self.call("POST", "/v1/jobs", body, headers)

    def wait(self, location: str, first_wait: float, on_status: Callable[[dict], None],
             deadline: float | None = None) -> dict:
        """Poll a job until it ends, honouring Retry-After; return its final status document."""
        delay = first_wait
        while True:
            time.sleep(delay)
            reply = self.call("GET", location)
            status = reply.json()
            on_status(status)
            if status.get("status") in ("finished", "failed"):
                return status
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"the job did not finish in time; follow it at {location}")
            delay = retry_after(reply.headers, delay)

    def download(self, path: str, accept: str = "application/json") -> bytes:
        """GET a result document as bytes."""
        return self.call("GET", path, headers={"Accept": accept}).body


def retry_after(headers: dict, previous: float) -> float:
    """Seconds to wait: the service's Retry-After, else a gentle back-off."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        return min(max(float(value), 0.2), MAX_WAIT_SECONDS)  # type: ignore[arg-type]  # None: TypeError
    except (TypeError, ValueError):
        return min(previous * 1.5, MAX_WAIT_SECONDS)


def _problem(body: bytes, status: int) -> dict:
    """Read a problem document, or wrap whatever the server sent."""
    try:
        problem = json.loads(body)
        if isinstance(problem, dict):
            return problem
    except ValueError:
        pass
    return {"status": status, "title": "unexpected response", "detail": body[:300].decode("utf-8", "replace")}
