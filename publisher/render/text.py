"""Helpers over all the text a publication holds."""

from __future__ import annotations

from publisher.model import Publication
from publisher.render.glyphs import map_text


def publication_codepoints(publication: Publication) -> frozenset[int]:
    seen: set[int] = set()

    def collect(text: str) -> str:
        seen.update(map(ord, text))
        return text

    map_text(publication, collect)
    return frozenset(seen)
