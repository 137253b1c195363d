"""Structure from a page dump: the text a browser copies from a news article page.

The rules are general; a site profile only adds the site's own words.
Order of a typical dump: page title (``Title - Site``), kicker, title, date, widgets,
lead (often opened by an agency prefix), photo caption, body paragraphs with subheadings,
the byline in capitals, then the site's chrome (feedback links, other articles, ads).
"""

from __future__ import annotations


from dataclasses import dataclass
from pathlib import Path

from publisher.clean.dates import parse_date_line
from publisher.clean.explain import CleanResult, Dropped
from publisher.clean.names import is_caps_byline, split_authors
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.clean.unicode import tidy_line
from publisher.errors import NotAnArticleError
from publisher.model import AGENCY_PREFIX, Article, Block, Figure, Heading, Paragraph, PrintedDate, Source

_TITLE_SEPARATORS = (" - ", " – ", " — ", " | ")
_FINAL_PUNCTUATION = tuple('.!?…:;"”’»)')
_LEAD_MIN_WORDS = 12
_PARAGRAPH_MIN_WORDS = 60  # syllables: a Vietnamese word is one to three
_SEARCH_WINDOW = 20


@dataclass(frozen=True)
class _Line:
    number: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def key(self) -> str:
        return " ".join(self.text.casefold().split())


def clean_page_dump(text: str, path: Path | None, profiles: ProfileSet) -> CleanResult:
    """Recognise the parts of an article in a page dump and drop the site's chrome."""
    lines = [_Line(n, tidy_line(raw)) for n, raw in enumerate(text.split("\n"), start=1)]
    lines = [line for line in lines if line.text]
    if not lines:
        raise NotAnArticleError("the file holds no text", path)

    dropped: list[Dropped] = []
    page_title, site_name = _split_site_suffix(lines, profiles)
    profile = profiles.for_site_name(site_name)

    title_index = _find_title(lines, page_title)
    title = page_title if title_index == 0 else lines[title_index].text
    if title_index == 0 and site_name:
        dropped.append(Dropped(lines[0].number, f" - {site_name}", "site name ending the page title"))
    elif title_index > 0:
        dropped.append(Dropped(lines[0].number, lines[0].text, "page title (the title repeats below)"))

    kicker, published = _read_head(lines[1:title_index], profile, dropped)
    body_lines, authors = _split_off_tail(lines[title_index + 1 :], profile, dropped)
    lead, body, published = _read_body(body_lines, profile, published, dropped)

    if not any(isinstance(block, Paragraph) for block in body) and not lead:
        raise NotAnArticleError("no article text found (no paragraphs after the title)", path)

    article = Article(
        title=title,
        kicker=kicker,
        published=published,
        authors=authors,
        source=Source(name=site_name),
        lead=lead,
        body=tuple(body),
        path=path,
    )
    return CleanResult(article=article, dropped=tuple(sorted(dropped, key=lambda d: d.line)))


def _split_site_suffix(lines: list[_Line], profiles: ProfileSet) -> tuple[str, str | None]:
    """The page title without its site name, and that site name when there is one."""
    first = lines[0].text
    known_sites = profiles.known_site_names()
    later = {line.key for line in lines[1:_SEARCH_WINDOW]}
    for separator in _TITLE_SEPARATORS:
        if separator not in first:
            continue
        left, right = (part.strip() for part in first.rsplit(separator, 1))
        right_key = " ".join(right.casefold().split())
        repeated = " ".join(left.casefold().split()) in later
        if right_key in known_sites or (repeated and len(right.split()) <= 6):
            return left, right
    return first, None


def _find_title(lines: list[_Line], page_title: str) -> int:
    wanted = " ".join(page_title.casefold().split())
    for index, line in enumerate(lines[1:_SEARCH_WINDOW], start=1):
        if line.key == wanted:
            return index
    return 0


