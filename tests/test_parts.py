"""A large PDF laid out in parts on several processes and joined: the same pages as plain
WeasyPrint gives for the kept HTML document, with the same numbers, contents, outline,
links and fonts; and after an edit, only the part that changed is laid out again."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

import pypdf
import pytest
from conftest import pdftotext, squash
from weasyprint import HTML

from publisher import load_publication
from publisher.cache import Cache
from publisher.render import Renderer
from publisher.render.layout import find_layout
from publisher.writers.base import WriterResult
from publisher.writers.parts.chain import Board, ChainBroken, Ended, Failed, PartEnd
from publisher.writers.parts.plan import PartPlan, cut
from publisher.writers.parts.run import PartPages, PartSettings
from publisher.writers.pdf import PdfWriter

SMALL_PARTS = PartPlan(threshold=4, min_articles=2, max_articles=2, target_parts=8)
WORDS = ("Hội đồng nhân dân tỉnh Lạng Sơn đã thông qua nghị quyết về phát triển kinh tế xã hội, "
         "bảo đảm quốc phòng an ninh và nâng cao đời sống của đồng bào các dân tộc vùng biên giới. ")


def _write_articles(folder: Path, count: int, sections: bool = False) -> Path:
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        paragraphs = "\n\n".join(WORDS * (1 + (number * 7) % 4) for _ in range(2 + number % 3))
        (folder / f"{number:02d}.md").write_text(
            f"---\ntitle: \"Bài số {number}: tin tức từ Lạng Sơn\"\ndate: 2024-03-{number % 28 + 1:02d}\n"
            f"authors: [Phóng viên {number}]\n---\n\nTóm tắt bài {number}.\n\n## Phần một của bài {number}\n\n"
            f"{paragraphs}\n\n## Phần hai của bài {number}\n\n{paragraphs}\n",
            encoding="utf-8",
        )
    if sections:
        first = ", ".join(f'"{n:02d}.md"' for n in range(1, count // 2 + 1))
        second = ", ".join(f'"{n:02d}.md"' for n in range(count // 2 + 1, count + 1))
        (folder / "publication.toml").write_text(
            f'title = "Bản tin lớn"\ndate = 2024-03-30\n\n[[sections]]\ntitle = "Thời sự"\narticles = [{first}]\n\n'
            f'[[sections]]\ntitle = "Kinh tế"\narticles = [{second}]\n', encoding="utf-8")
    return folder


def _renderer(folder: Path, layout: str) -> Renderer:
    return Renderer(publication=load_publication(folder), layout=find_layout(layout))


class Written(NamedTuple):
    writer: PdfWriter
    result: WriterResult


def _parted(renderer: Renderer, tmp_path: Path, jobs: int = 2, cache: Cache | None = None) -> tuple[Path, Written]:
    writer = PdfWriter(PartSettings(jobs=jobs, plan=SMALL_PARTS, cache=cache))
    result = writer.write(renderer)
    path = tmp_path / f"parted-{jobs}-{id(writer)}.pdf"
    path.write_bytes(result.data)
    return path, Written(writer, result)


def _plain(written: Written, renderer: Renderer, tmp_path: Path) -> Path:
    """Plain WeasyPrint on the document ``--keep-html`` leaves beside the PDF."""
    kept = tmp_path / "kept.print.html"
    kept.write_text(written.writer.standalone_html(renderer), encoding="utf-8")
    path = tmp_path / "plain.pdf"
    HTML(filename=str(kept)).write_pdf(path, pdf_tags=renderer.print_options.tags)  # tagged by default, as ours
    return path


def _outline(reader: pypdf.PdfReader, items=None, depth: int = 0) -> list[tuple[int, str, int]]:
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            found.append((depth, str(item.title), reader.get_destination_page_number(item)))
    return found


def _links(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    """(page of the link, page it leads to) for every internal link."""
    destinations = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    found = []
    for number, page in enumerate(reader.pages):
        for reference in page.get("/Annots", ()) or ():
            annotation = reference.get_object()
            target = annotation.get("/Dest")
            if isinstance(target, str):
                found.append((number, destinations[target]))
            elif target is not None:
                found.append((number, reader.get_page_number(target[0].get_object().indirect_reference)))
    return found


def _built(tmp_path_factory, name: str, layout: str, sections: bool = False, print_options=None):
    """A publication of nine articles in five parts, and plain WeasyPrint's PDF of its kept HTML."""
    tmp = tmp_path_factory.mktemp(name)
    renderer = _renderer(_write_articles(tmp / "articles", 9, sections=sections), layout)
    if print_options is not None:
        renderer = dataclasses.replace(renderer, print_options=print_options)
    parted, writer = _parted(renderer, tmp)
    return renderer, writer, parted, _plain(writer, renderer, tmp)


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory):
    return _built(tmp_path_factory, "bulletin", "bulletin")


