"""The article's own lines into blocks: lead, paragraphs, subheadings, figures, lists."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from publisher.clean.dates import parse_date_line, split_date
from publisher.clean.evidence import PageEvidence
from publisher.clean.explain import Dropped
from publisher.clean.head import date_stamp, head_date
from publisher.clean.lines import LEAD_MIN_WORDS, PARAGRAPH_MIN_WORDS, Line, ends_sentence, line_key
from publisher.clean.names import is_caps_byline, looks_like_names
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import (
    DATE_WINDOW,
    RELATED_PREFIX,
    byline_names,
    has_agency_prefix,
    has_caption_cue,
    is_agency_credit,
    is_attribution,
    is_bare_byline_word,
    is_byline,
    is_gallery_counter,
    is_related_label,
    is_unpunctuated_prose,
    is_web_address,
    meta_line,
)
from publisher.ingest.images import local_image
from publisher.model import (
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    PrintedDate,
    Quote,
)

_BULLET = re.compile(r"^[-–•+]\s+\S")
_CAPTION_UNDER_IMAGE_WORDS = 40
_STAMP_BYLINE_WORDS = 8
_TITLE_SUFFIX_CHARS = 40
_DESCRIPTION_START = 30  # characters of the page's description that find where the lead starts
_TAG_LABEL_WORDS = 3  # "Filed Under", "Từ khóa", "Tags"
_TAG_LINE_WORDS = 20  # the terms after a tag label (the profiles' `tag_labels`): more is a sentence
_TAG_COUNT = 3
_TAG_WORDS = 4  # words of one tag
_REPEATED_SENTENCE_WORDS = 6  # a sentence printed twice by chance is shorter
_ABOUT_START = 40  # characters of an author's biography that find it on the page
_CODE_CHARS = 13
_CODE_DIGITS = 13  # a time in milliseconds, a long id: more than a phone number holds
_STAMP_CHARS = 40
_STAMP_WORDS = 4
_CONTACT_WORDS = 40
_HEAD_LABEL_WORDS = 6  # longest label (byline, site, section) between a headline and its date
_BOX_LINK_WORDS = 25  # longest headline in a box of links inside the text
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HANDLE_OR_LINK = re.compile(r"(?<![\w@])@\w{2,}|https?://\S+")
_PHOTO_SERIES_LINES = 3  # captions in a row that make a series of photos in a dump
_END_CAPTION_WORDS = 45  # longest caption with a stop among the photos a story ends with
_PICTURED_CAPTION_WORDS = 60  # longest caption under a picture of its own among the photos a saved story ends with
_CAPTION_SENTENCE_WORDS = 25  # longest uncredited caption in such a series (and shorter than the text's paragraphs)
_CLOSING_QUOTE_MARKS = "\"”’»"
_CREDIT_LINE_WORDS = 6  # longest credit line of its own: the cue and a name or two
_POINTS_CLOSER_WORDS = 25  # longest sentence that may close a lead printed as points
_ALT_COPIES = 3  # identical lines, apart from each other, that are one alt text under every picture
_ALT_MIN_WORDS = 8  # a label, a credit, a table's header row repeated is shorter than an alt text for search engines
_PICTURE_LINES = 2  # empty lines at least that a copy leaves for a picture, beyond the paragraphs' gap
# Where a sentence may end inside a line: "... đi qua. Thành công ..."
_CUT_SHORT = re.compile(r"\w(?:\.\.\.|…)$")  # an ellipsis right after a word: cut, not ended
_ELLIPSIS_ENDS = ("...", "…", "...\n", "…\n")  # where _CUT_SHORT may match ("$" stands before a last line feed too)
_TEASER_RUN = 3
_CARD_STEPS = (2, 3)  # a name and a headline; or a caption, a name and a headline
_CARD_RUN = 4
_CARD_LABEL_WORDS = 2
_TEASER_WORDS = 8  # a teaser gives a sentence or more
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]?\s+[\"“(]?(\w)")
# An alt text that is a file name (or ends with one): no description.
_FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)\b")


def read_body(
    lines: list[Line], profile: SiteProfile, dropped: list[Dropped], evidence: PageEvidence, path: Path | None, title: str = "",
    *, names_mail: bool = True,
) -> tuple[str | None, list[Block], PrintedDate | None, tuple[str, ...]]:
    """Lead, blocks, and the date and source credit printed just under the title.
    ``names_mail``: False where the page holds no promotion's word
    (``SiteProfile.may_hold_promotion``), and no line is asked whether it is a promotion."""
    content, published, authors = _sort_out(lines, profile, dropped, line_key(title), names_mail)
    lead_lines = _bullet_lead(content, profile)
    lead = "\n".join(line.text for line in lead_lines) if lead_lines else None
    content = [line for line in content if line not in lead_lines]
    content = _without_tag_lines(content, profile, dropped)
    content = _without_cut_teasers(content, dropped)
    content = _without_labelled_cards(content, dropped)
    content = _without_repeated_sentences(content, evidence, dropped)
    content = _without_author_about(content, evidence, dropped)
    if evidence.page_title is None:
        content = _without_repeated_alt_texts(content, dropped)
    for code in [line for line in content if _is_bare_code(line.text)]:
        content.remove(code)
        dropped.append(Dropped(code.number, code.text, "a code with no words (an image's or a widget's id)"))
    blocks = _Blocks(dropped, path, line_key(title))
    text_mode = evidence.page_title is None
    gallery = (
        (_photo_series(content, profile) | _captions_at_end(content, profile) | _captions_after_pictures(content)
         | _captions_over_credits(content, profile))
        if text_mode else _captioned_pictures_at_end(content)
    )
    if text_mode:
        gallery |= {index + step for index in _alt_over_caption(content, profile) for step in (0, 1)}
        gallery |= _long_caption_printed_twice(content, profile)
        # A wire service or picture library alone on its line (``GETTY``, ``AP``): a picture's credit.
        gallery |= {index for index, line in enumerate(content) if line.kind == "text" and is_agency_credit(line.text)}
    listed = _listed_under_a_colon(content) if text_mode else set()
    gallery -= listed
    for index, line in enumerate(content):
        following = _next_text(content, index)
        if line.is_image:
            blocks.picture(line)
        elif index in listed:
            blocks.settle_picture()
            blocks.add(line, None)  # an item of the list the line above introduces
        elif lead is None and not blocks.items and index not in gallery and _is_lead(line, profile, evidence, following):
            blocks.settle_picture()
            lead = line.text
        elif index in gallery or _is_caption(
            line, profile, _captioned(content, index, blocks.pending), _right_under(content, index)
        ):
            blocks.caption(line)
        else:
            blocks.settle_picture()
            blocks.add(line, _block(line, following, profile, text_mode, lead is not None and not blocks.items))
    blocks.settle_picture()
    return (_without_stamp(lead, evidence.lead_hint, profile) if lead else lead), blocks.items, published, authors


def _without_tag_lines(content: list[Line], profile: SiteProfile, dropped: list[Dropped]) -> list[Line]:
    """``content`` without the story's tags printed above its first paragraph or below its
    last (inside the text, such a line may be a list the story gives)."""
    prose = [index for index, line in enumerate(content) if line.is_body_prose]
    if not prose:
        return content
    tags = _tag_run_at_end(content, prose[-1])
    kept = []
    for index, line in enumerate(content):
        if index in tags or (not line.is_image and not prose[0] < index < prose[-1] and _is_tag_line(line.text, profile)):
            dropped.append(Dropped(line.number, line.text, "the story's tags"))
        else:
            kept.append(line)
    return kept


def _without_cut_teasers(content: list[Line], dropped: list[Dropped]) -> list[Line]:
    """``content`` without a run of three or more lines in a row, each a sentence or more
    cut short in mid-sentence with an ellipsis (``... the Indian state may soon...``):
    other stories' openings, each cut where its box ends. A writer ends a sentence with an
    ellipsis now and then, never every paragraph of a run."""
    cut = [_is_cut_teaser(line) for line in content]
    teasers: set[int] = set()
    start = 0
    while start < len(content):
        end = start
        while end < len(content) and cut[end]:
            end += 1
        if end - start >= _TEASER_RUN:
            teasers.update(range(start, end))
        start = end + 1
    if not teasers:
        return content
    for index in sorted(teasers):
        line = content[index]
        dropped.append(Dropped(line.number, line.text, "other stories' teasers (each cut short with an ellipsis)"))
    return [line for index, line in enumerate(content) if index not in teasers]


def _without_labelled_cards(content: list[Line], dropped: list[Dropped]) -> list[Line]:
    """``content`` without a run of other stories' cards, each a section's name (a word or
    two, no stop) at the same place in every card (every second or third line), at least
    one name printed on two cards or more, and a headline under it (``News`` / ``<headline>``,
    a picture's caption above each when every third line is a name): a box of related
    stories with no marker over it. The text's subheadings stand over paragraphs of
    different lengths and are not one name printed again at a fixed step."""
    labels = [index for index, line in enumerate(content) if _is_card_label(line)]
    cards: set[int] = set()
    for step in _CARD_STEPS:
        for run in _runs_at_step(labels, step):
            names = Counter(content[index].key for index in run)
            if len(run) >= _CARD_RUN and names.most_common(1)[0][1] >= 2 and run[-1] + 1 < len(content):
                cards.update(range(max(0, run[0] - (step - 2)), run[-1] + 2))
    if not cards:
        return content
    reason = "other stories' cards (a section's name over each)"
    dropped.extend(Dropped(content[index].number, content[index].text, reason) for index in sorted(cards))
    return [line for index, line in enumerate(content) if index not in cards]


def _is_card_label(line: Line) -> bool:
    text = line.text.strip()
    return (line.kind in ("text", "heading") and not line.is_image and 1 <= line.words <= _CARD_LABEL_WORDS
            and text[:1].isupper() and text[-1:].isalpha())


def _runs_at_step(indices: list[int], step: int) -> list[list[int]]:
    """``indices`` cut into runs whose members stand ``step`` apart."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and index - runs[-1][-1] == step:
            runs[-1].append(index)
        elif not runs or index != runs[-1][-1]:
            runs.append([index])
    return runs


def _is_cut_teaser(line: Line) -> bool:
    if line.is_image or line.kind not in ("text", "item"):
        return False
    # Only the line's end can match: looked at there, not searched for along the line.
    return line.words >= _TEASER_WORDS and line.text.endswith(_ELLIPSIS_ENDS) and bool(_CUT_SHORT.search(line.text[-5:]))


def _without_repeated_sentences(content: list[Line], evidence: PageEvidence, dropped: list[Dropped]) -> list[Line]:
    """``content`` with a sentence printed more often than the extractor's text holds it
    printed only as often: a "highlights" box or a pull quote repeats a sentence of the
    text word for word, and the extractor, which reads the text once, holds one copy. The
    last copies stay, the text's own (a box of highlights stands above the text). A line
    the text itself repeats (a refrain, a recipe's steps) the extractor holds as often."""
    extracted = evidence.extracted
    if extracted is None:
        return content
    copies = Counter(line.key for line in content if _is_sentence(line))
    repeated = {key: count for key, count in copies.items() if count > 1}
    if not repeated:
        return content
    held = Counter(line_key(block.text) for block in extracted.blocks if line_key(block.text) in repeated)
    surplus = {key: count - max(1, held[key]) for key, count in repeated.items() if count > max(1, held[key])}
    kept = []
    for line in content:
        if surplus.get(line.key, 0) > 0 and _is_sentence(line):
            surplus[line.key] -= 1
            dropped.append(Dropped(line.number, line.text, "a sentence of the text printed again (highlights, a pull quote)"))
        else:
            kept.append(line)
    return kept


def _without_author_about(content: list[Line], evidence: PageEvidence, dropped: list[Dropped]) -> list[Line]:
    """``content`` without the author's biography that the page's metadata gives as the
    author's description (schema.org's Person ``description``): the author's box, printed
    under the byline or after the text, not the article."""
    starts = {line_key(about)[:_ABOUT_START] for about in evidence.author_about if len(about) >= _ABOUT_START}
    if not starts:
        return content
    kept = []
    for line in content:
        if len(line.text) >= _ABOUT_START and line_key(line.text)[:_ABOUT_START] in starts and not line.is_image:
            dropped.append(Dropped(line.number, line.text, "the author's biography (the page's metadata gives it)"))
        else:
            kept.append(line)
    return kept


def _without_repeated_alt_texts(content: list[Line], dropped: list[Dropped]) -> list[Line]:
    """``content`` without a line of eight words or more printed word for word three times
    or more, spread across the text, with no stop at its end: in a copy, one alt text a
    page gives every picture (the headline and keywords), which a browser prints where it
    shows no picture (once or twice a picture). A caption, a paragraph or a subheading of
    the text is printed once; a refrain or a list of steps the text repeats ends its
    sentences; a line repeated only in one run (a list's items, a table's cells) is not
    spread; a label, a photographer's credit, a separator or a table's header row printed
    again and again is shorter."""
    places: dict[str, list[int]] = {}
    for index, line in enumerate(content):
        if not line.is_image and line.words >= _ALT_MIN_WORDS and not ends_sentence(line.text):
            places.setdefault(line.key, []).append(index)
    spread = {key for key, at in places.items() if len(at) >= _ALT_COPIES and at[-1] - at[0] + 1 > len(at)}
    if not spread:
        return content
    kept = []
    for line in content:
        if line.key in spread and not line.is_image:
            dropped.append(Dropped(line.number, line.text, "one alt text printed for every picture (no caption, no text)"))
        else:
            kept.append(line)
    return kept


def _is_sentence(line: Line) -> bool:
    """A sentence the extractor took for the text (a caption repeated under each picture of
    a series is no text)."""
    return (line.kind == "text" and bool(line.main) and "caption" not in line.hints
            and line.words >= _REPEATED_SENTENCE_WORDS and ends_sentence(line.text))


def _is_bare_code(text: str) -> bool:
    """``1-1457918989456``: one token of digits and signs, no letter, with more digits than
    a year, a score, a count or a phone number a text would print alone; or one token of
    letters and digits joined by underscores (``IMG_4672``) or by four hyphens or more
    with a digit among them: what a copy keeps of an image's file name or a widget's id."""
    token = text.strip()
    if " " in token:
        return False
    if "_" in token and any(ch.isdigit() for ch in token) and all(ch.isalnum() or ch in "_-." for ch in token):
        return True  # ``IMG_4672``, ``dp3_1_endp3_1_en``: a picture's file name, run together with its alt text
    if token.count("-") >= _SLUG_HYPHENS and any(ch.isdigit() for ch in token) and all(ch.isalnum() or ch == "-" for ch in token):
        return True  # ``milano-design-week-2018-flos-02``: a picture's file name made of its page's words
    digits = sum(ch.isdigit() for ch in token)
    return len(token) >= _CODE_CHARS and digits >= _CODE_DIGITS and not any(ch.isalpha() for ch in token)


def _tag_run_at_end(content: list[Line], last_prose: int) -> set[int]:
    """The last lines, after the text's last paragraph, when they are a run of three or
    more short terms with no punctuation ending them, starting in lower case, and at
    least half of them in lower case (``thanh bùi``, ``sao kết hôn``, ``Hồng Kông``,
    ``việt nam``): tags printed one a line, names of places and people among them. A
    name, a heading or a credit would start such a run with a capital letter."""
    run = []
    for index in range(len(content) - 1, last_prose, -1):
        line = content[index]
        text = line.text.strip()
        if line.is_image or not text or line.words > _TAG_WORDS or not text[-1].isalnum():
            break
        run.append(index)
    while run and not content[run[-1]].text.strip()[0].islower():
        run.pop()  # the run's first line is a tag in lower case
    lower = sum(1 for index in run if content[index].text.strip()[0].islower())
    return set(run) if lower >= _TAG_COUNT and 2 * lower >= len(run) else set()


def _is_tag_line(text: str, profile: SiteProfile) -> bool:
    """``Filed Under: Eastern Equine Encephalitis, EEE, health, Michigan``, ``Từ khóa: ...``:
    a short label and a colon, then three or more short terms parted by commas, with no
    sentence among them: the story's tags, which sites print under the text."""
    label, colon, terms = text.partition(":")
    if not colon or not 1 <= len(label.split()) <= _TAG_LABEL_WORDS or ends_sentence(text):
        return False
    if line_key(label) in profile.tag_labels and 1 <= len(terms.split()) <= _TAG_LINE_WORDS:
        # The tags as links, one after another with no comma (a saved page's line of them).
        return True
    parts = [part.strip() for part in terms.split(",")]
    return len(parts) >= _TAG_COUNT and all(1 <= len(part.split()) <= _TAG_WORDS for part in parts)


def _without_stamp(lead: str, description: str | None, profile: SiteProfile) -> str:
    """The lead without a label a site sets in its own box before it, which a page's text
    runs into the lead (``TP HCMNếu có ít tiền...``, ``Dân trí Sau khi...``): the place or
    the agency, where the page's description starts right after it, or the agency's bare
    name run straight into the first sentence. Printed as part of the text, with its own
    punctuation (``(Dân trí) - ``, ``LSO-``), it stays."""
    if description:
        start = line_key(description[:_DESCRIPTION_START])
        for cut in range(1, min(len(lead), _STAMP_CHARS) + 1):
            if line_key(lead[cut : cut + _DESCRIPTION_START]) == start:
                stamp = lead[:cut].strip()
                if 1 <= len(stamp.split()) <= _STAMP_WORDS and not ends_sentence(stamp):
                    return lead[cut:].strip()
                break
    for name in profile.agency_prefixes:
        rest = lead[len(name) :]
        if lead.startswith(name + " ") and rest[1:2].isupper() and len(rest.split()) > _STAMP_WORDS:
            return rest.strip()
    return _without_capitals_stamp(lead)


def _without_capitals_stamp(lead: str) -> str:
    """The lead without a place or agency in capitals that a copied page runs into its
    first word (``TP HCMNếu có...``, ``WASHINGTONThe...``): the stamp's box sets it apart
    on screen, and its separator is drawn by the stylesheet, so a copy glues them. No
    written sentence starts with capitals run into a capitalised word; ``CEOs`` and
    ``PDFs`` (one lower-case letter after them) are not such a join."""
    for cut in range(2, min(len(lead) - 2, _STAMP_CHARS)):
        stamp = lead[:cut]
        if not (lead[cut].isupper() and lead[cut + 1 : cut + 3].isalpha() and lead[cut + 1 : cut + 3].islower()):
            continue
        if (stamp[-1].isupper() and stamp == stamp.upper() and sum(c.isalpha() for c in stamp) >= 2
                and len(stamp.split()) <= _STAMP_WORDS and len(lead[cut:].split()) > _STAMP_WORDS):
            return lead[cut:]
        return lead
    return lead


def _byline_date(text: str) -> PrintedDate | None:
    """The date a byline ends with (``Written by Jane Roe, MS, RD on November 14, 2019``,
    ``By Jane Roe | 14/11/2019``): a byline is read as names, and its date goes unread."""
    glued = split_date(text)
    return glued[1] if glued is not None else None


def _sort_out(
    lines: list[Line], profile: SiteProfile, dropped: list[Dropped], title_key: str, names_mail: bool = True
) -> tuple[list[Line], PrintedDate | None, tuple[str, ...]]:
    """The lines that make blocks; chrome and links to other stories go. A date line (and
    a source credit beside it) or a marked-up byline just under the title is read, and so
    is a date stamp further down when none stands at the top."""
    content: list[Line] = []
    published: PrintedDate | None = None
    labels, authors = _head_above_date(lines, profile, dropped)
    boxes = _link_boxes(lines, profile)
    for index, line in enumerate(lines):
        if index in labels:
            continue
        if index in boxes:
            dropped.append(Dropped(line.number, line.text, "a box of links inside the text (its marker and headlines)"))
            continue
        # The top photo and its caption may stand between the headline and the byline, and
        # so may a standfirst (one paragraph, with labels or a date line beside it) when the
        # byline says it is one (``By ...``, or marked up).
        above = [kept for kept in content if not _is_picture_part(kept)] if index < DATE_WINDOW else None
        near_top = above == []
        under_standfirst = above is not None and (len(above) == 1 or (len(above) > 1 and sum(map(_is_standfirst, above)) == 1))
        if line.is_image:
            content.append(line)
        elif profile.is_chrome(line.text) or profile.is_form_label(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
        elif (near_top or (under_standfirst and not published)) and (found := head_date(line, profile)):
            # The first date line under the headline is the story's; another (Updated ...) goes with it.
            published, credit = published or found[0], found[1]
            authors = byline_names(credit, profile) if credit and not authors else authors
            if not near_top:
                for label in _labels_above_date(content):
                    content.remove(label)
                    dropped.append(Dropped(label.number, label.text, "label between the headline and its date"))
            if published is not found[0]:
                dropped.append(Dropped(line.number, line.text, "date line under the headline (another date of the story)"))
            elif meta_line(line.text, profile) is not None:
                # Its counts are no part of the date as printed: told, so no floor puts the line back.
                dropped.append(Dropped(line.number, line.text, "the post's meta line (counts, section, byline)"))
        elif near_top and (meta := meta_line(line.text, profile)) is not None:
            # A post's meta line with no date (``by Jane Roe · 5 min read``): its byline is read.
            authors = authors or (byline_names(meta[1], profile) if meta[1] else ())
            dropped.append(Dropped(line.number, line.text, "the post's meta line (counts, section, byline)"))
        elif near_top and not authors and is_bare_byline_word(line.text, profile) and _names_follow(lines, index):
            dropped.append(Dropped(line.number, line.text, "byline above the text (read as the authors)"))
            authors = byline_names(f"{line.text} {_next_text(lines, index).text}", profile)  # type: ignore[union-attr]
        elif near_top and not authors and _is_top_byline(line, _next_text(lines, index), profile):
            authors = byline_names(line.text, profile)
            published = published or _byline_date(line.text)
            dropped.append(Dropped(line.number, line.text, "byline above the text (read as the authors)"))
        elif under_standfirst and _is_marked_byline(line, profile) and (names := _names_only(byline_names(line.text, profile))):
            authors = authors or names
            published = published or _byline_date(line.text)
            dropped.append(Dropped(line.number, line.text, "byline above the text (read as the authors)"))
        elif index < DATE_WINDOW and _is_byline_under_date(lines, index, profile):
            # The story's stamp, its date then its byline: a byline's word names the writers
            # more surely than a line of capitals or names read above the date.
            authors = _names_only(byline_names(line.text, profile)) or authors
            dropped.append(Dropped(line.number, line.text, "byline under the date (read as the authors)"))
        elif near_top and authors and _in_byline_block(line):
            dropped.append(Dropped(line.number, line.text, "byline above the text (the author's box)"))
        elif is_gallery_counter(line.text):
            dropped.append(Dropped(line.number, line.text, "a photo gallery's counter"))
        elif (
            _is_related_link(line)
            and not _is_linked_subheading(line, _right_under(lines, index))
            and not _link_opening_the_text(line, content)
        ):
            dropped.append(Dropped(line.number, line.text, "link to another story"))
        elif title_key and _repeats_title(line.key, title_key):
            dropped.append(Dropped(line.number, line.text, "the headline again"))
        elif near_top and line.kind == "heading" and line.level == 1:
            # The page's own headline where its metadata gives another wording (a title
            # written for search engines): the first line under the title, set as a headline.
            dropped.append(Dropped(line.number, line.text, "the headline again (another wording)"))
        elif ("promo" in line.hints and not line.main) or (names_mail and profile.is_promotion(line.text)):
            # A container's class names reach every line in it; a paywalled article's text
            # sits in a "subscriber" box, and the extractor's verdict tells them apart.
            dropped.append(Dropped(line.number, line.text, "the site's promotion (sign-up, newsletter, membership)"))
        elif _is_contact(line.text):
            dropped.append(Dropped(line.number, line.text, "contact line (an address or a handle)"))
        else:
            content.append(line)
    if (stamp := date_stamp(content)) and (published is None or stamp[1].value.date() == published.value.date()):
        # A stamp of the day the head gave already (``Published: Monday, November 18th, 2019``
        # under a byline that ends with that day) is the date printed again, not text.
        line, published = stamp[0], published or stamp[1]
        content.remove(line)
        dropped.append(Dropped(line.number, line.text, "date stamp in the text (read as the date)"))
    return content, published, authors


def _link_boxes(lines: list[Line], profile: SiteProfile) -> set[int]:
    """An end marker inside the text ("Related": the end was not there, the text's
    paragraphs go on under it) heads a box of links: it and the lines printed right under
    it, one under another with no blank line between, none a sentence, up to the text's
    next paragraph. A copy prints the text's paragraphs apart, a list's items together;
    where it prints the marker and its first link apart too, its links may stand apart."""
    boxed: set[int] = set()
    for index, line in enumerate(lines):
        if not profile.is_end_marker(line.text) or line.main or index in boxed:
            continue
        boxed.add(index)
        apart = index + 1 < len(lines) and lines[index + 1].number == line.number + 2
        for below in range(index + 1, len(lines)):
            link = lines[below]
            if link.number - lines[below - 1].number > (2 if apart else 1) or link.is_image or link.main:
                break
            if not profile.is_end_marker(link.text) and (
                link.words > _BOX_LINK_WORDS or ends_sentence(link.text) or link.is_body_prose
            ):
                break
            boxed.add(below)
    return boxed


def _labels_above_date(content: list[Line]) -> list[Line]:
    """Under a standfirst, the short lines between it and the date line read under it (a
    section's name, the site's): labels, as above a date line right under the headline.
    A short sentence there, alone above the date line, is the top picture's caption (a
    copy prints no picture): the text starts under its date, with its standfirst."""
    labels: list[Line] = []
    for index in range(len(content) - 1, -1, -1):
        line = content[index]
        if line.is_image or "caption" in line.hints:
            continue
        lone_caption = len(content) == 1 and line.kind == "text" and line.words <= _HEAD_LABEL_WORDS
        if not lone_caption and (_is_standfirst(line) or line.words > _HEAD_LABEL_WORDS or ends_sentence(line.text)):
            break
        if index and content[index - 1].is_image:
            break  # a picture's caption
        labels.append(line)
    return labels


def _is_standfirst(line: Line) -> bool:
    """A paragraph, or a line marked up as the standfirst (a deck often ends with no full
    stop, as a headline does)."""
    return line.is_prose or (line.words >= LEAD_MIN_WORDS and bool(line.hints & {"lead", "subtitle"}))


def _head_above_date(lines: list[Line], profile: SiteProfile, dropped: list[Dropped]) -> tuple[set[int], tuple[str, ...]]:
    """The lines that are no text, and the authors, when a date line stands near the top with
    only short labels above it (the byline, the site's name, the section: a reader view
    and many copies put them between the headline and the date). No sentence of the text
    comes before its own date line; the names line among the labels is the byline."""
    found = _date_under_labels(lines, profile)
    if found is None:
        return set(), ()
    date_index, is_address = found
    # A site's address ends the labels too (a reader view prints the host under the byline), and is one.
    labels = [index for index in range(date_index + is_address) if not lines[index].is_image]
    names = next((lines[i] for i in labels if _names_label(lines[i]) or is_byline(lines[i].text, profile)), None)
    for index in labels:
        line = lines[index]
        reason = "byline above the date (read as the authors)" if line is names else "label between the headline and its date"
        dropped.append(Dropped(line.number, line.text, reason))
    return set(labels), (byline_names(names.text, profile) if names else ())


def _names_label(line: Line) -> bool:
    return line.words >= 2 and not line.link and looks_like_names(line.text)


def _date_under_labels(lines: list[Line], profile: SiteProfile) -> tuple[int, bool] | None:
    """The date line under the head's labels, else the last of them that is the site's
    address; and whether it is the address."""
    address = None
    for index, line in enumerate(lines[:DATE_WINDOW]):
        if line.is_image:
            continue
        if head_date(line, profile) is not None:
            return index, False
        if not line.link and is_web_address(line.text):
            address = index
        elif line.is_prose or ends_sentence(line.text) or (line.words > _HEAD_LABEL_WORDS and not _names_label(line)):
            break  # a line of names runs longer than a label where it names several and their agency
    return (address, True) if address is not None else None


def _repeats_title(key: str, title_key: str) -> bool:
    """The headline printed again, maybe with its section (``Title | Health``)."""
    return key == title_key or (key.startswith(title_key) and not key[len(title_key) : len(title_key) + 1].isalnum()
                                and len(key) - len(title_key) <= _TITLE_SUFFIX_CHARS)


def _is_contact(text: str) -> bool:
    """A way to reach the author or the site: an e-mail address, or handles and links
    (``Follow her on Twitter @AmyKup``), in a short line, not in a paragraph of the text."""
    if "@" not in text and "http" not in text:
        return False  # no address, handle or link to look for
    words = len(text.split())
    # One handle and a date sign a tweet the article quotes ("— Dele (@dele_official) ..."):
    # the text, not a contact.
    return words <= _CONTACT_WORDS and (bool(_EMAIL.search(text)) or len(_HANDLE_OR_LINK.findall(text)) >= 2)


def _names_follow(lines: list[Line], index: int) -> bool:
    following = _next_text(lines, index)
    return following is not None and following.words <= 8 and looks_like_names(following.text)


def _in_byline_block(line: Line) -> bool:
    """Under a byline, the rest of the author's box: the name again, a role, links to the
    author's page or feed, an address."""
    return line.words <= 8 and not ends_sentence(line.text) and ("author" in line.hints or line.link or "@" in line.text)


def _names_only(names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` unless a date is among them (``November 20``, ``2019 Emiliano Bellini``:
    a date before the name, which the byline's shape does not part)."""
    return () if any(any(ch.isdigit() for ch in name) for name in names) else names


def _is_picture_part(line: Line) -> bool:
    """A picture, its caption, or its credit alone on a line under it."""
    return line.is_image or "caption" in line.hints or is_agency_credit(line.text)


def _is_marked_byline(line: Line, profile: SiteProfile) -> bool:
    """A byline that says it is one: opened by a byline's word (``By``, ``Von``) or marked
    up as the author's; neither capitals nor names alone, which a dateline shares."""
    return line.words <= 8 and not is_agency_credit(line.text) and (is_byline(line.text, profile) or "author" in line.hints)


def _is_byline_under_date(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A byline opened by its word (``By Jane Roe``), names only, right under a date line:
    the story's stamp, never a subheading of its text."""
    line = lines[index]
    if index == 0 or line.words > _STAMP_BYLINE_WORDS or line.kind == "heading" or not is_byline(line.text, profile):
        return False
    return bool(profile.byline_pattern.match(line.text)) and parse_date_line(lines[index - 1].text) is not None


def _is_top_byline(line: Line, following: Line | None, profile: SiteProfile) -> bool:
    """A byline under the headline: marked up as one, in capitals, opened by a byline's
    word (``By``), or a line of names alone with the text right under it."""
    if is_byline(line.text, profile):
        return True  # "By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated ...": names and a date
    if line.words > 8 or (ends_sentence(line.text) and not line.text.endswith(".")) or line.kind == "heading":
        return False
    if is_agency_credit(line.text):
        return False  # a picture's credit under it ("Getty Images"), as a line of names reads
    if "author" in line.hints or is_caps_byline(line.text):
        return True
    return following is not None and following.is_prose and looks_like_names(line.text.replace(" - ", " , "))


def _block(line: Line, following: Line | None, profile: SiteProfile, text_mode: bool, right_under_lead: bool) -> Block | None:
    """The block one line makes (None: it joins the list before it)."""
    if "row" in line.hints:
        return Paragraph(line.text)  # a table's row of data: never a subheading or a caption
    if line.kind == "item":
        return None
    if line.kind == "quote" and line.words >= 6:
        return Quote(line.text)
    if _is_subheading(line, following, profile):
        return Heading(line.text)
    if ends_sentence(line.text):
        short = line.words <= profile.max_subheading_words and following is not None and following.is_prose
        return Heading(line.text) if short and _ends_with_quoted_word(line.text) else Paragraph(line.text)
    if is_unpunctuated_prose(line):
        return Paragraph(line.text)
    if text_mode and right_under_lead and line.words < PARAGRAPH_MIN_WORDS:
        # In a page dump the first unpunctuated line under the lead is the photo's caption.
        return Figure(caption=line.text)
    if line.words <= profile.max_subheading_words and following is not None and following.is_prose:
        return Heading(line.text)
    if text_mode and 6 <= line.words < PARAGRAPH_MIN_WORDS:
        return Figure(caption=line.text)
    return Paragraph(line.text)


class _Blocks:
    """The body as it is built: a picture waits for the caption that may follow it."""

    def __init__(self, dropped: list[Dropped], path: Path | None, title_key: str = "") -> None:
        self.items: list[Block] = []
        self.pending: Line | None = None
        self._dropped = dropped
        self._path = path
        self._title_key = title_key

    def picture(self, image: Line) -> None:
        self.settle_picture()
        self.pending = image

    def caption(self, line: Line) -> None:
        image, text = self.pending, line.text
        self.pending = None
        if image is not None and "furniture" in image.hints:
            self._drop_furniture(image, line)
            return
        src = _figure_src(image.src, self._path) if image is not None else None
        alt = _own_alt(image.alt, text, self._title_key) if image is not None and src is not None else None
        self.items.append(Figure(caption=text, src=src, alt=alt))

    def settle_picture(self) -> None:
        """A picture without a caption, local or remote: the build shows it, or warns."""
        image, self.pending = self.pending, None
        if image is not None and "furniture" in image.hints:
            self._drop_furniture(image, None)
            return
        src = _figure_src(image.src, self._path) if image is not None else None
        if image is None or src is None:
            return
        # Markdown keeps one text per picture: a saved picture's alt text stands as its
        # caption. A remote one's alt text is too often a file name or the headline again.
        remote = urlsplit(src).scheme.lower() in ("http", "https")
        self.items.append(Figure(caption="" if remote else image.alt or "", src=src))

    def _drop_furniture(self, image: Line, caption: Line | None) -> None:
        """A share button, an avatar, a logo (``furniture_evidence``) is no figure, and the
        text under it (a related story's teaser, the author's name) no caption."""
        self._dropped.append(Dropped(image.number, image.src or "", "site furniture drawn as a picture"))
        if caption is not None:
            self._dropped.append(Dropped(caption.number, caption.text, "the caption of site furniture drawn as a picture"))

    def add(self, line: Line, block: Block | None) -> None:
        if block is not None:
            self.items.append(block)
        elif self.items and isinstance(self.items[-1], ListBlock):
            self.items[-1] = ListBlock(items=(*self.items[-1].items, line.text), ordered=self.items[-1].ordered)
        else:
            self.items.append(ListBlock(items=(line.text,)))


def _own_alt(alt: str | None, caption: str, title_key: str) -> str | None:
    """A picture's alt text worth keeping beside its caption: a description of its own.
    Pages often repeat the caption, the headline or a file name there, which a screen
    reader would read out as well as the caption."""
    key = line_key(alt or "")
    if len(key.split()) < 2 or _FILE_NAME.search(key) or key in line_key(caption) or line_key(caption) in key:
        return None
    return None if title_key and (key in title_key or title_key in key) else alt

def _bullet_lead(content: list[Line], profile: SiteProfile) -> list[Line]:
    """A lead printed as a list of points (``- ...`` lines) at the top: the points, in a
    saved page the rest of their block, and the short sentence that closes the points."""
    texts = [line for line in content if not line.is_image]
    if not texts or not _BULLET.match(texts[0].text):
        return []
    first = texts[0]
    taken = []
    for line in texts:
        same_block = first.block != 0 and line.block == first.block
        if (_BULLET.match(line.text) and (first.block == 0 or same_block)) or same_block:
            taken.append(line)
        else:
            break
    if len(taken) < 2:
        return []
    rest = texts[len(taken) :]
    if rest and _closes_points(rest[0], rest[1] if len(rest) > 1 else None, profile):
        taken.append(rest[0])
    return taken


def _closes_points(line: Line, following: Line | None, profile: SiteProfile) -> bool:
    """A sapo printed as points is a summary, and a standfirst of one short sentence often
    closes it before the text begins: whose view the points are, what the story is
    ("Đây là quan điểm của ..."). The text's paragraphs are longer: the line belongs to the
    lead when it is one short sentence and a longer paragraph of the text follows it."""
    if line.kind != "text" or line.link or line.bold or {"caption", "author", "source", "subtitle"} & line.hints:
        return False
    if not line.text.endswith((".", "!", "?", "…")) or line.words > _POINTS_CLOSER_WORDS or _has_inner_sentence(line.text):
        return False
    if has_caption_cue(line.text, profile) or has_agency_prefix(line.text, profile) or is_attribution(line.text, profile):
        return False
    return following is not None and following.is_body_prose and following.words > line.words


def _has_inner_sentence(text: str) -> bool:
    return any(match.group(1).isupper() for match in _SENTENCE_BREAK.finditer(text))


def _right_under(content: list[Line], index: int) -> Line | None:
    return content[index + 1] if index + 1 < len(content) else None


def _next_text(content: list[Line], index: int) -> Line | None:
    for line in content[index + 1 :]:
        if not line.is_image:
            return line
    return None


def _is_related_link(line: Line) -> bool:
    if RELATED_PREFIX.match(line.text):
        return True
    # A line that is wholly a link inside the text is a card for another story, which shows
    # the story's headline; a web address alone (``www.example.com``) is the writer
    # pointing the reader to a site.
    return (
        line.link and line.kind != "image" and not ({"author", "source", "caption"} & line.hints)
        and not is_web_address(line.text)
    )


def _link_opening_the_text(line: Line, content: list[Line]) -> bool:
    """A line wholly a link, above the text's first paragraph, that the extractor took for
    the main text (``CLICK FOR FULL RESULTS`` over a results story): the writer's pointer
    to a source, not another story's card, which stand beside or under the text, outside
    what the extractor keeps. A labelled link (``Read more: ...``) is a card anywhere."""
    return bool(line.main) and not RELATED_PREFIX.match(line.text) and not any(kept.is_body_prose for kept in content)


def _is_linked_subheading(line: Line, right_under: Line | None) -> bool:
    """A heading that is wholly a link, which the extractor took for its text, with its text
    going on in a paragraph right under it: an item of the story's own list named and
    linked (a product, a place, a book), not another story's card."""
    return (
        line.kind == "heading"
        and bool(line.main)
        and not RELATED_PREFIX.match(line.text)
        and right_under is not None
        and bool(right_under.main)
        and not right_under.link
        and right_under.is_body_prose
    )


def _is_lead(line: Line, profile: SiteProfile, evidence: PageEvidence, following: Line | None) -> bool:
    if line.kind == "item" or "caption" in line.hints:
        return False
    if has_agency_prefix(line.text, profile):
        return True
    if "lead" in line.hints and line.words >= 6:
        return True
    if evidence.lead_hint and _same_start(line.text, evidence.lead_hint):
        return True
    if line.words < LEAD_MIN_WORDS or has_caption_cue(line.text, profile):
        return False
    # A sapo may lack its full stop; prose right under it still marks it as the lead. Thai
    # and Lao end a paragraph with no stop: one of theirs is ended by its length.
    return ends_sentence(line.text) or is_unpunctuated_prose(line) or (following is not None and following.is_prose)


def _same_start(text: str, hint: str) -> bool:
    size = min(60, len(hint), len(text))
    return size >= 20 and line_key(text[:size]) == line_key(hint[:size])


def _is_caption(line: Line, profile: SiteProfile, image: Line | None, right_under: Line | None) -> bool:
    if "caption" in line.hints:
        return True
    if line.kind == "heading" or "subtitle" in line.hints:
        return False
    if has_caption_cue(line.text, profile):
        return True
    # Right under a picture, a short line is its caption; a sentence the extractor took for
    # the main text is text (it leaves out what the page marks as a caption), unless the
    # picture links elsewhere (another story's teaser).
    if image is None or line.words > _CAPTION_UNDER_IMAGE_WORDS or _text_runs_through(line, right_under):
        return False
    if not ends_sentence(line.text):
        return True
    return line.words < 25 and not (line.main and not image.link)


def _captioned(content: list[Line], index: int, pending: Line | None) -> Line | None:
    """The picture the line at ``index`` may caption: the one waiting for its caption,
    unless that ends a row of icons (two or more pieces of site furniture drawn as
    pictures, one after the other: share buttons) above the text's first paragraph, and
    the line is the text's: the extractor took it for the main text, and the text goes on
    under it. A caption belongs to one picture; under the share buttons beneath a headline
    stands what follows them on the page, the text's start or a credit, which the
    extractor's verdict tells apart. Lower down, the buttons close the text and what
    follows them is another story's card as often as not."""
    row = content[index - 2 : index] if index >= 2 else []
    if (
        pending is not None
        and len(row) == 2
        and all(line.is_image and "furniture" in line.hints for line in row)
        and not any(line.is_body_prose for line in content[:index])
        and content[index].main
        and (following := _next_text(content, index)) is not None
        and following.main
        and following.is_body_prose
    ):
        return None
    return pending


def _text_runs_through(line: Line, right_under: Line | None) -> bool:
    """Under a picture, a line the extractor took for its main text, with its main text going
    on in the line right under it (a paragraph, not another picture): the text running past
    a picture (or an advertisement's, a share button's icon), not the picture's caption. The
    line is a sentence, or a paragraph's length (a paragraph the page parted with a line
    break). A teaser in a box of other stories is followed by the next story's picture."""
    return (
        bool(line.main)
        and right_under is not None
        and bool(right_under.main)
        and right_under.is_body_prose
        and (ends_sentence(line.text) or line.words >= _CAPTION_SENTENCE_WORDS)
    )


def _photo_series(content: list[Line], profile: SiteProfile) -> set[int]:
    """In a page dump (no pictures, no markup), the captions of a series of photos: a run of
    three or more lines in a row, each a credited caption (``... Ảnh: Lê Hiếu.``, ``(Ảnh
    minh họa)``) or one short sentence, at least one of them credited. Sites credit the
    photographer once in a series or on some of its pictures; the uncredited captions beside
    them are no paragraphs of the text. Short means at most half as long as the text's own
    paragraphs (their median), so a page of short paragraphs keeps them. A lone short
    sentence beside one credited caption stays text, and so it does beside one caption
    printed twice in a row (``_series_captions``)."""
    paragraphs = sorted(line.words for line in content if line.words > _CAPTION_SENTENCE_WORDS and not line.is_image)
    if not paragraphs:
        return set()  # no paragraph of the text to tell a caption from
    longest_caption = min(_CAPTION_SENTENCE_WORDS, paragraphs[len(paragraphs) // 2] // 2)
    taken: set[int] = set()
    run: list[int] = []
    credited = False
    for index, line in enumerate([*content, None]):
        cue = line is not None and _is_credited_caption(line, profile)
        if line is not None and (cue or _is_caption_sentence(line, profile, longest_caption)):
            run.append(index)
            credited = credited or cue
            continue
        if credited and len(run) >= _PHOTO_SERIES_LINES:
            taken.update(_series_captions(content, run, profile))
        run, credited = [], False
    return taken


def _series_captions(content: list[Line], run: list[int], profile: SiteProfile) -> list[int]:
    """The captions of a series: all its lines, unless some are printed twice in a row (a
    copy may print a picture's alt text and its caption alike). Then every picture's
    caption is doubled or credited, and a line that is neither is a sentence of the text
    beside them; what is left must still make a series."""
    doubled = {i for i in run for j in (i - 1, i + 1) if j in run and content[j].key == content[i].key}
    if not doubled:
        return run
    kept = [i for i in run if i in doubled or _is_credited_caption(content[i], profile)]
    return kept if len(kept) >= _PHOTO_SERIES_LINES else []


_SLUG_HYPHENS = 4  # words joined by hyphens in a file name; a compound word has fewer
_LIST_INTRO_WORDS = 3  # "The tour's dates:"; a label of a word or two ("Photos:") introduces no list
_LIST_ITEM_WORDS = 20
_LIST_ITEMS = 2


def _captions_at_end(content: list[Line], profile: SiteProfile) -> set[int]:
    """In a page dump, the photos a story ends with: the last lines, from the first that is a
    caption by its shape (six words or more, no stop at its end, no subheading over a
    paragraph longer than a caption), when three or more such captions stand there, at
    least half of the lines, and the rest are sentences no longer than the longest of them
    (and than 45 words). Sites set a story's photos after its text with their captions under
    them, alike in length; a caption with a stop among them is no paragraph of the text
    either. The text's own last paragraphs end with their stops, and a list of other
    stories' headlines under them is shorter than they are. Lines under one that ends with
    a colon are the list it introduces (``The tour's dates:``), not captions."""
    run: list[int] = []
    for index in range(len(content) - 1, -1, -1):
        line = content[index]
        if line.is_image or line.kind != "text":
            break
        short_sentence = ends_sentence(line.text) and line.words <= _END_CAPTION_WORDS
        if not (short_sentence or _is_unpunctuated_caption(content, index, profile)):
            break
        run.append(index)
    run.reverse()
    while run and not _is_unpunctuated_caption(content, run[0], profile):
        run.pop(0)
    unpunctuated = [content[index].words for index in run if _is_unpunctuated_caption(content, index, profile)]
    # Captions of one series are alike in length: a sentence longer than all of them is text.
    alike = all(content[index].words <= max(unpunctuated, default=0) for index in run)
    enough = len(unpunctuated) >= _PHOTO_SERIES_LINES and 2 * len(unpunctuated) >= len(run)
    # The photos a story ends with: a paragraph of its text stands above them.
    after_text = bool(run) and any(line.is_body_prose for line in content[: run[0]])
    # A line ending with a colon right above them introduces a list (``Tour dates:``).
    listed = bool(run) and run[0] > 0 and content[run[0] - 1].text.rstrip().endswith(":")
    return set(run) if enough and alike and after_text and not listed else set()


def _listed_under_a_colon(content: list[Line]) -> set[int]:
    """In a page dump, the items of a list a line of the text introduces with a colon
    (``The tour's 2020 dates:`` over ``June 9 -- Coral Sky Amphitheatre, West Palm Beach,
    FL``): two or more short lines in a row right under it, none a paragraph of the text
    nor ending like a sentence.
    A copy prints a list's items one a line without their bullets; short and without a
    stop, they would read as photos' captions."""
    listed: set[int] = set()
    for index, line in enumerate(content[:-1]):
        if line.is_image or not line.text.rstrip().endswith(":") or line.words < _LIST_INTRO_WORDS:
            continue
        if is_related_label(line.text):
            continue  # other stories' headlines under their box's label: no list of the text
        run = []
        for item in range(index + 1, len(content)):
            other = content[item]
            if (other.is_image or other.is_body_prose or other.kind == "heading" or other.words > _LIST_ITEM_WORDS
                    or ends_sentence(other.text)):
                break  # a line ending like a sentence is the text's (a dialogue's line under ``she said:``)
            run.append(item)
        if len(run) >= _LIST_ITEMS:
            listed.update(run)
    return listed


def _captioned_pictures_at_end(content: list[Line]) -> set[int]:
    """On a saved page, the photos a story ends with: the last lines, when each stands
    right under a picture of its own (no link), three or more of them, none longer than 60
    words, with three paragraphs of the text or more above the first picture, not under a
    picture (a photo story is its captions). Sites set a story's photos
    after its text, each with its caption under it; the extractor takes those captions for
    the text, a sentence each, but the text's own paragraphs do not each stand under a
    picture to the end of the page."""
    run: list[int] = []
    index = len(content) - 1
    while index > 0 and content[index].is_image:
        index -= 1
    while index > 0:
        line, above = content[index], content[index - 1]
        if line.kind != "text" or line.words > _PICTURED_CAPTION_WORDS or line.link or not above.is_image or above.link:
            break
        run.append(index)
        index -= 1
        while index > 0 and content[index].is_image:
            index -= 1
    if len(run) < _PHOTO_SERIES_LINES:
        return set()
    # A text of its own above the photos, not a photo story (every line of it under a picture).
    start = run[-1]
    text = [i for i in range(start) if content[i].is_body_prose and not (i and content[i - 1].is_image)]
    return set(run) if len(text) >= _PHOTO_SERIES_LINES else set()


def _captions_over_credits(content: list[Line], profile: SiteProfile) -> set[int]:
    """In a copy (no pictures), the line right above a credit line of its own (``Ảnh: Lê
    Hiếu``, ``Photo: Jane Doe``: a caption cue and a name, nothing else), when that line is
    at most half as long as the text's paragraphs (their median) and 45 words: the
    caption the credit closes. A site that parts a caption from its credit prints the two
    under the picture; a paragraph of the text is longer than half of its paragraphs."""
    credits = [index for index in range(1, len(content)) if _is_bare_credit(content[index], profile)]
    if not credits:
        return set()
    paragraphs = sorted(line.words for line in content if line.is_body_prose)
    if not paragraphs:
        return set()
    longest = min(_END_CAPTION_WORDS, paragraphs[len(paragraphs) // 2] // 2)
    taken: set[int] = set()
    for index in credits:
        above = content[index - 1]
        if above.kind == "text" and not above.link and 0 < above.words <= longest and index - 1 not in credits:
            taken.update((index - 1, index))
            if index >= 2 and content[index - 2].key == above.key and content[index - 2].kind in ("text", "heading"):
                taken.add(index - 2)  # the picture's alt text, the caption's words once more
    return taken


def _is_bare_credit(line: Line, profile: SiteProfile) -> bool:
    """A credit and a name: a caption cue that ends with its colon opens the line, and a
    name (a few words, no sentence) follows."""
    if line.kind != "text" or line.words > _CREDIT_LINE_WORDS or _has_inner_sentence(line.text):
        return False
    return line.text.startswith(profile.credit_line_openings)


def _alt_over_caption(content: list[Line], profile: SiteProfile) -> set[int]:
    """In a copy, a short line with no stop at its end printed twice in a row, right
    above a paragraph of the text: a picture's alt text and its caption, which a browser
    copies alike one under the other (the picture itself is no text): the first of each
    such pair. Both are kept as captions, since a copy cannot tell which is which. A
    subheading is printed once, a line the text repeats for emphasis ends as a sentence
    does, and a line printed more than twice on the page (a table's header row over each
    of its parts) is no one picture's."""
    printed = Counter(line.key for line in content)
    return {
        index
        for index in range(len(content) - 2)
        if content[index].kind == "text"
        and content[index].key == content[index + 1].key
        and printed[content[index].key] == 2
        and 0 < content[index].words <= profile.max_subheading_words
        and not ends_sentence(content[index].text)
        and content[index + 2].is_body_prose
    }


def _long_caption_printed_twice(content: list[Line], profile: SiteProfile) -> set[int]:
    """In a copy, a line longer than a subheading printed twice in a row, the same words
    both times, and nowhere else on the page: a picture's alt text and its caption (a
    newspaper's captions are whole sentences). The text never prints a paragraph twice
    running; a quote the text repeats for emphasis stands apart from its first printing.
    The first of each pair; with it, every other copy of such a line on the page (a
    gallery prints its caption again over the picture opened and in its strip of thumbnails)."""
    paired = {
        content[index].key
        for index in range(len(content) - 1)
        if content[index].kind == "text"
        and content[index + 1].kind == "text"
        and content[index].key == content[index + 1].key
        and content[index].words > profile.max_subheading_words
    }
    return {index for index, line in enumerate(content) if line.kind == "text" and line.key in paired}


def _captions_after_pictures(content: list[Line]) -> set[int]:
    """In a copy, the lines the story ends with when each stands two empty lines or more
    further from the line above than the text's paragraphs stand from each other (the
    empty lines a browser leaves where it shows no picture), three or more of them: the
    captions of the photos after the text. The paragraphs' gap is the one that parts most
    pairs of paragraphs in a row (a copy parts them evenly); a picture between two
    paragraphs widens one gap, not every gap to the end."""
    gaps = Counter(later.number - earlier.number for earlier, later in pairwise(content)
                   if earlier.is_body_prose and later.is_body_prose)
    paragraph_gap, count = gaps.most_common(1)[0] if gaps else (0, 0)
    if count < _PHOTO_SERIES_LINES or 2 * count < sum(gaps.values()):
        return set()  # too few paragraphs in a row, or parted unevenly (a wrapped text's lines joined)
    run: list[int] = []
    for index in range(len(content) - 1, 0, -1):
        line = content[index]
        if line.is_image or line.kind != "text" or line.number - content[index - 1].number < paragraph_gap + _PICTURE_LINES:
            break
        run.append(index)
    return set(run) if len(run) >= _PHOTO_SERIES_LINES else set()


def _is_unpunctuated_caption(content: list[Line], index: int, profile: SiteProfile) -> bool:
    line = content[index]
    if ends_sentence(line.text) or not 6 <= line.words < PARAGRAPH_MIN_WORDS:
        return False
    # A subheading stands over a paragraph longer than any caption.
    following = _next_text(content, index)
    return not (line.words <= profile.max_subheading_words and following is not None and following.words > _END_CAPTION_WORDS)


def _is_credited_caption(line: Line, profile: SiteProfile) -> bool:
    return line.kind == "text" and has_caption_cue(line.text, profile)


def _is_caption_sentence(line: Line, profile: SiteProfile, longest: int) -> bool:
    """One short sentence with its full stop, as captions are; not a point of a list."""
    if line.kind != "text" or line.words > longest or _BULLET.match(line.text):
        return False
    if not line.text.endswith((".", "!", "?", "…", ")", '"', "”")) or _has_inner_sentence(line.text):
        return False
    return not has_agency_prefix(line.text, profile) and not is_attribution(line.text, profile)


def _figure_src(src: str | None, path: Path | None) -> str | None:
    """The image's address as the figure keeps it: its path relative to the article file
    when the saved page has it beside it, else as the page reader gave it (an http(s) URL,
    or a relative address nothing resolved)."""
    if not src:
        return None
    local = local_image(src, path.parent) if path is not None else None
    return local if local is not None else src


def _ends_with_quoted_word(text: str) -> bool:
    """``Bạn "dày mặt"``, ``The "quiet" quitters``: the line closes a quotation right after
    a word, with no stop inside it and none in the line: a heading that quotes its last
    words. A sentence that ends in a quotation holds its stop (``... he said "no."``)."""
    if len(text) < 2 or text[-1] not in _CLOSING_QUOTE_MARKS or not text[-2].isalnum():
        return False
    return not any(stop in text for stop in ".!?…:;")


def _is_subheading(line: Line, following: Line | None, profile: SiteProfile) -> bool:
    # A subheading may end with a colon, never with a full stop or the like.
    ends = ends_sentence(line.text) and not line.text.endswith(":") and not _ends_with_quoted_word(line.text)
    if line.words > profile.max_subheading_words or ends:
        return False
    if line.kind == "heading" and line.level >= 2:
        return True
    if "subtitle" in line.hints:
        return True
    return line.bold and following is not None and following.is_prose
