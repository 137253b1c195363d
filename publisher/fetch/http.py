"""Requests as a polite crawler makes them, every one through the build's gate
(``publisher.network.pinned_connection``: the address checked, then connected to).

- robots.txt (Protego) is read once per origin and obeyed, its Crawl-delay included;
- one request at a time per origin (scheme, host, port: robots.txt's own scope), with the
  delay between two; different origins run side by side;
- 429 and 503 wait for Retry-After (or back off, doubling), a few tries at most;
- every redirect hop is checked like the first request, and a loop or a long chain ends;
- a response must come whole within the deadline (a trickling server is cut off) and
  within the size cap, after decompression too (a gzip bomb is refused).
"""

from __future__ import annotations

import heapq
import http.client
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from publisher.fetch.options import FetchOptions, user_agent
from publisher.network import FetchRefused, NetworkPolicy, pinned_connection

_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_MAX_BYTES = 500 * 1024  # what RFC 9309 asks crawlers to read at least
_ROBOTS_AGENT = "publisher"


class FetchFailed(Exception):
    """A request that got no usable answer: the message says why, in plain words."""


class RobotsRefused(Exception):
    """robots.txt asks crawlers not to fetch this address."""


@dataclass(frozen=True)
class Validators:
    """What the last answer said of its version, to ask again only if it changed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        wanted = {}
        if self.etag:
            wanted["If-None-Match"] = self.etag
        if self.last_modified:
            wanted["If-Modified-Since"] = self.last_modified
        return wanted


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # names in lower case
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").partition(";")[0].strip().lower()

    @property
    def validators(self) -> Validators:
        return Validators(etag=self.headers.get("etag") or None, last_modified=self.headers.get("last-modified") or None)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)  # held for each request
    robots_lock: threading.Lock = field(default_factory=threading.Lock)  # held while robots.txt is read
    ready_at: float = 0.0  # monotonic time of the next request allowed
    robots: object | None = None  # a Protego, once read
    robots_read: bool = False
    refused_all: str | None = None  # why every address is refused (robots.txt unreachable)


class Client:
    """One fetch's requests. Thread-safe: hosts are fetched in parallel, each one request
    at a time."""

    def __init__(self, options: FetchOptions, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self.policy = NetworkPolicy(allowed=True, max_bytes=options.max_bytes, timeout=options.timeout,
                                    private_allowed=options.allow_private)
        self.user_agent = user_agent()
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._watchdog = _Watchdog()

    def _host(self, origin: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(origin, _Host())

    # What callers use.

    def get(self, url: str, validators: Validators | None = None, accept: str = "*/*") -> Response:
        """The answer to a GET of ``url``, redirects followed (each hop checked and allowed
        by robots.txt). A 304 is returned as it is. FetchFailed when there is no usable
        answer, RobotsRefused when robots.txt forbids it."""
        headers = {"Accept": accept, **(validators.headers() if validators else {})}
        chain = [url]
        current = url
        for _hop in range(self.options.max_redirects + 1):
            response = self._get_once(current, headers)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return response
            target = urljoin(current, location.strip())
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchFailed(f"redirected to an address that is not http(s): {target}")
            if target in chain:
                raise FetchFailed("endless redirect loop: " + " -> ".join([*chain, target]))
            chain.append(target)
            current = target
        raise FetchFailed(f"more than {self.options.max_redirects} redirects, from {url} to {current}")

    def robots(self, url: str) -> object | None:
        """The Protego of ``url``'s origin (None: no robots.txt, everything allowed)."""
        host = self._host(origin_of(url))
        self._read_robots(origin_of(url), host)
        return host.robots

    # One request.

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        origin = origin_of(url)
        host = self._host(origin)
        self._check_robots(url, origin, host)
        delay = self._delay(host)
        for attempt in range(1, self.options.max_tries + 1):
            with self._turn(host, delay) as turn:
                response = self._exchange(url, headers, self.options.max_bytes)
                if response.status not in (429, 503):
                    return response
                wait = self._retry_wait(response, attempt)
                turn.hold(wait)
            if attempt == self.options.max_tries:
                break
        raise FetchFailed(f"the server answered {response.status} ({_reason(response.status)}) "
                          f"{self.options.max_tries} times: {url}")

    def _retry_wait(self, response: Response, attempt: int) -> float:
        asked = _retry_after(response.headers.get("retry-after"))
        wait = asked if asked is not None else self.options.backoff * 2 ** (attempt - 1)
        return min(wait, self.options.max_wait)

    def _delay(self, host: _Host) -> float:
        crawl_delay = getattr(host.robots, "crawl_delay", None)
        asked = crawl_delay(_ROBOTS_AGENT) if callable(crawl_delay) else None
        return max(self.options.delay, min(float(asked or 0), self.options.max_wait))

    @contextmanager
    def _turn(self, host: _Host, delay: float) -> Iterator[_Turn]:
        """Hold the host for one request: wait until its delay since the last has passed."""
        with host.lock:
            wait = host.ready_at - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            turn = _Turn()
            try:
                yield turn
            finally:
                host.ready_at = time.monotonic() + max(delay, turn.extra)

    # robots.txt

    def _check_robots(self, url: str, origin: str, host: _Host) -> None:
        self._read_robots(origin, host)
        if host.refused_all:
            raise RobotsRefused(host.refused_all)
        can_fetch = getattr(host.robots, "can_fetch", None)
        if callable(can_fetch) and not can_fetch(url, _ROBOTS_AGENT):
            raise RobotsRefused(f"robots.txt of {origin} disallows {url}")

    def _read_robots(self, origin: str, host: _Host) -> None:
        with host.robots_lock:
            if not host.robots_read:
                self._read_robots_now(origin, host)
                host.robots_read = True

    def _read_robots_now(self, origin: str, host: _Host) -> None:
        from protego import Protego

        try:
            response = self._robots_response(origin, host)
        except FetchFailed:
            return  # unreachable: as if there were none (the page's own request reports the problem)
        if 200 <= response.status < 300:
            text = response.body.decode("utf-8", "replace")
            try:
                host.robots = Protego.parse(text)
            except Exception:  # a robots.txt Protego cannot read allows everything, as none would
                host.robots = None
            with host.lock:  # the Crawl-delay holds from the request for robots.txt on
                host.ready_at = max(host.ready_at, time.monotonic() + self._delay(host) - self.options.delay)
        elif response.status >= 500:
            # RFC 9309: a server error on robots.txt means "crawl nothing" for now.
            host.refused_all = f"robots.txt of {origin} is unavailable ({response.status}): nothing fetched from it"

    def _robots_response(self, origin: str, host: _Host) -> Response:
        url = origin + "/robots.txt"
        for _hop in range(5):
            with self._turn(host, self.options.delay):
                response = self._exchange(url, {"Accept": "text/plain"}, _ROBOTS_MAX_BYTES, cut=True)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return response
            url = urljoin(url, location)
            if origin_of(url) != origin:  # robots.txt elsewhere: read it without waiting on that host's turn
                return self._exchange(url, {"Accept": "text/plain"}, _ROBOTS_MAX_BYTES, cut=True)
        raise FetchFailed("robots.txt redirects too often")

    # The exchange on the wire.

    def _exchange(self, url: str, headers: dict[str, str], max_bytes: int, *, cut: bool = False) -> Response:
        """One request and its whole answer, through the gate. ``cut``: a body over
        ``max_bytes`` is cut there rather than refused."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchFailed(f"not an http(s) address: {url}")
        try:
            host = parts.hostname.encode("idna").decode("ascii")
            port = parts.port
        except (UnicodeError, ValueError):
            raise FetchFailed(f"not a valid host name: {url}") from None
        connection = pinned_connection(parts.scheme, host, port, self.policy, self.options.timeout)
        timer = self._watchdog.watch(self.options.deadline)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        too_slow = f"no whole answer within {self.options.deadline:g} s (a server sending a trickle of bytes?): {url}"
        try:
            connection.connect()
            timer.watch(connection.sock)
            connection.request("GET", path, headers={
                "User-Agent": self.user_agent, "Accept-Encoding": "gzip", **headers,
            })
            answer = connection.getresponse()
            received = {name.lower(): value for name, value in answer.getheaders()}
            body = _read_body(answer, received, max_bytes, cut, url)
        except FetchRefused as refused:
            raise FetchFailed(str(refused)) from None
        except (OSError, http.client.HTTPException, ValueError) as problem:
            if timer.expired:
                raise FetchFailed(too_slow) from None
            raise FetchFailed(f"cannot fetch {url}: {problem or type(problem).__name__}") from None
        finally:
            timer.cancel()
            connection.close()
        if timer.expired:  # cut off, what came may look whole
            raise FetchFailed(too_slow)
        return Response(url=url, status=answer.status, headers=received, body=body)


@dataclass
class _Turn:
    extra: float = 0.0  # a longer quiet time than the delay (Retry-After)

    def hold(self, seconds: float) -> None:
        self.extra = max(self.extra, seconds)


class _Watchdog:
    """One thread for every deadline of a client: shuts a connection's socket when its
    whole exchange takes too long (a read timeout alone never fires on a server sending
    one byte a second). A thread of its own for each request would cost a thread start."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._watched: list[tuple[float, int, _Deadline]] = []
        self._count = 0
        self._thread: threading.Thread | None = None

    def watch(self, seconds: float) -> _Deadline:
        deadline = _Deadline()
        with self._lock:
            self._count += 1
            heapq.heappush(self._watched, (time.monotonic() + seconds, self._count, deadline))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="publisher-fetch-deadlines", daemon=True)
                self._thread.start()
            self._lock.notify()
        return deadline

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._watched and self._watched[0][2].done:
                    heapq.heappop(self._watched)
                if not self._watched:
                    self._lock.wait()
                    continue
                at, _, deadline = self._watched[0]
                wait = at - time.monotonic()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                heapq.heappop(self._watched)
            deadline.expire()


