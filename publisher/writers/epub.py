"""EPUB 3 through ebooklib, with its traps worked around.

ebooklib builds the package document and the container; the XHTML, nav.xhtml and
toc.ncx come from the layout's templates, because ebooklib rewrites XHTML through an
HTML parser (dropping what it does not know), gives every creator the same id, leaves
navPoint ids empty, stamps a random identifier and the clock's time, and reports write
errors by returning False. The zip is then repacked with fixed timestamps so that two
builds of the same inputs are byte-identical.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from datetime import datetime

from ebooklib import epub

from publisher.errors import OutputError
from publisher.render import Renderer
from publisher.render.fonts import font_face_css, subset_font
from publisher.render.text import publication_codepoints
from publisher.writers.base import Writer

_STYLESHEET = "css/publication.css"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class EpubWriter(Writer):
    format_name = "epub"
    suffix = ".epub"

    def write_bytes(self, renderer: Renderer) -> bytes:
        publication = renderer.publication
        book = epub.EpubBook()
        identifier = content_identifier(renderer)
        book.set_identifier(identifier)
        book.set_title(publication.title)
        book.set_language(publication.language)
        for number, author in enumerate(publication.authors, start=1):
            book.add_author(author, uid=f"creator-{number}")
        if publication.publisher:
            book.add_metadata("DC", "publisher", publication.publisher)
        if publication.date:
            book.add_metadata("DC", "date", publication.date.date().isoformat())
        if publication.subtitle:
            book.add_metadata("DC", "description", publication.subtitle)
        _add_accessibility_metadata(book)

        codepoints = publication_codepoints(publication)
        font_items = []
        for number, face in enumerate(renderer.layout.fonts, start=1):
            file_name = f"fonts/{face.path.stem}.ttf"
            font_items.append(
                epub.EpubItem(uid=f"font-{number}", file_name=file_name, media_type="font/ttf", content=subset_font(face, codepoints))
            )
        fonts_css = font_face_css(renderer.layout.fonts, lambda face: f"../fonts/{face.path.stem}.ttf")
        stylesheet = epub.EpubItem(
            uid="stylesheet", file_name=_STYLESHEET, media_type="text/css",
            content=(fonts_css + renderer.render("epub.css")).encode("utf-8"),
        )

        def chapter_href(article, heading):
            return article.chapter_file + (f"#{heading.anchor}" if heading else "")

        common = {"stylesheet": _STYLESHEET, "identifier": identifier, "toc_href": chapter_href}
        cover = _document("cover", "cover.xhtml", renderer.render("epub/cover.xhtml", **common))
        nav = _document("nav", "nav.xhtml", renderer.render("epub/nav.xhtml", **common), properties=["nav"])
        chapters = [
            _document(f"chapter-{view.number}", view.chapter_file, renderer.render("epub/chapter.xhtml", a=view, **common))
            for view in renderer.view.articles
        ]
        ncx = epub.EpubItem(uid="ncx", file_name="toc.ncx", media_type="application/x-dtbncx+xml",
                            content=renderer.render("epub/toc.ncx", **common).encode("utf-8"))

        for item in (stylesheet, *font_items, cover, nav, *chapters, ncx):
            book.add_item(item)
        book.spine = [cover, nav, *chapters]
        book.guide = []
        return _package(book, renderer.modified)


def content_identifier(renderer: Renderer) -> str:
    """A stable identifier: the same publication content always gets the same one."""
    digest = hashlib.sha256()
    publication = renderer.publication
    for part in (publication.title, publication.subtitle or "", publication.language, renderer.layout.name):
        digest.update(part.encode("utf-8") + b"\0")
    for article in publication.articles:
        digest.update(repr((article.title, article.lead, article.body, article.authors)).encode("utf-8"))
    return f"urn:uuid:{uuid.UUID(bytes=digest.digest()[:16], version=5)}"


def _document(uid: str, file_name: str, xhtml: str, properties: list[str] | None = None) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=xhtml.encode("utf-8"))
    item.properties = properties or []
    return item


def _add_accessibility_metadata(book: epub.EpubBook) -> None:
    for prop, value in (
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", "Text with headings, a navigable table of contents and reading order as printed."),
    ):
        book.add_metadata(None, "meta", value, {"property": prop})


def _package(book: epub.EpubBook, modified: datetime) -> bytes:
    buffer = io.BytesIO()
    writer = epub.EpubWriter(buffer, book, {"mtime": modified, "raise_exceptions": True, "epub2_guide": False})
    writer.process()
    try:
        writer.write()
    except Exception as error:  # ebooklib raises whatever its zip and lxml calls raise
        raise OutputError(f"EPUB packaging failed: {error}") from None
    return _repack_deterministically(buffer.getvalue())


def _repack_deterministically(data: bytes) -> bytes:
    """The same zip with fixed timestamps and the ``mimetype`` entry first and stored."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = ["mimetype"] + [name for name in names if name != "mimetype"]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name), compresslevel=9 if name != "mimetype" else None)
    return output.getvalue()
