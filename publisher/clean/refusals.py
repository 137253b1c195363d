"""Pages that are not articles: homepages, listings, forum threads, Q&A pages."""

from __future__ import annotations

import re
from pathlib import Path

from publisher.clean.dates import parse_date_line
from publisher.clean.evidence import PageEvidence
from publisher.clean.lines import Line
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import DATE_WINDOW, is_body_prose, is_prose
from publisher.errors import NotAnArticleError
from publisher.model import Block, Figure, ListBlock, Paragraph

_MIN_BODY_WORDS = 40
_MIN_SENTENCE_WORDS = 8
_UNTITLED_MENU_LINES = 12
_THREAD_POSTS = 3
_LISTING_LINKS = 8
_LINKS_PER_PARAGRAPH = 2
_POST_NUMBER = re.compile(r"^#\d{1,6}$")


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
    """Forum threads and Q&A pages: several posts under the title, told by numbered posts
    (``#2``), marker lines (``Trả lời``), posters' names in the markup, or dated posts.
    Reader comments after an article's end marker or in a comment box do not count."""
    scope = []
    for line in lines:
        if profile.is_end_marker(line.text) or ({"comment", "related"} & line.hints):
            break
        scope.append(line)
    signs = {
        "numbered posts": sum(1 for line in scope if _POST_NUMBER.match(line.text)),
        "reply markers": sum(1 for line in scope if profile.is_thread_line(line.text)),
        "posters": _runs(scope, lambda line: "author" in line.hints and line.words <= 8),
        "dated posts": _dated_posts(scope),
    }
    name, count = max(signs.items(), key=lambda item: item[1])
    if count >= _THREAD_POSTS:
        raise NotAnArticleError(f"a forum thread or a Q&A page, not an article ({count} {name} under the title)", path)


def _runs(lines: list[Line], test) -> int:
    """How many separate runs of lines pass ``test`` (one author box is one run)."""
    runs = 0
    inside = False
    for line in lines:
        if line.is_image:
            continue
        passed = test(line)
        runs += passed and not inside
        inside = passed
    return runs


def _dated_posts(lines: list[Line]) -> int:
    """Date lines with prose just before or after them, the article's own date aside."""
    dated = [index for index, line in enumerate(lines) if parse_date_line(line.text)]
    if dated and dated[0] < DATE_WINDOW:
        dated = dated[1:]
    return sum(
        1 for index in dated if any(is_prose(line) for line in lines[max(0, index - 3) : index] + lines[index + 1 : index + 4])
    )


def refuse_link_lists(lines: list[Line], path: Path | None) -> None:
    """Under the headline, mostly links to other stories: a listing or a homepage."""
    links = sum(1 for line in lines if line.link and not line.is_image)
    prose = sum(1 for line in lines if is_body_prose(line))
    if links >= _LISTING_LINKS and links > _LINKS_PER_PARAGRAPH * prose:
        raise NotAnArticleError(
            f"mostly links to other stories under the headline ({links} links, {prose} paragraphs): a homepage or a listing?", path
        )


def refuse_non_articles(lead: str | None, body: list[Block], evidence: PageEvidence, path: Path | None) -> None:
    words = sum(len(_block_text(block).split()) for block in body) + len((lead or "").split())
    if not any(isinstance(block, Paragraph) for block in body) and not lead:
        raise NotAnArticleError("no article text found (no paragraphs after the title)", path)
    longest = max([len((lead or "").split())] + [len(_block_text(b).split()) for b in body if not isinstance(b, Figure)])
    if longest < _MIN_SENTENCE_WORDS:
        raise NotAnArticleError(f"no sentence of article text (the longest paragraph has {longest} words): a menu or a listing?", path)
    if evidence.page_title is not None and words < _MIN_BODY_WORDS:
        raise NotAnArticleError(f"too little article text under the headline ({words} words): a homepage or a listing?", path)


def _block_text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Figure):
        return block.caption
    return getattr(block, "text", "")
