"""The article's title: the page title without the site's name, found again on the page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.clean.dates import parse_date_line
from publisher.clean.lines import Line, ends_sentence, line_key
from publisher.clean.names import is_caps_byline, looks_like_names, names_a_role, split_authors
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.clean.shapes import (
    PICTURE_AGENCIES,
    has_agency_prefix,
    has_caption_cue,
    is_attribution,
    is_quoted_headline,
    is_web_address,
    meta_line,
)

_SHARED_WORDS = 0.6
# A headline in a page dump: its length in words (syllables in Vietnamese), and how far
# above the start of the text it may stand (date, byline, share buttons, a photo between).
_HEADLINE_WORDS = (3, 40)
_HEADLINE_WINDOW = 10
# Share buttons and counters ("Reddit", "Email", "Print") under a byline take no room in
# the window; the lines climbed stay bounded all the same (a site's menu of short lines).
_HEADLINE_CLIMB = 3 * _HEADLINE_WINDOW
_NUMBER_RUNS = re.compile(r"\d+|\D+")
_TOPIC_LETTERS = 4  # shorter words ("on", "the", "của") say nothing of what a line is about
# A run of letters (no digit, no underscore) that long or longer, whole: a shorter run is
# passed over by the pattern itself rather than found and then filtered out.
_TOPIC_WORD = re.compile(rf"[^\W\d_]{{{_TOPIC_LETTERS},}}")
_TOPIC_WORDS_SHARED = 2
# How many more of its words the text repeats than the first line found's (less those it
# does not) a line further off needs to be the headline instead (browser copies of 131 pages
# of other sites: 1 and 3 both did worse on one half or the other).
_CLEAR_SUPPORT = 2
# Past the climb, up to this many lines above the text, a line scoring at least this much.
_FAR_REACH = 60
_FAR_SUPPORT = 3
_STANDFIRST_WORDS = 15  # a line found this long may be the standfirst under the headline
_SIGN_LINES = 3  # how far under a headline its date or byline stands (a share bar between)
_OTHER_LINES = 1  # lines of other kinds a headline may stand above (a lead, a tag line)
# A breadcrumb's last entry, or a headline printed twice in a row: two words at least.
_BREADCRUMB_WORDS = 2
_TITLE_CASE_WORDS = 4
_WIDGET_WORDS = 3  # "Chia sẻ", "Google +1", "0 bình luận": share buttons and counters
_BYLINE_WORDS = 8
# A headline run into its teaser: four Title Case words at least, then a lower-case letter
# a digit or a headline's closing mark with a capital right after it (``SteakhouseA party``,
# ``250,000The``, ``On The Rise?Violence``); not after a capital (``NASCAR``), an opening
# bracket or quote, a slash or a hyphen (``Student-Athlete``).
_GLUED_HEADLINE_WORDS = 4
_GLUE = re.compile(r"[^\sA-Z(\[{“‘\"'«/-][A-Z]")
_GLUED_TEASER_MIN_CHARS = 80
_FIRST_WORDS_LOOKED_AT = 8
_TEASER_RUN = 3
_QUOTED_HEADLINE_SIGN_LINES = 3  # the standfirst, the byline, the date
_TITLE_CASE_SMALL_WORDS = frozenset(["a", "an", "the", "of", "to", "in", "for", "at", "on", "and", "or", "by", "with"])
_NAME_WORDS = 4  # one person's name, as printed: "Nguyễn Thị Minh Khai", "Mary Anne de la Cruz"
# A story's time stamp in a ticker: a time of day beside a date ("00:00 | 26/12/2012").
_DATE_IN_TEXT = re.compile(
    r"\d{1,2}:\d{2}\W{1,4}\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\W{1,4}\d{1,2}:\d{2}"
)
# The text starts where paragraphs follow one another: a paragraph with this many more in
# the lines after it (a lone teaser in a menu does not start it).
_TEXT_RUN = (2, 6)
_SIGNED_TEXT_RUN = 1  # under the article's date or byline (``_signed_paragraph``)
_CREDIT_LINES = 2  # how far under a caption its credit stands (the caption printed twice between)
# A breadcrumb trail: sections parted by arrows (never a slash or a dash, which headlines use).
_BREADCRUMB_ARROWS = (">", "›", "»", "→")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:" + "|".join(_BREADCRUMB_ARROWS) + r")\s*")
_BREADCRUMB_SEPARATORS_AT_LEAST = 2  # "A › B › C", "Home » Section »"; one arrow may be a headline's
_BREADCRUMB_PART_WORDS = 4
_DIGIT = re.compile(r"\d")
_TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", " :: ", " » ")
_SITE_PART_WORDS = 6  # the site's name and a section: "VnExpress Đời sống"
# ``... its four engines. (credit: NASA/Jane Roe)``: a caption's credit in brackets ending it.
_CREDIT_IN_BRACKETS = r"\((?:credit|photo|image|picture|source)s?\s*:[^()]*\)\.?$"
# A picture's credit where a caption ends (or is all of a line): the copyright sign, a
# wire service or picture agency after a slash or in brackets, or a "photo by" of some
# language; a headline never names its picture's maker.
_PHOTO_CREDIT = re.compile(
    r"©|\((?:" + PICTURE_AGENCIES + r")(?:\s+(?:file|photo|images?))?\)\.?$"
    r"|[^\s/]\s*/\s*(?:" + PICTURE_AGENCIES + r")(?:\s+(?:file|photo|images?))?\.?$"
    r"|\b(?:photo(?:graph)?|picture|image|illustration|photo illustration) (?:by|courtesy of)\b|\bcourtesy of\b|\bCredit\.\.\."
    r"|\b(?:Foto|Bild|Photo|Imagen|Immagine) ?(?:von|de|di|par)\b"
    r"|" + _CREDIT_IN_BRACKETS,
    re.I,
)
# What each _PHOTO_CREDIT match holds: a sign, a bracket or a slash, or a word of a
# credit's, in a line case-folded with the dotted capital I and the dotless i (which match
# "i" ignoring case) folded to "i" too. Most lines hold none, and the pattern of every
# agency, tried at every character ignoring case, costs.
_PHOTO_CREDIT_MARKS = ("©", "(", "/")
_PHOTO_CREDIT_WORDS = ("photo", "picture", "image", "illustration", "courtesy", "credit", "foto", "bild", "immagine")


def _photo_credit(text: str) -> bool:
    """A picture's credit in ``text`` (``_PHOTO_CREDIT``), looked for where it may be."""
    if not any(mark in text for mark in _PHOTO_CREDIT_MARKS):
        folded = text.casefold()
        if "\u0131" in folded or "\u0307" in folded:
            folded = folded.replace("i\u0307", "i").replace("\u0131", "i")
        if not any(word in folded for word in _PHOTO_CREDIT_WORDS):
            return False
    return _PHOTO_CREDIT.search(text) is not None


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


