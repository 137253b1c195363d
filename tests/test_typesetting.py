"""Typesetting read back from rendered PDFs: lines per page, blank pages, running heads,
contents, the masthead's text, quotes, added stylesheets, the cover and the booklet."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import FIXTURES, outputs_by_format, squash, write_articles

from publisher import BuildOptions, Reporter, build, load_publication
from publisher.errors import PublisherError
from publisher.render import Renderer
from publisher.render.layout import find_layout
from publisher.render.options import PrintOptions
from publisher.render.quotes import quote_style, typographic
from publisher.writers.impose import impose_booklet

MM = 72 / 25.4
QUOTED = """---
title: "Chuyện 'Mr Bean' ở bản Khuổi Phầy"
date: '2016-11-20T08:00:00+07:00'
authors:
- Nông Văn Dũng
lead: Tóm tắt của bài có ngoặc kép.
---

Ông nói: "Đây là mùa vàng thứ ba". Bà con gọi đó là 'mùa no'.

Tờ l'Humanité từng viết về bản; rock'n'roll vang ở hội xuân.
"""


def _write_book(folder: Path, count: int, openings: str | None = None) -> Path:
    write_articles(folder / "articles", count, paragraphs=4, headings=3)
    (folder / "articles" / f"{count + 1:02d}-ngoac.md").write_text(QUOTED, encoding="utf-8")
    half = (count + 1) // 2
    names = sorted(path.name for path in (folder / "articles").iterdir())
    layout = '\n[layout]\nname = "book"\n' + (f'openings = "{openings}"\n' if openings else "")
    sections = "".join(f'\n[[sections]]\ntitle = "{title}"\narticles = [{", ".join(repr("articles/" + n) for n in group)}]\n'
                       for title, group in (("Thời sự", names[:half]), ("Đời sống", names[half:])))
    (folder / "publication.toml").write_text(
        f'title = "Sách thử"\nissue = 3\ndate = 2016-12-10\nlanguage = "vi"\n{layout}{sections}', encoding="utf-8")
    return folder


def _pdf(folder: Path, out: Path, **options) -> Path:
    results = build([folder], out, BuildOptions(formats=("pdf",), **options), Reporter(warning=lambda message: None))
    return outputs_by_format(results)["pdf"]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("book")
    return _pdf(_write_book(root / "src", 12), root / "out")


@pytest.fixture(scope="module")
def book_any(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("book-any")
    return _pdf(_write_book(root / "src", 5, openings="any"), root / "out")


@pytest.fixture(scope="module")
def bulletin60(tmp_path_factory) -> Path:
    """60 short articles, and the manifest's own stylesheet."""
    root = tmp_path_factory.mktemp("bulletin60")
    folder = root / "src"
    write_articles(folder / "articles", 60, paragraphs=1, headings=1)
    (folder / "mine.css").write_text('.masthead-subtitle::after { content: " (bản của tôi)"; }\n', encoding="utf-8")
    (folder / "publication.toml").write_text(
        'title = "Bản tin dày"\nsubtitle = "Sáu mươi bài"\nissue = 9\ndate = 2016-12-10\nlanguage = "vi"\n'
        'sections = [{ articles = ["articles/*"] }]\n\n[layout]\nname = "bulletin"\nstylesheet = "mine.css"\n',
        encoding="utf-8")
    # Untagged: these tests read pages and their text, and tagging costs a third of the time.
    return _pdf(folder, root / "out", print=PrintOptions(tags=False))


class Page:
    """One page of a PDF read back by regions: the running head (the top margin), the
    text, the foot (the bottom margin)."""

    def __init__(self, pdf: Path, number: int, page: pypdf.PageObject, top_mm: float, bottom_mm: float):
        media, trim = page.mediabox, page.trimbox
        offset = float(media.top) - float(trim.top)
        height = float(trim.height)
        self.number = number
        self.head = _region(pdf, number, offset, top_mm * MM).strip()
        body = _region(pdf, number, offset + top_mm * MM, height - (top_mm + bottom_mm) * MM)
        self.lines = [line.strip() for line in body.splitlines() if line.strip()]

    @property
    def blank(self) -> bool:
        return not self.head and not self.lines

    @property
    def right_hand(self) -> bool:
        return self.number % 2 == 1


