"""Pages that are not articles: homepages, listings, forum threads, Q&A pages, video pages.

Each check returns the reason it doubts the page is an article, or None; ``clean_lines``
weighs the doubts against what the page's metadata says (``decide``): a page whose
schema.org or OpenGraph data says it is an article is built, with a warning, and so is
any page the user says is one (``--as-article``). A text still mojibake after repair
(``doubt_mojibake``) is refused whatever its metadata says, unless the user says so.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from publisher.clean.dates import parse_date_line
from publisher.clean.evidence import PageEvidence
from publisher.clean.lines import ROW_SEPARATOR, Line, ends_sentence, line_key
from publisher.clean.names import looks_like_names
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import (
    DATE_WINDOW,
    RELATED_PREFIX,
    counts_under_headline,
)
from publisher.clean.words import word_count
from publisher.errors import NotAnArticleError
from publisher.ingest.mojibake import garbled_words
from publisher.model import AGENCY_PREFIX, Block, Figure, ListBlock, Paragraph

_MIN_BODY_WORDS = 40
_MIN_SENTENCE_WORDS = 8
_THREAD_POSTS = 3
_BYLINE_WORDS = 8
_ARTICLE_PARAGRAPHS = 10  # undated paragraphs in a row above comments: an article's text
_LISTING_LINKS = 8
_LINKS_PER_PARAGRAPH = 2
_TEXT_RUN = 3  # paragraphs in a row that make an article's text
_CARDS = 4
_CARD_HEAD_WORDS = (3, 30)
_DUMP_CARD_HEAD_WORDS = 8
_CARD_STAMP_WORDS = 6
_CARD_SHARE = 0.6
_TEASER_WORDS = 80
_TABLE_LINES = 12
_FIGURE_CHARS = 80
_DIGITS = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]")
_TABLE_SHARE = 0.4
_FRONT_PAGE_HEADLINES = 12  # other stories' headlines under the headline, with no sentence of text
_FRONT_PAGE_SENTENCES = 2  # full sentences from which the lines under the headline may be an article
_STORY_HEADLINE_WORDS = (6, 30)
_FULL_STOP = (".", "!", '"', "”", "»")
_POST_NUMBER = re.compile(r"^#\d{1,6}$")
# Two replies titled after the thread make one: no article titles its comments so.
_TITLED_REPLIES = 2
_REPLY_PREFIXES = ("re:", "re :", "aw:", "sv:", "vs:", "trả lời:")  # English, German, Nordic, Finnish, Vietnamese
# "© 1999 - 2021 Báo Lao Động", "Copyright (c) 2024 The Daily Example. All rights reserved."
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)[\s©]*(?:\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?(?P<name>[^.|,©;]{2,60})", re.I
)
# What every _COPYRIGHT match opens with, the case spelt out (the letters IGNORECASE matches,
# dotted and dotless i included): a pattern without the flag is looked for twice as fast.
# Mojibake left after repair, as a share of the page's words: 23% on a homepage whose text
# browser printed the mojibake's C1 controls as spaces, at most 0.13% (one word run into a
# quote) on the benchmark's articles; and never a few words: a quoted name in mojibake
# leaves the text readable (docs/cleaning.md).
_MOJIBAKE_SHARE = 0.1
_MOJIBAKE_WORDS = 20
# Below that, a warning from 1% of the words and at least 5 words: 7.7 times the highest
# article (0.13%, one word) and 4.3 times below a browser's copy of the mojibake page whose
# control characters were dropped (4.3%, docs/cleaning.md).
_MOJIBAKE_WARNING_SHARE = 0.01
_MOJIBAKE_WARNING_WORDS = 5
_COPYRIGHT_SIGN = re.compile("©|\\([cC]\\)|[cC][oO][pP][yY][rR][iI\u0130\u0131][gG][hH][tT]")
# What each _COPYRIGHT_SIGN match holds, as plain text: the sign, "(c)", or the word's "yr"
# in any case.
_COPYRIGHT_PIECES = ("©", "(c)", "(C)", "yr", "yR", "Yr", "YR")
# The pattern's parts: its marks, and its word, whose "yr" (``_COPYRIGHT_PIECES``' last four,
# three characters in) is where the word is tried.
_COPYRIGHT_MARKS = _COPYRIGHT_PIECES[:3]
_COPYRIGHT_WORD = re.compile("[cC][oO][pP][yY][rR][iI\u0130\u0131][gG][hH][tT]")
_COPYRIGHT_WORD_PIECES = _COPYRIGHT_PIECES[3:]


def decide(doubts: list[str], evidence: PageEvidence, as_article: bool, path: Path | None) -> tuple[str, ...]:
    """Refuse the page (NotAnArticleError) when a doubt stands and nothing says it is an
    article; otherwise the doubts become warnings."""
    if evidence.kind == "thread" and not as_article:
        raise NotAnArticleError("a forum thread or a Q&A page, not an article (its metadata says so)", path)
    if not doubts:
        return ()
    if as_article:
        return tuple(f"built as an article (--as-article), though {doubt}" for doubt in doubts)
    if evidence.is_article:
        return tuple(f"built as an article (its metadata says it is one), though {doubt}" for doubt in doubts)
    raise NotAnArticleError(doubts[0], path)


@dataclass(frozen=True)
class Verdict:
    """What one check says of a page: a reason to refuse it, or a doubt to tell while
    building it (a warning), or nothing."""

    refusal: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class MojibakeLeft:
    """What of a page's text is still mojibake after repair."""

    garbled: tuple[str, ...]  # the words, in order
    words: int  # the page's words

    @property
    def share(self) -> float:
        return len(self.garbled) / self.words if self.words else 0.0


