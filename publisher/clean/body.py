"""The article's own lines into blocks: lead, paragraphs, subheadings, figures, lists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from publisher.clean.evidence import PageEvidence
from publisher.clean.explain import Dropped
from publisher.clean.head import date_stamp, head_date
from publisher.clean.lines import Line, line_key
from publisher.clean.names import is_caps_byline, looks_like_names
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import (
    DATE_WINDOW,
    LEAD_MIN_WORDS,
    PARAGRAPH_MIN_WORDS,
    RELATED_PREFIX,
    byline_names,
    ends_sentence,
    has_agency_prefix,
    has_caption_cue,
    is_attribution,
    is_body_prose,
    is_byline,
    is_prose,
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
_TITLE_SUFFIX_CHARS = 40
_DESCRIPTION_START = 30  # characters of the page's description that find where the lead starts
_TAG_LABEL_WORDS = 3  # "Filed Under", "Từ khóa", "Tags"
_TAG_COUNT = 3
_TAG_WORDS = 4  # words of one tag
_CODE_CHARS = 13
_CODE_DIGITS = 13  # a time in milliseconds, a long id: more than a phone number holds
_STAMP_CHARS = 40
_STAMP_WORDS = 4
_CONTACT_WORDS = 40
_HEAD_LABEL_WORDS = 6  # longest label (byline, site, section) between a headline and its date
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HANDLE_OR_LINK = re.compile(r"(?<![\w@])@\w{2,}|https?://\S+")
_PHOTO_SERIES_LINES = 3  # captions in a row that make a series of photos in a dump
_CAPTION_SENTENCE_WORDS = 25  # longest uncredited caption in such a series (and shorter than the text's paragraphs)
_POINTS_CLOSER_WORDS = 25  # longest sentence that may close a lead printed as points
# Where a sentence may end inside a line: "... đi qua. Thành công ..."
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]?\s+[\"“(]?(\w)")
# An alt text that is a file name (or ends with one): no description.
_FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)\b")


def read_body(
    lines: list[Line], profile: SiteProfile, dropped: list[Dropped], evidence: PageEvidence, path: Path | None, title: str = ""
) -> tuple[str | None, list[Block], PrintedDate | None, tuple[str, ...]]:
    """Lead, blocks, and the date and source credit printed just under the title."""
    content, published, authors = _sort_out(lines, profile, dropped, line_key(title))
    lead_lines = _bullet_lead(content, profile)
    lead = "\n".join(line.text for line in lead_lines) if lead_lines else None
    content = [line for line in content if line not in lead_lines]
    content = _without_tag_lines(content, dropped)
    for code in [line for line in content if _is_bare_code(line.text)]:
        content.remove(code)
        dropped.append(Dropped(code.number, code.text, "a code with no words (an image's or a widget's id)"))
    blocks = _Blocks(dropped, path, line_key(title))
    text_mode = evidence.page_title is None
    gallery = _photo_series(content, profile) if text_mode else set()
    for index, line in enumerate(content):
        following = _next_text(content, index)
        if line.is_image:
            blocks.picture(line)
        elif lead is None and not blocks.items and _is_lead(line, profile, evidence, following):
            blocks.settle_picture()
            lead = line.text
        elif index in gallery or _is_caption(line, profile, blocks.pending):
            blocks.caption(line.text)
        else:
            blocks.settle_picture()
            blocks.add(line, _block(line, following, profile, text_mode, lead is not None and not blocks.items))
    blocks.settle_picture()
    return (_without_stamp(lead, evidence.lead_hint, profile) if lead else lead), blocks.items, published, authors


def _without_tag_lines(content: list[Line], dropped: list[Dropped]) -> list[Line]:
    """``content`` without the story's tags printed above its first paragraph or below its
    last (inside the text, such a line may be a list the story gives)."""
    prose = [index for index, line in enumerate(content) if is_body_prose(line)]
    if not prose:
        return content
    tags = _tag_run_at_end(content, prose[-1])
    kept = []
    for index, line in enumerate(content):
        if index in tags or (not line.is_image and not prose[0] < index < prose[-1] and _is_tag_line(line.text)):
            dropped.append(Dropped(line.number, line.text, "the story's tags"))
        else:
            kept.append(line)
    return kept


def _is_bare_code(text: str) -> bool:
    """``1-1457918989456``: one token of digits and signs, no letter, with more digits than
    a year, a score, a count or a phone number a text would print alone: what a copy keeps
    of an image's file name or a widget's id."""
    token = text.strip()
    return (" " not in token and len(token) >= _CODE_CHARS and sum(ch.isdigit() for ch in token) >= _CODE_DIGITS
            and not any(ch.isalpha() for ch in token))


def _tag_run_at_end(content: list[Line], last_prose: int) -> set[int]:
    """The last lines, after the text's last paragraph, when they are a run of three or
    more short terms in lower case with no punctuation ending them (``thanh bùi``, ``sao
    kết hôn``): tags printed one a line. A name, a heading or a credit starts with a
    capital letter."""
    run = []
    for index in range(len(content) - 1, last_prose, -1):
        line = content[index]
        text = line.text.strip()
        if line.is_image or not text or not text[0].islower() or line.words > _TAG_WORDS or not text[-1].isalnum():
            break
        run.append(index)
    return set(run) if len(run) >= _TAG_COUNT else set()


def _is_tag_line(text: str) -> bool:
    """``Filed Under: Eastern Equine Encephalitis, EEE, health, Michigan``, ``Từ khóa: ...``:
    a short label and a colon, then three or more short terms parted by commas, with no
    sentence among them: the story's tags, which sites print under the text."""
    label, colon, terms = text.partition(":")
    if not colon or not 1 <= len(label.split()) <= _TAG_LABEL_WORDS or ends_sentence(text):
        return False
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


