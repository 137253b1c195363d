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
import mimetypes
import uuid
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ebooklib import epub
from lxml import etree

from publisher.errors import OutputError
from publisher.model import Figure, Publication
from publisher.render import Renderer
from publisher.render.context import ArticleView, BlockView, PublicationView, SectionView, publication_view
from publisher.render.cover import cover_png
from publisher.render.fonts import FontFace, font_face_css, sfnt_kind
from publisher.render.labels import labels_for
from publisher.render.pages import PageStart
from publisher.resources import builtin_layouts_dir
from publisher.writers.base import Writer, WriterResult

_STYLESHEET = "css/publication.css"
_PACKAGE_DOCUMENT = "EPUB/content.opf"  # where ebooklib puts it
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# What Ace by DAISY (tests/test_ace.py) and EPUBCheck check every built-in layout's EPUB for.
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


class EpubWriter(Writer):
    format_name = "epub"
    suffix = ".epub"

    def __init__(self, print_pages: tuple[PageStart, ...] = ()) -> None:
        self.print_pages = print_pages

    def write(self, renderer: Renderer) -> WriterResult:
        publication = renderer.publication
        book = epub.EpubBook()
        identifier = content_identifier(renderer)
        book.set_identifier(identifier)
        book.set_title(publication.title)
        book.set_language(publication.language)
        for language in publication_languages(publication)[1:]:
            book.add_metadata("DC", "language", language)
        for number, author in enumerate(publication.authors, start=1):
            book.add_author(author, uid=f"creator-{number}")
        if publication.publisher:
            book.add_metadata("DC", "publisher", publication.publisher)
        if publication.date:
            book.add_metadata("DC", "date", publication.date.date().isoformat())
        if publication.subtitle:
            book.add_metadata("DC", "description", publication.subtitle)

        images = _ImageItems()
        described = True  # every picture has a caption or alt text
        for article in renderer.view.articles:
            for block in article.blocks:
                if isinstance(block.block, Figure) and block.block.image:
                    images.add(block.block.image)
                    described = described and bool(block.block.caption or block.block.alt)
        _add_accessibility_metadata(book, has_images=bool(images.items), described=described, print_pages=bool(self.print_pages),
                                    title=publication.title, conforms=described and checked_layout(renderer))

        subsets = {face: renderer.font_subset(face) for face in renderer.used_fonts}
        font_items = [
            epub.EpubItem(uid=f"font-{number}", file_name=_font_file_name(face, data), media_type=sfnt_kind(data)[2],
                          content=data)
            for number, (face, data) in enumerate(subsets.items(), start=1)
        ]
        fonts_css = font_face_css(subsets, lambda face: "../" + _font_file_name(face, subsets[face]),
                                  lambda face: sfnt_kind(subsets[face])[0])
        stylesheet = epub.EpubItem(uid="stylesheet", file_name=_STYLESHEET, media_type="text/css",
                                   content=(fonts_css + renderer.render("epub.css")).encode("utf-8"))
        cover_image = self._cover_image(renderer)

        def chapter_href(article: ArticleView, heading: BlockView | None) -> str:
            return article.chapter_file + (f"#{heading.anchor}" if heading else "")

        def section_href(section: SectionView) -> str:
            return f"{section.anchor}.xhtml"

        pagebreaks, front_pages = _pagebreaks(self.print_pages)
        common = {
            "stylesheet": _STYLESHEET,
            "identifier": identifier,
            "toc_href": chapter_href,
            "section_href": section_href if renderer.view.titled_sections else None,
            "cover_src": cover_image.file_name,
            "page_list": self._page_list(renderer.view, section_href),
            "front_pages": front_pages,
            "pagebreaks": pagebreaks,
            "alt_beside_caption": "",  # a picture's caption speaks for it (layouts/bulletin/_article.html)
        }
        # The chapters' own view: figures point at the images copied into the EPUB.
        view = publication_view(publication, lambda figure: images.href(figure.image))
        cover = _document("cover", "cover.xhtml", renderer.render("epub/cover.xhtml", **common))
        nav = _document("nav", "nav.xhtml", renderer.render("epub/nav.xhtml", **common), properties=["nav"])
        documents = []
        for section in view.sections:
            if view.titled_sections:
                documents.append(_document(section.anchor, section_href(section),
                                           renderer.render("epub/section.xhtml", section=section, **common)))
            for article in section.articles:
                xhtml = renderer.render("epub/chapter.xhtml", a=article, **common)
                documents.append(_document(f"chapter-{article.number}", article.chapter_file, xhtml))
        ncx = epub.EpubItem(uid="ncx", file_name="toc.ncx", media_type="application/x-dtbncx+xml",
                            content=renderer.render("epub/toc.ncx", **common).encode("utf-8"))

        for item in (stylesheet, *font_items, cover_image, *images.items, cover, nav, *documents, ncx):
            book.add_item(item)
        book.spine = [cover, nav, *documents]
        book.guide = []
        return self._only(_package(book, renderer.modified, publication.language))

    def _cover_image(self, renderer: Renderer) -> epub.EpubItem:
        publication = renderer.publication
        if publication.cover_image:
            suffix = publication.cover_image.suffix.lower().replace(".jpeg", ".jpg")
            content = publication.cover_image.read_bytes()
        else:
            suffix = ".png"
            display_fallbacks = renderer.layout.fallback_stack("display")
            content = cover_png(publication, renderer.layout.fonts, labels_for(publication.language), renderer.cache,
                                tuple(face for face in renderer.used_fonts if face in display_fallbacks))
        media_type = "image/png" if suffix == ".png" else "image/jpeg"
        item = epub.EpubItem(uid="cover-image", file_name=f"images/cover{suffix}", media_type=media_type, content=content)
        item.properties = ["cover-image"]
        return item

    def _page_list(self, view: PublicationView, section_href: Callable[[SectionView], str]) -> list[tuple[str, str]]:
        """(label, href) for each print page that starts in the text."""
        files: dict[str, str] = {}
        for section in view.sections:
            if section.title:
                files[section.anchor] = section_href(section)
            for article in section.articles:
                files[article.anchor] = article.chapter_file
                for block in article.blocks:
                    files[block.anchor] = article.chapter_file
        pages = []
        for start in self.print_pages:
            anchor = _resolved_anchor(start, self.print_pages)
            href = f"{files[anchor]}#page-{start.label}" if anchor in files else f"nav.xhtml#page-{start.label}"
            pages.append((start.label, href))
        return pages


