"""When a publication's PDF is laid out in parts, and where it is cut."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from publisher.model import Figure, Heading, ListBlock, Paragraph, Quote
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
    not either. Within those bounds the cuts balance the parts' expected layout work
    (``layout_work``): the slowest part sets when the last one ends."""

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


# What an article costs WeasyPrint beside its text, in characters of running text that
# take as long: its head and first page, a figure (an image decoded, placed and drawn
# around), a subheading, a list item. Measured on the benchmark's corpus, roughly.
_ARTICLE_WORK = 600
_FIGURE_WORK = 1500
_HEADING_WORK = 120
_ITEM_WORK = 40


def layout_work(article: ArticleView) -> int:
    """The layout work an article is expected to take, in characters of running text:
    its text, and what its figures, subheadings and lists add."""
    text = article.article
    work = _ARTICLE_WORK + len(text.title) + len(text.lead or "") + len(text.subtitle or "") + len(text.kicker or "")
    for block in text.body:
        if isinstance(block, (Paragraph, Quote)):
            work += len(block.text)
        elif isinstance(block, Heading):
            work += _HEADING_WORK + len(block.text)
        elif isinstance(block, Figure):
            work += _FIGURE_WORK + len(block.caption)
        elif isinstance(block, ListBlock):
            work += sum(_ITEM_WORK + len(item) for item in block.items)
    return work


def cut(articles: Sequence[ArticleView], plan: PartPlan) -> list[tuple[ArticleView, ...]]:
    """Consecutive runs, as many as runs of about equal size would make, cut where the
    heaviest run's layout work is least. A run holds at most ``max_articles`` articles,
    and at least ``min_articles`` unless its articles are long: as much work as that many
    articles of average length (a part's fixed costs are then a small share of it)."""
    if not articles:
        return []
    total = len(articles)
    size = min(plan.max_articles, max(plan.min_articles, math.ceil(total / plan.target_parts)))
    count = math.ceil(total / size)
    fewest, most = min(plan.min_articles, total // count), max(plan.max_articles, math.ceil(total / count))
    bounds = _balanced_bounds([layout_work(article) for article in articles], count, fewest, most)
    return [tuple(articles[bounds[i] : bounds[i + 1]]) for i in range(count)]


def _balanced_bounds(work: list[int], count: int, fewest: int, most: int) -> list[int]:
    """Where to cut ``work`` into ``count`` consecutive runs of at most ``most`` items,
    and at least ``fewest`` or the work of that many average items, so that the heaviest
    run is as light as can be: a dynamic programme over (runs made, items taken). Ties go
    to the earliest cut, so the cuts are a function of the work alone."""
    total = len(work)
    sums = [0]
    for value in work:
        sums.append(sums[-1] + value)
    enough = fewest * sums[-1] / total  # the work of ``fewest`` average items
    unreachable = math.inf
    # best[k][i]: the lightest heaviest run of k runs over the first i items; cut_at: its last cut.
    best = [[unreachable] * (total + 1) for _ in range(count + 1)]
    cut_at = [[0] * (total + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for runs in range(1, count + 1):
        for end in range(runs, total + 1):
            for start in range(max(0, end - most), end):
                previous = best[runs - 1][start]
                if previous == unreachable or (end - start < fewest and sums[end] - sums[start] < enough):
                    continue
                heaviest = max(previous, sums[end] - sums[start])
                if heaviest < best[runs][end]:
                    best[runs][end], cut_at[runs][end] = heaviest, start
    if best[count][total] == unreachable:  # cannot happen with the bounds ``cut`` gives; plain runs then
        return [round(i * total / count) for i in range(count + 1)]
    bounds = [total]
    for runs in range(count, 0, -1):
        bounds.append(cut_at[runs][bounds[-1]])
    return bounds[::-1]


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
