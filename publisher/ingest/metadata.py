"""What a page says about itself in its markup: JSON-LD, OpenGraph and ``article:*`` meta
tags, ``<meta name="author">``, ``<time datetime>``, ``itemprop``, ``<h1>``, ``<html lang>``.

This is the cleaner's first evidence: a CMS writes it for search engines and social
networks, in the same vocabulary on every site and in every language, so a rule that
reads it holds on sites nobody tuned it for. It is read as data only: JSON-LD is parsed
with ``json``, never evaluated, and a block that does not parse is ignored.
"""

from __future__ import annotations

import contextlib
import html as html_entities
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from publisher.clean.unicode import folded, tidy_line

# An object of the page's JSON-LD, as json.loads gives it.
JsonObject = dict[str, object]

_JSON_LD = re.compile(r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I)
_BASE_HREF = re.compile(r"<base\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)[\"']", re.I)
_BODY_TAG = re.compile(r"<body\b", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ISO_MOMENT = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://|^www\.", re.I)

# schema.org types of an article page, and of pages that are not articles.
_ARTICLE_TYPES = re.compile(r"article$|^blogposting$|^report$|^liveblogposting$|^posting$", re.I)
_THREAD_TYPES = frozenset({"qapage", "discussionforumposting", "question"})
_LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})
_VIDEO_TYPES = frozenset({"videoobject"})


@dataclass(frozen=True)
class MetaDate:
    """A moment the page's metadata gives. ``value`` is naive when the page gives no offset;
    ``has_time`` is False for a date alone."""

    value: datetime
    has_time: bool
    text: str


@dataclass(frozen=True)
class PageMetadata:
    page_title: str = ""  # <title>
    headline: str | None = None  # the article's own headline (JSON-LD, itemprop)
    titles: tuple[str, ...] = ()  # every spelling of the title: headline, og:title, h1s
    description: str | None = None
    published: MetaDate | None = None
    authors: tuple[str, ...] = ()
    author_about: tuple[str, ...] = ()  # what schema.org's Person authors say of themselves (a biography)
    sections: tuple[str, ...] = ()
    site_name: str | None = None
    url: str | None = None  # canonical, og:url
    base_url: str | None = None  # <base href>
    language: str | None = None  # <html lang>, og:locale, inLanguage (primary subtag, lower case)
    is_article: bool = False  # schema.org says Article (or a kind of it), or og:type is article
    kind: str | None = None  # "thread", "listing", "video": what schema.org says the page is instead


def read_metadata(raw_markup: str, root: lxml_html.HtmlElement) -> PageMetadata:
    """The metadata of a page: ``raw_markup`` as saved (JSON-LD and ``<html lang>`` are gone
    after sanitising), ``root`` the sanitised page's tree (meta tags, itemprop, time, h1)."""
    meta = _meta_tags(root)
    objects = list(_json_ld_objects(raw_markup))
    article = next((item for item in objects if _types(item) & _article_type_names(item)), None)
    types = {name for item in objects for name in _types(item)}
    title_element = root.find(".//title")
    page_title = _text(title_element) if title_element is not None else ""
    headline = _first_text(article, "headline", "name") if article else None
    headline = headline or _itemprop_headline(root, [meta.get("og:title"), meta.get("twitter:title"), page_title])
    named = [headline, meta.get("og:title"), meta.get("twitter:title")]
    # An <h1> spells the headline when it says what the page's other titles say; pages
    # also set sidebars' and logos' names in <h1> ("Need a hand?").
    h1s = [text for h1 in list(root.iter("h1"))[:5] if (text := _text(h1)) and _agrees(text, [*named, page_title])]
    site_name = meta.get("og:site_name") or _publisher_name(article)
    # A blog's name set in an <h1> over every post is the site's logo, though the page
    # title ends with it too ("A grant to ... - The GiveWell Blog").
    h1s = [text for text in h1s if not _only_the_site_name(text, site_name, named)]
    titles = [*named, *h1s]
    return PageMetadata(
        page_title=page_title,
        headline=headline,
        titles=tuple(_unique(t for t in titles if t)),
        description=(
            (_first_text(article, "description") if article else None) or meta.get("og:description") or meta.get("description")
        ),
        published=_published(article, meta, root),
        authors=_authors(article, meta, root),
        author_about=_author_about(article),
        sections=_sections(article, meta),
        site_name=site_name,
        url=(
            _parsable(meta.get("og:url")) or _parsable(_canonical(root))
            or (_parsable(_first_text(article, "url")) if article else None)
        ),
        base_url=_base_href(raw_markup),
        language=_language(raw_markup, meta, article),
        # og:type "article" alone is no evidence: some CMSes put it on every page, homepages too.
        is_article=article is not None or "article:published_time" in meta,
        kind=_kind(types, article is not None),
    )


