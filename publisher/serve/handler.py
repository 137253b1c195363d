"""The preview's HTTP side: a fixed set of addresses, each answered from memory or from
the preview's own folder, never from a path the request names."""

from __future__ import annotations

import json
import re
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast

from markupsafe import Markup

from publisher.errors import PublisherError
from publisher.serve.preview import Preview
from publisher.serve.requests import request_path
from publisher.timing import mark

ASSETS = Path(__file__).resolve().parent / "assets"
_ASSET_TYPES = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
_PAGE_IMAGE = re.compile(r"/print/page/([0-9a-f]{64})\.jpg")
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_DOWNLOADS = {"/pdf": ("pdf", "application/pdf", "inline"), "/epub": ("epub", "application/epub+zip", "attachment")}
# The preview's own pages: scripts and styles from this server only, and no framing by another site.
_OWN_PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"
KEEPALIVE_SECONDS = 15.0


class PreviewServer(ThreadingHTTPServer):
    """Serves one ``Preview`` to requests whose ``Host`` is one of ``hosts``; both are set
    once the socket is bound (its port known), before the first request is served."""

    daemon_threads = True  # an open event stream never holds up the end

    def __init__(self, address: tuple[str, int]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.preview: Preview | None = None
        self.hosts: frozenset[str] = frozenset()
        super().__init__(address, PreviewHandler)


class PreviewHandler(BaseHTTPRequestHandler):
    server_version = "publisher-serve"
    sys_version = ""

    @property
    def preview(self) -> Preview:
        preview = cast(PreviewServer, self.server).preview
        if preview is None:
            raise PublisherError("the preview is starting")
        return preview

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        return None  # a request per page image: the terminal says what was built, not what was asked

    def _answer(self, send_body: bool) -> None:
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or hosts[0].strip().lower() not in cast(PreviewServer, self.server).hosts:
            self._plain(HTTPStatus.MISDIRECTED_REQUEST, "this server answers only for the address it serves", send_body)
            return
        path = request_path(self.path)
        if path is None:
            self._plain(HTTPStatus.BAD_REQUEST, "not an address of this preview", send_body)
            return
        if path == "/_preview/events" and send_body:
            self._events()
            return
        try:
            self._route(path, send_body)
        except PublisherError as error:
            self._plain(HTTPStatus.SERVICE_UNAVAILABLE, str(error), send_body)
        except (BrokenPipeError, ConnectionResetError):  # the browser left (a page closed while its pictures came)
            return

    def _route(self, path: str, send_body: bool) -> None:
        if path == "/":
            self._web_page(send_body)
        elif path == "/print":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", (ASSETS / "print.html").read_bytes(), send_body,
                       policy=_OWN_PAGE_POLICY)
        elif path == "/print/pages.json":
            self._send(HTTPStatus.OK, "application/json", json.dumps(self.preview.print_pages()).encode(), send_body)
            mark("http: pages.json sent")
        elif path == "/_preview/status.json":
            self._send(HTTPStatus.OK, "application/json", json.dumps(self.preview.status()).encode(), send_body)
        elif path in _DOWNLOADS:
            self._download(*_DOWNLOADS[path], send_body=send_body)
        elif (image := _PAGE_IMAGE.fullmatch(path)) is not None:
            found = self.preview.images.image(image.group(1))
            if found is None:
                self._plain(HTTPStatus.NOT_FOUND, "no such page in this build", send_body)
            else:
                self._send(HTTPStatus.OK, "image/jpeg", found.read_bytes(), send_body,
                           cache="private, max-age=31536000, immutable")  # named by what it shows
                mark(f"http: image {image.group(1)[:8]} sent")
        elif path.startswith("/_preview/") and path.removeprefix("/_preview/") in _ASSET_TYPES:
            name = path.removeprefix("/_preview/")
            self._send(HTTPStatus.OK, _ASSET_TYPES[name], (ASSETS / name).read_bytes(), send_body)
        else:
            self._plain(HTTPStatus.NOT_FOUND, "not found", send_body)

    def _web_page(self, send_body: bool) -> None:
        outputs = self.preview.web.state.outputs
        tag = Markup('<script src="/_preview/preview.js" data-generation="{}" defer></script>').format(outputs.generation)
        html = outputs.files.get("html")
        if html is None:
            page = (Markup('<!DOCTYPE html><html><head><meta charset="utf-8"><title>publisher serve</title>'
                           '<link rel="stylesheet" href="/_preview/preview.css">{}</head>'
                           '<body class="publisher-waiting"><p>Building the preview…</p></body></html>').format(tag))
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", str(page).encode(), send_body, policy=_OWN_PAGE_POLICY)
            return
        end = _HEAD_END.search(html)
        where = end.start() if end else 0
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", html[:where] + str(tag).encode() + html[where:], send_body)
        mark("http: web page sent")

    def _download(self, kind: str, content_type: str, disposition: str, send_body: bool) -> None:
        outputs = self.preview.print.state.outputs
        data = outputs.files.get(kind)
        if data is None:
            self._plain(HTTPStatus.SERVICE_UNAVAILABLE, f"no {kind.upper()} built yet", send_body)
            return
        name = outputs.names[kind]  # the build's own file name: a slug
        self._send(HTTPStatus.OK, content_type, data, send_body,
                   extra={"Content-Disposition": f'{disposition}; filename="{name}"'})

    def _events(self) -> None:
        """Server-sent events: the preview's status now, then at each change; a comment
        now and then keeps the connection open through proxies and shows it is alive."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self._common_headers("no-store")
        self.end_headers()
        events = self.preview.events
        try:
            self._event(json.dumps(self.preview.status()))
            seen = 0
            while True:
                news = events.wait(seen, KEEPALIVE_SECONDS)
                if events.closed:
                    return
                if news is None:
                    self.wfile.write(b": alive\n\n")
                    self.wfile.flush()
                    continue
                seen, message = news
                self._event(message)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _event(self, message: str) -> None:
        self.wfile.write(f"event: status\ndata: {message}\n\n".encode())
        self.wfile.flush()
        mark("http: event sent")

    def _plain(self, status: HTTPStatus, message: str, send_body: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{status.value} {status.phrase}: {message}\n".encode(), send_body)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, send_body: bool, cache: str = "no-store",
              policy: str | None = None, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(cache)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _common_headers(self, cache: str) -> None:
        # No Access-Control-* header ever: other sites' pages cannot read the preview.
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
