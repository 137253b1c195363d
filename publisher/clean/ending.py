"""Where an article ends: end markers, comments and other stories, teasers, the byline."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate, islice, pairwise

from publisher.clean.dates import find_date, parse_date_line
from publisher.clean.evidence import PageEvidence
from publisher.clean.explain import Dropped
from publisher.clean.language import signs_with_one_word
from publisher.clean.lines import Line, ends_sentence, line_key
from publisher.clean.names import (
    bracketed_uncased_names,
    is_caps_byline,
    is_sentence_word,
    looks_like_names,
    looks_like_uncased_names,
)
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import (
    byline_names,
    counts_under_headline,
    credits_helpers,
    has_caption_cue,
    is_agency_credit,
    is_attribution,
    is_bare_byline_word,
    is_quoted_headline,
    is_related_label,
    starts_with_count,
)
from publisher.model import AGENCY_PREFIX

_MAIN_SLACK = 3  # short lines after the extractor's last line that may still be the byline
_TEXT_LINE_WORDS = 3
_LABEL_WORDS = 3
_MARKER_LOOKAHEAD = 15  # lines under an end marker where the extractor's text may go on
_RUN_ON_LINES = 3  # paragraphs in a row after the extractor's last line: it stopped too soon
_DATED_RUN_ON_LINES = 2
_BYLINE_MAX_WORDS = 8
_PARAGRAPH_WINDOW = 12  # lines under a name-like line where the text's paragraphs may go on
_PARAGRAPH_WORDS = 30
_PARAGRAPHS_GOING_ON = 3
_OPENING_SHARE = 3  # paragraphs under a byline for each above it: it opens the text
_RESUME_WINDOW = 30  # lines under a line that ends the text where its paragraphs may resume
_RESUME_PAIRS = 4  # paragraphs right under another paragraph there: the text goes on
_BOX_LINKS = 4  # headlines in a box of links set inside the text
_PERSON_NAME_WORDS = (2, 3)
_STORY_LINE_WORDS = 4  # a line of the story's box (a product's feature, a recipe's step), not a label
_TOLD_SHARE = 1 / 3  # of a box's name, the headline's words the text uses ("Spiced Honey Pear Jam")
_COMMON_WORD_PARAGRAPHS = 5  # paragraphs a text needs for telling its common words from the rest
_COMMON_WORD_SHARE = 0.4  # a word in more of the paragraphs than this tells nothing
_WORD = re.compile(r"\w+")
_OPENING_CHARS = 30  # a paragraph printed twice (cut short, then whole) opens alike
# The sign (ⓒ, circled, as Korean sites print it, too) or the word, in the languages that
# open a footer with it: "版权所有" (Chinese), "著作權" (Chinese, Japanese), "저작권" (Korean).
_COPYRIGHT = re.compile(r"(©|ⓒ|Ⓒ|\(c\)\s|copyright\b|版权所有|版權所有|著作权|著作權|저작권)", re.IGNORECASE)
_COPYRIGHT_MIN_WORDS = 4  # "© Regan", "© Getty Images": a picture's credit
_COPYRIGHT_WORDS = 25
# "© 2026 News", "Copyright 2019 Example Times": the sign, a year (or years), a name of a
# word or two: a site's footer, short as it is (a picture's credit with a year stands under
# its picture, which the notice's other checks see).
_DATED_SHORT_NOTICE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s+\S+(?:\s+\S+)?\.?", re.I)
_TEASER_HEADLINE_WORDS = (6, 25)  # a story's headline; a subheading is often shorter
_TEASER_WORDS = 30  # a teaser is one short sentence
_TAG_WORDS = 4  # words of one of the story's tags
_TAG_COUNT = 3
_LIST_ITEMS = 3  # lines printed right under a list's heading, one under another
_MENU_LABELS = 3  # short labels in a row beside a name-like line: it is a menu's item or a list's heading
_STOPS = (".", "!", "?")
_LINK_LIST_LINES = 6  # lines in a row, with no blank line between, that make a list of other stories
_LINK_LIST_WORDS = 25  # longest headline in such a list
_QUOTE_MARKS = re.compile("[\"“”„«»\u2039\u203a「」『』]")  # single angle quotes by their code points
_HEADER_LEAD_WORDS = 5  # "34 responses to", "12 thoughts on", "3 Kommentare zu"
_QUOTED_HEADLINE_WORDS = 3
_AUTHOR_BOX_WORDS = (3, 6)  # "About Jane Roe", "À propos de Jean Dupont"
_AUTHOR_BOX_LABEL_WORDS = 3
_BIOGRAPHY_NAME_WORDS = 10  # "Jane Roe is a ...", "Als Inbound Sales Manager bildet Moritz Bachmann"
# A note in brackets closing a byline: its source or how it was written ("(tổng hợp)").
_NOTE_AFTER_NAMES = re.compile(r"(?<=\S)\s*\([^()]{1,40}\)$")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)
_CAPTION_ABOVE_CREDIT_WORDS = 30  # a picture's caption between it and its credit
# Where a second sentence starts inside a line: "... đi qua. Thành công ..."
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]?\s+[\"“(]?(\w)")


def find_end(
    lines: list[Line], title_index: int, title: str, profile: SiteProfile, evidence: PageEvidence, *, names_mail: bool = True
) -> tuple[int, str]:
    """Where the article is over: an end marker, the reader comments or other stories, the
    title repeated in a share box, or past the extractor's last line. ``names_mail``: False
    where the page holds no promotion's word (``SiteProfile.may_hold_promotion``), and no
    line is asked whether it is a sign-up form's."""
    title_key = line_key(title)
    last_main = None
    if evidence.has_extractor:
        # The text's last paragraph or list item the extractor took: a heading or a short
        # line it took far below (a feedback form repeating the headline) ends nothing.
        mains = [
            i for i in range(title_index + 1, len(lines)) if lines[i].main and not lines[i].link and lines[i].kind != "heading"
        ]
        last_main = mains[-1] if mains else None
        if last_main is not None and _text_runs_on(lines[last_main + 1 : last_main + 1 + 2 * _RUN_ON_LINES]):
            last_main = None  # the extractor stopped inside the text: its end is no evidence
    seen_prose = seen_body_prose = False
    body_prose_seen = 0
    for index in range(title_index + 1, len(lines)):
        line = lines[index]
        if (
            seen_prose
            and (profile.is_end_marker(line.text) or _names_a_box_at_the_end(lines, index, profile))
            and not _main_text_goes_on(lines, index)
            and (evidence.has_extractor or not _box_inside_the_text(lines[index + 1 :]))
            and (evidence.has_extractor or not _emptied_related_box(line, lines[index + 1 :]))
        ):
            return index, f"after the end marker '{line.text}'"
        if seen_prose and line.key == title_key and (evidence.has_extractor or not _paragraphs_go_on(lines[index + 1 :])):
            return index, "after the article (its title repeats in a share box or teaser)"
        if seen_prose and _is_comment_box_header(lines, index, title_key):
            return index, "the comment box's header (a count of comments and the headline quoted)"
        if seen_body_prose and _opens_comments(lines, index):
            return index, READER_COMMENTS
        if (
            body_prose_seen >= _PARAGRAPHS_GOING_ON
            and not evidence.has_extractor
            and names_mail
            and profile.is_promotion(line.text)
            and any(profile.names_the_mail(other.text) for other in lines[index + 1 : index + 1 + _SIGN_UP_FORM_LINES])
            and not _paragraphs_go_on(lines[index + 1 :])
        ):
            # Under the text (three paragraphs of it above at least: a magazine's own
            # sign-up box may stand over the text too), a sign-up form, its call and another
            # line naming the mail under it, with no run of the text's paragraphs under it:
            # the page's furniture follows (the form's notices, the footer). Inside the
            # text, a lone call goes, and the paragraphs go on under it.
            return index, "the site's promotion under the text (the page's furniture follows)"
        if seen_body_prose and _heads_an_authors_box(lines, index):
            return _above_the_box(lines, index), "the author's box (a line naming them over their biography)"
        if (
            seen_body_prose
            and _is_copyright_notice(line, lines[index - 1])
            and not _main_text_goes_on(lines, index)
            # In a copy, full paragraphs under a line with the sign: a picture's credit and
            # caption (``© Jane Roe Detainees at ...``) inside the text, not the footer.
            and (evidence.has_extractor or not _prose_goes_on(lines[index + 1 :]))
        ):
            return index + _ends_the_extracted_text(lines, index), "the page's copyright notice (its footer)"
        if seen_prose and _starts_other_content(lines, index, last_main):
            return index, "reader comments or other stories (page markup)"
        if seen_body_prose and evidence.is_page_dump and _starts_link_list(lines, index):
            return index, "a list of other stories' headlines after the text"
        if (
            seen_body_prose
            and line.is_body_prose
            and AGENCY_PREFIX.match(line.text)
            and ends_sentence(line.text)
            and not line.main
            and (evidence.has_extractor or not _prose_goes_on(lines[index + 1 :]))
        ):
            # The lead opens with the agency's name once; again below the text, it opens
            # the teaser of another story, under that story's title.
            teaser_title = index - 1 if index - 1 > title_index and not ends_sentence(lines[index - 1].text) else index
            if teaser_title < index:
                teaser_title = _teasers_above(lines, teaser_title, title_index)
            return teaser_title, "teasers for other stories (their leads open with the agency's name)"
        if last_main is not None and index > last_main + _MAIN_SLACK:
            return index, "after the main text (extractor)"
        if last_main is not None and index > last_main and (line.words > 12 or (line.is_image and not _captioned(lines, index))):
            return index, "after the main text (extractor)"
        seen_prose = seen_prose or line.is_prose
        seen_body_prose = seen_body_prose or line.is_body_prose
        body_prose_seen += line.is_body_prose
    return len(lines), "after the article"


