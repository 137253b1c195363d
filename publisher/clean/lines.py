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
BULLET_HINT = frozenset({"bullet"})  # a dump's line that a text browser's bullet opens (a list's item)
# Counters that sites print after a label: "Ý kiến bạn đọc ( 33 )", "Bình luận (5)".
_COUNTER = re.compile(r"\s*[(\[]\s*\d+\s*[)\]]\s*$")
# The bullet a text browser puts before a menu entry or a list item ("  • Tin khác").
_BULLETS = "•◦▪●■"
_BULLET = re.compile(rf"^[{_BULLETS}]\s*")
# Chinese and Japanese full stops and closing quotes, the Arabic question mark, the Devanagari,
# Burmese and Khmer full stops end sentences too (Thai sets none: a space ends its sentences).
# One character each: a text's last one is looked up, not each tried as its ending.
_FINAL_PUNCTUATION = frozenset('.!?…:;"”’»)。！？」』؟।။។')  # noqa: RUF001 - full-width stops, on purpose
_SENTENCE_MIN_WORDS = 6
LEAD_MIN_WORDS = 12
# Thai and Lao end a sentence with a space, not a stop: a line of theirs is prose by its
# length, longer than their headlines (40 to 90 letters, 10 to 22 words as counted here).
UNPUNCTUATED_PROSE_WORDS = 25
_UNPUNCTUATED_SCRIPT_END = re.compile(r"[\u0e00-\u0eff]\W*$")
PARAGRAPH_MIN_WORDS = 60


def ends_sentence(text: str) -> bool:
    return text[-1:] in _FINAL_PUNCTUATION  # "..." too: it ends with a full stop


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
    # The patterns only where they may match (a folded text has no space at its ends): a
    # counter closes with a bracket, a bullet is the first character.
    if key.endswith((")", "]")):
        key = _COUNTER.sub("", key)
    if key[:1] in _BULLETS:
        key = _BULLET.sub("", key)
    return key.rstrip(" :.»>").strip()


def unpunctuated_prose(text: str, words: int) -> bool:
    """A paragraph in a script that ends its sentences with no stop (Thai, Lao): longer
    than a headline or a caption of theirs."""
    return words >= UNPUNCTUATED_PROSE_WORDS and _UNPUNCTUATED_SCRIPT_END.search(text) is not None


def _is_prose(text: str, words: int) -> bool:
    """A sentence of six words or more, or a paragraph's length of text."""
    if words < _SENTENCE_MIN_WORDS:
        return False  # shorter than a paragraph, an unpunctuated one too (half a page's lines)
    return text[-1:] in _FINAL_PUNCTUATION or words >= PARAGRAPH_MIN_WORDS or unpunctuated_prose(text, words)


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
    # What the rules ask of a line again and again (whether it is prose: four to eight
    # times a line), worked out once, with the line (shapes.is_prose, shapes.is_body_prose).
    is_image: bool = field(init=False, compare=False, repr=False)
    is_prose: bool = field(init=False, compare=False, repr=False)  # a sentence, or a paragraph's length of text
    is_body_prose: bool = field(init=False, compare=False, repr=False)  # prose of a lead's length, no caption, no link

    def __post_init__(self) -> None:
        words = word_count(self.text)
        is_image = self.kind == "image"
        is_prose = not is_image and _is_prose(self.text, words)
        is_body_prose = is_prose and words >= LEAD_MIN_WORDS and "caption" not in self.hints and not self.link
        self.__dict__.update(
            words=words, key=line_key(self.text), is_image=is_image, is_prose=is_prose, is_body_prose=is_body_prose
        )

    @classmethod
    def of_text(cls, number: int, text: str, hints: frozenset[str] = frozenset()) -> Line:
        """``Line(number, text)``, as a page dump's lines are made: the same line, without
        the frozen dataclass's field-by-field ``__init__`` (a sixth of a dump's reading time
        went into it)."""
        line = object.__new__(cls)
        words = word_count(text)
        is_prose = _is_prose(text, words)
        # Every field in at once, in the fields' order, then item by item (a third faster
        # than keyword arguments to update): a line's dictionary made whole from the first
        # is not grown twice as its fields come in.
        values = line.__dict__
        values.update(_TEXT_LINE_FIELDS)
        values["number"] = number
        values["text"] = text
        values["words"] = words
        values["key"] = line_key(text)
        values["is_image"] = False
        values["is_prose"] = is_prose
        values["is_body_prose"] = is_prose and words >= LEAD_MIN_WORDS and "caption" not in hints
        if hints:
            values["hints"] = hints
        return line

    @classmethod
    def of_fields(
        cls, number: int, text: str, kind: str, level: int, hints: frozenset[str], bold: bool, link: bool,
        src: str | None, alt: str | None, main: bool | None, block: int, within: tuple[int, ...],
    ) -> Line:
        """``Line(...)`` with every field given, as a saved page's lines are made: the same
        line, without the frozen dataclass's field-by-field ``__init__`` (``of_text``)."""
        line = object.__new__(cls)
        line.__dict__.update(
            number=number, text=text, kind=kind, level=level, hints=hints, bold=bold, link=link, src=src, alt=alt,
            main=main, block=block, within=within,
        )
        line.__post_init__()  # the fields worked out from the others, as ``Line(...)`` works them out
        return line


# Every field of a line as Line(number, text) sets it, in the same order: the defaults, and
# None for the fields ``of_text`` then fills in (number, text, and those worked out from it).
_TEXT_LINE_FIELDS = {item.name: None if item.default is MISSING else item.default for item in fields(Line)}
