"""The benchmark's browser copies (benchmarks/browser_copies.py) of a small page written
here: each shape looks like what its browser gives a user."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load_browser_copies():
    # Loaded by path: putting benchmarks/ on sys.path would let its corpus.py and run.py
    # shadow other modules.
    spec = importlib.util.spec_from_file_location("browser_copies", BENCHMARKS / "browser_copies.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


browser_copies = _load_browser_copies()

pytestmark = pytest.mark.skipif(
    browser_copies.chromium_path() is None,
    reason="Chromium is not installed (scripts/install-system-deps.sh installs Debian's chromium)",
)

TITLE = "Cầu mới nối hai bờ sông Kỳ Cùng"
PAGE_TITLE = f"{TITLE} - Báo Mẫu"
LONG_PARAGRAPH = (
    "Sáng nay, Ủy ban nhân dân tỉnh đã khánh thành cây cầu mới bắc qua sông Kỳ Cùng, nối liền "
    "hai phường đông dân nhất của thành phố, rút ngắn quãng đường đi lại của hàng nghìn người "
    "dân mỗi ngày từ gần năm cây số xuống còn chưa đầy một cây số, đồng thời mở ra một trục giao "
    "thông mới cho xe tải chở hàng từ cửa khẩu về trung tâm mà không phải đi qua khu phố cổ."
)
PARAGRAPHS = [
    LONG_PARAGRAPH,
    "Công trình có tổng chiều dài hơn ba trăm mét, mặt cầu rộng hai mươi mốt mét với bốn làn xe "
    "cơ giới và hai làn đường dành cho người đi bộ, được xây dựng trong gần hai năm bằng nguồn vốn "
    "ngân sách của tỉnh và vốn hỗ trợ có mục tiêu từ trung ương.",
    "Theo ban quản lý dự án, cây cầu được thiết kế để chịu được trận lũ lớn nhất trong một trăm "
    "năm qua, và hệ thống chiếu sáng trên cầu dùng đèn tiết kiệm điện được điều khiển tự động theo "
    "giờ, giúp giảm gần một nửa chi phí điện năng so với các cây cầu cũ trong thành phố.",
]
PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{PAGE_TITLE}</title>
<link rel="canonical" href="https://baomau.example/thoi-su/cau-moi-noi-hai-bo-123.html">
<script>document.title = "SCRIPT RAN"; document.write("<p>SCRIPT RAN</p>");</script>
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li></ul></nav>
<noscript><p>NOSCRIPT SHOWN</p></noscript>
<article>
<h1>{TITLE}</h1>
<div class="byline">Nguyễn Văn An</div>
{"".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)}
</article>
<img src="https://tracker.example/pixel.gif" alt="">
<footer><p>© Báo Mẫu</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    pages = tmp_path_factory.mktemp("pages")
    first = pages / "cau-moi.html"
    first.write_text(PAGE, encoding="utf-8")
    # The same page again under another name: a copy must not depend on what came before.
    second = pages / "cau-moi-lan-hai.html"
    shutil.copyfile(first, second)
    made = browser_copies.make_copies([first, second], tmp_path_factory.mktemp("copies"))
    return {(copy.name, copy.shape): copy for copy in made}


def _text(copies, shape: str, name: str = "cau-moi") -> str:
    copy = copies[(name, shape)]
    assert copy.path.suffix == ".txt" and copy.source.name == f"{name}.html"
    return copy.path.read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_every_shape_of_every_page_is_written_the_same_way(copies):
    assert sorted(copies) == sorted((name, shape) for name in ("cau-moi", "cau-moi-lan-hai") for shape in browser_copies.SHAPES)
    for shape in browser_copies.SHAPES:
        assert _text(copies, shape).encode() == _text(copies, shape, "cau-moi-lan-hai").encode(), shape


@pytest.mark.parametrize("shape", ["chromium-select-all", "inner-text"])
def test_whole_page_copies_have_the_page_without_a_title_line_or_scripts(copies, shape):
    lines = _lines(_text(copies, shape))
    assert PAGE_TITLE not in lines and lines[0] != TITLE
    assert lines[:2] == ["Trang chủ", "Thời sự"]  # the menu comes first, as on screen
    for paragraph in PARAGRAPHS:
        assert paragraph in lines
    assert "© Báo Mẫu" in lines
    text = "\n".join(lines)
    assert "SCRIPT RAN" not in text and "NOSCRIPT SHOWN" not in text


def test_save_as_text_wraps_long_paragraphs(copies):
    text = _text(copies, "save-as-text")
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    start = next(index for index, line in enumerate(lines) if line.startswith("Sáng nay,"))
    end = next(index for index in range(start, len(lines)) if not lines[index].strip())
    assert end - start >= 4
    assert " ".join(line.strip() for line in lines[start:end]) == LONG_PARAGRAPH
    assert "Trang chủ" in text and "SCRIPT RAN" not in text


def test_reader_mode_starts_with_the_title_and_keeps_only_the_article(copies):
    lines = _lines(_text(copies, "reader-mode"))
    assert lines[0] == TITLE
    assert "baomau.example" in lines[1:4]
    for paragraph in PARAGRAPHS:
        assert paragraph in lines
    assert "Trang chủ" not in lines and "© Báo Mẫu" not in lines
