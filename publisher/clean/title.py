"""The article's title: the page title without the site's name, found again on the page."""

from __future__ import annotations

from publisher.clean.dates import parse_date_line
from publisher.clean.lines import Line, line_key
from publisher.clean.names import is_caps_byline
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.clean.shapes import has_agency_prefix, has_caption_cue, is_attribution, is_body_prose, is_prose

_SHARED_WORDS = 0.6
# A headline in a page dump: its length in words (syllables in Vietnamese), and how far
# above the start of the text it may stand (date, byline, share buttons, a photo between).
_HEADLINE_WORDS = (3, 40)
_HEADLINE_WINDOW = 10
# The text starts where paragraphs follow one another: a paragraph with this many more in
# the lines after it (a lone teaser in a menu does not start it).
_TEXT_RUN = (2, 6)
_TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", " :: ", " » ")


def split_site_suffix(first: str, lines: list[Line], profiles: ProfileSet) -> tuple[str, str | None]:
    """The page title without its site name (and section), and that site name."""
    known_sites = profiles.known_site_names()
    keys = {line.key for line in lines[1:]}
    for separator in _TITLE_SEPARATORS:
        if separator not in first:
            continue
        parts = first.split(separator)
        # The longest left part that the page repeats on a line of its own is the title.
        for cut in range(len(parts) - 1, 0, -1):
            left = separator.join(parts[:cut]).strip()
            right = separator.join(parts[cut:]).strip()
            site = parts[-1].strip()
            if line_key(left) in keys and len(right.split()) <= 8:
                return left, site
            site_is_known = line_key(right) in known_sites or (cut == len(parts) - 1 and line_key(site) in known_sites)
            if site_is_known:
                return left, site
    return first, None


def title_occurrences(lines: list[Line], wanted: list[str], first: int) -> list[int]:
    """The lines that say one of the title's spellings (two words or more)."""
    keys = {line_key(text) for text in wanted if text and len(text.split()) >= 2}
    return [i for i in range(first, len(lines)) if lines[i].key in keys and not lines[i].is_image]


def title_prefix_occurrences(lines: list[Line], page_title: str, first: int) -> list[int]:
    """Lines the page title starts with, when the site glued its suffix on without a spaced
    separator (``Headline-keywords``)."""
    wanted = line_key(page_title)
    found = []
    for index in range(first, len(lines)):
        key = lines[index].key
        if lines[index].words >= 4 and len(key) < len(wanted) and wanted.startswith(key) and not wanted[len(key)].isalnum():
            found.append(index)
    return found


def best_title(lines: list[Line], occurrences: list[int], profile: SiteProfile) -> int:
    """The occurrence of the title that the article's text follows (pages repeat titles in
    menus, teasers and share boxes)."""

    def prose_after(index: int) -> int:
        score = 0
        for line in lines[index + 1 : index + 12]:
            if is_prose(line) and not line.link and not profile.is_chrome(line.text):
                score += line.words
        return score

    return max(occurrences, key=lambda i: (prose_after(i), lines[i].kind == "heading", -i))


def fallback_title_index(lines: list[Line], page_title: str) -> int | None:
    """Without the page title found again: the first level-one heading that prose follows
    and that says mostly what the page title says, and the other way round (a homepage's
    logo says only part of it)."""
    wanted = set(line_key(page_title).split())
    for index, line in enumerate(lines):
        if line.kind != "heading" or line.level != 1 or line.link:
            continue
        words = set(line.key.split())
        shared = len(words & wanted)
        if not words or shared < _SHARED_WORDS * len(words) or shared < _SHARED_WORDS * len(wanted):
            continue
        if any(is_prose(following) for following in lines[index + 1 : index + 8]):
            return index
    return None


def title_from_text(lines: list[Line], profile: SiteProfile) -> int | None:
    """The headline of a page dump that has no page title on top (what a browser's
    select-all copy, reader mode or "save as text" gives): the heading-like line that
    stands before the article's date, lead and text.

    The text starts at the first paragraph that more paragraphs follow. Above it, within
    a few lines, the headline is a line of a title's length that does not end like a
    sentence and is no date, caption, credit or chrome; the nearer the text, the longer,
    and the nearer a date line, the likelier.
    """
    start = _text_start(lines)
    if start is None:
        return None
    best: tuple[float, int] | None = None
    for index in range(max(0, start - _HEADLINE_WINDOW), start + 1):
        line = lines[index]
        if not _could_be_headline(line, profile):
            continue
        score = min(line.words, 20) - 0.5 * _distance(lines, index, start)
        if any(parse_date_line(other.text) for other in lines[max(0, index - 2) : index + 4] if other is not line):
            score += 6
        if index == start:
            score -= 8  # the text's first line is a headline only when nothing else is
        if best is None or score > best[0]:
            best = (score, index)
    return best[1] if best is not None else None


def _text_start(lines: list[Line]) -> int | None:
    needed, window = _TEXT_RUN
    for index, line in enumerate(lines):
        if is_body_prose(line) and sum(is_prose(other) for other in lines[index + 1 : index + 1 + window]) >= needed:
            return index
    return next((i for i, line in enumerate(lines) if is_body_prose(line)), None)


def _distance(lines: list[Line], index: int, start: int) -> int:
    """Lines between a candidate and the text, not counting dates, bylines and pictures."""
    return sum(1 for line in lines[index + 1 : start] if not line.is_image and not parse_date_line(line.text))


def _could_be_headline(line: Line, profile: SiteProfile) -> bool:
    low, high = _HEADLINE_WORDS
    text = line.text
    if line.is_image or line.link or not low <= line.words <= high or {"caption", "author", "date"} & line.hints:
        return False
    if text.endswith((".", ";", ",", ":")) and not text.endswith("..."):
        return False
    if profile.is_chrome(text) or profile.is_end_marker(text) or parse_date_line(text):
        return False
    return not (has_caption_cue(text, profile) or is_attribution(text, profile) or is_caps_byline(text) or has_agency_prefix(text, profile))
