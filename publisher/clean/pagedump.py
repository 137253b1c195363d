"""Structure from a page: the lines a browser shows for a news article page.

The rules are general; a site profile only adds the site's own words. A plain-text page
dump and a saved HTML page go through the same rules; the HTML page brings evidence
(heading tags, images, class-name hints, links, the extractor's verdict) that the rules
use when it is there.

Order of a typical page: menus, page title (``Title - Site``), kicker, title, date,
widgets, lead (often opened by an agency prefix), photo and caption, body paragraphs with
subheadings, the byline, then the site's chrome (feedback links, other articles, ads).
Each step lives in its own module: title, head, ending, body, refusals.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

from publisher.clean.body import read_body
from publisher.clean.columns import side_by_side
from publisher.clean.dates import forget_dates, in_page_order, parse_date_line, zone_from_offset
from publisher.clean.ending import READER_COMMENTS, comment_headers, find_end, split_off_tail
from publisher.clean.evidence import PageEvidence
from publisher.clean.explain import CleanResult, Dropped
from publisher.clean.floor import ExtractedText, block_texts, restore_floor
from publisher.clean.furniture import drop_furniture
from publisher.clean.head import date_stamp, head_date, in_menu_above, in_menu_printed_twice, read_head, url_section
from publisher.clean.kicker import home_link_opening
from publisher.clean.language import detect_language, main_script
from publisher.clean.lines import BULLET_HINT, LEAD_MIN_WORDS, ROW_HINT, Line, data_row, ends_sentence, line_key
from publisher.clean.names import (
    checked_against_metadata,
    is_job_title,
    is_site_name,
    looks_like_names,
    split_authors,
    without_site_name,
)
from publisher.clean.profiles import ProfileSet, SiteProfile
from publisher.clean.refusals import (
    Verdict,
    decide,
    doubt_cards,
    doubt_figures,
    doubt_front_page,
    doubt_link_lists,
    doubt_mojibake,
    doubt_site_title,
    doubt_teaser,
    doubt_text,
    doubt_threads,
    mojibake_left,
    warn_mojibake,
)
from publisher.clean.shapes import (
    byline_names,
    has_caption_cue,
    is_attribution,
    is_byline,
    is_web_address,
)
from publisher.clean.title import (
    best_title,
    fallback_title_index,
    reader_view_head,
    split_site_suffix,
    text_start,
    title_from_text,
    title_occurrences,
    title_prefix_occurrences,
    without_hosts_name,
)
from publisher.clean.unicode import holds_untidy_space, tidy_line, tidy_plain_line
from publisher.clean.wrapping import starts_with_bullet, unwrap
from publisher.errors import NotAnArticleError
from publisher.model import Article, Block, Heading, Paragraph, PrintedDate, Source

_SCRIPT_LINES = 20  # lines of the text whose script a kicker's is compared with
_HEAD_WINDOW = 6  # lines before the title that may hold its kicker and date
_RUNS_ON = 3  # paragraphs in a row that say the text goes on
_STANDFIRST_WINDOW = 3  # lines under a headline (its date line among them) where a standfirst stands
_TOP_BYLINE_WINDOW = 10  # lines under a headline where its byline stands (a picture, its caption, a standfirst above it)
_LABEL_WORDS = 6  # longest label (byline, site, section) between a headline and its standfirst
_UNTITLED_MENU_LINES = 12  # short lines before any text that make a page without its title a homepage
_TITLE_MIN_WORDS = 3  # a page's title on a dump's first line: "Tin mới" is a menu entry
_TEXT_BETWEEN_TITLES = 2  # paragraphs of the extractor's text between two printings of the headline
_REFERENCE = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,8}\d{0,2});")
_TIME_OF_DAY = re.compile(r"\d{1,2}\s*[:h.]\s*\d{2}|\d\s*[ap]\.?m\b", re.IGNORECASE)


# Lines of text one page may show: 22 times the most of any corpus page (447). The rules
# take about a millisecond a line, so a bigger page (a data dump, a listing of every story)
# would take seconds to refuse anyway.
MAX_PAGE_LINES = 10_000


def refuse_overlong_page(count: int, path: Path | None) -> None:
    """Refuse a page that shows more lines of text than any one article's page."""
    if count > MAX_PAGE_LINES:
        raise NotAnArticleError(
            f"{count} lines of text is more than one article's page shows (limit {MAX_PAGE_LINES}): a data dump or a listing?",
            path,
        )


_BYLINE_AGAIN = "the byline printed again (an author's box)"
# A day's difference between a printed date and the metadata's is the time zone's (the
# metadata in UTC, the page in its own); more is another date.
_DAYS_APART = timedelta(days=1)
_PARAGRAPHS_ABOVE_A_FOOTER = 3