def _only_the_site_name(text: str, site_name: str | None, named: list[str | None]) -> bool:
    """An <h1> that says the site's name and no more, where no named title is that name."""
    key = folded(text)
    if not site_name or key != folded(site_name):
        return False
    return not any(title and folded(title) == key for title in named)


def _agrees(text: str, others: list[str | None]) -> bool:
    """Most of ``text``'s words are in one of ``others`` (or there is nothing to compare)."""
    words = set(text.casefold().split())
    given = [set(other.casefold().split()) for other in others if other]
    if not given:
        return True
    return any(len(words & other) >= 0.6 * len(words) for other in given)


def _article_type_names(item: JsonObject) -> set[str]:
    return {name for name in _types(item) if _ARTICLE_TYPES.search(name)}


def _kind(types: set[str], has_article: bool) -> str | None:
    if types & _THREAD_TYPES:
        return "thread"
    if has_article:
        return None
    if types & _LISTING_TYPES:
        return "listing"
    if types & _VIDEO_TYPES:
        return "video"
    return None


# ---------------------------------------------------------------- JSON-LD


def _json_ld_objects(raw_markup: str) -> Iterator[JsonObject]:
    """Every object of the page's JSON-LD blocks, ``@graph`` members and lists included."""
    for match in _JSON_LD.finditer(raw_markup):
        source = match.group(1).strip()
        source = source.removeprefix("<!--").removesuffix("-->").strip()
        source = source.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            # strict=False: a line break left raw inside a string, as browsers and search
            # engines read such blocks all the same.
            data = json.loads(_CONTROL.sub(" ", source), strict=False)
        except (ValueError, RecursionError):
            continue
        yield from _flatten(data, depth=0)


def _flatten(data: object, depth: int) -> Iterator[JsonObject]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _flatten(main, depth + 1)


def _types(item: JsonObject) -> set[str]:
    value = item.get("@type")
    names = value if isinstance(value, list) else [value]
    return {name.rsplit("/", 1)[-1].lower() for name in names if isinstance(name, str)}


def _first_text(item: JsonObject | None, *keys: str) -> str | None:
    if item is None:
        return None
    for key in keys:
        value = item.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict):
            value = value.get("@id") or value.get("name")
        if isinstance(value, str) and value.strip():
            return _clean(value)
    return None


def _publisher_name(article: JsonObject | None) -> str | None:
    if article is None:
        return None
    publisher = article.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return _clean(publisher["name"]) or None
    return None


# ---------------------------------------------------------------- meta tags and markup


