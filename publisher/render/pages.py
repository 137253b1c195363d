"""Where each printed page begins in the text: the first block that starts on it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publisher.engine import Document
    from publisher.render import Renderer


@dataclass(frozen=True)
class PageStart:
    label: str  # the page number as printed
    anchor: str | None  # the first block starting on that page; None for front matter


def page_labels(count: int, front_matter: int) -> list[str]:
    """Printed page numbers: roman for ``front_matter`` pages, then arabic from 1."""
    return [_roman(n + 1) if n < front_matter else str(n - front_matter + 1) for n in range(count)]


def _roman(number: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, numeral in numerals:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def page_starts(document: Document, renderer: Renderer) -> tuple[PageStart, ...]:
    """For each page of a rendered WeasyPrint document, its label and first block anchor."""
    return page_starts_from_anchors([tuple(page.anchors) for page in document.pages], renderer)


def page_starts_from_anchors(pages: Sequence[Iterable[str]], renderer: Renderer) -> tuple[PageStart, ...]:
    """For each page, given the anchors on it, its label and first block anchor.

    A page that continues one block from the page before has no block start of its own;
    it is tied to the next block that starts, so page markers stay in reading order.
    """
    order = {anchor: index for index, anchor in enumerate(_document_anchors(renderer))}
    firsts: list[str | None] = []
    for anchors in pages:
        on_page = [anchor for anchor in anchors if anchor in order]
        firsts.append(min(on_page, key=order.__getitem__) if on_page else None)
    front = 0
    if renderer.layout.front_matter_roman:
        front = next((i for i, first in enumerate(firsts) if first is not None), len(firsts))
    labels = page_labels(len(firsts), front)
    return tuple(PageStart(label=label, anchor=first) for label, first in zip(labels, firsts, strict=True))


def _document_anchors(renderer: Renderer) -> list[str]:
    anchors = []
    for section in renderer.view.sections:
        if section.title:
            anchors.append(section.anchor)
        for article in section.articles:
            anchors.append(article.anchor)
            anchors += [block.anchor for block in article.blocks]
    return anchors