def clean_page_dump(text: str, path: Path | None, profiles: ProfileSet, *, as_article: bool = False) -> CleanResult:
    """Recognise the parts of an article in a plain-text page dump and drop the site's chrome."""
    raw_lines = text.split("\n")
    if len(raw_lines) > MAX_PAGE_LINES:  # else fewer lines of text than that, blank lines aside
        refuse_overlong_page(sum(1 for line in raw_lines if line.strip()), path)
    columns = side_by_side(raw_lines)
    # Each paragraph with its number and its first line as the dump prints it.
    if columns is None:
        numbered = [(number, text, raw_lines[number - 1]) for number, text in unwrap(raw_lines)]
    else:
        # Columns read one after the other: the rest of the dump may still be wrapped.
        numbered = [
            (columns[index - 1][0], text, columns[index - 1][1]) for index, text in unwrap([line for _, line in columns])
        ]
    lines = []
    no_hints: frozenset[str] = frozenset()
    # Tidied alike whether the page is asked once or each line: no line of a page without
    # untidy spaces holds one (a character reference may make one: those lines go the long way).
    tidy = tidy_line if holds_untidy_space(text) else tidy_plain_line
    for number, raw, first_line in numbered:
        if not raw or raw.isspace():
            continue  # a blank line (half a text browser's lines) tidies to nothing
        # Most lines hold neither a reference nor a tab: left as they are without the calls.
        if "&" in raw or "\t" in raw:
            text, is_row = _row_of_cells(_resolve_references(raw))
            text = tidy_line(text)
        else:
            text, is_row = tidy(raw), False
        if text:
            hints = ROW_HINT if is_row else BULLET_HINT if starts_with_bullet(first_line) else no_hints
            lines.append(Line.of_text(number, text, hints))
    if not lines:
        raise NotAnArticleError("the file holds no text", path)
    return clean_lines(lines, path, profiles, PageEvidence(), as_article=as_article)


def _row_of_cells(text: str) -> tuple[str, bool]:
    """A table's row as a browser copies it, its cells parted by tabs: one line, its cells
    set apart as a saved page's rows of data are (``data_row``); and whether it is such a
    row."""
    row = data_row(cell.strip() for cell in text.split("\t")) if "\t" in text else None
    return (row, True) if row is not None else (text, False)


def _in_another_script(label: str, text: list[Line]) -> bool:
    """A label in a script other than Latin (which sites the world over print their
    sections in) and other than the text's: the site's link to its edition in another
    language."""
    script = _writing_system(main_script(label))
    if script in (None, "latin"):
        return False  # most labels: the text's script is not counted
    return script != _writing_system(main_script(" ".join(line.text for line in text[:_SCRIPT_LINES])))


def _writing_system(script: str | None) -> str | None:
    """Japanese writes kanji and kana side by side: a section in katakana (``ニュース``)
    over a text mostly in kanji is in the text's own writing."""
    return "han" if script == "kana" else script


def _title_sections(page_title: str, title: str, site_name: str | None) -> tuple[str, ...]:
    """What the page title holds besides the headline: the section, with the site's name
    (``Headline - Sự kiện - Dân trí``, ``Headline - VnExpress Đời sống``)."""
    rest = page_title.replace(title, " ", 1) if title in page_title else ""
    parts = [part.strip() for part in re.split(r"\s[-–—|:»]+\s|\s*\|\s*", rest) if part.strip()]
    sections = [part for part in parts if not site_name or part != site_name]
    if site_name:
        # "VnExpress Đời sống": the site's name, then its section.
        sections += [part[len(site_name) :].strip() for part in parts if part.startswith(site_name + " ")]
    return tuple(sections)


def _resolve_references(text: str) -> str:
    """``&#39;``, ``&#7899;``, ``&aacute;``: character references copied from a page's source."""
    if "&" not in text or not _REFERENCE.search(text):
        return text
    return unicodedata.normalize("NFC", html.unescape(text))


@dataclass(frozen=True)
class _Title:
    index: int  # the line that is the title (0 in a dump whose first line is the only one)
    text: str
    first_seen: int  # where the page prints it first (pages may print it twice)
    page_title: str  # the page title as given, site name and all
    site_name: str | None
    top_line: bool = False  # a dump's first line is the page's title, not a line of the page
    text_start: int | None = None  # a copy's first paragraph, where the headline was found from the text
    doubt: str | None = None  # why the page may be no article, as found with its title


