"""When a publication's PDF is laid out in parts, and where it is cut."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from publisher.render.context import ArticleView, PublicationView, SectionView

if TYPE_CHECKING:
    from publisher.render import Renderer


@dataclass(frozen=True)
class PartPlan:
    """``threshold``: publications with fewer articles are laid out in one piece (there
    the parts' fixed costs outweigh what they save). A part holds ``min_articles`` to
    ``max_articles`` articles, about an ``target_parts``-th of the publication: the cap
    bounds each process's memory however large the publication grows. The cuts depend on
    the publication alone, never on how many processes lay the parts out, so the PDF does
    not either."""

    threshold: int = 40
    min_articles: int = 8
    max_articles: int = 20
    target_parts: int = 8


def why_in_one_piece(renderer: Renderer, plan: PartPlan) -> str | None:
    """Why this publication's PDF is laid out in one piece, or None: in parts."""
    layout, options = renderer.layout, renderer.print_options
    if layout.part_break == "none":
        return f"layout '{layout.name}' has no part breaks"
    if len(renderer.publication.articles) < plan.threshold:
        return "too few articles"
    if options.pdf_variant is not None:  # their metadata and output intents are written for one document
        return f"{options.pdf_variant} is written in one piece"
    if options.mirror_margins and layout.part_break != "right":
        return "mirrored margins need each part to start on a known side"
    return None


def cut(articles: Sequence[ArticleView], plan: PartPlan) -> list[tuple[ArticleView, ...]]:
    """Consecutive runs of about equal size."""
    if not articles:
        return []
    size = min(plan.max_articles, max(plan.min_articles, math.ceil(len(articles) / plan.target_parts)))
    count = math.ceil(len(articles) / size)
    bounds = [round(i * len(articles) / count) for i in range(count + 1)]
    return [tuple(articles[bounds[i] : bounds[i + 1]]) for i in range(count)]


def start_anchor(view: PublicationView, articles: tuple[ArticleView, ...]) -> str:
    """Where a part begins: the title of the section its first article opens, or that article."""
    for section in view.sections:
        if section.articles and section.articles[0] is articles[0] and section.title:
            return section.anchor
    return articles[0].anchor


def part_view(view: PublicationView, articles: tuple[ArticleView, ...]) -> PublicationView:
    """The publication as one part holds it: its articles in their sections; a section
    begun in an earlier part goes on without its title."""
    wanted = {article.anchor for article in articles}
    sections = []
    for section in view.sections:
        kept = tuple(article for article in section.articles if article.anchor in wanted)
        if kept:
            continued = kept[0] is not section.articles[0]
            sections.append(SectionView(title=section.title, anchor=section.anchor, articles=kept, continued=continued))
    return PublicationView(publication=view.publication, sections=tuple(sections))
