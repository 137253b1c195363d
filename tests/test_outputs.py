"""What a reader gets: text read back from the PDF (poppler and pypdf) and the EPUB,
fonts actually embedded, EPUBCheck's verdict, page numbers actually right."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from conftest import (
    epub_documents,
    epub_text,
    epubcheck_problems,
    pdf_pages_text,
    pdftotext,
    squash,
    without_page_furniture,
    zip_names,
    zip_read,
)
from fontTools.ttLib import TTFont

from publisher import Figure, Heading, Paragraph
from publisher.resources import shipped_fonts_dir

CHROME = ("Bình chọn", "Xem phản hồi", "Tin mới cập nhật", "Tin khác", "Quảng cáo", "LA MAI",
          "Gia đình hạnh phúc - nền tảng", "BÌA DƯƠNG LỊCH", "BIEN GIOI BIEN DAO", "Tin tiêu điểm")


def _expected_texts(article) -> list[str]:
    texts = [article.lead]
    for block in article.body:
        if isinstance(block, (Paragraph, Heading)):
            texts.append(block.text)
        elif isinstance(block, Figure):
            texts.append(block.caption)
    return texts


@pytest.mark.parametrize("reader", ["pdftotext", "pypdf", "epub"])
def test_every_part_of_the_seed_reads_back_in_order(seed_build, seed_article, reader):
    if reader == "epub":
        text = epub_text(seed_build["epub"])
    else:
        running_head = (seed_article.title, "Thứ Hai, 21/11/2016")
        text = without_page_furniture(pdf_pages_text(seed_build["pdf"], reader), running_head)
    assert unicodedata.is_normalized("NFC", text)
    flat = squash(text)
    position = 0
    for expected in _expected_texts(seed_article):
        found = flat.find(squash(expected), position)
        assert found >= 0, f"{reader} lost: {expected[:60]}"
        position = found
    for chrome in CHROME:
        assert squash(chrome) not in flat, f"{reader} shows site chrome: {chrome}"


def test_html_holds_every_part_and_reads_on_a_phone(seed_build, seed_article):
    from lxml import html as lxml_html

    raw = seed_build["html"].read_text(encoding="utf-8")
    tree = lxml_html.fromstring(raw)
    assert tree.get("lang") == "vi"
    assert tree.xpath('//meta[@name="viewport"]')
    body_text = squash(tree.find("body").text_content())
    for expected in _expected_texts(seed_article):
        assert squash(expected) in body_text
    assert "src=\"http" not in raw and "href=\"http" not in raw, "the page must stand alone"
    assert raw.count("@font-face") == 6 and "data:font/woff2;base64," in raw


def _embedded_fonts(pdf_path: Path) -> dict[str, tuple[str, TTFont, int]]:
    reader = pypdf.PdfReader(str(pdf_path))
    fonts = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            base = str(font["/BaseFont"])
            descendant = font["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            fonts[base] = (str(font["/Encoding"]), TTFont(io.BytesIO(program)), len(program))
    return fonts


def _shipped_full_names() -> set[str]:
    return {TTFont(path)["name"].getDebugName(4) for path in shipped_fonts_dir().glob("*.ttf")}


@pytest.mark.parametrize("which", ["seed", "folder"])
def test_pdf_embeds_only_shipped_fonts_subset_with_identity_cmap(seed_build, folder_build, which):
    pdf = (seed_build if which == "seed" else folder_build)["pdf"]
    fonts = _embedded_fonts(pdf)
    assert fonts, "no fonts embedded"
    shipped = _shipped_full_names()
    for base_name, (encoding, program, size) in fonts.items():
        assert re.match(r"^/?[A-Z]{6}\+", base_name), f"{base_name} is not subset"
        assert encoding == "/Identity-H", f"{base_name} uses {encoding}: a glyph fell back"
        assert program["name"].getDebugName(4) in shipped, base_name
        assert size < 150_000, f"{base_name} is not subset ({size} bytes)"


def _glyph_ids_drawn(pdf_path: Path) -> list[int]:
    """Every glyph id in the content streams' text strings (WeasyPrint draws 2-byte ids)."""
    ids = []
    for page in pypdf.PdfReader(str(pdf_path)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        for array in re.findall(r"\[(.*?)\]\s*TJ", content, re.S):
            for hex_string in re.findall(r"<([0-9a-fA-F]+)>", array):
                ids += [int(hex_string[i : i + 4], 16) for i in range(0, len(hex_string), 4)]
    return ids


def test_no_glyph_draws_notdef(seed_build, folder_build):
    for pdf in (seed_build["pdf"], folder_build["pdf"]):
        ids = _glyph_ids_drawn(pdf)
        assert len(ids) > 1000
        assert 0 not in ids, f"{pdf.name} draws .notdef"


def test_pdf_metadata_outline_and_language(seed_build):
    reader = pypdf.PdfReader(str(seed_build["pdf"]))
    info = reader.metadata
    assert info.title == "Hai khâu đột phá trong xây dựng tổ chức đảng"
    assert info.author == "Phùng Khiêm"
    assert info["/CreationDate"].startswith("D:20161121")
    assert info["/ModDate"].startswith("D:20161121")
    assert reader.trailer["/Root"]["/Lang"] == "vi"
    outline = reader.outline
    assert outline[0].title == "Hai khâu đột phá trong xây dựng tổ chức đảng"
    assert [item.title for item in outline[1]] == ["Đẩy mạnh giáo dục chính trị, tư tưởng", "Nâng cao chất lượng sinh hoạt"]


def test_folder_outline_has_one_bookmark_per_article_with_its_subheadings(folder_build):
    outline = pypdf.PdfReader(str(folder_build["pdf"])).outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [item.title for item in top] == [
        "Hai khâu đột phá trong xây dựng tổ chức đảng",
        "Nông dân Hà Quảng mở rộng diện tích trồng thuốc lá",
        "Giáo dục vùng cao chuyển biến tích cực",
    ]
    children = [item for item in outline if isinstance(item, list)]
    assert [len(group) for group in children] == [2, 2, 4]


def _printed_toc(pdf: Path) -> dict[str, int]:
    """Entries of the printed contents on page 1: 'Title ........ N'."""
    entries = {}
    for line in pdftotext(pdf, 1, 1).splitlines():
        match = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            entries[match.group(1).strip()] = int(match.group(2))
    return entries


def _page_of(pdf: Path, needle: str, after_page: int = 1, skip_toc: bool = True) -> int:
    pages = pypdf.PdfReader(str(pdf)).pages
    for number in range(1, len(pages) + 1):
        text = pdftotext(pdf, number, number)
        if skip_toc and number == 1:
            text = text.split("\n", 1)[1]
            # drop the contents box: everything up to its last dotted line
            lines = text.splitlines()
            last_toc = max((i for i, line in enumerate(lines) if re.search(r"\.{3,}\s*\d+\s*$", line)), default=-1)
            text = "\n".join(lines[last_toc + 1 :])
        if squash(needle) in squash(text):
            return number
    raise AssertionError(f"{needle!r} is on no page")


def test_printed_toc_numbers_are_the_pages_of_the_titles(folder_build):
    pdf = folder_build["pdf"]
    toc = _printed_toc(pdf)
    titles = ["Hai khâu đột phá trong xây dựng tổ chức đảng",
              "Nông dân Hà Quảng mở rộng diện tích trồng thuốc lá",
              "Giáo dục vùng cao chuyển biến tích cực"]
    for title in titles:
        assert title in toc, f"{title} missing from the printed contents: {toc}"
        assert toc[title] == _page_of(pdf, title), title
    assert len({toc[t] for t in titles}) > 1, "the fixture should spread articles over pages"
    assert toc["Những việc cần làm tiếp"] == _page_of(pdf, "Những việc cần làm tiếp")


def test_running_head_and_page_numbers(folder_build):
    pdf = folder_build["pdf"]
    total = len(pypdf.PdfReader(str(pdf)).pages)
    assert total >= 3
    for number in range(1, total + 1):
        text = pdftotext(pdf, number, number)
        assert f"Trang {number} / {total}" in text
        if number > 1:
            assert text.lstrip().startswith("Seeds") or "Folder3" in text.splitlines()[0]


@pytest.mark.parametrize("which", ["seed", "folder"])
def test_epubcheck_finds_no_errors_and_no_warnings(seed_build, folder_build, which):
    epub = (seed_build if which == "seed" else folder_build)["epub"]
    assert epubcheck_problems(epub) == []


def test_epub_structure(folder_build):
    epub = folder_build["epub"]
    names = zip_names(epub)
    assert names[0] == "mimetype"
    opf = zip_read(epub, "EPUB/content.opf").decode("utf-8")
    assert re.search(r'<dc:identifier id="id">urn:uuid:[0-9a-f-]{36}</dc:identifier>', opf)
    assert '<meta property="dcterms:modified">2016-12-10T01:30:00Z</meta>' in opf
    assert "<dc:language>vi</dc:language>" in opf
    for font in ("NotoSerif-Regular", "NotoSans-Bold"):
        assert f'href="fonts/{font}.ttf" id="font-' in opf and 'media-type="font/ttf"' in opf
    ncx = zip_read(epub, "EPUB/toc.ncx").decode("utf-8")
    assert 'id=""' not in ncx and ncx.count("<navPoint") == 3 + 8
    documents = dict(epub_documents(epub))
    assert list(documents)[:2] == ["cover.xhtml", "nav.xhtml"]
    nav = documents["nav.xhtml"]
    toc_items = nav.findall(".//{*}nav[@id='toc']/{*}ol/{*}li")
    assert len(toc_items) == 3
    assert len(toc_items[2].findall("{*}ol/{*}li")) == 4
    for href, root in documents.items():
        assert root.get("lang") == "vi", href
        assert root.find("{*}head/{*}link[@rel='stylesheet']") is not None, href


def test_builds_are_byte_identical(tmp_path, folder_build):
    from conftest import FOLDER3, outputs_by_format

    from publisher import BuildOptions, build

    again = outputs_by_format(build([FOLDER3], tmp_path, BuildOptions()))
    for fmt in ("epub", "html", "pdf"):
        assert again[fmt].read_bytes() == folder_build[fmt].read_bytes(), fmt


def test_source_date_epoch_sets_modified(tmp_path, monkeypatch):
    from conftest import SEED, outputs_by_format

    from publisher import BuildOptions, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    epub = outputs_by_format(build([SEED], tmp_path, BuildOptions(formats=("epub",))))["epub"]
    assert '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' in zip_read(epub, "EPUB/content.opf").decode()