def clean_lines(
    lines: list[Line], path: Path | None, profiles: ProfileSet, evidence: PageEvidence, *, as_article: bool = False
) -> CleanResult:
    """The article in ``lines``, with a record of every line left out and why."""
    if not lines:
        raise NotAnArticleError("the page holds no text", path)
    left = mojibake_left(lines)
    mojibake = doubt_mojibake(left)
    if mojibake and not as_article:
        raise NotAnArticleError(mojibake, path)
    forget_dates()
    profiles = profiles.for_one_page()  # remembers what the rules ask of this page's lines
    dropped: list[Dropped] = []
    # A cookie banner, which a copy prints wherever the page's markup holds it (above the
    # headline, between the text and its byline, at the foot): never the article's.
    # Every line would be asked, and most pages hold neither: one look over the page first,
    # in its lines' keys (case-folded already: the page is not case-folded again).
    page_keys = "\n".join(line.key for line in lines)
    lines = list(lines)  # a new list: a headline only the metadata gives is put in later
    if profiles.common.may_hold_cookie_notice(page_keys):
        kept = []
        for line in lines:
            if not line.is_image and profiles.common.is_cookie_notice(line.text):
                dropped.append(Dropped(line.number, line.text, "a cookie notice"))
            else:
                kept.append(line)
        lines = kept
    paywall = None
    if profiles.common.may_hold_paywall_notice(page_keys):
        paywall = next((line for line in lines if not line.is_image and profiles.common.is_paywall_notice(line.text)), None)
    if paywall is not None:
        dropped.append(Dropped(paywall.number, paywall.text, "a paywall's notice"))
        lines.remove(paywall)
    text_mode = evidence.is_page_dump
    title = _locate_title(lines, profiles, evidence, path, as_article)
    _refuse_early([mojibake, title.doubt], evidence, as_article, path)
    profile = profiles.for_site_name(evidence.site_profile or title.site_name)
    head_start = max(1 if title.top_line else 0, title.first_seen - _HEAD_WINDOW)
    _drop_before(lines, title, head_start, dropped)

    sections = (*_title_sections(title.page_title, title.text, title.site_name), *evidence.sections)
    above = read_head(lines[head_start : title.first_seen], profile, dropped, text_mode, sections)
    # Pages that print the title twice hold the date (and maybe the section) between the two,
    # and some the standfirst too.
    between_lines = lines[title.first_seen + 1 : title.index]
    standfirst = _standfirst(between_lines, profile)
    between = read_head([line for line in between_lines if line is not standfirst], profile, dropped, text_mode, sections)
    kicker = between.kicker if between.kicker_confirmed and not above.kicker_confirmed else above.kicker
    if not (above.kicker_confirmed or between.kicker_confirmed):
        # An unconfirmed label (the one above the title: ``kicker`` is ``above.kicker`` here):
        # kept in the seed's shape, a dump under its page title (the line above the headline
        # is its kicker there), elsewhere only where the menu names it.
        crumb = _breadcrumbs_section(kicker, above.kicker_line, lines[: title.first_seen]) if kicker else None
        kicker = crumb or kicker
        not_named = _no_section(kicker, above.kicker_line, lines[: title.first_seen], text_mode) if kicker and not crumb else None
        if kicker and not_named and not title.top_line:
            if above.kicker_line is not None:
                dropped.append(Dropped(above.kicker_line, kicker, not_named))
            kicker = None
        kicker = url_section(lines[: title.index], evidence.url, profile) or kicker

    names_mail = profile.may_hold_promotion(page_keys)
    end, end_reason = find_end(lines, title.index, title.text, profile, evidence, names_mail=names_mail)
    region = _without_furniture_over_text(lines, title, end, profile, dropped)
    rest = lines[title.index + 1 :]
    # The article's own lines: on a saved page, without the furniture the extractor left out.
    text = drop_furniture(region, profile, dropped) if evidence.has_extractor else region
    verdicts: list[Verdict] = []
    doubts = [mojibake, title.doubt]
    for verdict in _doubts_under_the_title(region, rest, text, lines, title, profile, evidence):
        verdicts.append(verdict)
        doubts.append(verdict.refusal)
        _refuse_early(doubts, evidence, as_article, path)  # a refusal: the doubts after it are not asked
    if end_reason == READER_COMMENTS:
        # Dated posts under a short text read as a thread's; headed as comments, they are
        # told, not refused, as posts under a line that counts them are (``doubt_threads``).
        comments = comment_headers(lines[end:])
        doubt = f"a forum thread? ({comments} posts under the text, read as reader comments and left out)"
        verdicts.append(Verdict(warning=f"built as an article, though {doubt}"))
    body_lines, authors, tail = split_off_tail(text, profile, dropped, evidence, title.text)
    if authors:
        end_reason = "after the byline"
    dropped.extend(Dropped(line.number, line.text or f"[image {line.src}]", end_reason) for line in lines[end:])
    lead, body, published, top_authors = read_body(
        body_lines, profile, dropped, evidence, path, title.text, names_mail=names_mail
    )
    if kicker and _in_another_script(kicker, body_lines):
        kicker = None  # a link to the site in another language (in Russian, over English), not a section
    if standfirst is not None and (lead is None or standfirst.is_body_prose):
        # A paragraph's worth of standfirst is the lead, and what read as one under the
        # second copy of the headline is the text's first paragraph; a shorter line there
        # (a picture's caption, maybe) is the lead only where nothing else is.
        # The standfirst printed again under the second headline is the same lead.
        body = [Paragraph(lead), *body] if lead is not None and line_key(lead) != standfirst.key else body
        lead = standfirst.text
    above_text = between.authors or above.authors or top_authors or _lone_byline(lines, title, profile)
    head = lines[: title.index] + body_lines[:_TOP_BYLINE_WINDOW]
    under_text = _unless_credited_above(authors, text[len(body_lines)] if authors else None, above_text, head, profile)
    if above_text and under_text and all(is_site_name(name, title.site_name) for name in under_text):
        under_text = ()  # the site's name in the footer under the text, the writer named above it
    printed = checked_against_metadata(
        _byline(under_text, above_text, profile), evidence.authors, lambda name: any(name in line.text for line in lines)
    )
    authors = _without_site_names(printed or _metadata_authors(evidence.authors), title.site_name)
    body = _without_byline_again(body, authors, body_lines, dropped)
    article = Article(
        title=title.text,
        kicker=kicker,
        published=_published(
            _in_page_order(published or between.published or above.published or _stamp(tail), lines, evidence),
            evidence, profile,
        ),
        authors=authors,
        source=Source(name=title.site_name, url=evidence.url),
        lead=lead,
        body=tuple(body),
        path=path,
    )
    doubts += [doubt_text(article.lead, list(article.body), evidence), doubt_front_page(region)]
    warnings = decide([doubt for doubt in doubts if doubt], evidence, as_article, path)
    if partly_garbled := warn_mojibake(left):
        warnings = (*warnings, partly_garbled)
    warnings = (*warnings, *(verdict.warning for verdict in verdicts if verdict.warning))
    if paywall is not None:
        warnings = (*warnings, f"only the article's beginning: the page hides the rest ({paywall.text[:80]!r})")
    result = CleanResult(article=article, dropped=tuple(sorted(dropped, key=lambda d: d.line)))
    if evidence.extracted is not None:
        # The floor under an article's text, not a way to make one of a page that is none.
        result = restore_floor(result, evidence.extracted)
        lead_apart = _lead_apart(result.article.lead, evidence.extracted) or _beside_the_text(result.article, lines)
        result = dataclasses.replace(result, lead_apart=lead_apart)
    article = result.article
    language = detect_language(_article_text(article), evidence.language)
    return dataclasses.replace(
        result, article=dataclasses.replace(article, language=language), warnings=warnings + result.warnings
    )