def _sort_out(
    lines: list[Line], profile: SiteProfile, dropped: list[Dropped], title_key: str
) -> tuple[list[Line], PrintedDate | None, tuple[str, ...]]:
    """The lines that make blocks; chrome and links to other stories go. A date line (and
    a source credit beside it) or a marked-up byline just under the title is read, and so
    is a date stamp further down when none stands at the top."""
    content: list[Line] = []
    published: PrintedDate | None = None
    labels, authors = _head_above_date(lines, profile, dropped)
    for index, line in enumerate(lines):
        if index in labels:
            continue
        # The top photo and its caption may stand between the headline and the byline, and
        # so may a standfirst (one paragraph, with labels or a date line beside it) when the
        # byline says it is one (``By ...``, or marked up).
        above = [kept for kept in content if not kept.is_image and "caption" not in kept.hints] if index < DATE_WINDOW else None
        near_top = above == []
        under_standfirst = above is not None and (len(above) == 1 or (len(above) > 1 and sum(map(is_prose, above)) == 1))
        if line.is_image:
            content.append(line)
        elif profile.is_chrome(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
        elif (near_top or (under_standfirst and not published)) and (found := head_date(line, profile)):
            # The first date line under the headline is the story's; another (Updated ...) goes with it.
            published, credit = published or found[0], found[1]
            authors = byline_names(credit, profile) if credit and not authors else authors
            if published is not found[0]:
                dropped.append(Dropped(line.number, line.text, "date line under the headline (another date of the story)"))
        elif near_top and not authors and _is_bare_byline_word(line, profile) and _names_follow(lines, index):
            dropped.append(Dropped(line.number, line.text, "byline above the text (read as the authors)"))
            authors = byline_names(f"{line.text} {_next_text(lines, index).text}", profile)  # type: ignore[union-attr]
        elif near_top and not authors and _is_top_byline(line, _next_text(lines, index), profile):
            authors = byline_names(line.text, profile)
            dropped.append(Dropped(line.number, line.text, "byline above the text (read as the authors)"))
        elif under_standfirst and _is_marked_byline(line, profile) and (names := _names_only(byline_names(line.text, profile))):
            authors = authors or names
            dropped.append(Dropped(line.number, line.text, "byline above the text (read as the authors)"))
        elif near_top and authors and _in_byline_block(line):
            dropped.append(Dropped(line.number, line.text, "byline above the text (the author's box)"))
        elif _is_related_link(line):
            dropped.append(Dropped(line.number, line.text, "link to another story"))
        elif title_key and _repeats_title(line.key, title_key):
            dropped.append(Dropped(line.number, line.text, "the headline again"))
        elif "promo" in line.hints and not line.main:
            # A container's class names reach every line in it; a paywalled article's text
            # sits in a "subscriber" box, and the extractor's verdict tells them apart.
            dropped.append(Dropped(line.number, line.text, "the site's promotion (sign-up, newsletter, membership)"))
        elif _is_contact(line.text):
            dropped.append(Dropped(line.number, line.text, "contact line (an address or a handle)"))
        else:
            content.append(line)
    if published is None and (stamp := date_stamp(content)):
        line, published = stamp
        content.remove(line)
        dropped.append(Dropped(line.number, line.text, "date stamp in the text (read as the date)"))
    return content, published, authors


def _head_above_date(lines: list[Line], profile: SiteProfile, dropped: list[Dropped]) -> tuple[set[int], tuple[str, ...]]:
    """The lines that are no text, and the authors, when a date line stands near the top with
    only short labels above it (the byline, the site's name, the section: a reader view
    and many copies put them between the headline and the date). No sentence of the text
    comes before its own date line; the names line among the labels is the byline."""
    date_index = _date_under_labels(lines, profile)
    if date_index is None:
        return set(), ()
    labels = [index for index in range(date_index) if not lines[index].is_image]
    names = next((lines[i] for i in labels if _names_label(lines[i])), None)
    for index in labels:
        line = lines[index]
        reason = "byline above the date (read as the authors)" if line is names else "label between the headline and its date"
        dropped.append(Dropped(line.number, line.text, reason))
    return set(labels), (byline_names(names.text, profile) if names else ())


def _names_label(line: Line) -> bool:
    return line.words >= 2 and not line.link and looks_like_names(line.text)


def _date_under_labels(lines: list[Line], profile: SiteProfile) -> int | None:
    for index, line in enumerate(lines[:DATE_WINDOW]):
        if line.is_image:
            continue
        if head_date(line, profile) is not None:
            return index
        if is_prose(line) or ends_sentence(line.text) or line.words > _HEAD_LABEL_WORDS:
            return None
    return None


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


def _is_bare_byline_word(line: Line, profile: SiteProfile) -> bool:
    """``By`` on a line of its own (the names are a link on the next line)."""
    match = profile.byline_pattern.match(line.text + " ")
    return match is not None and len(match.group(1)) >= len(line.text.rstrip(": "))


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


def _is_marked_byline(line: Line, profile: SiteProfile) -> bool:
    """A byline that says it is one: opened by a byline's word (``By``, ``Von``) or marked
    up as the author's; neither capitals nor names alone, which a dateline shares."""
    return line.words <= 8 and (is_byline(line.text, profile) or "author" in line.hints)


def _is_top_byline(line: Line, following: Line | None, profile: SiteProfile) -> bool:
    """A byline under the headline: marked up as one, in capitals, opened by a byline's
    word (``By``), or a line of names alone with the text right under it."""
    if is_byline(line.text, profile):
        return True  # "By HNN Staff | November 18, 2019 at 2:26 PM HST - Updated ...": names and a date
    if line.words > 8 or (ends_sentence(line.text) and not line.text.endswith(".")) or line.kind == "heading":
        return False
    if "author" in line.hints or is_caps_byline(line.text):
        return True
    return following is not None and is_prose(following) and looks_like_names(line.text.replace(" - ", " , "))


def _block(line: Line, following: Line | None, profile: SiteProfile, text_mode: bool, right_under_lead: bool) -> Block | None:
    """The block one line makes (None: it joins the list before it)."""
    if line.kind == "item":
        return None
    if line.kind == "quote" and line.words >= 6:
        return Quote(line.text)
    if _is_subheading(line, following, profile):
        return Heading(line.text)
    if ends_sentence(line.text):
        return Paragraph(line.text)
    if text_mode and right_under_lead and line.words < PARAGRAPH_MIN_WORDS:
        # In a page dump the first unpunctuated line under the lead is the photo's caption.
        return Figure(caption=line.text)
    if line.words <= profile.max_subheading_words and following is not None and is_prose(following):
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

    def caption(self, text: str) -> None:
        image = self.pending
        self.pending = None
        src = _figure_src(image.src, self._path) if image is not None else None
        alt = _own_alt(image.alt, text, self._title_key) if image is not None and src is not None else None
        self.items.append(Figure(caption=text, src=src, alt=alt))

    def settle_picture(self) -> None:
        """A picture without a caption, local or remote: the build shows it, or warns."""
        image, self.pending = self.pending, None
        src = _figure_src(image.src, self._path) if image is not None else None
        if image is None or src is None:
            return
        # Markdown keeps one text per picture: a saved picture's alt text stands as its
        # caption. A remote one's alt text is too often a file name or the headline again.
        remote = urlsplit(src).scheme.lower() in ("http", "https")
        self.items.append(Figure(caption="" if remote else image.alt or "", src=src))

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
    return following is not None and is_body_prose(following) and following.words > line.words


def _has_inner_sentence(text: str) -> bool:
    return any(match.group(1).isupper() for match in _SENTENCE_BREAK.finditer(text))


def _next_text(content: list[Line], index: int) -> Line | None:
    for line in content[index + 1 :]:
        if not line.is_image:
            return line
    return None


def _is_related_link(line: Line) -> bool:
    if RELATED_PREFIX.match(line.text):
        return True
    # A line that is wholly a link inside the text is a card for another story.
    return line.link and line.kind != "image" and not ({"author", "source", "caption"} & line.hints)


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
    # A sapo may lack its full stop; prose right under it still marks it as the lead.
    return ends_sentence(line.text) or (following is not None and is_prose(following))


def _same_start(text: str, hint: str) -> bool:
    size = min(60, len(hint), len(text))
    return size >= 20 and line_key(text[:size]) == line_key(hint[:size])


def _is_caption(line: Line, profile: SiteProfile, image: Line | None) -> bool:
    if "caption" in line.hints:
        return True
    if line.kind == "heading" or "subtitle" in line.hints:
        return False
    if has_caption_cue(line.text, profile):
        return True
    # Right under a picture, a short line is its caption; a sentence the extractor took for
    # the main text is text (it leaves out what the page marks as a caption), unless the
    # picture links elsewhere (another story's teaser).
    if image is None or line.words > _CAPTION_UNDER_IMAGE_WORDS:
        return False
    if not ends_sentence(line.text):
        return True
    return line.words < 25 and not (line.main and not image.link)


def _photo_series(content: list[Line], profile: SiteProfile) -> set[int]:
    """In a page dump (no pictures, no markup), the captions of a series of photos: a run of
    three or more lines in a row, each a credited caption (``... Ảnh: Lê Hiếu.``, ``(Ảnh
    minh họa)``) or one short sentence, at least one of them credited. Sites credit the
    photographer once in a series or on some of its pictures; the uncredited captions beside
    them are no paragraphs of the text. Short means at most half as long as the text's own
    paragraphs (their median), so a page of short paragraphs keeps them. A lone short
    sentence beside one credited caption stays text."""
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
            taken.update(run)
        run, credited = [], False
    return taken


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


def _is_subheading(line: Line, following: Line | None, profile: SiteProfile) -> bool:
    # A subheading may end with a colon, never with a full stop or the like.
    if line.words > profile.max_subheading_words or (ends_sentence(line.text) and not line.text.endswith(":")):
        return False
    if line.kind == "heading" and line.level >= 2:
        return True
    if "subtitle" in line.hints:
        return True
    return line.bold and following is not None and is_prose(following)