def without_hosts_name(title: str, below: list[Line]) -> tuple[str, str | None]:
    """``title`` without a site's name that ends it (``Headline - VnExpress Đời sống``) where
    a line under it is the site's address alone and names that site (``vnexpress.net``): the
    address's name, ``www.`` and the domain's ending aside, is the part's first words run
    together, case aside. A reader view takes the page's title, site name and all, where
    the page has no better one; the page itself says what the site is called."""
    hosts = {line.key.removeprefix("www.").split(".")[0] for line in below if not line.link and is_web_address(line.text)}
    for separator in _TITLE_SEPARATORS:
        left, found, right = title.rpartition(separator)
        if not found or not left.strip():
            continue
        words = right.split()
        if len(words) > _SITE_PART_WORDS:
            continue
        for count in range(1, len(words) + 1):
            if "".join(words[:count]).casefold() in hosts:
                return left.strip(), " ".join(words[:count])  # the site's name, without the section
    return title, None


def title_occurrences(lines: list[Line], wanted: list[str], first: int) -> list[int]:
    """The lines that say one of the title's spellings (two words or more)."""
    keys = {line_key(text) for text in wanted if text and len(text.split()) >= 2}
    return [i for i in range(first, len(lines)) if lines[i].key in keys and not lines[i].is_image]


def title_prefix_occurrences(lines: list[Line], page_title: str, first: int) -> list[int]:
    """Lines the page title starts with, when the site glued its suffix on without a spaced
    separator (``Headline-keywords``)."""
    wanted = line_key(page_title)
    # The keys such a line has: each start of the title that a word's end closes.
    starts = {wanted[:end] for end in range(len(wanted)) if not wanted[end].isalnum()}
    return [index for index in range(first, len(lines)) if lines[index].key in starts and lines[index].words >= 4]