@pytest.fixture(scope="module")
def bulletin_sections(tmp_path_factory):
    """Parts that begin where a section begins start with the section's title; bleed and marks."""
    from publisher.render.options import PrintOptions

    return _built(tmp_path_factory, "bulletin-sections", "bulletin", True, PrintOptions(bleed="3mm", marks="crop"))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return _built(tmp_path_factory, "book", "book", sections=True)


@pytest.mark.parametrize("which", ["bulletin", "bulletin_sections", "book"])
def test_parts_give_the_pages_plain_weasyprint_gives_in_one_piece(which, request):
    renderer, writer, parted, plain = request.getfixturevalue(which)
    assert writer.result.part_count == len(cut(renderer.view.articles, SMALL_PARTS)) == 5
    ours, theirs = pypdf.PdfReader(parted), pypdf.PdfReader(plain)
    assert len(ours.pages) == len(theirs.pages) > 10
    # Page by page the same text: running heads, page numbers, the contents' numbers.
    for number in range(1, len(ours.pages) + 1):
        assert pdftotext(parted, number, number) == pdftotext(plain, number, number), f"page {number}"


@pytest.mark.parametrize("which", ["bulletin", "book"])
def test_outline_and_links_lead_where_they_do_in_one_piece(which, request):
    _, _writer, parted, plain = request.getfixturevalue(which)
    ours, theirs = pypdf.PdfReader(parted), pypdf.PdfReader(plain)
    outline = _outline(ours)
    assert outline == _outline(theirs)
    assert sum(1 for depth, title, page in outline if title.startswith("Bài số")) == 9
    links = _links(ours)
    assert links == _links(theirs)
    # The contents link each article and its two subheadings (WeasyPrint draws several
    # link boxes for one link: the text, the leader, the number).
    assert len(links) >= 9 * 3 and len({target for _, target in links}) >= 9


def test_printed_contents_number_the_pages_the_articles_start_on(bulletin):
    _, _writer, parted, _ = bulletin
    reader = pypdf.PdfReader(parted)
    contents = squash(pdftotext(parted, 1, 1))
    for number in (1, 5, 9):
        title = f"Bài số {number}: tin tức từ Lạng Sơn"
        page = next(i for i, p in enumerate(reader.pages[1:], start=2) if squash(title) in squash(p.extract_text()))
        assert squash(title) + "." * 3 in contents or squash(title) in contents
        assert f"Trang {page}" in pdftotext(parted, page, page)
        assert _contents_number(contents, title) == page


def _contents_number(contents: str, title: str) -> int:
    rest = contents.split(squash(title), 1)[1].lstrip(".")
    digits = ""
    for character in rest:
        if not character.isdigit():
            break
        digits += character
    return int(digits)


