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
# The same characters one by one: a text is looked through for each (a fast search each)
# faster than the pattern is tried at each of its characters.
_UNTIDY_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


# Characters of text NFC is asked of at once: a piece ends at the line's end from there on.
_NFC_PIECE = 4096


def normalise_text(text: str) -> str:
    """NFC, one kind of line ending, no invisible characters, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NEVER_TEXT.sub("", text)
    return nfc_by_pieces(text)


def nfc_by_pieces(text: str) -> str:
    """``unicodedata.normalize("NFC", text)``, asked of a few thousand characters at a time.

    NFC first checks whether a text may change; where one combining mark makes the answer
    "maybe", it decomposes and recomposes the whole text (a saved page's source, hundreds of
    thousands of characters, for one mark). A line feed neither composes nor reorders with
    what stands around it, so the text's NFC is its pieces' NFCs, parted at line feeds, and
    only the pieces holding such a mark are worked through."""
    if len(text) <= _NFC_PIECE or text.isascii():
        return unicodedata.normalize("NFC", text)
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _NFC_PIECE)
        end = len(text) if end < 0 else end + 1
        pieces.append(unicodedata.normalize("NFC", text[start:end]))
        start = end
    return "".join(pieces)


def tidy_line(line: str) -> str:
    """Collapse runs of spaces (NBSP included) and trim the ends."""
    # Trimmed first: a text browser indents lines, and the spaces in front are no run inside
    # the line. The same result: what is trimmed is white space either way, and a line with
    # none at its ends gains none from runs inside it made one space.
    line = line.strip()
    if "  " not in line and "\t" not in line and (line.isascii() or not _UNTIDY_SPACE.search(line)):
        return line
    return _SPACES.sub(" ", line)


def holds_untidy_space(text: str) -> bool:
    """Whether ``text`` holds a white space that ``tidy_line`` makes a plain space (a tab, a
    no-break space, the typographic spaces): a page is asked once, not each of its lines."""
    return any(space in text for space in _UNTIDY_SPACES)


def tidy_plain_line(line: str) -> str:
    """``tidy_line(line)`` for a line that holds no untidy space (``holds_untidy_space``):
    only runs of plain spaces are left to look for."""
    line = line.strip()
    return _SPACES.sub(" ", line) if "  " in line else line


def folded(text: str) -> str:
    """``text`` compared without case or spacing: case folded, runs of white space one space."""
    return " ".join(text.casefold().split())