def mojibake_left(lines: list[Line]) -> MojibakeLeft:
    """Measured over the whole page."""
    garbled = garbled_words("\n".join(line.text for line in lines))
    return MojibakeLeft(tuple(garbled), sum(line.words for line in lines))


def doubt_mojibake(left: MojibakeLeft) -> str | None:
    """The page's text still mojibake after repair (a letter's bytes were lost, so nothing
    can put it together again): no one's article, whatever its shape or its metadata says;
    ``clean_lines`` refuses it unless the user says it is one."""
    bad = len(left.garbled)
    if bad >= _MOJIBAKE_WORDS and left.share >= _MOJIBAKE_SHARE:
        return (
            f"the text is still mojibake after repair ({left.share:.0%} of its words): "
            "re-save the page with its real encoding"
        )
    return None


def warn_mojibake(left: MojibakeLeft) -> str | None:
    """A text partly mojibake after repair, too little to refuse: built, but the reader
    would meet garbled words, so the user hears how many and sees one."""
    bad = len(left.garbled)
    if bad >= _MOJIBAKE_WARNING_WORDS and left.share >= _MOJIBAKE_WARNING_SHARE and doubt_mojibake(left) is None:
        return (
            f"{bad} words ({left.share:.1%} of the text) are still mojibake after repair, "
            f"such as {left.garbled[0]!r}: re-save the page with its real encoding"
        )
    return None


def doubt_threads(
    lines: list[Line], text: list[Line], profile: SiteProfile, title: str, below: list[Line] | None = None
) -> Verdict:
    """Forum threads and Q&A pages: several posts under the title, told by numbered posts
    (``#2``) or marker lines (``Trả lời``) anywhere under it (``lines``), and by posters'
    names in the markup or dated posts inside the text itself (``text``: the lines the
    article's text runs through, without the page's furniture, where an article page keeps
    its author's box and its list of dated stories). Reader comments after an article's
    end marker or in a comment box do not count. Posts only under a line that counts them
    and quotes the headline (``34 responses to “Headline”``: the comment box under an
    article, most likely, whatever its length) are a doubt told, not a refusal. Replies
    titled after the thread (``Re: <title>``) are counted in all the page shows under the
    title (``below``): the title printed again is where an article's text is taken to end."""
    titled = _replies_titled_after(title, below if below is not None else lines, profile)
    if titled >= _TITLED_REPLIES:
        return Verdict(refusal=f"a forum thread or a Q&A page, not an article ({titled} replies titled after the thread)")
    found, cut_by_count = _thread_signs_under_count(lines, text, profile, title)
    if found:
        return Verdict(refusal=f"a forum thread or a Q&A page, not an article ({found})")
    # Where no line counts the posts, the lines looked at under one are the same ones.
    if cut_by_count and (found := _thread_signs(lines, text, profile, title, below_count=True)):
        doubt = f"a forum thread or a Q&A page? ({found}, under a line that counts them)"
        return Verdict(warning=f"built as an article, though {doubt}")
    return Verdict()


