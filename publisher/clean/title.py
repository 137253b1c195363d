"""The article's title: the page title without the site's name, found again on the page."""

from __future__ import annotations

from publisher.clean.lines import Line, line_key
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.clean.shapes import is_prose

_SHARED_WORDS = 0.6
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
