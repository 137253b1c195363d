"""``publisher fetch``: feeds, sitemaps, lists and pages from a local server (threads, on
the loopback address, so ``--allow-private-network``) into a folder that builds offline;
politely (robots.txt, Crawl-delay, Retry-After, conditional requests) and safely (every
redirect hop through the build's gate, size and time caps), with a clear message for
each kind of bad input."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from publisher.cli import app
from publisher.fetch import FetchOptions, SourceSpec, fetch_sources
from publisher.fetch.sources import parse_date

FAST = FetchOptions(delay=0, allow_private=True, backoff=0.01, deadline=5, timeout=5)


# ------------------------------------------------------------------ the local server

@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """Routes (path: an Answer, or a function of the request's headers giving one) served
    on 127.0.0.1; every request is recorded."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer | Callable[[dict[str, str]], Answer]] = {}
        self.seen: list[Seen] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                headers = {name.lower(): value for name, value in self.headers.items()}
                site.seen.append(Seen(self.path, headers, time.monotonic()))
                route = site.routes.get(self.path)
                if route is None:
                    answer = Answer(404, b"not here", {"Content-Type": "text/plain"})
                elif callable(route):
                    answer = route(headers)
                    if answer is None:  # the route wrote its own answer
                        return
                else:
                    answer = route
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, *args: object) -> None:
                return None

        self.handler = Handler
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    served = Site()
    served.routes["/robots.txt"] = Answer(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
    yield served
    served.close()


# ------------------------------------------------------------------ what it serves

VI_PARAGRAPHS = (
    "Sở Giao thông vận tải Hà Nội cho biết các tuyến xe buýt điện mới sẽ thay thế dần xe buýt chạy dầu trên những tuyến đông khách nhất của thành phố.",
    "Thành phố đặt mục tiêu đến năm 2030 toàn bộ xe buýt sử dụng năng lượng xanh, giảm khí thải và tiếng ồn ở khu vực đô thị trung tâm.",
    "Theo kế hoạch, mỗi tuyến mới có khoảng hai mươi xe, chạy từ năm giờ sáng đến mười giờ tối, giá vé giữ nguyên như các tuyến hiện có.",
    "Người dân có thể tra cứu lộ trình và thời gian xe đến trên ứng dụng của Trung tâm Quản lý và điều hành giao thông đô thị.",
)
EN_PARAGRAPHS = (
    "The city council approved a plan on Monday to replace every diesel bus on its busiest routes with electric ones by the end of the decade.",
    "Officials said the first twenty buses would enter service next spring, running from five in the morning until ten at night on the main lines.",
    "Fares will stay the same, and riders will be able to follow each bus in real time through the transport authority's own mobile application.",
    "Residents along the routes welcomed the change, saying the old buses were loud and left a smell of fuel in the narrow streets of the centre.",
)


def png_bytes(colour: str = "red") -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(stream, "PNG")
    return stream.getvalue()


def article_page(title: str, *, language: str = "vi", date: str = "2026-11-30T08:15:00+07:00", image: str | None = None,
                 canonical: str | None = None, paragraphs: tuple[str, ...] | None = None, charset: str = "utf-8") -> str:
    paragraphs = paragraphs or (VI_PARAGRAPHS if language == "vi" else EN_PARAGRAPHS)
    figure = f"<figure><img src='{image}'><figcaption>{'Xe buýt điện mới' if language == 'vi' else 'A new bus'}.</figcaption></figure>" if image else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs[:2]) + figure + "".join(f"<p>{text}</p>" for text in paragraphs[2:])
    link = f"<link rel='canonical' href='{canonical}'>" if canonical else ""
    return (
        f"<!DOCTYPE html><html lang='{language}'><head><meta charset='{charset}'><title>{title}</title>"
        f"<meta property='og:type' content='article'><meta property='article:published_time' content='{date}'>{link}</head>"
        f"<body><article><h1>{title}</h1><time datetime='{date}'>{date[:10]}</time>"
        f"<div class='content'>{body}</div></article></body></html>"
    )


