"""Rendering: a publication through a layout's Jinja templates."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from publisher.cache import Cache
from publisher.errors import InputError
from publisher.model import Figure, Publication, instant
from publisher.render.context import PublicationView, publication_view
from publisher.render.environment import make_environment, render_file, render_template
from publisher.render.fonts import FontFace, font_face_css, sfnt_kind, subset_font
from publisher.render.labels import labels_for
from publisher.render.languages import text_direction
from publisher.render.layout import Layout
from publisher.render.options import BOOKLET_PAGE_SIZE, PageSettings, PrintOptions
from publisher.render.print_part import WHOLE_DOCUMENT
from publisher.render.quotes import typographic_publication
from publisher.render.text import publication_codepoints

# Spaces, joiners and the dotted circle HarfBuzz shows for a lone mark: a fallback face's
# subset keeps them, so its runs (Arabic, Khmer) shape as the whole font would shape them.
_SHAPING_CHARACTERS = frozenset({0x20, 0xA0, 0x200B, 0x200C, 0x200D, 0x2060, 0x25CC})
_CJK_START = 0x2E80  # CJK radicals onwards: blocks too large to keep whole, and not decomposed by shapers
# What hyphenation adds to the text (the hyphen WeasyPrint and browsers draw at a break).
_HYPHENS = frozenset({0x2D, 0x2010})
_FALLBACK_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
ImageHref = Callable[[Figure], str | None]


def build_moment(publication: Publication) -> datetime:
    """The moment a build is stamped with: SOURCE_DATE_EPOCH, else the newest content date.

    Never the clock: two builds of the same inputs must be byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    dates = [a.published.value for a in publication.articles if a.published]
    if publication.date:
        dates.append(publication.date)
    return max(instant(d) for d in dates).astimezone(UTC) if dates else _FALLBACK_MOMENT


def _whole_blocks(points: frozenset[int], coverage: frozenset[int]) -> frozenset[int]:
    """What ``coverage`` has of each 128-character block (below CJK) holding one of
    ``points``: a shaper puts in characters the text does not hold (Thai and Lao SARA AM
    become NIKHAHIT and SARA AA, Khmer split vowels their pre-base part), so a Thai,
    Lao, Khmer, Arabic or Hebrew subset keeps its whole small block."""
    blocks = {point >> 7 for point in points if point < _CJK_START}
    return frozenset(point for point in coverage if point < _CJK_START and point >> 7 in blocks)


