"""How long an edit takes to show in `publisher serve`, measured in a real browser.

    python benchmarks/serve.py [--articles 100] [--rounds 3] [--edit sentence|word|paragraphs] [--serve-only]

Makes a bulletin of N articles from the seed and ../shared/corpus/text/ (benchmarks/corpus.py)
in a temporary folder, with a cache of its own, and builds it once (`publisher build -j 2`:
the cold build, which also fills the cache). Then, each round, it edits one paragraph of a
different article (a sentence added; with ``--edit word`` a word replaced by one as long;
with ``--edit paragraphs`` six paragraphs added, so that every page after it moves) and
times:

- the plain rebuild: `publisher build` of every format, a process of its own, as a user
  would run it after the edit (the cache warm), before the server starts;
- with `publisher serve` running and Debian's Chromium showing `/` and `/print` (through
  Playwright, no browser download): from the moment the edited file is saved to the new
  text shown on `/` (the page patches itself), to the first page that changed shown on
  `/print` (its picture loaded, scrolled to) from the draft, and to the same from the PDF
  as `publisher build` writes it, which replaces the draft's pages.

``--serve-only`` skips the cold build and the plain rebuilds (the server's first build
then fills the cache).

Prints one Markdown table with the median and the worst round, the issue's targets
(`/` within 1 s, `/print` within 3 s), and the load average before and after: the
machine is shared, so read the figures beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import corpus_available, write_articles  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT_MS = 300_000


def publisher(*args: str) -> list[str]:
    return [sys.executable, "-m", "publisher", *args]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


EDITS = {
    "sentence": "a sentence added to one paragraph",
    "word": "a word replaced by one as long in one paragraph",
    "paragraphs": "six paragraphs added to",
}


def _edited(text: str, marker: str, kind: str) -> tuple[str, str]:
    """``text`` with one edit of ``kind`` made in its middle paragraph, and the text to look
    for on the page: a sentence added ("sentence": the article may grow by a line, and the
    pages after it move), one word replaced by one as long ("word": a typo fixed; the pages
    rarely move), or six paragraphs added ("paragraphs": the article grows by about a page,
    and every page after it moves)."""
    head, separator, body = text.partition("\n---\n")
    paragraphs = body.split("\n\n")
    middle = len(paragraphs) // 2
    if kind == "sentence":
        shown = f"Thêm một câu {marker}."
        paragraphs[middle] = paragraphs[middle].rstrip() + " " + shown
    elif kind == "paragraphs":
        shown = f"Thêm một đoạn {marker}."
        copies = [paragraphs[index % middle] for index in range(6)] if middle else [paragraphs[0]] * 6
        paragraphs[middle + 1:middle + 1] = [shown + " " + copies[0], *copies[1:]]
    else:
        word = next(word for word in paragraphs[middle].split() if word.isalpha() and len(word) >= 5)
        shown = (marker[:2] + marker[-1] + "x" * len(word))[:len(word)]
        paragraphs[middle] = paragraphs[middle].replace(word, shown, 1)
    return head + separator + "\n\n".join(paragraphs), shown


def edit_paragraph(path: Path, marker: str, kind: str) -> str:
    """``path`` edited (see ``_edited``) and saved the way an editor saves; the text to look
    for on the page comes back."""
    text, shown = _edited(path.read_text(encoding="utf-8"), marker, kind)
    path.write_text(text, encoding="utf-8")
    return shown


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edit", choices=tuple(EDITS), default="sentence",
                        help="add a sentence to a paragraph (default), replace a word by one as long, or add six "
                             "paragraphs (the pages after the article move)")
    parser.add_argument("--serve-only", action="store_true", help="no cold build nor plain rebuilds: only the server")
    parser.add_argument("--trace", action="store_true",
                        help="after each round, the server's steps (PUBLISHER_TIMING) in seconds from the save")
    arguments = parser.parse_args()
    if not corpus_available():
        raise SystemExit("the shared corpus is missing (../shared/corpus/text/)")
    if CHROMIUM is None:
        raise SystemExit("Chromium is missing: run scripts/install-system-deps.sh")
    from playwright.sync_api import sync_playwright

    load_before = load()
    with tempfile.TemporaryDirectory(prefix="publisher-bench-serve-") as work:
        folder = Path(work) / "bulletin"
        articles = write_articles(arguments.articles, folder)
        env = {**os.environ, "PUBLISHER_CACHE_DIR": str(Path(work) / "cache"), "TMPDIR": work}
        cold_build = publisher("build", str(folder), "-o", str(Path(work) / "out"), "-j", "2")
        cold = 0.0 if arguments.serve_only else timed(cold_build, env)
        print(f"cold build of {arguments.articles} articles: {cold:.1f} s (load {load()})", file=sys.stderr)
        plain = [0.0] * arguments.rounds if arguments.serve_only else []
        for round_number in range(0 if arguments.serve_only else arguments.rounds):
            edit_paragraph(edited(articles, round_number, arguments.rounds), f"pq{round_number}", arguments.edit)
            plain.append(timed(publisher("build", str(folder), "-o", str(Path(work) / "out")), env))
            print(f"plain rebuild {round_number + 1}: {plain[-1]:.2f} s (load {load()})", file=sys.stderr)
        started = time.perf_counter()
        serving = publisher("serve", str(folder), "--port", "0")
        trace = Path(work) / "timing.log" if arguments.trace else None
        server = subprocess.Popen(serving, cwd=ROOT, env={**env, "PUBLISHER_TIMING": str(trace)} if trace else env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            assert server.stdout is not None
            address = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline())
            assert address, "no address printed"
            url = address.group(0)
            settled(url)
            print(f"serve's first build (web page, PDF and EPUB, then the draft): {time.perf_counter() - started:.1f} s "
                  f"(load {load()})", file=sys.stderr)
            shown = measure(sync_playwright, url, articles, arguments.rounds, arguments.edit, trace)
        finally:
            server.terminate()
            server.wait(timeout=60)
    print_table(arguments.articles, arguments.edit, cold,
                [(*times, again) for times, again in zip(shown, plain, strict=True)], load_before, load())


def edited(articles: list[Path], round_number: int, rounds: int) -> Path:
    """A different article each round, spread over the bulletin (never the first)."""
    return articles[(round_number + 1) * len(articles) // (rounds + 1)]


def settled(url: str) -> int:
    """Wait until the preview has no build running or due; the print view it shows then."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url + "_preview/status.json", timeout=30) as answer:  # noqa: S310 (our own server)
            status = json.load(answer)
        if status["web"] and status["print"] and not status["building"]:
            return int(status["print"])
        time.sleep(0.2)
    raise SystemExit("the preview did not settle")