def test_one_font_per_face_and_a_size_like_one_piece(bulletin):
    _, _writer, parted, plain = bulletin
    names = [
        (str(font.get_object()["/BaseFont"]), font.idnum)
        for page in pypdf.PdfReader(parted).pages
        for font in page["/Resources"]["/Font"].values()
    ]
    faces = {name for name, _ in names}
    assert len(set(names)) == len(faces)  # one font object for each name
    # Tagged, each part's structure adds its own dictionaries: 1.07x measured; untagged
    # parts came within 1.05x.
    assert parted.stat().st_size <= 1.10 * plain.stat().st_size


def test_the_epub_page_list_follows_the_joined_pages(bulletin):
    renderer, writer, parted, _ = bulletin
    starts = writer.result.page_starts
    assert len(starts) == len(pypdf.PdfReader(parted).pages)
    assert [s.label for s in starts] == [str(n) for n in range(1, len(starts) + 1)]
    for index, start in enumerate(starts):
        if start.anchor and start.anchor.endswith("-h1"):
            title = renderer.view.articles[int(start.anchor.split("-")[1]) - 1].headings[0].block.text
            assert squash(title) in squash(pdftotext(parted, index + 1, index + 1))


def test_any_number_of_processes_gives_the_same_bytes(bulletin, tmp_path):
    renderer, _writer, parted, _ = bulletin
    one, _ = _parted(renderer, tmp_path, jobs=1)
    assert one.read_bytes() == parted.read_bytes()


def test_a_hook_hears_of_each_part_laid_out_and_changes_no_byte(bulletin, tmp_path):
    renderer, _writer, parted, _ = bulletin
    heard: list[PartPages] = []
    result = PdfWriter(PartSettings(jobs=2, plan=SMALL_PARTS, on_part=heard.append)).write(renderer)
    assert result.data == parted.read_bytes()
    joined = pypdf.PdfReader(io.BytesIO(result.data))
    assert sorted(part.first_page for part in heard)[0] == 0 and len(heard) == 6  # five parts, the contents
    assert sum(len(part.page_numbers) for part in heard) == len(joined.pages)
    for part in heard:
        reader = pypdf.PdfReader(io.BytesIO(part.pdf))
        assert len(reader.pages) == len(part.page_numbers)
        for offset, page in enumerate(reader.pages):
            assert squash(page.extract_text()) == squash(joined.pages[part.first_page + offset].extract_text())


def test_after_an_edit_only_the_changed_part_is_laid_out_again(tmp_path):
    folder = _write_articles(tmp_path / "articles", 9)
    cache = Cache(tmp_path / "cache")
    first, written = _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    assert (written.writer.settings.laid_out, written.writer.settings.reused) == (7, 0)  # the contents twice, five parts
    again, written = _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    assert (written.writer.settings.laid_out, written.writer.settings.reused) == (0, 7)
    assert again.read_bytes() == first.read_bytes()
    # A word changed in article 5 (part 3): its part alone is laid out again.
    edited = folder / "05.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Tóm tắt bài 5.", "Tóm lược bài 5."), encoding="utf-8")
    changed, written = _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    assert (written.writer.settings.laid_out, written.writer.settings.reused) == (1, 6)
    assert "Tóm lược bài 5." in pdftotext(changed)
    fresh, _ = _parted(_renderer(folder, "bulletin"), tmp_path)
    assert fresh.read_bytes() == changed.read_bytes()


def test_a_part_that_grows_moves_the_numbers_after_it(tmp_path):
    folder = _write_articles(tmp_path / "articles", 9)
    cache = Cache(tmp_path / "cache")
    _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    edited = folder / "02.md"
    edited.write_text(edited.read_text(encoding="utf-8") + ("\n\n" + WORDS * 12) * 6, encoding="utf-8")
    changed, written = _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    # Part 2 and every part after it (numbered anew: each was laid out beside the one
    # before, not after it), and the contents; the contents' first layout and part 1 are reused.
    assert (written.writer.settings.laid_out, written.writer.settings.reused) == (5, 2)
    fresh, _ = _parted(_renderer(folder, "bulletin"), tmp_path)
    assert fresh.read_bytes() == changed.read_bytes()
    one_process, written = _parted(_renderer(folder, "bulletin"), tmp_path, jobs=1, cache=cache)
    assert (written.writer.settings.laid_out, written.writer.settings.reused) == (0, 7)
    assert one_process.read_bytes() == changed.read_bytes()


