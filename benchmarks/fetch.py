"""How close ``publisher fetch`` comes to its politeness floor.

Five local hosts (127.0.0.2 to 127.0.0.6, served by another process so that the CPU time
measured is the fetcher's alone) each serve robots.txt, an RSS feed and 40 article pages
(about 30 KB each, with a site's menus and related links around the story). One fetch of
the five feeds with a 0.2 s delay between two requests to one host: a host answers
robots.txt, the feed and its 40 articles, 42 requests, so no fetch can take less than
41 x 0.2 = 8.2 s (the floor). Printed: the wall time, its ratio to the floor (the target
is 1.2x at most, the cleaning and writing of every article included) and the CPU time per
article.

    python3 benchmarks/fetch.py [--hosts 5] [--articles 40] [--delay 0.2] [--runs 1]
"""

from __future__ import annotations

import argparse
import http.server
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publisher.fetch import FetchOptions, SourceSpec, fetch_sources

WORDS = ("người dân thành phố tỉnh huyện xã đường cầu trường học bệnh viện nhà máy nông dân lúa gạo cá tôm mưa bão "
         "nước sông biển rừng núi giá điện xăng dầu xe máy ô tô tàu hỏa sân bay cảng hàng hóa công nhân học sinh "
         "giáo viên bác sĩ doanh nghiệp ngân hàng thuế đầu tư xây dựng sửa chữa mở rộng khánh thành")


def _sentence(chooser: random.Random, words: int) -> str:
    return " ".join(chooser.choice(WORDS.split()) for _ in range(words)).capitalize() + "."


def article_page(host: int, number: int) -> bytes:
    chooser = random.Random(host * 1000 + number)
    title = f"Tin {number} của trang {host}: " + _sentence(chooser, 8)[:-1]
    paragraphs = "".join(f"<p>{' '.join(_sentence(chooser, 18) for _ in range(3))}</p>" for _ in range(8))
    menu = "".join(f"<li><a href='/muc/{n}'>{_sentence(chooser, 2)[:-1]}</a></li>" for n in range(40))
    related = "".join(f"<li><a href='/tin/{n}'>{_sentence(chooser, 10)[:-1]}</a></li>" for n in range(15))
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title} - Báo Mẫu {host}</title><meta property='og:type' content='article'>"
        f"<meta property='article:published_time' content='2026-11-30T08:{number % 60:02d}:00+07:00'></head>"
        f"<body><header><nav><ul>{menu}</ul></nav></header><main><article><h1>{title}</h1>"
        f"<time datetime='2026-11-30T08:{number % 60:02d}:00+07:00'>30/11/2026</time>"
        f"<div class='sapo'>{_sentence(chooser, 25)}</div><div class='content'>{paragraphs}</div></article>"
        f"<aside><h2>Tin liên quan</h2><ul>{related}</ul></aside></main>"
        f"<footer><p>Báo Mẫu {host}. Giấy phép số {host}/GP.</p></footer></body></html>"
    ).encode()


def feed(base: str, articles: int) -> bytes:
    items = "".join(f"<item><title>Tin {n}</title><link>{base}/tin/{n}</link>"
                    f"<pubDate>Mon, 30 Nov 2026 01:{n % 60:02d}:00 GMT</pubDate></item>" for n in range(articles))
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>".encode()


def serve(hosts: int, articles: int, ready: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Run the hosts until the process is ended; put their base addresses on ``ready``."""
    bases = []
    for host in range(hosts):
        address = f"127.0.0.{host + 2}"
        pages: dict[str, tuple[str, bytes]] = {"/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n")}

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            routes = pages

            def do_GET(self) -> None:
                kind, body = self.routes.get(self.path, ("text/plain", b""))
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        server = http.server.ThreadingHTTPServer((address, 0), Handler)
        base = f"http://{address}:{server.server_address[1]}"
        pages["/feed.xml"] = ("application/rss+xml", feed(base, articles))
        for number in range(articles):
            pages[f"/tin/{number}"] = ("text/html; charset=utf-8", article_page(host, number))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bases.append(base)
    ready.put(bases)
    threading.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=5)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--runs", type=int, default=1)
    arguments = parser.parse_args()
    ready: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=serve, args=(arguments.hosts, arguments.articles, ready), daemon=True)
    server.start()
    try:
        bases = ready.get(timeout=60)
        floor = (arguments.articles + 1) * arguments.delay
        print(f"{arguments.hosts} hosts x {arguments.articles} articles, {arguments.delay:g} s between two requests "
              f"to a host: floor {floor:.1f} s (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
        for run in range(1, arguments.runs + 1):
            with tempfile.TemporaryDirectory(prefix="publisher-fetch-bench-") as folder:
                options = FetchOptions(delay=arguments.delay, allow_private=True)
                cpu, wall = time.process_time(), time.perf_counter()
                summary = fetch_sources([SourceSpec(f"{base}/feed.xml") for base in bases], Path(folder), options)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                written = len(list(Path(folder).glob("*.md")))
            fetched = summary.count("fetched")
            assert fetched == arguments.hosts * arguments.articles == written, summary.describe()
            print(f"run {run}: {summary.describe()}; wall {wall:.2f} s = {wall / floor:.2f}x the floor; "
                  f"CPU {cpu:.2f} s, {1000 * cpu / fetched:.1f} ms per article")
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
