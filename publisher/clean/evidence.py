"""What a saved HTML page says about itself beyond its lines (a plain-text dump says nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.model import PrintedDate


@dataclass(frozen=True)
class PageEvidence:
    """What a saved HTML page says about itself, beyond its lines."""

    page_title: str | None = None  # the <title>; None: the first line is the page title
    titles: tuple[str, ...] = ()  # og:title, h1: other spellings of the title
    lead_hint: str | None = None  # the meta description, often the lead (maybe cut short)
    site_name: str | None = None
    url: str | None = None
    published: PrintedDate | None = None  # from the page's metadata: used when none is printed
    sections: tuple[str, ...] = ()  # section names from the metadata (article:section and the like)
    has_extractor: bool = False  # lines carry the extractor's verdict (Line.main)