def test_small_publications_and_tagged_pdfs_are_laid_out_in_one_piece(tmp_path):
    folder = _write_articles(tmp_path / "articles", 9)
    renderer = _renderer(folder, "bulletin")
    writer = PdfWriter(PartSettings(plan=dataclasses.replace(SMALL_PARTS, threshold=10)))
    assert writer.write(renderer).part_count == 0
    from publisher.render.options import PrintOptions

    tagged = dataclasses.replace(renderer, print_options=PrintOptions(pdf_variant="pdf/ua-1"))
    writer = PdfWriter(PartSettings(plan=SMALL_PARTS))
    result = writer.write(tagged)
    assert result.part_count == 0 and "/StructTreeRoot" in pypdf.PdfReader(io.BytesIO(result.data)).trailer["/Root"]


def test_the_kept_html_marks_where_parts_start(bulletin):
    renderer, written, _, _ = bulletin
    html = written.writer.standalone_html(renderer)
    assert html.count('class="article part-start"') == 5
    assert "counter(pages)" not in html  # "Trang N / M" needs the last part's end: "Trang N"


def test_a_failed_part_releases_the_parts_waiting_for_it(tmp_path):
    board = Board(tmp_path)
    board.post(1, Failed("boom"))
    board.post(1, Ended(PartEnd(pages=3, last_number=3)))  # the first message counts
    with pytest.raises(ChainBroken, match="boom"):
        board.wait_for_end(1)
    board.post(2, Ended(PartEnd(pages=5, last_number=5)))
    board.give_up(3)  # the build is given up: the parts that have not ended fail
    assert board.wait_for_end(2) == PartEnd(pages=5, last_number=5)
    with pytest.raises(ChainBroken):
        board.wait_for_end(3)


def test_joined_pdf_reads_back_through_pypdf_and_poppler(bulletin):
    _, _writer, parted, _ = bulletin
    reader = pypdf.PdfReader(io.BytesIO(parted.read_bytes()), strict=True)
    assert reader.metadata.title == "Articles" or reader.metadata.title
    assert "Bài số 9" in pdftotext(parted)


@pytest.mark.parametrize("failing", [0, 3])
def test_a_part_that_cannot_join_exactly_falls_back_to_one_piece(tmp_path, monkeypatch, failing):
    """A part (3) or the front matter (0) that cannot join exactly (here: a stand-in
    worker raising the mismatch) makes the writer lay the publication out in one piece."""
    from publisher.writers.parts import run, worker

    real = worker.lay_out_part

    def mismatched(job):
        if job.number == failing:
            raise worker.PartMismatch("part 3: no blank page to start it on the right")
        return real(job)

    monkeypatch.setattr(run, "lay_out_part", mismatched)
    renderer = _renderer(_write_articles(tmp_path / "articles", 9), "bulletin")
    writer = PdfWriter(PartSettings(jobs=1, plan=SMALL_PARTS))
    result = writer.write(renderer)
    assert result.part_count == 0
    assert "Bài số 9" in pdftotext_bytes(result.data, tmp_path)
    assert 'class="article part-start"' not in writer.standalone_html(renderer, frozenset())


def pdftotext_bytes(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "whole.pdf"
    path.write_bytes(data)
    return pdftotext(path)


def test_an_error_while_parts_wait_ends_the_build_rather_than_hanging(tmp_path, monkeypatch):
    """A part whose job cannot even be made (a template error, say) leaves the parts
    already running waiting for it: they are released and the error reaches the caller."""
    from publisher.writers.parts import run

    real = run._PartRun._body_job

    def failing(self, number, group):
        if number == 3:
            raise RuntimeError("template broke on part 3")
        return real(self, number, group)

    monkeypatch.setattr(run._PartRun, "_body_job", failing)
    renderer = _renderer(_write_articles(tmp_path / "articles", 9), "bulletin")
    with pytest.raises(RuntimeError, match="part 3"):
        PdfWriter(PartSettings(jobs=2, plan=SMALL_PARTS)).write(renderer)


def _struct_text(path: Path) -> str:
    """The structure tree as poppler reads it (element types in reading order; its
    ``-struct-text`` takes a minute and a half on these files), and as pypdf reads it:
    each element's type, page and marked-content ids in reading order. Pages with the
    same text (tested above) and the same marked content on them read the same."""
    tree = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True).stdout
    tree = re.sub(r"Object \d+ 0", "Object", tree)  # annotations' object numbers differ
    reader = pypdf.PdfReader(path)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    lines: list[str] = []

    def walk(node: object, page: int | None, depth: int) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child, page, depth)
        elif isinstance(node, int):
            lines.append(f"{'  ' * depth}mcid {node} p{page}")
        elif isinstance(node, dict):
            here = pages.get(node.raw_get("/Pg").idnum) if "/Pg" in node else page
            kind = node.get("/Type")
            if kind == "/MCR":
                lines.append(f"{'  ' * depth}mcid {node['/MCID']} p{here}")
            elif kind == "/OBJR":
                lines.append(f"{'  ' * depth}object p{here}")
            else:
                lines.append(f"{'  ' * depth}{node.get('/S')} p{here} {node.get('/Alt', '')}")
                walk(node.get("/K", []), here, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], None, 0)
    return tree + "\n".join(lines)


def _elements(node, found: list) -> list:
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _elements(child, found)
    elif isinstance(node, dict) and "/S" in node:
        found.append(node)
        _elements(node.get("/K", []), found)
    return found


@pytest.mark.parametrize("which", ["bulletin", "book"])
def test_parts_are_tagged_with_one_structure_tree_read_as_one_piece_reads(which, request):
    _renderer, _written, parted, plain = request.getfixturevalue(which)
    reader = pypdf.PdfReader(parted)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "vi"
    tree = root["/StructTreeRoot"].get_object()
    [document] = tree["/K"]
    assert document.get_object()["/S"] == "/Document"
    assert _struct_text(parted) == _struct_text(plain)  # the same elements, content and reading order as one piece
    parents = tree["/ParentTree"].get_object()["/Nums"]
    keys = {int(parents[i]) for i in range(0, len(parents), 2)}
    pages = {page.indirect_reference.idnum for page in reader.pages}
    assert [int(page["/StructParents"]) for page in reader.pages] == list(range(len(reader.pages)))
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", ()) or ()]
    linked = sorted(int(a["/StructParent"]) for a in annotations if "/StructParent" in a)
    assert linked == list(range(len(reader.pages), len(reader.pages) + len(linked))) and linked
    assert keys == set(range(len(reader.pages) + len(linked)))
    assert int(tree["/ParentTreeNextKey"]) == len(keys)
    elements = _elements(document, [])
    assert len(elements) > 100
    assert all(element.raw_get("/Pg").idnum in pages for element in elements if "/Pg" in element)


def test_untagged_parts_on_request(tmp_path):
    from publisher.render.options import PrintOptions

    renderer = _renderer(_write_articles(tmp_path / "articles", 9), "bulletin")
    untagged = dataclasses.replace(renderer, print_options=PrintOptions(tags=False))
    result = PdfWriter(PartSettings(jobs=2, plan=SMALL_PARTS)).write(untagged)
    root = pypdf.PdfReader(io.BytesIO(result.data)).trailer["/Root"]
    assert result.part_count == 5 and "/StructTreeRoot" not in root
