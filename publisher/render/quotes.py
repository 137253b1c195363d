"""Typographic quotes: straight quotes in an article's text as its language prints them.

Applied to the text the templates see (``publisher.render.context``), never to the
Markdown the cleaner writes. An apostrophe inside a word (``l'homme``, ``don't``) becomes
’ in every language; quotes already curly are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from publisher.model import Article, Block, Figure, Heading, ListBlock, Paragraph, Publication, Quote

APOSTROPHE = "\u2019"


class QuoteStyle(NamedTuple):
    double_open: str
    double_close: str
    single_open: str
    single_close: str


_ENGLISH = QuoteStyle("\u201c", "\u201d", "\u2018", "\u2019")
_GUILLEMETS = QuoteStyle("\u00ab", "\u00bb", "\u2018", "\u2019")
_GERMAN = QuoteStyle("\u201e", "\u201c", "\u201a", "\u2018")
_POLISH = QuoteStyle("\u201e", "\u201d", "\u2018", "\u2019")
# French sets a no-break space inside its guillemets.
_FRENCH = QuoteStyle("\u00ab\u00a0", "\u00a0\u00bb", "\u2018", "\u2019")

STYLES: dict[str, QuoteStyle] = {
    "vi": _ENGLISH, "en": _ENGLISH, "pt": _ENGLISH, "nl": _ENGLISH, "id": _ENGLISH, "ms": _ENGLISH,
    "fr": _FRENCH, "es": _GUILLEMETS, "it": _GUILLEMETS, "ru": _GUILLEMETS, "uk": _GUILLEMETS,
    "de": _GERMAN, "cs": _GERMAN, "sk": _GERMAN, "da": _GERMAN,
    "pl": _POLISH, "hu": _POLISH, "ro": _POLISH,
}

# After one of these (or at the start), a straight quote opens; elsewhere it closes.
_OPENS_AFTER = re.compile(r"[\s(\[{\u2014\u2013/\u201c\u2018\u00ab\u201e-]")


def quote_style(language: str) -> QuoteStyle | None:
    """The quotes ``language`` prints, or None where straight quotes are left alone."""
    return STYLES.get(language.split("-")[0].lower())


def typographic(text: str, style: QuoteStyle | None) -> str:
    """``text`` with its straight quotes turned into ``style``'s."""
    if style is None or ('"' not in text and "'" not in text):
        return text
    out: list[str] = []
    for index, character in enumerate(text):
        if character not in "\"'":
            out.append(character)
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        opens = (not before or bool(_OPENS_AFTER.fullmatch(before))) and bool(after) and not after.isspace()
        if character == '"':
            if opens:
                out.append(style.double_open)
            else:
                if style.double_close.startswith("\u00a0") and out and out[-1] == " ":
                    out.pop()
                out.append(style.double_close)
        elif before.isalnum() and after.isalnum():
            out.append(APOSTROPHE)  # inside a word: don't, l'homme
        else:
            out.append(style.single_open if opens else style.single_close)
    result = "".join(out)
    if style.double_open.endswith("\u00a0"):
        result = result.replace(style.double_open + " ", style.double_open)
    return result


def typographic_block(block: Block, style: QuoteStyle | None) -> Block:
    if isinstance(block, (Paragraph, Heading, Quote)):
        return replace(block, text=typographic(block.text, style))
    if isinstance(block, Figure):
        alt = typographic(block.alt, style) if block.alt else block.alt
        return replace(block, caption=typographic(block.caption, style), alt=alt)
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(typographic(item, style) for item in block.items))
    return block


def typographic_article(article: Article) -> Article:
    """``article`` with typographic quotes in its title, kicker, subtitle, lead and body."""
    style = quote_style(article.language)
    if style is None:
        return article

    def fix(text: str | None) -> str | None:
        return typographic(text, style) if text else text

    return replace(
        article,
        title=typographic(article.title, style),
        kicker=fix(article.kicker),
        subtitle=fix(article.subtitle),
        lead=fix(article.lead),
        body=tuple(typographic_block(block, style) for block in article.body),
    )


def typographic_publication(publication: Publication) -> Publication:
    """``publication`` as printed: each article with its language's typographic quotes."""
    return replace(publication, articles=tuple(typographic_article(article) for article in publication.articles))