def _thread_signs(lines: list[Line], text: list[Line], profile: SiteProfile, title: str, *, below_count: bool) -> str | None:
    header = None if below_count else line_key(title)
    scope = _before_comments(lines, profile, header)
    # In a page dump nothing is left out as furniture: the text is the lines themselves.
    text_scope = scope if text is lines else _before_comments(text, profile, header)
    return _signs(scope, text_scope, profile)


def _thread_signs_under_count(lines: list[Line], text: list[Line], profile: SiteProfile, title: str) -> tuple[str | None, bool]:
    """``_thread_signs(..., below_count=False)``, and whether a line that counts the posts
    under the headline ended the lines looked at (else ``below_count=True`` looks at the
    same lines, and finds the same)."""
    header = line_key(title)
    scope, cut = _scope_before_comments(lines, profile, header)
    text_scope, text_cut = (scope, cut) if text is lines else _scope_before_comments(text, profile, header)
    return _signs(scope, text_scope, profile), cut or text_cut


def _signs(scope: list[Line], text_scope: list[Line], profile: SiteProfile) -> str | None:
    signs = {
        "numbered posts": sum(1 for line in scope if _POST_NUMBER.match(line.text)),
        "reply markers": sum(1 for line in scope if profile.is_thread_line(line.text)),
        "posters": _posts(text_scope),
        "dated posts": _dated_posts(text_scope),
    }
    name, count = max(signs.items(), key=lambda item: item[1])
    return f"{count} {name} under the title" if count >= _THREAD_POSTS else None


def _replies_titled_after(title: str, lines: list[Line], profile: SiteProfile) -> int:
    """How many of the lines before the comments are replies titled after the thread
    (``_reply_title``). Most pages hold no line that opens as a reply does: one look for
    the prefixes in the lines' keys, and the lines before the comments are not sought."""
    if not any(line.key.startswith(_REPLY_PREFIXES) for line in lines):
        return 0
    title_key = line_key(title)
    return sum(1 for line in _before_comments(lines, profile) if _reply_title(line.key, title_key))


def _reply_title(key: str, title_key: str) -> bool:
    """``Re: Best way to cross the bay?`` under that title: a post answering the thread's
    first, titled as mail and forums title a reply."""
    bare_title = title_key.split(":", 1)[1].strip() if title_key.startswith(_REPLY_PREFIXES) else title_key
    return key.startswith(_REPLY_PREFIXES) and key.split(":", 1)[1].strip() == bare_title


def _before_comments(lines: list[Line], profile: SiteProfile, title_key: str | None = None) -> list[Line]:
    return _scope_before_comments(lines, profile, title_key)[0]


def _scope_before_comments(lines: list[Line], profile: SiteProfile, title_key: str | None = None) -> tuple[list[Line], bool]:
    """The lines before the comments, and whether a line counting them under the headline
    (``title_key``'s) ended them."""
    scope: list[Line] = []
    for line in lines:
        if profile.is_end_marker(line.text) or ({"comment", "related"} & line.hints):
            break
        if title_key and counts_under_headline(line, title_key):
            return scope, True
        scope.append(line)
    return scope, False


def _posts(lines: list[Line]) -> int:
    """Posts signed in the markup: a poster's name (a short line the markup calls an
    author) with a message under it. An article's byline and its author's box, before or
    after the text, are one name each with no message of their own."""
    posts = 0
    inside = False
    for index, line in enumerate(lines):
        poster = "author" in line.hints and line.words <= 8 and not line.is_image
        if poster and not inside:
            following = [other for other in lines[index + 1 : index + 5] if not other.is_image and "author" not in other.hints]
            posts += bool(following) and following[0].is_prose
        inside = poster
    return posts


def _dated_posts(lines: list[Line]) -> int:
    """Date lines with prose just before or after them, the article's own date aside."""
    dated = _dated_before_an_articles_length(lines)
    return sum(
        1 for index in dated if any(line.is_prose for line in lines[max(0, index - 3) : index] + lines[index + 1 : index + 4])
    )


