"""``publisher serve`` as a reader and an attacker meet it: a real Chromium (Debian's,
through Playwright, no browser download) sees edits appear by themselves, a broken
manifest's FILE:LINE over the last good preview, and the print pages; plain HTTP requests
try to walk out of the preview or reach it under another name; Ctrl-C leaves nothing."""

from __future__ import annotations

import dataclasses
import http.client
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest
from conftest import CHROMIUM

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/install-system-deps.sh installs it)")
ROOT = Path(__file__).resolve().parent.parent
WAIT_MS = 120_000  # a build's time on two busy shared cores (a slow machine: 32 s), not a target (benchmarks/serve.py measures)

MANIFEST = """title = "Bản tin thử"
language = "vi"
date = 2024-05-01
"""
PARAGRAPH = ("Người dân trong xã đã cùng nhau sửa lại con đường liên thôn trước mùa mưa, "
             "để xe chở nông sản đi lại dễ dàng hơn và các em học sinh đến trường an toàn. ")


def _article(title: str, paragraphs: int) -> str:
    body = "\n\n".join(f"{PARAGRAPH * 3}({title}, đoạn {n})" for n in range(1, paragraphs + 1))
    return f"---\ntitle: {title}\ndate: 2024-05-01T08:00:00+07:00\n---\n\n{body}\n"


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    port: int
    folder: Path
    scratch: Path

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """A plain request, its target sent exactly as given (no normalising client)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            if host != "":
                connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def status(self) -> dict[str, Any]:
        code, _, body = self.get("/_preview/status.json")
        assert code == 200
        return dict(json.loads(body))

    def wait(self, done: Any, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            status = self.status()
            if done(status):
                return status
            time.sleep(0.1)
        raise AssertionError(f"{what}: still {self.status()}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve") / "ban-tin"
    folder.mkdir()
    (folder / "publication.toml").write_text(MANIFEST, encoding="utf-8")
    (folder / "01-duong.md").write_text(_article("Sửa đường liên thôn", 2), encoding="utf-8")
    (folder / "02-mua.md").write_text(_article("Mùa lúa mới", 9), encoding="utf-8")
    scratch = tmp_path_factory.mktemp("serve-tmp")
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", "serve", str(folder), "--port", "0"], cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(scratch)},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, f"no address in {line!r}"
        server = Served(process, found.group(0), int(found.group(1)), folder, scratch)
        server.wait(lambda status: status["web"] and status["print"], "the first builds")
        yield server
    finally:
        if process.poll() is None:  # a test failed before the last one stopped it: stop it the same way
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.parametrize("target", [
    "/../../etc/passwd", "/print/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2fetc%2fpasswd", "/%252e%252e/%252e%252e/etc/passwd", "/print/page/..%2f..%2fpdf", "/./pdf",
    "//etc/passwd", "/etc/passwd", "http://127.0.0.1/../etc/passwd", "/print/page/%2e%2e.jpg", "/..\\..\\etc\\passwd",
    "/01-duong.md", "/publication.toml", "/print/page/../../../../etc/passwd.jpg",
])
def test_no_path_leads_out(served: Served, target: str) -> None:
    code, headers, body = served.get(target)
    assert code in (400, 404)
    assert b"root:" not in body and b"title" not in body
    assert not any(name.startswith("access-control-") for name in headers)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost", "", "127.0.0.1.nip.io:{port}"])
def test_only_the_address_served_is_answered(served: Served, host: str) -> None:
    code, headers, _ = served.get("/pdf", host=host.format(port=served.port))
    assert code == 421
    assert not any(name.startswith("access-control-") for name in headers)
    for allowed in (f"127.0.0.1:{served.port}", f"localhost:{served.port}"):
        code, headers, body = served.get("/pdf", host=allowed)
        assert code == 200 and body.startswith(b"%PDF-")
        assert not any(name.startswith("access-control-") for name in headers)


def test_a_broken_manifest_shows_where_over_the_last_preview(served: Served, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(served.url)
        page.get_by_text("Sửa đường liên thôn").first.wait_for(timeout=WAIT_MS)
        manifest = served.folder / "publication.toml"
        manifest.write_text(MANIFEST + 'layout_name = "bulletin"\n', encoding="utf-8")
        overlay = page.locator("#publisher-preview-overlay")
        overlay.wait_for(timeout=WAIT_MS)
        assert re.search(r"publication\.toml:4: ", overlay.inner_text())
        assert page.get_by_text("Sửa đường liên thôn").first.is_visible()  # the last good preview, under it
        manifest.write_text(MANIFEST, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=WAIT_MS)
        assert page.get_by_text("Sửa đường liên thôn").first.is_visible()
        served.wait(lambda status: not status["print_error"] and not status["building"], "the print build after the fix")
    finally:
        page.close()


def test_an_edit_appears_in_every_open_page(served: Served, browser: Any) -> None:
    # The preview's own pages forbid eval; Playwright's waits evaluate strings.
    web, printed = browser.new_page(), browser.new_page(viewport={"width": 1000, "height": 700}, bypass_csp=True)
    try:
        web.goto(served.url)
        web.get_by_text("Mùa lúa mới").first.wait_for(timeout=WAIT_MS)
        printed.goto(served.url + "print")
        printed.wait_for_selector("#publisher-pages figure img", timeout=WAIT_MS)
        generation = int(printed.evaluate("document.body.dataset.generation"))
        assert printed.evaluate("window.scrollY") == 0
        web.evaluate("window.scrollTo(0, 300)")
        # Kept by a patch in place, lost by a reload: a variable, and the article not edited (the same element).
        web.evaluate("window.beforeTheEdit = document.querySelector('article')")
        article = served.folder / "02-mua.md"
        article.write_text(article.read_text(encoding="utf-8").replace("(Mùa lúa mới, đoạn 9)", "Lúa đã chín vàng."),
                           encoding="utf-8")
        web.get_by_text("Lúa đã chín vàng.").wait_for(timeout=WAIT_MS)  # no reload asked for
        assert web.evaluate("window.scrollY") == 300  # the reader stays where they were
        assert web.evaluate("window.beforeTheEdit === document.querySelector('article')")  # patched, not reloaded
        assert "Lúa đã chín vàng." in web.locator("article").nth(1).inner_text()
        fresh = browser.new_page()
        try:
            fresh.goto(served.url)
            shown = ("[document.body.outerHTML, ...[...document.head.children]"
                     ".filter(e => !(e.getAttribute('src') || '').startsWith('/_preview/')).map(e => e.outerHTML)]")
            assert fresh.evaluate(shown) == web.evaluate(shown)  # the patched page is the page as built
        finally:
            fresh.close()
        printed.wait_for_function(f"Number(document.body.dataset.generation) > {generation}", timeout=WAIT_MS)
        changed = printed.locator("figure.publisher-changed").first
        changed.locator("img").wait_for(timeout=WAIT_MS)
        printed.wait_for_function("document.querySelector('figure.publisher-changed img').naturalWidth > 0", timeout=WAIT_MS)
        assert printed.evaluate("window.scrollY") > 0  # scrolled to the first page that changed
        view = json.loads(served.get("/print/pages.json")[2])
        assert view["first_changed"] > 0 and changed.get_attribute("id") == f"page-{view['first_changed'] + 1}"
        code, _, image = served.get(view["pages"][view["first_changed"]]["image"])
        assert code == 200 and image.startswith(b"\xff\xd8\xff")  # a JPEG
    finally:
        web.close()
        printed.close()


def test_quick_edits_are_one_build_of_the_last(served: Served) -> None:
    before = served.wait(lambda status: "web" not in status["building"], "the web page built")["web"]
    article = served.folder / "01-duong.md"
    text = article.read_text(encoding="utf-8")
    # Five saves a few milliseconds apart: one burst, or two where a build began with the
    # first (50 ms apart, a web build quicker than that on a fast machine had made it three).
    for n in range(1, 6):
        article.write_text(text.replace("(Sửa đường liên thôn, đoạn 2)", f"Sửa lần {n}."), encoding="utf-8")
        time.sleep(0.005)
    served.wait(lambda status: "Sửa lần 5." in served.get("/")[2].decode(), "the last edit on the web page")
    after = served.wait(lambda status: "web" not in status["building"], "the web page built")["web"]
    assert 1 <= after - before <= 2  # one build may have begun with the first edit; one more takes the rest


def test_the_print_preview_shows_every_page_as_printed(served: Served, browser: Any) -> None:
    code, headers, pdf = served.get("/pdf")
    assert code == 200 and headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    code, headers, epub = served.get("/epub")
    assert code == 200 and epub.startswith(b"PK") and headers["content-type"] == "application/epub+zip"
    page = browser.new_page(bypass_csp=True)
    try:
        page.goto(served.url + "print")
        page.wait_for_function(f"document.querySelectorAll('#publisher-pages figure').length === {len(reader.pages)}",
                               timeout=WAIT_MS)
        labels = page.eval_on_selector_all("#publisher-pages figcaption", "captions => captions.map(c => c.textContent)")
        assert labels == list(reader.page_labels)
        assert page.inner_text("#publisher-page-count") == f"{len(reader.pages)} pages"
    finally:
        page.close()


def test_ctrl_c_stops_cleanly_and_leaves_nothing(served: Served) -> None:
    assert list(served.scratch.glob("publisher-serve-*")), "the server's temporary folder"
    served.process.send_signal(signal.SIGINT)
    _, errors = served.process.communicate(timeout=30)
    assert served.process.returncode == 0, errors
    assert "Traceback" not in errors
    assert list(served.scratch.iterdir()) == []


def test_a_draft_shows_the_edit_then_the_pdf_as_built_replaces_it(tmp_path: Path, browser: Any) -> None:
    """A draft laid out in finer parts (a plan that cuts six short articles in threes of
    two) shows the edited part's pages first, under the draft badge; then the PDF as
    ``publisher build`` makes it (here in one piece) replaces them, page for page. When
    the watcher names the file edited, only its part is laid out (no whole draft), on
    the last draft's pages, earlier edits included; unless it moves the pages after it:
    then the whole draft follows."""
    from publisher.batch import build_tree
    from publisher.build_options import BuildOptions
    from publisher.serve.handler import PreviewServer
    from publisher.serve.preview import Preview, PrintView
    from publisher.serve.print_pages import read_pages
    from publisher.serve.requests import allowed_hosts
    from publisher.writers.parts.plan import PartPlan

    folder = tmp_path / "ban-tin"
    folder.mkdir()
    (folder / "publication.toml").write_text(MANIFEST, encoding="utf-8")
    for number in range(1, 7):
        (folder / f"{number:02d}.md").write_text(_article(f"Tin số {number}", 1), encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    said: list[str] = []
    options = BuildOptions(cache_dir=tmp_path / "cache", pdf_jobs=2)
    preview = Preview(folder, options, scratch, said.append, draft_plan=PartPlan(threshold=4, min_articles=2, max_articles=2))
    views: list[PrintView] = []
    publish = preview.events.publish
    preview.events.publish = lambda message: (views.append(preview.print_view), publish(message))[1]  # type: ignore[method-assign]
    parts: list[tuple[int, Any]] = []
    take_part = preview.draft._on_part
    assert take_part is not None

    def keep_part(version: int, part: Any) -> None:
        parts.append((version, part))
        take_part(version, part)

    preview.draft._on_part = keep_part

    def built_pdf(out: Path) -> bytes:
        built = build_tree([folder], out, dataclasses.replace(options, formats=("pdf",)))
        [outcome] = built.outcomes
        assert outcome.result is not None
        [pdf_file] = [written.path for written in outcome.result.files if written.format == "pdf"]
        return pdf_file.read_bytes()

    def wait_for_version(version: int) -> PrintView:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            view = preview.print_view
            if view.version == version and not view.provisional and "print" not in preview.status()["building"]:  # type: ignore[operator]
                return view
            time.sleep(0.05)
        raise AssertionError(f"the PDF of version {version}: {preview.print_view}, {said}")

    listening = PreviewServer(("127.0.0.1", 0))  # after the preview: its workers are forked before any thread starts
    listening.hosts, listening.preview = allowed_hosts("127.0.0.1", listening.server_address[1]), preview
    threading.Thread(target=listening.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    page = browser.new_page(bypass_csp=True)
    badge = "document.getElementById('publisher-provisional').hidden"
    try:
        preview.start()
        first = wait_for_version(0)
        page.goto(f"http://127.0.0.1:{listening.server_address[1]}/print")
        page.wait_for_function(f"Number(document.body.dataset.generation || 0) === {first.generation} && {badge}",
                               timeout=WAIT_MS)
        assert preview.draft.state.outputs.part_count == 3  # the draft made once, to fill the cache
        assert not any(view.provisional for view in views)  # a first build shows the PDF as built
        edited = folder / "05.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("(Tin số 5, đoạn 1)", "(Tin số năm, đoạn 1)"),
                          encoding="utf-8")
        preview.files_changed()
        page.wait_for_function(f"!{badge}", timeout=WAIT_MS)  # the draft's pages, marked
        final = wait_for_version(1)
        page.wait_for_function(f"Number(document.body.dataset.generation) === {final.generation} && {badge}",
                               timeout=WAIT_MS)
        drafts = [view for view in views if view.version == 1 and view.provisional]
        assert drafts, said
        first_draft = drafts[-1].pages
        assert views.index(drafts[0]) < views.index(final)
        shown = drafts[0]
        assert shown.first_changed is not None
        assert preview.images.image(shown.pages[shown.first_changed].digest) is not None  # its picture renders
        draft_pdf = preview.draft.state.outputs.files["pdf"]
        assert "Tin số năm" in pypdf.PdfReader(io.BytesIO(draft_pdf)).pages[shown.first_changed].extract_text()
        # The last view is the PDF `publisher build` writes, not the draft's.
        assert final.pages == read_pages(built_pdf(tmp_path / "built")) == read_pages(preview.print.state.outputs.files["pdf"])
        assert final.pages != first.pages and final.first_changed is not None
        assert preview.print.state.outputs.part_count == 0  # the build's own plan: one piece for six articles
        # The file named: its part alone, laid out before anything else and shown, then the PDF as built.
        drafted, parts_before = preview.draft.state.outputs.generation, len(parts)
        edited = folder / "02.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("(Tin số 2, đoạn 1)", "(Tin số hai, đoạn 1)"),
                          encoding="utf-8")
        preview.files_changed(frozenset({edited}))
        again = wait_for_version(2)
        assert preview.draft.state.outputs.generation == drafted  # no whole draft: nothing else moved
        [(version, part)] = parts[parts_before:]
        assert version == 2 and "Tin số hai" in pypdf.PdfReader(io.BytesIO(part.pdf)).pages[0].extract_text()
        [quick] = {view.generation: view for view in views if view.version == 2 and view.provisional}.values()
        assert quick.first_changed == part.first_page and quick.pages[:part.first_page] == first_draft[:part.first_page]
        assert quick.pages[shown.first_changed] == shown.pages[shown.first_changed]  # the first edit's draft page stays
        assert again.pages == read_pages(built_pdf(tmp_path / "built-2"))
        # An edit that moves the pages after its part: the part first, then the whole draft.
        edited.write_text(_article("Tin số 2", 8), encoding="utf-8")
        preview.files_changed(frozenset({edited}))
        moved = wait_for_version(3)
        assert preview.draft.state.outputs.generation > drafted and preview.draft.state.outputs.version == 3  # a whole draft
        [(version, part), *_later] = parts[parts_before + 1:]
        assert version == 3 and part.first_page == quick.first_changed
        assert len(moved.pages) > len(again.pages)
        assert moved.pages == read_pages(built_pdf(tmp_path / "built-3"))
    finally:
        page.close()
        preview.stop()
        listening.shutdown()
        listening.server_close()
        preview.close()
