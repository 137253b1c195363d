"""Structure from a page: the lines a browser shows for a news article page.

The rules are general; a site profile only adds the site's own words. A plain-text page
dump and a saved HTML page go through the same rules; the HTML page brings evidence
(heading tags, images, class-name hints, links, the extractor's verdict) that the rules
use when it is there.

Order of a typical page: menus, page title (``Title - Site``), kicker, title, date,
widgets, lead (often opened by an agency prefix), photo and caption, body paragraphs with
subheadings, the byline, then the site's chrome (feedback links, other articles, ads).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from publisher.clean.dates import parse_date_line
from publisher.clean.explain import CleanResult, Dropped
from publisher.clean.lines import Line, line_key
from publisher.clean.names import is_caps_byline, split_authors
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.clean.unicode import tidy_line
from publisher.errors import NotAnArticleError
from publisher.model import AGENCY_PREFIX, Article, Block, Figure, Heading, ListBlock, Paragraph, PrintedDate, Quote, Source

_TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", " :: ", " » ")
_FINAL_PUNCTUATION = tuple('.!?…:;"”’»)')
_LEAD_MIN_WORDS = 12
_PARAGRAPH_MIN_WORDS = 60  # syllables: a Vietnamese word is one to three
_HEAD_WINDOW = 6  # lines before the title that may hold its kicker and date
_DATE_WINDOW = 8  # lines after the title that may hold its date
_MAIN_SLACK = 3  # short lines after the extractor's last line that may still be the byline
_SEGMENT = re.compile(r"\s+\|\s+|^\|\s*|\s*\|$")
_RELATED_PREFIX = re.compile(r"^(?:>>|»|›|►|▶|\+\+)\s*|^(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chủ đề)\s*[:>]", re.I)
_REFERENCE = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,8}\d{0,2});")
_CAPTION_MAX_WORDS = 45
_CREDIT_AT_END = re.compile(r"[(.]\s*(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)\s*:\s*[^.:]{2,50}\)?\.?$")
_BULLET = re.compile(r"^[-–•+]\s+\S")
_NAME_WORD = re.compile(r"^[(\"“]?[A-ZĐÀ-Ỹ][^\s]*$")
_MIN_BODY_WORDS = 40
_UNTITLED_MENU_LINES = 12
_THREAD_POSTS = 3


@dataclass(frozen=True)
class PageEvidence:
    """What a saved HTML page says about itself, beyond its lines."""

    page_title: str | None = None  # the <title>; None: the first line is the page title
    titles: tuple[str, ...] = ()  # og:title, h1: other spellings of the title
    lead_hint: str | None = None  # the meta description, often the lead (maybe cut short)
    site_name: str | None = None
    url: str | None = None
    published: PrintedDate | None = None  # from the page's metadata: used when none is printed
    has_extractor: bool = False  # lines carry the extractor's verdict (Line.main)
    is_listing: bool = False  # the page calls itself a website, not an article


def clean_page_dump(text: str, path: Path | None, profiles: ProfileSet) -> CleanResult:
    """Recognise the parts of an article in a plain-text page dump and drop the site's chrome."""
    lines = [Line(n, tidy_line(_resolve_references(raw))) for n, raw in enumerate(text.split("\n"), start=1)]
    lines = [line for line in lines if line.text]
    if not lines:
        raise NotAnArticleError("the file holds no text", path)
    return clean_lines(lines, path, profiles, PageEvidence())


def _resolve_references(text: str) -> str:
    """``&#39;``, ``&#7899;``, ``&aacute;``: character references copied from a page's source."""
    if "&" not in text or not _REFERENCE.search(text):
        return text
    return unicodedata.normalize("NFC", html.unescape(text))


