"""Lists of words as one regular-expression alternation that finds the longest word a text
holds."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """``words`` as one alternation that takes the longest word a text holds, grouped by
    their first letter (``m(?:ars|ar|ai)|j(?:an|...)``): the regular expression engine
    tries every alternative at every position of a line, and with three hundred month
    names in a dozen languages a flat list of them was most of a page dump's time. Words
    are given in lower case, so no two first letters match the same character, even
    ignoring case, and the grouping finds what a flat longest-first list finds."""
    groups: dict[str, list[str]] = {}
    for word in sorted(dict.fromkeys(words), key=lambda word: len(re.escape(word)), reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
