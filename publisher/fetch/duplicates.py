"""The same article twice: the same address once normalised (courlan: scheme and host
case, default ports, tracking parameters, fragments), or the same story syndicated across
sites (near-identical text: most of its five-word runs shared)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SHINGLE_WORDS = 5
_NEAR_IDENTICAL = 0.8  # Jaccard similarity of the shingles from which two texts are one story
_WORD = re.compile(r"\w+")


def address_key(url: str) -> str:
    """``url`` in the form two addresses of one page share."""
    from courlan import normalize_url

    try:
        normal = normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        normal = url
    return normal.partition("#")[0].rstrip("/").lower()


def shingles(text: str) -> frozenset[int]:
    """The text's runs of five words (in lower case), hashed: compared within one run
    only, so Python's own hash does (a fifth of the time of a digest)."""
    words = _WORD.findall(text.casefold())
    if len(words) < _SHINGLE_WORDS:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(hash(tuple(words[i:i + _SHINGLE_WORDS])) for i in range(len(words) - _SHINGLE_WORDS + 1))


@dataclass
class SeenArticles:
    """The articles kept so far, by their index in the fetch's list: each new one is
    compared with them, through an index from each shingle to the texts holding it (only
    the texts sharing a run of words are compared, not every pair)."""

    addresses: dict[str, int] = field(default_factory=dict)  # address key: the article kept
    texts: dict[int, frozenset[int]] = field(default_factory=dict)
    holding: dict[int, list[int]] = field(default_factory=dict)  # shingle: the articles whose text has it

    def duplicate_of(self, keys: list[str], text: frozenset[int]) -> int | None:
        """The index of the article kept earlier that this one repeats, or None. ``keys``:
        its addresses' ``address_key``; ``text``: its ``shingles``."""
        for key in keys:
            if (kept := self.addresses.get(key)) is not None:
                return kept
        shared: dict[int, int] = {}
        for shingle in text:
            for kept in self.holding.get(shingle, ()):
                shared[kept] = shared.get(kept, 0) + 1
        for kept, count in sorted(shared.items()):
            theirs = self.texts.get(kept)
            if theirs is not None and count / (len(text) + len(theirs) - count) >= _NEAR_IDENTICAL:
                return kept
        return None

    def keep(self, index: int, keys: list[str], text: frozenset[int]) -> None:
        for key in keys:
            self.addresses.setdefault(key, index)
        self.texts[index] = text
        for shingle in text:
            self.holding.setdefault(shingle, []).append(index)

    def forget(self, index: int) -> None:
        self.addresses = {key: kept for key, kept in self.addresses.items() if kept != index}
        self.texts.pop(index, None)  # its entries in ``holding`` are passed over from now on