def _dated_before_an_articles_length(lines: list[Line]) -> list[int]:
    """The date lines (``parse_date_line``, no story's stamp) above the first that stands
    under an article's length of undated paragraphs, the first date line aside when it
    stands near the top (the article's own): below that length, the dated posts are
    readers' comments under an article (a browser's copy keeps its comment box), where a
    thread's posts follow one another. Read down the page only until such a length of
    paragraphs: no date line below it counts, and the lines there (an article's text and
    its foot: most of a page) are not asked."""
    kept: list[int] = []
    since = 0  # paragraphs since the last date line kept
    first_seen = False
    for index, line in enumerate(lines):
        if since >= _ARTICLE_PARAGRAPHS:
            break
        if parse_date_line(line.text) and not _story_stamp(lines, index):
            own_date = not first_seen and index < DATE_WINDOW
            first_seen = True
            if not own_date:
                kept.append(index)
                since = 0
                continue
        since += line.is_body_prose
    return kept


def _story_stamp(lines: list[Line], index: int) -> bool:
    """The date under a story's headline and its byline (headline, names, date): a list
    of other stories under an article prints them so. A post's date stands under its
    poster's name too, but over the name is the post before, not a headline."""
    if index < 2:
        return False
    names, headline = lines[index - 1], lines[index - 2]
    low, high = _CARD_HEAD_WORDS
    return (
        names.words <= _BYLINE_WORDS and looks_like_names(names.text)
        and low <= headline.words <= high and not ends_sentence(headline.text) and not headline.is_image
    )


def doubt_link_lists(lines: list[Line]) -> str | None:
    """Under the headline, mostly links to other stories, and no run of paragraphs that
    an article's text would be: a listing or a homepage (an article's page may hold many
    links in its boxes, but its text runs on)."""
    links = sum(1 for line in lines if line.link and not line.is_image)
    prose = sum(1 for line in lines if line.is_body_prose)
    if links >= _LISTING_LINKS and links > _LINKS_PER_PARAGRAPH * prose and _longest_text_run(lines) < _TEXT_RUN:
        return f"mostly links to other stories under the headline ({links} links, {prose} paragraphs): a homepage or a listing?"
    return None


def _longest_text_run(lines: list[Line]) -> int:
    """The most paragraphs in a row, pictures and captions between them allowed; on a
    saved page, the most lines in a row of the extractor's text that are no links (a
    homepage's teasers stand one by one between the links to their stories)."""
    longest = run = 0
    for line in lines:
        if (line.main and not line.link) or (line.main is None and line.is_body_prose):
            run += 1
            longest = max(longest, run)
        elif not (line.is_image or "caption" in line.hints):
            run = 0
    return longest


def doubt_site_title(title: str, lines: list[Line], evidence: PageEvidence) -> str | None:
    """The headline found is the site's own name, as its metadata or its copyright line
    gives it: a headline names a story, never the publication (a homepage's top line)."""
    key = line_key(title)
    names = [evidence.site_name or ""] + [match.group("name") for text in _signed(lines) for match in _COPYRIGHT.finditer(text)]
    if key and any(line_key(name) == key for name in names):
        return f"the headline found, {title!r}, is the site's own name: a homepage?"
    return None


def _signed(lines: list[Line]) -> list[str]:
    """The lines that hold a copyright sign, in order: found in one look over the page's
    text (a footer's one line among hundreds), not one look a line."""
    texts = [line.text for line in lines]
    signs = _copyright_signs("\n".join(texts))
    if not signs:
        return []
    ends = list(accumulate(len(text) + 1 for text in texts))  # where each line's "\n" stands
    found = {bisect_right(ends, start) for start in signs}
    return [texts[index] for index in sorted(found)]


def _copyright_signs(page: str) -> list[int]:
    """Where ``_COPYRIGHT_SIGN`` matches in ``page``, in no particular order. Its marks are
    each found with ``str.find`` (a pattern's search steps through every character), its
    word tried only where its "yr" stands; no match overlaps another, so each is found."""
    starts = [at for mark in _COPYRIGHT_MARKS for at in _places(page, mark)]
    starts += [
        at - 3
        for piece in _COPYRIGHT_WORD_PIECES
        for at in _places(page, piece)
        if at >= 3 and _COPYRIGHT_WORD.match(page, at - 3)
    ]
    return starts


def _places(text: str, piece: str) -> Iterator[int]:
    """Where ``piece`` stands in ``text``."""
    at = text.find(piece)
    while at != -1:
        yield at
        at = text.find(piece, at + 1)


