"""PDF through WeasyPrint: embedded, subset fonts; outline; printed contents; metadata.

The writer also records where each print page begins in the text (``page_starts``), so
the EPUB can carry a page-list tied to the printed edition.
"""

from __future__ import annotations

import hashlib
import html as html_escaping
import logging
import re
from pathlib import Path

from publisher.engine import HTML, EngineChanged, FontConfiguration, release_font_files, why_not_hooked
from publisher.render import Renderer
from publisher.render.options import length_in_points
from publisher.render.pages import PageStart, page_starts, page_starts_from_anchors
from publisher.resources import shipped_fonts_dir
from publisher.writers.base import Writer
from publisher.writers.parts.plan import cut, start_anchor, why_in_one_piece
from publisher.writers.parts.run import PartContext, PartSettings, lay_out_in_parts
from publisher.writers.parts.worker import PartMismatch
from publisher.writers.pdf_finish import Finisher, report_problems, weasyprint_problems
from publisher.writers.sandbox import SandboxedFetcher

_LOG = logging.getLogger("publisher")
_FILE_URL_FOLDERS = re.compile(r"file://[^\"')\s]*/")


class PdfWriter(Writer):
    format_name = "pdf"
    suffix = ".pdf"

    def __init__(self, settings: PartSettings | None = None) -> None:
        self.settings = settings or PartSettings()
        self.page_starts: tuple[PageStart, ...] = ()
        self.part_count = 0  # how many parts the articles were laid out in; 0: one piece
        self._in_parts: bool | None = None  # decided by write_bytes; until then, by the plan

    def in_parts(self, renderer: Renderer) -> bool:
        if self._in_parts is None:
            return why_in_one_piece(renderer, self.settings.plan) is None and why_not_hooked() is None
        return self._in_parts

    def document_html(self, renderer: Renderer) -> str:
        """The publication as the one HTML document WeasyPrint lays out (when it is laid
        out in parts, the same document with a page break where each part starts)."""
        context = self._context(renderer)
        return renderer.render(
            "print.html",
            image_href=context.image_href,
            fonts_css=renderer.print_fonts_css(),
            cover_href=context.cover_href,
            toc_href=lambda article, heading: "#" + (heading.anchor if heading else article.anchor),
            parted=bool(context.part_starts),
            part_starts=context.part_starts,
        )

    def standalone_html(self, renderer: Renderer) -> str:
        """``document_html`` readable from anywhere: a ``<base>`` resolves its relative URLs
        against the layout's folder (fonts and images are absolute already), so plain
        ``weasyprint`` lays it out into the same pages."""
        base = f'<base href="{html_escaping.escape(renderer.layout.folder.as_uri())}/">'
        return self.document_html(renderer).replace("<head>", "<head>\n  " + base, 1)

    def _context(self, renderer: Renderer) -> PartContext:
        publication = renderer.publication
        starts = frozenset()
        if self.in_parts(renderer):
            view = renderer.view
            starts = frozenset(start_anchor(view, group) for group in cut(view.articles, self.settings.plan))
        return PartContext(
            image_href=lambda figure: figure.image.as_uri() if figure.image else None,
            cover_href=publication.cover_image.as_uri() if publication.cover_image else None,
            part_starts=starts,
        )

    def write_bytes(self, renderer: Renderer) -> bytes:
        if self._in_parts is None and why_in_one_piece(renderer, self.settings.plan) is None:
            engines = why_not_hooked()
            if engines is not None:
                _LOG.warning("PDF laid out in one piece, not in parts: %s", engines)
                self._in_parts = False
        html = self.document_html(renderer)
        # The /ID hashes the document without the folders it was built in: the same inputs
        # give the same bytes wherever publisher is installed.
        located_nowhere = _FILE_URL_FOLDERS.sub("file:///", html)
        identifier = hashlib.sha256(located_nowhere.encode("utf-8")).hexdigest()[:32].encode("ascii")
        if self.in_parts(renderer):
            try:
                parted = lay_out_in_parts(renderer, self._context(renderer), _base_url(renderer), _roots(renderer),
                                          identifier, length_in_points(renderer.print_options.bleed), self.settings)
            except EngineChanged as changed:  # a hook into WeasyPrint's or pypdf's internals failed
                _LOG.warning("PDF laid out in one piece, not in parts: %s", changed)
                self._in_parts = False
                return self.write_bytes(renderer)
            except PartMismatch as mismatch:
                _LOG.info("PDF laid out in one piece: %s", mismatch)
                self._in_parts = False
                return self.write_bytes(renderer)
            self._in_parts = True
            self.part_count = parted.part_count
            self.page_starts = page_starts_from_anchors(parted.page_anchors, renderer)
            return parted.pdf
        return self.write_bytes_whole(renderer, html, identifier)

    def write_bytes_whole(self, renderer: Renderer, html: str, identifier: bytes) -> bytes:
        layout = renderer.layout
        fetcher = SandboxedFetcher(_roots(renderer))
        variant = renderer.print_options.pdf_variant
        self.part_count = 0
        font_config = FontConfiguration()
        with weasyprint_problems() as problems:
            try:
                document = HTML(string=html, base_url=_base_url(renderer), url_fetcher=fetcher).render(
                    font_config=font_config, pdf_variant=variant, pdf_tags=variant == "pdf/ua-1"
                )
                self.page_starts = page_starts(document, renderer)
                pdf = document.write_pdf(
                    pdf_identifier=identifier,
                    pdf_variant=variant,
                    pdf_tags=variant == "pdf/ua-1",
                    finisher=Finisher(length_in_points(renderer.print_options.bleed)),
                )
            finally:
                release_font_files(font_config)
        report_problems(problems, layout.folder / "layout.toml")
        assert isinstance(pdf, bytes)
        return pdf


def _base_url(renderer: Renderer) -> str:
    return renderer.layout.folder.as_uri() + "/"


def _roots(renderer: Renderer) -> tuple[Path, ...]:
    return (*renderer.layout.template_dirs, shipped_fonts_dir(), *renderer.font_roots, *_content_folders(renderer))


def _content_folders(renderer: Renderer):
    publication = renderer.publication
    folders = {a.path.parent for a in publication.articles if a.path is not None}
    if publication.folder is not None:
        folders.add(publication.folder)
    folders.update(publication.resource_roots)
    return sorted(folders)