def _refuse_early(doubts: list[str | None], evidence: PageEvidence, as_article: bool, path: Path | None) -> None:
    """``decide``'s refusal, where the doubts found so far (the first of the page's, in
    ``decide``'s order) already make it: a page is refused for its first doubt whatever
    the later ones say, so the article is not built only to be refused (a homepage's many
    lines cost the most)."""
    if as_article:
        return
    if evidence.kind == "thread" or (not evidence.is_article and any(doubts)):
        decide([doubt for doubt in doubts if doubt], evidence, as_article, path)


def _doubts_under_the_title(
    region: list[Line], rest: list[Line], text: list[Line], lines: list[Line], title: _Title, profile: SiteProfile,
    evidence: PageEvidence,
) -> Iterator[Verdict]:
    """The doubts the lines under the headline raise, in ``decide``'s order: ``region``,
    the article's span (``text``: its own lines), ``rest``, all the page under the
    headline. Each is asked when the caller has taken the one before it: a page refused
    for a doubt is not asked the later ones (a homepage refused for its cards or teasers
    is not read for a thread's posts)."""
    yield Verdict(refusal=doubt_link_lists(region))
    yield doubt_cards(region, rest)
    yield doubt_teaser(rest, profile)
    yield doubt_threads(region, text, profile, title.text, rest)
    yield Verdict(refusal=doubt_site_title(title.text, lines, evidence))
    yield Verdict(refusal=doubt_figures(text))


def _breadcrumbs_section(kicker: str, kicker_line: int | None, above: list[Line]) -> str | None:
    """The section a breadcrumb names, where the label over the headline is one by its
    home link (``Trang chủ Sống khỏe``, ``Home › News``): the site's own statement of the
    story's section, which needs no menu to confirm it. Where a copy ran its crumbs
    together with spaces (``Home News Science & Astronomy``), the first is the longest run
    of the label's opening words that the menu prints together (``News``: the menu holds
    ``News Tech Spaceflight Science & Astronomy``); where the menu prints none, the label
    whole, unless only a space parts a one-word home link from it (``Home Depot`` is a
    name: the menu must print the section there)."""
    line = next((line for line in above if line.number == kicker_line), None)
    opening = home_link_opening(line.text) if line is not None else None
    if opening is None:
        return None
    words = kicker.split()
    menu = [f" {other.key} " for other in above if other is not line and other.words]
    for count in range(len(words), 0, -1):
        if any(f" {line_key(' '.join(words[:count]))} " in entry for entry in menu):
            return " ".join(words[:count])
    return kicker if opening == "marked" else None


def _no_section(kicker: str, kicker_line: int | None, above: list[Line], text_mode: bool) -> str | None:
    """Why an unconfirmed label over the headline is no kicker, if it is none."""
    if not in_menu_above(kicker, kicker_line, above, not text_mode):
        return "a label no menu names: no kicker"
    if in_menu_printed_twice(kicker_line, above):
        return "the last item of a menu printed twice: no kicker"
    return None


def _without_furniture_over_text(
    lines: list[Line], title: _Title, end: int, profile: SiteProfile, dropped: list[Dropped]
) -> list[Line]:
    """The lines from the headline to ``end``, in a copy whose headline was found from its
    text without what stands between that headline and the first paragraph and is neither
    prose (the lead), a date, a byline nor a picture: share buttons, a widget's label, a
    caption or the next story's headline the headline was looked for past."""
    region = lines[title.index + 1 : end]
    if title.text_start is None or not title.index < title.text_start <= end:
        return region
    between = region[: title.text_start - title.index - 1]
    kept = [line for line in between if not _furniture_over_text(line, profile)]
    dropped.extend(
        Dropped(line.number, line.text, "between the headline and the text: no lead, date or byline")
        for line in between if line not in kept
    )
    return kept + region[len(between) :]


def _furniture_over_text(line: Line, profile: SiteProfile) -> bool:
    if line.is_image or line.is_prose or parse_date_line(line.text) or head_date(line, profile) is not None:
        return False
    # A caption a site marks as one ("Ảnh: ...", "Photo: ...") is the picture's, kept as such.
    return not (
        is_byline(line.text, profile)
        or is_attribution(line.text, profile)
        or looks_like_names(line.text)
        or has_caption_cue(line.text, profile)
    )


def _without_byline_again(
    body: list[Block], authors: tuple[str, ...], body_lines: list[Line], dropped: list[Dropped]
) -> list[Block]:
    """``body`` without a paragraph or subheading that is one of the article's authors'
    names and nothing else (case aside: ``JANE ROE`` under the text): the byline printed
    again by an author's box or a card beside the text, never a line of the text."""
    names = {line_key(name) for name in authors}

    def is_name(block: Block) -> bool:
        return isinstance(block, (Paragraph, Heading)) and line_key(block.text) in names

    if not any(is_name(block) for block in body):
        return body
    # The job title the box prints under the name (``Contributing Writer``) goes with it.
    gone = {
        index + step
        for index, block in enumerate(body) if is_name(block)
        for step in (0, 1)
        if step == 0 or (index + 1 < len(body) and _is_job_title_block(body[index + 1]))
    }
    again = {line_key(body[index].text) for index in gone}  # type: ignore[union-attr]
    dropped.extend(Dropped(line.number, line.text, _BYLINE_AGAIN) for line in body_lines if line.key in again)
    return [block for index, block in enumerate(body) if index not in gone]


def _is_job_title_block(block: Block) -> bool:
    return isinstance(block, (Paragraph, Heading)) and is_job_title(block.text)


def _without_site_names(authors: tuple[str, ...], site_name: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(without_site_name(name, site_name) for name in authors))


def _metadata_authors(given: tuple[str, ...]) -> tuple[str, ...]:
    """The metadata's authors, read as a byline is: ``JANE DOE, AP National Political
    Writer`` names Jane Doe; one word stays as given (``PTI``: an agency, in capitals)."""
    names = (name for value in given for name in (split_authors(value) if " " in value else (value,)))
    return tuple(dict.fromkeys(name for name in names if not _is_login_name(name)))


def _is_login_name(name: str) -> bool:
    """``jdadmin``, ``editor2``: one word in lower case in a script that has capitals, the
    user the CMS logged the post under, never a name as a byline prints it."""
    return " " not in name and name == name.lower() and name != name.upper()


def _lone_byline(lines: list[Line], title: _Title, profile: SiteProfile) -> tuple[str, ...]:
    """The one line between a copy's page title line and the headline, where it is a line of
    names or a byline: a reader view prints the title, the byline, then the article."""
    between = [line for line in lines[1 : title.first_seen] if not line.is_image]
    if not title.top_line or len(between) != 1 or between[0].link:
        return ()
    line = between[0]
    if is_byline(line.text, profile) or (line.words <= _LABEL_WORDS and looks_like_names(line.text)):
        return byline_names(line.text, profile)
    return ()


def _unless_credited_above(
    under_text: tuple[str, ...], byline: Line | None, top: tuple[str, ...], head: list[Line], profile: SiteProfile
) -> tuple[str, ...]:
    """The names read under the text, unless they were read from a line of names alone (no
    credit's wording or markup; in capitals or not) while a byline above the text names
    others with a byline's word (``By Jane Roe``) or by its place (a person's name right by
    the date line): a credit by its wording or place is surer than a line that only looks
    like names, and under the text such a line is as often a box's title (``Disclaimer``,
    ``LEARN MORE``, ``Popular Articles``). ``Theo ...`` is no byline's word here: it names
    a source as often as the writer."""
    if not under_text or byline is None or not top or is_attribution(byline.text, profile) or {"author", "source"} & byline.hints:
        return under_text
    written = [
        line.text.casefold() for index, line in enumerate(head)
        if is_byline(line.text, profile) or _names_by_the_date(head, index)
    ]
    if not any(name.casefold() in text for name in top for text in written):
        return under_text
    named = {word.casefold() for name in top for word in name.split()}
    return under_text if any(word.casefold() in named for name in under_text for word in name.split()) else ()


