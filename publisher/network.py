"""Fetching remote images, only when the user allows it, and never inward.

Refused: any address that is loopback, link-local, private, multicast or reserved (a
scraped page must not make the build probe the newsroom's own network), redirects to
another host, bodies over the size cap, and anything but images. Each connection goes to
the very address that was checked: the host's name is resolved once, so a name that
answers a public address to the check and a private one to the connection (DNS
rebinding) gets nowhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from http.client import HTTPMessage, HTTPResponse
    from typing import IO
    from urllib.request import HTTPRedirectHandler, OpenerDirector, Request

MAX_IMAGE_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
_IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


class FetchRefused(Exception):
    """The URL may not be fetched, or the answer is not an acceptable image."""


@dataclass(frozen=True)
class NetworkPolicy:
    allowed: bool = False
    max_bytes: int = MAX_IMAGE_BYTES
    timeout: float = TIMEOUT_SECONDS


def public_address(host: str) -> str:
    """The address to connect to for ``host``: FetchRefused unless every address the name
    resolves to is public."""
    import ipaddress
    import socket

    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as problem:
        raise FetchRefused(f"cannot resolve {host}: {problem.strerror}") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    for address in addresses:
        if not address.is_global or address.is_multicast:
            raise FetchRefused(f"{host} resolves to a non-public address ({address})")
    if not addresses:
        raise FetchRefused(f"cannot resolve {host}")
    return str(addresses[0])


def _pinned_opener() -> OpenerDirector:
    """An opener whose connections go to the address ``public_address`` checked, and
    that follows redirects only within the same host (urllib is loaded here, by the
    builds that fetch, not by every build)."""
    import http.client
    import socket
    import ssl
    from urllib import request

    def connect_checked(connection: http.client.HTTPConnection) -> socket.socket:
        return socket.create_connection((public_address(connection.host), connection.port), connection.timeout)

    class CheckedHTTPConnection(http.client.HTTPConnection):
        def connect(self) -> None:
            self.sock = connect_checked(self)

    class CheckedHTTPSConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            context = ssl.create_default_context()
            self.sock = context.wrap_socket(connect_checked(self), server_hostname=self.host)

    class CheckedHTTPHandler(request.HTTPHandler):
        def http_open(self, req: Request) -> HTTPResponse:
            return self.do_open(CheckedHTTPConnection, req)

    class CheckedHTTPSHandler(request.HTTPSHandler):
        def https_open(self, req: Request) -> HTTPResponse:
            return self.do_open(CheckedHTTPSConnection, req)

    return request.build_opener(CheckedHTTPHandler(), CheckedHTTPSHandler(), _same_host_redirects())


def _proxied_opener() -> OpenerDirector:
    """Behind a proxy (``http_proxy`` and the like), the proxy resolves and connects:
    the host's name is checked, and redirects stay within it."""
    from urllib import request

    return request.build_opener(_same_host_redirects())


def _same_host_redirects() -> HTTPRedirectHandler:
    from urllib import request

    class SameHostRedirects(request.HTTPRedirectHandler):
        def redirect_request(
            self, req: Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
        ) -> Request | None:
            old, new = urlsplit(req.full_url), urlsplit(newurl)
            if new.scheme not in ("http", "https") or new.hostname != old.hostname:
                raise FetchRefused(f"redirect to another host refused: {newurl}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return SameHostRedirects()


def fetch_image(url: str, folder: Path, policy: NetworkPolicy) -> Path:
    """Download the image at ``url`` into ``folder``; the file's path, or FetchRefused."""
    if not policy.allowed:
        raise FetchRefused("remote images are not fetched without --allow-network")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"not an http(s) URL: {url}")
    from urllib import error, request

    if request.getproxies().get(parts.scheme) and not request.proxy_bypass(parts.hostname):
        public_address(parts.hostname)
        opener = _proxied_opener()
    else:
        opener = _pinned_opener()
    try:
        # The scheme is checked above: http(s) only.
        with opener.open(request.Request(url, headers={"User-Agent": "publisher"}), timeout=policy.timeout) as response:  # noqa: S310
            media_type = response.headers.get_content_type()
            if media_type not in _IMAGE_TYPES:
                raise FetchRefused(f"not an image ({media_type}): {url}")
            data = response.read(policy.max_bytes + 1)
    except error.URLError as problem:
        if isinstance(problem.reason, FetchRefused):
            raise problem.reason from None
        raise FetchRefused(f"cannot fetch {url}: {problem}") from None
    except (OSError, ValueError) as problem:
        raise FetchRefused(f"cannot fetch {url}: {problem}") from None
    if len(data) > policy.max_bytes:
        raise FetchRefused(f"image larger than {policy.max_bytes // (1024 * 1024)} MB: {url}")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + _IMAGE_TYPES[media_type])
    target.write_bytes(data)
    return target
