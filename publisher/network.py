"""The one gate every request publisher makes goes through: a build's remote images, and
``publisher fetch``'s feeds, pages and images (``publisher/fetch/``).

Refused: any address that is loopback, link-local, private, multicast or reserved (a
scraped page must not make the build probe the newsroom's own network) unless the policy
allows private addresses (``--allow-private-network``: an intranet, tests), and bodies
over the size cap; a build also refuses redirects to another host and anything but
images. Each connection goes to the very address that was checked: the host's name is
resolved once, so a name that answers a public address to the check and a private one to
the connection (DNS rebinding) gets nowhere (``pinned_connection``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import socket
    from http.client import HTTPConnection, HTTPMessage, HTTPResponse
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
    private_allowed: bool = False  # loopback and private addresses too (--allow-private-network)


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


def checked_address(host: str, policy: NetworkPolicy) -> str:
    """The address to connect to for ``host`` under ``policy``: a public one, or with
    private addresses allowed, whatever the one lookup answers."""
    if not policy.private_allowed:
        return public_address(host)
    import socket

    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as problem:
        raise FetchRefused(f"cannot resolve {host}: {problem.strerror}") from None
    if not infos:
        raise FetchRefused(f"cannot resolve {host}")
    return str(infos[0][4][0])


def _connect_checked(connection: HTTPConnection, policy: NetworkPolicy) -> socket.socket:
    import socket

    return socket.create_connection((checked_address(connection.host, policy), connection.port), connection.timeout)


def pinned_connection(scheme: str, host: str, port: int | None, policy: NetworkPolicy, timeout: float) -> HTTPConnection:
    """An ``http.client`` connection to ``host`` that, when it connects, resolves the name
    once, checks the address (``checked_address``) and connects to that very address."""
    import http.client
    import ssl

    class CheckedHTTPConnection(http.client.HTTPConnection):
        def connect(self) -> None:
            self.sock = _connect_checked(self, policy)

    class CheckedHTTPSConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            context = ssl.create_default_context()
            self.sock = context.wrap_socket(_connect_checked(self, policy), server_hostname=self.host)

    if scheme == "https":
        return CheckedHTTPSConnection(host, port, timeout=timeout)
    return CheckedHTTPConnection(host, port, timeout=timeout)


def _pinned_opener(policy: NetworkPolicy) -> OpenerDirector:
    """An opener whose connections go to the address that was checked
    (``pinned_connection``), and that follows redirects only within the same host (urllib
    is loaded here, by the builds that fetch, not by every build)."""
    from urllib import request

    def connection_maker(scheme: str) -> Callable[..., HTTPConnection]:
        def make(host: str, timeout: float = TIMEOUT_SECONDS, **_: object) -> HTTPConnection:
            return pinned_connection(scheme, host, None, policy, timeout)  # http.client reads a port in ``host``

        return make

    class CheckedHTTPHandler(request.HTTPHandler):
        def http_open(self, req: Request) -> HTTPResponse:
            return self.do_open(connection_maker("http"), req)

    class CheckedHTTPSHandler(request.HTTPSHandler):
        def https_open(self, req: Request) -> HTTPResponse:
            return self.do_open(connection_maker("https"), req)

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
        checked_address(parts.hostname, policy)
        opener = _proxied_opener()
    else:
        opener = _pinned_opener(policy)
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
    return save_image(data, media_type, url, folder)


def save_image(data: bytes, media_type: str, url: str, folder: Path) -> Path:
    """Keep an image fetched from ``url`` in ``folder``, named by its address with the
    suffix of its type; FetchRefused for anything but an image."""
    if media_type not in _IMAGE_TYPES:
        raise FetchRefused(f"not an image ({media_type}): {url}")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + _IMAGE_TYPES[media_type])
    target.write_bytes(data)
    return target
