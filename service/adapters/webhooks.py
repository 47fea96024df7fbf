"""Webhooks: refusing unsafe targets (SSRF), Standard Webhooks signatures, and one POST to a checked address."""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from service.exceptions import UnsafeTarget

RESOLVE_TIMEOUT = 5.0
MAX_URL_LENGTH = 2048
USER_AGENT = "SyncMatch-Webhook/1"


@dataclass(frozen=True)
class Target:
    """A checked callback: where to connect and what to ask for."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def forbidden_reason(address: str) -> str | None:
    """Why an IP address must not be called (loopback, private...), or None if it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                        ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                        ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return label
    return None if ip.is_global else "not globally routable"


def parse(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an http(s) URL, or UnsafeTarget."""
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeTarget(f"the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeTarget(f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("must be an absolute http:// or https:// URL")
    if parts.username or parts.password:
        raise UnsafeTarget("must not contain a user name or password")
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise UnsafeTarget("must not contain spaces or control characters")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, or UnsafeTarget when it does not resolve in time."""
    resolver = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="resolve")
    future = resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=RESOLVE_TIMEOUT)
    except concurrent.futures.TimeoutError:
        raise UnsafeTarget(f"the host {host!r} did not resolve within {RESOLVE_TIMEOUT:.0f} seconds") from None
    except (OSError, UnicodeError) as exc:
        raise UnsafeTarget(f"the host {host!r} does not resolve: {exc}") from None
    finally:
        resolver.shutdown(wait=False)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check(url: str, allow_private: bool) -> Target:
    """Parse and resolve `url`; refuse it unless every address is public (or `allow_private`)."""
    scheme, host, port, path = parse(url)
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            reason = forbidden_reason(address)
            if reason:
                raise UnsafeTarget(f"{host} resolves to {address}, a {reason} address; webhooks only go to "
                                   "public addresses (SYNCMATCH_WEBHOOK_ALLOW_PRIVATE=1 allows others)")
    return Target(scheme, host, port, path, addresses[0])


def sign(secret: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    """The Standard Webhooks `webhook-signature` value: v1,<base64 HMAC-SHA256 of id.timestamp.body>."""
    content = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(secret, content, hashlib.sha256).digest()).decode("ascii")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address, whatever the host name resolves to now."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the checked address, with the certificate verified for the host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `body` to the checked target (no redirects followed); return the HTTP status."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers={
            "Content-Type": "application/json", "User-Agent": USER_AGENT, **headers})
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()
