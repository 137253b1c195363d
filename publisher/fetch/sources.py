"""A source into the articles it lists: a feed (feedparser), a sitemap or sitemap index
(news sitemaps included), a text file of addresses, an article page, or a site or section
page whose feed is found through ``<link rel="alternate">``, then common paths, then its
sitemap."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from publisher.fetch.http import Client, FetchFailed, Response, RobotsRefused, Validators, gunzip_capped
from publisher.fetch.options import SourceSpec
from publisher.fetch.record import Listing

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_COMMON_FEED_PATHS = ("feed", "rss", "feed.xml", "rss.xml", "atom.xml", "index.xml")
_MAX_SITEMAPS = 50  # sitemaps read for one source, an index's children included

Warn = Callable[[str], None]


class SourceFailed(Exception):
    """A source that gives no articles: the message says why."""


@dataclass(frozen=True)
class Entry:
    url: str
    source: SourceSpec
    date: datetime | None = None  # from the feed or sitemap (aware)
    title: str | None = None
    page: Response | None = None  # already fetched: an article given as the source


def read_source(
    spec: SourceSpec, client: Client, warn: Warn, *, fetched_before: Validators | None = None,
    listed_before: Listing | None = None,
) -> tuple[list[Entry], Listing | None]:
    """The entries ``spec`` lists, in its order, and what to remember of a feed or sitemap
    for next time. SourceFailed when it lists none. Asked for again only if it changed:
    ``fetched_before``, an article an earlier fetch wrote (a 304 is its one entry's page);
    ``listed_before``, a feed or sitemap read before (a 304 lists what it listed then)."""
    if urlsplit(spec.location).scheme.lower() not in ("http", "https"):
        return _read_list(spec, warn), None
    asked = fetched_before or (Validators(listed_before.etag, listed_before.last_modified) if listed_before else None)
    response = client.get(spec.location, asked, accept=_FEED_ACCEPT)
    if response.status == 304 and fetched_before is not None:
        return [Entry(url=spec.location, source=spec, page=response)], None
    if response.status == 304 and listed_before is not None:
        return [Entry(url=url, source=spec, date=parse_date(date) if date else None)
                for url, date in listed_before.entries], listed_before
    if response.status != 200:
        raise SourceFailed(f"{spec.location}: the server answered {response.status}")
    kind, body = _kind(response, client)
    if kind == "feed":
        return _remembered(_read_feed(spec, response, body, warn), response)
    if kind == "sitemap":
        entries = _read_sitemap(spec, response.url, body, client, warn, seen={response.url, spec.location})
        return _remembered(entries, response)
    if kind == "html":
        if _looks_like_feed_address(spec.location):
            raise SourceFailed(f"{spec.location}: an HTML page where a feed was expected (is the address right?)")
        return _read_page(spec, response, body, client, warn), None
    raise SourceFailed(f"{spec.location}: neither a feed, a sitemap nor a web page ({_describe(response, body)})")


def _remembered(entries: list[Entry], response: Response) -> tuple[list[Entry], Listing | None]:
    validators = response.validators
    if not validators.etag and not validators.last_modified:
        return entries, None
    listed = tuple((entry.url, entry.date.isoformat() if entry.date else None) for entry in entries)
    return entries, Listing(validators.etag, validators.last_modified, listed)


# A list of addresses.

def _read_list(spec: SourceSpec, warn: Warn) -> list[Entry]:
    path = Path(spec.location)
    try:
        data = path.read_bytes()
    except OSError as problem:
        raise SourceFailed(f"{spec.location}: neither an http(s) address nor a readable file of addresses "
                           f"({problem.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[:problem.start].count(b"\n") + 1
        raise SourceFailed(f"{spec.location}:{line}: not UTF-8 text: a list of addresses is one address a line") from None
    entries = []
    for number, written in enumerate(text.splitlines(), 1):
        address = written.strip()
        if not address or address.startswith("#"):
            continue
        if urlsplit(address).scheme.lower() not in ("http", "https") or not urlsplit(address).hostname:
            warn(f"{spec.location}:{number}: not an http(s) address, passed over: {address[:100]}")
            continue
        entries.append(Entry(url=address, source=spec))
    if not entries:
        raise SourceFailed(f"{spec.location}: no http(s) address in the file (one a line; # starts a comment)")
    return entries


# What an answer is.

def _get(client: Client, url: str, accept: str) -> Response:
    response = client.get(url, accept=accept)
    if response.status != 200:
        raise SourceFailed(f"{url}: the server answered {response.status}")
    return response


def _kind(response: Response, client: Client) -> tuple[str, bytes]:
    """'feed', 'sitemap', 'html' or 'other', from the body itself (servers mislabel feeds),
    and the body (a gzip file unpacked)."""
    body = response.body
    if body[:2] == b"\x1f\x8b":
        body = gunzip_capped(body, client.options.max_bytes, response.url)
    root = _root_name(body)
    if root in ("rss", "feed", "rdf"):
        return "feed", body
    if root in ("urlset", "sitemapindex"):
        return "sitemap", body
    if root == "html" or (root is None and "html" in response.media_type):
        return "html", body
    return "other", body


_FIRST_ELEMENT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_SKIPPED = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s+", re.DOTALL | re.IGNORECASE)


def _root_name(body: bytes) -> str | None:
    """The name of the document's first element, in lower case and without its prefix."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = body[:8192].decode("utf-16", "replace")
    else:
        head = body[:8192].decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")
    position = 0
    while match := _SKIPPED.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    first = _FIRST_ELEMENT.match(head, position)
    if first is None:
        return "html" if re.search(r"<html[\s>]|<body[\s>]", head[:2000], re.IGNORECASE) else None
    return first.group(1).rpartition(":")[2].lower()


def repair_utf8(body: bytes, content_type: str = "") -> tuple[bytes, int]:
    """UTF-8 (declared so, or not declared) with a few broken bytes (16, or one in a
    thousand) with those replaced by U+FFFD, as a browser shows them, and how many; anything
    else as it is (a page in a legacy encoding is the cleaner's to decode)."""
    from publisher.ingest.decode import declared_charset

    header = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    declared = (header.group(1) if header else declared_charset(body)) or "utf-8"
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return body, 0
    try:
        body.decode("utf-8")
        return body, 0
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", "replace")
    broken = text.count("\ufffd") - body.decode("utf-8", "ignore").count("\ufffd")
    if broken > 16 and broken * 1000 > len(body):
        return body, 0
    return text.encode("utf-8"), broken


def _describe(response: Response, body: bytes) -> str:
    start = body[:40].decode("utf-8", "replace").strip().replace("\n", " ")
    kind = response.media_type or "no type given"
    return f"{kind}, starting {start!r}" if start else f"{kind}, empty"


def _looks_like_feed_address(url: str) -> bool:
    path = urlsplit(url).path.lower().rstrip("/")
    return path.endswith((".rss", ".atom", "/feed", "/rss", "/atom", "feed.xml", "rss.xml", "atom.xml"))


# Feeds.

def _read_feed(spec: SourceSpec, response: Response, body: bytes, warn: Warn) -> list[Entry]:
    import feedparser

    body, broken = repair_utf8(body, response.headers.get("content-type", ""))
    if broken:
        warn(f"{spec.location}: {broken} byte(s) that are not UTF-8 replaced by \ufffd")
    # A stream, never bytes: feedparser opens bytes that name a file as that file.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-type": response.headers.get("content-type", "application/xml"), "content-location": response.url,
    })
    if parsed.get("bozo") and not parsed.entries:
        raise SourceFailed(f"{spec.location}: not a feed that can be read: {_bozo_reason(parsed)}")
    if parsed.get("bozo"):
        warn(f"{spec.location}: the feed is not well-formed ({_bozo_reason(parsed)}); its entries were read anyway")
    entries = []
    for number, item in enumerate(parsed.entries, 1):
        link = _entry_link(item)
        title = _text(item.get("title"))
        if not link:
            warn(f"{spec.location}: entry {number} ({title or 'untitled'}) has no link: passed over")
            continue
        address = urljoin(response.url, link)
        if urlsplit(address).scheme not in ("http", "https"):
            warn(f"{spec.location}: entry {number} links to {address[:100]}, not an http(s) address: passed over")
            continue
        entries.append(Entry(url=address, source=spec, date=_entry_date(item), title=title))
    if not entries:
        raise SourceFailed(f"{spec.location}: the feed lists no entry with a link")
    return entries


