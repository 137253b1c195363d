"""Browser copies of saved HTML pages: the text files users really paste, for the cleaning
benchmark.

    python benchmarks/browser_copies.py [--corpus ../shared/corpus] [--out DIR] [--shape S]

``make_copies(pages, folder)`` writes, for each saved page, one ``.txt`` per shape as
``folder/SHAPE/NAME.txt`` and returns a ``Copy`` for each. The same pages give the same
bytes. A page that does not load in time is reported (logged) and skipped, and so is a
shape that gives nothing for a page (no reader view offered, nothing selectable).

How the pages are opened (all shapes but ``save-as-text``): Debian's Chromium, headless,
driven by Playwright (no browser of its own), one tab for page after page, a 1280x2000
viewport. The page is opened from disk by its ``file:`` address; every request goes
through a route that serves files from the pages' folders and refuses everything else, so
nothing reaches the network (the site's stylesheets, images, fonts and frames are not
fetched) and the result does not depend on it. Page scripts are off, but not with
Playwright's ``java_script_enabled=False``: that also turns off the parser's scripting
flag, so ``<noscript>`` is parsed and shown as markup (on a saved VietNamNet page an
unclosed ``<noscript><iframe />`` then takes the whole page into the ``<noscript>``). Instead the route serves each page
with ``Content-Security-Policy: script-src 'none'``: the page is parsed as in a user's
browser and none of its scripts (inline, external, handlers) runs. Images are not loaded
(``imagesEnabled=false``: they could not be fetched anyway, and it is a third faster);
they take the room of their alt text, as broken images do.

The shapes, and how each differs from a real user's copy:

``chromium-select-all``
    The real thing: Ctrl+A, Ctrl+C, and the clipboard read back (``navigator.clipboard``;
    headless Chromium has a clipboard of its own). So it is Chromium's clipboard text:
    image alt texts are in it, no-break spaces are spaces, blank lines follow paragraphs
    with margins, inline elements run together ("Thời sự Giao thôngChủ nhật, ..."). No
    ``<title>`` line: a copy has none.
``inner-text``
    ``document.body.innerText`` of the same page: what Firefox's select-all copy resembles.
    Firefox's own serializer is not run (it differs in blank lines around blocks and
    tables); no alt text.
``save-as-text``
    ``w3m -dump -cols 80`` of the saved page (Debian's w3m), decoded with the charset
    Chromium found, as a server would have sent it: a text browser's dump, as "save as
    text" gives it. Paragraphs are wrapped into lines of at most 80 columns (Firefox's
    "Save Page As > Text Files" also wraps at 80), list items get bullets, and everything
    stays: menus, footers, ``<noscript>`` text, images as ``[name]`` or their alt text (a
    text browser applies no CSS and runs no script).
``reader-mode``
    Mozilla's Readability.js (npm ``@mozilla/readability``, pinned in
    ``benchmarks/package.json``, installed by ``scripts/install-system-deps.sh``) run inside
    the loaded page the way Firefox's reader view runs it: no view where the page's address
    (its canonical or ``og:url``) is a site's root, none where ``isProbablyReaderable``
    (with Firefox's layout-based visibility test) says no, Firefox's parse options. The
    article is laid out as a reader view (the title, the byline, the site's host, a rule,
    the article) and copied with Ctrl+A, Ctrl+C as above. Firefox shows the host above the
    title and an estimated reading time under the byline, and parses a serialised copy of
    the page in a worker; here the copy starts with the title (what a user gets who
    selects from the title down) and has no reading time.

What no shape has that a real user's copy may have: the page's scripts never run, so
text they insert (lazy-loaded bodies, "read more" expansions, comment widgets, related
boxes filled in later) is missing, and a site's copy handler that appends a source line
("Nguồn: ...") to copied text does not fire. The site's external stylesheets are not
loaded, so what they hide (drop-down menus, mobile navigation, modal boxes) is shown and
copied, and text they reorder or put in capitals stays in document order and case. The
page is a saved copy, with ad slots empty and the other day's menus.
"""

from __future__ import annotations