def best_title(lines: list[Line], occurrences: list[int], profile: SiteProfile) -> int:
    """The occurrence of the title that the article's text follows (pages repeat titles in
    menus, teasers and share boxes)."""

    def prose_after(index: int) -> int:
        score = 0
        for line in lines[index + 1 : index + 12]:
            if line.is_prose and not line.link and not profile.is_chrome(line.text):
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
        if any(following.is_prose for following in lines[index + 1 : index + 8]):
            return index
    return None


def title_from_text(lines: list[Line], start: int | None, profile: SiteProfile) -> int | None:
    """The headline of a page dump that has no page title on top (what a browser's
    select-all copy, reader mode or "save as text" gives): the heading-like line that
    stands before the article's date, lead and text.

    The text starts at the first paragraph that more paragraphs follow. Going up from it,
    past what stands between a headline and its text (the date, the byline, a picture's
    caption, share buttons), the first line of a headline's length that does not end like
    a sentence, and is no date, caption, credit or chrome, is the headline. The lead may
    stand between them too: a headline is looked for above it when none stands right
    above the text. ``start`` is where the text starts (``text_start``).
    """
    if start is None:
        return None
    found = _climbed_headline(lines, start, profile)
    if found is None:
        found = _short_headline_over_stamp(lines, start, profile)
    # A reader view's first line, unless the climb found it printed again over the text.
    if start > 0 and reader_view_head(lines) and (found is None or lines[found].key != lines[0].key):
        return 0
    return found


def _climbed_headline(lines: list[Line], start: int, profile: SiteProfile) -> int | None:
    """The headline ``title_from_text`` finds going up from the text's start."""
    # The two climbs pass the same lines: each line's shape is worked out once, for both.
    shaped: dict[int, bool] = {}
    climbs = {top: list(_headline_candidates(lines, top, profile, shaped)) for top in (start, start - 1)}
    text = _text_words(lines, start)
    # A post's meta line (its date with counts: comments, minutes to read) stands right under
    # its headline: the lines between it and the text are the post's own, never its headline.
    over_meta = next((index for index in climbs[start] if meta_line(lines[index + 1].text, profile)), None)
    if over_meta is not None:
        return over_meta
    for top, candidates in climbs.items():
        found = _headline_above(lines, top, candidates, profile, text if top == start else _text_words(lines, top))
        if found is not None:
            candidates = list(dict.fromkeys([*climbs[start], *climbs[start - 1]]))
            found = _better_supported(lines, start, found, candidates, text, profile)
            found = _over_its_stamp(lines, found, candidates, profile)
            return _over_its_standfirst(lines, found, text, profile)
    return None


def _over_its_stamp(lines: list[Line], found: int, candidates: list[int], profile: SiteProfile) -> int:
    """The line above ``found`` that stands right over the story's stamp, its date and its
    byline both, where ``found`` stands under that stamp: a headline is printed over its
    date and byline, and what stands under them (a picture's caption, a pull quote) is
    the text's furniture. A ``found`` over a stamp of its own stays: the line above is
    another story's, over its own."""
    if _over_stamp(lines, found, profile):
        return found
    for index in sorted(candidate for candidate in candidates if candidate < found):
        if lines[index].key == lines[found].key:
            return found  # the headline printed again under its stamp (a gallery's head): found as such
        if _over_stamp(lines, index, profile, before=found):
            return index
    return found


def _short_headline_over_stamp(lines: list[Line], start: int, profile: SiteProfile) -> int | None:
    """Where no line of a headline's length stands above the text: a headline of two words
    (``About bugs``) right over the story's stamp, its date and its byline both (a post's
    ``August 13, 2018`` then ``Posted by Vortex``), the nearest such line climbing up from
    the text past what stands between a headline and its text. A section's label stands
    over a date as well, but seldom over the byline too with no headline above it."""
    for index in range(start - 1, max(-1, start - 1 - _HEADLINE_WINDOW), -1):
        line = lines[index]
        short = line.words == _HEADLINE_WORDS[0] - 1
        if short and _headline_shape_but_length(line, profile) and _over_stamp(lines, index, profile):
            return index
        if not _between_headline_and_text(line, profile):
            return None
    return None


def _over_stamp(lines: list[Line], index: int, profile: SiteProfile, before: int | None = None) -> bool:
    """A date line and a byline by its wording (``By ...``, ``Posted by ...``) both in the
    few lines right under ``index`` (and above ``before``). A line in capitals is no sign
    here: other stories' cards print their section so (``AUTO NEWS``) over their dates."""
    end = index + 1 + _SIGN_LINES if before is None else min(before, index + 1 + _SIGN_LINES)
    under = [line.text for line in lines[index + 1 : end]]
    return any(_dates_a_story(text, profile) for text in under) and any(is_attribution(text, profile) for text in under)


