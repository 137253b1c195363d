"""Paragraphs a text dump broke into lines of a fixed width, joined again.

A browser's "save as text" (Firefox writes 72 columns, w3m and lynx 80) breaks every
paragraph into lines no wider than the page, where a copy of what the browser shows keeps
one paragraph to a line. The evidence that a dump is wrapped is in the dump itself: many
of its long lines end within a few columns of one width, and no longer line follows them.
Inside a wrapped dump, a line ends a paragraph only where the next line's first word would
have fitted after it: otherwise the width broke it, and the next line goes on with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, compress

_LONG = 40  # columns from which a line may have been broken by the width
_MIN_LONG_LINES = 6
_MIN_CONTINUED = 3  # long lines another line goes on under
_NEAR_WIDTH = 12  # a broken line ends within this many columns of the width
_WRAPPED_SHARE = 0.35  # of the long lines, this many end near one width in a wrapped dump
_WIDTHS = range(60, 121)
_OVER_WIDTH_SHARE = 0.05  # of the long lines, this many may be wider than a wrapped dump's width
_MAY_BE_LONG = -(-_LONG // 2)  # a line this long may be _LONG columns wide (two a character)
# A line that starts a new item even where the line before it is full: a bullet, a heading.
_NEW_ITEM = re.compile(r"^\s*(?:[•●▪◦*+\-–—]\s|\[\d+\]|#)")
# A number starts a new item only after a line that ended its sentence: "(quận" then
# "12) vốn là..." or "hôm 22/" then "1. Ảnh..." is one sentence the width broke.
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s")
# The first characters (after spaces) of a line either pattern matches; a digit opens a
# numbered one (``\d`` is any decimal digit, as ``str.isdecimal`` says).
_ITEM_OPENERS = frozenset("•●▪◦*+-–—[#")
_BREAK_INSIDE_WORD = re.compile(r"\w[/-]$")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’»)\]]\s*$")
# What a text browser writes where a picture stands: its alt text or file name in brackets.
_PICTURE_MARKS = re.compile(r"\[[^\]\s]{1,120}\]")
_BULLET = re.compile(r"^(\s*)[•◦▪●*+]\s+")
_BULLET_CHARACTERS = frozenset("•◦▪●*+")
_TEXT_BROWSER_BULLETS = frozenset("•◦▪●")  # not the asterisk or plus a writer may open a line with
# Blocks whose every character takes one column (tests/test_generalising.py and
# tests/test_clean_shortcuts.py check it against unicodedata): Latin with Vietnamese's
# letters, general punctuation; arrows, and the box drawing, block and geometric shapes
# (but two) a text browser draws its rules, form boxes and bullets with. Most lines are all
# in them, and need no look-up per character.
_NARROW = re.compile("[\x00-\u02ff\u1e00-\u1eff\u2000-\u2064\u2190-\u21ff\u2500-\u25fc]*")


def unwrap(lines: Sequence[str]) -> list[tuple[int, str]]:
    """``lines`` (a dump's lines, in order) as ``(first line number, text)`` pairs, the
    lines of one paragraph joined where the dump is wrapped at a fixed width."""
    numbered = list(enumerate(lines, 1))
    lengths = list(map(len, map(str.rstrip, lines)))
    if plainly_unwrapped(lines, lengths):
        return numbered  # a copy of what the browser shows: no line's width measured
    # Each line's width, measured once; where every character of the dump takes one column
    # (one look over it), its length.
    one_column = one_column_each("\n".join(lines))
    widths = lengths if one_column else [display_width(line.rstrip()) for line in lines]
    width = wrap_width(lines, widths)
    if width is None:
        return numbered
    joined: list[tuple[int, str]] = []
    previous = previous_stripped = ""
    cells = _cell_widths(lines, width, widths)
    measure = len if one_column else display_width
    for number, line in numbered:
        if not line or line.isspace():  # a blank line (half a text browser's lines) ends a paragraph
            joined.append((number, line))
            previous, previous_stripped = line, ""
            continue
        # A text browser's marks are no text: a picture's name in brackets, a list's bullet.
        text = without_marks(line)
        stripped = text.strip()
        # The width broke the line as printed, its picture marks taking their columns; and
        # the line opens no new item. (The width asked first: most lines under a line of
        # text are no new item, and more than half were not broken by the width.)
        if (
            previous_stripped
            and stripped
            and broken_before(widths[number - 2], stripped, cells.get(number - 1, width), measure)
            and not starts_item(line, previous)
        ):
            first, before = joined[-1]
            joined[-1] = (first, _joined(before.rstrip(), stripped))
        else:
            joined.append((number, text))
        previous, previous_stripped = text, stripped
    return joined


def _cell_widths(lines: Sequence[str], width: int, widths: Sequence[int]) -> dict[int, int]:
    """The width of a picture's narrow cell, for each line of a caption set in one: the
    lines from a picture's mark to the next mark or blank line, all well short of the
    page's width. A text browser wraps such a caption at its cell's width. (``widths``:
    the lines' display widths, their ends' spaces aside.)"""
    cells: dict[int, int] = {}
    marks = [index for index, line in enumerate(lines) if "[" in line and _opens_with_picture(line)]
    for start in marks:  # only the lines from a mark on are looked at
        block = []
        for index in range(start, len(lines)):
            line = lines[index]
            if index > start and (not line or line.isspace() or ("[" in line and _opens_with_picture(line))):
                break
            if without_marks(line).strip():
                block.append(index)  # the caption, under the mark or after it on the mark's line
        if len(block) >= 2 and (cell := max(widths[index] for index in block)) < width - _NEAR_WIDTH:
            cells.update(dict.fromkeys(block, cell))
    return cells


def _opens_with_picture(line: str) -> bool:
    return bool(_PICTURE_MARKS.match(line.strip()))


def starts_with_bullet(line: str) -> bool:
    """A dump's line opening with a text browser's bullet (``  • Tin khác``): a list's item."""
    return line.lstrip()[:1] in _TEXT_BROWSER_BULLETS and bool(_BULLET.match(line))


def without_marks(line: str) -> str:
    text = _PICTURE_MARKS.sub("", line) if "[" in line else line
    # The bullet only ever starts a line: looked for there, after its spaces, as
    # ``_BULLET`` matches it (a bullet, then white space, all of which goes), the line cut
    # where its spaces end rather than matched again.
    body = text.lstrip()
    if body[:1] not in _BULLET_CHARACTERS:
        return text
    item = body[1:].lstrip()
    if len(item) == len(body) - 1:
        return text  # no space after it: no bullet (``*bold*``, ``+84``)
    return text[: len(text) - len(body)] + item


def plainly_unwrapped(lines: Sequence[str], lengths: Sequence[int] | None = None) -> bool:
    """A dump ``wrap_width`` would find unwrapped, told from its lines' lengths, without
    measuring each one's display width: more lines wider than the widest wrap width than
    the few ``wrap_width`` allows over it, among its long lines. A line's width is at least
    its length less its combining marks (measured where its length is over the width), and
    at most twice its length (which bounds the count of long lines). ``lengths``: the
    lines' lengths, their ends' spaces aside, where the caller has them."""
    if lengths is None:
        lengths = list(map(len, map(str.rstrip, lines)))
    widest = _WIDTHS[-1]
    allowed = _OVER_WIDTH_SHARE * sum(map(_MAY_BE_LONG.__le__, lengths))
    # Only the lines longer than the width are measured, picked out without a step per line,
    # and only until more than the allowed few are found wider (a copy of what the browser
    # shows holds a paragraph to a line: most of its long lines are).
    over = 0
    for line in compress(lines, map(widest.__lt__, lengths)):
        if display_width(line.rstrip()) > widest:
            over += 1
            if over > allowed:
                return True
    return False


def wrap_width(lines: Sequence[str], widths: Sequence[int]) -> int | None:
    """The width a dump was wrapped at, or None when it was not (``widths``: the lines'
    display widths, their ends' spaces aside)."""
    long = [width for width in widths if width >= _LONG]
    # The lines a paragraph goes on under: where the width broke it, they end near it. A line
    # that stands alone (a blank line or a new item under it: a menu entry, a picture's name
    # and its link's title, a headline) ends where its text ends, at any width.
    continued = [
        width for width, line, following in zip(widths, lines, lines[1:], strict=False)  # the last: none under it
        if width >= _LONG and following.strip() and not starts_item(following, line)
    ]
    if len(long) < _MIN_LONG_LINES or len(continued) < _MIN_CONTINUED:
        return None
    # How many lines end at or before each column: a width's counts are differences.
    ends = Counter(continued)
    up_to = list(accumulate(ends.get(column, 0) for column in range(_WIDTHS[-1] + 1)))
    # The fewer long lines are wider than a width, the wider it is: the widths with few
    # enough over them are the narrowest such one and all those wider.
    allowed_over = int(_OVER_WIDTH_SHARE * len(long))  # a count: the share's whole part
    narrowest = _WIDTHS[0]
    if allowed_over < len(long):  # no wider than the widest line but the allowed few
        narrowest = max(narrowest, sorted(long, reverse=True)[allowed_over])
    near = [up_to[width] - up_to[width - _NEAR_WIDTH] for width in range(narrowest, _WIDTHS[-1] + 1)]
    if not near or max(near) / len(continued) < _WRAPPED_SHARE:
        return None
    return narrowest + near.index(max(near))  # the narrowest of the widths most lines end near


def _joined(before: str, after: str) -> str:
    """Two pieces of one line: a text browser breaks a line at a space, which goes, or right
    after a slash or a hyphen inside a word (``29/`` ``12/2012``, ``COVID-`` ``19``), which stay
    without a space (Unicode's line-breaking rules allow a break after both)."""
    # Only the last two characters can match: looked at alone, not found by a search along
    # the paragraph joined so far (a long paragraph is joined a line at a time).
    if before.endswith(("/", "-")) and _BREAK_INSIDE_WORD.search(before[-2:]):
        return before + after
    return f"{before} {after}"


def starts_item(line: str, previous: str) -> bool:
    # The patterns tried only where the line's first character may open an item.
    opener = line.lstrip()[:1]
    if opener in _ITEM_OPENERS and _NEW_ITEM.match(line):
        return True
    return opener.isdecimal() and bool(_NUMBERED_ITEM.match(line)) and bool(_SENTENCE_END.search(previous))


def broken_before(line_width: int, following: str, width: int, measure: Callable[[str], int] | None = None) -> bool:
    """The width, not the writer, ended a line (``line_width`` its display width, its end's
    spaces aside): the first word of the line after it would not have fitted on it. A text
    browser counts the space after the word too, so a word that would have ended in the
    widest line's last column did not fit either (w3m's dumps of the corpus pages hold
    both: lines of that width, and such breaks). ``measure``: ``len`` for a dump whose
    every character takes one column, else (None) ``display_width``."""
    if line_width + 1 + 2 * len(following) < width:
        return False  # no word of the line would have filled the rest (two columns a character at most)
    first_word = following.split(None, 1)[0]
    return line_width + 1 + (measure or display_width)(first_word) >= width


def display_width(text: str) -> int:
    """Columns a text browser gives ``text``: two for wide (CJK) characters."""
    if text.isascii() or _NARROW.fullmatch(text):
        return len(text)
    return sum(map(_char_width, text))


def one_column_each(text: str) -> bool:
    """Every character of ``text`` takes one column (so does every piece of it): told
    without a look-up per character, by the blocks most text is in (``_NARROW``); False
    for text outside them, whatever its characters' widths."""
    return text.isascii() or _NARROW.fullmatch(text) is not None


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
