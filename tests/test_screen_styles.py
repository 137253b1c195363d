"""What a reader sees on a screen, measured in Chromium: each layout's web page has its own
look (the book and the article in a column of 60 to 75 characters), and an EPUB's portrait
photo fits a phone's screen with its caption."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, FIXTURES, outputs_by_format
from PIL import Image

from publisher import BuildOptions, build

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/install-system-deps.sh installs it)")

# Characters on each full line of the body's paragraphs (the last line of each left out).
CHARACTERS_PER_LINE = """() => {
  const counts = [];
  for (const p of document.querySelectorAll('.article-body > p:not(.lead):not(.byline)')) {
    const text = p.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const lines = new Map();
    const range = document.createRange();
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i); range.setEnd(text, i + 1);
      const box = range.getClientRects()[0];
      if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
    }
    counts.push(...[...lines.values()].slice(0, -1));
  }
  counts.sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)];
}"""


@pytest.fixture(scope="module")
def web_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("web")
    return {layout: outputs_by_format(build([FIXTURES / "weekly"], root / layout, BuildOptions(formats=("html",), layout=layout)))["html"]
            for layout in ("bulletin", "book", "article")}


def test_each_layout_has_its_own_web_page(web_pages: dict[str, Path]) -> None:
    pages = {layout: path.read_bytes() for layout, path in web_pages.items()}
    assert len(set(pages.values())) == 3
    assert b'class="title-page"' in pages["book"] and b'class="masthead"' not in pages["book"]
    assert b'class="masthead"' not in pages["article"] and b'class="masthead"' in pages["bulletin"]


@pytest.mark.parametrize(("layout", "low", "high"), [("book", 60, 70), ("article", 60, 75)])
def test_reading_column_measure(browser: Any, web_pages: dict[str, Path], layout: str, low: int, high: int) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(web_pages[layout].as_uri())
        assert low <= page.evaluate(CHARACTERS_PER_LINE) <= high
    finally:
        page.close()


def test_a_portrait_photo_fits_the_epub_screen(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "bai"
    folder.mkdir()
    Image.new("RGB", (600, 1800), (90, 140, 80)).save(folder / "doc.png")
    (folder / "bai.md").write_text(
        "---\ntitle: Tháp nước cũ\nlanguage: vi\n---\n\nĐoạn văn mở đầu bài viết về tháp nước.\n\n"
        "![Tháp nước Hàng Đậu nhìn từ phố Phan Đình Phùng](doc.png)\n\nĐoạn văn cuối bài.\n", encoding="utf-8")
    epub = outputs_by_format(build([folder / "bai.md"], tmp_path / "out", BuildOptions(formats=("epub",))))["epub"]
    unpacked = tmp_path / "epub"
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(unpacked)
    page = browser.new_page(viewport={"width": 360, "height": 640})
    try:
        page.goto((unpacked / "EPUB" / "article-001.xhtml").as_uri())
        picture = page.evaluate("(() => { const r = document.querySelector('figure img').getBoundingClientRect();"
                                " return [r.width, r.height, document.querySelector('figure img').naturalHeight]; })()")
        caption = page.evaluate("document.querySelector('figcaption').getBoundingClientRect().height")
    finally:
        page.close()
    width, height, natural_height = picture
    assert natural_height == 1800  # the picture loaded
    assert width <= 360 and height + caption <= 640
