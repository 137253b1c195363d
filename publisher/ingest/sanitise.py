"""Scraped HTML through an allowlist sanitiser (nh3, the Ammonia crate) before anything
reads it: no script, frame, object, form control, event handler, ``javascript:`` URL or style
beyond what says an element is hidden gets further than this."""

from __future__ import annotations

import re

import nh3
from lxml import etree
from lxml import html as lxml_html

_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
# The body tag, or the start of what may hold the words "<body" without being markup.
_BODY_OR_SKIPPED = re.compile(r"(?P<body><body\b[^>]*>)|(?P<comment><!--)|<(?P<skipped>script|style)\b", re.IGNORECASE)
_COMMENT_END = re.compile(r"-->")
_CLOSING = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in ("script", "style")}
_ALLOWED_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "center", "cite", "code", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "i", "img", "ins", "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "s", "section",
    "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul",
    # Metadata set in the body (microdata's <meta itemprop>, tags a CMS plugin prints after <body>).
    "meta",
}
# A <form> loses its tag but keeps its content: ASP.NET pages wrap the whole page in one.
_DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "canvas",
    "video", "audio", "select", "textarea", "button", "applet", "frameset", "frame", "title",
}
_ATTRIBUTES = {
    "*": {"class", "id", "hidden", "style", "itemprop", "lang", "title"},
    "a": {"href"},
    # role and aria-hidden: a page's own word that a picture is decoration (furniture_evidence).
    "img": {"src", "alt", "srcset", "width", "height", "role", "aria-hidden"},
    "source": {"srcset", "type"},
    "time": {"datetime"},
    "meta": {"name", "property", "content"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_META_ATTRIBUTES = ("name", "property", "content", "itemprop", "charset", "rel", "href", "http-equiv")
_HEAD_KEEP = ("title", "meta", "link", "base")  # <base href>: what relative image addresses are relative to
# nh3 takes time quadratic in the characters it escapes (&, <, >, no-break spaces) within one
# text node: 2.4 MB of "a & b " took 13 s. An empty comment every few thousand characters
# (stripped with the others) keeps each node short; what is read after is the same text.
# A long text node, with the ">" closing the tag before it (a pattern opening with a character
# is searched for as such; opening with a look behind, it was tried at every character).
_LONG_TEXT = re.compile(r">([^<>]{4096,})")
_TEXT_PIECE = 2048
_LONGEST_REFERENCE = 40  # "&CounterClockwiseContourIntegral;", with room to spare


def sanitise_page(markup: str) -> str:
    """The page with its body sanitised and its head reduced to title, meta and links."""
    match = _body_tag(markup)
    head, body = (markup[: match.start()], markup[match.end() :]) if match else ("", markup)
    clean_body = nh3.clean(
        _LONG_TEXT.sub(_split_text, body),
        tags=_ALLOWED_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        url_schemes={"http", "https"},
        link_rel=None,
        filter_style_properties={"display", "visibility"},
        strip_comments=True,
    )
    return f"<!DOCTYPE html><html><head>{_clean_head(head)}</head><body>{clean_body}</body></html>"


def _body_tag(markup: str) -> re.Match[str] | None:
    """The page's own ``<body>`` tag: not one a script writes or a comment holds in the
    head (``document.write("<body ...>")``), which would leave the head's metadata in the
    body. Scripts, style sheets and comments are stepped over, forward only (one pass); one
    left open ends the look, and the first ``<body`` anywhere is taken, as before."""
    position = 0
    while (found := _BODY_OR_SKIPPED.search(markup, position)) is not None:
        if found.group("body"):
            return found
        closing = _COMMENT_END if found.group("comment") else _CLOSING[found.group("skipped").lower()]
        end = closing.search(markup, found.end())
        if end is None:
            break
        position = end.end()
    return _BODY.search(markup)


def _split_text(match: re.Match[str]) -> str:
    """A long run of text in pieces between empty comments, never cutting a character
    reference; the ">" before it kept."""
    text = match.group(1)
    pieces, start = [], 0
    while len(text) - start > _TEXT_PIECE:
        cut = start + _TEXT_PIECE
        ampersand = text.rfind("&", cut - _LONGEST_REFERENCE, cut)
        if ampersand > start and ";" not in text[ampersand:cut]:
            cut = ampersand
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return ">" + "<!---->".join(pieces)


def _clean_head(head: str) -> str:
    if not head.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(head + "</head><body></body></html>")
    except (ValueError, etree.ParserError):
        return ""
    kept = []
    for element in root.iter(*_HEAD_KEEP):
        if element.tag == "link" and (element.get("rel") or "").lower() != "canonical":
            continue
        for name in list(element.attrib):
            if name.lower().startswith("on") or name.lower() not in _META_ATTRIBUTES:
                del element.attrib[name]
        kept.append(lxml_html.tostring(element, encoding="unicode"))
    return "".join(kept)
