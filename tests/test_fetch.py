"""``publisher fetch``: feeds, sitemaps, lists and pages from a local server (threads, on
the loopback address, so ``--allow-private-network``) into a folder that builds offline;
politely (robots.txt, Crawl-delay, Retry-After, conditional requests) and safely (every
redirect hop through the build's gate, size and time caps), with a clear message for
each kind of bad input."""

from __future__ import annotations

import gzip
import http.server
import io
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from publisher.cli import app
from publisher.errors import PublisherError
from publisher.fetch import FetchOptions, SourceSpec, fetch_sources
from publisher.fetch.sources import parse_date

FAST = FetchOptions(delay=0, allow_private=True, backoff=0.01, deadline=5, timeout=5)


# ------------------------------------------------------------------ the local server

@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    trickle: bool = False  # the body a byte at a time, 20 bytes a second


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
                else:
                    answer = route
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                if not answer.trickle:
                    self.wfile.write(answer.body)
                    return
                try:
                    for byte in answer.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.05)
                except OSError:
                    return

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


VI_WORDS = ("người dân thành phố tỉnh huyện xã đường cầu trường học bệnh viện nhà máy nông dân lúa gạo cá tôm mưa bão "
            "nước sông biển rừng núi giá điện xăng dầu xe máy ô tô tàu hỏa sân bay cảng hàng hóa công nhân học sinh "
            "giáo viên bác sĩ doanh nghiệp ngân hàng thuế đầu tư xây dựng sửa chữa mở rộng khánh thành")
EN_WORDS = ("council river bridge school hospital factory farmer harvest rice storm rain water sea forest mountain price "
            "power fuel train airport harbour cargo worker student teacher doctor company bank tax budget building "
            "repair opening market festival museum library park station tunnel ferry")


def distinct_paragraphs(seed: int, language: str = "vi", count: int = 4) -> tuple[str, ...]:
    """Paragraphs of their own for article ``seed``: no two articles near-identical."""
    import random

    chooser = random.Random(seed)
    words = (VI_WORDS if language == "vi" else EN_WORDS).split()
    return tuple(" ".join(chooser.choice(words) for _ in range(28)).capitalize() + "." for _ in range(count))


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
    feed = xml_answer(rss([
        {"title": "Hà Nội mở thêm tuyến buýt điện", "link": site.url("/tin/xe-buyt-dien"),
         "pubDate": "Mon, 30 Nov 2026 01:15:00 GMT"},
        {"title": "City to replace diesel buses", "link": site.url("/en/electric-buses"),
         "pubDate": "Sun, 29 Nov 2026 10:00:00 GMT"},
    ]))
    feed.headers["ETag"] = '"f1"'
    site.routes["/feed.xml"] = lambda headers: Answer(304, b"", {"ETag": '"f1"'}) if headers.get("if-none-match") == '"f1"' else feed


# ------------------------------------------------------------------ from a feed to a folder that builds offline

def test_a_feed_becomes_markdown_images_and_raw_pages_and_the_folder_builds_offline(tmp_path, site):
    serve_two_articles(site)
    folder = tmp_path / "ban-tin"
    summary, _ = fetch(site, folder, site.url("/feed.xml"))
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
    assert asked["/feed.xml"]["if-none-match"] == '"f1"'  # a 304: the entries it listed last time
    assert asked["/tin/xe-buyt-dien"]["if-none-match"] == '"v1"'
    assert asked["/tin/xe-buyt-dien"]["if-modified-since"] == "Mon, 30 Nov 2026 01:15:00 GMT"
    assert "/anh/xe.png" not in asked
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in folder.rglob("*") if path.is_file()} == files
    # An article given as the source itself is asked for conditionally too.
    site.seen.clear()
    summary, _ = fetch(site, folder, site.url("/tin/xe-buyt-dien"))
    assert by_status(summary) == {"unchanged": [site.url("/tin/xe-buyt-dien")]}
    assert [seen.headers.get("if-none-match") for seen in site.seen if seen.path == "/tin/xe-buyt-dien"] == ['"v1"']


