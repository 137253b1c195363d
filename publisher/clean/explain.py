"""A record of what cleaning dropped and why, for ``publisher clean --explain``."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.model import Article


@dataclass(frozen=True, init=False)
class Dropped:
    line: int
    text: str
    rule: str

    def __init__(self, line: int, text: str, rule: str) -> None:
        # Item by item into the instance's dict: the frozen dataclass's own __init__ sets each
        # field through object.__setattr__, and a page drops most of its lines, each recorded.
        values = self.__dict__
        values["line"] = line
        values["text"] = text
        values["rule"] = rule


@dataclass(frozen=True)
class CleanResult:
    article: Article
    dropped: tuple[Dropped, ...] = ()
    # What the cleaner doubted but built anyway (a page it would have refused, read under
    # --as-article; a remote image; ...): the build reports each as a warning.
    warnings: tuple[str, ...] = ()
    # The lead is a standfirst printed apart from the article's text (the page's main-text
    # extractor leaves it out, or it stands outside the element holding the text's
    # paragraphs), not the text's opening paragraph: a benchmark whose people
    # mark the article's body without its standfirst compares the body alone.
    lead_apart: bool = False