def clean_lines(lines: list[Line], path: Path | None, profiles: ProfileSet, evidence: PageEvidence) -> CleanResult:
    """The article in ``lines``, with a record of every line left out and why."""
    if not lines:
        raise NotAnArticleError("the page holds no text", path)
    dropped: list[Dropped] = []
    text_mode = evidence.page_title is None
    raw_page_title = lines[0].text if text_mode else (evidence.page_title or "")
    page_title, site_name = _split_site_suffix(raw_page_title, lines, profiles)
    site_name = site_name or evidence.site_name
    profile = profiles.for_site_name(site_name)

    first = 1 if text_mode else 0
    wanted = [page_title, raw_page_title, *evidence.titles]
    occurrences = _title_occurrences(lines, wanted, first) or _title_prefix_occurrences(lines, raw_page_title, first)
    if occurrences:
        title_index = _best_title(lines, occurrences, profile)
        title = lines[title_index].text
    elif text_mode:
        title_index, title = 0, page_title
        _refuse_untitled_pages(lines, path)
    else:
        title_index = _fallback_title_index(lines)
        if title_index is None:
            raise NotAnArticleError("no article headline found (a homepage or a listing?)", path)
        title = lines[title_index].text
    head_start = max(first, (occurrences[0] if occurrences else title_index) - _HEAD_WINDOW)

    if text_mode:
        if title_index == 0 and site_name:
            dropped.append(Dropped(lines[0].number, f" - {site_name}", "site name ending the page title"))
        elif title_index > 0:
            dropped.append(Dropped(lines[0].number, lines[0].text, "page title (the title repeats below)"))
    for line in lines[first:head_start]:
        dropped.append(Dropped(line.number, line.text or f"[image {line.src}]", "before the article (menus, other stories)"))

    end, end_reason = _find_end(lines, title_index, title, profile, evidence)
    first_occurrence = occurrences[0] if occurrences else title_index
    kicker, published_before, head_authors = _read_head(lines[head_start:first_occurrence], profile, dropped, text_mode)
    # Pages that print the title twice hold the date between the two.
    _, published_between, between_authors = _read_head(lines[first_occurrence + 1 : title_index], profile, dropped, text_mode)
    published_before = published_between or published_before
    head_authors = between_authors or head_authors
    _refuse_threads(lines[title_index + 1 : end], profile, path)
    body_lines, authors = _split_off_tail(lines[title_index + 1 : end], profile, dropped, evidence)
    if authors:
        end_reason = "after the byline"
    for line in lines[end:]:
        dropped.append(Dropped(line.number, line.text or f"[image {line.src}]", end_reason))
    lead, body, published, more_authors = _read_body(body_lines, profile, dropped, evidence, path)
    published = published or published_before or evidence.published
    authors = authors or head_authors or more_authors

    _refuse_non_articles(lead, body, evidence, path)
    article = Article(
        title=title,
        kicker=kicker,
        published=published,
        authors=authors,
        source=Source(name=site_name, url=evidence.url),
        lead=lead,
        body=tuple(body),
        path=path,
    )
    return CleanResult(article=article, dropped=tuple(sorted(dropped, key=lambda d: d.line)))


def _split_site_suffix(first: str, lines: list[Line], profiles: ProfileSet) -> tuple[str, str | None]:
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
            if line_key(right) in known_sites or line_key(site) in known_sites and cut == len(parts) - 1:
                return left, site
    return first, None


def _title_occurrences(lines: list[Line], wanted: list[str], first: int) -> list[int]:
    keys = {line_key(text) for text in wanted if text and len(text.split()) >= 2}
    return [i for i in range(first, len(lines)) if lines[i].key in keys and not lines[i].is_image]


def _title_prefix_occurrences(lines: list[Line], page_title: str, first: int) -> list[int]:
    """Lines the page title starts with, when the site glued its suffix on without a spaced
    separator (``Headline-keywords``)."""
    wanted = line_key(page_title)
    found = []
    for index in range(first, len(lines)):
        key = lines[index].key
        if lines[index].words >= 4 and len(key) < len(wanted) and wanted.startswith(key) and not wanted[len(key)].isalnum():
            found.append(index)
    return found


def _best_title(lines: list[Line], occurrences: list[int], profile: SiteProfile) -> int:
    """The occurrence of the title that the article's text follows (pages repeat titles in
    menus, teasers and share boxes)."""

    def prose_after(index: int) -> int:
        score = 0
        for line in lines[index + 1 : index + 12]:
            if _is_prose(line) and not line.link and not profile.is_chrome(line.text):
                score += line.words
        return score

    return max(occurrences, key=lambda i: (prose_after(i), lines[i].kind == "heading", -i))


