"""Characters the fonts lack, found before rendering and never drawn as empty boxes.

One missing glyph does more harm than one box: WeasyPrint then writes the whole font with
a custom CMap and PDF text extractors can no longer read any of that font's text. So every
character is checked against the layout's fonts; a few known stand-ins are mapped, the
rest are left out, and each one is reported with its file and code point.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from publisher.model import Article, Publication

_T = TypeVar("_T")

# Private-use code points that Word's Symbol and Wingdings fonts leave in pasted text.
_SYMBOL_FONT_STAND_INS = {
    0xF0B7: "\u2022",  # Symbol bullet
    0xF0A7: "\u25aa",  # Wingdings small square
    0xF0D8: "\u2023",  # Wingdings arrowhead
    0xF0E0: "\u2192",  # Wingdings arrow
    0xF0FC: "\u2713",  # Wingdings check mark
    0xF02D: "-",
}
# Spaces that any layout can draw as a plain space.
_SPACE_STAND_INS = {0x2028: " ", 0x2029: " ", 0x0009: " ", 0x000A: " "}
# What a stand-in may put in the text: the fonts' coverage of these is asked for too.
STAND_IN_CODEPOINTS = frozenset(ord(ch) for table in (_SYMBOL_FONT_STAND_INS, _SPACE_STAND_INS)
                                for text in table.values() for ch in text) | {0x20}


@dataclass(frozen=True)
class MissingGlyph:
    path: Path | None
    character: str
    replacement: str

    def __str__(self) -> str:
        code = f"U+{ord(self.character):04X}"
        name = unicodedata.name(self.character, "unnamed character")
        what = f"replaced by '{self.replacement}'" if self.replacement else "left out"
        return f"{self.path or 'article'}: character {code} ({name}) is not in the layout's fonts; {what}"


def guard_publication(publication: Publication, covered: frozenset[int]) -> tuple[Publication, tuple[MissingGlyph, ...]]:
    """The publication with every character drawable by the fonts, and what was changed."""
    reports: dict[tuple[Path | None, str], MissingGlyph] = {}

    def article_guard(article: Article) -> Article:
        def fix(text: str) -> str:
            if covered.issuperset(map(ord, text)):
                return text
            out = []
            for ch in text:
                if ord(ch) in covered:
                    out.append(ch)
                    continue
                replacement = _stand_in(ch, covered)
                reports.setdefault((article.path, ch), MissingGlyph(article.path, ch, replacement))
                out.append(replacement)
            return "".join(out)

        return map_text(article, fix)

    articles = tuple(article_guard(article) for article in publication.articles)
    fixed = dataclasses.replace(publication, articles=articles)
    title_fix = article_guard(Article(title=publication.title, subtitle=publication.subtitle))
    fixed = dataclasses.replace(fixed, title=title_fix.title, subtitle=title_fix.subtitle)
    return fixed, tuple(reports.values())


def _stand_in(character: str, covered: frozenset[int]) -> str:
    code = ord(character)
    for table in (_SYMBOL_FONT_STAND_INS, _SPACE_STAND_INS):
        if code in table and covered.issuperset(map(ord, table[code])):
            return table[code]
    if unicodedata.category(character) == "Zs" and 0x20 in covered:
        return " "
    return ""


def map_text(value: _T, fix: Callable[[str], str]) -> _T:
    """``value`` (a frozen dataclass, tuple or string) with ``fix`` applied to every string."""
    # Each kind gives back its own kind: a string for a string, a tuple for a tuple.
    if isinstance(value, str):
        return cast(_T, fix(value))
    if isinstance(value, tuple):
        return cast(_T, tuple(map_text(item, fix) for item in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, object] = {}
        for field in dataclasses.fields(value):
            if field.name in ("path", "src", "value"):
                continue
            current = getattr(value, field.name)
            updated = map_text(current, fix)
            if updated is not current:
                changes[field.name] = updated
        return dataclasses.replace(value, **changes) if changes else value
    return value