def _bozo_reason(parsed: Any) -> str:
    reason = str(parsed.get("bozo_exception") or "not XML").strip()
    return reason.splitlines()[0][:200] if reason else "not XML"


def _entry_link(item: Any) -> str | None:
    link = item.get("link")
    if isinstance(link, str) and link.strip():
        return link.strip()
    for candidate in item.get("links") or ():
        href = candidate.get("href") if hasattr(candidate, "get") else None
        if isinstance(href, str) and href.strip() and candidate.get("rel", "alternate") == "alternate":
            return href.strip()
    guid = item.get("id")
    if isinstance(guid, str) and guid.strip().lower().startswith(("http://", "https://")) and item.get("guidislink", True):
        return guid.strip()
    return None


def _entry_date(item: Any) -> datetime | None:
    # dict.get: feedparser's own get maps a missing 'updated' to 'published' with a warning.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = dict.get(item, key)
        if moment:
            try:
                year, month, day, hour, minute, second = moment[:6]
                return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    for key in ("published", "updated"):
        text = dict.get(item, key)
        if isinstance(text, str) and (moment := parse_date(text)):
            return moment
    return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def parse_date(text: str) -> datetime | None:
    """A date in ISO 8601 / W3C form or as e-mail and HTTP write it; None for anything
    else (an entry whose date cannot be read is taken as one without a date). A date
    without a zone is taken in UTC."""
    text = text.strip()
    moment: datetime | None = None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Sitemaps.

