"""A saved HTML page as the lines a browser would show, each with what the markup says it is.

The cleaner reads these lines with the same rules as a plain-text page dump; the markup
only adds evidence: a heading tag, an image and its address, a caption, a lead or byline
class name. Class names are matched by common words that Vietnamese (and most other) news
CMSes use, never by a particular site's names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from lxml import etree
from lxml import html as lxml_html

from publisher.clean.lines import ROW_HINT, data_row
from publisher.clean.unicode import tidy_line
from publisher.ingest.images import furniture_evidence, image_address, page_base_url

# The visually-hidden utility classes (Bootstrap's and Tailwind's ``sr-only``, WordPress's
# ``screen-reader-text``, ``visually-hidden``/``visuallyhidden`` of HTML5 Boilerplate and
# the GOV.UK and BEM styles, ``off-screen``, Drupal's ``element-invisible``), as a class
# name or the end of one (``article-image__visually-hidden``).
_VISUALLY_HIDDEN = re.compile(
    r"(?:^|[\s_-])(?:sr-only|screen-reader-text|screen-reader-only|visually-?hidden|off-?screen|element-invisible)(?=$|\s)",
    re.I,
)
_SKIPPED = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "select", "option", "button",
    "input", "textarea", "object", "embed", "video", "audio", "canvas", "map", "head", "label",
})
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
    "tbody", "thead", "section", "article", "header", "footer", "aside", "nav", "figure",
    "figcaption", "blockquote", "dd", "dt", "dl", "center", "form", "main", "pre", "address",
    "caption", "body", "hr",
})
_CELLS = frozenset({"td", "th"})
_INLINE_IN_CELL = frozenset({"br"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD = frozenset({"b", "strong"})
# Words in class names and ids, as CMSes use them. Order matters: the first match wins.
_CLASS_HINTS = (
    ("breadcrumb", re.compile(r"bread-?crumb|crumbs?\b", re.I)),
    ("caption", re.compile(r"caption|chu-?thich|desc_?img|image_?desc|img_?desc|photo_?desc|expnote|figcaption", re.I)),
    ("lead", re.compile(r"sapo|\blead|articlelead|summary|short_?intro|intro\b|chap+eau|tom-?tat|description", re.I)),
    ("author", re.compile(r"author|byline|tac-?gia|writer", re.I)),
    ("source", re.compile(r"\bsource|nguon", re.I)),
    ("subtitle", re.compile(r"\bsubtitle|sub_?title|\bsub-?head|intertitle|crosshead", re.I)),
    ("date", re.compile(r"date|time|ngay", re.I)),
    ("comment", re.compile(r"comment|binh-?luan|binhluan|y-?kien|feedback|phan-?hoi", re.I)),
    # Facebook's plugins, by the class names its documentation gives every site that embeds
    # them (``fb-like``, ``fb-page``, ``fb-send-to-messenger``): calls to follow, like, share.
    (
        "promo",
        re.compile(
            r"sign-?up|newsletter|(?:^|[\W_])cta(?:$|[\W_])|promo|donat|call-?to-?action|\bfb-(?:like|share|send|page|follow|save|login)",
            re.I,
        ),
    ),
    (
        "related",
        re.compile(
            r"related|lien-?quan|lienquan|tin-?khac|xemthem|xem-?them|more-?news|other-?news|readmore|tags?\b|box-?news|list-?news",
            re.I,
        ),
    ),
)

_HINT_RANK = {hint: rank for rank, (hint, _) in enumerate(_CLASS_HINTS)}
_HINT_SETS = [frozenset({hint}) for hint, _ in _CLASS_HINTS]
_NO_HINT = len(_CLASS_HINTS)
_ANY_HINT = re.compile("|".join(f"(?P<{hint}>{pattern.pattern})" for hint, pattern in _CLASS_HINTS), re.I)
# Class names in ASCII (nearly all of them), matched in lower case: the hints' words are in
# lower case (tests/test_page_lines.py checks), and a case-blind match costs twice as much.
_ANY_HINT_LOWER = re.compile(_ANY_HINT.pattern)
# Every hint's words without the boundaries they need: a name with no match of this has no
# hint, and most names (``row``, ``col-md-8``, ``fb-like``) have none.
_MAYBE_HINT_LOWER = re.compile(
    "|".join(pattern.pattern for _, pattern in _CLASS_HINTS)
    .replace(r"(?:^|[\W_])", "")
    .replace(r"(?:$|[\W_])", "")
    .replace(r"\b", "")
)

# Hints an inline element may give its whole line (``<span class="author">``); others (a
# tag link inside a paragraph) would mislabel the paragraph.
_INLINE_HINTS = frozenset({"author", "source"})
_FURNITURE = frozenset({"furniture"})
_NO_HINTS: frozenset[str] = frozenset()  # an image that is a share button, an avatar, a logo...


@dataclass(frozen=True)
class PageLine:
    """One line of the page's text, with the markup's evidence about it."""

    text: str
    kind: str = "text"  # text, heading, image, item, quote
    level: int = 0  # heading level
    hints: frozenset[str] = frozenset()  # from class names: caption, lead, author, ...
    bold: bool = False  # all of its text is bold
    src: str | None = None  # an image's address
    alt: str | None = None
    link: bool = False  # all of its text is a link (menus, related articles)
    sourceline: int = 0  # where the block starts in the HTML source
    block: int = 0  # which block element holds it: lines split by <br> share one
    within: tuple[int, ...] = ()  # the block elements around that one, outermost first


# lxml.html's elements, chosen in C: lxml.html's own choice runs Python code for every
# element the tree hands out (thousands a page, here and in the extractor) only to pick
# its form-control classes, whose extra methods nothing here uses (and a sanitised page
# has no form controls).
_HTML_ELEMENTS = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)


def parse_html(markup: str) -> lxml_html.HtmlElement:
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, encoding=None)
    parser.set_element_class_lookup(_HTML_ELEMENTS)  # in place of lxml.html's
    root: lxml_html.HtmlElement = lxml_html.document_fromstring(markup, parser=parser)
    return root


def page_lines(root: etree._Element, page_path: Path | None = None) -> list[PageLine]:
    """The page's visible text, one block per line, in reading order. Image addresses are
    absolute against the page's own address, except those of files saved beside the page
    (``page_path``'s folder), which stay relative to it."""
    body = root.find("body")
    builder = _LineBuilder(page_base_url(root), page_path.parent if page_path is not None else None)
    builder.walk(body if body is not None else root)
    builder.flush()
    return builder.lines


class _Frame(NamedTuple):
    """What an element changed on the way in, to undo on the way out (a tuple: one is made
    for every element of the page)."""

    # A block's: the builder's hints, heading, item, quote, block and within before it; None
    # for an inline element, which changes none of them.
    saved: tuple[frozenset[str], int, bool, bool, int, tuple[int, ...]] | None
    bold: bool  # inside <b>/<strong>
    link: bool  # inside <a href>


# An inline element's frame by its bold and link: it saves nothing, so four serve them all.
_INLINE_FRAMES = {(bold, link): _Frame(None, bold, link) for bold in (False, True) for link in (False, True)}
_OUTSIDE = _INLINE_FRAMES[False, False]  # around the walk's top element: never left


class _LineBuilder:
    """Walks the tree without recursion (saved pages nest deeply) and gathers lines."""

    def __init__(self, base_url: str | None = None, folder: Path | None = None) -> None:
        self.lines: list[PageLine] = []
        self._base_url = base_url  # what relative image addresses are relative to
        self._folder = folder  # where the saved page's own copies of its images are
        self._parts: list[str] = []
        self._bold_parts: list[bool] = []
        self._link_parts: list[bool] = []
        self._inline_hints: frozenset[str] = frozenset()  # from classes of inline elements (span.author)
        self._hints: frozenset[str] = frozenset()
        self._heading = 0
        self._item = False
        self._quote = False
        self._sourceline = 0
        self._block = 0
        self._within: tuple[int, ...] = ()
        self._blocks_seen = 0

    def flush(self) -> None:
        # Inline hints come only with an inline element's text: without parts there are none.
        if not self._parts:  # most blocks end right after another: nothing to make a line of
            self._inline_hints = frozenset()
            return
        # Character references resolve after the page was normalised: normalise again.
        text = unicodedata.normalize("NFC", tidy_line("".join(self._parts)))
        if text:
            visible = [i for i, part in enumerate(self._parts) if part.strip()]
            all_bold = all(self._bold_parts[i] for i in visible)
            all_link = all(self._link_parts[i] for i in visible)
            kind = "heading" if self._heading else ("item" if self._item else ("quote" if self._quote else "text"))
            hints = self._hints | self._inline_hints
            # A heading is never a caption, whatever its box is called ("caption" title bars).
            hints = hints - {"caption"} if kind == "heading" else hints
            self.lines.append(
                PageLine(
                    text, kind, self._heading, hints, all_bold, link=all_link, sourceline=self._sourceline,
                    block=self._block, within=self._within,
                )
            )
        self._parts = []
        self._bold_parts = []
        self._link_parts = []
        self._inline_hints = frozenset()

    def _add(self, text: str, bold: bool, link: bool) -> None:
        if not self._parts and text.isspace():
            # The white space between a page's tags: what a line would start with is trimmed
            # (a part opens a line only with inline hints, which come with text).
            return
        self._parts.append(text.replace("\n", " "))
        self._bold_parts.append(bold)
        self._link_parts.append(link)

    def walk(self, top: etree._Element) -> None:
        frames = [_OUTSIDE]
        walker = etree.iterwalk(top, events=("start", "end"))
        for event, element in walker:
            if event == "start":
                frame = self._enter(element, frames[-1])
                if frame is None:
                    walker.skip_subtree()
                    parent = frames[-1]
                    frame = _INLINE_FRAMES[parent.bold, parent.link]  # its end undoes nothing
                frames.append(frame)
                continue
            frame = frames.pop()
            if frame.saved is not None:
                if self._parts:
                    self.flush()
                self._hints, self._heading, self._item, self._quote, self._block, self._within = frame.saved
            if element.tail and element is not top:
                # The text after an element belongs to its parent (not bold after </b>).
                parent = frames[-1]
                self._add(element.tail, parent.bold, parent.link)

    def _enter(self, element: etree._Element, parent: _Frame) -> _Frame | None:
        """What the element changes for what it holds; None where nothing inside it is read
        (hidden, skipped, a picture, a table's row of data read whole)."""
        tag = element.tag
        if not isinstance(tag, str):
            return None
        tag = tag.lower()
        if tag in _SKIPPED:
            return None
        # The attributes read at once (many elements have none), not asked for one by one.
        attributes = dict(element.items())
        if attributes:
            if _hidden_by(attributes):
                return None
            own = _class_hints(attributes)
        else:
            own = _NO_HINTS
        if tag == "tr" and (row := _data_row(element)) is not None:
            if self._parts:
                self.flush()
            self._blocks_seen += 1
            bold = all(cell.tag == "th" for cell in element if isinstance(cell.tag, str) and cell.tag.lower() in _CELLS)
            self.lines.append(PageLine(row, "text", 0, self._hints | own | ROW_HINT, bold,
                                       sourceline=element.sourceline or self._sourceline, block=self._blocks_seen,
                                       within=(*self._within, self._block)))
            return None
        is_block = tag in _BLOCKS
        if is_block or tag == "br" or tag == "img":
            if self._parts:  # most blocks open or close right after another: nothing to flush
                self.flush()
            self._sourceline = element.sourceline or self._sourceline
        if tag == "img":
            self._picture(element, own, parent.link)
            return None
        saved = None
        if is_block:
            saved = (self._hints, self._heading, self._item, self._quote, self._block, self._within)
            self._blocks_seen += 1
            self._within = (*self._within, self._block)
            self._block = self._blocks_seen
            if own:
                self._hints = self._hints | own
            if tag in _HEADINGS:
                self._heading = _HEADINGS[tag]
            # Only a list item's own lines are items, not the blocks nested in it.
            self._item = tag == "li"
            self._quote = self._quote or tag == "blockquote"
            if tag == "figcaption":
                self._hints = self._hints | {"caption"}
        elif own & _INLINE_HINTS and (element.text or "").strip():
            self._inline_hints = self._inline_hints | (own & _INLINE_HINTS)
        bold = parent.bold or tag in _BOLD
        link = parent.link or (tag == "a" and bool(attributes.get("href")))
        if element.text:
            self._add(element.text, bold, link)
        return _Frame(saved, bold, link) if saved is not None else _INLINE_FRAMES[bold, link]

    def _picture(self, element: etree._Element, own: frozenset[str], link: bool) -> None:
        src = image_address(element, self._base_url, self._folder)
        if src:
            alt = unicodedata.normalize("NFC", tidy_line(element.get("alt") or "")) or None
            # Site furniture stays a line (it still parts the headline from the text, a
            # byline from a teaser) but becomes no figure.
            hints = self._hints | own | (_FURNITURE if furniture_evidence(element, src) else frozenset())
            self.lines.append(PageLine("", "image", 0, hints, False, src, alt, link=link,
                                       sourceline=element.sourceline or 0))


def _class_hints(attributes: dict[str, str]) -> frozenset[str]:
    """The hint of the first kind (in ``_CLASS_HINTS``' order) any of an element's class,
    id and itemprop names give (``attributes``: the element's)."""
    best = _NO_HINT
    for names in (attributes.get("class"), attributes.get("id"), attributes.get("itemprop")):
        if names:
            best = min(best, _hint_rank(names))
    return _HINT_SETS[best] if best != _NO_HINT else frozenset()


@lru_cache(maxsize=8192)
def _hint_rank(names: str) -> int:
    """A page repeats the same few class names on thousands of elements: each is matched
    once, by one pattern of every hint's words."""
    if names.isascii():
        lower = names.lower()
        if not _MAYBE_HINT_LOWER.search(lower):
            return _NO_HINT
        matches = _ANY_HINT_LOWER.finditer(lower)
    else:
        matches = _ANY_HINT.finditer(names)
    ranks = [_HINT_RANK[match.lastgroup] for match in matches if match.lastgroup]
    return min(ranks, default=_NO_HINT)


def _data_row(row: etree._Element) -> str | None:
    """A table row as one line where it is one of data (``data_row``: a score, a price, a
    name and a figure), each cell a few words of text alone, no paragraph, list, table or
    picture inside; None for a row of a table a page is laid out with (a cell holds
    paragraphs, a picture, a whole column of text), whose cells stay blocks of their own."""
    texts = []
    for cell in row:
        tag = cell.tag.lower() if isinstance(cell.tag, str) else ""
        if tag not in _CELLS:
            if tag and not _is_hidden(cell):
                return None  # a row of rows, or markup a table should not hold
            continue
        if _is_hidden(cell):
            continue
        text = _cell_text(cell)
        if text is None:
            return None
        texts.append(text)
    return data_row(texts)


def _cell_text(cell: etree._Element) -> str | None:
    """A data cell's visible text; None where the cell holds a block (a paragraph, a list,
    a table, a picture)."""
    parts: list[str] = []
    walker = etree.iterwalk(cell, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if element is not cell and (tag in _SKIPPED or not tag or _is_hidden(element)):
                walker.skip_subtree()
                continue
            if element is not cell and (tag in _BLOCKS or tag == "img") and tag not in _INLINE_IN_CELL:
                return None
            parts.append(element.text or "")
        elif element is not cell:
            parts.append(element.tail or "")
    return unicodedata.normalize("NFC", tidy_line(" ".join(parts)))


def _is_hidden(element: etree._Element) -> bool:
    """Hidden from the page's readers: ``display: none``, ``hidden``, or a class of the
    visually-hidden utilities CSS frameworks and CMSes share (``sr-only``,
    ``screen-reader-text``, ``visually-hidden``, ``off-screen``): labels for screen
    readers ("Image caption", "Share this with Email", "Posted in:") that the page
    never shows, and that a printed article should not show either."""
    return _hidden_by(dict(element.items()))


def _hidden_by(attributes: dict[str, str]) -> bool:
    """``_is_hidden`` of an element with these attributes."""
    style = attributes.get("style")
    if (style is not None and "display:none" in style.replace(" ", "").lower()) or attributes.get("hidden") is not None:
        return True
    names = attributes.get("class")
    return names is not None and _visually_hidden(names)


@lru_cache(maxsize=4096)
def _visually_hidden(names: str) -> bool:
    return _VISUALLY_HIDDEN.search(names) is not None