def _region(pdf: Path, number: int, top: float, height: float) -> str:
    command = ["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(number), "-l", str(number),
               "-x", "0", "-y", str(round(top)), "-W", "3000", "-H", str(round(height)), str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")


def _pages(pdf: Path, top_mm: float, bottom_mm: float) -> list[Page]:
    reader = pypdf.PdfReader(str(pdf))
    return [Page(pdf, index + 1, page, top_mm, bottom_mm) for index, page in enumerate(reader.pages)]


TITLE = re.compile(r"^(Bài số \d+|Chuyện ‘Mr Bean’)")


def _kinds(pages: list[Page]) -> list[str]:
    """Each page's kind: front (cover, title page, contents), section, opening (an article
    starts at its top), text, blank."""
    kinds = []
    in_front = True
    for page in pages:
        if page.blank:
            kinds.append("blank")
        elif page.lines and page.lines[0] in ("THỜI SỰ", "ĐỜI SỐNG") and len(page.lines) == 1:
            kinds.append("section")
            in_front = False
        elif in_front:
            kinds.append("front")
        elif TITLE.match(page.lines[0]):
            kinds.append("opening")
        else:
            kinds.append("text")
    return kinds


@pytest.fixture(scope="module")
def book_pages(book) -> list[Page]:
    return _pages(book, 20, 16)


def test_book_pages_hold_three_lines_or_end_an_article(book_pages):
    kinds = _kinds(book_pages)
    assert kinds.count("opening") == 13 and kinds.count("section") == 2, kinds
    for index, page in enumerate(book_pages):
        if kinds[index] not in ("opening", "text"):
            continue
        ends_article = index + 1 == len(book_pages) or kinds[index + 1] in ("blank", "opening", "section")
        assert len(page.lines) >= 3 or ends_article, (page.number, page.lines)
        assert not (len(page.lines) == 1 and page.lines[0] in ("Hoàng Thị Lụa", "Nông Văn Dũng")), page.number


def test_book_blank_pages_only_before_right_hand_openings(book_pages):
    kinds = _kinds(book_pages)
    blanks = [index for index, kind in enumerate(kinds) if kind == "blank"]
    assert blanks, "a book of short articles opening on right-hand pages needs some blank pages"
    for index in blanks:
        following = book_pages[index + 1]
        assert following.right_hand and kinds[index + 1] in ("opening", "section"), (book_pages[index].number, kinds)


def test_book_running_heads_only_on_running_text(book_pages):
    kinds = _kinds(book_pages)
    for page, kind in zip(book_pages, kinds, strict=True):
        if kind in ("opening", "section", "blank"):
            assert page.head == "", (page.number, kind, page.head)
        elif kind == "text":
            expected = "Sách thử" if not page.right_hand else None
            assert page.head, (page.number, "no running head")
            if expected:
                assert page.head == expected, (page.number, page.head)
            else:
                assert TITLE.match(page.head), (page.number, page.head)


def test_contents_continue_under_a_heading_with_numbers_on_the_last_line(book_pages):
    front = [page for page in book_pages if any("Mục lục" in line for line in [*page.lines, page.head])]
    assert len(front) >= 2, "twelve articles with subheadings take more than one A5 page of contents"
    assert front[1].head == "Mục lục (tiếp)"
    for page in front:
        for line in page.lines:
            # A line of contents either ends with its leader and number, or is a title that
            # goes on (never a leader and number alone on a line).
            assert not re.fullmatch(r"[.\s]*\d+", line), (page.number, line)


def test_book_openings_any_leaves_no_blank_page(book_any):
    pages = _pages(book_any, 20, 16)
    assert not [page.number for page in pages if page.blank]


def test_quotes_are_curly_for_vietnamese(book):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(book), "-"], check=True, capture_output=True).stdout.decode()
    assert "Chuyện ‘Mr Bean’ ở bản" in text
    assert squash("“Đây là mùa vàng thứ ba”") in squash(text)
    assert "‘mùa no’" in text and "l’Humanité" in text and "rock’n’roll" in text
    assert '"' not in text and "'" not in text


def test_typographic_quotes_by_language():
    assert typographic('"Hallo", sagte er\'s', quote_style("de")) == "„Hallo“, sagte er’s"
    assert typographic('Il dit "oui" à l\'homme', quote_style("fr")) == "Il dit «\u00a0oui\u00a0» à l’homme"
    assert typographic("'Mr Bean' (\"x\")", quote_style("vi")) == "‘Mr Bean’ (“x”)"
    assert typographic('"x"', quote_style("ja")) == '"x"'


def test_many_articles_start_on_page_two_at_the_latest(bulletin60):
    pages = _pages(bulletin60, 26, 20)
    first_title = "Bài số 1: Chuyện ở bản Khuổi Phầy"
    starts = [page.number for page in pages
              if any(line.startswith("Bài số 1:") and "..." not in line for line in page.lines)]
    assert starts and starts[0] <= 2, (first_title, starts)


def test_letter_spaced_masthead_reads_as_words(bulletin60):
    first = _pages(bulletin60, 26, 20)[0]
    assert "BẢN TIN · SỐ 9" in "\n".join(first.lines)


def test_manifest_stylesheet_is_applied_after_the_layout(bulletin60):
    first = _pages(bulletin60, 26, 20)[0]
    assert "Sáu mươi bài (bản của tôi)" in "\n".join(first.lines)


