"""Fetching remote images, only when the user allows it, and never inward.

Refused: any address that is loopback, link-local, private, multicast or reserved (a
scraped page must not make the build probe the newsroom's own network), redirects to
another host, bodies over the size cap, and anything but images.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from urllib.request import OpenerDirector

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


def check_public_host(host: str) -> None:
    import ipaddress
    import socket

    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as problem:
        raise FetchRefused(f"cannot resolve {host}: {problem.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FetchRefused(f"{host} resolves to a non-public address ({address})")


def _same_host_opener() -> OpenerDirector:
    """An opener that follows redirects only within the same host (urllib is loaded
    here, by the builds that fetch, not by every build)."""
    from urllib import request

    class SameHostRedirects(request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            old, new = urlsplit(req.full_url), urlsplit(newurl)
            if new.scheme not in ("http", "https") or new.hostname != old.hostname:
                raise FetchRefused(f"redirect to another host refused: {newurl}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return request.build_opener(SameHostRedirects())


def fetch_image(url: str, folder: Path, policy: NetworkPolicy) -> Path:
    """Download the image at ``url`` into ``folder``; the file's path, or FetchRefused."""
    if not policy.allowed:
        raise FetchRefused("remote images are not fetched without --allow-network")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(f"not an http(s) URL: {url}")
    check_public_host(parts.hostname)
    from urllib import error, request

    opener = _same_host_opener()
    try:
        with opener.open(request.Request(url, headers={"User-Agent": "publisher"}), timeout=policy.timeout) as response:
            media_type = response.headers.get_content_type()
            if media_type not in _IMAGE_TYPES:
                raise FetchRefused(f"not an image ({media_type}): {url}")
            data = response.read(policy.max_bytes + 1)
    except (error.URLError, OSError, ValueError) as problem:
        raise FetchRefused(f"cannot fetch {url}: {problem}") from None
    if len(data) > policy.max_bytes:
        raise FetchRefused(f"image larger than {policy.max_bytes // (1024 * 1024)} MB: {url}")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + _IMAGE_TYPES[media_type])
    target.write_bytes(data)
    return target
