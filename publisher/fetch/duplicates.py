"""The same article twice: the same address once normalised (courlan: scheme and host
case, default ports, tracking parameters, fragments), or the same story syndicated across
sites (near-identical text: most of its five-word runs shared)."""

from __future__ import annotations

import hashlib
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
    """The text's runs of five words, hashed (the words in lower case)."""
    words = _WORD.findall(text.casefold())
    if len(words) < _SHINGLE_WORDS:
        return frozenset([_hash(" ".join(words))]) if words else frozenset()
    return frozenset(_hash(" ".join(words[i:i + _SHINGLE_WORDS])) for i in range(len(words) - _SHINGLE_WORDS + 1))


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class SeenArticles:
    """The articles kept so far: each new one is compared with them."""

    addresses: dict[str, str] = field(default_factory=dict)  # address key: the address first kept
    texts: list[tuple[frozenset[int], str]] = field(default_factory=list)

    def duplicate_of(self, addresses: list[str], text: str) -> str | None:
        """The address of the article kept earlier that this one repeats, or None."""
        for address in addresses:
            if (kept := self.addresses.get(address_key(address))) is not None:
                return kept
        mine = shingles(text)
        if mine:
            for theirs, kept in self.texts:
                shared = len(mine & theirs)
                if shared and shared / len(mine | theirs) >= _NEAR_IDENTICAL:
                    return kept
        return None

    def keep(self, addresses: list[str], text: str) -> None:
        for address in addresses:
            self.addresses.setdefault(address_key(address), addresses[0])
        self.texts.append((shingles(text), addresses[0]))

    def seen_address(self, url: str) -> str | None:
        return self.addresses.get(address_key(url))
