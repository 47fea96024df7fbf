"""Sockets: finding a free port and telling whether one is taken."""

from __future__ import annotations

import socket

from service.exceptions import PortInUseError

__all__ = ["PortInUseError", "ensure_port_free", "free_port"]


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port on `host` that nothing listens on right now."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def ensure_port_free(host: str, port: int) -> None:
    """Raise PortInUseError unless a server could listen on host:port now."""
    try:
        with socket.socket(_family(host), socket.SOCK_STREAM) as sock:
            # Same option the servers use, so a port in TIME_WAIT counts as free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except OSError as exc:
        raise PortInUseError(host, port, exc.strerror or str(exc)) from None


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