def measure(sync_playwright: Any, url: str, articles: list[Path], rounds: int,
            kind: str, trace: Path | None) -> list[tuple[float, float, float]]:
    """Per round: seconds from saving the edit to the new text on ``/`` (the first frame
    after the change reached the page), and to the first changed page's picture on
    ``/print`` (loaded, scrolled to), the draft's and the PDF's as built."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        web = browser.new_page()
        printed = browser.new_page(viewport={"width": 1000, "height": 800}, bypass_csp=True)
        settled(url)
        web.goto(url)
        printed.goto(url + "print")
        printed.wait_for_function("Number(document.body.dataset.generation || 0) > 0", timeout=TIMEOUT_MS)
        for round_number in range(rounds):
            # The server's view, not the browser's: the browser may not have taken in the last
            # view yet (a build shows several: its parts, then the whole PDF).
            generation = settled(url)
            printed.wait_for_function(f"Number(document.body.dataset.generation || 0) >= {generation}", timeout=TIMEOUT_MS)
            printed.wait_for_function(_PAGES_ON_SCREEN_DRAWN, timeout=TIMEOUT_MS)  # no picture still on its way
            article = edited(articles, round_number, rounds)
            marker = edit_marker(article, f"sq{round_number}", kind)
            web.evaluate(_WATCH_FOR_TEXT, marker)
            edit_paragraph(article, f"sq{round_number}", kind)
            saved = time.time()
            web.get_by_text(marker).first.wait_for(timeout=TIMEOUT_MS)
            web.wait_for_function("window.publisherTextShownAt !== null", timeout=TIMEOUT_MS)
            web_seconds = web.evaluate("window.publisherTextShownAt") / 1000 - saved
            printed.wait_for_function(f"Number(document.body.dataset.shownGeneration || 0) > {generation}", timeout=TIMEOUT_MS)
            print_seconds = int(printed.evaluate("document.body.dataset.shownAt")) / 1000 - saved
            printed.wait_for_function(f"Number(document.body.dataset.shownGeneration || 0) > {generation} "
                                      "&& document.body.dataset.shownProvisional === 'false'", timeout=TIMEOUT_MS)
            built_seconds = int(printed.evaluate("document.body.dataset.shownAt")) / 1000 - saved
            rows.append((web_seconds, print_seconds, built_seconds))
            print(f"round {round_number + 1} ({article.name}): / {web_seconds:.2f} s, /print {print_seconds:.2f} s, "
                  f"as built {built_seconds:.2f} s (load {load()})", file=sys.stderr)
            if trace is not None:
                print_trace(trace, saved, {"browser: new text on /": web_seconds, "browser: draft page shown": print_seconds,
                                           "browser: page as built shown": built_seconds})
        browser.close()
    return rows


# Every page picture on screen loaded: a reader who just opened /print waits for that.
_PAGES_ON_SCREEN_DRAWN = """() => [...document.querySelectorAll('#publisher-pages img')].filter((img) => {
  const box = img.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}).every((img) => img.complete && img.naturalWidth > 0)"""

# In the page: the time of the first frame after the text ``marker`` appeared (the page
# patches itself in one task; the frame after it is when it can be seen).
_WATCH_FOR_TEXT = """marker => {
  window.publisherTextShownAt = null;
  const observer = new MutationObserver(() => {
    if (!document.body.textContent.includes(marker)) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.publisherTextShownAt = Date.now(); });
  });
  observer.observe(document.documentElement, {childList: true, subtree: true, characterData: true});
}"""


def edit_marker(path: Path, marker: str, kind: str) -> str:
    """The text ``edit_paragraph(path, marker, kind)`` will put in, without writing it."""
    return _edited(path.read_text(encoding="utf-8"), marker, kind)[1]


def print_trace(trace: Path, saved: float, browser: dict[str, float]) -> None:
    """The server's marks (``publisher.timing``) from the save on, in seconds from it."""
    events = [(seconds, "", what) for what, seconds in browser.items()]
    for line in trace.read_text(encoding="utf-8").splitlines():
        stamp, process, what = line.split(" ", 2)
        if float(stamp) >= saved - 0.5:
            events.append((float(stamp) - saved, process, what))
    for seconds, process, what in sorted(events):
        if seconds <= max(browser.values()) + 0.5:
            print(f"  {seconds:+7.3f} s  {process:>7}  {what}", file=sys.stderr)


def print_table(articles: int, kind: str, cold: float, rows: list[tuple[float, float, float, float]], before: str,
                after: str) -> None:
    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s (worst {max(values):.2f} s)"

    web, printed, built, plain = (list(column) for column in zip(*rows, strict=True))
    print(f"\n`publisher serve`, a {articles}-article bulletin, {len(rows)} edits ({EDITS[kind]} each) "
          f"(load average {before} before, {after} after; {os.cpu_count()} cores)\n")
    print("| from saving the edit to | median (worst) | target |")
    print("|---|---|---|")
    print(f"| the new text on `/` | {cell(web)} | 1 s |")
    print(f"| the first changed page on `/print`, the draft's | {cell(printed)} | 3 s |")
    print(f"| the same, the PDF's as `publisher build` writes it | {cell(built)} | |")
    if any(plain):
        print(f"| plain `publisher build` after the same edit (every format, warm cache) | {cell(plain)} | |")
    if cold:
        print(f"| cold build, `publisher build -j 2` | {cold:.1f} s | |")


if __name__ == "__main__":
    main()