def _names_by_the_date(head: list[Line], index: int) -> bool:
    """A person's name (two or three capitalised words) on the line right above or under a
    date line: the byline, by its place."""
    words = head[index].text.split()
    if not 2 <= len(words) <= 3 or not looks_like_names(head[index].text) or head[index].text.isupper():
        return False
    return any(0 <= at < len(head) and parse_date_line(head[at].text) is not None for at in (index - 1, index + 1))


def _byline(under_text: tuple[str, ...], above_text: tuple[str, ...], profile: SiteProfile) -> tuple[str, ...]:
    """The authors: the byline under the text, else the one above it. A credit under the
    text that names only a source (``Theo Infonet``: according to another paper) yields to
    a byline above it that names the writers, as ``Long Trần - Theo Trí Thức Trẻ`` gives the
    name as the author and the rest as its source."""
    sources_only = bool(under_text) and all(name.startswith(profile.according_to_prefixes) for name in under_text)
    if sources_only and above_text and not any(name.startswith(profile.according_to_prefixes) for name in above_text):
        return above_text
    return under_text or above_text


def _standfirst(between: list[Line], profile: SiteProfile) -> Line | None:
    """The paragraph right under the first of a headline printed twice, past its date line:
    the page's standfirst, which the text under the second copy does not repeat."""
    for index, line in enumerate(between[:_STANDFIRST_WINDOW]):
        if line.is_image or not line.text.strip() or head_date(line, profile) is not None:
            continue
        if _is_head_label(line):
            continue  # the byline, the site's name or address (a reader view prints them there)
        # A line printed twice running is a picture's alt text and caption, never a standfirst.
        twice = index + 1 < len(between) and between[index + 1].key == line.key
        return line if line.is_prose and ends_sentence(line.text) and not line.link and not twice else None
    return None


def _is_head_label(line: Line) -> bool:
    return not line.link and (is_web_address(line.text) or (line.words <= _LABEL_WORDS and not ends_sentence(line.text)))


def _lead_apart(lead: str | None, extracted: ExtractedText) -> bool:
    """Whether the lead is a standfirst printed apart from the text: the main-text extractor,
    which takes a story's opening paragraph with the rest, leaves it out. On the extraction
    benchmark, the extractor holds the lead on 55 of the 56 pages whose people-marked body
    does, and leaves it out on 15 of the 20 whose body does not (``docs/cleaning.md``)."""
    return lead is not None and extracted.words > 0 and not extracted.holds(lead)


def _beside_the_text(article: Article, lines: list[Line]) -> bool:
    """Whether the lead, which the extractor took in, is still a standfirst apart from the
    text: a block outside the element that holds all of the text's paragraphs (the
    smallest one around them), where a story's opening paragraph sits among them. Counts
    over the extraction benchmark's 76 leads (``docs/cleaning.md``): people keep 52 of the
    54 found inside that element, and leave out 17 of the 18 outside it."""
    lead = article.lead
    if lead is None:
        return False
    # Each text's one line: a text printed twice (a teaser above, a quote pulled out) has
    # no one place.
    once: dict[str, Line | None] = {}
    for line in lines:
        once[line.key] = None if line.key in once else line
    lead_line = once.get(line_key(lead.split("\n")[0]))
    if lead_line is None or not lead_line.within:
        return False
    chains = [
        found.within
        for block in article.body
        if isinstance(block, Paragraph) and (found := once.get(line_key(block.text))) is not None and found.within
    ]
    if not chains:
        return False
    holder = _common_start(chains)
    return bool(holder) and holder[-1] != lead_line.block and holder[-1] not in lead_line.within


def _common_start(chains: list[tuple[int, ...]]) -> tuple[int, ...]:
    common = chains[0]
    for chain in chains[1:]:
        size = 0
        while size < min(len(common), len(chain)) and common[size] == chain[size]:
            size += 1
        common = common[:size]
    return common


def _published(printed: PrintedDate | None, evidence: PageEvidence, profile: SiteProfile) -> PrintedDate | None:
    """The date as printed; the metadata's when none is. A printed moment without a zone
    takes the metadata's zone when both name the same time, else the site profile's."""
    meta = evidence.published
    if printed is not None and meta is not None and abs(printed.value.date() - meta.value.date()) > _DAYS_APART:
        # Days away from the metadata's day of publication, the date a page prints is
        # another: its last update (the only date many blogs print), another story's.
        printed = None
    found = printed or meta
    if found is None or found.value.tzinfo is not None:
        return found
    if meta is not None and _day_only(found) and meta.value.date() == found.value.date():
        # A day printed without its hour (a post's meta line): the metadata's moment of that day.
        return PrintedDate(value=meta.value, printed=found.printed)
    if (
        meta is not None
        and meta.value.tzinfo is not None
        and meta.value.replace(tzinfo=None, second=0) == found.value.replace(second=0)
    ):
        return PrintedDate(value=found.value.replace(tzinfo=meta.value.tzinfo), printed=found.printed)
    if profile.timezone:
        return PrintedDate(value=found.value.replace(tzinfo=zone_from_offset(profile.timezone)), printed=found.printed)
    return found