def _resolved_anchor(start: PageStart, pages: tuple[PageStart, ...]) -> str | None:
    """A page with no block start of its own is marked before the next block that starts."""
    index = pages.index(start)
    for later in pages[index:]:
        if later.anchor:
            return later.anchor
    return None


def _pagebreaks(pages: tuple[PageStart, ...]) -> tuple[dict[str, list[str]], list[str]]:
    """Page labels to mark before each anchor; and labels of pages before any text (front)."""
    marks: dict[str, list[str]] = {}
    front: list[str] = []
    for start in pages:
        anchor = _resolved_anchor(start, pages)
        if anchor is None:
            front.append(start.label)
        else:
            marks.setdefault(anchor, []).append(start.label)
    return marks, front


class _ImageItems:
    """Local images copied into the EPUB once each, under stable names."""

    def __init__(self) -> None:
        self.items: list[epub.EpubItem] = []
        self._names: dict[Path, str] = {}

    def add(self, path: Path) -> None:
        if path in self._names:
            return
        number = len(self._names) + 1
        suffix = path.suffix.lower().replace(".jpeg", ".jpg")
        name = f"images/image-{number:03d}{suffix}"
        media_type = mimetypes.types_map.get(suffix, "image/jpeg") if suffix != ".webp" else "image/webp"
        try:
            content = path.read_bytes()
        except OSError as error:
            raise OutputError(f"cannot read the image: {error.strerror}", path) from None
        self._names[path] = name
        self.items.append(epub.EpubItem(uid=f"image-{number}", file_name=name, media_type=media_type, content=content))

    def href(self, path: Path | None) -> str | None:
        return self._names.get(path) if path is not None else None