def doubt_text(lead: str | None, body: list[Block], evidence: PageEvidence) -> str | None:
    """Too little text to be an article. Words count in sentences only: a footer's lines
    (an address, phone numbers, a licence) or a table's cells are many words and no text."""
    texts = [lead or "", *(_block_text(b) for b in body if not isinstance(b, Figure))]
    sentences = [text for text in texts if _is_sentence(text)]
    words = sum(word_count(text) for text in sentences)
    if not any(isinstance(block, Paragraph) for block in body) and not lead:
        if evidence.kind == "video":
            return "a video page with no article text"
        return "no article text found (no paragraphs after the title)"
    longest = max([word_count(lead or "")] + [word_count(_block_text(b)) for b in body if not isinstance(b, Figure)])
    if longest < _MIN_SENTENCE_WORDS:
        return f"no sentence of article text (the longest paragraph has {longest} words): a menu or a listing?"
    if evidence.page_title is not None and words < _MIN_BODY_WORDS:
        if evidence.kind == "video":
            return f"a video page: {words} words of text under the headline"
        return f"too little article text under the headline ({words} words): a homepage or a listing?"
    return None


def _is_sentence(text: str) -> bool:
    return word_count(text) >= _MIN_SENTENCE_WORDS and (ends_sentence(text) or word_count(text) >= 25)


def doubt_teaser(region: list[Line], profile: SiteProfile) -> Verdict:
    """One paragraph, then a "read more" link: a homepage shows the beginning of a story,
    not the story. An article's text is more than its first paragraph; where an article's
    length of text runs on under the link and no other such link follows (a box's link to
    another story, above the text), it is a doubt told, the article built."""
    found = _teaser(region, profile)
    if found is None:
        return Verdict()
    reason, runs_on = found
    if not runs_on:
        return Verdict(refusal=reason)
    return Verdict(warning=f"built as an article, though {reason} (the text runs on under it)")


def _teaser(region: list[Line], profile: SiteProfile) -> tuple[str, bool] | None:
    """The doubt, and whether the text runs on under the link: a homepage's next story has
    a link of its own, an article's text goes on for paragraphs."""
    texts = [line for line in region if not line.is_image]
    for index, line in enumerate(texts):
        if line.key in profile.teaser_markers:  # ``is_teaser_marker``, the line's key already worked out
            before = [
                other
                for other in texts[:index]
                if other.is_body_prose and not other.link and not RELATED_PREFIX.match(other.text)
            ]
            if len(before) > 1:
                return None
            after = texts[index + 1 :]
            runs_on = not any(profile.is_teaser_marker(other.text) for other in after) and (
                sum(1 for other in after if other.is_body_prose and not other.link) >= _ARTICLE_PARAGRAPHS
            )
            reason = f"one paragraph then '{line.text}' under the headline: the beginning of a story on a homepage or a listing?"
            return reason, runs_on
    return None


def doubt_cards(region: list[Line], rest: list[Line]) -> Verdict:
    """Under the headline, headlines each followed by one short paragraph, again and
    again: the cards of a homepage or a listing (a story's title and its teaser). An
    article's sections hold several paragraphs, and its paragraphs stand mostly in runs.
    Looked for in the article's span (``region``), and, when that holds less than a run
    of paragraphs (the span ended at the second teaser), in the rest of the page.
    Where an article's length of paragraphs stands above the first card (a list of other
    stories under an article's text), a doubt told, the article built."""
    found = _found_cards(region, rest)
    if found is None:
        return Verdict()
    reason, above = found
    if above < _ARTICLE_PARAGRAPHS:
        return Verdict(refusal=reason)
    return Verdict(warning=f"built as an article, though {reason} (after {above} paragraphs of text)")


def _found_cards(region: list[Line], rest: list[Line]) -> tuple[str, int] | None:
    found = _cards(region)
    if found is None and sum(1 for line in region if line.is_body_prose) < _TEXT_RUN:
        found = _cards(rest)
    return found