def _meta_tags(root: lxml_html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        name = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if name and content and name not in found:
            found[name] = _clean(content)
    return found


def _clean(value: str) -> str:
    text = html_entities.unescape(value)
    if "<" in text and ">" in text:  # some sites escape markup twice in their meta tags
        with contextlib.suppress(etree.ParserError, ValueError):
            text = lxml_html.fragment_fromstring(text, create_parent="div").text_content()
    return unicodedata.normalize("NFC", tidy_line(text))


def _text(element: lxml_html.HtmlElement) -> str:
    return unicodedata.normalize("NFC", tidy_line(element.text_content()))


def _with_itemprop(root: lxml_html.HtmlElement, prop: str) -> list[lxml_html.HtmlElement]:
    """The elements whose ``itemprop`` names ``prop``, in the page's order (found by lxml in C:
    a page has thousands of elements). The attribute is a list of names, as microdata has
    it: ``itemprop="datePublished dateCreated"`` gives both."""
    found: list[lxml_html.HtmlElement] = root.xpath(
        "descendant-or-self::*[@itemprop][contains(concat(' ', normalize-space(@itemprop), ' '), concat(' ', $prop, ' '))]",
        prop=prop,
    )
    return found


def _itemprop_headline(root: lxml_html.HtmlElement, others: list[str | None]) -> str | None:
    """The microdata headline: of several (a theme marks its page header's label as one
    too: "Blog - Latest News" over the post's own), the first that says what the page's
    other titles say, else the first."""
    headlines = [text for element in _with_itemprop(root, "headline") if element.tag != "meta" and (text := _text(element))]
    return next((text for text in headlines if _agrees(text, others)), headlines[0] if headlines else None)


def _canonical(root: lxml_html.HtmlElement) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href")
    return None


def _parsable(address: str | None) -> str | None:
    """``address`` unless urllib cannot parse it (an unclosed IPv6 bracket): every later
    step may split it."""
    if not address:
        return None
    try:
        urlsplit(address)
    except ValueError:
        return None
    return address


def _base_href(raw_markup: str) -> str | None:
    body = _BODY_TAG.search(raw_markup)
    match = _BASE_HREF.search(raw_markup, 0, body.start() if body else 20000)
    return match.group(1).strip() if match else None


def _language(raw_markup: str, meta: dict[str, str], article: JsonObject | None) -> str | None:
    candidates = []
    if match := _HTML_LANG.search(raw_markup[:5000]):
        candidates.append(match.group(1))
    candidates += [meta.get("og:locale"), meta.get("content-language"), meta.get("dc.language"), meta.get("language")]
    if article is not None:
        candidates.append(_first_text(article, "inLanguage"))
    for candidate in candidates:
        if candidate and (code := _primary_subtag(candidate)):
            return code
    return None


def _primary_subtag(value: str) -> str | None:
    code = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


# ---------------------------------------------------------------- dates


# How many elements after the first <h1> its date's <time> may stand.
_TIME_UNDER_HEADLINE = 40
_FIRST_REAL_YEAR = 1000
_ZERO_DAYS = frozenset({date(1900, 1, 1), date(1970, 1, 1)})


def _published(article: JsonObject | None, meta: dict[str, str], root: lxml_html.HtmlElement) -> MetaDate | None:
    candidates = [_first_text(article, "datePublished", "dateCreated") if article else None]
    candidates += [meta.get(key) for key in ("article:published_time", "datepublished", "og:published_time", "pubdate",
                                             "publishdate", "date", "dc.date.issued", "dc.date", "sailthru.date")]
    candidates += [element.get("datetime") for element in root.iter("time") if element.get("itemprop") == "datePublished"]
    candidates += [element.get("content") or element.get("datetime") for element in _with_itemprop(root, "datePublished")]
    candidates.append(_time_under_headline(root))
    for candidate in candidates:
        if candidate and (found := parse_iso_moment(candidate)) and not _placeholder(found.value):
            return found
    return None


def _placeholder(value: datetime) -> bool:
    """A date a system writes where it holds none: the least it can store (``0001-01-01``,
    .NET's and Go's zero), the Unix epoch, SQL Server's and spreadsheets' day zero."""
    return value.year < _FIRST_REAL_YEAR or value.date() in _ZERO_DAYS


def _time_under_headline(root: lxml_html.HtmlElement) -> str | None:
    """The ``datetime`` of a ``<time>`` element standing shortly after the page's first
    ``<h1>``, the place where an article's template prints its date (``1 day ago`` in the
    text, the moment in the attribute); a list of other stories' times stands further off.
    The last resort, after every named date."""
    headline = next(root.iter("h1"), None)
    if headline is None:
        return None
    following: list[lxml_html.HtmlElement] = headline.xpath(
        "following::*[position() <= $reach][self::time][@datetime]", reach=_TIME_UNDER_HEADLINE
    )
    return following[0].get("datetime") if following else None


def parse_iso_moment(text: str) -> MetaDate | None:
    """An ISO 8601 moment as metadata writes it; its offset kept when given, else naive."""
    if not _ISO_MOMENT.match(text):
        return None
    cleaned = text.strip().replace("Z", "+00:00")
    cleaned = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", cleaned)
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        return None
    return MetaDate(value=value, has_time=len(text.strip()) > 10, text=text.strip())


# ---------------------------------------------------------------- authors and sections


def _authors(article: JsonObject | None, meta: dict[str, str], root: lxml_html.HtmlElement) -> tuple[str, ...]:
    """The authors the metadata names, most specific first: schema.org's Person authors,
    then ``article:author`` and ``itemprop="author"``; ``<meta name="author">`` only when
    it reads as a person's name (CMSes put their own or the company's name there)."""
    site = {(meta.get("og:site_name") or "").casefold(), (_publisher_name(article) or "").casefold()}
    tiers: list[list[str]] = [
        (_person_names(article.get("author")) or _person_names(article.get("creator"))) if article is not None else [],
        [meta[key] for key in ("article:author", "dc.creator", "byl", "sailthru.author") if key in meta],
        [_text(element) for element in _with_itemprop(root, "author") if element.tag != "meta" and len(_text(element)) < 80][:3],
        [meta["author"]] if "author" in meta and _reads_as_person(meta["author"]) else [],
    ]
    for names in tiers:
        found = _unique(name for name in (_author_name(n) for n in names) if name and name.casefold() not in site)
        if found:
            return tuple(found)
    return ()


def _author_about(article: JsonObject | None) -> tuple[str, ...]:
    """The ``description`` of each schema.org Person author: the biography an author's box
    prints under the byline."""
    if article is None:
        return ()
    value = article.get("author")
    items = value if isinstance(value, list) else [value]
    about = [
        _clean(item["description"]) for item in items[:8]
        if isinstance(item, dict) and "organization" not in _types(item) and isinstance(item.get("description"), str)
    ]
    return tuple(text for text in about if text)


def _reads_as_person(value: str) -> bool:
    words = value.split()
    return 1 < len(words) <= 5 and "." not in value and all(word[:1].isupper() for word in words)


def _person_names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:8]:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and "organization" not in _types(item):
            name = item.get("name")
            if isinstance(name, list) and name:
                name = name[0]
            if isinstance(name, str):
                names.append(name)
    return names


def _author_name(value: str) -> str | None:
    """A name as metadata gives it, or None for what is no name (a profile's address, a
    list of tags)."""
    name = _clean(value).strip(" ,;|")
    name = re.sub(r"^(?:by|von|por|par|di|door|av|af|tác giả|autor|author)\s*:?\s+", "", name, flags=re.I)
    if not name or _URL.search(name) or "@" in name or len(name) > 60 or len(name.split()) > 6:
        return None
    return name


def _sections(article: JsonObject | None, meta: dict[str, str]) -> tuple[str, ...]:
    values = [_first_text(article, "articleSection")] if article else []
    values += [value for key, value in meta.items() if ("section" in key or "category" in key)]
    return tuple(_unique(v for v in values if v and not v.isdigit() and len(v.split()) <= 4 and not _URL.search(v)))


def _unique(values: Iterator[str] | list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept
