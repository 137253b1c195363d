"""The values that flow through the pipeline: articles, their blocks, publications.

All are frozen dataclasses: each stage returns new values and never edits old ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# An agency prefix opens a lead: "LSO-", "(Dân trí) -", "(NLĐO) -", "(TNO)", "TTO -".
AGENCY_PREFIX = re.compile(
    r"^(?:\((?P<paren>[^()\n]{2,20})\)\s*[-–—]?\s*|(?P<caps>[A-ZĐ][A-ZĐ0-9]{1,7})\s*[-–—]\s*)"
)


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Figure:
    caption: str
    src: str | None = None  # as the source wrote it, relative to the article file
    alt: str | None = None
    image: Path | None = None  # the local file ``src`` names, once checked at assembly


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False


Block = Paragraph | Heading | Figure | Quote | ListBlock


def instant(moment: datetime) -> datetime:
    """``moment`` as an aware datetime, for ordering moments: one printed without a time
    zone (naive) is taken as UTC. Never shown to a reader."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class PrintedDate:
    """A date as the site printed it, with the moment it names: aware when the page (or
    the site's profile) gives a time zone, naive otherwise."""

    value: datetime
    printed: str

    @property
    def instant(self) -> datetime:
        return instant(self.value)


@dataclass(frozen=True)
class Source:
    name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    title: str
    body: tuple[Block, ...] = ()
    kicker: str | None = None
    subtitle: str | None = None
    published: PrintedDate | None = None
    authors: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)
    language: str = "vi"
    lead: str | None = None
    path: Path | None = None

    @property
    def lead_parts(self) -> tuple[str | None, str | None]:
        """The lead split into its agency prefix (as printed) and the rest."""
        if not self.lead:
            return None, self.lead
        match = AGENCY_PREFIX.match(self.lead)
        if not match or match.end() >= len(self.lead):
            return None, self.lead
        return self.lead[: match.end()], self.lead[match.end() :]

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(block for block in self.body if isinstance(block, Heading))


@dataclass(frozen=True)
class Section:
    """A run of consecutive articles of a publication under one title."""

    title: str | None
    size: int


@dataclass(frozen=True)
class LayoutOptions:
    page_size: str | None = None
    columns: int | None = None
    font_size: str | None = None
    openings: str | None = None  # "right" or "any"
    text_align: str | None = None  # "justify" or "start"
    stylesheet: Path | None = None  # a CSS file of the publication's, applied after the layout's


@dataclass(frozen=True)
class Publication:
    title: str
    articles: tuple[Article, ...]
    subtitle: str | None = None
    date: datetime | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    language: str = "vi"
    layout: str = "bulletin"
    issue: str | None = None
    editors: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()  # empty: one untitled run of all articles
    layout_options: LayoutOptions = field(default_factory=LayoutOptions)
    formats: tuple[str, ...] = ()  # empty: whatever the build asks for
    cover: str | None = None  # "generated" or "none" from a manifest; None: the layout decides
    cover_image: Path | None = None
    folder: Path | None = None  # the publication's own folder: the root its files may come from
    resource_roots: tuple[Path, ...] = ()  # other folders a build may read (fetched images)

    def grouped(self) -> tuple[tuple[Section, tuple[Article, ...]], ...]:
        """Sections with their articles, in order."""
        sections = self.sections or (Section(title=None, size=len(self.articles)),)
        groups = []
        start = 0
        for section in sections:
            groups.append((section, self.articles[start : start + section.size]))
            start += section.size
        return tuple(groups)