def _read_head(head: list[_Line], profile: SiteProfile, dropped: list[Dropped]) -> tuple[str | None, PrintedDate | None]:
    """Kicker and date from the lines between the page title and the title."""
    kicker = None
    published = None
    for line in head:
        if profile.is_chrome(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
        elif published is None and (found := parse_date_line(line.text)):
            published = found
        elif kicker is None and line.words <= 12:
            kicker = line.text
        else:
            dropped.append(Dropped(line.number, line.text, "between page title and title"))
    return kicker, published


def _split_off_tail(lines: list[_Line], profile: SiteProfile, dropped: list[Dropped]) -> tuple[list[_Line], tuple[str, ...]]:
    """The article's own lines and its authors; the byline and what follows it go."""
    end = next((i for i, line in enumerate(lines) if profile.is_end_marker(line.text)), len(lines))
    candidates = [i for i in range(end) if _is_byline(lines[i], profile) and _has_prose_before(lines[:i])]
    if end == len(lines):
        byline_index = candidates[0] if candidates else None
    else:
        byline_index = candidates[-1] if candidates else None

    if byline_index is None:
        for line in lines[end:]:
            dropped.append(Dropped(line.number, line.text, f"after the end marker '{lines[end].text}'"))
        return lines[:end], ()
    byline = lines[byline_index]
    for line in lines[byline_index + 1 :]:
        dropped.append(Dropped(line.number, line.text, "after the byline"))
    return lines[:byline_index], split_authors(byline.text)


def _is_byline(line: _Line, profile: SiteProfile) -> bool:
    if profile.is_chrome(line.text) or parse_date_line(line.text):
        return False
    if is_caps_byline(line.text):
        return True
    first_word = line.text.split()[0]
    return first_word in profile.attribution_prefixes and line.words <= 8 and not line.text.endswith(".")


def _has_prose_before(lines: list[_Line]) -> bool:
    return any(line.words >= _LEAD_MIN_WORDS for line in lines)


def _read_body(
    lines: list[_Line], profile: SiteProfile, published: PrintedDate | None, dropped: list[Dropped]
) -> tuple[str | None, list[Block], PrintedDate | None]:
    lead: str | None = None
    body: list[Block] = []
    content = []
    for line in lines:
        if profile.is_chrome(line.text):
            dropped.append(Dropped(line.number, line.text, "chrome line (site profile)"))
        elif published is None and lead is None and not body and (found := parse_date_line(line.text)):
            published = found
        else:
            content.append(line)

    for index, line in enumerate(content):
        following = content[index + 1] if index + 1 < len(content) else None
        if lead is None and not body and _is_lead(line, profile):
            lead = line.text
        elif _has_caption_cue(line.text, profile):
            body.append(Figure(caption=line.text))
        elif _ends_sentence(line.text):
            body.append(Paragraph(line.text))
        elif lead is not None and not body and line.words < _PARAGRAPH_MIN_WORDS:
            # The first unpunctuated line under the lead is the photo's caption.
            body.append(Figure(caption=line.text))
        elif line.words <= profile.max_subheading_words and following is not None and _is_prose(following):
            body.append(Heading(line.text))
        elif 6 <= line.words < _PARAGRAPH_MIN_WORDS:
            body.append(Figure(caption=line.text))
        else:
            body.append(Paragraph(line.text))
    return lead, body, published


def _is_lead(line: _Line, profile: SiteProfile) -> bool:
    if _has_agency_prefix(line.text, profile):
        return True
    return line.words >= _LEAD_MIN_WORDS and _ends_sentence(line.text)


def _has_agency_prefix(text: str, profile: SiteProfile) -> bool:
    match = AGENCY_PREFIX.match(text)
    if not match:
        return False
    name = (match.group("paren") or match.group("caps") or "").strip()
    return name in profile.agency_prefixes or bool(match.group("caps"))


def _has_caption_cue(text: str, profile: SiteProfile) -> bool:
    return any(cue in text for cue in profile.caption_cues) and not text.endswith(".") or (
        text.startswith(("Ảnh:", "Ảnh minh họa", "Ảnh minh hoạ"))
    )


def _ends_sentence(text: str) -> bool:
    return text.endswith(_FINAL_PUNCTUATION) or text.endswith("...")


def _is_prose(line: _Line) -> bool:
    return _ends_sentence(line.text) or line.words >= _PARAGRAPH_MIN_WORDS


__all__ = ["clean_page_dump"]