def _fallback_title_index(lines: list[Line]) -> int | None:
    """Without a page title to match: the first level-one heading that prose follows."""
    for index, line in enumerate(lines):
        if line.kind == "heading" and line.level == 1 and not line.link:
            following = [l for l in lines[index + 1 : index + 8] if _is_prose(l)]
            if following:
                return index
    return None


def _find_end(lines: list[Line], title_index: int, title: str, profile: SiteProfile, evidence: PageEvidence) -> tuple[int, str]:
    """Where the article is over: an end marker, the reader comments or other stories, the
    title repeated in a share box, or past the extractor's last line."""
    title_key = line_key(title)
    last_main = None
    if evidence.has_extractor:
        mains = [i for i in range(title_index + 1, len(lines)) if lines[i].main]
        last_main = mains[-1] if mains else None
    seen_prose = seen_body_prose = False
    for index in range(title_index + 1, len(lines)):
        line = lines[index]
        if profile.is_end_marker(line.text):
            return index, f"after the end marker '{line.text}'"
        if seen_prose and line.key == title_key:
            return index, "after the article (its title repeats in a share box or teaser)"
        if seen_prose and _starts_other_content(lines, index, last_main):
            return index, "reader comments or other stories (page markup)"
        if seen_body_prose and _is_body_prose(line) and AGENCY_PREFIX.match(line.text) and _ends_sentence(line.text):
            # The lead opens with the agency's name once; again below the text, it opens
            # the teaser of another story, under that story's title.
            teaser_title = index - 1 if index - 1 > title_index and not _ends_sentence(lines[index - 1].text) else index
            return teaser_title, "teasers for other stories (their leads open with the agency's name)"
        if last_main is not None and index > last_main + _MAIN_SLACK:
            return index, "after the main text (extractor)"
        if last_main is not None and index > last_main and (line.words > 12 or line.is_image):
            return index, "after the main text (extractor)"
        seen_prose = seen_prose or _is_prose(line)
        seen_body_prose = seen_body_prose or _is_body_prose(line)
    return len(lines), "after the article"


def _starts_other_content(lines: list[Line], index: int, last_main: int | None) -> bool:
    """Comments or other stories, by the markup's class names: not a single related link
    inside the text, but a box that the article's text does not continue after."""
    if not ({"comment", "related"} & lines[index].hints) or lines[index].main:
        return False
    if last_main is not None:
        return index > last_main
    following = [line for line in lines[index + 1 : index + 3] if not line.is_image]
    return all(({"comment", "related"} & line.hints) or line.link for line in following)


def _read_head(head: list[Line], profile: SiteProfile, dropped: list[Dropped], text_mode: bool) -> tuple[str | None, PrintedDate | None, tuple[str, ...]]:
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
            authors = split_authors(credit)
        if not (date or credit) and kicker is None and rest and _could_be_kicker(line, text_mode):
            kicker = rest
        elif not (date or credit) or rest:
            dropped.append(Dropped(line.number, line.text, "above the title"))
    return kicker, published, authors


def _could_be_kicker(line: Line, text_mode: bool) -> bool:
    limit = 12 if text_mode else 6
    return line.words <= limit and not _ends_sentence(line.text.rstrip(":")) and "caption" not in line.hints


def _segments(text: str, profile: SiteProfile) -> tuple[PrintedDate | None, str | None, str]:
    """A head line split at ``|``: its date, its source credit, and what is left."""
    segments = [s.strip() for s in _SEGMENT.split(text) if s.strip()]
    whole = None if any(_is_attribution(s, profile) for s in segments) else parse_date_line(text)
    if whole is not None:
        return whole, None, ""
    date = None
    credit = None
    rest = []
    for segment in segments:
        if date is None and (found := parse_date_line(segment)):
            date = found
        elif credit is None and _is_attribution(segment, profile):
            credit = segment
        else:
            rest.append(segment)
    return date, credit, " | ".join(rest)


