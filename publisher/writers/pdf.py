"""PDF through WeasyPrint: embedded, subset fonts; outline; printed contents; metadata.

The writer also records where each print page begins in the text (``page_starts``), so
the EPUB can carry a page-list tied to the printed edition.
"""

from __future__ import annotations

import hashlib
import html as html_escaping
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from publisher.errors import LayoutError
from publisher.render import Renderer
from publisher.render.fonts import font_face_css
from publisher.render.options import length_in_points
from publisher.render.pages import PageStart, page_starts
from publisher.resources import shipped_fonts_dir
from publisher.writers.base import Writer
from publisher.writers.sandbox import SandboxedFetcher

_LOG = logging.getLogger("publisher")
_FILE_URL_FOLDERS = re.compile(r"file://[^\"')\s]*/")


class PdfWriter(Writer):
    format_name = "pdf"
    suffix = ".pdf"

    def __init__(self) -> None:
        self.page_starts: tuple[PageStart, ...] = ()

    def document_html(self, renderer: Renderer) -> str:
        """The publication as the one HTML document WeasyPrint lays out."""
        publication = renderer.publication
        return renderer.render(
            "print.html",
            image_href=lambda figure: figure.image.as_uri() if figure.image else None,
            fonts_css=font_face_css(renderer.used_fonts, lambda face: face.path.as_uri()),
            cover_href=publication.cover_image.as_uri() if publication.cover_image else None,
            toc_href=lambda article, heading: "#" + (heading.anchor if heading else article.anchor),
        )

    def standalone_html(self, renderer: Renderer) -> str:
        """``document_html`` readable from anywhere: a ``<base>`` resolves its relative URLs
        against the layout's folder (fonts and images are absolute already), so plain
        ``weasyprint`` lays it out into the same pages."""
        base = f'<base href="{html_escaping.escape(renderer.layout.folder.as_uri())}/">'
        return self.document_html(renderer).replace("<head>", "<head>\n  " + base, 1)

    def write_bytes(self, renderer: Renderer) -> bytes:
        layout = renderer.layout
        html = self.document_html(renderer)
        roots = (*layout.template_dirs, shipped_fonts_dir(), *_content_folders(renderer))
        fetcher = SandboxedFetcher(roots)
        # The /ID hashes the document without the folders it was built in: the same inputs
        # give the same bytes wherever publisher is installed.
        located_nowhere = _FILE_URL_FOLDERS.sub("file:///", html)
        identifier = hashlib.sha256(located_nowhere.encode("utf-8")).hexdigest()[:32].encode("ascii")
        variant = renderer.print_options.pdf_variant
        with _weasyprint_problems() as problems:
            document = HTML(string=html, base_url=layout.folder.as_uri() + "/", url_fetcher=fetcher).render(
                font_config=FontConfiguration(), pdf_variant=variant, pdf_tags=variant == "pdf/ua-1"
            )
            self.page_starts = page_starts(document, renderer)
            pdf = document.write_pdf(
                pdf_identifier=identifier,
                pdf_variant=variant,
                pdf_tags=variant == "pdf/ua-1",
                finisher=_Finisher(length_in_points(renderer.print_options.bleed)),
            )
        font_problems = [p for p in problems if "cannot be loaded" in p or "Failed to load font" in p]
        if font_problems:
            raise LayoutError(f"a font of the layout could not be loaded: {font_problems[0]}", layout.folder / "layout.toml")
        for problem in problems:
            if "HarfBuzz-Subset" not in problem:  # a slower subsetter, not a problem of the output
                _LOG.warning("PDF: %s", problem)
        assert isinstance(pdf, bytes)
        return pdf


class _Finisher:
    """Last touches on the PDF objects before WeasyPrint writes them."""

    def __init__(self, bleed_points: float):
        self.bleed_points = bleed_points

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        # Viewers show the document's title, not its file name (PDF/UA asks for it).
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        # WeasyPrint makes the bleed box the whole media box; with printer's marks the media
        # box also holds the marks, so the bleed box is set back to trim box + bleed.
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, bottom, right, top = (float(v) for v in obj["TrimBox"])
                b = self.bleed_points
                obj["BleedBox"] = pydyf.Array([left - b, bottom - b, right + b, top + b])


def _content_folders(renderer: Renderer):
    publication = renderer.publication
    folders = {a.path.parent for a in publication.articles if a.path is not None}
    if publication.folder is not None:
        folders.add(publication.folder)
    folders.update(publication.resource_roots)
    return sorted(folders)


@contextmanager
def _weasyprint_problems() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs as warnings or errors while it renders."""
    problems: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                problems.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collector()
    logger.addHandler(handler)
    previous_propagate = logger.propagate
    logger.propagate = False
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous_propagate