def test_a_file_the_user_edited_is_kept_and_the_new_version_put_beside_it(tmp_path, site):
    serve_two_articles(site)
    folder = tmp_path / "ban-tin"
    fetch(site, folder, site.url("/feed.xml"))
    edited = folder / "ha-noi-mo-them-tuyen-buyt-dien.md"
    mine = edited.read_text(encoding="utf-8").replace("Sở Giao thông", "Sở GTVT")
    edited.write_text(mine, encoding="utf-8")
    # The site corrects its article: a new version, a new ETag; the English one is corrected too.
    site.routes["/tin/xe-buyt-dien"] = conditional(
        article_page("Hà Nội mở thêm tuyến buýt điện", image=site.url("/anh/xe.png"),
                     paragraphs=(*VI_PARAGRAPHS, "Bài viết đã được cập nhật lúc chín giờ sáng với ý kiến của người dân sống dọc các tuyến.")), '"v2"')
    site.routes["/anh/xe.png"] = Answer(200, png_bytes("blue"), {"Content-Type": "image/png"})  # a new picture too
    site.routes["/en/electric-buses"] = conditional(
        article_page("City to replace diesel buses", language="en", paragraphs=(*EN_PARAGRAPHS, "This article was updated.")), '"e2"')
    summary, warnings = fetch(site, folder, site.url("/feed.xml"))
    assert by_status(summary) == {"fetched": [site.url("/tin/xe-buyt-dien"), site.url("/en/electric-buses")]}
    assert edited.read_text(encoding="utf-8") == mine
    beside = folder / "ha-noi-mo-them-tuyen-buyt-dien.md.fetched"
    assert "cập nhật lúc chín giờ" in beside.read_text(encoding="utf-8")
    # The edited file's picture stays; the new version's is in a folder of its own.
    assert (folder / "ha-noi-mo-them-tuyen-buyt-dien_files" / "xe.png").read_bytes() == png_bytes()
    assert "](ha-noi-mo-them-tuyen-buyt-dien.fetched_files/xe.png)" in beside.read_text(encoding="utf-8")
    assert (folder / "ha-noi-mo-them-tuyen-buyt-dien.fetched_files" / "xe.png").read_bytes() == png_bytes("blue")
    assert [w for w in warnings if "edited" in w] == [
        f"{edited} was edited since it was fetched: it is kept as it is, and the page's new version is beside it: {beside}"]
    # The one the user left alone is replaced.
    assert "This article was updated." in (folder / "city-to-replace-diesel-buses.md").read_text(encoding="utf-8")
    assert not (folder / "city-to-replace-diesel-buses.md.fetched").exists()


# ------------------------------------------------------------------ polite

def test_robots_txt_is_obeyed_crawl_delay_included(tmp_path, site):
    site.routes["/robots.txt"] = Answer(200, b"User-agent: *\nDisallow: /rieng/\nCrawl-delay: 0.3\n", {"Content-Type": "text/plain"})
    site.routes["/tin/a"] = html_answer(article_page("Hà Nội mở thêm tuyến buýt điện"))
    site.routes["/tin/b"] = html_answer(article_page("City to replace diesel buses", language="en"))
    site.routes["/rieng/c"] = html_answer(article_page("Trang riêng"))
    (tmp_path / "list.txt").write_text(f"{site.url('/tin/a')}\n{site.url('/rieng/c')}\n{site.url('/tin/b')}\n", encoding="utf-8")
    summary, _ = fetch(site, tmp_path / "out", str(tmp_path / "list.txt"))
    assert by_status(summary) == {"fetched": [site.url("/tin/a"), site.url("/tin/b")], "skipped": [site.url("/rieng/c")]}
    assert summary.skipped_by_reason() == {"robots.txt": 1}
    assert "/rieng/c" not in site.paths()
    times = [seen.at for seen in site.seen]
    assert site.paths()[0] == "/robots.txt" and all(later - earlier >= 0.28 for earlier, later in pairwise(times))