def reader_view_head(lines: list[Line]) -> bool:
    """A reader view's head: the page's headline on the first line, the byline on the next
    (or none), then the site's address alone, in small letters. The browser sets it so on
    every site, so the first line is the headline whatever its shape (``Opening Bell
    11.18.19`` reads as a date line) and whatever the text repeats of it."""
    for host in (1, 2):
        address = lines[host].text if host < len(lines) else ""
        # The browser prints the host as the address has it, in small letters; a site's
        # own name in its menu is spelt as a brand (``CBSSports.com``).
        if is_web_address(address) and address == address.lower() and not lines[host].link:
            first = lines[0]
            if first.is_image or first.link or is_web_address(first.text) or not 2 <= first.words <= _HEADLINE_WORDS[1]:
                return False
            byline = lines[1:host]
            return all(not line.is_image and line.words <= _BYLINE_WORDS and not ends_sentence(line.text) for line in byline)
    return False


def _over_its_standfirst(lines: list[Line], found: int, text: set[str], profile: SiteProfile) -> int:
    """The line right above ``found`` where ``found`` is a standfirst with no stop at its
    end (a long line: ``"We have to ...," the chairman said in an email``, or any line under
    one printed twice in a row, as headlines are) and the line above could be a headline,
    is shorter (unless printed twice) and says two of the text's words at least: a headline
    stands over its standfirst, never under it."""
    above = found - 1
    if above < 0:
        return found
    printed_twice = above > 0 and lines[above].key == lines[above - 1].key
    if not printed_twice and (lines[found].words < _STANDFIRST_WORDS or lines[above].words >= lines[found].words):
        return found
    if not (_could_be_headline(lines[above], profile) or _headline_by_place(lines, above, profile)):
        return found
    return above if len(_words(lines[above].text) & text) >= _TOPIC_WORDS_SHARED else found


def _better_supported(
    lines: list[Line], start: int, found: int, candidates: list[int], text: set[str], profile: SiteProfile
) -> int:
    """``found``, unless another line that could be the headline says clearly more of what
    the text under it says (``text``: the topic words of its first paragraphs): a headline's
    words come back in its text, while a video's title, another story's headline, a share
    button or a pull quote above the text say other things or more besides. Each line is
    scored by its topic words the text repeats, less those it does not; a line further
    from the text than ``found`` wins only by a clear margin. ``candidates`` are the lines
    the climbs from the text's start and the line above it found."""
    scores: dict[int, tuple[int, int]] = {}

    def support(index: int) -> tuple[int, int]:
        if index not in scores:
            words = _words(lines[index].text)
            shared = len(words & text)
            scores[index] = (shared - (len(words) - shared), shared)
        return scores[index]

    least = support(found)[0] + _CLEAR_SUPPORT
    rivals = [index for index in candidates if index != found]
    if rivals:
        best = max(rivals, key=lambda index: (support(index)[0], -abs(index - start)))
        score, shared = support(best)
        if score >= least and shared >= _TOPIC_WORDS_SHARED:
            return best
    # Further up than the climb went (a share panel, a video player's lines, a gallery
    # between headline and text), a line must say several of the text's words on its own.
    # The best scored line that could be a headline is the one weighed: the lines that
    # score enough are ranked first, then shaped (the costlier look), until one could be.
    # A line scores at most its topic words, each four letters and a space: a shorter
    # line (a menu's entry, a button) is not worth its words' look.
    needed = max(least, _FAR_SUPPORT)
    shortest = _TOPIC_LETTERS * needed + needed - 1
    climbed = set(candidates)
    far = sorted(
        (
            index for index in range(max(0, start - _FAR_REACH), start)
            if index not in climbed and len(lines[index].text) >= shortest and support(index)[0] >= needed
        ),
        key=lambda index: (support(index)[0], index),
        reverse=True,
    )
    best_far = next((index for index in far if _could_be_headline(lines[index], profile)), None)
    if best_far is not None and support(best_far)[1] >= _TOPIC_WORDS_SHARED:
        return best_far
    return found


def _text_words(lines: list[Line], start: int) -> set[str]:
    """The topic words (``_words``) of the text's first paragraphs from ``start`` on."""
    return _words(" ".join(line.text for line in lines[start : start + _TEXT_RUN[1]] if line.is_prose))


