"""Rendering: a publication through a layout's Jinja templates."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from typing import Any

import jinja2

from publisher.cache import Cache
from publisher.model import Figure, Publication
from publisher.render.context import PublicationView, publication_view
from publisher.render.environment import make_environment, render_template
from publisher.render.fonts import FontFace, subset_font
from publisher.render.labels import labels_for
from publisher.render.layout import Layout
from publisher.render.options import PageSettings, PrintOptions
from publisher.render.text import publication_codepoints

_FALLBACK_MOMENT = datetime(2000, 1, 1, tzinfo=timezone.utc)
ImageHref = Callable[[Figure], str | None]


def build_moment(publication: Publication) -> datetime:
    """The moment a build is stamped with: SOURCE_DATE_EPOCH, else the newest content date.

    Never the clock: two builds of the same inputs must be byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    dates = [a.published.value for a in publication.articles if a.published]
    if publication.date:
        dates.append(publication.date)
    return max(dates).astimezone(timezone.utc) if dates else _FALLBACK_MOMENT


def _no_page_number(anchor: str) -> str:
    return ""


@dataclass(frozen=True)
class Renderer:
    """A publication and a layout, ready to render any of the layout's templates."""

    publication: Publication
    layout: Layout
    print_options: PrintOptions = field(default_factory=PrintOptions)
    cache: Cache | None = None  # where font subsets are kept between builds; None: made anew

    @cached_property
    def environment(self) -> jinja2.Environment:
        return make_environment(self.layout, self.cache.root / "templates" if self.cache else None)

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
        return PageSettings(
            size=options.page_size or manifest.page_size or self.layout.page_size,
            columns=manifest.columns or self.layout.columns,
            font_size=manifest.font_size or self.layout.font_size,
            bleed=options.bleed,
            marks=options.marks,
            mirror_margins=options.mirror_margins,
            cover=cover,
        )

    @cached_property
    def codepoints(self) -> frozenset[int]:
        """Every character the publication holds: what font subsets must keep."""
        return publication_codepoints(self.publication)

    @cached_property
    def used_fonts(self) -> tuple[FontFace, ...]:
        """The text faces, and the fallback faces this publication's characters need."""
        used = self.codepoints
        primary = frozenset.intersection(*(face.codepoints for face in self.layout.fonts)) if self.layout.fonts else frozenset()
        needed = used - primary
        return self.layout.fonts + tuple(face for face in self.layout.fallback_fonts if face.codepoints & needed)

    def font_subset(self, face: FontFace, flavor: str | None = None, with_base: bool = True) -> bytes:
        """``face`` cut down to the characters this publication holds."""
        return subset_font(face, self.codepoints, flavor, with_base, self.cache)

    def render(self, template: str, image_href: ImageHref | None = None, **extra: Any) -> str:
        view = publication_view(self.publication, image_href) if image_href else self.view
        context: dict[str, Any] = {
            "publication": self.publication,
            "pub": view,
            "layout": self.layout,
            "page": self.page,
            "labels": labels_for(self.publication.language),
            "modified": self.modified,
            "pagebreaks": {},
            # A large PDF laid out in parts (see publisher.writers.parts): which part this
            # document is ("front", "body" or None for the whole), where parts start, and the
            # contents' page numbers when they are known before layout.
            "document_part": None,
            "parted": False,
            "part_starts": frozenset(),
            "contents": None,
            "carried": "",
            "toc_page": _no_page_number,
            "fallback_families": "".join(f'"{family}", ' for family in dict.fromkeys(f.family for f in self.layout.fallback_fonts)),
        }
        context.update(extra)
        return render_template(self.environment, template, **context)