def _in_page_order(printed: PrintedDate | None, lines: list[Line], evidence: PageEvidence) -> PrintedDate | None:
    if printed is None:
        return None
    return in_page_order(printed, (line.text for line in lines), evidence.published)


def _day_only(date: PrintedDate) -> bool:
    return date.value.time() == time() and not _TIME_OF_DAY.search(date.printed)


def _article_text(article: Article) -> str:
    parts = [article.title, article.lead or ""]
    parts += [text for block in article.body for text in block_texts(block)]
    return "\n".join(parts)


def _stamp(tail: list[Line]) -> PrintedDate | None:
    """A date stamp under the byline (``Cập nhật: 10:30 12/10/2023``)."""
    found = date_stamp(tail)
    return found[1] if found else None


def _locate_title(lines: list[Line], profiles: ProfileSet, evidence: PageEvidence, path: Path | None, as_article: bool) -> _Title:
    if evidence.is_page_dump:
        return _locate_title_in_dump(lines, profiles, path, as_article)
    raw_page_title = evidence.page_title or ""
    page_title, site_name = split_site_suffix(raw_page_title, lines, profiles)
    site_name = site_name or evidence.site_name
    # The headline the page's metadata (or its site profile) names wins where it is printed.
    wanted = [*evidence.titles, page_title, raw_page_title]
    occurrences = (
        (title_occurrences(lines, [evidence.headline], 0) if evidence.headline else [])
        or title_occurrences(lines, wanted, 0)
        or title_prefix_occurrences(lines, raw_page_title, 0)
    )
    if occurrences:
        index = _before_the_text(lines, occurrences, best_title(lines, occurrences, profiles.for_site_name(site_name)))
        return _Title(index, lines[index].text, occurrences[0], raw_page_title, site_name)
    fallback = fallback_title_index(lines, raw_page_title)
    if fallback is not None:
        return _Title(fallback, lines[fallback].text, fallback, raw_page_title, site_name)
    headline = evidence.headline or next(iter(evidence.titles), None) or page_title
    first_main = next((i for i, line in enumerate(lines) if line.main), None)
    if headline and (first_main is not None or evidence.is_article or as_article):
        # The page never prints its headline as a line of its own (it sits in an image, or
        # is glued to other text): the metadata's headline stands above the main text.
        at = first_main if first_main is not None else 0
        lines.insert(at, Line(lines[at].number, headline, kind="heading", level=1))
        return _Title(at, headline, at, raw_page_title, site_name)
    raise NotAnArticleError("no article headline found (a homepage or a listing?)", path)


def _printed_twice(lines: list[Line], index: int) -> tuple[int, int]:
    """Where a page that prints its headline twice (in its header, with the date and maybe
    a standfirst under it; then again at the top of the text) prints it first, and the copy
    the text stands under: (first, headline). A copy shortly above ``index`` is the first;
    a copy shortly below, with no more than a standfirst of text between the two and the
    text running on under it, is the headline."""
    key = lines[index].key
    first = next((i for i in range(max(0, index - 3 * _HEAD_WINDOW), index) if lines[i].key == key and not lines[i].link), index)
    if first != index:
        return first, index
    for later in range(index + 1, min(len(lines), index + 1 + 3 * _HEAD_WINDOW)):
        if lines[later].key != key:
            continue
        paragraphs_between = sum(1 for line in lines[index + 1 : later] if line.is_body_prose and ends_sentence(line.text))
        # A picture and its caption (a short line) may stand under the headline before the text.
        window = lines[later + 1 : later + 1 + 2 * _RUNS_ON]
        following = [line for line in window if not line.is_image and line.words >= LEAD_MIN_WORDS]
        runs_on = len(following) >= _RUNS_ON and all(line.is_body_prose for line in following[:_RUNS_ON])
        return (index, later) if paragraphs_between <= 1 and runs_on else (index, index)
    return index, index


def _before_the_text(lines: list[Line], occurrences: list[int], chosen: int) -> int:
    """The headline printed above the extractor's text, where the page prints it again below
    that text (a share box, the next story's list): the text stands under the first."""
    earlier = [index for index in occurrences if index < chosen]
    for index in earlier:
        between = lines[index + 1 : chosen]
        if sum(1 for line in between if line.main and line.is_body_prose) >= _TEXT_BETWEEN_TITLES:
            return index
    return chosen