def _headline_above(lines: list[Line], start: int, candidates: list[int], profile: SiteProfile, text: set[str]) -> int | None:
    """The headline above the line ``start``: the nearest line that could be one, unless
    that line shares no word with the text under it (a share bar, a "continue reading"
    link) and a line further up that could be one stands right over the article's date or
    byline and does share words with the text. ``candidates``: the climb's lines from
    ``start`` (``_headline_candidates``); ``text``: the topic words of the text from
    ``start`` on (``_text_words``)."""
    if not candidates:
        return None
    nearest = candidates[0]
    if _words(lines[nearest].text) & text:
        return nearest
    shared = {index: len(_words(lines[index].text) & text) for index in candidates[1:]}
    signed = (index for index in candidates[1:] if shared[index] and _over_date_or_byline(lines, index, profile))
    # With no date or byline under it, a line says more of what the text says to be its headline.
    saying = (index for index in candidates[1:] if shared[index] >= _TOPIC_WORDS_SHARED)
    return next(signed, next(saying, nearest))


def _words(text: str) -> set[str]:
    """The words that say what a line is about: four letters or more, case aside."""
    return {word.casefold() for word in _TOPIC_WORD.findall(text)}


def _headline_candidates(lines: list[Line], start: int, profile: SiteProfile, shaped: dict[int, bool]) -> Iterator[int]:
    """The lines that could be the headline above ``start``: first the one the climb up
    has always chosen, then the others further up within the same window, then a line of
    names passed over below the first. ``shaped``: whether a line could be a headline, by
    its shape or its place, as worked out so far (the climbs from the text's start and the
    line above it ask it of the same lines)."""
    climbed = 0
    counted = 0  # the lines climbed that are more than a share button
    byline_like = None  # a line of names may be the byline under the headline, or a headline in Title Case
    chosen = None
    for index in range(start - 1, max(-1, start - 1 - _HEADLINE_CLIMB), -1):
        line = lines[index]
        if line.words > _WIDGET_WORDS or line.is_image:
            counted += 1
            if counted > _HEADLINE_WINDOW:
                break
        if _alt_text_over_caption(lines, index) or (line.is_body_prose and _printed_twice_running(lines, index)):
            continue
        if (could := shaped.get(index)) is None:
            could = shaped[index] = _could_be_headline(line, profile) or _headline_by_place(lines, index, profile)
        if could:
            if chosen is not None:
                yield index
                continue
            # Right above the site's address alone: the byline or the site's name (a
            # reader view prints headline, byline, host), unless nothing is above it.
            over_address = index + 1 < len(lines) and is_web_address(lines[index + 1].text)
            if not (_names_alone(line) or over_address or _names_over_date(lines, index)) or byline_like is not None:
                chosen = index
                yield index
                continue
            byline_like = index
            continue
        if not _between_headline_and_text(line, profile):
            climbed += 1
            if climbed > _OTHER_LINES:
                break
    # A line of names passed over may be a headline in Title Case; over the site's address
    # alone it is the byline slot of a reader view, never the headline where one stands above.
    if byline_like is not None and (chosen is None or not is_web_address(lines[byline_like + 1].text)):
        yield byline_like


