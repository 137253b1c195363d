"""Hostile and odd pages: does the cleaner survive what real pages hold?

    python benchmarks/cleaning_robustness.py [--corpus ../shared/corpus] [--pages N] [--timeout S] [--cli N] [--seed N]

Takes N saved pages of corpus/html/ and N of corpus/extraction-benchmark/ (decompressed into
a temporary folder, as benchmarks/cleaning_extraction.py does), and the page dump of each
(every line the page reader finds, the <title> first, as benchmarks/cleaning.py makes the
html-dumps set), and derives hostile variants of each: truncated at random points (one in a
tag, one inside a UTF-8 sequence), tags stripped, the bytes of a window shuffled, UTF-16
with and without a BOM, a wrong <meta charset>, NUL bytes and control characters. Then
pages of hostile shapes, made from a corpus page's text where they need one: 10,000-deep
<div>s, a 20 MB page and a 4.5 MB one (just under the size cap), 50,000 links, one 2 MB
line without spaces, an empty file, only whitespace, only scripts (a page rendered by
JavaScript), a <frameset>, JSON, PNG/PDF/zip bytes named .html and .txt, an SVG, XML with
entities (billion laughs), huge, deeply nested and invalid JSON-LD, javascript: and data:
addresses in <base href>, canonical and og:url, a srcset of 10,000 candidates; and page
dumps with very long lines, a million lines, only punctuation, right-to-left marks,
zero-width characters and floods of combining marks.

Each variant is cleaned by read_article (the library entry `publisher clean` uses) in a
forked child process, so a hang is stopped at --timeout seconds and the memory peak is the
child's own (its peak resident set less what it held when it started). Printed: crashes
(any exception other than the project's PublisherError, with its last frame), timeouts,
the 10 slowest variants, the memory peaks of the big ones, and the outcomes (cleaned,
refused as not an article with the reason, input error with the message). Then --cli
variants (one of each shape) through `python3 -m publisher clean`: the exit status must
be 0 or 1 and stderr must hold no traceback and name the file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publisher import load_profiles, read_article
from publisher.errors import NotAnArticleError, PublisherError
from publisher.ingest.pagelines import page_lines, parse_html

BIG_BYTES = 1_000_000  # variants at least this big get their memory peak printed


@dataclass(frozen=True)
class Variant:
    name: str  # "base page / shape"
    shape: str
    path: Path


@dataclass(frozen=True)
class Outcome:
    variant: Variant
    kind: str  # cleaned, refused, error, crash, timeout
    detail: str
    seconds: float
    peak_mb: float


# --- The pages the variants are made from -------------------------------------------------------

def base_pages(corpus: Path, count: int, folder: Path) -> list[Path]:
    html = sorted(p for p in (corpus / "html").glob("*.html") if not p.name.startswith("SOURCES"))
    random.shuffle(html)
    pages = html[:count]
    gzipped = sorted((corpus / "extraction-benchmark" / "html").glob("*.html.gz"))
    random.shuffle(gzipped)
    for source in gzipped[:count]:
        target = folder / source.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(source.read_bytes()))
        pages.append(target)
    return pages


def page_dump(page: Path, folder: Path) -> Path:
    """The page as the text a browser shows, one block per line, its <title> first."""
    from publisher.ingest import decode_bytes, normalise_text
    from publisher.ingest.decode import declared_charset

    data = page.read_bytes()
    root = parse_html(normalise_text(decode_bytes(data, page, declared_charset(data))))
    title = root.find(".//title")
    lines = [title.text_content().strip() if title is not None else ""]
    lines += [line.text for line in page_lines(root) if line.text]
    target = folder / (page.stem + ".dump.txt")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def page_text(page: Path) -> str:
    return page.read_bytes().decode("utf-8", "replace")


def body_of(markup: str) -> str:
    match = re.search(r"<body[^>]*>(.*)</body>", markup, re.S | re.I)
    return match.group(1) if match else markup


# --- Variants of one page -------------------------------------------------------------------------

def truncations(data: bytes, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    yield "truncated at random", data[: rng.randrange(1, len(data))]
    tags = [m.start() + 2 for m in re.finditer(rb"<[a-zA-Z]", data)]
    if tags:
        yield "truncated mid-tag", data[: rng.choice(tags)]
    multibyte = [i + 1 for i, byte in enumerate(data) if byte >= 0xC0]
    if multibyte:
        yield "truncated mid-UTF-8", data[: rng.choice(multibyte)]


def shuffled_window(data: bytes, rng: random.Random, width: int = 4096) -> bytes:
    start = rng.randrange(0, max(1, len(data) - width))
    window = bytearray(data[start : start + width])
    rng.shuffle(window)
    return data[:start] + bytes(window) + data[start + width :]


def with_controls(text: str, rng: random.Random) -> str:
    pieces = list(text)
    for _ in range(max(1, len(pieces) // 200)):
        pieces.insert(rng.randrange(len(pieces) + 1), rng.choice("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85"))
    return "".join(pieces)


def wrong_charset(text: str) -> str:
    text = re.sub(r"<meta[^>]*charset[^>]*>", "", text, flags=re.I)
    return re.sub(r"(<head[^>]*>)", r'\1<meta charset="iso-8859-5">', text, count=1, flags=re.I)


def page_variants(page: Path, rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    """(shape, suffix, bytes) of each variant of one page (HTML or dump)."""
    data = page.read_bytes()
    text = data.decode("utf-8", "replace")
    suffix = ".txt" if page.suffix == ".txt" else ".html"
    for shape, cut in truncations(data, rng):
        yield shape, suffix, cut
    yield "bytes shuffled in a window", suffix, shuffled_window(data, rng)
    yield "UTF-16 with BOM", suffix, text.encode("utf-16")
    yield "UTF-16 without BOM", suffix, text.encode("utf-16-le")
    yield "NUL and control characters", suffix, with_controls(text, rng).encode()
    if suffix == ".html":
        yield "tags stripped", ".html", re.sub(r"<[^>]*>", "", text).encode()
        yield "tags stripped (.txt)", ".txt", re.sub(r"<[^>]*>", "", text).encode()
        yield "wrong meta charset", ".html", wrong_charset(text).encode()


# --- Pages of hostile shapes ----------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4
ZIP = b"PK\x03\x04\x14\0\0\0\x08\0" + bytes(range(256)) * 4


def _page(head: str, body: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>A hostile page</title>{head}</head>'
            f"<body>{body}</body></html>")


def hostile_shapes(sample: str, paragraphs: list[str]) -> Iterator[tuple[str, str, bytes]]:
    """(shape, suffix, bytes); ``sample`` a corpus page's markup, ``paragraphs`` its text."""
    body = body_of(sample)
    article = "".join(f"<p>{p}</p>" for p in paragraphs) or "<p>Text.</p>"
    yield "10,000-deep divs", ".html", _page("", "<div>" * 10_000 + article + "</div>" * 10_000).encode()
    yield "10,000-deep divs unclosed", ".html", _page("", "<div>" * 10_000 + article).encode()
    yield "100,000-deep spans", ".html", _page("", "<span>" * 100_000 + article).encode()
    yield "20 MB page", ".html", _page("", body * (20_000_000 // max(1, len(body.encode())) + 1)).encode()
    big = _page("", body * (4_500_000 // max(1, len(body.encode())) + 1)).encode()
    yield "4.5 MB page", ".html", big[: 4_700_000]
    links = "".join(f'<li><a href="/story-{n}.html">Story number {n}</a></li>' for n in range(50_000))
    yield "50,000 links", ".html", _page("", f"<h1>Title</h1>{article}<ul>{links}</ul>").encode()
    yield "one 2 MB line", ".html", _page("", "<p>" + "x" * 2_000_000 + "</p>").encode()
    yield "one 2 MB line", ".txt", ("Title\n\n" + "x" * 2_000_000 + "\n").encode()
    yield "empty", ".html", b""
    yield "empty", ".txt", b""
    yield "whitespace only", ".html", b" \n\t\r\n  \n" * 100
    yield "whitespace only", ".txt", "\u00a0\u2003 \n\t\n".encode() * 100
    scripts = "<div id=root></div>" + "<script>render()</script>" * 20
    yield "only scripts", ".html", _page("<script>var a=1;</script>", scripts).encode()
    yield "frameset", ".html", (b"<html><head><title>Frames</title></head><frameset cols='50%,50%'>"
                                b"<frame src='a.html'><frame src='b.html'></frameset></html>")
    yield "JSON", ".html", json.dumps({"title": "T", "body": paragraphs}).encode()
    yield "JSON", ".txt", json.dumps({"title": "T", "body": paragraphs}).encode()
    for name, blob in (("PNG", PNG), ("PDF", PDF), ("zip", ZIP)):
        yield f"{name} bytes", ".html", blob
        yield f"{name} bytes", ".txt", blob
    yield "SVG", ".html", (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                           b"<text x='0' y='5'>Hello</text><script>alert(1)</script></svg>")
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10)
    ) + "]>"
    yield "billion laughs", ".html", (laughs + "<html><body><p>&lol9;</p>" + article + "</body></html>").encode()
    yield "billion laughs XML", ".html", ('<?xml version="1.0"?>' + laughs + "<lolz>&lol9;</lolz>").encode()
    yield "external entity", ".html", ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                       "<html><body><p>&e;</p>" + article + "</body></html>").encode()
    huge_ld = json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": "w " * 1_000_000,
                          "author": [{"@type": "Person", "name": f"N{n}"} for n in range(50_000)]})
    yield "huge JSON-LD", ".html", _page(f'<script type="application/ld+json">{huge_ld}</script>', article).encode()
    long_name = json.dumps({"@type": "NewsArticle", "headline": "H", "author": {"@type": "Person", "name": "Jane " * 50_000}})
    named = _page(f'<script type="application/ld+json">{long_name}</script>', article)
    yield "author's name of 50,000 words", ".html", named.encode()
    yield "byline of 20,000 words", ".html", _page("", "<h1>Title</h1><p>By " + "Jane " * 20_000 + f"</p>{article}").encode()
    deep_ld = '{"@type":"NewsArticle","headline":"H","x":' + "[" * 100_000 + "]" * 100_000 + "}"
    yield "deep JSON-LD arrays", ".html", _page(f'<script type="application/ld+json">{deep_ld}</script>', article).encode()
    deep_obj = '{"a":' * 50_000 + "1" + "}" * 50_000
    yield "deep JSON-LD objects", ".html", _page(f'<script type="application/ld+json">{deep_obj}</script>', article).encode()
    graph = json.dumps({"@graph": [{"@graph": [{"@type": "NewsArticle", "headline": "H"}]}] * 5000})
    yield "wide JSON-LD graph", ".html", _page(f'<script type="application/ld+json">{graph}</script>', article).encode()
    yield "invalid JSON-LD", ".html", _page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
                                            '<script type="application/ld+json">NaN</script>'
                                            '<script type="application/ld+json">[1e999999, "\\ud800"]</script>', article).encode()
    odd_ld = json.dumps({"@type": ["NewsArticle", 5, None], "headline": {"x": 1}, "datePublished": ["x", 3],
                         "author": 7, "image": {"url": ["a"]}, "articleBody": None, "inLanguage": 4})
    yield "JSON-LD of wrong types", ".html", _page(f'<script type="application/ld+json">{odd_ld}</script>', article).encode()
    for scheme in ("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "http://[::1", "https://" + "a" * 100_000):
        head = (f'<base href="{scheme}"><link rel="canonical" href="{scheme}">'
                f'<meta property="og:url" content="{scheme}"><meta property="og:image" content="{scheme}">')
        yield f"addresses {scheme[:12]}", ".html", _page(head, f'<h1>Title</h1><img src="x.png">{article}').encode()
    srcset = ", ".join(f"/img/{n}.jpg {n + 1}w" for n in range(10_000))
    figure = f'<figure><img src="a.jpg" srcset="{srcset}"><figcaption>C</figcaption></figure>'
    yield "srcset of 10,000", ".html", _page("", f"<h1>Title</h1>{figure}{article}").encode()
    attributes = " ".join(f"a{n}='{n}'" for n in range(10_000))
    yield "10,000 attributes", ".html", _page("", f"<p {attributes}>x</p>{article}").encode()
    yield "10,000 tables nested", ".html", _page("", "<table><tr><td>" * 10_000 + article).encode()
    yield "100,000 paragraphs", ".html", _page("", "<p>Short line here.</p>" * 100_000).encode()
    yield "huge title", ".html", _page("", article).replace("A hostile page", "T" * 1_000_000).encode()
    yield "entity flood", ".html", _page("", "<p>" + "&amp;&#x1F600;&nbsp;" * 200_000 + "</p>" + article).encode()

    text = "\n\n".join(paragraphs) or "Text."
    yield "dump very long lines", ".txt", ("Title\n\n" + "\n".join(p * 2000 for p in paragraphs[:5])).encode()
    yield "dump 1 million lines", ".txt", ("Title\n" + "Line of a page.\n" * 1_000_000).encode()
    yield "dump 1 million blank-separated", ".txt", ("Title\n" + "w\n\n" * 500_000).encode()
    yield "dump only punctuation", ".txt", ("!?.,;:-–—()[]{}«»…\n" * 2000).encode()
    yield "dump RTL marks", ".txt", ("\u200f\u202e" + text.replace(" ", " \u200f\u202b")).encode()
    yield "dump zero-width", ".txt", ("\u200b".join(text) + "\ufeff" * 100).encode()
    yield "dump combining flood", ".txt", ("Title\n\n" + "".join(c + "\u0301" * 300 for c in text[:3000])).encode()
    yield "dump combining flood line", ".txt", ("Title\n\na" + "\u0300" * 1_000_000 + "\n\n" + text).encode()
    yield "dump surrogate escapes", ".txt", (text + "\n\n").encode() + b"\xed\xa0\x80\xed\xb0\x80\n"
    yield "dump every code point", ".txt", "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000).encode()


# --- Running ----------------------------------------------------------------------------------

def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def _clean_in_child(path: str, connection) -> None:  # type: ignore[no-untyped-def]
    sys.setrecursionlimit(sys.getrecursionlimit())  # the library's own, as in a CLI run
    start_mb = _rss_mb()
    profiles = load_profiles()
    started = time.perf_counter()
    try:
        result = read_article(Path(path), profiles)
        kind, detail = "cleaned", f"{len(result.article.body)} blocks"
    except NotAnArticleError as error:
        kind, detail = "refused", error.message
    except PublisherError as error:
        kind, detail = "error", error.message
    except BaseException as error:  # the point: anything else is a crash
        frame = traceback.extract_tb(error.__traceback__)[-1]
        kind = "crash"
        detail = f"{type(error).__name__}: {str(error)[:150]} ({Path(frame.filename).name}:{frame.lineno})"
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - start_mb
    connection.send((kind, detail, seconds, max(0.0, peak_mb)))
    connection.close()


def clean_variant(variant: Variant, timeout: float) -> Outcome:
    context = get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_clean_in_child, args=(str(variant.path), send))
    started = time.perf_counter()
    process.start()
    send.close()
    if receive.poll(timeout):
        try:
            kind, detail, seconds, peak_mb = receive.recv()
        except EOFError:
            process.join()
            kind, detail, peak_mb = "crash", f"the process died (exit {process.exitcode})", 0.0
            seconds = time.perf_counter() - started
    else:
        os.kill(process.pid, signal.SIGKILL)
        kind, detail, seconds, peak_mb = "timeout", f"stopped after {timeout:.0f} s", timeout, 0.0
    process.join()
    if kind != "timeout" and process.exitcode not in (0, None):
        detail += f" (exit {process.exitcode})"
    return Outcome(variant, kind, detail, seconds, peak_mb)


