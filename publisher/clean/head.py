"""What stands around the title: kicker, printed date, a source credit (``Theo ...``)."""

from __future__ import annotations

import re

from publisher.clean.dates import parse_date_line
from publisher.clean.explain import Dropped
from publisher.clean.lines import Line
from publisher.clean.profiles import SiteProfile
from publisher.clean.shapes import byline_names, ends_sentence, is_attribution
from publisher.model import PrintedDate

_SEGMENT = re.compile(r"\s+\|\s+|^\|\s*|\s*\|$")
# Breadcrumbs in a saved page are short; a page dump's kicker may be a longer lead-in.
_KICKER_WORDS_IN_PAGES = 6
_KICKER_WORDS_IN_DUMPS = 12


def read_head(head: list[Line], profile: SiteProfile, dropped: list[Dropped], text_mode: bool) -> tuple[str | None, PrintedDate | None, tuple[str, ...]]:
    """Kicker, date and a source credit from the lines just above the title."""
    kicker = None
    published = None
    authors: tuple[str, ...] = ()
    for line in reversed(head):
        if line.is_image:
            continue
        if profile.is_chrome(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
            continue
        date, credit, rest = _segments(line.text, profile)
        if date and published is None:
            published = date
        if credit and not authors:
            authors = byline_names(credit, profile)
        if not (date or credit) and kicker is None and rest and _could_be_kicker(line, text_mode):
            kicker = rest
        elif not (date or credit) or rest:
            dropped.append(Dropped(line.number, line.text, "above the title"))
    return kicker, published, authors


def _could_be_kicker(line: Line, text_mode: bool) -> bool:
    """A short label: a section name, or a lead-in ending with a colon (``Đảng ủy Khối:``)."""
    limit = _KICKER_WORDS_IN_DUMPS if text_mode else _KICKER_WORDS_IN_PAGES
    return line.words <= limit and not ends_sentence(line.text.rstrip(":")) and "caption" not in line.hints


def _segments(text: str, profile: SiteProfile) -> tuple[PrintedDate | None, str | None, str]:
    """A head line split at ``|``: its date, its source credit, and what is left."""
    parts = [part.strip() for part in _SEGMENT.split(text) if part.strip()]
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


def head_date(line: Line, profile: SiteProfile) -> tuple[PrintedDate, str | None] | None:
    """The date (and source credit) of a date line just under the title, if it is one."""
    date, credit, rest = _segments(line.text, profile)
    if date is None or len(rest.split()) > 6:
        return None
    return date, credit
