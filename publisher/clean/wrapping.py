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
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

_LONG = 40  # columns from which a line may have been broken by the width
_MIN_LONG_LINES = 6
_NEAR_WIDTH = 12  # a broken line ends within this many columns of the width
_WRAPPED_SHARE = 0.35  # of the long lines, this many end near one width in a wrapped dump
_WIDTHS = range(60, 121)
# A line that starts a new item even where the line before it is full: a bullet, a heading.
_NEW_ITEM = re.compile(r"^\s*(?:[•●▪◦*+\-–—]\s|\[\d+\]|#)")
# A number starts a new item only after a line that ended its sentence: "(quận" then
# "12) vốn là..." or "hôm 22/" then "1. Ảnh..." is one sentence the width broke.
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s")
_BREAK_INSIDE_WORD = re.compile(r"\w[/-]$")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’»)\]]\s*$")
# What a text browser writes where a picture stands: its alt text or file name in brackets.
_PICTURE_MARKS = re.compile(r"\[[^\]\s]{1,120}\]")
_BULLET = re.compile(r"^(\s*)[•◦▪●*+]\s+")
# Blocks whose every character takes one column (tests/test_generalising.py checks it against
# unicodedata): Latin with Vietnamese's letters, and general punctuation. Most lines are all
# in them, and need no look-up per character.
_NARROW = re.compile("[\x00-\u02ff\u1e00-\u1eff\u2000-\u2064]*")


def unwrap(lines: Sequence[str]) -> list[tuple[int, str]]:
    """``lines`` (a dump's lines, in order) as ``(first line number, text)`` pairs, the
    lines of one paragraph joined where the dump is wrapped at a fixed width."""
    numbered = list(enumerate(lines, 1))
    width = wrap_width(lines)
    if width is None:
        return numbered
    joined: list[tuple[int, str]] = []
    previous = ""
    for number, line in numbered:
        # A text browser's marks are no text: a picture's name in brackets, a list's bullet.
        text = _without_marks(line)
        stripped = text.strip()
        continues = previous.strip() and stripped and not _starts_item(line, previous)
        if joined and continues and _broken_before(previous, stripped, width):
            first, before = joined[-1]
            joined[-1] = (first, _joined(before.rstrip(), stripped))
        else:
            joined.append((number, text))
        previous = text
    return joined


def _without_marks(line: str) -> str:
    text = _PICTURE_MARKS.sub("", line) if "[" in line else line
    # The bullet only ever starts a line: matched there, not looked for all along it.
    bullet = _BULLET.match(text)
    return bullet.group(1) + text[bullet.end() :] if bullet else text


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width a dump was wrapped at, or None when it was not."""
    widths = [display_width(line.rstrip()) for line in lines]
    long = [width for width in widths if width >= _LONG]
    if len(long) < _MIN_LONG_LINES:
        return None
    ends = Counter(long)
    # How many long lines end at or before each column: a width's counts are differences.
    up_to = list(accumulate(ends.get(column, 0) for column in range(_WIDTHS[-1] + 1)))
    best_width, best_share = None, 0.0
    for width in _WIDTHS:
        near = up_to[width] - up_to[width - _NEAR_WIDTH]
        over = len(long) - up_to[width]
        share = near / len(long)
        if over <= 0.05 * len(long) and share > best_share:
            best_width, best_share = width, share
    return best_width if best_share >= _WRAPPED_SHARE else None


def _joined(before: str, after: str) -> str:
    """Two pieces of one line: a text browser breaks a line at a space, which goes, or right
    after a slash or a hyphen inside a word (``29/`` ``12/2012``, ``COVID-`` ``19``), which stay
    without a space (Unicode's line-breaking rules allow a break after both)."""
    # Only the last two characters can match: looked at alone, not found by a search along
    # the paragraph joined so far (a long paragraph is joined a line at a time).
    if _BREAK_INSIDE_WORD.search(before[-2:]):
        return before + after
    return f"{before} {after}"


def _starts_item(line: str, previous: str) -> bool:
    if _NEW_ITEM.match(line):
        return True
    return bool(_NUMBERED_ITEM.match(line)) and bool(_SENTENCE_END.search(previous))


def _broken_before(line: str, following: str, width: int) -> bool:
    """The width, not the writer, ended ``line``: the first word of the line after it would
    not have fitted on it. A text browser counts the space after the word too, so a word
    that would have ended in the widest line's last column did not fit either (w3m's dumps
    of the corpus pages hold both: lines of that width, and such breaks)."""
    first_word = following.split(None, 1)[0]
    return display_width(line.rstrip()) + 1 + display_width(first_word) >= width


def display_width(text: str) -> int:
    """Columns a text browser gives ``text``: two for wide (CJK) characters."""
    if text.isascii() or _NARROW.fullmatch(text):
        return len(text)
    return sum(map(_char_width, text))


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