def _split_off_tail(lines: list[Line], profile: SiteProfile, dropped: list[Dropped], evidence: PageEvidence) -> tuple[list[Line], tuple[str, ...]]:
    """The article's own lines and its authors; the byline and what follows it go."""
    candidates = [i for i, line in enumerate(lines) if _is_byline(line, lines[i + 1 : i + 2], profile) and _has_prose_before(lines[:i])]
    if not candidates:
        return lines, ()
    last_prose = max((i for i, line in enumerate(lines) if _is_body_prose(line)), default=-1)
    trailing = [i for i in candidates if i > last_prose]
    if evidence.has_extractor and trailing:
        byline_index = trailing[0]
    else:
        byline_index = candidates[0]
    byline = lines[byline_index]
    for line in lines[byline_index + 1 :]:
        dropped.append(Dropped(line.number, line.text or f"[image {line.src}]", "after the byline"))
    return lines[:byline_index], split_authors(byline.text)


def _is_byline(line: Line, following: list[Line], profile: SiteProfile) -> bool:
    if line.is_image or profile.is_chrome(line.text) or parse_date_line(line.text):
        return False
    if line.kind == "heading" or "caption" in line.hints or _has_caption_cue(line.text, profile):
        return False
    if is_caps_byline(line.text):
        return True
    if _is_attribution(line.text, profile):
        return True
    if line.words > 8 or _ends_sentence(line.text.rstrip(".")) and not line.text.endswith("."):
        return False
    named = _is_name_line(line.text) and (line.words >= 2 or line.bold or bool({"author", "source"} & line.hints))
    next_is_prose = bool(following) and _is_prose(following[0]) and following[0].main is not False
    if ({"author", "source"} & line.hints) and line.words <= 8:
        return True
    return named and (line.bold or not next_is_prose) and not line.link


def _is_name_line(text: str) -> bool:
    """``Dương Lâm``, ``Quang Phong - Tùng Nguyên``, ``Trung``: a few capitalised words."""
    words = [w for w in re.split(r"\s+|\s*[-–,&/]\s*", text.strip(" .")) if w and w.casefold() != "và"]
    return 1 <= len(words) <= 6 and all(_NAME_WORD.match(w) for w in words)


def _is_attribution(text: str, profile: SiteProfile) -> bool:
    words = text.split()
    return bool(words) and words[0] in profile.attribution_prefixes and len(words) <= 8 and not text.endswith(".")


def _has_prose_before(lines: list[Line]) -> bool:
    return any(line.words >= _LEAD_MIN_WORDS for line in lines if not line.is_image)


