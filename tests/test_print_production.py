"""Print production: PDF/UA and PDF/A, bleed and crop marks, page size, mirrored margins,
booklet imposition."""

from __future__ import annotations

import re
import subprocess

import pypdf
import pytest
from conftest import FIXTURES, SEED, outputs_by_format, pdftotext

from publisher import BuildOptions, build
from publisher.render.options import PrintOptions
from publisher.writers.impose import booklet_order

WEEKLY = FIXTURES / "weekly"
A4 = (595.2756, 841.8898)
MM = 72 / 25.4


def _pdf(tmp_path, source=SEED, **print_options):
    options = BuildOptions(formats=("pdf",), print=PrintOptions(**print_options))
    return outputs_by_format(build([source], tmp_path, options))["pdf"]


def _struct_kinds(node, kinds, alts):
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _struct_kinds(child, kinds, alts)
        return
    if not isinstance(node, dict):
        return
    if "/S" in node:
        kinds.add(str(node["/S"]))
        if node["/S"] == "/Figure":
            alts.append(node.get("/Alt"))
    if "/K" in node:
        _struct_kinds(node["/K"], kinds, alts)


def test_pdf_ua_is_tagged_with_language_title_and_figure_alt_text(tmp_path):
    pdf = _pdf(tmp_path, WEEKLY, pdf_variant="pdf/ua-1")
    reader = pypdf.PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "vi"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Bản tin Lạng Sơn"
    kinds: set[str] = set()
    alts: list = []
    _struct_kinds(root["/StructTreeRoot"], kinds, alts)
    assert {"/H1", "/H2", "/P", "/Figure"} <= kinds
    # The photo's alt text names it; its caption is read once, from the caption.
    assert "Ảnh" in [str(a) for a in alts]
    assert "Ruộng bậc thang xã Vũ Lăng vào mùa lúa chín. Ảnh: Hoàng Anh" not in [str(a) for a in alts]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp


def test_pdf_a_carries_output_intent_and_xmp(tmp_path):
    pdf = _pdf(tmp_path, pdf_variant="pdf/a-3b")
    root = pypdf.PdfReader(str(pdf)).trailer["/Root"]
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp)
    assert "Hai khâu đột phá" in xmp


def test_bleed_enlarges_the_media_box_and_marks_get_room_outside_it(tmp_path):
    page = pypdf.PdfReader(str(_pdf(tmp_path / "b", bleed="3mm"))).pages[0]
    bleed = 3 * MM
    assert [round(float(v), 1) for v in page.mediabox] == [round(-bleed, 1), round(-bleed, 1), round(A4[0] + bleed, 1), round(A4[1] + bleed, 1)]
    assert [round(float(v), 1) for v in page.trimbox] == [0, 0, round(A4[0], 1), round(A4[1], 1)]

    marked = pypdf.PdfReader(str(_pdf(tmp_path / "m", bleed="3mm", marks="crop"))).pages[0]
    outer = (3 + 9) * MM
    assert round(float(marked.mediabox.width), 1) == round(A4[0] + 2 * outer, 1)
    assert [round(float(v), 1) for v in marked.bleedbox] == [round(-bleed, 1), round(-bleed, 1), round(A4[0] + bleed, 1), round(A4[1] + bleed, 1)]
    assert [round(float(v), 1) for v in marked.trimbox] == [0, 0, round(A4[0], 1), round(A4[1], 1)]


def test_page_size_option_wins_over_the_layout(tmp_path):
    page = pypdf.PdfReader(str(_pdf(tmp_path, page_size="A5"))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (420, 595)


def test_mirrored_margins_swap_inner_and_outer(tmp_path):
    pdf = _pdf(tmp_path, FIXTURES / "folder3", mirror_margins=True)

    def left_edge(page_number: int) -> float:
        bbox = subprocess.run(["pdftotext", "-f", str(page_number), "-l", str(page_number), "-bbox", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        return min(float(x) for x in re.findall(r'<word xMin="([\d.]+)"', bbox))

    # a left-hand page has its outer (24 mm) margin on the left, a right-hand page its inner (16 mm)
    assert left_edge(2) - left_edge(3) == pytest.approx(8 * MM, abs=1.0)


@pytest.mark.parametrize(("pages", "expected"), [
    (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    (5, [(None, 1), (2, None), (None, 3), (4, 5)]),
    (1, [(None, 1), (None, None)]),
])
def test_booklet_order(pages, expected):
    to_numbers = [tuple(None if i is None else i + 1 for i in side) for side in booklet_order(pages)]
    assert to_numbers == expected


def test_booklet_puts_page_one_beside_the_last_page(tmp_path):
    options = BuildOptions(formats=("pdf",), layout="book", print=PrintOptions(impose="booklet"))
    outputs = {w.format: w.path for r in build([WEEKLY], tmp_path, options) for w in r.files}
    original = pypdf.PdfReader(str(outputs["pdf"]))
    booklet = pypdf.PdfReader(str(outputs["booklet"]))
    total = -(-len(original.pages) // 4) * 4
    assert len(booklet.pages) == total // 2
    sheet = booklet.pages[0]
    assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (842, 595)

    def half(page_number: int, right: bool) -> str:
        x = "421" if right else "0"
        return subprocess.run(["pdftotext", "-f", str(page_number), "-l", str(page_number), "-x", x, "-y", "0",
                               "-W", "421", "-H", "595", str(outputs["booklet"]), "-"], capture_output=True, text=True).stdout

    first_page_text = pdftotext(outputs["pdf"], 1, 1)
    assert "Bản tin Lạng Sơn" in first_page_text
    assert "Bản tin Lạng Sơn" in half(1, right=True)  # the cover on the right of the first side
    last = original.pages[-1].extract_text() or ""
    left = half(1, right=False)
    assert (last.strip() == "" and left.strip() == "") or last.split()[0] in left
    second_side_left = half(2, right=False)
    assert "Bản tin Lạng Sơn" in second_side_left or "SỐ 47" in second_side_left.upper()  # page 2: the title page
