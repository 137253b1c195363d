"""The unit the cleaner reads: one line of a page, with whatever evidence came with it.

A plain-text page dump gives only the text; a saved HTML page adds its markup's evidence
(heading tag, image, class-name hints, bold, link), and the extractor's verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache

from publisher.clean.unicode import folded
from publisher.clean.words import word_count

# A table's row of data (cells of a few words each, as scores, prices and results are set)
# reads as one line, its cells set apart by this; a cell of more words, or holding blocks,
# makes the row one of a table a page is laid out with, whose cells stay blocks.
ROW_SEPARATOR = " · "
_ROW_CELL_WORDS = 20
_ROW_MIN_CELLS = 2
ROW_HINT = frozenset({"row"})  # a line that is a table's row of data
# Counters that sites print after a label: "Ý kiến bạn đọc ( 33 )", "Bình luận (5)".
_COUNTER = re.compile(r"\s*[(\[]\s*\d+\s*[)\]]\s*$")
# The bullet a text browser puts before a menu entry or a list item ("  • Tin khác").
_BULLET = re.compile(r"^[•◦▪●■]\s*")


def data_row(cells: Iterable[str]) -> str | None:
    """A table's row of data as one line, its cells set apart (``DL · Jane Roe · 63``),
    from its cells' texts: two with text or more, each of a few words; None for a row of
    a table a page is laid out with, whose cells stay blocks of their own. A saved page's
    rows, the extractor's and a browser copy's (cells parted by tabs) are read alike."""
    texts = [text for text in cells if text]
    if len(texts) < _ROW_MIN_CELLS or any(len(text.split()) > _ROW_CELL_WORDS for text in texts):
        return None
    return ROW_SEPARATOR.join(texts)


@lru_cache(maxsize=8192)
def line_key(text: str) -> str:
    """A line as compared with others and with profile lists: case, spacing, counters,
    a text browser's bullets and trailing colons do not matter."""
    key = folded(text)
    key = _BULLET.sub("", _COUNTER.sub("", key))
    return key.rstrip(" :.»>").strip()


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    kind: str = "text"  # text, heading, image, item, quote
    level: int = 0
    hints: frozenset[str] = frozenset()
    bold: bool = False
    link: bool = False
    src: str | None = None
    alt: str | None = None
    main: bool | None = None  # the extractor's verdict; None when no extractor ran
    block: int = 0  # the HTML block element holding the line (0: unknown)
    within: tuple[int, ...] = ()  # the block elements around that one, outermost first
    words: int = field(init=False, compare=False)
    key: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", word_count(self.text))
        object.__setattr__(self, "key", line_key(self.text))

    @classmethod
    def of_text(cls, number: int, text: str, hints: frozenset[str] = frozenset()) -> Line:
        """``Line(number, text)``, as a page dump's lines are made: the same line, without
        the frozen dataclass's field-by-field ``__init__`` (a sixth of a dump's reading time
        went into it)."""
        line = object.__new__(cls)
        line.__dict__.update(_TEXT_LINE_DEFAULTS, number=number, text=text, words=word_count(text), key=line_key(text))
        if hints:
            line.__dict__["hints"] = hints
        return line

    @property
    def is_image(self) -> bool:
        return self.kind == "image"


# What Line(number, text) gives every field but the two.
_TEXT_LINE_DEFAULTS = {item.name: item.default for item in fields(Line) if item.init and item.default is not MISSING}