class _Deadline:
    def __init__(self) -> None:
        self.expired = False
        self.done = False
        self._socket: socket.socket | None = None  # the connection lets go of it once the answer comes

    def watch(self, sock: socket.socket | None) -> None:
        self._socket = sock
        if self.expired:
            self.expire()

    def expire(self) -> None:
        if self.done:
            return
        self.expired = True
        if self._socket is not None:
            with suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self.done = True


def _read_body(answer: http.client.HTTPResponse, headers: Mapping[str, str], max_bytes: int, cut: bool, url: str) -> bytes:
    megabytes = f"{max_bytes / (1024 * 1024):g} MB"
    declared = headers.get("content-length", "")
    if not cut and declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"larger than {megabytes} ({int(declared)} bytes): {url}")
    encoding = headers.get("content-encoding", "").strip().lower()
    decoder = zlib.decompressobj(wbits=47) if encoding in ("gzip", "x-gzip", "deflate") else None
    body = bytearray()
    received = 0
    while True:
        chunk = answer.read1(65536)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes and not cut:
            raise FetchFailed(f"larger than {megabytes}: {url}")
        if decoder is not None:
            try:
                body += decoder.decompress(chunk, max_bytes + 1 - len(body))
            except zlib.error:
                raise FetchFailed(f"the compressed answer is broken: {url}") from None
            if decoder.unconsumed_tail and not cut:
                raise FetchFailed(f"larger than {megabytes} once decompressed (a gzip bomb?): {url}")
        else:
            body += chunk
        if len(body) > max_bytes:
            if cut:
                return bytes(body[:max_bytes])
            raise FetchFailed(f"larger than {megabytes}: {url}")
    return bytes(body)


def gunzip_capped(data: bytes, max_bytes: int, what: str) -> bytes:
    """A gzip file's content (a sitemap.xml.gz), refused beyond ``max_bytes``."""
    decoder = zlib.decompressobj(wbits=47)
    try:
        content = decoder.decompress(data, max_bytes + 1)
    except zlib.error:
        raise FetchFailed(f"a broken gzip file: {what}") from None
    if len(content) > max_bytes or decoder.unconsumed_tail:
        raise FetchFailed(f"larger than {max_bytes / (1024 * 1024):g} MB once decompressed (a gzip bomb?): {what}")
    return content


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _reason(status: int) -> str:
    return http.client.responses.get(status, "unknown")
