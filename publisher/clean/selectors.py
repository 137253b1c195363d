"""A site profile's CSS selectors: what general rules cannot know about one site's markup.

A profile may name, as CSS selectors, where the site puts an article's title, date,
author and body, and what to remove (a widget the rules keep). They are matched with
beautifulsoup4's ``select`` (soupsieve), on the sanitised page, and used as evidence, not
as orders: a selector that matches nothing, matches something implausible (a title of a
hundred words, a date that reads as none), or would take away most of the page's main
text is ignored, so a profile written for last year's markup can never make a page worse
than no profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from publisher.clean.unicode import tidy_line
from publisher.errors import InputError

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_SELECTOR_KEYS = ("title", "date", "author", "body", "remove")
_TITLE_WORDS = (2, 40)
_AUTHOR_WORDS = 8
# What removal may take of the page's text before it is taken for a mistake.
_REMOVE_SHARE = 0.3


@dataclass(frozen=True)
class Selectors:
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any((self.title, self.date, self.author, self.body, self.remove))


@dataclass(frozen=True)
class Selected:
    """What a profile's selectors found on one page."""

    markup: str  # the page, without what ``remove`` matched (when that was safe)
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    body: tuple[str, ...] = ()  # the texts of the blocks the body selector matched


def parse_selectors(table: object, origin: str) -> Selectors:
    """The ``[selectors]`` table of a profile, each selector checked as it is read."""
    if table is None:
        return Selectors()
    if not isinstance(table, dict):
        raise InputError("[selectors] must be a table of CSS selectors", origin)
    unknown = sorted(set(table) - set(_SELECTOR_KEYS))
    if unknown:
        raise InputError(f"[selectors] has an unknown key '{unknown[0]}' (expected {', '.join(_SELECTOR_KEYS)})", origin)
    values: dict[str, tuple[str, ...]] = {}
    for key in _SELECTOR_KEYS:
        given = table.get(key, ())
        selectors = (given,) if isinstance(given, str) else given
        if not isinstance(selectors, (list, tuple)) or not all(isinstance(s, str) for s in selectors):
            raise InputError(f"[selectors] {key} must be a CSS selector or a list of them", origin)
        for selector in selectors:
            import soupsieve  # here: only a profile with selectors pays for it (0.1 s)

            try:
                soupsieve.compile(selector)
            except soupsieve.SelectorSyntaxError as error:
                raise InputError(f"[selectors] {key}: not a CSS selector: {selector!r} ({error.args[0]})", origin) from None
        values[key] = tuple(selectors)
    return Selectors(**values)


def select_parts(markup: str, selectors: Selectors) -> Selected:
    """What ``selectors`` find in ``markup`` (a sanitised page)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title = _first_text(soup, selectors.title)
    if title is not None and not _TITLE_WORDS[0] <= len(title.split()) <= _TITLE_WORDS[1]:
        title = None
    authors = tuple(
        text for selector in selectors.author for element in soup.select(selector)
        if (text := _text(element)) and len(text.split()) <= _AUTHOR_WORDS
    )
    body = tuple(
        text for selector in selectors.body for element in soup.select(selector)
        for block in _blocks(element) if (text := _text(block))
    )
    return Selected(
        markup=_without_removed(soup, markup, selectors.remove),
        title=title,
        date=_first_text(soup, selectors.date),
        authors=tuple(dict.fromkeys(authors)),
        body=body,
    )


def _without_removed(soup: BeautifulSoup, markup: str, remove: tuple[str, ...]) -> str:
    if not remove:
        return markup
    total = len(soup.get_text(" ", strip=True).split())
    matched = [element for selector in remove for element in soup.select(selector)]
    removed = sum(len(element.get_text(" ", strip=True).split()) for element in matched)
    if total and removed > _REMOVE_SHARE * total:
        return markup  # the selector took the article with it: it no longer fits the site
    for element in matched:
        element.decompose()
    return str(soup)


def _first_text(soup: BeautifulSoup, selectors: tuple[str, ...]) -> str | None:
    for selector in selectors:
        element = soup.select_one(selector)
        if element is not None and (text := _text(element)):
            return text
    return None


def _blocks(element: Tag) -> list[Tag]:
    """The paragraphs inside a body element (or the element, when it has none)."""
    blocks = element.select("p, h2, h3, h4, li, blockquote")
    return blocks or [element]


def _text(element: Tag) -> str:
    return tidy_line(element.get_text(" ", strip=True))
