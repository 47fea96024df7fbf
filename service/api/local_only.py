"""Without API keys, only this machine's own tools and pages get in: DNS rebinding and cross-site posts are refused.

A keyless API listens on loopback only, but a web page the user opens can still reach it: through a host name
that its attacker re-points at 127.0.0.1 (DNS rebinding: the browser then sends that name in `Host`), or by
posting a form across sites. So in keyless mode every request must name a loopback host with the port it
came in on, and a request that changes something must not come from another site (`Sec-Fetch-Site`,
`Origin`). Tools such as curl and `syncmatch submit` send neither header and are unaffected. With API keys
the key is the protection and nothing here applies. Sources: Fetch Metadata Request Headers (W3C), OWASP
Cross-Site Request Forgery Prevention Cheat Sheet, "DNS rebinding" (OWASP).
"""

from __future__ import annotations

import ipaddress
from functools import partial

from flask import Flask, Response, request

from service.api.problems import problem_response
from service.config import Settings
from service.problems import problem_type

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_SITE = frozenset({"same-origin", "none"})


def register(app: Flask, settings: Settings) -> None:
    """Check Host and Origin on every request, in keyless mode only."""
    if settings.open_access:
        app.before_request(partial(check_local_request, host_names(settings.host)))


def host_names(bound: str) -> tuple[str, ...]:
    """127.0.0.1, localhost and [::1], and the loopback address the API is bound to when it is another."""
    try:
        address = ipaddress.ip_address(bound.strip("[]"))
    except ValueError:
        return LOOPBACK_HOSTS
    name = f"[{address}]" if address.version == 6 else str(address)
    return LOOPBACK_HOSTS if not address.is_loopback or name in LOOPBACK_HOSTS else (*LOOPBACK_HOSTS, name)


def allowed_hosts(names: tuple[str, ...], port: str) -> set[str]:
    """The Host values a loopback listener on `port` answers to."""
    hosts = {f"{name}:{port}" for name in names}
    return hosts | set(names) if port == "80" else hosts


def check_local_request(names: tuple[str, ...] = LOOPBACK_HOSTS) -> Response | None:
    """Answer 403 to a request for another host name, or a cross-site request that changes something."""
    hosts = allowed_hosts(names, str(request.environ.get("SERVER_PORT", "")))
    host = request.headers.get("Host", "").strip().lower()
    if host not in hosts:
        return _forbidden("This API runs without API keys, so it answers only requests addressed to "
                          f"{' or '.join(sorted(hosts))}; the Host header named another host. Open it through "
                          "one of those addresses, or configure SYNCMATCH_API_KEYS to serve it under another name.")
    if request.method in SAFE_METHODS:
        return None
    site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    origin = request.headers.get("Origin")
    if (site and site not in SAME_SITE) or (origin is not None and origin.strip().lower() not in _origins(hosts)):
        return _forbidden("This API runs without API keys, so it refuses changes requested by another web site "
                          "(Origin or Sec-Fetch-Site says the request comes from elsewhere). Use its own page, "
                          "curl or `syncmatch submit`, or configure SYNCMATCH_API_KEYS.")
    return None


def _origins(hosts: set[str]) -> set[str]:
    """The browser origins of the allowed hosts."""
    return {f"http://{host}" for host in hosts}


def _forbidden(detail: str) -> Response:
    return problem_response(403, "Forbidden", detail, problem_type("not-local"))
