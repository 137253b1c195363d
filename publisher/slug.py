"""ASCII file names from titles: ``Hai khâu đột phá`` -> ``hai-khau-dot-pha``."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "œ": "oe"})
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_ALPHANUMERIC.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "publication"


def slug_opening(text: str) -> str:
    """``slugify(text)[0]``, told from ``text``'s first characters only: the first letter or
    digit the slug keeps (``Đời sống`` -> ``d``), or ``p`` where it keeps none (the slug is
    ``publication``). Each character turns into its own letters (the special letters'
    spellings, then their compatibility decomposition, whose ASCII letters a combining mark
    never moves), so the slug's first letter is the first such letter of the first
    character that has one; the slug's cut at its length limit keeps its start."""
    for character in text:
        if character.isascii():
            if character.isalnum():
                return character.lower()
            continue
        for letter in unicodedata.normalize("NFKD", character.translate(_SPECIAL_LETTERS)):
            if letter.isascii() and letter.isalnum():
                return letter.lower()
    return "p"