import argparse
import html
import logging
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_OUT = Path(tempfile.gettempdir()) / "browser-copies"
READABILITY_DIR = ROOT / "benchmarks" / "node_modules" / "@mozilla" / "readability"

SELECT_ALL = "chromium-select-all"
INNER_TEXT = "inner-text"
SAVE_AS_TEXT = "save-as-text"
READER_MODE = "reader-mode"
SHAPES: tuple[str, ...] = (SELECT_ALL, INNER_TEXT, SAVE_AS_TEXT, READER_MODE)

VIEWPORT = {"width": 1280, "height": 2000}
LOAD_TIMEOUT_MS = 15_000
TEXT_BROWSER_TIMEOUT_S = 30
SAVE_AS_TEXT_COLUMNS = 80
# Without these, headless Chromium keeps trying its own services (updates, sync, field
# trials), which a closed network refuses slowly.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Images could not be fetched anyway; not asking for them saves a third of the time.
    # (Their alt text is laid out and copied either way.)
    "--blink-settings=imagesEnabled=false",
]
# The page's own scripts never run, inline or not, in the page or its frames.
NO_PAGE_SCRIPTS = "script-src 'none'; object-src 'none'"
# What Firefox's reader view passes to Readability (ReaderMode's CLASSES_TO_PRESERVE).
READABILITY_OPTIONS = (
    '{classesToPreserve: ["caption", "emoji", "hidden", "invisible", "sr-only", "visually-hidden",'
    ' "visuallyhidden", "wp-caption", "wp-caption-text", "wp-smiley"]}'
)

_log = logging.getLogger("browser_copies")


@dataclass(frozen=True)
class Copy:
    """One browser copy of one saved page."""

    name: str  # the page's file name without .html
    shape: str  # one of SHAPES
    path: Path  # the .txt written
    source: Path  # the saved HTML page it was copied from


@dataclass(frozen=True)
class ReaderArticle:
    """What Readability found in a page, as the reader view shows it."""

    title: str
    byline: str
    host: str
    content: str  # HTML, as Readability serialises it
    lang: str


def chromium_path() -> Path | None:
    """Debian's Chromium, or None where it is not installed."""
    found = shutil.which("chromium")
    return Path(found) if found else None