def run_cli(variants: list[Variant], timeout: float) -> list[str]:
    """Problems seen when `publisher clean` runs each variant: a traceback, an exit status
    other than 0 or 1, an error that does not name the file, a hang."""
    problems = []
    root = Path(__file__).resolve().parent.parent
    for variant in variants:
        try:
            run = subprocess.run([sys.executable, "-m", "publisher", "clean", str(variant.path)], cwd=root,
                                 capture_output=True, text=True, timeout=timeout, errors="replace")
        except subprocess.TimeoutExpired:
            problems.append(f"{variant.name}: no end after {timeout:.0f} s")
            continue
        if "Traceback" in run.stderr or run.returncode not in (0, 1):
            last = run.stderr.strip().splitlines()[-1:] or [""]
            problems.append(f"{variant.name}: exit {run.returncode}, {last[0][:150]}")
        elif run.returncode == 1 and variant.path.name not in run.stderr:
            problems.append(f"{variant.name}: the error does not name the file: {run.stderr.strip()[:150]}")
    return problems


def make_variants(pages: list[Path], folder: Path, rng: random.Random) -> list[Variant]:
    variants: list[Variant] = []

    def add(base: str, shape: str, suffix: str, data: bytes) -> None:
        path = folder / f"v{len(variants):04d}{suffix}"
        path.write_bytes(data)
        variants.append(Variant(f"{base} / {shape}{' (' + suffix + ')' if suffix == '.txt' else ''}", shape, path))

    dumps = [page_dump(page, folder) for page in pages]
    for page in pages + dumps:
        for shape, suffix, data in page_variants(page, rng):
            add(page.name, shape, suffix, data)
    sample = page_text(pages[0])
    paragraphs = [line for line in dumps[0].read_text(encoding="utf-8").splitlines() if len(line.split()) >= 12][:30]
    for shape, suffix, data in hostile_shapes(sample, paragraphs):
        add("synthetic", shape, suffix, data)
    return variants