# A comment's header as blog software prints it, in English and the languages whose
# translations say it so: ``Jane Roe says:``, ``Jane Roe on September 12, 2018 at 4:47 pm
# said:``, ``Max sagt:``, ``Marie dit :``.
_COMMENT_SAYS = re.compile(r"\s(?:says|said|wrote|sagt|schrieb|dit|dice|disse)\s?:$", re.IGNORECASE)
_COMMENT_HEADER_WORDS = 12


_SIGN_UP_FORM_LINES = 4  # how far under a sign-up call its form's other lines stand
READER_COMMENTS = "reader comments (each a name that says, and its date)"


def comment_headers(lines: list[Line]) -> int:
    """How many comments' headers ``lines`` hold (``_is_comment_header``)."""
    return sum(1 for index in range(len(lines)) if _is_comment_header(lines, index))


def _opens_comments(lines: list[Line], index: int) -> bool:
    """The first of two or more comments under the text: a name and ``says:`` with the
    comment's date beside it or on the next line. A writer's ``the minister said:`` has
    its quotation under it, not a date."""
    if not _is_comment_header(lines, index):
        return False
    return any(_is_comment_header(lines, other) for other in range(index + 1, len(lines)))


def _is_comment_header(lines: list[Line], index: int) -> bool:
    line = lines[index]
    if line.words > _COMMENT_HEADER_WORDS or not line.text.endswith(":") or not _COMMENT_SAYS.search(line.text):
        return False
    return find_date(line.text) is not None or (index + 1 < len(lines) and parse_date_line(lines[index + 1].text) is not None)


