"""Which piece of the print document a template renders: the whole, or one part of a
large PDF laid out in parts (``publisher.writers.parts``).

Templates see it as ``print_part``. A layout that overrides ``print.html`` and ignores it
still gets a right PDF: the parts are then checked against the whole and, where they do
not join exactly, the PDF is laid out in one piece.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup


def _no_page_number(anchor: str) -> Markup:
    return Markup("")


@dataclass(frozen=True)
class PrintPart:
    """``kind``: None for the whole document, ``"front"`` for the cover, masthead and
    contents, ``"body"`` for a run of articles. ``starts``: the anchors of the articles
    and sections where a part begins (they open a new page). ``carried`` (a body part):
    the head of the article before the part, rendered unseen so that running heads show
    what they would in one piece. ``page_attribute(anchor)`` (the front): an attribute
    that gives a contents entry its page number once the parts have been laid out."""

    kind: str | None = None
    starts: frozenset[str] = frozenset()
    carried: Markup = Markup("")
    page_attribute: Callable[[str], Markup] = field(default=_no_page_number)

    @property
    def in_parts(self) -> bool:
        """The PDF is laid out in parts: a page count (``Trang N / M``) cannot be printed."""
        return bool(self.starts)


WHOLE_DOCUMENT = PrintPart()