def test_a_429_waits_for_retry_after_and_a_503_that_lasts_fails_after_a_few_tries(tmp_path, site):
    answers = iter([Answer(429, b"slow down", {"Retry-After": "1"})])
    site.routes["/tin/a"] = lambda headers: next(answers, html_answer(article_page("Hà Nội mở thêm tuyến buýt điện")))
    site.routes["/tin/b"] = Answer(503, b"busy", {"Content-Type": "text/plain"})
    summary, _ = fetch(site, tmp_path / "out", site.url("/tin/a"), site.url("/tin/b"))
    assert by_status(summary) == {"fetched": [site.url("/tin/a")], "failed": [site.url("/tin/b")]}
    first, second = [seen.at for seen in site.seen if seen.path == "/tin/a"]
    assert second - first >= 0.95
    assert site.paths().count("/tin/b") == FAST.max_tries
    assert "answered 503 (Service Unavailable) 4 times" in summary.failed[0].message


def test_hosts_are_fetched_in_parallel_each_one_request_at_a_time(tmp_path):
    sites = [Site(), Site()]
    try:
        lists = []
        for number, served in enumerate(sites):
            served.routes["/robots.txt"] = Answer(404)
            for index in range(3):
                served.routes[f"/tin/{index}"] = html_answer(article_page(
                    f"Tin số {index} của trang {number}", paragraphs=distinct_paragraphs(number * 10 + index)))
            lists += [served.url(f"/tin/{index}") for index in range(3)]
        (tmp_path / "list.txt").write_text("\n".join(lists), encoding="utf-8")
        summary, _ = fetch(sites[0], tmp_path / "out", str(tmp_path / "list.txt"), options=FetchOptions(
            delay=0.25, allow_private=True, deadline=5))
        assert summary.count("fetched") == 6, summary
        for served in sites:  # robots.txt and three pages, a delay apart
            times = [seen.at for seen in served.seen]
            assert len(times) == 4 and all(later - earlier >= 0.24 for earlier, later in pairwise(times))
        # Side by side: the second host is asked before the first is done.
        assert sites[1].seen[0].at < sites[0].seen[-1].at
    finally:
        for served in sites:
            served.close()


# ------------------------------------------------------------------ safe

PUBLIC = "93.184.216.34"


