"""Accessible by default: EPUB metadata, lang everywhere, alt text, a page-list tied to
the print edition when a PDF is built too."""

from __future__ import annotations

import re

import pypdf
import pytest
from conftest import FIXTURES, epub_documents, epubcheck_problems, outputs_by_format, pdftotext, squash, zip_read

from publisher import BuildOptions, build

WEEKLY = FIXTURES / "weekly"


@pytest.fixture(scope="module")
def weekly_book(tmp_path_factory):
    return outputs_by_format(build([WEEKLY], tmp_path_factory.mktemp("a11y"), BuildOptions(layout="book")))


def test_schema_org_accessibility_metadata(weekly_book):
    opf = zip_read(weekly_book["epub"], "EPUB/content.opf").decode("utf-8")
    for prop, value in [("schema:accessMode", "textual"), ("schema:accessMode", "visual"),
                        ("schema:accessModeSufficient", "textual"), ("schema:accessibilityFeature", "alternativeText"),
                        ("schema:accessibilityFeature", "printPageNumbers"), ("schema:accessibilityFeature", "tableOfContents"),
                        ("schema:accessibilityHazard", "none")]:
        assert f'<meta property="{prop}">{value}</meta>' in opf
    assert re.search(r'<meta property="schema:accessibilitySummary">[^<]{40,}</meta>', opf)
    assert '<meta property="pageBreakSource">' in opf


def test_every_document_has_lang_and_every_image_alt(weekly_book):
    for href, root in epub_documents(weekly_book["epub"]):
        assert root.get("lang") == "vi" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi", href
        for image in root.iter("{*}img"):
            assert image.get("alt") or image.get("role") == "presentation", href


def test_page_list_points_at_the_print_pages(weekly_book):
    documents = dict(epub_documents(weekly_book["epub"]))
    nav = documents["nav.xhtml"]
    links = [(a.text, a.get("href")) for a in nav.findall(".//{*}nav[@id='page-list']//{*}a")]
    pdf_pages = pypdf.PdfReader(str(weekly_book["pdf"])).pages
    assert len(links) == len(pdf_pages)
    assert [label for label, _ in links[:4]] == ["i", "ii", "iii", "iv"]
    ids = {(href, element.get("id")) for href, root in documents.items() for element in root.iter() if element.get("id")}
    for label, href in links:
        file_name, anchor = href.split("#")
        assert (file_name, anchor) in ids, href
    # the marker of the page where an article title is printed sits in that article's document
    text = pdftotext(weekly_book["pdf"]).split("\f")
    index = next(i for i, page in enumerate(text) if i > 3 and squash("Mùa vàng trên ruộng bậc thang") in squash(page))
    label, href = links[index]
    assert href.startswith("article-003.xhtml#page-")
    chapter = documents["article-003.xhtml"]
    marker = next(e for e in chapter.iter() if e.get("id") == f"page-{label}")
    assert marker.get("{http://www.idpf.org/2007/ops}type") == "pagebreak" and marker.get("aria-label") == label


def test_no_page_list_without_a_print_edition(tmp_path):
    epub = outputs_by_format(build([WEEKLY], tmp_path, BuildOptions(formats=("epub",))))["epub"]
    nav = zip_read(epub, "EPUB/nav.xhtml").decode("utf-8")
    assert "page-list" not in nav and "pagebreak" not in zip_read(epub, "EPUB/article-001.xhtml").decode("utf-8")
    assert epubcheck_problems(epub) == []
