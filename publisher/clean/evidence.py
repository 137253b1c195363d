"""What a saved HTML page says about itself beyond its lines (a plain-text dump says nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.clean.floor import ExtractedText
from publisher.model import PrintedDate


@dataclass(frozen=True)
class PageEvidence:
    """What a saved HTML page says about itself, beyond its lines: its metadata (JSON-LD,
    OpenGraph, meta tags) and what the extractor took for its main text."""

    page_title: str | None = None  # the <title>; None: a page dump, which has no <title>
    titles: tuple[str, ...] = ()  # the headline, og:title, h1: other spellings of the title
    headline: str | None = None  # the article's headline as its metadata gives it
    lead_hint: str | None = None  # the meta description, often the lead (maybe cut short)
    site_name: str | None = None
    url: str | None = None
    published: PrintedDate | None = None  # from the page's metadata: used when none is printed
    authors: tuple[str, ...] = ()  # from the page's metadata
    author_about: tuple[str, ...] = ()  # the authors' biographies, as the metadata gives them
    sections: tuple[str, ...] = ()  # section names from the metadata (article:section and the like)
    language: str | None = None  # as the page declares it (<html lang>, og:locale, inLanguage)
    is_article: bool = False  # the metadata says the page is an article
    kind: str | None = None  # what the metadata says the page is instead: thread, listing, video
    has_extractor: bool = False  # lines carry the extractor's verdict (Line.main)
    extracted: ExtractedText | None = None  # the extractor's main text: the body's floor
    site_profile: str | None = None  # the site profile of the page's address, when one is known
    profile_body: frozenset[str] = frozenset()  # lines the site profile's body selector takes

    @property
    def is_page_dump(self) -> bool:
        return self.page_title is None
