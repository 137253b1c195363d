"""Pages that are not articles: homepages, listings, forum threads, Q&A pages."""

from __future__ import annotations

from pathlib import Path

from publisher.clean.dates import parse_date_line
from publisher.clean.evidence import PageEvidence
from publisher.clean.lines import Line
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import DATE_WINDOW, is_body_prose, is_prose
from publisher.errors import NotAnArticleError
from publisher.model import Block, Figure, ListBlock, Paragraph

_MIN_BODY_WORDS = 40
_UNTITLED_MENU_LINES = 12
_THREAD_POSTS = 3


def refuse_untitled_pages(lines: list[Line], path: Path | None) -> None:
    """A page dump whose title never reappears, and whose first prose comes only after many
    short lines (menus, headlines), is a homepage or a listing."""
    first_prose = next((i for i, line in enumerate(lines) if is_body_prose(line)), len(lines))
    if first_prose > _UNTITLED_MENU_LINES:
        raise NotAnArticleError(
            f"the page title never reappears above article text, and {first_prose} short lines come first: a homepage or a listing?",
            path,
        )


def refuse_threads(lines: list[Line], profile: SiteProfile, path: Path | None) -> None:
    """Forum threads and Q&A pages: several posts, each under a marker line or its date."""
    markers = sum(1 for line in lines if profile.is_thread_line(line.text))
    posts = sum(
        1
        for index, line in enumerate(lines[DATE_WINDOW:], start=DATE_WINDOW)
        if parse_date_line(line.text) and index + 1 < len(lines) and is_prose(lines[index + 1])
    )
    if markers >= _THREAD_POSTS or posts >= _THREAD_POSTS:
        raise NotAnArticleError(
            f"a forum thread or a Q&A page, not an article ({max(markers, posts)} posts under the title)", path
        )


def refuse_non_articles(lead: str | None, body: list[Block], evidence: PageEvidence, path: Path | None) -> None:
    words = sum(len(_block_text(block).split()) for block in body) + len((lead or "").split())
    if not any(isinstance(block, Paragraph) for block in body) and not lead:
        raise NotAnArticleError("no article text found (no paragraphs after the title)", path)
    if evidence.page_title is not None and words < _MIN_BODY_WORDS:
        raise NotAnArticleError(f"too little article text under the headline ({words} words): a homepage or a listing?", path)


def _block_text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Figure):
        return block.caption
    return getattr(block, "text", "")
