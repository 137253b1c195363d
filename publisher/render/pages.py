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


def label_ranges(labels: Sequence[str]) -> list[tuple[int, str, int]]:
    """The PDF ``/PageLabels`` ranges that give ``labels``: (first page index, style
    ``r`` for lower roman or ``D`` for decimal, first number). Labels are those of
    ``page_labels``; a new range starts where the style changes or the count jumps."""
    ranges: list[tuple[int, str, int]] = []
    previous: tuple[str, int] | None = None
    for index, label in enumerate(labels):
        style, number = ("D", int(label)) if label.isdigit() else ("r", _from_roman(label))
        if previous is None or previous != (style, number - 1):
            ranges.append((index, style, number))
        previous = (style, number)
    return ranges


def _from_roman(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for here, after in zip(numeral, numeral[1:] + " ", strict=True):
        value = values[here]
        total += -value if values.get(after, 0) > value else value
    if _roman(total) != numeral:
        raise ValueError(f"not a lower-case roman numeral: {numeral!r}")
    return total


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
