"""Unicode tidying shared by every reader: NFC, invisible junk, line endings."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and formatting characters that scraped pages leave behind.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Direction marks and overrides: Vietnamese text has no use for them, and an override
# would reverse what a reader sees.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# Control characters (C0 but tab and line feed, DEL, C1): never text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The three sets of characters as one, taken out in one pass over the text.
_NEVER_TEXT = re.compile("[" + "".join(pattern.pattern[1:-1] for pattern in (_INVISIBLE, _BIDI_CONTROLS, _CONTROLS)) + "]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# What _SPACES would change: two spaces in a row, or any of its other characters. Most lines
# hold none, and replacing every space between words by a space costs. Looked for as two
# spaces, then the one character of ASCII, then (in a line that has others) the set: an
# alternation of the two is tried at every character of the line.
_UNTIDY_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalise_text(text: str) -> str:
    """NFC, one kind of line ending, no invisible characters, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NEVER_TEXT.sub("", text)
    return unicodedata.normalize("NFC", text)


def tidy_line(line: str) -> str:
    """Collapse runs of spaces (NBSP included) and trim the ends."""
    # Trimmed first: a text browser indents lines, and the spaces in front are no run inside
    # the line. The same result: what is trimmed is white space either way, and a line with
    # none at its ends gains none from runs inside it made one space.
    line = line.strip()
    if "  " not in line and "\t" not in line and (line.isascii() or not _UNTIDY_SPACE.search(line)):
        return line
    return _SPACES.sub(" ", line)


def folded(text: str) -> str:
    """``text`` compared without case or spacing: case folded, runs of white space one space."""
    return " ".join(text.casefold().split())