@pytest.fixture
def public_name(monkeypatch, site):
    """``tin.example.vn`` answers a public address, and a connection to that address
    reaches the local server: the gate's checks all run, as for a real public host."""
    connect, resolve = socket.create_connection, socket.getaddrinfo
    port = site.server.server_address[1]

    def getaddrinfo(host, *args, **kwargs):
        if host == "tin.example.vn":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (PUBLIC, port))]
        return resolve(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        return connect(("127.0.0.1", port) if address == (PUBLIC, port) else address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return f"http://tin.example.vn:{port}"


def test_a_redirect_to_a_private_address_is_refused_without_the_flag(tmp_path, site, public_name):
    site.routes["/tin/a"] = html_answer(article_page("Hà Nội mở thêm tuyến buýt điện"))
    site.routes["/chuyen"] = Answer(302, b"", {"Location": site.url("/noi-bo")})
    site.routes["/noi-bo"] = html_answer(article_page("Trang nội bộ"))
    options = FetchOptions(delay=0, deadline=5)
    summary, _ = fetch(site, tmp_path / "out", f"{public_name}/tin/a", f"{public_name}/chuyen", options=options)
    assert by_status(summary) == {"fetched": [f"{public_name}/tin/a"], "failed": [f"{public_name}/chuyen"]}
    assert "127.0.0.1 resolves to a non-public address" in summary.failed[0].message
    assert "/noi-bo" not in site.paths()
    # With the flag, the newsroom's intranet is reachable.
    summary, _ = fetch(site, tmp_path / "out", f"{public_name}/chuyen")
    assert summary.count("fetched") == 1


def test_a_trickling_server_a_gzip_bomb_and_a_redirect_loop_each_end_with_a_message(tmp_path, site):
    bomb = gzip.compress(b"\0" * (3 * 1024 * 1024), compresslevel=9)
    site.routes["/bom"] = Answer(200, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
    site.routes["/vong/a"] = Answer(301, b"", {"Location": "/vong/b"})
    site.routes["/vong/b"] = Answer(301, b"", {"Location": "/vong/a"})
    site.routes["/cham"] = Answer(200, b"<html>" + b" " * 1000, {"Content-Type": "text/html"}, trickle=True)
    options = FetchOptions(delay=0, allow_private=True, deadline=0.6, max_bytes=1024 * 1024)
    started = time.monotonic()
    summary, _ = fetch(site, tmp_path / "out", site.url("/bom"), site.url("/vong/a"), site.url("/cham"), options=options)
    assert time.monotonic() - started < 20  # the trickle alone would take 50 s
    messages = {outcome.url.rsplit("/", 1)[-1]: outcome.message for outcome in summary.failed}
    assert messages["bom"].startswith("larger than 1 MB once decompressed (a gzip bomb?)")
    assert messages["a"] == f"endless redirect loop: {site.url('/vong/a')} -> {site.url('/vong/b')} -> {site.url('/vong/a')}"
    assert messages["cham"].startswith("no whole answer within 0.6 s (a server sending a trickle of bytes?)")


# ------------------------------------------------------------------ bad input, each with a clear message

def test_a_feed_that_is_html_or_not_xml_is_a_clear_failure(tmp_path, site):
    site.routes["/rss.xml"] = html_answer("<!DOCTYPE html><html><body><h1>Trang không tồn tại</h1></body></html>")
    site.routes["/tin.json"] = Answer(200, b'{"items": [1, 2, 3]}', {"Content-Type": "application/json"})
    summary, _ = fetch(site, tmp_path / "out", site.url("/rss.xml"), site.url("/tin.json"))
    assert [outcome.message for outcome in summary.failed] == [
        f"{site.url('/rss.xml')}: an HTML page where a feed was expected (is the address right?)",
        f"{site.url('/tin.json')}: neither a feed, a sitemap nor a web page (application/json, starting '{{\"items\": [1, 2, 3]}}')",
    ]


def test_broken_encodings_entries_without_links_and_dates_in_any_form(tmp_path, site):
    old, new = "Mon, 02 Jan 2006 08:00:00 +0700", "2026-11-30T08:15:00+07:00"
    site.routes["/tin/1"] = html_answer(article_page("Tin mới có ngày kiểu RFC 822", paragraphs=distinct_paragraphs(1)))
    site.routes["/tin/2"] = html_answer(article_page("Tin cũ", date="2006-01-02T08:00:00+07:00", paragraphs=distinct_paragraphs(2)))
    site.routes["/tin/3"] = html_answer(article_page("Tin có ngày không đọc được", paragraphs=distinct_paragraphs(3)))
    site.routes["/tin/4"] = html_answer(article_page("Tin không ngày, trang cũ", date="2006-01-02T08:00:00+07:00",
                                                     paragraphs=distinct_paragraphs(4)))
    # A page declared UTF-8 holding Windows-1258 bytes, and invalid bytes besides.
    broken = article_page("Tin mã hóa hỏng", paragraphs=distinct_paragraphs(5)).encode("utf-8").replace(
        "hỏng".encode(), "hỏng".encode("cp1258", "replace") + b"\xff\xfe")
    site.routes["/tin/5"] = Answer(200, broken, {"Content-Type": "text/html; charset=utf-8"})
    items = [
        {"title": "Tin mới", "link": site.url("/tin/1"), "pubDate": "Mon, 30 Nov 2026 01:15:00 GMT"},
        {"title": "Tin cũ", "link": site.url("/tin/2"), "pubDate": old},
        {"title": "Không có liên kết", "pubDate": new},
        {"title": "Ngày lạ", "link": site.url("/tin/3"), "pubDate": "hôm qua lúc 8 giờ"},
        {"title": "Không ngày", "link": site.url("/tin/4")},
        {"title": "Mã hóa", "link": site.url("/tin/5"), "pubDate": "30/11/2026"},
    ]
    # The feed says UTF-8 and holds a Latin-1 byte: read anyway, with a warning.
    feed = rss(items).replace("Tin cũ".encode(), b"Tin c\xfa")
    site.routes["/feed.xml"] = xml_answer(feed)
    options = FetchOptions(delay=0, allow_private=True, since=datetime(2026, 11, 1, tzinfo=UTC))
    summary, warnings = fetch(site, tmp_path / "out", site.url("/feed.xml"), options=options)
    assert by_status(summary) == {
        "skipped": [site.url("/tin/2"), site.url("/tin/4")],  # the feed's date, then the page's own
        "fetched": [site.url("/tin/1"), site.url("/tin/3"), site.url("/tin/5")],
    }, summary
    assert summary.skipped_by_reason() == {"older than --since": 2}
    assert any("entry 3 (Không có liên kết) has no link: passed over" in w for w in warnings), warnings
    assert f"{site.url('/feed.xml')}: 1 byte(s) that are not UTF-8 replaced by \ufffd" in warnings
    assert f"{site.url('/tin/5')}: 4 byte(s) that are not UTF-8 replaced by \ufffd" in warnings
    assert "Tin mã hóa h" in front_matter(next((tmp_path / "out").glob("tin-ma-hoa-h*.md")))["title"]


def test_dates_in_any_form_or_none():
    assert parse_date("2026-11-30T08:15:00+07:00") == datetime(2026, 11, 30, 1, 15, tzinfo=UTC)
    assert parse_date("2026-11-30T01:15:00Z") == datetime(2026, 11, 30, 1, 15, tzinfo=UTC)
    assert parse_date("2026-11-30") == datetime(2026, 11, 30, tzinfo=UTC)
    assert parse_date("Mon, 30 Nov 2026 01:15:00 GMT") == datetime(2026, 11, 30, 1, 15, tzinfo=UTC)
    assert parse_date("hôm qua") is None and parse_date("") is None and parse_date("30/11/2026") is None


def sitemap(urls: list[tuple[str, str]], news: bool = False) -> bytes:
    entries = "".join(
        f"<url><loc>{loc}</loc>" + (
            f"<news:news><news:publication><news:name>Tin</news:name><news:language>vi</news:language></news:publication>"
            f"<news:publication_date>{date}</news:publication_date><news:title>T</news:title></news:news>"
            if news else f"<lastmod>{date}</lastmod>") + "</url>"
        for loc, date in urls
    )
    return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{entries}</urlset>").encode()


def test_a_news_sitemap_through_an_index_that_points_at_itself(tmp_path, site):
    for number in range(1, 4):
        site.routes[f"/tin/{number}"] = html_answer(article_page(f"Tin số {number}", paragraphs=distinct_paragraphs(number)))
    site.routes["/sitemap-news.xml"] = xml_answer(sitemap(
        [(site.url("/tin/1"), "2026-11-30T08:00:00+07:00"), (site.url("/tin/2"), "2026-11-29"), (site.url("/tin/3"), "2020-01-01")],
        news=True))
    index = ("<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             f"<sitemap><loc>{site.url('/sitemap.xml')}</loc></sitemap>"
             f"<sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap></sitemapindex>").encode()
    site.routes["/sitemap.xml"] = Answer(200, gzip.compress(index), {"Content-Type": "application/x-gzip"})
    options = FetchOptions(delay=0, allow_private=True, since=datetime(2026, 11, 1, tzinfo=UTC), max_per_source=1)
    summary, warnings = fetch(site, tmp_path / "out", site.url("/sitemap.xml"), options=options)
    assert by_status(summary) == {"skipped": [site.url("/tin/3")], "fetched": [site.url("/tin/1")]}, summary
    assert [w for w in warnings if "points at itself" in w] == [
        f"{site.url('/sitemap.xml')}: the sitemap index lists {site.url('/sitemap.xml')}, already read "
        "(it points at itself?): read once"]
    assert site.paths().count("/sitemap.xml") == 1


def test_a_site_page_leads_to_its_feed_and_duplicates_are_kept_once(tmp_path, site):
    site.routes["/"] = html_answer(
        "<!DOCTYPE html><html><head><title>Báo Mẫu</title><link rel='alternate' type='application/rss+xml' href='/tin.rss'>"
        "</head><body><h1>Báo Mẫu</h1><ul>" + "".join(f"<li><a href='/tin/{n}'>Tin {n}</a></li>" for n in range(9)) + "</ul></body></html>")
    text = distinct_paragraphs(7)
    site.routes["/tin/goc"] = html_answer(article_page("Tin gốc", paragraphs=text, canonical=site.url("/tin/goc")))
    # The same page under a tracking address, whose canonical link names the first.
    site.routes["/tin/goc?utm_source=rss"] = html_answer(article_page("Tin gốc", paragraphs=text, canonical=site.url("/tin/goc")))
    site.routes["/amp/tin-goc"] = html_answer(article_page("Tin gốc", paragraphs=text, canonical=site.url("/tin/goc")))
    # The story syndicated on another site: near-identical text (one word changed).
    site.routes["/dang-lai/tin"] = html_answer(article_page("Tin đăng lại", paragraphs=(*text[:-1], text[-1].replace(" ", " và ", 1))))
    site.routes["/tin/khac"] = html_answer(article_page("Tin khác", paragraphs=distinct_paragraphs(8)))
    site.routes["/tin.rss"] = xml_answer(rss([{"title": "T", "link": site.url(path)} for path in (
        "/tin/goc", "/tin/goc?utm_source=rss", "/amp/tin-goc", "/dang-lai/tin", "/tin/khac")]))
    summary, _ = fetch(site, tmp_path / "out", site.url("/"))
    assert by_status(summary) == {
        "skipped": [site.url("/tin/goc?utm_source=rss")],  # the same address once normalised: never fetched
        "fetched": [site.url("/tin/goc"), site.url("/tin/khac")],
    } | {"skipped": [site.url("/tin/goc?utm_source=rss"), site.url("/amp/tin-goc"), site.url("/dang-lai/tin")]}, summary
    assert summary.skipped_by_reason() == {"duplicate": 3}
    assert "/tin/goc?utm_source=rss" not in site.paths()
    assert "3 duplicate" in summary.describe()


# ------------------------------------------------------------------ the manifest and the command line

def test_publisher_fetch_folder_reads_the_manifests_sources_into_their_sections_and_builds(tmp_path, site):
    serve_two_articles(site)
    folder = tmp_path / "ban-tin"
    folder.mkdir()
    (folder / "publication.toml").write_text(
        'title = "Bản tin tuần"\n\n'
        '[[sections]]\ntitle = "Trong nước"\narticles = ["trong-nuoc/*.md"]\n\n'
        '[[sections]]\ntitle = "Thế giới"\narticles = ["the-gioi/*.md"]\n\n'
        f'[[sources]]\nurl = "{site.url("/tin/xe-buyt-dien")}"\nsection = "Trong nước"\nsince = "3650d"\n\n'
        f'[[sources]]\nurl = "{site.url("/en/electric-buses")}"\nsection = "Thế giới"\nmax = 5\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["fetch", str(folder), "--allow-private-network", "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Fetched 2 article(s): 0 unchanged, 0 skipped, 0 failed"
    assert (folder / "trong-nuoc" / "ha-noi-mo-them-tuyen-buyt-dien.md").is_file()
    assert (folder / "the-gioi" / "city-to-replace-diesel-buses.md").is_file()
    from publisher.manifest import load_manifest

    assert [path.name for spec in load_manifest(folder / "publication.toml").sections for path in spec.articles] == [
        "ha-noi-mo-them-tuyen-buyt-dien.md", "city-to-replace-diesel-buses.md"]
    # The raw pages would match "**/*", and are passed over all the same.
    (folder / "publication.toml").write_text('title = "T"\n[[sections]]\narticles = ["**/*"]\n', encoding="utf-8")
    assert sorted(path.suffix for path in load_manifest(folder / "publication.toml").sections[0].articles) == [".md", ".md"]
    assert len(list((folder / ".fetched" / "pages").glob("*.html"))) == 2


def test_a_wrong_source_in_the_manifest_is_an_error_at_its_line(tmp_path):
    folder = tmp_path / "ban-tin"
    folder.mkdir()
    (folder / "publication.toml").write_text('title = "T"\n\n[[sources]]\nurl = "https://a.example/rss"\nsince = "last week"\n',
                                             encoding="utf-8")
    result = CliRunner().invoke(app, ["fetch", str(folder)])  # main() prints it as "error: ..." and exits 1
    assert isinstance(result.exception, PublisherError)
    assert str(result.exception) == (f"{folder / 'publication.toml'}:5: 'since' in [[sources]] must be a time such as "
                                     "'7d', '36h' or '2w', or a date such as 2026-11-25, not \"last week\"")


def test_the_command_reports_what_failed_and_exits_1(tmp_path, site):
    site.routes["/tin/a"] = html_answer(article_page("Hà Nội mở thêm tuyến buýt điện"))
    site.routes["/"] = html_answer("<!DOCTYPE html><html><head><title>Trang chủ</title></head><body><ul>"
                                   + "".join(f"<li><a href='/tin/{n}'>Tin số {n} trong ngày</a></li>" for n in range(30))
                                   + "</ul></body></html>")
    (tmp_path / "list.txt").write_text(f"# tuần này\n{site.url('/tin/a')}\nnot an address\n{site.url('/mat')}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["fetch", str(tmp_path / "list.txt"), site.url("/"), "-o", str(tmp_path / "out"),
                                      "--allow-private-network", "--delay", "0"])
    assert result.exit_code == 1, result.output
    assert f"warning: {tmp_path / 'list.txt'}:3: not an http(s) address, passed over: not an address" in result.stderr
    assert f"error: cannot fetch {site.url('/mat')}" not in result.stderr
    assert f"error: {site.url('/mat')}: the server answered 404" in result.stderr
    assert f"skipped (not an article): {site.url('/')}" in result.stderr
    assert result.stdout.splitlines()[-1] == "Fetched 1 article(s): 0 unchanged, 1 skipped (1 not an article), 1 failed"
    # Without the flag, the loopback address is refused.
    result = CliRunner().invoke(app, ["fetch", site.url("/tin/a"), "-o", str(tmp_path / "out2")])
    assert result.exit_code == 1 and "127.0.0.1 resolves to a non-public address" in result.stderr


def test_a_site_page_without_a_declared_feed_is_read_through_a_common_feed_path_and_profiles_are_checked(tmp_path, site):
    site.routes["/the-gioi"] = html_answer("<!DOCTYPE html><html><head><title>Thế giới</title></head><body><ul>"
                                           + "".join(f"<li><a href='/tin/{n}'>Tin số {n}</a></li>" for n in range(20)) + "</ul></body></html>")
    site.routes["/the-gioi/rss"] = xml_answer(  # an Atom feed, its link relative
        b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        b"<entry><title>Tin</title><link rel='alternate' href='/tin/1'/><updated>2026-11-30T08:00:00+07:00</updated></entry></feed>")
    site.routes["/tin/1"] = html_answer(article_page("Tin thế giới", paragraphs=distinct_paragraphs(11)))
    warnings: list[str] = []
    specs = [SourceSpec(site.url("/the-gioi")), SourceSpec(site.url("/tin/1"), profile="khong-co", where="publication.toml:9")]
    summary = fetch_sources(specs, tmp_path / "out", FAST, warn=warnings.append)
    assert by_status(summary) == {"failed": [site.url("/tin/1")], "fetched": [site.url("/tin/1")]}
    assert summary.failed[0].message.startswith("publication.toml:9: unknown profile 'khong-co' (known: ")
    assert site.paths()[:3] == ["/robots.txt", "/the-gioi", "/the-gioi/feed"] and "/the-gioi/rss" in site.paths()


def test_what_a_feed_says_cannot_drive_the_terminal(tmp_path, site):
    site.routes["/feed.xml"] = xml_answer(rss([{"title": "Tin\x1b]0;pwned\x07 \x1b[2J", "pubDate": "x"}]))
    result = CliRunner().invoke(app, ["fetch", site.url("/feed.xml"), "-o", str(tmp_path / "out"), "--allow-private-network",
                                      "--delay", "0"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "entry 1 (Tin\\x1b]0;pwned\\x07 \\x1b[2J) has no link" in result.stderr
    assert f"error: {site.url('/feed.xml')}: the feed lists no entry with a link" in result.stderr


def test_retry_after_and_since_in_their_forms():
    from email.utils import format_datetime

    from publisher.fetch import parse_since
    from publisher.fetch.http import _retry_after

    assert _retry_after("7") == 7.0 and _retry_after("soon") is None and _retry_after(None) is None
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a moment past: at once
    later = _retry_after(format_datetime(datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=90), usegmt=True))
    assert later is not None and 80 < later <= 90
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert parse_since("7d", now) == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert parse_since("36h", now) == datetime(2026, 11, 30, 0, 0, tzinfo=UTC)
    assert parse_since("2026-11-25", now) == datetime(2026, 11, 25, tzinfo=UTC)
    with pytest.raises(ValueError, match="neither a time such as 7d"):
        parse_since("last week", now)