def _read_sitemap(spec: SourceSpec, url: str, body: bytes, client: Client, warn: Warn, seen: set[str]) -> list[Entry]:
    root = _parse_xml(body, url)
    name = root.tag.rpartition("}")[2] if isinstance(root.tag, str) else ""
    if name == "urlset":
        return list(_sitemap_urls(spec, root, url))
    entries: list[Entry] = []
    for child in _children(root, "sitemap"):
        location = _child_text(child, "loc")
        if not location:
            continue
        address = urljoin(url, location)
        if address in seen:
            warn(f"{spec.location}: the sitemap index lists {address}, already read (it points at itself?): read once")
            continue
        if len(seen) >= _MAX_SITEMAPS:
            warn(f"{spec.location}: more than {_MAX_SITEMAPS} sitemaps: the rest passed over")
            break
        seen.add(address)
        try:
            response = _get(client, address, "application/xml, */*;q=0.5")
            kind, child_body = _kind(response, client)
            if kind != "sitemap":
                raise SourceFailed(f"{address}: listed in a sitemap index, but not a sitemap ({_describe(response, child_body)})")
            entries += _read_sitemap(spec, response.url, child_body, client, warn, seen)
        except (SourceFailed, FetchFailed) as problem:
            warn(f"{spec.location}: {problem}")
    if not entries:
        raise SourceFailed(f"{spec.location}: the sitemap index leads to no page")
    return entries


def _parse_xml(body: bytes, url: str) -> Any:
    from lxml import etree

    # No DTD, no entities, no network: a sitemap is data.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as problem:
        raise SourceFailed(f"{url}: a sitemap that is not well-formed XML ({problem})") from None