class _WhenPrinted:
    """Text made when a template prints it."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    def __str__(self) -> str:
        return self._make()

    def __html__(self) -> str:
        return self._make()


@dataclass(frozen=True)
class Renderer:
    """A publication and a layout, ready to render any of the layout's templates."""

    publication: Publication
    layout: Layout
    print_options: PrintOptions = field(default_factory=PrintOptions)
    cache: Cache | None = None  # where font subsets are kept between builds; None: made anew

    @cached_property
    def environment(self) -> jinja2.Environment:
        return make_environment(self.layout, self.cache)

    @cached_property
    def view(self) -> PublicationView:
        return publication_view(self.publication)

    @cached_property
    def modified(self) -> datetime:
        return build_moment(self.publication)

    @cached_property
    def page(self) -> PageSettings:
        """Layout defaults, overridden by the manifest, overridden by the command line."""
        manifest = self.publication.layout_options
        options = self.print_options
        if self.publication.cover == "none":
            cover = False
        elif self.publication.cover in ("generated", "image"):
            cover = True
        else:
            cover = self.layout.cover_page == "always"
        booklet_size = BOOKLET_PAGE_SIZE if options.impose == "booklet" else None
        return PageSettings(
            size=options.page_size or booklet_size or manifest.page_size or self.layout.page_size,
            columns=manifest.columns or self.layout.columns,
            font_size=manifest.font_size or self.layout.font_size,
            bleed=options.bleed,
            marks=options.marks,
            mirror_margins=options.mirror_margins,
            cover=cover,
            openings=manifest.openings or self.layout.openings,
            text_align=manifest.text_align or self.layout.text_align,
        )

    @cached_property
    def codepoints(self) -> frozenset[int]:
        """Every character the publication holds as printed (typographic quotes
        included): what font subsets must keep."""
        return publication_codepoints(typographic_publication(self.publication))

    @cached_property
    def cased_codepoints(self) -> frozenset[int]:
        """The publication's characters in both cases: the layouts set labels and kickers
        in capitals (text-transform), which a subset must be able to draw ("Bản" as "BẢN")."""
        cased = {ord(other) for point in self.codepoints for other in chr(point).upper() + chr(point).lower()}
        return self.codepoints | cased

    @cached_property
    def used_fonts(self) -> tuple[FontFace, ...]:
        """The text faces, and the fallback faces this publication's characters need
        (faces no character needs are never read: a CJK collection is 20 MB)."""
        return self.layout.fonts + self.layout.fallback_faces_for(self.codepoints - self.layout.primary_codepoints)

    def font_subset(self, face: FontFace, flavor: str | None = None, with_base: bool = True) -> bytes:
        """``face`` cut down to the characters this publication holds; a fallback face to
        those it may be asked for (what the text faces lack, and what shapes a run)."""
        if face in self.layout.fonts:
            return subset_font(face, self.cased_codepoints | _HYPHENS, flavor, with_base, self.cache)
        needed = self.codepoints - self.layout.primary_codepoints
        return subset_font(face, needed | _SHAPING_CHARACTERS | _whole_blocks(needed, face.codepoints), flavor, False, self.cache)

    def font_url(self, face: FontFace) -> str:
        """Where WeasyPrint reads ``face``: its own file; for a face of a collection (which
        WeasyPrint cannot pick out of it) this publication's subset of it, as a font file
        of its own named by its content (so the document, and the PDF, are the same
        whether it lies in the cache or in a temporary folder)."""
        if not face.in_collection:
            return face.path.as_uri()
        data = self.font_subset(face, with_base=False)
        return self._face_files.file(hashlib.sha256(data).hexdigest() + sfnt_kind(data)[1], data).as_uri()

    def print_fonts_css(self) -> str:
        """The ``@font-face`` rules WeasyPrint reads: each face's file (it subsets them)."""
        def font_format(face: FontFace) -> str:
            return sfnt_kind(self.font_subset(face, with_base=False))[0] if face.in_collection else "truetype"

        return font_face_css(self.used_fonts, self.font_url, font_format)

    @property
    def font_roots(self) -> tuple[Path, ...]:
        """Folders besides the shipped fonts that WeasyPrint must be allowed to read fonts
        from: where this publication's faces taken out of collections are, and the files
        of the system's faces it uses (each file alone, not its folder)."""
        collections = (Path(self._face_files.root),) if any(face.in_collection for face in self.used_fonts) else ()
        system_files = tuple(face.path for face in self.used_fonts if face.system and not face.in_collection)
        return (*collections, *system_files)

    @cached_property
    def _face_files(self) -> Cache:
        """Where faces taken out of collections are put: the cache, or a temporary one
        that lasts as long as this renderer (also beside a cache at a URL: WeasyPrint
        reads local files)."""
        if self.cache is not None and self.cache.local:
            return self.cache
        return Cache(Path(self._scratch_folder.name))

    @cached_property
    def _scratch_folder(self) -> tempfile.TemporaryDirectory[str]:
        return tempfile.TemporaryDirectory(prefix="publisher-faces-")

    def fallback_families(self, role: str) -> str:
        """The fallback families of ``role`` for a CSS font-family list, each followed by a comma."""
        return "".join(f'"{family}", ' for family in dict.fromkeys(f.family for f in self.layout.fallback_stack(role)))

    def render(self, template: str, image_href: ImageHref | None = None, **extra: Any) -> str:
        """``template`` rendered with the context every layout may use (``docs/layouts.md``
        lists it), and ``extra``: what the writer of a format gives its own templates."""
        view = publication_view(self.publication, image_href) if image_href else self.view
        context: dict[str, Any] = {
            "publication": self.publication,
            "pub": view,
            "layout": self.layout,
            "page": self.page,
            "labels": labels_for(self.publication.language),
            "modified": self.modified,
            "pagebreaks": {},
            "print_part": WHOLE_DOCUMENT,
            # Families for the text faces' font lists, and for the display faces' (titles, labels).
            "fallback_families": self.fallback_families("text"),
            "sans_fallback_families": self.fallback_families("display"),
            "text_direction": text_direction,
        }
        context.update(extra)
        # Read and rendered only by a template that prints it (a document's styles, not
        # each EPUB chapter).
        context["extra_css"] = _WhenPrinted(lambda: self._extra_css(context))
        return render_template(self.environment, template, **context)

    def _extra_css(self, context: dict[str, Any]) -> str:
        """The stylesheets added after the layout's: the layout's own (templates, seeing
        what the layout's do), then the manifest's (plain CSS)."""
        sheets = [render_file(self.environment, path, **context) for path in self.layout.stylesheets]
        if sheet := self.publication.layout_options.stylesheet:
            try:
                sheets.append(sheet.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(f"cannot read the stylesheet: {error}", sheet) from None
        return "\n".join(sheets)
