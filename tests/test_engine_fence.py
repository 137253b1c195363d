"""The fence around WeasyPrint's and pypdf's internals (``publisher/engine.py``): a large
PDF is laid out in parts only while every hook works with the engines installed; when a
hook fails, or an engine is outside the tested range, the PDF is laid out in one piece,
the same one as any one-piece build, with one warning."""

from __future__ import annotations

import dataclasses
import tomllib
import types
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, pdftotext, squash
from test_parts import SMALL_PARTS, _contents_number, _renderer, _write_articles

from publisher import build_log, engine
from publisher.writers.base import WriterResult
from publisher.writers.parts.run import PartSettings
from publisher.writers.pdf import PdfWriter

ONE_PIECE = dataclasses.replace(SMALL_PARTS, threshold=1000)
FALLBACK = "PDF laid out in one piece, not in parts"


@pytest.fixture(scope="module")
def publication(tmp_path_factory):
    """Nine articles (five parts), and the PDF a one-piece build makes of them."""
    folder = _write_articles(tmp_path_factory.mktemp("fence") / "articles", 9)
    writer = PdfWriter(PartSettings(plan=ONE_PIECE))
    return folder, writer.write(_renderer(folder, "bulletin")).data


def _build_in_parts(folder: Path, jobs: int = 2) -> tuple[WriterResult, bytes, list[str]]:
    writer = PdfWriter(PartSettings(jobs=jobs, plan=SMALL_PARTS))
    with build_log.collecting() as log:
        result = writer.write(_renderer(folder, "bulletin"))
    warnings = [message for message in log.warnings if "Invalid date" not in message]
    return result, result.data, warnings


def _assert_the_one_piece_pdf(result: WriterResult, data: bytes, one_piece: bytes, warnings: list[str], tmp_path: Path) -> None:
    assert result.part_count == 0
    assert len(warnings) == 1 and warnings[0].startswith(FALLBACK), warnings
    assert data == one_piece
    path = tmp_path / "fallback.pdf"
    path.write_bytes(data)
    pages = [squash(pdftotext(path, number, number)) for number in range(1, len(pypdf.PdfReader(path).pages) + 1)]
    for number in range(1, 10):  # every article is read back, on the page the contents give
        title = f"Bài số {number}: tin tức từ Lạng Sơn"
        page = _contents_number(pages[0], title)
        assert pages[page - 1].count(squash(title)) == (2 if page == 1 else 1)  # the contents are on page 1


@dataclass(frozen=True)
class _NamedPageState:
    """The page state as a later WeasyPrint might hold it: fields by name, no tuple."""

    fields: tuple


def test_a_page_state_of_another_shape_gives_the_one_piece_pdf_with_one_warning(publication, monkeypatch, tmp_path):
    """WeasyPrint, changed consistently: once pagination is over, the page states it keeps
    and hands to ``make_margin_boxes`` are objects of another shape. The hook cannot read
    them (in the workers: the change reaches them as they fork); WeasyPrint itself can."""
    from weasyprint import layout

    folder, one_piece = publication
    real_fixed_boxes, real_margin_boxes = layout.layout_fixed_boxes, layout.make_margin_boxes

    def fixed_boxes(context, pages, page):  # WeasyPrint calls it just before each page's margins
        context.page_maker[:] = [(*entry[:3], _NamedPageState(entry[3]) if isinstance(entry[3], tuple) else entry[3],
                                  *entry[4:]) for entry in context.page_maker]
        return real_fixed_boxes(context, pages, page)

    monkeypatch.setattr(layout, "layout_fixed_boxes", fixed_boxes)
    monkeypatch.setattr(layout, "make_margin_boxes", lambda context, page, state: real_margin_boxes(context, page, state.fields))
    writer, data, warnings = _build_in_parts(folder)
    assert "page state" in warnings[0]
    _assert_the_one_piece_pdf(writer, data, one_piece, warnings, tmp_path)


def test_margins_drawn_without_the_hook_give_the_one_piece_pdf(publication, monkeypatch, tmp_path):
    """WeasyPrint no longer calls its layout module's ``make_margin_boxes`` (the name
    stays, unused): no page gets its number from the hook, so no part waits for ever and
    the publication is laid out in one piece."""
    import weasyprint.document
    from weasyprint import layout

    folder, one_piece = publication
    real = layout.layout_document
    elsewhere = types.FunctionType(real.__code__, {**vars(layout)}, real.__name__, real.__defaults__, real.__closure__)
    monkeypatch.setattr(weasyprint.document, "layout_document", elsewhere)
    writer, data, warnings = _build_in_parts(folder)
    assert "through the hook" in warnings[0]
    _assert_the_one_piece_pdf(writer, data, one_piece, warnings, tmp_path)


def test_a_missing_margin_function_gives_the_one_piece_pdf(publication, monkeypatch, tmp_path):
    """WeasyPrint makes its page margins elsewhere, under another name."""
    import weasyprint.document
    from weasyprint import layout

    folder, one_piece = publication
    real = layout.layout_document
    renamed = types.FunctionType(real.__code__, {**vars(layout)}, real.__name__, real.__defaults__, real.__closure__)
    monkeypatch.setattr(weasyprint.document, "layout_document", renamed)
    monkeypatch.delattr(layout, "make_margin_boxes")
    writer, data, warnings = _build_in_parts(folder, jobs=1)
    assert "elsewhere" in warnings[0]
    _assert_the_one_piece_pdf(writer, data, one_piece, warnings, tmp_path)


def test_a_failing_internal_of_pypdf_in_the_join_gives_the_one_piece_pdf(publication, monkeypatch, tmp_path):
    """pypdf's writer keeps its objects elsewhere: the join cannot leave out what nothing reaches."""
    from publisher.writers.parts import join

    monkeypatch.setattr(join, "object_table", lambda writer: engine.object_table(types.SimpleNamespace()))
    folder, one_piece = publication
    writer, data, warnings = _build_in_parts(folder)
    assert "pypdf's object table changed" in warnings[0]
    _assert_the_one_piece_pdf(writer, data, one_piece, warnings, tmp_path)


def test_an_engine_outside_the_tested_range_is_not_hooked(publication, monkeypatch, tmp_path):
    monkeypatch.setitem(engine.TESTED, "weasyprint", ("1", "2"))
    folder, one_piece = publication
    writer, data, warnings = _build_in_parts(folder)
    assert "weasyprint" in warnings[0] and "outside the range" in warnings[0]
    _assert_the_one_piece_pdf(writer, data, one_piece, warnings, tmp_path)


def test_the_hook_is_in_place_only_while_a_part_is_laid_out(publication, monkeypatch):
    from weasyprint import layout
    from weasyprint.layout.page import make_margin_boxes

    folder, _one_piece = publication
    seen = []
    real = engine.render_numbered

    def watched(html, font_config, numbering):
        def numbered(page):
            seen.append(layout.make_margin_boxes is not make_margin_boxes)
            return numbering(page)
        return real(html, font_config, numbered)

    monkeypatch.setattr(engine, "render_numbered", watched)
    result = PdfWriter(PartSettings(jobs=1, plan=SMALL_PARTS)).write(_renderer(folder, "bulletin"))
    assert result.part_count == 5 and seen and all(seen)
    assert layout.make_margin_boxes is make_margin_boxes  # restored after every part


def test_the_tested_ranges_are_those_pinned_in_pyproject():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for package, (lowest, beyond) in engine.TESTED.items():
        assert f"{package}>={lowest},<{beyond}" in dependencies
    assert engine.why_not_hooked() is None  # the engines installed here are in range
