"""Accessible by default: EPUB metadata, lang everywhere, alt text, a page-list tied to
the print edition when a PDF is built too."""

from __future__ import annotations

import re
import shutil

import pypdf
import pytest
from conftest import FIXTURES, epub_documents, epubcheck_problems, outputs_by_format, pdftotext, squash, zip_read
from lxml import etree

from publisher import BuildOptions, build
from publisher.writers.epub import CONFORMANCE

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
    figures = 0
    for href, root in epub_documents(weekly_book["epub"]):
        assert root.get("lang") == "vi" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi", href
        for image in root.iter("{*}img"):
            assert image.get("alt") is not None, href
        for figure in root.iter("{*}figure"):
            image, caption = figure.find("{*}img"), figure.find("{*}figcaption")
            if image is not None:
                figures += 1
                # The caption is read once: the picture's alt text is empty beside it.
                assert image.get("alt") == "" and caption is not None and caption.text, href
    assert figures == 1


def test_the_package_declares_its_language_and_the_roles_of_its_parts(weekly_book):
    opf = etree.fromstring(zip_read(weekly_book["epub"], "EPUB/content.opf"))
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    documents = dict(epub_documents(weekly_book["epub"]))
    nav = documents["nav.xhtml"]
    assert nav.find(".//{*}nav[@id='toc']").get("role") == "doc-toc"
    assert nav.find(".//{*}nav[@id='page-list']").get("role") == "doc-pagelist"
    parts = [root.find(".//{*}section") for href, root in documents.items() if href.startswith("section-")]
    assert len(parts) == 2 and all(part.get("role") == "doc-part" for part in parts)


def test_conformance_claimed_only_where_the_checks_back_it(weekly_book, tmp_path):
    opf = zip_read(weekly_book["epub"], "EPUB/content.opf").decode("utf-8")
    assert f'<meta property="dcterms:conformsTo">{CONFORMANCE}</meta>' in opf
    assert "a11y:certifiedBy" not in opf  # self-declared: nobody else evaluated it
    # A layout of the user's own (here one that only extends the bulletin) is not checked.
    layout = tmp_path / "mine"
    layout.mkdir()
    (layout / "layout.toml").write_text('name = "mine"\nextends = "bulletin"\n', encoding="utf-8")
    epub = outputs_by_format(build([WEEKLY], tmp_path / "out", BuildOptions(formats=("epub",), layout=str(layout))))["epub"]
    assert "dcterms:conformsTo" not in zip_read(epub, "EPUB/content.opf").decode("utf-8")
    # A picture with neither a caption nor alt text has no text alternative.
    article = tmp_path / "bare" / "anh.md"
    article.parent.mkdir()
    shutil.copy(WEEKLY / "articles" / "images" / "ruong-bac-thang.png", article.parent / "anh.png")
    article.write_text("---\ntitle: Một bức ảnh\nlanguage: vi\n---\n\nĐoạn văn mở đầu bài viết.\n\n![](anh.png)\n\nĐoạn văn cuối.\n",
                       encoding="utf-8")
    epub = outputs_by_format(build([article], tmp_path / "out-bare", BuildOptions(formats=("epub",))))["epub"]
    opf = zip_read(epub, "EPUB/content.opf").decode("utf-8")
    assert "dcterms:conformsTo" not in opf and "alternativeText" not in opf
    assert epubcheck_problems(epub) == []


def test_page_list_points_at_the_print_pages(weekly_book):
    documents = dict(epub_documents(weekly_book["epub"]))
    nav = documents["nav.xhtml"]
    links = [(a.text, a.get("href")) for a in nav.findall(".//{*}nav[@id='page-list']//{*}a")]
    pdf_pages = pypdf.PdfReader(str(weekly_book["pdf"])).pages
    assert len(links) == len(pdf_pages)
    assert [label for label, _ in links[:4]] == ["i", "ii", "iii", "iv"]
    ids = {(href, element.get("id")) for href, root in documents.items() for element in root.iter() if element.get("id")}
    for _label, href in links:
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


PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Hà Nội mở thêm 20 tuyến buýt điện - Báo Mẫu</title>
<meta property="og:title" content="Hà Nội mở thêm 20 tuyến buýt điện"></head><body>
<h1 class="title">Hà Nội mở thêm 20 tuyến buýt điện</h1>
<div class="date">Thứ Hai, 06/03/2023 - 08:15</div>
<div class="sapo">(BM) - Từ tháng sau, người dân Thủ đô có thêm 20 tuyến buýt điện chạy khắp các quận nội thành và ngoại thành.</div>
<div class="content">
<p>Sở Giao thông vận tải Hà Nội cho biết các tuyến mới sẽ thay thế dần xe buýt chạy dầu trên những tuyến đông khách nhất của thành phố.</p>
<figure><img src="img/a.png" alt="Hai xe buýt điện màu xanh đỗ cạnh nhau dưới mái che"><figcaption>Xe buýt điện tại bến Long Biên. Ảnh: Minh Anh</figcaption></figure>
<p>Theo kế hoạch, giá vé lượt vẫn là 7.000 đồng, người cao tuổi và học sinh tiếp tục được miễn hoặc giảm giá vé tháng như hiện nay.</p>
<figure><img src="img/b.png" alt="Trạm sạc tại depot Gia Lâm"><figcaption>Trạm sạc tại depot Gia Lâm.</figcaption></figure>
<p>Thành phố đặt mục tiêu đến năm 2030 toàn bộ xe buýt sử dụng năng lượng xanh, giảm khí thải và tiếng ồn ở khu vực đô thị trung tâm.</p>
<figure><img src="img/c.png" alt="Hà Nội mở thêm 20 tuyến buýt điện"><figcaption>Hành khách lên xe ở Cầu Giấy.</figcaption></figure>
<p>Các tuyến mới được khai thác theo hình thức đặt hàng, doanh nghiệp vận tải nhận trợ giá của thành phố theo từng chuyến xe chạy.</p>
</div></body></html>
"""


def test_alt_text_is_the_pages_own_description_never_the_caption(tmp_path):
    (tmp_path / "img").mkdir()
    for name in "abc":
        shutil.copy(WEEKLY / "articles" / "images" / "ruong-bac-thang.png", tmp_path / "img" / f"{name}.png")
    (tmp_path / "buyt.html").write_text(PAGE, encoding="utf-8")
    outputs = outputs_by_format(build([tmp_path / "buyt.html"], tmp_path / "out", BuildOptions(formats=("epub", "html"))))
    chapter = etree.fromstring(zip_read(outputs["epub"], "EPUB/article-001.xhtml"))
    page = etree.HTML(outputs["html"].read_bytes())
    for root in (chapter, page):
        figures = [(figure.find("{*}img").get("alt"), figure.find("{*}figcaption").text) for figure in root.iter("{*}figure")]
        # Its own description kept; a copy of the caption or of the headline left empty.
        assert figures == [("Hai xe buýt điện màu xanh đỗ cạnh nhau dưới mái che", "Xe buýt điện tại bến Long Biên. Ảnh: Minh Anh"),
                           ("", "Trạm sạc tại depot Gia Lâm."), ("", "Hành khách lên xe ở Cầu Giấy.")]