def report(outcomes: list[Outcome], cli_problems: list[str] | None) -> None:
    crashes = [o for o in outcomes if o.kind in ("crash", "timeout")]
    print(f"\n{len(outcomes)} variants; crashes and timeouts: {len(crashes)}")
    for outcome in crashes:
        print(f"  {outcome.kind.upper():8} {outcome.variant.name}: {outcome.detail}")
    print("\nslowest 10 (seconds, size):")
    for outcome in sorted(outcomes, key=lambda o: -o.seconds)[:10]:
        size = outcome.variant.path.stat().st_size
        print(f"  {outcome.seconds:7.2f} s  {size / 1e6:6.2f} MB  {outcome.variant.name}  [{outcome.kind}]")
    print(f"\nmemory peak of the variants of {BIG_BYTES / 1e6:.0f} MB or more (MB above the process at start):")
    for outcome in sorted(outcomes, key=lambda o: -o.peak_mb):
        size = outcome.variant.path.stat().st_size
        if size >= BIG_BYTES:
            where = f"{outcome.variant.name}  [{outcome.kind}, {outcome.seconds:.2f} s]"
            print(f"  {outcome.peak_mb:7.0f} MB  {size / 1e6:6.2f} MB  {where}")
    kinds = Counter(o.kind for o in outcomes)
    print("\noutcomes: " + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    for kind in ("refused", "error"):
        reasons = Counter(re.sub(r"\d[\d.,]*", "N", o.detail)[:110] for o in outcomes if o.kind == kind)
        print(f"  {kind}:")
        for reason, count in reasons.most_common():
            print(f"    {count:4}  {reason}")
    if cli_problems is not None:
        print(f"\npublisher clean: {len(cli_problems)} problem(s)")
        for problem in cli_problems:
            print(f"  {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    parser.add_argument("--pages", type=int, default=3, help="pages of each source (html, extraction) to derive variants of")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a variant counts as a hang")
    parser.add_argument("--cli", type=int, default=1, help="variants of each shape run through `publisher clean` (0: none)")
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args(argv)
    random.seed(args.seed)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="robustness-") as temporary:
        folder = Path(temporary)
        variants = make_variants(base_pages(args.corpus, args.pages, folder), folder, random.Random(args.seed))
        outcomes = []
        for variant in variants:
            outcome = clean_variant(variant, args.timeout)
            outcomes.append(outcome)
            if outcome.kind in ("crash", "timeout"):
                print(f"  {outcome.kind}: {variant.name}: {outcome.detail}", flush=True)
        cli_problems = None
        if args.cli:
            by_shape: dict[str, list[Variant]] = {}
            for variant in variants:
                by_shape.setdefault(variant.shape + variant.path.suffix, []).append(variant)
            sample = [v for shape_variants in by_shape.values() for v in shape_variants[: args.cli]]
            cli_problems = run_cli(sample, args.timeout + 10)
        report(outcomes, cli_problems)
    crashed: Callable[[Outcome], bool] = lambda o: o.kind in ("crash", "timeout")  # noqa: E731
    return 1 if any(map(crashed, outcomes)) else 0


if __name__ == "__main__":
    raise SystemExit(main())