def test_one_article_prints_its_title_once(seed_build):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(seed_build["pdf"]), "-"],
                          check=True, capture_output=True).stdout.decode()
    assert squash(text).count(squash("Hai khâu đột phá trong xây dựng tổ chức đảng")) == 1


def test_a_layout_adds_typography_and_stylesheets_without_copying(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "layout.toml").write_text('extends = "bulletin"\n', encoding="utf-8")
    (folder / "_typography.css").write_text(".kicker { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    (folder / "extra.css").write_text(".article-title { letter-spacing: 0.01em; } /* {{ page.size }} */\n", encoding="utf-8")
    publication = load_publication(FIXTURES / "weekly")
    html = Renderer(publication, find_layout(str(folder))).render("print.html", fonts_css="", cover_href=None,
                                                                  toc_href=lambda a, h: "#")
    assert ".byline {" in html and ".subheading {" in html  # the built-in typography stays
    assert html.index(".subheading {") < html.index("rgb(1, 2, 3)") < html.index("letter-spacing: 0.01em; } /* A4 */")
    # The web page and the EPUB's stylesheet take the added stylesheet too, after their own.
    renderer = Renderer(publication, find_layout(str(folder)))
    web = renderer.render("web.html", fonts_css="", image_href=lambda figure: None, toc_href=lambda a, h: "#")
    epub_css = renderer.render("epub.css")
    for styles in (web, epub_css):
        assert styles.index("rgb(1, 2, 3)") < styles.index("letter-spacing: 0.01em; } /* A4 */")


def test_schema_keys_are_checked(tmp_path):
    folder = tmp_path / "pub"
    write_articles(folder, 1)
    (folder / "publication.toml").write_text('title = "T"\n[layout]\nopenings = "left"\n', encoding="utf-8")
    with pytest.raises(PublisherError, match="openings"):
        load_publication(folder)
    (folder / "publication.toml").write_text('title = "T"\n[layout]\nstylesheet = "../x.css"\n', encoding="utf-8")
    with pytest.raises(PublisherError, match="outside"):
        load_publication(folder)
    layout = tmp_path / "lay"
    layout.mkdir()
    (layout / "layout.toml").write_text('extends = "book"\n[page]\ntext_align = "center"\n', encoding="utf-8")
    with pytest.raises(PublisherError, match="text_align"):
        find_layout(str(layout))


def test_booklet_pages_are_half_the_sheet_at_full_size():
    publication = load_publication(FIXTURES / "weekly")
    assert Renderer(publication, find_layout("bulletin"), PrintOptions(impose="booklet")).page.size == "A5"
    assert Renderer(publication, find_layout("bulletin"), PrintOptions(impose="booklet", page_size="A4")).page.size == "A4"
    a5 = (419.528, 595.276)
    bleed, marks = 3 * MM, 9 * MM
    writer = pypdf.PdfWriter()
    for _ in range(6):
        page = writer.add_blank_page(width=a5[0] + 2 * (bleed + marks), height=a5[1] + 2 * (bleed + marks))
        page.trimbox = pypdf.generic.RectangleObject((bleed + marks, bleed + marks, bleed + marks + a5[0], bleed + marks + a5[1]))
        page.bleedbox = pypdf.generic.RectangleObject((marks, marks, 2 * bleed + marks + a5[0], 2 * bleed + marks + a5[1]))
        drawing = pypdf.generic.ContentStream(None, None)
        drawing.set_data(b"0 0 m 100 100 l S")
        page.replace_contents(drawing)
    source = io.BytesIO()
    writer.write(source)
    sheets = pypdf.PdfReader(io.BytesIO(impose_booklet(source.getvalue()))).pages
    assert len(sheets) == 4  # 6 pages and 2 blank ones, four to a sheet: two sheets, both sides
    a4 = (841.89, 595.276)
    trim = sheets[0].trimbox
    assert (float(trim.width), float(trim.height)) == pytest.approx(a4, abs=0.01)
    assert float(sheets[0].mediabox.width) == pytest.approx(a4[0] + 2 * (bleed + marks), abs=0.01)
    # 100%: each page's content is only moved (its trim box lands whole inside the sheet's)
    content = sheets[0].get_contents().get_data().decode("latin-1")
    matrices = re.findall(r"([-\d.]+) [-\d.]+ [-\d.]+ ([-\d.]+) [-\d.]+ [-\d.]+ cm", content)
    assert matrices and all(float(a) == float(d) == 1.0 for a, d in matrices), matrices
    unmarked = io.BytesIO()
    plain = pypdf.PdfWriter()
    for _ in range(4):
        plain.add_blank_page(width=a5[0], height=a5[1])
    plain.write(unmarked)
    sheet = pypdf.PdfReader(io.BytesIO(impose_booklet(unmarked.getvalue()))).pages[0]
    assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx(a4, abs=0.01)
