"""Where the tone mark sits in ``oa``, ``oe`` and ``uy``: the old style (hòa, khỏe, thúy)
or the new one (hoà, khoẻ, thuý).

Only open syllables differ: with a final consonant (hoàng, thuyết) both styles put the
mark on the second vowel, and after ``q`` (quý, quả) the ``u`` belongs to the onset.
"""

from __future__ import annotations

import re
import unicodedata

STYLES = ("keep", "old", "new")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# A word holding one of the pairs with a tone mark somewhere in it (NFC letters).
_CANDIDATE = re.compile(r"\w*(?:[oóòỏõọ][aáàảãạeéèẻẽẹ]|[uúùủũụ][yýỳỷỹỵ])\w*", re.IGNORECASE)
_OPEN_SYLLABLE = re.compile(r"^(?P<onset>[^aăâeêioôơuưy]*)(?P<pair>oa|oe|uy)$", re.IGNORECASE)


def restyle(text: str, style: str) -> str:
    """``text`` with every open ``oa``/``oe``/``uy`` syllable's tone mark placed in ``style``."""
    if style == "keep" or not text:
        return text
    if style not in STYLES:
        raise ValueError(f"unknown tone-mark style {style!r} (choose from {', '.join(STYLES)})")
    on_first = style == "old"
    return _CANDIDATE.sub(lambda match: _restyle_word(match.group(0), on_first), text)


def _restyle_word(word: str, on_first: bool) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    match = _OPEN_SYLLABLE.match(bare)
    if not match or match.group("onset").lower().endswith("q"):
        return word
    position = match.start("pair") + (0 if on_first else 1)
    marked = bare[:position] + unicodedata.normalize("NFC", bare[position] + tones[0]) + bare[position + 1 :]
    return unicodedata.normalize("NFC", marked)