def _names_a_box_at_the_end(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """An end marker with a few words after it ("Top stories in Nation", "Most read in world
    news") heads a box; inside the text as often as under it, so it ends the text only
    where the text's paragraphs do not resume under it."""
    if not profile.opens_with_end_marker(lines[index].text):
        return False
    following = lines[index + 1 :]
    return not _paragraphs_go_on(following) and not _text_resumes(following)


def _heads_an_authors_box(lines: list[Line], index: int) -> bool:
    """``About Jane Roe``, ``Über Moritz Bachmann``: one to three words and a person's
    name (two or three capitalised words), over a paragraph that names them in its first
    words (their biography), and no paragraph of the text going on or resuming under it."""
    if not _AUTHOR_BOX_WORDS[0] <= lines[index].words <= _AUTHOR_BOX_WORDS[1]:
        return False  # the cheap look first
    if index + 1 >= len(lines) or not lines[index + 1].is_body_prose:
        return False  # no paragraph under it (most short lines): no name looked for
    name = _name_at_the_end(lines[index].text)
    if name is None or name not in " ".join(lines[index + 1].text.split()[:_BIOGRAPHY_NAME_WORDS]):
        return False
    following = lines[index + 2 :]
    return not _paragraphs_go_on(following) and not _text_resumes(following)


def _name_at_the_end(text: str) -> str | None:
    words = text.split()
    if not _AUTHOR_BOX_WORDS[0] <= len(words) <= _AUTHOR_BOX_WORDS[1] or text.rstrip().endswith((*_STOPS, ":")):
        return None
    for size in _PERSON_NAME_WORDS:
        name, before = words[-size:], words[:-size]
        if 1 <= len(before) <= _AUTHOR_BOX_LABEL_WORDS and before[0][:1].isupper() and all(
            word[:1].isupper() and word.replace("-", "").isalpha() for word in name
        ):
            return " ".join(name)
    return None


def _above_the_box(lines: list[Line], index: int) -> int:
    """The author's picture's label right above the box (``Foto von Moritz Bachmann``)
    goes with it: short lines there that hold the name."""
    name = _name_at_the_end(lines[index].text) or ""
    start = index
    while start - 1 >= 0 and lines[start - 1].words <= _AUTHOR_BOX_WORDS[1] and name in lines[start - 1].text:
        start -= 1
    return start


def _is_comment_box_header(lines: list[Line], index: int, title_key: str) -> bool:
    """``34 responses to “Headline”``, ``12 thoughts on “Headline”``: a count, a few words
    and the page's headline, the one chosen or a line printed above (a copy can keep the
    headline above a lead that reads as one): the comment box's header, under the text."""
    line = lines[index]
    if not starts_with_count(line.text):
        return False
    if counts_under_headline(line, title_key):
        return True
    if not _QUOTE_MARKS.search(line.text):
        return False
    words = _QUOTE_MARKS.sub("", line.key).split()
    last_start = min(len(words) - _QUOTED_HEADLINE_WORDS, _HEADER_LEAD_WORDS)
    endings = {" ".join(words[start:]) for start in range(1, last_start + 1)}
    if not endings:
        return False
    return any(_QUOTE_MARKS.sub("", other.key) in endings for other in lines[:index] if other.words >= _QUOTED_HEADLINE_WORDS)


def _starts_link_list(lines: list[Line], index: int) -> bool:
    """In a copy that parts its paragraphs with a blank line, a run of six or more short
    lines with none between them, none ending with a full stop or a colon, more of the
    page after them, and no paragraph of text anywhere below: a list of links to other
    stories (a copy prints a list's items one under another, a text's paragraphs and
    captions apart). The text's own list is followed by more of the text, or ends the
    copy (a reader view's last lines), or is introduced by a line ending with a colon."""
    if index == 0 or lines[index].number - lines[index - 1].number < 2:
        return False  # the run starts where a block does
    end = index + 1
    while end < len(lines) and lines[end].number - lines[end - 1].number == 1:
        end += 1
    run = lines[index:end]
    if len(run) < _LINK_LIST_LINES or end == len(lines):
        return False
    if any(line.is_image or line.words > _LINK_LIST_WORDS or line.text.rstrip().endswith((".", ":")) for line in run):
        return False
    return not any(line.is_body_prose for line in lines[end:])


def _teasers_above(lines: list[Line], first_teaser: int, title_index: int) -> int:
    """Where a list of other stories' teasers starts, above the first one whose lead opens
    with the agency's name: the pairs right above it of the same shape, a headline (no
    stop at its end) over a one-sentence teaser longer than it, are teasers too. A list's
    items share their shape; only some of its leads carry the agency's name."""
    start = first_teaser
    while start - 2 > title_index and _is_teaser_pair(lines[start - 2], lines[start - 1]):
        start -= 2
    return start


def _is_teaser_pair(headline: Line, teaser: Line) -> bool:
    if headline.is_image or teaser.is_image or headline.main or teaser.main:
        return False
    if not _TEASER_HEADLINE_WORDS[0] <= headline.words <= _TEASER_HEADLINE_WORDS[1] or headline.text.endswith(_STOPS):
        return False
    return (ends_sentence(teaser.text) and headline.words < teaser.words <= _TEASER_WORDS
            and not any(match.group(1).isupper() for match in _SENTENCE_BREAK.finditer(teaser.text)))


def _is_copyright_notice(line: Line, before: Line) -> bool:
    """``© 2019 CBS Interactive Inc. All Rights Reserved.``, ``Copyright © 2003-2019 ...``:
    a page's footer, below the text, in any language. Not a picture's credit (``© Getty
    Images``: a name or two; ``© 2019 Reuters`` under the picture or marked as its caption)."""
    notice = _COPYRIGHT_MIN_WORDS <= line.words <= _COPYRIGHT_WORDS or bool(_DATED_SHORT_NOTICE.fullmatch(line.text))
    return (bool(_COPYRIGHT.match(line.text)) and notice
            and not before.is_image and "caption" not in line.hints and "caption" not in before.hints)


def _ends_the_extracted_text(lines: list[Line], index: int) -> bool:
    """The copyright notice is the extractor's last line of text, nothing under it taken:
    the notice the article's own box ends with (a wire story's terms, the station's
    notice), kept as the article's last paragraph. Where the extractor goes on below it,
    the notice stands in the page's footer among other things, and ends the article."""
    line = lines[index]
    if _DATED_SHORT_NOTICE.fullmatch(line.text):
        return False  # the sign, a year and a name: no wire's terms, whatever the extractor took
    return bool(line.main) and not any(later.main for later in lines[index + 1 :])


def _captioned(lines: list[Line], index: int) -> bool:
    """A picture whose caption the markup marks stands with the text it ends."""
    return index + 1 < len(lines) and "caption" in lines[index + 1].hints


def _main_text_goes_on(lines: list[Line], index: int, after_byline: bool = False) -> bool:
    """The extractor's text goes on under a line: a box inside the text (a "Related" box
    between paragraphs, a comment count in the post's head), not its end."""
    following = lines[index + 1 : index + 1 + _MARKER_LOOKAHEAD]
    first = next((line for line in following if not line.is_image), None)
    if after_byline and first is not None and first.link and first.kind == "heading":
        return False  # another story's linked headline under a name: the text does not go on
    texts = [
        line for position, line in enumerate(following)
        if line.main and _is_text(line) and not _teaser(line, following[position - 1] if position else lines[index])
    ]
    return len(texts) >= 2


def _teaser(line: Line, before: Line) -> bool:
    """Another story's first paragraph under its linked headline (an endless page goes on
    with the next stories)."""
    return before.link and before.kind == "heading" and before.words >= 4


def _is_text(line: Line) -> bool:
    """A line of text, as opposed to a heading or a link (a list item, a line of a
    programme, a paragraph)."""
    return not line.link and line.kind != "heading" and (line.words >= _TEXT_LINE_WORDS or line.kind == "item" or line.is_prose)


def _text_runs_on(lines: list[Line]) -> bool:
    """Paragraphs go on right after the extractor's last line (pictures, their captions and
    labels such as "Advertisement" between them aside): it stopped inside the text."""
    texts = [line for line in lines if not line.is_image and "caption" not in line.hints and line.words > _LABEL_WORDS]
    texts = texts[:_RUN_ON_LINES]
    return len(texts) == _RUN_ON_LINES and all(line.is_body_prose and not line.link for line in texts)


def _starts_other_content(lines: list[Line], index: int, last_main: int | None) -> bool:
    """Comments or other stories, by the markup's class names: not a single related link
    inside the text, but a box that the article's text does not continue after."""
    if not ({"comment", "related"} & lines[index].hints) or lines[index].main:
        return False
    if last_main is not None:
        return index > last_main
    following = [line for line in lines[index + 1 : index + 3] if not line.is_image]
    return all(({"comment", "related"} & line.hints) or line.link for line in following)


CLOSING_BYLINE = "the byline under the text (read as the authors)"
CLOSING_LABEL = "a credit or label that ends the text as a byline would (no author named)"


_LABELS_ABOVE = 3
_LABELS_BELOW = 1
_LABEL_WORDS_BEFORE_COLON = 4


def split_off_tail(
    lines: list[Line], profile: SiteProfile, dropped: list[Dropped], evidence: PageEvidence, title: str = ""
) -> tuple[list[Line], tuple[str, ...], list[Line]]:
    """The article's own lines, its authors, and the lines after the byline (which go)."""
    last_prose = _last_prose(lines)
    # The first byline-like line ends the text (with the extractor, the first after the
    # last paragraph, if any): the lines under it, the page's long foot, are not asked.
    candidates = _byline_candidates(lines, profile, evidence, title)
    first = next(candidates, None)
    if first is None:
        return lines, (), []
    byline_index = first
    if evidence.has_extractor and first <= last_prose:
        byline_index = next((i for i in candidates if i > last_prose), first)
    byline = lines[byline_index]
    tail = lines[byline_index + 1 :]
    dropped.extend(Dropped(line.number, line.text or f"[image {line.src}]", "after the byline") for line in tail)
    # A digit is in no person's name: a line such as ``Zing/Themost10`` under the text
    # credits a site's column; it ends the text, and names nobody.
    text = _byline_text(byline, tail, profile)
    # Those who helped (a label such as "Researchers:") are no authors: the byline above names them.
    # A menu's item ends the text as a byline would, and names nobody.
    names_nobody = (
        credits_helpers(text, profile)
        or _in_a_menu(lines, byline_index, profile)
        or (not evidence.has_extractor and _heads_a_list(lines, byline_index, profile))
        or _one_word_label(byline, text, lines, profile)
    )
    found = () if names_nobody else byline_names(text, profile)
    names = tuple(name for name in found if not any(ch.isdigit() for ch in name))
    # A part in lower case (``Recharge, 1 tsp. nut butter``: a recipe's line) is no name,
    # and the line no byline: better no author than half a line of something else.
    if any(not (looks_like_names(bare := _without_note(name)) or looks_like_uncased_names(bare)) for name in found):
        names = ()
    dropped.append(Dropped(byline.number, byline.text, CLOSING_BYLINE if names else CLOSING_LABEL))
    return lines[:byline_index], names, lines[byline_index + 1 :]


def _last_prose(lines: list[Line]) -> int:
    return max((i for i, line in enumerate(lines) if line.is_body_prose), default=-1)


def _byline_candidates(lines: list[Line], profile: SiteProfile, evidence: PageEvidence, title: str = "") -> Iterator[int]:
    """The lines that could end the text as its byline, in the page's order (``split_off_tail``
    takes the first, or with the extractor the first after the text's last paragraph)."""
    last_prose = _last_prose(lines)
    # Above the extractor's text, a byline opens the article (under the headline).
    first_main = next((i for i, line in enumerate(lines) if line.main and line.is_body_prose), None)
    # Which paragraph first tells each word: worked out only when a byline-like line gets
    # this far (most pages have none), and only for a copy (a saved page has the extractor).
    told_cache: list[dict[str, int]] = []

    def first_told() -> dict[str, int]:
        if not told_cache:
            told_cache.append({} if evidence.has_extractor else _words_first_told(lines))
        return told_cache[0]

    # The text's paragraphs above each line: a byline with far more of them under it than
    # above it opens the text (under a long caption or a teaser read as its first lines).
    # Counted only when a byline-like line gets that far, as ``first_told`` is.
    counts_cache: list[list[int]] = []

    def prose_above() -> list[int]:
        if not counts_cache:
            counts_cache.append(list(accumulate((line.is_body_prose for line in lines), initial=0)))
        return counts_cache[0]

    headline = frozenset(_WORD.findall(title.casefold()))
    for i, line in enumerate(lines):
        if (
            # The cheap look first: inside the text, a paragraph follows nearly every line.
            (i > last_prose or not _text_goes_on(lines[i + 1 : i + 2]))
            and _is_byline(line, lines[i + 1 : i + 2], profile, trailing=i > last_prose)
            and _has_prose_before(lines[:i])
            and not (not evidence.has_extractor and _opens_the_text(i, prose_above(), _dated_byline(lines, i)))
            and not _among_tags(lines, i)
            # A credit after the last paragraph ends the text, whatever the extractor took after it.
            and ((i > last_prose and is_attribution(line.text, profile)) or not _main_text_goes_on(lines, i, after_byline=True))
            and (evidence.has_extractor or is_attribution(line.text, profile) or not _paragraphs_go_on(lines[i + 1 :]))
            # Where the text resumes further down, only a byline's surest shapes end it.
            and (evidence.has_extractor or _is_sure_byline(line, profile) or not _text_resumes(lines[i + 1 :]))
            and not (first_main is not None and i < first_main)
            and not (not evidence.has_extractor and _labelled_lines_go_on(lines, i))
            and not _under_the_standfirst(lines, i)
            and not _credit_under_a_picture(lines, i, profile)
            and not (not evidence.has_extractor and not _is_sure_credit(lines[i], profile) and _says_the_headline(line, headline)
                     and (told := first_told()) and _names_a_box_of_the_text(lines, i, told, headline))
        ):
            yield i


def _one_word_label(byline: Line, text: str, lines: list[Line], profile: SiteProfile) -> bool:
    """One capitalised word alone (``Disclaimer``, ``Entertainment``, ``Topics``) under a
    text in a language whose writers sign with two words or more, or with a byline's word:
    a box's label, which ends the text as a byline would and names nobody. A wire service
    (``Reuters``), initials or an agency in capitals (``PTI``) and a word the page marks as
    its author stay names; so does a Vietnamese pen name (``Trung``: ``signs_with_one_word``)."""
    if len(text.split()) != 1 or {"author", "source"} & byline.hints or text == text.upper():
        return False
    return not is_agency_credit(text) and not signs_with_one_word(lines)


def _credit_under_a_picture(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """``Jason Cipriani/ZDNet`` right under a picture (or the picture's file name, which a
    copy prints in its place), or under the picture's caption: the photographer and the
    paper, the picture's credit, not the byline that ends the text. A byline's own shapes
    (``Theo Sầm Hoa (Vietnamnet/Reuters)``: its prefix, the source in brackets) stay bylines."""
    text = lines[index].text
    if "/" not in text or "(" in text or is_attribution(text, profile):
        return False
    above = lines[max(0, index - 2) : index]
    return any(line.is_image or _IMAGE_FILE.search(line.text) for line in above) and all(
        line.words <= _CAPTION_ABOVE_CREDIT_WORDS for line in above
    )


def _byline_text(byline: Line, tail: list[Line], profile: SiteProfile) -> str:
    """The byline, with the names on the line under it where it is a byline's word alone
    (``By``, then the names as a link)."""
    following = next((line for line in tail if not line.is_image), None)
    if following is None or not is_bare_byline_word(byline.text, profile):
        return byline.text
    return f"{byline.text} {following.text}" if following.words <= _BYLINE_MAX_WORDS else byline.text


def _words_first_told(lines: list[Line]) -> dict[str, int]:
    """The words that tell what the text's paragraphs are about, each with the place of the
    first paragraph using it: not those most of its paragraphs use (``the``, ``and``, in
    any language), which tell nothing."""
    first: dict[str, int] = {}
    paragraphs_using: Counter[str] = Counter()
    paragraphs = 0
    for index, line in enumerate(lines):
        if line.is_body_prose:
            paragraphs += 1
            words = set(_WORD.findall(line.text.casefold()))
            paragraphs_using.update(words)
            # Only the words no paragraph above used: the dict is looked up, never walked in order.
            first.update(dict.fromkeys(words.difference(first), index))
    if paragraphs < _COMMON_WORD_PARAGRAPHS:
        return first  # too few paragraphs to tell which words most of them use
    most = _COMMON_WORD_SHARE * paragraphs
    return {word: place for word, place in first.items() if paragraphs_using[word] <= most}


def _told_above(line: Line, index: int, first_told: dict[str, int], headline: frozenset[str]) -> bool:
    """Two or more of the line's words, and a third of them (each counted once), are the
    headline's words that tell what the text's paragraphs above ``index`` are about."""
    words = set(_WORD.findall(line.text.casefold()))
    told = sum(1 for word in words if word in headline and first_told.get(word, index) < index)
    return told >= _PERSON_NAME_WORDS[0] and told >= _TOLD_SHARE * len(words)


def _says_the_headline(line: Line, headline: frozenset[str]) -> bool:
    """What ``_told_above`` asks of the headline's words, before the text's words are
    counted (most byline-like lines say none of the headline's): without it, no line is
    told above."""
    words = set(_WORD.findall(line.text.casefold()))
    said = len(words & headline)
    return said >= _PERSON_NAME_WORDS[0] and said >= _TOLD_SHARE * len(words)


def _tells_of_the_text(line: Line, index: int, first_told: dict[str, int]) -> bool:
    """Two of the line's words are words the text's paragraphs above ``index`` use."""
    words = _WORD.findall(line.text.casefold())
    return sum(1 for word in words if first_told.get(word, index) < index) >= _PERSON_NAME_WORDS[0]


def _is_sure_credit(line: Line, profile: SiteProfile) -> bool:
    """A credit's wording (``By ...``), a byline in capitals, or the markup's author."""
    return is_attribution(line.text, profile) or is_caps_byline(line.text) or bool({"author", "source"} & line.hints)


def _names_a_box_of_the_text(
    lines: list[Line], index: int, first_told: dict[str, int], headline: frozenset[str]
) -> bool:
    """In a copy, a name-like line that names a box of the text's own, not its writer: the
    headline's words that the text's paragraphs above use make a third of it (``Spiced
    Honey Pear Jam`` over the recipe's card, under the story of making it), and three or
    more lines of several words under it, half of them using two of the text's words, go
    on telling of it. A person's name is left alone (a story may name its writer, a
    commenter the story's); under a byline come the site's short labels, or other
    stories' boxes, whose titles (``Most Read``) are not the headline's words."""
    if _is_person_name(lines[index].text) or not _told_above(lines[index], index, first_told, headline):
        return False
    window = islice((line for line in lines[index + 1 :] if not line.is_image), _PARAGRAPH_WINDOW)
    box_lines = [line for line in window if line.words >= _STORY_LINE_WORDS and not line.link]
    told = sum(1 for line in box_lines if _tells_of_the_text(line, index, first_told))
    return len(box_lines) >= _RUN_ON_LINES and 2 * told >= len(box_lines)


def _emptied_related_box(marker: Line, following: list[Line]) -> bool:
    """In a copy, a related stories' label (``Related news``, ``Xem thêm``) with the text's
    full paragraphs going on right under it: the box's links were left out (a reader view
    keeps the label alone), and the text runs past it. Such a box holds headlines, never
    paragraphs; a comment box's label may have comments right under it, and ends the text."""
    if not is_related_label(marker.text):
        return False
    first = next((line for line in following if not line.is_image), None)
    return first is not None and first.is_body_prose and _paragraphs_go_on(following)


def _box_inside_the_text(following: list[Line]) -> bool:
    """In a copy, an end marker ("Related") heading a box of links inside the text: a
    headline right under it, not a paragraph, and the text's full paragraphs going on
    under the box, one after another. Under the end of a text come other stories'
    headlines and teasers, comments (each under its writer's name, or right under the
    marker), a form's notices far down: never all of it."""
    first = next((line for line in following if not line.is_image), None)
    if first is None or first.is_body_prose or not _text_resumes(following):
        return False
    return _paragraphs_go_on(following) or _links_then_paragraphs(following)


def _links_then_paragraphs(following: list[Line]) -> bool:
    """A few headlines (the box's links), then three of the text's paragraphs in a row: the
    text goes on under a short box, in paragraphs of one sentence as some papers write
    them (``_paragraphs_go_on`` asks for longer ones)."""
    window = list(islice((line for line in following if not line.is_image), _BOX_LINKS + _RUN_ON_LINES))
    links = next((index for index, line in enumerate(window) if line.is_body_prose), len(window))
    run = window[links : links + _RUN_ON_LINES]
    return 1 <= links <= _BOX_LINKS and len(run) == _RUN_ON_LINES and all(line.is_body_prose for line in run)


def _text_resumes(following: list[Line]) -> bool:
    """The text's paragraphs resume under a line, further down than ``_paragraphs_go_on``
    looks (past a box of links, a list under headings in capitals): four times or more in
    the 30 lines under it, a paragraph stands right under another. The text's paragraphs
    follow one another; other stories' teasers stand under their headlines, comments
    under their writers' names and dates, so neither makes such pairs; nor does a comment
    printed twice, cut short and whole (the text never prints a paragraph twice running)."""
    window = list(islice((line for line in following if not line.is_image), _RESUME_WINDOW))
    pairs = sum(
        1 for above, below in pairwise(window)
        if above.is_body_prose and below.is_body_prose and above.key[:_OPENING_CHARS] != below.key[:_OPENING_CHARS]
    )
    return pairs >= _RESUME_PAIRS


def _labelled_lines_go_on(lines: list[Line], index: int) -> bool:
    """Lines opening with the same label (``Portion Fix Containers: 1 Green``, ``Pro tip:``)
    stand in the text above a line three times or more and go on under it twice or more:
    the text's own pattern goes on (a meal plan, a list of entries under names that read
    as bylines), where under a byline come the site's lines, which repeat no label of the
    text."""
    above = Counter(label for line in lines[:index] if (label := _line_label(line.text)))
    repeated = {label for label, count in above.items() if count >= _LABELS_ABOVE}
    if not repeated:
        return False
    below = Counter(label for line in lines[index + 1 :] if (label := _line_label(line.text)) in repeated)
    return any(count >= _LABELS_BELOW for count in below.values())


def _line_label(text: str) -> str | None:
    """The label a line opens with: up to four words before a colon, with text after it."""
    head, colon, rest = text.partition(":")
    if not colon or not rest.strip() or not head or len(head.split()) > _LABEL_WORDS_BEFORE_COLON or "http" in head:
        return None
    return head.casefold()


def _is_sure_byline(line: Line, profile: SiteProfile) -> bool:
    """A credit's wording (``By ...``), the markup's author or source, or a person's name."""
    return is_attribution(line.text, profile) or bool({"author", "source"} & line.hints) or _is_person_name(line.text)


def _is_person_name(text: str) -> bool:
    """``Jane Roe``, ``Mary-Kate O'Neil``: two or three capitalised words of letters, not
    in capitals; a byline's surest shape (a box's title, a product's name, a list's
    heading in capitals or with a colon is none)."""
    words = text.split()
    return (_PERSON_NAME_WORDS[0] <= len(words) <= _PERSON_NAME_WORDS[1] and text != text.upper()
            and all(word[:1].isupper() and re.sub(r"[.'’-]", "", word).isalpha() for word in words))


def _paragraphs_go_on(following: list[Line]) -> bool:
    """With no extractor's verdict: the article's paragraphs go on under a name-like line
    (a subheading, a list's heading in capitals, a product's name): three or more of the
    lines right under it are paragraphs of the text, each of two sentences or more or of
    30 words or more. Under a byline come the site's lines, other stories' headlines and
    one-sentence teasers, seldom a run of full paragraphs."""
    window = list(islice((line for line in following if not line.is_image), _PARAGRAPH_WINDOW))
    paragraphs = [
        line for line in window
        if line.is_body_prose
        and (line.words >= _PARAGRAPH_WORDS or any(m.group(1).isupper() for m in _SENTENCE_BREAK.finditer(line.text)))
    ]
    return len(paragraphs) >= _PARAGRAPHS_GOING_ON


def _prose_goes_on(following: list[Line]) -> bool:
    """Three or more of the lines right under a line are the text's prose: the text goes on
    (a footer's notice has links and labels under it, no paragraphs)."""
    window = islice((line for line in following if not line.is_image), _PARAGRAPH_WINDOW)
    return sum(line.is_body_prose for line in window) >= _PARAGRAPHS_GOING_ON


def _among_tags(lines: list[Line], index: int) -> bool:
    """A name in a run of the story's tags printed one a line (``gia đình sao``, ``Hồng
    Kông``, ``Mỹ``, ``việt nam``) is a tag too: a run of short lines with no punctuation
    ending them, three or more of them and at least half of them in lower case, with one
    in lower case above it. A byline follows the text, above the labels under it."""
    start = end = index
    while start > 0 and _is_short_term(lines[start - 1]):
        start -= 1
    while end + 1 < len(lines) and _is_short_term(lines[end + 1]):
        end += 1
    lower = sum(1 for line in lines[start : end + 1] if line.text.strip()[:1].islower())
    # The byline opens such a run of labels under the text; a tag stands inside one, under
    # another tag in lower case.
    above_is_tag = any(line.text.strip()[:1].islower() for line in lines[start:index])
    return above_is_tag and lower >= _TAG_COUNT and 2 * lower >= end + 1 - start


def _in_a_menu(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A line of names without a byline's word, markup or capitals (``Accessibility
    Statement``, ``Topics``, ``Quick Links``, ``Asia``) with three short labels in a row
    right above or right under it: a menu's item or the heading of a list of links or
    tags. A byline stands by the text's paragraphs or by its date, not inside a menu."""
    line = lines[index]
    if {"author", "source"} & line.hints or is_caps_byline(line.text) or is_attribution(line.text, profile):
        return False
    return any(_labels_in_a_row(lines, index, step, profile) >= _MENU_LABELS for step in (-1, 1))


def _heads_a_list(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """In a copy that prints the text's paragraphs apart (a blank line under each), a line
    of names without a byline's word, markup or capitals with three lines or more printed
    right under it, one under another with no blank line between (``On Our Radar``, ``Site
    Index``, ``More Great Stories`` over other stories' headlines, a menu or tags): the
    heading of a list. A byline under the text is a paragraph of its own, set apart as the
    text's are; the name over an author's box is printed again in it (over the biography),
    and one over a box with its own heading (``Tin liên quan``, ``Tags:``) heads nothing."""
    line = lines[index]
    if _is_sure_credit(line, profile) or not _paragraphs_apart(lines[:index]):
        return False
    run = index + 1
    while run < len(lines) and lines[run].number == lines[run - 1].number + 1:
        run += 1
    items = lines[index + 1 : run]
    if len(items) < _LIST_ITEMS or any(line.text.strip() in item.text for item in items):
        return False
    # A list with a heading of its own under the line (``Tin liên quan``, ``Related``,
    # ``Tags:``): the line stands over the box, not at its head, as a byline does.
    first = items[0].text.strip()
    return not (first.endswith(":") or profile.is_end_marker(first) or profile.opens_with_end_marker(first))


def _paragraphs_apart(lines: list[Line]) -> bool:
    """Most of the text's paragraphs have a blank line under them: a browser's copy, a saved
    text or a reader view, which print each paragraph as a block of its own."""
    gaps = [
        following.number > line.number + 1
        for line, following in pairwise(lines)
        if line.is_body_prose
    ]
    return len(gaps) >= _PARAGRAPHS_GOING_ON and 2 * sum(gaps) > len(gaps)


def _labels_in_a_row(lines: list[Line], index: int, step: int, profile: SiteProfile) -> int:
    """The short labels in a row from ``index`` on; a label a copy prints twice running
    (a link back to the section, as one follows a byline too) counts once."""
    count = 0
    at = index + step
    while 0 <= at < len(lines) and count < _MENU_LABELS and _is_menu_label(lines[at], profile):
        count += lines[at].key != lines[at - step].key
        at += step
    return count


def _is_menu_label(line: Line, profile: SiteProfile) -> bool:
    """A short line that ends no sentence and is neither a date nor a byline."""
    text = line.text.strip()
    return (
        not line.is_image and bool(text) and line.words <= _TAG_WORDS and not text.endswith(_STOPS)
        and parse_date_line(text) is None and not is_attribution(text, profile)
    )


def _is_short_term(line: Line) -> bool:
    text = line.text.strip()
    return not line.is_image and bool(text) and line.words <= _TAG_WORDS and text[-1].isalnum()


def _is_byline(line: Line, following: list[Line], profile: SiteProfile, trailing: bool) -> bool:
    """``trailing``: no paragraph of the text follows the line."""
    if line.is_image or line.kind == "heading" or "caption" in line.hints:
        return False
    # Longer than names, a line is a byline only by a byline's or a credit's own shape:
    # asked first, before the rules that would turn it down (most such lines are paragraphs).
    if line.words > _BYLINE_MAX_WORDS and not (is_caps_byline(line.text) or is_attribution(line.text, profile)):
        return False
    if profile.is_chrome(line.text) or parse_date_line(line.text) or has_caption_cue(line.text, profile):
        return False
    if profile.is_thread_line(line.text):
        return False  # a post's buttons (``Reply Quote``): their words read as names
    if is_caps_byline(line.text) or is_attribution(line.text, profile):
        return True
    # Names may end with a full stop (``N.HÀ.``), never with other punctuation.
    bare = _without_note(line.text)  # a note in brackets closing the names aside
    if line.words > _BYLINE_MAX_WORDS or (ends_sentence(bare) and not bare.endswith(".")):
        return False
    marked_up = bool({"author", "source"} & line.hints)
    if marked_up or (trailing and bracketed_uncased_names(line.text)):
        return True
    if line.link or not _is_name_line(line.text):
        return False
    # One capitalised word is a byline only when set apart (bold) or after the whole text:
    # elsewhere it is a menu item or a label.
    if line.words < 2 and not (line.bold or trailing):
        return False
    next_is_prose = (bool(following) and following[0].is_prose and following[0].main is not False
                     and not is_quoted_headline(following[0].text))
    return line.bold or not next_is_prose


def _text_goes_on(following: list[Line]) -> bool:
    """A paragraph right under a byline-like line ("Theo khoa học") means it was a
    subheading: under a real byline come the site's lines or other stories' titles."""
    first = following[0] if following else None
    return (first is not None and first.is_body_prose and not AGENCY_PREFIX.match(first.text)
            and not is_quoted_headline(first.text))


def _without_note(text: str) -> str:
    """``text`` without the note in brackets closing it (``_NOTE_AFTER_NAMES``), which a
    text not ending with a bracket has none of: the pattern is not searched along it."""
    return _NOTE_AFTER_NAMES.sub("", text) if text.endswith((")", ")\n")) else text


def _is_name_line(text: str) -> bool:
    """``Dương Lâm``, ``Quang Phong - Tùng Nguyên``, ``Trung``: a few capitalised words; a
    note in brackets after them (``Hoàng Hà (tổng hợp)``: compiled, ``(TTXVN)``) aside."""
    text = _without_note(text.strip(" ."))
    words = [w for w in re.split(r"\s+|\s*[-–,&/]\s*", text.strip(" .")) if w and w.casefold() != "và"]
    return 1 <= len(words) <= 6 and all(_is_name_word(w) for w in words)


def _is_name_word(word: str) -> bool:
    """A capital letter first, of any script that has capitals (a close button's
    multiplication sign is none), and no word of a sentence (``DON'T MISS``, ``Click``)."""
    bare = word.lstrip("(\"“")
    return bool(bare) and bare[0].isupper() and not is_sentence_word(bare.casefold())


def _under_the_standfirst(lines: list[Line], index: int) -> bool:
    """In a copy (no extractor's text to go by), a byline with one paragraph above it (the
    standfirst) and an article's run of paragraphs below it, past the date and the share
    buttons, opens the text rather than ending it."""
    # The window below first, then the lines above up to a second paragraph, then the whole
    # page: asked of every byline-like line, the page-long looks went quadratic.
    below = lines[index + 1 : index + 1 + _MARKER_LOOKAHEAD]
    # With the story's date right under the byline (standfirst, byline, date: a head's
    # order), two paragraphs make the text (a story a paywall cuts after them).
    dated = bool(below) and parse_date_line(below[0].text) is not None
    if sum(1 for line in below if line.is_body_prose) < (_DATED_RUN_ON_LINES if dated else _RUN_ON_LINES):
        return False
    above = (line for line in lines[:index] if line.is_body_prose)
    if next(above, None) is not None and next(above, None) is not None:
        return False
    return not any(line.main is not None for line in lines)


def _opens_the_text(index: int, prose_above: list[int], dated: bool = False) -> bool:
    """A byline with more than _OPENING_SHARE times as many of the text's paragraphs under
    it as above it, and at least _PARAGRAPHS_GOING_ON under it: it stands at the head of the
    text, under a picture's long caption or another story's teaser taken for the text's
    first paragraph, not at its end. Under a byline that ends the text come the site's
    lines and other stories' headlines. With the story's date right above or below it
    (``dated``: a head's byline and date), more paragraphs under it than above it do."""
    above = prose_above[index]
    below = prose_above[-1] - prose_above[index + 1]
    return below >= _PARAGRAPHS_GOING_ON and below > (above if dated else _OPENING_SHARE * above)


def _dated_byline(lines: list[Line], index: int) -> bool:
    """The story's date on the line right above or right below the byline."""
    return any(parse_date_line(lines[i].text) is not None for i in (index - 1, index + 1) if 0 <= i < len(lines))


def _has_prose_before(lines: list[Line]) -> bool:
    """A paragraph of the text stands above: a byline under the headline, above the text
    (or only under the photo's caption), opens the article rather than ending it."""
    return any(line.is_body_prose and not line.link for line in lines)
