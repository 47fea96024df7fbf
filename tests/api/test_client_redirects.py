"""The API key goes to the service's origin only: a redirect to another host or port, or an absolute URL
elsewhere, gets no Authorization header (two loopback servers on free ports)."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from service_support import syncmatch_command

from service.client import Client, origin

KEY = "redirect-test-key-0123456789"


class Recorder(BaseHTTPRequestHandler):
    """Answers JSON, or redirects where `server.redirects` says; records each request's path and key."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization")))
        target = self.server.redirects.get(self.path.split("?")[0])
        if target:
            self.send_response(302 if self.command == "GET" else 303)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"id": "snap-1", "status": "queued"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        """Quiet."""


@contextmanager
def server() -> Iterator[ThreadingHTTPServer]:
    """A recording server on a free loopback port."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.seen, httpd.redirects = [], {}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def servers() -> Iterator[tuple[ThreadingHTTPServer, ThreadingHTTPServer]]:
    """The service's host, and another one."""
    with server() as home, server() as elsewhere:
        yield home, elsewhere


def url(httpd: ThreadingHTTPServer, path: str = "") -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}{path}"


def test_a_redirect_to_another_port_gets_no_key(servers):
    home, elsewhere = servers
    home.redirects["/v1/jobs/x"] = url(elsewhere, "/stolen")
    Client(url(home), KEY).call("GET", "/v1/jobs/x")
    assert home.seen == [("GET", "/v1/jobs/x", f"Bearer {KEY}")]
    assert elsewhere.seen == [("GET", "/stolen", None)]


def test_a_redirect_to_another_host_name_gets_no_key(servers):
    home, _ = servers
    home.redirects["/v1/jobs/x"] = f"http://localhost:{home.server_address[1]}/v1/jobs/y"
    Client(url(home), KEY).call("GET", "/v1/jobs/x")
    assert home.seen == [("GET", "/v1/jobs/x", f"Bearer {KEY}"), ("GET", "/v1/jobs/y", None)]


def test_a_redirect_on_the_same_origin_keeps_the_key(servers):
    home, _ = servers
    home.redirects["/v1/jobs/x"] = url(home, "/v1/jobs/y")
    Client(url(home), KEY).call("GET", "/v1/jobs/x")
    assert [auth for _, _, auth in home.seen] == [f"Bearer {KEY}", f"Bearer {KEY}"]


def test_an_absolute_url_elsewhere_gets_no_key(servers):
    home, elsewhere = servers
    Client(url(home), KEY).call("GET", url(elsewhere, "/v1/jobs/x"))
    assert elsewhere.seen == [("GET", "/v1/jobs/x", None)]
    assert home.seen == []


def test_origins_compare_scheme_host_and_default_port():
    assert origin("https://API.example:443/x") == origin("https://api.example/y")
    assert origin("http://api.example/x") != origin("https://api.example/x")
    assert origin("http://127.0.0.1:8000/") != origin("http://127.0.0.1:8001/")


def test_submit_sends_no_key_where_the_service_redirects_it(servers, tmp_path):
    home, elsewhere = servers
    home.redirects["/v1/snapshots"] = url(elsewhere, "/v1/snapshots")
    export = tmp_path / "onprem.json"
    export.write_text(json.dumps({"kind": "onprem", "objects": []}), encoding="utf-8")
    done = subprocess.run([*syncmatch_command(), "submit", str(export), str(export), "--url", url(home),
                           "--api-key", KEY, "--timeout", "20"], capture_output=True, text=True, timeout=60)
    assert home.seen and all(auth == f"Bearer {KEY}" for _, _, auth in home.seen), done.stderr
    assert elsewhere.seen, done.stderr
    assert all(auth is None for _, _, auth in elsewhere.seen)
