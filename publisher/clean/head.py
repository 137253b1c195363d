"""What stands around the title: kicker, printed date, a source credit (``Theo ...``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from publisher.clean.dates import parse_date_line, split_date, unglued
from publisher.clean.explain import Dropped
from publisher.clean.kicker import is_home_link, is_site_furniture, tidy_kicker
from publisher.clean.lines import Line, ends_sentence
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import byline_names, is_attribution, is_byline, meta_line
from publisher.model import PrintedDate
from publisher.slug import slug_opening, slugify

_SEGMENT = re.compile(r"\s+\|\s+|^\|\s*|\s*\|$")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_DATED_BYLINE_WORDS = 20  # a date (its weekday, time and zone) and a byline of a few names
# A date line that says it is the article's: a time of day, or words like "cập nhật".
_DATE_STAMP = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}|cập nhật|ngày đăng|đăng lúc|đăng ngày|xuất bản|updated|posted|published", re.I)
# Breadcrumbs in a saved page are short; a page dump's kicker may be a longer lead-in.
_KICKER_WORDS_IN_PAGES = 6
_KICKER_WORDS_IN_DUMPS = 12
_BREADCRUMB_WORDS = 10
_SECTION_WORDS = 4


@dataclass(frozen=True)
class Head:
    kicker: str | None = None
    kicker_confirmed: bool = False  # the page names the same section elsewhere
    kicker_line: int | None = None  # its line's number
    published: PrintedDate | None = None
    authors: tuple[str, ...] = ()


def read_head(
    head: list[Line], profile: SiteProfile, dropped: list[Dropped], text_mode: bool, sections: tuple[str, ...] = ()
) -> Head:
    """Kicker, date and a source credit from the lines just above the title. ``sections``
    are the section names the page gives elsewhere (its <title>, its metadata)."""
    published = None
    authors: tuple[str, ...] = ()
    candidates: list[tuple[int, str, bool]] = []  # (index in head, text, next to the title), nearest first
    # Only furniture may stand between an unconfirmed label and the title: a date, a picture.
    next_to_title = True
    # Above a search box's label or the site's address, only the site's own lines stand.
    site_furniture = False
    for index in range(len(head) - 1, -1, -1):
        line = head[index]
        if line.is_image:
            continue
        if profile.is_chrome(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
            next_to_title = False
            continue
        date, credit, rest = _segments(line.text, profile)
        if date and published is None:
            published = date
        if credit and not authors:
            authors = byline_names(credit, profile)
        site_furniture = site_furniture or bool(rest and is_site_furniture(rest))
        # Without the page's sections to look for, only the label nearest the title is
        # weighed (``_choose_kicker``): the lines above it are not tidied into labels.
        weighed = bool(sections) or not candidates
        label = tidy_kicker(rest) if rest and weighed and not site_furniture else None
        if label and _could_be_kicker(label, line, text_mode) and not _in_menu(head, index):
            candidates.append((index, label, next_to_title))
        next_to_title = next_to_title and not rest
    # A breadcrumb is the site's own statement of the story's section, top level first.
    crumb = _breadcrumb_section(head, profile)
    kicker_index: int | None
    kicker: str | None
    if crumb is not None:
        kicker_index, kicker, confirmed = crumb[0], crumb[1], True
    else:
        kicker_index, kicker, confirmed = _choose_kicker(candidates, sections)
    for index, line in enumerate(head):
        if index != kicker_index and not line.is_image and not profile.is_chrome(line.text):
            date, credit, rest = _segments(line.text, profile)
            if rest or not (date or credit):
                dropped.append(Dropped(line.number, line.text, "above the title"))
    kicker_line = head[kicker_index].number if kicker and kicker_index is not None else None
    return Head(kicker, confirmed, kicker_line, published, authors)


def url_section(lines: list[Line], url: str | None, profile: SiteProfile) -> str | None:
    """The section the page's own address names (``site.vn/thuong-hieu-quang-cao/...``),
    as the page prints it above the headline (its menu): ``Thương hiệu - Quảng cáo``.
    The address says which section the story belongs to; the menu says how it is spelt."""
    if not url:
        return None
    folders = [part for part in urlsplit(url).path.split("/")[:-1] if part and not part.isdigit() and len(part) > 1]
    if not folders:
        return None
    for line in lines:
        if line.is_image or profile.is_chrome(line.text) or not 1 <= line.words <= _BREADCRUMB_WORDS:
            continue
        words = line.text.split()
        # The section may stand in a breadcrumb printed as one line ("Trang chủ Sống khỏe").
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + _KICKER_WORDS_IN_PAGES) + 1):
                if slugify(" ".join(words[start:end])) in folders:
                    return " ".join(words[start:end]).strip(" -|›»>")
    return None


def in_menu_above(kicker: str, kicker_line: int | None, lines: list[Line], saved_page: bool) -> bool:
    """The label also printed elsewhere above the title, as a line of its own or, on a saved
    page (where a line is a block of the markup), in a short line (a row of links: ``Home
    World Business``): the site's menu names the section, so it is one of the site's sections, not another story's
    headline, a button or a byline."""
    words = [word for word in kicker.split() if any(char.isalpha() for char in word)]
    # A section's name is a few words: no headline, photo credit ("Photo: Name, Agency") or form label.
    if not 1 <= len(words) <= _SECTION_WORDS or any(mark in kicker for mark in ":,"):
        return False
    key = slugify(kicker)
    within = re.compile(rf"(?<!\w){re.escape(kicker)}(?!\w)")
    in_row = saved_page  # a row of links only on a saved page
    # A line's slug is made only where its first letter is the key's (one line in a dozen).
    opening = key[0]
    return any(
        line.number != kicker_line and not line.is_image
        and ((slug_opening(line.text) == opening and slugify(line.text) == key)
             or (in_row and line.words <= _BREADCRUMB_WORDS and within.search(line.text) is not None))
        for line in lines
    )


def in_menu_printed_twice(kicker_line: int | None, lines: list[Line]) -> bool:
    """The label and the line right above it (no blank line between) stand together, in that
    order, elsewhere above the headline too: an item of a menu the page prints twice (once
    for wide screens, once for narrow ones: ``Advertise with Us``, ``Tips``), which ends
    right above the headline, not the story's section. A breadcrumb's home link (``Home``,
    then ``News``) is the menu's first item as much as the breadcrumb's: no sign there."""
    at = next((index for index, line in enumerate(lines) if line.number == kicker_line), None)
    if at is None or at == 0 or not _right_above(lines, at) or is_home_link(lines[at - 1].text):
        return False
    pair = (lines[at - 1].key, lines[at].key)
    return any(
        index != at and (lines[index - 1].key, lines[index].key) == pair and _right_above(lines, index)
        for index in range(1, len(lines))
    )


def _right_above(lines: list[Line], index: int) -> bool:
    above, line = lines[index - 1], lines[index]
    return not (above.is_image or line.is_image) and line.number == above.number + 1


def _in_menu(head: list[Line], index: int) -> bool:
    """A list item beside other list items: an entry of a menu, not a label of the story."""
    line = head[index]
    if line.kind != "item" or "breadcrumb" in line.hints:
        return False
    neighbours = [head[i] for i in (index - 1, index + 1) if 0 <= i < len(head)]
    return any(other.kind == "item" for other in neighbours)


def _breadcrumb_section(head: list[Line], profile: SiteProfile) -> tuple[int, str] | None:
    """The section a breadcrumb names first (``Thời sự › Giao thông``: Thời sự), its home
    link aside."""
    for index, line in enumerate(head):
        crumbs = "breadcrumb" in line.hints and not line.is_image and not profile.is_chrome(line.text)
        if crumbs and 1 <= line.words <= 6 and (label := tidy_kicker(line.text)):
            return index, label
    return None


def _choose_kicker(candidates: list[tuple[int, str, bool]], sections: tuple[str, ...]) -> tuple[int | None, str | None, bool]:
    """The section name the page also gives elsewhere, else the label nearest the title if
    nothing but a date or a picture stands between them; and whether the page confirmed it."""
    for section in sections:
        for index, text, _ in candidates:
            if slugify(text) == slugify(section):
                return index, text, True
            found = re.search(rf"(?<!\w){re.escape(section)}(?!\w)", text, re.IGNORECASE)
            if found:
                return index, found.group(0), True
    if not candidates or not candidates[0][2]:
        # A label further up, past a line that is no label, is as likely another story's.
        return None, None, False
    index, text, _ = candidates[0]
    return index, text, False


def _could_be_kicker(text: str, line: Line, text_mode: bool) -> bool:
    """A short label: a section name, or a lead-in ending with a colon (``Đảng ủy Khối:``)."""
    limit = _KICKER_WORDS_IN_DUMPS if text_mode else _KICKER_WORDS_IN_PAGES
    return len(text.split()) <= limit and not ends_sentence(text.rstrip(":")) and "caption" not in line.hints


def _segments(text: str, profile: SiteProfile) -> tuple[PrintedDate | None, str | None, str]:
    """A head line split at ``|``: its date, its source credit, and what is left. A date
    glued after a label (``Xã hội 16/01/2014 | 16:05``) is split off it. (The head's rules
    and the body's ask it of the same lines: remembered for the page.)"""
    return profile.answer(_split_segments, text)


def _split_segments(text: str, profile: SiteProfile) -> tuple[PrintedDate | None, str | None, str]:
    if (meta := meta_line(text, profile)) is not None:
        return meta[0], meta[1], ""
    if (dated := _date_then_byline(text, profile)) is not None:
        return dated[0], dated[1], ""
    parts = [part.strip() for part in _SEGMENT.split(text) if part.strip()]
    glued = split_date(text)
    if glued is not None and len(glued[0].split()) <= _KICKER_WORDS_IN_DUMPS:
        if not is_attribution(glued[0], profile):
            return glued[1], None, glued[0]
        if len(parts) == 1:
            # A byline with its date run on (``By Jane Roe, December 2, 2026``): the names are
            # read from the whole line, as a byline's are, which knows a date's words.
            return glued[1], unglued(text), ""
    whole = None if any(is_attribution(part, profile) for part in parts) else parse_date_line(text)
    if whole is not None:
        return whole, None, ""
    date = None
    credit = None
    rest = []
    for segment in parts:
        if date is None and (found := parse_date_line(segment)):
            date = found
        elif credit is None and is_attribution(segment, profile):
            credit = segment
        else:
            rest.append(segment)
    return date, credit, " | ".join(rest)


def _date_then_byline(text: str, profile: SiteProfile) -> tuple[PrintedDate, str] | None:
    """``Posted on December 2, 2026 by Jane Roe``: a date, then a byline in the line's
    language, as blogging software prints a post's meta line. The byline is the rest of
    the line from a word where a byline reads, the date all before it."""
    if not _DIGIT.search(text) or len(text.split()) > _DATED_BYLINE_WORDS:
        return None
    if not profile.byline_pattern.search(text, 1):
        return None  # no byline's word anywhere past the start: one look, not one a word
    for space in _SPACE.finditer(text):
        byline = text[space.end() :]
        if is_byline(byline, profile) and (date := parse_date_line(text[: space.start()].rstrip(" ,|·•-–—"))):
            return date, byline
    return None


def date_stamp(lines: list[Line]) -> tuple[Line, PrintedDate] | None:
    """The first date line that says it is the article's (a time of day, ``Cập nhật``...),
    for pages that print the date below the text."""
    for line in lines:
        # The date line first: worked out once a page, and at once for a line with no digit.
        if (found := parse_date_line(line.text)) and _DATE_STAMP.search(line.text):
            return line, found
    return None


def head_date(line: Line, profile: SiteProfile) -> tuple[PrintedDate, str | None] | None:
    """The date (and source credit) of a date line just under the title, if it is one."""
    if not _DIGIT.search(line.text):
        return None  # every date a line's segments give is printed with a digit (``find_date``)
    date, credit, rest = _segments(line.text, profile)
    if date is None or len(rest.split()) > 6:
        return None
    return date, credit