def _locate_title_in_dump(lines: list[Line], profiles: ProfileSet, path: Path | None, as_article: bool) -> _Title:
    """A dump's first line is the page's title when the page prints it again below
    (``Title - Site``, the shape of a whole-page dump); a copy of what a browser shows
    has no such line, and its headline is found in the text (``title_from_text``)."""
    raw_page_title = lines[0].text
    footer_name = None  # the first line, the site's name, printed again in the footer
    first_seen, printed_again = _printed_twice(lines, 0)
    if printed_again > 0 and any(line.is_body_prose for line in lines[1:printed_again]):
        # A headline on top, its standfirst under it, and the headline again over the text
        # (a reader view prints it as the first picture's caption): no page title line.
        return _Title(printed_again, lines[printed_again].text, first_seen, "", None)
    if reader_view_head(lines):
        # A reader view's first line is its headline (the host under it names the site),
        # never a page title over the text: found from the text (``title_from_text``).
        page_title, site_name, occurrences = raw_page_title, None, []
    else:
        page_title, site_name = split_site_suffix(raw_page_title, lines, profiles)
        occurrences = title_occurrences(lines, [page_title, raw_page_title], 1)
        occurrences = occurrences or title_prefix_occurrences(lines, raw_page_title, 1)
        if occurrences and not (above := _above_the_text(lines, occurrences)) and _dated_headline_in_text(lines, profiles):
            occurrences = above  # the first line again in the footer: the site's name, no headline
            footer_name = raw_page_title
    if occurrences and lines[0].words >= _TITLE_MIN_WORDS and not profiles.common.is_chrome(raw_page_title):
        index = best_title(lines, occurrences, profiles.for_site_name(site_name))
        if any(line.is_prose for line in lines[index + 1 : index + 1 + _HEAD_WINDOW]):
            return _Title(index, lines[index].text, occurrences[0], raw_page_title, site_name, top_line=True)
    if site_name is not None:
        # "Title - Site" on top and the headline not printed again: the page title is it,
        # unless the text comes only after many short lines (a homepage's menus and links).
        first_prose = next((i for i, line in enumerate(lines) if line.is_body_prose), len(lines))
        doubt = None
        if first_prose > _UNTITLED_MENU_LINES:
            doubt = (
                f"the page title never reappears above article text, and {first_prose} short lines come first: "
                "a homepage or a listing?"
            )
        return _Title(0, page_title, 0, raw_page_title, site_name, top_line=True, doubt=doubt)
    start, from_text = _headline_from_text(lines, profiles)
    if from_text is not None:
        first_seen, index = _printed_twice(lines, from_text)
        headline, site_name = without_hosts_name(lines[index].text, lines[index + 1 : index + 1 + _HEAD_WINDOW])
        return _Title(index, headline, first_seen, "", site_name or footer_name, text_start=start)
    if as_article:
        return _Title(0, lines[0].text, 0, "", None)
    raise NotAnArticleError("no headline above article text (a homepage or a listing?)", path)


def _above_the_text(lines: list[Line], occurrences: list[int]) -> list[int]:
    """The first line printed again where a headline stands: not under most of the text's
    paragraphs. A copy whose first line is the site's name (its logo's text) prints it
    again in the footer, under the article (``© 2019 The Example Times``)."""
    if not occurrences:
        return occurrences
    prose = [i for i, line in enumerate(lines) if line.is_body_prose]
    kept = []
    for index in occurrences:
        above = bisect_left(prose, index)
        if above < _PARAGRAPHS_ABOVE_A_FOOTER or above <= len(prose) - above:
            kept.append(index)
    return kept


def _headline_from_text(lines: list[Line], profiles: ProfileSet) -> tuple[int | None, int | None]:
    """Where the text starts and the headline found over it (``title_from_text``). A
    text's first paragraph is seldom a list's item: the start past every bulleted
    paragraph is tried first (over a list of other stories' teasers, its headline is
    found), then the first paragraph bulleted or not (a story's key points, bulleted under
    its byline, stand between it and its headline)."""
    start = text_start(lines, profiles.common, items=False)
    found = title_from_text(lines, start, profiles.common)
    if found is None:
        start = text_start(lines, profiles.common)
        found = title_from_text(lines, start, profiles.common)
    return start, found


def _dated_headline_in_text(lines: list[Line], profiles: ProfileSet) -> bool:
    """The text's headline found from the text has an article's head under it: a date
    line or a byline (a homepage's first story has neither)."""
    found = _headline_from_text(lines, profiles)[1]
    if found is None:
        return False
    under = lines[found + 1 : found + 1 + _HEAD_WINDOW]
    return any(
        not line.is_image and (head_date(line, profiles.common) is not None or is_byline(line.text, profiles.common))
        for line in under
    )


def _drop_before(lines: list[Line], title: _Title, head_start: int, dropped: list[Dropped]) -> None:
    """Record the page title's site name (dumps) and everything above the article's head."""
    if title.top_line and title.index == 0 and title.site_name:
        dropped.append(Dropped(lines[0].number, f" - {title.site_name}", "site name ending the page title"))
    elif title.top_line and title.index > 0:
        dropped.append(Dropped(lines[0].number, lines[0].text, "page title (the title repeats below)"))
    dropped.extend(
        Dropped(line.number, line.text or f"[image {line.src}]", "before the article (menus, other stories)")
        for line in lines[1 if title.top_line else 0 : head_start]
    )


__all__ = ["PageEvidence", "clean_lines", "clean_page_dump"]
