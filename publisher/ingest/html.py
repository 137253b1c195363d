"""Saved HTML article pages: the page's lines, its metadata and the extractor's verdict,
cleaned by the same rules as a page dump.

trafilatura finds the main text; it does not know Vietnamese news pages' kicker, sapo,
agency prefixes, captions or end-of-article bylines, so its verdict is one piece of
evidence for the page-dump rules rather than the result.
"""

from __future__ import annotations

import html as html_entities
import unicodedata
from datetime import datetime
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from publisher.clean.dates import VIETNAM_TIME
from publisher.clean.explain import CleanResult
from publisher.clean.lines import Line, line_key
from publisher.clean.pagedump import PageEvidence, clean_lines
from publisher.clean.profiles import ProfileSet
from publisher.clean.unicode import tidy_line
from publisher.errors import InputError, NotAnArticleError
from publisher.ingest.capsfonts import show_capitals_fonts
from publisher.ingest.pagelines import PageLine, page_lines, parse_html
from publisher.ingest.sanitise import sanitise_page
from publisher.model import PrintedDate

_KEY_PREFIX = 60  # characters of a line compared with the extractor's paragraphs


def read_html(markup: str, path: Path | None, profiles: ProfileSet, *, as_article: bool = False) -> CleanResult:
    """The article in a saved HTML page (already decoded and normalised)."""
    if ".Vn" in markup:  # a TCVN3 font's name; the fonts are read before sanitising drops them
        markup = show_capitals_fonts(markup)
    markup = sanitise_page(markup)
    try:
        root = parse_html(markup)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse the HTML: {error}", path) from None
    main_keys = _extractor_keys(markup)
    evidence = page_evidence(root, has_extractor=main_keys is not None)
    lines = [_line(page_line, main_keys) for page_line in page_lines(root)]
    if not lines:
        raise NotAnArticleError("the page shows no text", path)
    return clean_lines(lines, path, profiles, evidence, as_article=as_article)


def page_evidence(root: etree._Element, has_extractor: bool = False) -> PageEvidence:
    """What the page's <head> says: title, lead, site name, address, date."""
    meta = _meta(root)
    title_element = root.find(".//title")
    page_title = _text(title_element) if title_element is not None else ""
    titles = [meta.get(key) for key in ("og:title", "twitter:title", "title")]
    titles += [_text(h1) for h1 in root.iter("h1")][:3]
    lead = meta.get("og:description") or meta.get("description") or meta.get("twitter:description")
    return PageEvidence(
        page_title=page_title,
        titles=tuple(t for t in titles if t),
        lead_hint=lead,
        site_name=meta.get("og:site_name"),
        url=meta.get("og:url") or _canonical(root),
        published=_meta_date(meta),
        sections=_meta_sections(meta),
        has_extractor=has_extractor,
    )


def _text(element: etree._Element) -> str:
    return unicodedata.normalize("NFC", tidy_line(element.text_content()))


def _meta(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if name and content and name not in found:
            text = html_entities.unescape(content)
            if "<" in text:  # some sites escape markup twice in their meta tags
                text = lxml_html.fragment_fromstring(text, create_parent="div").text_content()
            found[name] = unicodedata.normalize("NFC", tidy_line(text))
    return found


def _meta_sections(meta: dict[str, str]) -> tuple[str, ...]:
    """Section names the metadata gives; numbers (category ids) are no names."""
    values = [value for key, value in meta.items() if ("section" in key or "category" in key) and not value.isdigit()]
    return tuple(value for value in values if len(value.split()) <= 4)


def _canonical(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href")
    return None


def _meta_date(meta: dict[str, str]) -> PrintedDate | None:
    for key in ("article:published_time", "datepublished", "pubdate", "date", "dc.date.issued"):
        value = meta.get(key)
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=VIETNAM_TIME)
        moment = moment.astimezone(VIETNAM_TIME)
        return PrintedDate(value=moment, printed=moment.strftime("%d/%m/%Y %H:%M"))
    return None


def _extractor_keys(markup: str) -> frozenset[str] | None:
    """The beginnings of the paragraphs trafilatura takes for the main text."""
    try:
        import trafilatura
    except ImportError:  # the rules work without it, with less evidence
        return None

    try:
        text = _extract(trafilatura, markup)
    except Exception:  # its verdict is evidence only: without it the rules still work
        return None
    if not text:
        return None
    return frozenset(line_key(part)[:_KEY_PREFIX] for part in text.split("\n") if part.strip())


def _extract(trafilatura, markup: str) -> str | None:
    return trafilatura.extract(
        markup,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        include_links=False,
        deduplicate=False,
        favor_recall=True,
    )


def _line(page_line: PageLine, main_keys: frozenset[str] | None) -> Line:
    main = None
    if main_keys is not None and not page_line.kind == "image":
        main = line_key(page_line.text)[:_KEY_PREFIX] in main_keys
    return Line(
        number=page_line.sourceline,
        text=page_line.text,
        kind=page_line.kind,
        level=page_line.level,
        hints=page_line.hints,
        bold=page_line.bold,
        link=page_line.link,
        src=page_line.src,
        alt=page_line.alt,
        main=main,
        block=page_line.block,
    )
