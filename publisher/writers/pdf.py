"""PDF through WeasyPrint: embedded, subset fonts; outline; printed contents; metadata.

Its result also says where each print page begins in the text (``page_starts``), so the
EPUB can carry a page-list tied to the printed edition.
"""

from __future__ import annotations

import contextlib
import hashlib
import html as html_escaping
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.build_log import PUBLISHER_LOGGER, warn
from publisher.engine import HTML, EngineChanged, FontConfiguration, release_font_files, why_not_hooked
from publisher.render import Renderer
from publisher.render.options import length_in_points
from publisher.render.pages import PageStart, page_starts, page_starts_from_anchors
from publisher.render.print_part import PrintPart
from publisher.resources import shipped_fonts_dir
from publisher.writers.base import OutputFile, Writer, WriterResult
from publisher.writers.parts.plan import cut, start_anchor, why_in_one_piece
from publisher.writers.parts.run import PartContext, PartSettings, lay_out_in_parts, part_run
from publisher.writers.parts.worker import PartMismatch
from publisher.writers.pdf_finish import (
    ARCHIVAL,
    Finisher,
    cmyk_profile,
    report_problems,
    weasyprint_problems,
    with_output_intent,
)
from publisher.writers.sandbox import SandboxedFetcher

if TYPE_CHECKING:
    from publisher.writers.parts.run import _PartRun

_FILE_URL_FOLDERS = re.compile(r"file://[^\"')\s]*/")


@dataclass(frozen=True)
class _LaidOut:
    pdf: bytes
    page_starts: tuple[PageStart, ...]
    part_count: int  # 0: laid out in one piece
    part_starts: frozenset[str]  # where the document laid out breaks for its parts


class PdfWriter(Writer):
    """The PDF; beside it, on request, its whole HTML document (``keep_html``) and, when
    the print options ask for a booklet, the pages imposed two-up."""

    format_name = "pdf"
    suffix = ".pdf"

    def __init__(self, settings: PartSettings | None = None, *, keep_html: bool = False) -> None:
        self.settings = settings or PartSettings()
        self.keep_html = keep_html

    def write(self, renderer: Renderer) -> WriterResult:
        laid_out = self._lay_out(renderer)
        files = [OutputFile(self.format_name, self.suffix, laid_out.pdf)]
        if self.keep_html:
            html = self.standalone_html(renderer, laid_out.part_starts)
            files.append(OutputFile("print-html", ".print.html", html.encode("utf-8")))
        if renderer.print_options.impose == "booklet":
            from publisher.writers.impose import impose_booklet

            files.append(OutputFile("booklet", ".booklet.pdf", impose_booklet(laid_out.pdf)))
        return WriterResult(files=tuple(files), page_starts=laid_out.page_starts, part_count=laid_out.part_count)

    def planned_part_starts(self, renderer: Renderer) -> frozenset[str]:
        """Where the parts would start; empty when the PDF is laid out in one piece."""
        if why_in_one_piece(renderer, self.settings.plan) is not None or why_not_hooked() is not None:
            return frozenset()
        view = renderer.view
        return frozenset(start_anchor(view, group) for group in cut(view.articles, self.settings.plan))

    def document_html(self, renderer: Renderer, part_starts: frozenset[str] = frozenset()) -> str:
        """The publication as the one HTML document WeasyPrint lays out (when it is laid
        out in parts, the same document with a page break where each part starts)."""
        context = self._context(renderer, part_starts)
        return renderer.render(
            "print.html",
            image_href=context.image_href,
            fonts_css=renderer.print_fonts_css(),
            cover_href=context.cover_href,
            toc_href=lambda article, heading: "#" + (heading.anchor if heading else article.anchor),
            print_part=PrintPart(starts=part_starts),
        )

    def standalone_html(self, renderer: Renderer, part_starts: frozenset[str] | None = None) -> str:
        """``document_html`` readable from anywhere: a ``<base>`` resolves its relative URLs
        against the layout's folder (fonts and images are absolute already), so plain
        ``weasyprint`` lays it out into the same pages."""
        starts = self.planned_part_starts(renderer) if part_starts is None else part_starts
        base = f'<base href="{html_escaping.escape(renderer.layout.folder.as_uri())}/">'
        html = with_output_intent(self.document_html(renderer, starts), renderer.print_options.pdf_variant)
        return html.replace("<head>", "<head>\n  " + base, 1)

    def _context(self, renderer: Renderer, part_starts: frozenset[str]) -> PartContext:
        publication = renderer.publication
        return PartContext(
            image_href=lambda figure: figure.image.as_uri() if figure.image else None,
            cover_href=publication.cover_image.as_uri() if publication.cover_image else None,
            part_starts=part_starts,
        )

    def _lay_out(self, renderer: Renderer) -> _LaidOut:
        if why_in_one_piece(renderer, self.settings.plan) is None:
            engines = why_not_hooked()
            if engines is not None:
                warn(f"PDF laid out in one piece, not in parts: {engines}")
            else:
                starts = self.planned_part_starts(renderer)
                try:
                    return self._lay_out_in_parts(renderer, starts)
                except EngineChanged as changed:  # a hook into WeasyPrint's or pypdf's internals failed
                    warn(f"PDF laid out in one piece, not in parts: {changed}")
                except PartMismatch as mismatch:
                    logging.getLogger(PUBLISHER_LOGGER).info("PDF laid out in one piece: %s", mismatch)
        html = with_output_intent(self.document_html(renderer), renderer.print_options.pdf_variant)
        pdf, starts_of_pages = self._lay_out_whole(renderer, html, _identifier(html))
        return _LaidOut(pdf=pdf, page_starts=starts_of_pages, part_count=0, part_starts=frozenset())

    def lay_out_first(self, renderer: Renderer) -> bool:
        """Only the parts holding ``settings.first``'s articles laid out, each told to
        ``settings.on_part`` (``parts.run``): True when the whole PDF must be laid out too,
        as it must when it is laid out in one piece."""
        with self._part_run(renderer) as run:
            return True if run is None else run.lay_out_first()

    def warm_up(self, renderer: Renderer) -> None:
        """The PDF's first part laid out in this process and thrown away (``parts.run``);
        nothing when it is laid out in one piece."""
        with self._part_run(renderer) as run:
            if run is not None:
                run.warm_up()

    @contextlib.contextmanager
    def _part_run(self, renderer: Renderer) -> Iterator[_PartRun | None]:
        """A run over the planned parts for a pass short of the whole; None when the PDF
        is laid out in one piece."""
        if why_in_one_piece(renderer, self.settings.plan) is not None or why_not_hooked() is not None:
            yield None
            return
        starts = self.planned_part_starts(renderer)
        with part_run(renderer, self._context(renderer, starts), _base_url(renderer), _roots(renderer),
                      length_in_points(renderer.print_options.bleed), self.settings, tags=is_tagged(renderer)) as run:
            yield run

    def _lay_out_in_parts(self, renderer: Renderer, starts: frozenset[str]) -> _LaidOut:
        identifier = _identifier(self.document_html(renderer, starts))
        parted = lay_out_in_parts(renderer, self._context(renderer, starts), _base_url(renderer), _roots(renderer),
                                  identifier, length_in_points(renderer.print_options.bleed), self.settings,
                                  tags=is_tagged(renderer))
        return _LaidOut(pdf=parted.pdf, page_starts=page_starts_from_anchors(parted.page_anchors, renderer),
                        part_count=parted.part_count, part_starts=starts)

    def _lay_out_whole(self, renderer: Renderer, html: str, identifier: bytes) -> tuple[bytes, tuple[PageStart, ...]]:
        layout = renderer.layout
        fetcher = SandboxedFetcher(_roots(renderer))
        variant = renderer.print_options.pdf_variant
        tagged = is_tagged(renderer)
        font_config = FontConfiguration()
        with weasyprint_problems() as problems:
            try:
                document = HTML(string=html, base_url=_base_url(renderer), url_fetcher=fetcher).render(
                    font_config=font_config, pdf_variant=variant, pdf_tags=tagged
                )
                starts_of_pages = page_starts(document, renderer)
                if document.metadata.created is None:  # else PDF/X stamps the clock's time
                    document.metadata.created = document.metadata.modified
                finisher = Finisher(length_in_points(renderer.print_options.bleed),
                                    tuple(start.label for start in starts_of_pages), archival=variant in ARCHIVAL,
                                    identifier=identifier)
                pdf = document.write_pdf(pdf_identifier=identifier, pdf_variant=variant, pdf_tags=tagged, finisher=finisher)
            finally:
                release_font_files(font_config)
        report_problems(problems, layout.folder / "layout.toml")
        if not isinstance(pdf, bytes):
            raise AssertionError("WeasyPrint's write_pdf without a target returns the bytes")
        return pdf, starts_of_pages


def is_tagged(renderer: Renderer) -> bool:
    """Tagged unless ``--no-tags``; PDF/UA always."""
    return renderer.print_options.tags or renderer.print_options.pdf_variant == "pdf/ua-1"


def _identifier(html: str) -> bytes:
    """The PDF's /ID: a hash of its document without the folders it was built in, so the
    same inputs give the same bytes wherever publisher is installed."""
    located_nowhere = _FILE_URL_FOLDERS.sub("file:///", html)
    return hashlib.sha256(located_nowhere.encode("utf-8")).hexdigest()[:32].encode("ascii")


def _base_url(renderer: Renderer) -> str:
    return renderer.layout.folder.as_uri() + "/"


def _roots(renderer: Renderer) -> tuple[Path, ...]:
    intent = (cmyk_profile().parent,) if renderer.print_options.pdf_variant == "pdf/x-4" else ()
    return (*renderer.layout.template_dirs, shipped_fonts_dir(), *renderer.font_roots, *_content_folders(renderer), *intent)


def _content_folders(renderer: Renderer) -> list[Path]:
    publication = renderer.publication
    folders = {a.path.parent for a in publication.articles if a.path is not None}
    if publication.folder is not None:
        folders.add(publication.folder)
    folders.update(publication.resource_roots)
    return sorted(folders)
