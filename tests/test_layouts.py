"""The three built-in layouts, a user layout, covers, figures and the nested contents."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pypdf
import pytest
from conftest import FIXTURES, epub_documents, epubcheck_problems, outputs_by_format, pdftotext, squash, zip_read

from publisher import BuildOptions, Reporter, build

WEEKLY = FIXTURES / "weekly"
TITLES = ["Hai khâu đột phá trong xây dựng tổ chức đảng", "Nông dân Hà Quảng mở rộng diện tích trồng thuốc lá",
          "Mùa vàng trên ruộng bậc thang Bắc Sơn", "Giáo dục vùng cao chuyển biến tích cực"]


@pytest.fixture(scope="module", params=["bulletin", "book", "article"])
def weekly(request, tmp_path_factory):
    warnings: list[str] = []
    out = tmp_path_factory.mktemp(request.param)
    results = build([WEEKLY], out, BuildOptions(layout=request.param), Reporter(warning=warnings.append))
    return request.param, outputs_by_format(results), warnings


def test_every_layout_passes_epubcheck(weekly):
    _, outputs, _ = weekly
    assert epubcheck_problems(outputs["epub"]) == []


def _pages(pdf) -> list[str]:
    return pdftotext(pdf).split("\f")


def _toc_numbers(pdf) -> dict[str, str]:
    entries = {}
    for page in _pages(pdf)[:4]:
        for line in page.splitlines():
            if match := re.match(r"^(.*?)\s*\.{3,}\s*(\S+)\s*$", line):
                entries[match.group(1).strip()] = match.group(2)
    return entries


def _printed_page_number(page_text: str) -> str | None:
    lines = [line.strip() for line in page_text.splitlines() if line.strip()]
    for line in reversed(lines):
        if m := re.fullmatch(r"(?:Trang )?(\d+|[ivxlc]+)(?: / \d+)?", line):
            return m.group(1)
    return None


def test_printed_contents_numbers_match_the_printed_page_of_each_title(weekly):
    layout, outputs, _ = weekly
    pdf = outputs["pdf"]
    toc = _toc_numbers(pdf)
    pages = _pages(pdf)
    for title in [*TITLES, "Những việc cần làm tiếp", "Chú trọng kỹ thuật sấy"]:
        assert title in toc, f"{layout}: {title} not in the printed contents"
        # The cover names the lead stories too: the title's page is where the article is.
        holders = [i for i, text in enumerate(pages)
                   if squash(title) in squash(_without_toc_lines(text)) and "TRONG SỐ NÀY" not in text]
        assert holders, title
        assert _printed_page_number(pages[holders[0]]) == toc[title], f"{layout}: {title}"


def _without_toc_lines(page_text: str) -> str:
    return "\n".join(line for line in page_text.splitlines() if not re.search(r"\.{3,}\s*\S+\s*$", line))


def _toc_numbers_on(page_text: str) -> bool:
    return len(re.findall(r"\.{3,}\s*\S+\s*$", page_text, re.M)) >= 3


def test_outline_nests_section_article_subheading(weekly):
    layout, outputs, _ = weekly
    outline = pypdf.PdfReader(str(outputs["pdf"])).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Xây dựng Đảng", "Kinh tế - Xã hội"], layout
    economy_articles = [item.title for item in outline[3] if not isinstance(item, list)]
    assert economy_articles == TITLES[1:]


def test_epub_and_html_contents_nest_section_article_subheading(weekly):
    _, outputs, _ = weekly
    nav = dict(epub_documents(outputs["epub"]))["nav.xhtml"]
    sections = nav.findall(".//{*}nav[@id='toc']/{*}ol/{*}li")
    assert [squash("".join(s.find("{*}a").itertext())) for s in sections] == ["XâydựngĐảng", "Kinhtế-Xãhội"]
    economy = sections[1].findall("{*}ol/{*}li")
    assert len(economy) == 3 and len(economy[2].findall("{*}ol/{*}li")) == 4
    html = outputs["html"].read_text(encoding="utf-8")
    assert html.index('class="toc-section"') < html.index("Kiên cố hóa trường lớp") < html.index('class="section"')


def test_bulletin_sets_two_columns_and_book_opens_articles_on_right_pages(weekly):
    layout, outputs, _ = weekly
    pdf = outputs["pdf"]
    reader = pypdf.PdfReader(str(pdf))
    width = float(reader.pages[0].trimbox.width)
    if layout == "bulletin":
        bbox = subprocess.run(["pdftotext", "-f", "3", "-l", "3", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        starts = [float(x) for x in re.findall(r'<block xMin="([\d.]+)"', bbox)]
        assert any(x < width * 0.3 for x in starts) and any(x > width * 0.5 for x in starts), "no second column"
        assert round(width) == 595
    if layout == "book":
        assert round(width) == 420  # A5
        pages = _pages(pdf)
        for title in TITLES:
            index = next(i for i, text in enumerate(pages) if squash(title) in squash(text) and not _toc_numbers_on(text)
                         and i > 3)
            assert index % 2 == 0, f"{title} starts on a left-hand page"
            assert int(_printed_page_number(pages[index])) % 2 == 1
        assert _printed_page_number(pages[1]) == "ii" and _printed_page_number(pages[2]) == "iii"
        # running head of a right-hand page is the article's title
        first_article = next(i for i, text in enumerate(pages) if squash(TITLES[0]) in squash(text) and i > 3)
        following_right = first_article + 2
        assert pages[following_right].strip().startswith(TITLES[0][:20])


def test_cover_is_the_first_pdf_page_and_a_raster_epub_cover(weekly):
    _, outputs, _ = weekly
    first = _pages(outputs["pdf"])[0]  # the manifest asks for a generated cover: every layout prints it
    assert "Bản tin Lạng Sơn" in first and "Ban Tuyên giáo Tỉnh ủy Lạng Sơn" in first and "Trang" not in first
    assert "MỤC LỤC" not in first.upper()
    epub = outputs["epub"]
    opf = zip_read(epub, "EPUB/content.opf").decode()
    assert re.search(r'href="images/cover.png" id="cover-image" media-type="image/png" properties="cover-image"', opf)
    assert zip_read(epub, "EPUB/images/cover.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_figures_with_local_images_and_a_missing_one(weekly):
    _layout, outputs, warnings = weekly
    assert any("khong-co-anh-nay.jpg" in w and "04-mua-vang.md" in w for w in warnings)
    epub = outputs["epub"]
    assert "EPUB/images/image-001.png" in zipfile.ZipFile(epub).namelist()
    chapter = zip_read(epub, "EPUB/article-003.xhtml").decode()
    assert '<img src="images/image-001.png" alt="" />' in chapter  # the caption below speaks for it
    assert "Ảnh vệ tinh khu vực thung lũng" in chapter  # the caption of the missing image stays
    html = outputs["html"].read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html and "Ảnh vệ tinh khu vực thung lũng" in html
    reader = pypdf.PdfReader(str(outputs["pdf"]))
    images = [name for page in reader.pages for name in page.images.keys() if page.get("/Resources")]  # noqa: SIM118 - pypdf's images, a list by name
    assert images, "the PDF shows no image"
    assert "Ảnh vệ tinh khu vực thung lũng" in pdftotext(outputs["pdf"])


def test_manifest_cover_image_is_used_instead(tmp_path):
    import shutil

    from PIL import Image

    folder = tmp_path / "weekly"
    shutil.copytree(WEEKLY, folder)
    Image.new("RGB", (600, 900), (30, 60, 90)).save(folder / "bia.jpg", quality=80)
    manifest = folder / "publication.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('cover = "generated"', 'cover = "bia.jpg"'), encoding="utf-8")
    outputs = outputs_by_format(build([folder], tmp_path / "out", BuildOptions(formats=("pdf", "epub"))))
    assert zip_read(outputs["epub"], "EPUB/images/cover.jpg") == (folder / "bia.jpg").read_bytes()
    first_page = pypdf.PdfReader(str(outputs["pdf"])).pages[0]
    assert len(first_page.images) >= 1
    assert pdftotext(outputs["pdf"], 1, 1).strip() == ""


def test_user_layout_in_the_publication_folder_extends_a_builtin(tmp_path):
    import shutil

    folder = tmp_path / "weekly"
    shutil.copytree(WEEKLY, folder)
    mine = folder / "layouts" / "toa-soan"
    mine.mkdir(parents=True)
    (mine / "layout.toml").write_text('name = "toa-soan"\nextends = "bulletin"\ndescription = "Của tòa soạn"\n', encoding="utf-8")
    (mine / "print.html").write_text(
        '{% extends "bulletin/print.html" %}\n{% block masthead %}<p class="masthead-title">TÒA SOẠN RIÊNG</p>{% endblock %}\n',
        encoding="utf-8")
    outputs = outputs_by_format(build([folder], tmp_path / "out", BuildOptions(formats=("pdf",), layout="toa-soan")))
    text = pdftotext(outputs["pdf"])
    assert "TÒA SOẠN RIÊNG" in text and "MỤC LỤC" in text.upper() and TITLES[0] in text
    listed = subprocess.run([sys.executable, "-m", "publisher", "layouts", str(folder)], capture_output=True, text=True,
                            env={"PYTHONPATH": str(FIXTURES.parent.parent), "PATH": "/usr/bin:/bin"})
    assert "toa-soan" in listed.stdout and "Của tòa soạn" in listed.stdout
    for name in ("bulletin", "book", "article"):
        assert name in listed.stdout