def _headline_by_place(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A headline that its shape alone would not pass, told by where it stands: under the
    breadcrumb's last entry that it begins with (``Opening Bell`` over ``Opening Bell
    11.18.19``, a column's name and its date), or printed twice in a row; or a headline
    of two sentences in Title Case (``Stock Falls. Why You Shouldn't Worry.``) right over
    the byline or the date. A paragraph is not in Title Case, and a date line under its
    own breadcrumb is none of a site's dates."""
    line = lines[index]
    if index == 0 or line.is_image or line.link or line.words > _HEADLINE_WORDS[1] or {"caption", "author", "date"} & line.hints:
        return False
    # Each place told by the line's own shape first: most lines the climb passes stand in none
    # (the climb asks it of every line that fails a headline's shape, paragraphs too).
    text, above = line.text, lines[index - 1]
    under_its_crumb = line.key.startswith(above.key + " ")
    printed_twice = line.key == above.key and line.words >= _BREADCRUMB_WORDS and not text.endswith((".", ";", ",", ":"))
    two_sentences = (
        line.words >= _HEADLINE_WORDS[0] and text.endswith(".") and not text.endswith("...") and _in_title_case(text)
    )
    if not (under_its_crumb or printed_twice or two_sentences):
        return False
    if profile.is_chrome(text) or profile.is_end_marker(text) or _photo_credit(text):
        return False
    crumb_above = above.words >= _BREADCRUMB_WORDS and not above.link and not parse_date_line(above.text)
    if crumb_above and (under_its_crumb or (printed_twice and not parse_date_line(text))):
        return True
    return two_sentences and _over_date_or_byline(lines, index, profile)


def _in_title_case(text: str) -> bool:
    """Every word of four letters or more capitalised (``Why You Shouldn't Worry``)."""
    words = _TOPIC_WORD.findall(text)
    return len(words) >= _TITLE_CASE_WORDS and all(word[0].isupper() for word in words)


def _dates_a_story(text: str, profile: SiteProfile) -> bool:
    """A date line, or a post's meta line (its date beside counts of comments or minutes to
    read): what stands right under a headline, never one."""
    return parse_date_line(text) is not None or meta_line(text, profile) is not None


def _over_date_or_byline(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A date line or a byline right under ``index``, past share buttons and pictures at
    most: where a headline stands (a teaser's or a caption's line has text under it)."""
    for line in lines[index + 1 : index + 1 + _SIGN_LINES]:
        if _dates_a_story(line.text, profile) or is_attribution(line.text, profile) or is_caps_byline(line.text):
            return True
        if not (line.is_image or line.words <= _WIDGET_WORDS):
            return False
    return False


def _alt_text_over_caption(lines: list[Line], index: int) -> bool:
    """A picture's description that the next line prints again with more glued on (its
    caption and credit run together): a picture's, never a headline or the text's lead."""
    if index + 1 >= len(lines) or lines[index].words < _HEADLINE_WORDS[0]:
        return False
    key, below = lines[index].key, lines[index + 1].key
    return len(below) > len(key) and below.startswith(key)


def _names_alone(line: Line) -> bool:
    """A line of names only. One name runs to a few words (a job title may follow it): a
    line in Title Case that parts into no names and runs longer is a headline."""
    if line.words > _BYLINE_WORDS or not looks_like_names(line.text.replace(" - ", " , ")):
        return False
    return all(len(name.split()) <= _NAME_WORDS or names_a_role(name) for name in split_authors(line.text))


def _names_over_date(lines: list[Line], index: int) -> bool:
    """Several people named, their paper after the last (``Lisa Kaczke and Trevor J.
    Mitchell Sioux Falls Argus Leader``), right above a date line: the byline in its place,
    too long for a line of names alone."""
    line = lines[index]
    if index + 1 >= len(lines) or line.words > 2 * _BYLINE_WORDS or not looks_like_names(line.text):
        return False
    names = split_authors(line.text)
    return len(names) >= 2 and len(names[0].split()) <= _NAME_WORDS and parse_date_line(lines[index + 1].text) is not None


def _between_headline_and_text(line: Line, profile: SiteProfile) -> bool:
    """A date, a byline, a picture or its caption, a kicker or a share button: what may
    stand between a headline and its text (a picture or a button told at once, the rest
    remembered for the page)."""
    return line.is_image or line.words <= _WIDGET_WORDS or profile.answer(_may_stand_between, line)


def _may_stand_between(line: Line, profile: SiteProfile) -> bool:
    if _dates_a_story(line.text, profile) or _photo_credit(line.text):
        return True
    return has_caption_cue(line.text, profile) or is_attribution(line.text, profile) or is_caps_byline(line.text)


def text_start(lines: list[Line], profile: SiteProfile, *, items: bool = True) -> int | None:
    """The first paragraph that more paragraphs follow. A question of a headline's length
    (``Tại sao ...?``) is a headline, not the start of the text. Right under the article's
    date or byline, one paragraph more is enough (a short story, or a first paragraph that
    a list or a subheading follows); a headline in Title Case is no paragraph there, and a
    paragraph printed twice running is a picture's alt text and caption. Without
    ``items``, no paragraph a text browser's bullet opens starts the text (a list of other
    stories' headlines and teasers above the article)."""
    needed, window = _TEXT_RUN
    glued: dict[int, bool] = {}
    # Looked at in order, up to the first that starts the text: the paragraphs under it are not asked.
    starts = (
        i
        for i, line in enumerate(lines)
        if line.is_body_prose and (items or "bullet" not in line.hints) and not _headline_question(line)
        and not _stamped_list(line) and not _not_text(line)
        and not _printed_twice_running(lines, i) and not _in_glued_teaser_run(lines, i, glued)
        and not _quoted_headline_over_its_byline(lines, i, profile)
    )
    first = None
    for index in starts:
        first = index if first is None else first
        following = sum(other.is_prose for other in lines[index + 1 : index + 1 + window])
        if following >= needed:
            return index
        if following >= _SIGNED_TEXT_RUN and _signed_paragraph(lines, index, profile):
            return index
    return first


def _quoted_headline_over_its_byline(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A headline that ends on a quotation closed on a word, with no stop anywhere
    (``Bubonic plague: Third case in China – ‘The plague is coming’``), with the story's
    byline or date within the next lines (a standfirst may stand between): no paragraph,
    though it is a paragraph's length and ends on a quote."""
    if not is_quoted_headline(lines[index].text):
        return False
    below = lines[index + 1 : index + 1 + _QUOTED_HEADLINE_SIGN_LINES]
    return any(parse_date_line(line.text) or is_attribution(line.text, profile) for line in below)


def _in_glued_teaser_run(lines: list[Line], index: int, glued: dict[int, bool]) -> bool:
    """The line at ``index`` is in a run of three or more paragraphs in a row (short labels
    aside) that each open with a headline in Title Case run straight into its summary
    (``Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left ...``):
    a box of other stories whose links a copy prints with no space between headline and
    teaser. One such line may be a name or a brand in a paragraph (``McKinley``,
    ``iPhone``); a run is a box. Told from the line's own run alone (the glued lines above
    and below it), so that a page's lines are not all asked; ``glued``: each line's answer
    so far, kept by the caller."""

    def is_glued(at: int) -> bool:
        if (found := glued.get(at)) is None:
            found = glued[at] = not lines[at].is_image and _glued_teaser(lines[at].text)
        return found

    if not is_glued(index):
        return False
    count = 1
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines) and count < _TEASER_RUN:
            if is_glued(at):
                count += 1
            elif lines[at].words > _WIDGET_WORDS:
                break  # a box's own label between its cards (``Autos``, ``Latest Headlines``) is passed
            at += step
    return count >= _TEASER_RUN


def _glued_teaser(text: str) -> bool:
    if len(text) < _GLUED_TEASER_MIN_CHARS:
        return False
    # A paragraph tells within its first words (one in small letters): those split off
    # first, and all of them only where they do not tell.
    told = _teaser_words_tell(text.split(None, _FIRST_WORDS_LOOKED_AT)[:_FIRST_WORDS_LOOKED_AT])
    return told if told is not None else bool(_teaser_words_tell(text.split()))


def _teaser_words_tell(words: list[str]) -> bool | None:
    """Whether ``words`` (a line's first words) open a headline in Title Case glued to a
    teaser; None where they do not tell (all in Title Case, no glue yet)."""
    for count, word in enumerate(words, 1):
        if word[:1].isalpha() and not (word[:1].isupper() or word.casefold() in _TITLE_CASE_SMALL_WORDS):
            return False
        if count >= _GLUED_HEADLINE_WORDS and _GLUE.search(word):
            return True
    return None


def _printed_twice_running(lines: list[Line], index: int) -> bool:
    """The same words on the line before or after: a picture's alt text and its caption,
    which a copy prints alike; the text never prints a paragraph twice running."""
    key = lines[index].key
    return (index > 0 and lines[index - 1].key == key) or (index + 1 < len(lines) and lines[index + 1].key == key)


def _signed_paragraph(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A paragraph right under the article's date or byline that is neither a headline in
    Title Case nor the caption of the picture on top (its credit under it: ``Photo: ...``)."""
    if _in_title_case(lines[index].text) or not _under_date_or_byline(lines, index, profile):
        return False
    return not any(
        has_caption_cue(line.text, profile) or _photo_credit(line.text)
        for line in lines[index + 1 : index + 1 + _CREDIT_LINES]
    )


def _under_date_or_byline(lines: list[Line], index: int, profile: SiteProfile) -> bool:
    """A date line or a byline right above ``index``, past share buttons and pictures at
    most: an article's top (a caption or a teaser between them is no paragraph of it)."""
    for line in reversed(lines[max(0, index - _SIGN_LINES) : index]):
        if parse_date_line(line.text) or is_attribution(line.text, profile):
            return True
        if not (line.is_image or line.words <= _WIDGET_WORDS):
            return False
    return False


# A story's headline with its count of comments or views, in a box of the most read ones
# (``Vikings come back to beat the Broncos (145)``): a paragraph ends with a full stop.
_COUNTED = re.compile(r"\(\d[\d,.]*\)$")
_CREDIT_AT_END = re.compile(_CREDIT_IN_BRACKETS, re.I)


def _not_text(line: Line) -> bool:
    """A headline with its count (``(145)``), or a picture's caption that ends with its
    credit (``... four engines. (credit: NASA)``): a caption may stand above the headline."""
    return bool(_COUNTED.search(line.text) or _CREDIT_AT_END.search(line.text))


def _stamped_list(line: Line) -> bool:
    """A ticker of stories run together, each with its date: no paragraph."""
    # Each stamp has a time of day (a colon): most paragraphs have no colon to look past.
    return ":" in line.text and len(_DATE_IN_TEXT.findall(line.text)) >= 2


def _headline_question(line: Line) -> bool:
    return line.text.endswith(("?", "!")) and line.words <= _HEADLINE_WORDS[1] // 2


# A quotation that ends like a sentence inside its quotation marks (``"... in drugs."``): a
# pull quote or the claim a text weighs, not its headline, which would end without the stop.
_QUOTED_SENTENCE_END = re.compile(r"[.,][\"”’']$")
# The marks a text browser sets before a list's items, level by level (w3m: •, □, ☆, ○).
_LIST_MARKS = frozenset("•◦▪●■□☐▢◻☆○")
# ``— David McKinley on Sunday, ...``: who said a quotation, under it; no headline opens with a dash.
_QUOTE_ATTRIBUTION = re.compile(r"[—–] ")


def _could_be_headline(line: Line, profile: SiteProfile) -> bool:
    """A line of a headline's shape (the climbs from the text's start ask it of the same
    lines again: remembered for the page, but for a line of the wrong length, told at once)."""
    low, high = _HEADLINE_WORDS
    return low <= line.words <= high and profile.answer(_headline_shape_but_length, line)


def _headline_shape_but_length(line: Line, profile: SiteProfile) -> bool:
    """A headline's shape, its number of words aside."""
    text = line.text
    if line.is_image or line.link or {"caption", "author", "date"} & line.hints:
        return False
    if text.endswith((".", ";", ",", ":")) and not text.endswith("..."):
        return False
    if text[:1] in _LIST_MARKS and text[1:2].isspace():
        return False  # a list's item as a text browser marks it (``□ Log In``): a menu's entry
    if _QUOTED_SENTENCE_END.search(text) or _QUOTE_ATTRIBUTION.match(text):
        return False
    if _photo_credit(text):
        return False
    if _is_breadcrumb(text) or _mostly_figures(text):
        return False
    if profile.is_chrome(text) or profile.is_end_marker(text) or _dates_a_story(text, profile):
        return False
    return not (
        has_caption_cue(text, profile)
        or is_attribution(text, profile)
        or is_caps_byline(text)
        or has_agency_prefix(text, profile)
    )


def _is_breadcrumb(text: str) -> bool:
    """``Home › News › Politics``, ``BLOG > Weight Loss > Tips``: a trail of a few sections,
    each a few words, parted by arrows; no headline is set so."""
    if not any(arrow in text for arrow in _BREADCRUMB_ARROWS):
        return False  # most lines: no arrow, no separator to split at
    pieces = _BREADCRUMB_SEPARATORS.split(text)
    parts = [part.strip() for part in pieces if part.strip()]
    separators = len(pieces) - 1
    return separators >= _BREADCRUMB_SEPARATORS_AT_LEAST and bool(parts) and all(
        len(part.split()) <= _BREADCRUMB_PART_WORDS for part in parts
    )


def _mostly_figures(text: str) -> bool:
    """``Palm Bay 18 22 13 17 — 70``: a score or a table's row, more numbers than words."""
    if _DIGIT.search(text) is None:
        return False  # most lines: one look along the line
    # Scripts written without spaces (Chinese, Japanese) run words and numbers together
    # (``市議会、バス路線を20本増設へ``): there, each run of digits and each run of other
    # characters counts apart.
    tokens = [piece for token in text.split() for piece in (_NUMBER_RUNS.findall(token) if not token.isascii() else (token,))]
    figures = sum(1 for token in tokens if _DIGIT.search(token))
    return figures > len(tokens) - figures