def _cards(lines: list[Line]) -> tuple[str, int] | None:
    """The doubt, and how many paragraphs stand above the cards."""
    texts = [line for line in lines if not line.is_image and "caption" not in line.hints]
    heads: list[int] = []
    for index in range(len(texts) - 1):
        head = texts[index]
        if not _shaped_as_card_head(head):
            continue  # the head's own shape first: most lines' teasers are not looked for
        # The teaser under the headline, maybe past a line of section and time ("Sức khỏe - 25 phút trước").
        following = texts[index + 1 : index + 3]
        position = next((i for i, line in enumerate(following) if line.words > _CARD_STAMP_WORDS), None)
        if position is None:
            continue
        teaser = following[position]
        after = texts[index + 2 + position] if index + 2 + position < len(texts) else None
        if (
            _is_card_head(head, teaser) and teaser.is_body_prose and teaser.words <= _TEASER_WORDS
            and (after is None or not after.is_body_prose)
        ):
            heads.append(index)
    cards = len(heads)
    prose = sum(1 for line in texts if line.is_body_prose)
    if cards >= _CARDS and cards >= _CARD_SHARE * prose and _longest_text_run(lines) < _TEXT_RUN:
        # A stray line or two of an article's text may read as a card (its date over its
        # lead): the list of other stories begins where the cards come together.
        above = sum(1 for line in texts[: heads[_CARDS - 1]] if line.is_body_prose)
        return f"{cards} headlines each with a one-paragraph teaser under the headline: a homepage or a listing?", above
    return None


def _is_card_head(line: Line, teaser: Line) -> bool:
    """Another story's headline: on a saved page a link (an article's subheadings are
    not); in a dump, which has no links, a headline's length (a list article's subheads,
    "Bạn lạc quan", are shorter than the headlines of a homepage's stories), or a teaser
    under it that opens as a story's lead does, with the agency's name."""
    if not _shaped_as_card_head(line):
        return False
    if line.main is not None:
        return line.link
    return line.words >= _DUMP_CARD_HEAD_WORDS or bool(AGENCY_PREFIX.match(teaser.text))


def _shaped_as_card_head(line: Line) -> bool:
    """A headline's length, and neither a paragraph nor a list's item."""
    return _CARD_HEAD_WORDS[0] <= line.words <= _CARD_HEAD_WORDS[1] and not line.is_prose and line.kind != "item"


def doubt_front_page(region: list[Line]) -> str | None:
    """Under the headline, many headlines of other stories and hardly a full sentence: a
    homepage's front (its headlines one under the other, each a different story), even
    where no teaser stands under them. A story's headline is a line of a headline's length
    that does not end like a sentence, printed once, with no paragraph under it (a
    subheading has its text under it). A full sentence is one of eight words or more that
    ends with a full stop, an exclamation mark or a closing quote; a teaser cut short
    (``...``) or a question is a headline's ending too. An article's text, however short,
    has full sentences; a photo story's captions are sentences as well."""
    texts = [line for line in region if not line.is_image and "caption" not in line.hints]
    sentences = sum(1 for line in texts if _is_full_sentence(line))
    if sentences >= _FRONT_PAGE_SENTENCES:
        return None
    low, high = _STORY_HEADLINE_WORDS
    seen: set[str] = set()
    headlines = 0
    for index, line in enumerate(texts):
        under = texts[index + 1] if index + 1 < len(texts) else None
        if (
            low <= line.words <= high and not ends_sentence(line.text) and line.key not in seen
            and (under is None or not under.is_body_prose)
        ):
            headlines += 1
        seen.add(line.key)
    if headlines >= _FRONT_PAGE_HEADLINES:
        return (
            f"{headlines} headlines of other stories under the headline and {sentences} full sentences: "
            "a homepage or a listing?"
        )
    return None


def _is_full_sentence(line: Line) -> bool:
    return line.words >= _MIN_SENTENCE_WORDS and line.text.endswith(_FULL_STOP) and not line.text.endswith("...")


def doubt_figures(lines: list[Line]) -> str | None:
    """Mostly figures under the headline, hardly a sentence: a table of data (prices,
    results, a company's accounts), not an article."""
    texts = [line for line in lines if not line.is_image]
    # A table's row of data, read as one line, counts cell by cell, as a copy's cells do.
    cells = [cell for line in texts for cell in (line.text.split(ROW_SEPARATOR) if "row" in line.hints else (line.text,))]
    figures = sum(1 for cell in cells if _is_figure(cell))
    paragraphs = sum(1 for line in texts if line.is_body_prose)
    if len(cells) >= _TABLE_LINES and figures >= _TABLE_SHARE * len(cells) and paragraphs < _TEXT_RUN:
        return f"a table of figures ({figures} of {len(cells)} lines or cells are numbers), not an article"
    return None


def _is_figure(text: str) -> bool:
    if len(text) > _FIGURE_CHARS:
        return False  # a paragraph, whatever figures it quotes
    digits = len(_DIGITS.findall(text))
    return digits > 0 and digits >= len(_LETTERS.findall(text))


def _block_text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Figure):
        return block.caption
    return getattr(block, "text", "")