def publication_languages(publication: Publication) -> list[str]:
    """Every language of the publication, its own first, each once."""
    return list(dict.fromkeys([publication.language, *(article.language for article in publication.articles)]))


def _font_file_name(face: FontFace, data: bytes) -> str:
    return f"fonts/{face.path.stem}{sfnt_kind(data)[1]}"


def content_identifier(renderer: Renderer) -> str:
    """A stable identifier: the same publication content always gets the same one."""
    digest = hashlib.sha256()
    publication = renderer.publication
    parts = (publication.title, publication.subtitle or "", publication.issue or "", publication.language, renderer.layout.name)
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    for article in publication.articles:
        digest.update(repr((article.title, article.lead, article.body, article.authors)).encode("utf-8"))
    return f"urn:uuid:{uuid.UUID(bytes=digest.digest()[:16], version=5)}"


def _document(uid: str, file_name: str, xhtml: str, properties: list[str] | None = None) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=file_name, media_type="application/xhtml+xml", content=xhtml.encode("utf-8"))
    item.properties = properties or []
    return item


def checked_layout(renderer: Renderer) -> bool:
    """Whether the EPUB is made only of what the tests check with Ace by DAISY: a built-in
    layout's templates and styles, with no stylesheet added by a layout or a manifest."""
    builtin = builtin_layouts_dir().resolve()
    layout = renderer.layout
    return (all(folder.resolve().parent == builtin for folder in layout.template_dirs)
            and not layout.stylesheets and renderer.publication.layout_options.stylesheet is None)


def _add_accessibility_metadata(book: epub.EpubBook, has_images: bool, described: bool, print_pages: bool, title: str,
                                conforms: bool) -> None:
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if has_images and described:
        features.append("alternativeText")
    if print_pages:
        features += ["printPageNumbers", "pageNavigation"]
    modes = ["textual"] + (["visual"] if has_images else [])
    summary = "Text with headings, a navigable table of contents and the reading order of the print edition."
    if print_pages:
        summary += " Page markers follow the printed edition."
    entries = [("schema:accessMode", mode) for mode in modes]
    entries += [("schema:accessModeSufficient", "textual")]
    entries += [("schema:accessibilityFeature", feature) for feature in features]
    entries += [("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", summary)]
    if print_pages:
        entries.append(("pageBreakSource", f"{title} (PDF)"))
    if conforms:
        # Self-declared, so no a11y:certifiedBy: no third party evaluated it.
        entries.append(("dcterms:conformsTo", CONFORMANCE))
    for prop, value in entries:
        book.add_metadata(None, "meta", value, {"property": prop})


def _package(book: epub.EpubBook, modified: datetime, language: str) -> bytes:
    buffer = io.BytesIO()
    # Stored, not compressed: the repacking below compresses each entry once.
    writer = epub.EpubWriter(buffer, book, {"mtime": modified, "raise_exceptions": True, "epub2_guide": False,
                                            "compresslevel": 0})
    writer.process()
    try:
        writer.write()
    except Exception as error:  # ebooklib raises whatever its zip and lxml calls raise
        raise OutputError(f"EPUB packaging failed: {error}") from None
    return _repack_deterministically(buffer.getvalue(), {_PACKAGE_DOCUMENT: lambda opf: _with_language(opf, language)})


def _with_language(opf: bytes, language: str) -> bytes:
    """The package document with ``xml:lang`` on ``<package>``, which ebooklib never writes
    (reading systems and Ace take the metadata's language from it)."""
    root = etree.fromstring(opf)
    root.set(_XML_LANG, language)
    return bytes(etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True))


def _repack_deterministically(data: bytes, rewrites: dict[str, Callable[[bytes], bytes]]) -> bytes:
    """The same zip with fixed timestamps and the ``mimetype`` entry first and stored,
    each entry named in ``rewrites`` passed through its function."""
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
            content = source.read(name)
            if name in rewrites:
                content = rewrites[name](content)
            target.writestr(info, content, compresslevel=6 if name != "mimetype" else None)
    return output.getvalue()