def html_answer(page: str, etag: str | None = None, encoding: str = "utf-8") -> Answer:
    headers = {"Content-Type": f"text/html; charset={encoding}"}
    if etag:
        headers["ETag"] = etag
        headers["Last-Modified"] = "Mon, 30 Nov 2026 01:15:00 GMT"
    return Answer(200, page.encode(encoding, "xmlcharrefreplace"), headers)


def conditional(page: str, etag: str) -> Callable[[dict[str, str]], Answer]:
    """A page that answers 304 to a request that names its ETag."""

    def answer(headers: dict[str, str]) -> Answer:
        if headers.get("if-none-match") == etag:
            return Answer(304, b"", {"ETag": etag})
        return html_answer(page, etag)

    return answer


def rss(items: list[dict[str, str]]) -> bytes:
    entries = "".join(
        "<item>" + "".join(f"<{key}>{value}</{key}>" for key, value in item.items()) + "</item>" for item in items
    )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Tin</title>"
            f"<link>http://example.invalid/</link>{entries}</channel></rss>").encode()


def xml_answer(body: bytes) -> Answer:
    return Answer(200, body, {"Content-Type": "application/rss+xml; charset=utf-8"})


def fetch(site: Site, folder: Path, *sources: str, options: FetchOptions = FAST) -> tuple:
    warnings: list[str] = []
    summary = fetch_sources([SourceSpec(source) for source in sources], folder, options, warn=warnings.append)
    return summary, warnings


def by_status(summary) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for outcome in summary.outcomes:
        found.setdefault(outcome.status, []).append(outcome.url)
    return found


def front_matter(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def serve_two_articles(site: Site) -> None:
    site.routes["/anh/xe.png"] = Answer(200, png_bytes(), {"Content-Type": "image/png"})
    site.routes["/tin/xe-buyt-dien"] = conditional(
        article_page("Hà Nội mở thêm tuyến buýt điện", image=site.url("/anh/xe.png")), '"v1"')
    site.routes["/en/electric-buses"] = conditional(
        article_page("City to replace diesel buses", language="en", date="2026-11-29T10:00:00+00:00"), '"e1"')
    site.routes["/feed.xml"] = xml_answer(rss([
        {"title": "Hà Nội mở thêm tuyến buýt điện", "link": site.url("/tin/xe-buyt-dien"),
         "pubDate": "Mon, 30 Nov 2026 01:15:00 GMT"},
        {"title": "City to replace diesel buses", "link": site.url("/en/electric-buses"),
         "pubDate": "Sun, 29 Nov 2026 10:00:00 GMT"},
    ]))


# ------------------------------------------------------------------ from a feed to a folder that builds offline

def test_a_feed_becomes_markdown_images_and_raw_pages_and_the_folder_builds_offline(tmp_path, site):
    serve_two_articles(site)
    folder = tmp_path / "ban-tin"
    summary, warnings = fetch(site, folder, site.url("/feed.xml"))
    assert by_status(summary) == {"fetched": [site.url("/tin/xe-buyt-dien"), site.url("/en/electric-buses")]}, summary
    assert summary.describe() == "Fetched 2 article(s): 0 unchanged, 0 skipped, 0 failed"
    vietnamese = folder / "ha-noi-mo-them-tuyen-buyt-dien.md"
    meta = front_matter(vietnamese)
    assert meta["title"] == "Hà Nội mở thêm tuyến buýt điện" and meta["language"] == "vi"
    assert meta["url"] == site.url("/tin/xe-buyt-dien") and meta["fetched_from"] == site.url("/feed.xml")
    assert meta["etag"] == '"v1"' and meta["last_modified"] == "Mon, 30 Nov 2026 01:15:00 GMT"
    assert datetime.fromisoformat(meta["fetched"]).tzinfo is not None
    assert "![Xe buýt điện mới.](ha-noi-mo-them-tuyen-buyt-dien_files/xe.png)" in vietnamese.read_text(encoding="utf-8")
    assert (folder / "ha-noi-mo-them-tuyen-buyt-dien_files" / "xe.png").read_bytes() == png_bytes()
    assert front_matter(folder / "city-to-replace-diesel-buses.md")["language"] == "en"
    raw = sorted((folder / ".fetched" / "pages").iterdir())
    assert len(raw) == 2 and all(b"<base href=" in path.read_bytes() for path in raw)
    # Every request named the tool, its version and where to learn about it.
    assert all(seen.headers["user-agent"].startswith("publisher/") and "(+http" in seen.headers["user-agent"]
               for seen in site.seen)

    # The folder builds with no network: the raw pages are passed over.
    site.close()
    from publisher import BuildOptions, build

    results = build([folder], tmp_path / "out", BuildOptions(formats=("html",), cache_dir=None))
    assert results[0].article_count == 2


def test_a_second_fetch_asks_conditionally_and_writes_nothing_for_a_304(tmp_path, site):
    serve_two_articles(site)
    folder = tmp_path / "ban-tin"
    fetch(site, folder, site.url("/feed.xml"))
    files = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in folder.rglob("*") if path.is_file()}
    site.seen.clear()
    summary, _ = fetch(site, folder, site.url("/feed.xml"))
    assert by_status(summary) == {"unchanged": [site.url("/tin/xe-buyt-dien"), site.url("/en/electric-buses")]}
    asked = {seen.path: seen.headers for seen in site.seen}
    assert asked["/tin/xe-buyt-dien"]["if-none-match"] == '"v1"'
    assert asked["/tin/xe-buyt-dien"]["if-modified-since"] == "Mon, 30 Nov 2026 01:15:00 GMT"
    assert "/anh/xe.png" not in asked
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in folder.rglob("*") if path.is_file()} == files


