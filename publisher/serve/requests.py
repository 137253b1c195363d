"""What a request may ask for: its path checked before any route is looked at, and its
``Host`` header held to the address the preview serves (no DNS rebinding)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


def request_path(target: str) -> str | None:
    """The path of a request's target, or None when it could lead anywhere but a route.

    The preview's own addresses are plain ASCII, so any percent sign (``%2e%2e``, ``%2f``,
    ``%252e``: encoded dots and slashes, encoded once or twice), a backslash, an empty,
    ``.`` or ``..`` segment, or a target that is not a path from the root (an absolute
    URL, ``//host/...``) is refused as it stands, never decoded and looked at again."""
    if not target.startswith("/") or target.startswith("//"):
        return None
    path = urlsplit(target).path
    if not path.isascii() or any(character in path for character in "%\\\x00") or not path.isprintable():
        return None
    segments = path.split("/")[1:]
    if any(segment in (".", "..") for segment in segments) or "" in segments[:-1]:
        return None
    return path


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` header values that name the address served: the host as given, and on
    a loopback or wildcard address the names of this machine that reach it. A page from
    another site whose name was made to point here still sends its own name: refused."""
    names = {host}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and (address.is_loopback or address.is_unspecified):
        names |= {"localhost", "127.0.0.1", "::1"}
    if address is not None and address.is_unspecified:
        names |= {socket.gethostname(), socket.getfqdn()}
    values = set()
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        values.add(f"{shown}:{port}".lower())
        if port == 80:
            values.add(shown.lower())
    return frozenset(values)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
