"""Saved HTML article pages: the page's metadata, its lines and the extractor's verdict,
cleaned by the same rules as a page dump.

The evidence comes in this order (``docs/cleaning.md``): what the page says about itself
in its markup (JSON-LD, OpenGraph, meta tags: ``publisher/ingest/metadata.py``); a strong
extractor's main text (trafilatura), which the cleaned body must never fall below; then the
line rules, which know what an extractor does not (kickers, sapos, agency prefixes,
captions, bylines in any language) and take off what it lets through (a repeated
headline, a byline block, links to other stories).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from publisher.clean.dates import find_date
from publisher.clean.explain import CleanResult
from publisher.clean.floor import ExtractedText
from publisher.clean.lines import Line, line_key
from publisher.clean.names import looks_like_names
from publisher.clean.pagedump import PageEvidence, clean_lines, refuse_overlong_page
from publisher.clean.profiles import ProfileSet
from publisher.clean.selectors import Selected, select_parts
from publisher.errors import InputError, NotAnArticleError
from publisher.ingest.capsfonts import show_capitals_fonts
from publisher.ingest.metadata import MetaDate, PageMetadata, read_metadata
from publisher.ingest.pagelines import PageLine, page_lines, parse_html
from publisher.ingest.sanitise import sanitise_page
from publisher.model import PrintedDate

_PROFILE_BODY_SHARE = 0.5


def read_html(markup: str, path: Path | None, profiles: ProfileSet, *, as_article: bool = False) -> CleanResult:
    """The article in a saved HTML page (already decoded and normalised)."""
    raw = markup
    if ".Vn" in markup:  # a TCVN3 font's name; the fonts are read before sanitising drops them
        markup = show_capitals_fonts(markup)
    markup = sanitise_page(markup)
    try:
        root = parse_html(markup)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"cannot parse the HTML: {error}", path) from None
    metadata = read_metadata(raw, root)
    site = profiles.for_address(metadata.url)
    selected = select_parts(markup, site.selectors) if site is not None and site.selectors else None
    if selected is not None and selected.markup is not markup:
        root = parse_html(selected.markup)
    shown = page_lines(root, path)
    refuse_overlong_page(sum(1 for line in shown if line.text), path)
    extracted = extract_main_text(root)  # last: an older extractor may change the tree
    evidence = page_evidence(metadata, extracted, site.name if site is not None else None)
    if selected is not None:
        evidence = with_selected(evidence, selected)
    lines = [_line(page_line, extracted, evidence) for page_line in shown]
    if not lines:
        raise NotAnArticleError("the page shows no text", path)
    return clean_lines(lines, path, profiles, evidence, as_article=as_article)


def page_evidence(metadata: PageMetadata, extracted: ExtractedText | None = None, site: str | None = None) -> PageEvidence:
    """What the page's markup says about it, as the page rules take it."""
    return PageEvidence(
        site_profile=site,
        page_title=metadata.page_title,
        titles=metadata.titles,
        headline=metadata.headline,
        lead_hint=metadata.description,
        site_name=metadata.site_name,
        url=metadata.url,
        published=_printed(metadata.published),
        authors=metadata.authors,
        author_about=metadata.author_about,
        sections=metadata.sections,
        language=metadata.language,
        is_article=metadata.is_article,
        kind=metadata.kind,
        has_extractor=extracted is not None,
        extracted=extracted,
    )


def _printed(moment: MetaDate | None) -> PrintedDate | None:
    """A metadata moment as a printed date: its offset kept, none invented."""
    if moment is None:
        return None
    value = moment.value
    printed = value.strftime("%d/%m/%Y %H:%M") if moment.has_time else value.strftime("%d/%m/%Y")
    return PrintedDate(value=value, printed=printed)


def extract_main_text(root: lxml_html.HtmlElement) -> ExtractedText | None:
    """The blocks trafilatura takes for the page's main text, or None without a verdict.
    ``root`` is handed over as it is, not copied again: trafilatura 2.3 copies a tree it is
    given, and in case an older one changes it, the caller reads the tree before, not after."""
    try:
        import trafilatura
    except ImportError:  # the rules work without it, with less evidence
        return None
    try:
        document = trafilatura.bare_extraction(
            root,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=False,
            include_links=False,
            deduplicate=False,
            favor_recall=True,
            # Without its comparison with two other extractors: half the time, and on the
            # extraction benchmark the cleaned body scores the same (F1 0.965 both ways).
            fast=True,
            with_metadata=False,
        )
    except Exception:  # its verdict is evidence only: without it the rules still work
        return None
    body = getattr(document, "body", None)
    if body is None:
        return None
    return ExtractedText.from_tree(body)


def with_selected(evidence: PageEvidence, selected: Selected) -> PageEvidence:
    """The evidence with what the site profile's selectors found put first, where it is
    plausible (``publisher/clean/selectors.py``): a profile can only add evidence."""
    published = evidence.published
    if selected.date and (found := find_date(selected.date)) is not None:
        published = found
    authors = tuple(name for name in selected.authors if looks_like_names(name)) or evidence.authors
    titles = (selected.title, *evidence.titles) if selected.title else evidence.titles
    body = selected.body if _covers(selected.body, evidence.extracted) else ()
    return dataclasses.replace(
        evidence, titles=titles, headline=selected.title or evidence.headline, published=published, authors=authors,
        profile_body=frozenset(line_key(text) for text in body),
    )


def _covers(body: tuple[str, ...], extracted: ExtractedText | None) -> bool:
    """The profile's body holds most of the extractor's text (or there is none to hold):
    a selector that has gone stale on new markup picks a box, not the article."""
    if not body:
        return False
    if extracted is None or not extracted.words:
        return True
    words = sum(len(text.split()) for text in body)
    return words >= _PROFILE_BODY_SHARE * extracted.words


def _line(page_line: PageLine, extracted: ExtractedText | None, evidence: PageEvidence) -> Line:
    main = None
    if extracted is not None and page_line.kind != "image":
        main = extracted.holds(page_line.text)
    if evidence.profile_body and page_line.kind != "image" and line_key(page_line.text) in evidence.profile_body:
        main = True  # the site profile's body selector takes it
    return Line.of_fields(
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
        within=page_line.within,
    )