def test_a_file_the_user_edited_is_kept_and_the_new_version_put_beside_it(tmp_path, site):
    serve_two_articles(site)
    folder = tmp_path / "ban-tin"
    fetch(site, folder, site.url("/feed.xml"))
    edited = folder / "ha-noi-mo-them-tuyen-buyt-dien.md"
    mine = edited.read_text(encoding="utf-8").replace("Sở Giao thông", "Sở GTVT")
    edited.write_text(mine, encoding="utf-8")
    # The site corrects its article: a new version, a new ETag; the English one is corrected too.
    site.routes["/tin/xe-buyt-dien"] = conditional(
        article_page("Hà Nội mở thêm tuyến buýt điện", paragraphs=(*VI_PARAGRAPHS, "Bài viết đã được cập nhật lúc chín giờ sáng với ý kiến của người dân sống dọc các tuyến.")), '"v2"')
    site.routes["/en/electric-buses"] = conditional(
        article_page("City to replace diesel buses", language="en", paragraphs=(*EN_PARAGRAPHS, "This article was updated.")), '"e2"')
    summary, warnings = fetch(site, folder, site.url("/feed.xml"))
    assert by_status(summary) == {"fetched": [site.url("/tin/xe-buyt-dien"), site.url("/en/electric-buses")]}
    assert edited.read_text(encoding="utf-8") == mine
    beside = folder / "ha-noi-mo-them-tuyen-buyt-dien.md.fetched"
    assert "cập nhật lúc chín giờ" in beside.read_text(encoding="utf-8")
    assert [w for w in warnings if "edited" in w] == [
        f"{edited} was edited since it was fetched: it is kept as it is, and the page's new version is beside it: {beside}"]
    # The one the user left alone is replaced.
    assert "This article was updated." in (folder / "city-to-replace-diesel-buses.md").read_text(encoding="utf-8")
    assert not (folder / "city-to-replace-diesel-buses.md.fetched").exists()