def make_copies(pages: Sequence[Path], folder: Path, shapes: Sequence[str] = SHAPES) -> list[Copy]:
    """Write each page's browser copies as ``folder/SHAPE/NAME.txt`` (UTF-8, ``\\n`` line
    ends, one final newline) and return them, page by page in the given order, shapes in
    ``SHAPES`` order. Pages that fail to load, and shapes a page does not give, are logged
    and left out. Raises FileNotFoundError when Chromium, w3m or Readability.js (for the
    shapes asked) is missing."""
    unknown = [shape for shape in shapes if shape not in SHAPES]
    if unknown:
        raise ValueError(f"unknown shape(s) {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    wanted = [shape for shape in SHAPES if shape in shapes]
    reader_script = _reader_script() if READER_MODE in wanted else ""
    if SAVE_AS_TEXT in wanted and shutil.which("w3m") is None:
        raise FileNotFoundError("w3m is missing: run scripts/install-system-deps.sh (Debian's w3m)")
    copies: list[Copy] = []
    with tempfile.TemporaryDirectory() as w3m_settings, _browser_context(pages) as context:
        tab = _Tab(context)
        for page_path in pages:
            texts = _page_copies(tab, page_path, wanted, reader_script, Path(w3m_settings))
            for shape, text in texts.items():
                target = folder / shape / (page_path.stem + ".txt")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes((text.rstrip("\n") + "\n").encode("utf-8"))
                copies.append(Copy(page_path.stem, shape, target, page_path))
    return copies


@contextmanager
def _browser_context(pages: Sequence[Path]) -> Iterator[BrowserContext]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("Chromium is missing: run scripts/install-system-deps.sh (Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            # Scripting stays on so that the page is parsed as a reader's browser parses it
            # (<noscript> is not shown); _LocalFiles forbids every page script by CSP.
            context = browser.new_context(java_script_enabled=True, viewport=VIEWPORT)
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            context.route("**/*", _LocalFiles({page.resolve().parent for page in pages}))
            yield context
        finally:
            browser.close()


class _LocalFiles:
    """Every request the browser makes: files in the pages' folders are served with page
    scripts forbidden; anything else (the network, other files) is refused."""

    def __init__(self, folders: set[Path]) -> None:
        self.folders = folders

    def __call__(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        path = Path(unquote(url.path)).resolve() if url.scheme == "file" else None
        if path is None or not any(path.is_relative_to(folder) for folder in self.folders) or not path.is_file():
            route.abort()
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # No charset: the browser finds it in the page, as it does for a file on disk.
        headers = {"content-type": content_type, "content-security-policy": NO_PAGE_SCRIPTS}
        route.fulfill(status=200, body=path.read_bytes(), headers=headers)


class _Tab:
    """One browser tab, used for page after page (a new renderer for each costs more),
    and replaced when a page breaks it."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page = self._new()

    def _new(self) -> Page:
        page = self.context.new_page()
        page.set_default_timeout(LOAD_TIMEOUT_MS)
        return page

    def renew(self) -> None:
        self.page.close()
        self.page = self._new()


def _page_copies(tab: _Tab, page_path: Path, shapes: list[str], reader_script: str, w3m_settings: Path) -> dict[str, str]:
    from playwright.sync_api import Error as PlaywrightError

    page = tab.page
    try:
        page.goto(page_path.resolve().as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
    except PlaywrightError as error:
        _log.warning("%s: did not load, skipped: %s", page_path.name, error.message.splitlines()[0])
        tab.renew()
        return {}
    dump = _TextDump(page_path, page.evaluate("document.characterSet"), w3m_settings) if SAVE_AS_TEXT in shapes else None
    texts: dict[str, str | None] = {}
    try:
        for shape in shapes:
            if shape == SELECT_ALL:
                texts[shape] = _clipboard_copy(page)
            elif shape == INNER_TEXT:
                texts[shape] = page.evaluate("document.body ? document.body.innerText : ''")
            elif shape == READER_MODE:  # last in SHAPES: it replaces the page's document
                texts[shape] = _reader_copy(page, reader_script, page_path)
    except PlaywrightError as error:
        _log.warning("%s: %s failed, skipped: %s", page_path.name, shape, error.message.splitlines()[0])
        tab.renew()
    if dump is not None:
        texts[SAVE_AS_TEXT] = dump.text()
    copies = {}
    for shape in shapes:
        text = texts.get(shape)
        if text and text.strip():
            copies[shape] = text
        elif text is not None:
            _log.warning("%s: %s copied nothing, skipped", page_path.name, shape)
    return copies


def _clipboard_copy(page: Page) -> str:
    """Select all and copy, as a user does, and read the clipboard."""
    # A focused field (an autofocus search box) would take Ctrl+A for itself.
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); getSelection().removeAllRanges();"
        " return navigator.clipboard.writeText(''); }"
    )
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+C")
    return page.evaluate("navigator.clipboard.readText()")


class _TextDump:
    """w3m's dump of a page, running beside the browser's work on it."""

    def __init__(self, page_path: Path, charset: str, settings: Path) -> None:
        self.page_path = page_path
        # W3M_DIR: the user's own w3m settings (~/.w3m) would change the dump.
        environment = {**os.environ, "W3M_DIR": str(settings), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        command = ["w3m", "-dump", "-cols", str(SAVE_AS_TEXT_COLUMNS), "-no-cookie", "-T", "text/html",
                   "-I", charset, "-O", "UTF-8", str(page_path)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)

    def text(self) -> str | None:
        try:
            output, errors = self.process.communicate(timeout=TEXT_BROWSER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            _log.warning("%s: w3m took over %d s, skipped", self.page_path.name, TEXT_BROWSER_TIMEOUT_S)
            return None
        if self.process.returncode != 0:
            _log.warning("%s: w3m failed, skipped: %s", self.page_path.name, errors.decode(errors="replace").strip())
            return None
        return output.decode("utf-8", errors="replace")


def _reader_script() -> str:
    """Readability.js and its readerable check, then the reader view's call, as one expression."""
    library = READABILITY_DIR / "Readability.js"
    readerable = READABILITY_DIR / "Readability-readerable.js"
    if not (library.is_file() and readerable.is_file()):
        raise FileNotFoundError(
            f"Readability.js is missing ({library.relative_to(ROOT)}): run scripts/install-system-deps.sh"
        )
    return (
        "(() => {\n"
        + library.read_text(encoding="utf-8")
        + "\n"
        + readerable.read_text(encoding="utf-8")
        + "\n"
        + _READER_CALL.replace("OPTIONS", READABILITY_OPTIONS)
        + "\n})()"
    )


# Runs after the library inside the page, as Firefox's reader view does (Readerable and
# ReaderMode in toolkit/components/reader): no view for a site's root address, a
# layout-based visibility check, CLASSES_TO_PRESERVE. Returns {skip: why} or the article.
_READER_CALL = """
const address = document.querySelector('link[rel="canonical"][href]')?.href
  || document.querySelector('meta[property="og:url"][content]')?.content || "";
let host = "";
try {
  const url = new URL(address);
  host = url.hostname.replace(/^www\\./, "");
  if (url.pathname === "/") return {skip: "the page's address is a site's root"};
} catch (error) {}
const visible = node => node.clientHeight > 0 && node.clientWidth > 0;
if (!isProbablyReaderable(document, visible)) return {skip: "isProbablyReaderable is false"};
const article = new Readability(document.cloneNode(true), OPTIONS).parse();
if (!article || !article.content) return {skip: "Readability finds no article"};
return {title: article.title || "", byline: article.byline || "", host,
        content: article.content, lang: article.lang || document.documentElement.lang || ""};
"""


def _reader_copy(page: Page, reader_script: str, page_path: Path) -> str | None:
    found = page.evaluate(reader_script)
    if "skip" in found:
        _log.warning("%s: no reader view (%s), skipped", page_path.name, found["skip"])
        return None
    article = ReaderArticle(**found)
    page.set_content(_reader_page(article), wait_until="load", timeout=LOAD_TIMEOUT_MS)
    return _clipboard_copy(page)


_READER_STYLE = """
body { margin: 0 auto; max-width: 40em; padding: 64px 24px; font: 20px/1.6 serif; }
.reader-title { font-size: 1.6em; line-height: 1.25; margin: 0.5em 0; }
.credits, .domain { font-size: 0.9em; }
img { max-width: 100%; height: auto; }
"""


def _reader_page(article: ReaderArticle) -> str:
    """The reader view's document, after Firefox's aboutReader.html (see the module docstring)."""
    escape = html.escape
    credits = f'<div class="credits">{escape(article.byline)}</div>' if article.byline else ""
    domain = f'<div class="domain">{escape(article.host)}</div>' if article.host else ""
    return (
        f'<!DOCTYPE html><html lang="{escape(article.lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)}</title><style>{_READER_STYLE}</style></head><body>"
        f'<div class="header"><h1 class="reader-title">{escape(article.title)}</h1>{credits}{domain}</div>'
        f'<hr><div class="content">{article.content}</div></body></html>'
    )


def corpus_pages(corpus: Path) -> list[Path]:
    """The saved pages of a corpus (its html/ folder) or of a folder of pages, by name."""
    folder = corpus / "html" if (corpus / "html").is_dir() else corpus
    return sorted(folder.glob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the corpus (its html/ folder is read) or a folder of .html pages")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to write (default {DEFAULT_OUT})")
    parser.add_argument("--shape", action="append", choices=SHAPES, help="only this shape (repeatable)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="warning: %(message)s", level=logging.WARNING)
    pages = corpus_pages(args.corpus)
    if not pages:
        print(f"error: no .html pages in {args.corpus}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    copies = make_copies(pages, args.out, args.shape or SHAPES)
    seconds = time.perf_counter() - started
    for copy in copies:
        text = copy.path.read_text(encoding="utf-8")
        print(f"{copy.shape:20} {copy.path}  ({text.count(chr(10))} lines, {len(text)} characters)")
    print(f"{len(copies)} copies of {len(pages)} pages in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