def _children(element: Any, name: str) -> Iterable[Any]:
    return (child for child in element if isinstance(child.tag, str) and child.tag.rpartition("}")[2] == name)


def _child_text(element: Any, name: str) -> str | None:
    for child in _children(element, name):
        if child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _sitemap_urls(spec: SourceSpec, root: Any, url: str) -> Iterable[Entry]:
    for item in _children(root, "url"):
        location = _child_text(item, "loc")
        if not location:
            continue
        address = urljoin(url, location)
        if urlsplit(address).scheme not in ("http", "https"):
            continue
        news = next(iter(_children(item, "news")), None)
        published = _child_text(news, "publication_date") if news is not None else None
        title = _child_text(news, "title") if news is not None else None
        date_text = published or _child_text(item, "lastmod")
        yield Entry(url=address, source=spec, date=parse_date(date_text) if date_text else None, title=title)


# Pages: an article, or a site or section page and its feed.

def _read_page(spec: SourceSpec, response: Response, body: bytes, client: Client, warn: Warn) -> list[Entry]:
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(body)
    except Exception:  # lxml raises several kinds on hostile markup: then it is taken as an article
        return [Entry(url=response.url, source=spec, page=response)]
    if _declares_article(root):
        return [Entry(url=response.url, source=spec, page=response)]
    for feed in _candidate_feeds(root, response.url):
        try:
            feed_response = _get(client, feed, _FEED_ACCEPT)
            kind, feed_body = _kind(feed_response, client)
            if kind == "feed":
                return _read_feed(spec, feed_response, feed_body, warn)
            if kind == "sitemap":
                return _read_sitemap(spec, feed_response.url, feed_body, client, warn, {feed_response.url})
        except (SourceFailed, FetchFailed, RobotsRefused):
            continue
    for sitemap in _candidate_sitemaps(response.url, client):
        try:
            sitemap_response = _get(client, sitemap, "application/xml, */*;q=0.5")
            kind, sitemap_body = _kind(sitemap_response, client)
            if kind == "sitemap":
                entries = _read_sitemap(spec, sitemap_response.url, sitemap_body, client, warn, {sitemap_response.url})
                return _within_section(entries, response.url) or entries
        except (SourceFailed, FetchFailed, RobotsRefused):
            continue
    # No feed: the page is taken as an article (the cleaner says if it is not one).
    return [Entry(url=response.url, source=spec, page=response)]


def _declares_article(root: Any) -> bool:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            return "article" in (meta.get("content") or "").lower()
    for script in root.iter("script"):
        if ((script.get("type") or "").lower() == "application/ld+json" and script.text
                and re.search(r'"@type"\s*:\s*\[?\s*"(News|Blog|Report)?(Article|Posting)"', script.text)):
            return True
    return False


def _candidate_feeds(root: Any, page_url: str) -> list[str]:
    declared = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        if "alternate" in rels and kind in _FEED_TYPES and link.get("href"):
            declared.append(urljoin(page_url, link.get("href").strip()))
    parts = urlsplit(page_url)
    bases = []
    if parts.path.strip("/"):
        bases.append(f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/")
    bases.append(f"{parts.scheme}://{parts.netloc}/")
    common = [base + path for base in bases for path in _COMMON_FEED_PATHS]
    return list(dict.fromkeys(declared + common))


def _candidate_sitemaps(page_url: str, client: Client) -> list[str]:
    robots = client.robots(page_url)
    listed = [str(address) for address in getattr(robots, "sitemaps", ()) or ()]
    parts = urlsplit(page_url)
    return list(dict.fromkeys([*listed, f"{parts.scheme}://{parts.netloc}/sitemap.xml"]))


def _within_section(entries: list[Entry], page_url: str) -> list[Entry]:
    """A section page's articles in a whole site's sitemap: those under its path."""
    path = urlsplit(page_url).path.rstrip("/")
    if not path:
        return entries
    return [entry for entry in entries if urlsplit(entry.url).path.startswith(path + "/")]