def _read_body(
    lines: list[Line], profile: SiteProfile, dropped: list[Dropped], evidence: PageEvidence, path: Path | None
) -> tuple[str | None, list[Block], PrintedDate | None, tuple[str, ...]]:
    text_mode = evidence.page_title is None
    lead: str | None = None
    published: PrintedDate | None = None
    authors: tuple[str, ...] = ()
    body: list[Block] = []
    content: list[Line] = []
    for index, line in enumerate(lines):
        near_top = lead is None and not content and index < _DATE_WINDOW
        if line.is_image:
            content.append(line)
        elif profile.is_chrome(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
        elif near_top and published is None and (found := _head_date(line, profile)):
            published, credit = found
            if credit:
                authors = split_authors(credit)
        elif _is_related_link(line, content):
            dropped.append(Dropped(line.number, line.text, "link to another story"))
        else:
            content.append(line)

    lead_lines = _bullet_lead(content)
    if lead_lines:
        lead = "\n".join(line.text for line in lead_lines)
        content = [line for line in content if line not in lead_lines]

    pending_image: Line | None = None
    for index, line in enumerate(content):
        following = _next_text(content, index)
        if line.is_image:
            if pending_image is not None:
                _image_without_caption(pending_image, body, dropped, path)
            pending_image = line
            continue
        if lead is None and not body and _is_lead(line, profile, evidence, following):
            if pending_image is not None:
                _image_without_caption(pending_image, body, dropped, path)
                pending_image = None
            lead = line.text
            continue
        if _is_caption(line, profile, pending_image):
            body.append(_figure(line.text, pending_image, path))
            pending_image = None
            continue
        if pending_image is not None:
            _image_without_caption(pending_image, body, dropped, path)
            pending_image = None
        if line.kind == "item":
            _append_item(body, line.text)
        elif line.kind == "quote" and line.words >= 6:
            body.append(Quote(line.text))
        elif _is_subheading(line, following, profile):
            body.append(Heading(line.text))
        elif _ends_sentence(line.text):
            body.append(Paragraph(line.text))
        elif text_mode and lead is not None and not body and line.words < _PARAGRAPH_MIN_WORDS:
            # The first unpunctuated line under the lead is the photo's caption.
            body.append(Figure(caption=line.text))
        elif line.words <= profile.max_subheading_words and following is not None and _is_prose(following):
            body.append(Heading(line.text))
        elif text_mode and 6 <= line.words < _PARAGRAPH_MIN_WORDS:
            body.append(Figure(caption=line.text))
        else:
            body.append(Paragraph(line.text))
    if pending_image is not None:
        _image_without_caption(pending_image, body, dropped, path)
    return lead, body, published, authors


def _bullet_lead(content: list[Line]) -> list[Line]:
    """A lead printed as a list of points (``- ...`` lines) at the top: the points, and in a
    saved page the rest of their block."""
    texts = [line for line in content if not line.is_image]
    if not texts or not _BULLET.match(texts[0].text):
        return []
    first = texts[0]
    taken = []
    for line in texts:
        same_block = first.block != 0 and line.block == first.block
        if _BULLET.match(line.text) and (first.block == 0 or same_block) or same_block:
            taken.append(line)
        else:
            break
    return taken if len(taken) >= 2 else []


def _head_date(line: Line, profile: SiteProfile) -> tuple[PrintedDate, str | None] | None:
    date, credit, rest = _segments(line.text, profile)
    if date is None or len(rest.split()) > 6:
        return None
    return date, credit


def _next_text(content: list[Line], index: int) -> Line | None:
    for line in content[index + 1 :]:
        if not line.is_image:
            return line
    return None


def _is_related_link(line: Line, before: list[Line]) -> bool:
    if _RELATED_PREFIX.match(line.text):
        return True
    # A line that is wholly a link inside the text is a card for another story.
    return line.link and line.kind != "image" and not ({"author", "source", "caption"} & line.hints)


def _is_lead(line: Line, profile: SiteProfile, evidence: PageEvidence, following: Line | None) -> bool:
    if line.kind == "item":
        return False
    if _has_agency_prefix(line.text, profile):
        return True
    if "lead" in line.hints and line.words >= 6:
        return True
    if evidence.lead_hint and _same_start(line.text, evidence.lead_hint):
        return True
    if line.words < _LEAD_MIN_WORDS or "caption" in line.hints or _has_caption_cue(line.text, profile):
        return False
    # A sapo may lack its full stop; prose right under it still marks it as the lead.
    return _ends_sentence(line.text) or (following is not None and _is_prose(following) and line.words < _PARAGRAPH_MIN_WORDS)


def _same_start(text: str, hint: str) -> bool:
    size = min(60, len(hint), len(text))
    return size >= 20 and line_key(text[:size]) == line_key(hint[:size])


def _has_agency_prefix(text: str, profile: SiteProfile) -> bool:
    match = AGENCY_PREFIX.match(text)
    if not match or match.end() >= len(text):
        return False
    name = (match.group("paren") or match.group("caps") or "").strip()
    return name in profile.agency_prefixes or bool(match.group("caps")) or bool(re.search(r"[-–—]\s*$", match.group(0)))


def _is_caption(line: Line, profile: SiteProfile, image: Line | None) -> bool:
    if "caption" in line.hints:
        return True
    if line.kind == "heading" or "subtitle" in line.hints:
        return False
    if _has_caption_cue(line.text, profile):
        return True
    # Right under a picture, a short line is its caption.
    return image is not None and line.words <= 40 and not (line.words >= 25 and _ends_sentence(line.text)) and line.kind != "heading"


def _figure(caption: str, image: Line | None, path: Path | None) -> Figure:
    if image is None:
        return Figure(caption=caption)
    return Figure(caption=caption, src=_local_src(image.src, path), alt=image.alt)


def _image_without_caption(image: Line, body: list[Block], dropped: list[Dropped], path: Path | None) -> None:
    src = _local_src(image.src, path)
    if src is None:
        dropped.append(Dropped(image.number, f"[image {image.src}]", "remote image without a caption (not fetched)"))
        return
    body.append(Figure(caption=image.alt or "", src=src, alt=image.alt))


def _local_src(src: str | None, path: Path | None) -> str | None:
    """The image's path relative to the article file, when the saved page has it locally."""
    if not src or path is None or re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
        return None
    from urllib.parse import unquote

    relative = unquote(src.split("?", 1)[0].split("#", 1)[0])
    candidate = (path.parent / relative).resolve()
    try:
        candidate.relative_to(path.parent.resolve())
    except ValueError:
        return None
    return relative if candidate.is_file() else None


def _append_item(body: list[Block], text: str) -> None:
    if body and isinstance(body[-1], ListBlock):
        body[-1] = ListBlock(items=body[-1].items + (text,), ordered=body[-1].ordered)
    else:
        body.append(ListBlock(items=(text,)))


def _is_subheading(line: Line, following: Line | None, profile: SiteProfile) -> bool:
    if line.words > profile.max_subheading_words or _ends_sentence(line.text.rstrip(":")) and not line.text.endswith(":"):
        return False
    if line.kind == "heading" and line.level >= 2:
        return True
    if "subtitle" in line.hints:
        return True
    return line.bold and following is not None and _is_prose(following)


def _has_caption_cue(text: str, profile: SiteProfile) -> bool:
    """``Ảnh: ...`` and the like: a photo's caption or credit (captions are short)."""
    if len(text.split()) > _CAPTION_MAX_WORDS:
        return False
    if text.startswith(("Ảnh:", "Ảnh minh họa", "Ảnh minh hoạ")) or _CREDIT_AT_END.search(text):
        return True
    return any(cue in text for cue in profile.caption_cues) and not text.endswith(".")


def _ends_sentence(text: str) -> bool:
    return text.endswith(_FINAL_PUNCTUATION) or text.endswith("...")


def _is_prose(line: Line) -> bool:
    if line.is_image:
        return False
    return (_ends_sentence(line.text) and line.words >= 6) or line.words >= _PARAGRAPH_MIN_WORDS


def _is_body_prose(line: Line) -> bool:
    return _is_prose(line) and line.words >= _LEAD_MIN_WORDS and "caption" not in line.hints and not line.link


def _refuse_untitled_pages(lines: list[Line], path: Path | None) -> None:
    """A page dump whose title never reappears, and whose first prose comes only after many
    short lines (menus, headlines), is a homepage or a listing."""
    first_prose = next((i for i, line in enumerate(lines) if _is_body_prose(line)), len(lines))
    if first_prose > _UNTITLED_MENU_LINES:
        raise NotAnArticleError(
            f"the page title never reappears above article text, and {first_prose} short lines come first: a homepage or a listing?",
            path,
        )


def _refuse_threads(lines: list[Line], profile: SiteProfile, path: Path | None) -> None:
    """Forum threads and Q&A pages: several posts, each under a marker line or its date."""
    markers = sum(1 for line in lines if profile.is_thread_line(line.text))
    posts = sum(
        1
        for index, line in enumerate(lines[_DATE_WINDOW:], start=_DATE_WINDOW)
        if parse_date_line(line.text) and index + 1 < len(lines) and _is_prose(lines[index + 1])
    )
    if markers >= _THREAD_POSTS or posts >= _THREAD_POSTS:
        raise NotAnArticleError(
            f"a forum thread or a Q&A page, not an article ({max(markers, posts)} posts under the title)", path
        )


def _refuse_non_articles(lead: str | None, body: list[Block], evidence: PageEvidence, path: Path | None) -> None:
    words = sum(len(_block_text(block).split()) for block in body) + len((lead or "").split())
    if not any(isinstance(block, Paragraph) for block in body) and not lead:
        raise NotAnArticleError("no article text found (no paragraphs after the title)", path)
    if evidence.page_title is not None and words < _MIN_BODY_WORDS:
        raise NotAnArticleError(f"too little article text under the headline ({words} words): a homepage or a listing?", path)


def _block_text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Figure):
        return block.caption
    return getattr(block, "text", "")

__all__ = ["PageEvidence", "clean_lines", "clean_page_dump"]
