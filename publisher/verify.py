"""``--verify``: read every output back and check that no text was lost or reordered."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from lxml import html as lxml_html

from publisher.errors import PublisherError
from publisher.model import Figure, Heading, ListBlock, Paragraph, Publication, Quote
from publisher.render.dates import format_date
from publisher.render.quotes import typographic_publication

if TYPE_CHECKING:
    from pypdf.generic import Destination

    # pypdf's outline: its entries, and lists of the entries under the one before.
    _Outline = Sequence[Destination | "_Outline"]

_PAGE_NUMBER = re.compile(r"^\s*(Trang\s+|Page\s+)?(\d+|[ivxlcdm]+)(\s*/\s*\d+)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Missing:
    format: str
    article: str
    text: str

    def __str__(self) -> str:
        return f"{self.format.upper()}: '{self.article[:50]}' lost or moved: {self.text[:70]}"


class VerificationError(PublisherError):
    """An output does not hold every part of every article, in order."""


def expected_texts(publication: Publication) -> list[tuple[str, list[str]]]:
    """Per article: its title, lead, and each paragraph, heading, caption, in order."""
    result = []
    for article in publication.articles:
        texts = [article.title] + ([article.lead] if article.lead else [])
        for block in article.body:
            if isinstance(block, (Paragraph, Heading, Quote)):
                texts.append(block.text)
            elif isinstance(block, Figure) and block.caption:
                texts.append(block.caption)
            elif isinstance(block, ListBlock):
                texts.extend(block.items)
        result.append((article.title, [t for t in texts if t.strip()]))
    return result


def squash(text: str) -> str:
    """Text without whitespace and format characters: readers place spaces and zero-width
    characters as they like, and what counts is every visible character, in order."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


def find_missing(publication: Publication, format_name: str, flow: str, skip: frozenset[str] = frozenset()) -> list[Missing]:
    flat = squash(flow)
    position = 0
    missing = []
    for title, texts in expected_texts(publication):
        for text in texts:
            if squash(text) in skip:
                continue
            found = flat.find(squash(text), position)
            if found < 0:
                missing.append(Missing(format_name, title, text))
            else:
                position = found
    return missing


def pdf_flow(data: bytes, furniture: frozenset[str]) -> str:
    """The PDF's text in reading order, without running heads and page numbers."""
    from pypdf import PdfReader

    lines = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for line in (page.extract_text() or "").splitlines():
            if _PAGE_NUMBER.match(line) or squash(line) in furniture:
                continue
            lines.append(line)
    # A word hyphenated at a line's end (by the article's language) reads as one word.
    return re.sub("\u2010\n", "", "\n".join(lines))


def pdf_outline_titles(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.generic import Destination

    titles: list[str] = []

    def walk(items: _Outline) -> None:
        for item in items:
            if isinstance(item, Destination):
                titles.append(str(item.title))
            else:
                walk(item)

    walk(PdfReader(io.BytesIO(data)).outline)
    return titles


def _furniture(publication: Publication) -> frozenset[str]:
    heads = [publication.title] + [a.title for a in publication.articles]
    dates = [format_date(publication.date, publication.language)] if publication.date else []
    found = {squash(h) for h in heads} | {squash(d) for d in dates}
    found |= {squash(h + d) for h in heads for d in dates} | {squash(d + h) for h in heads for d in dates}
    return frozenset(found)


def epub_flow(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        rootfile = container.find(".//{*}rootfile")
        opf_path = rootfile.get("full-path") if rootfile is not None else None
        if opf_path is None:
            raise ValueError("the EPUB's container names no package document")
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        opf = etree.fromstring(archive.read(opf_path))
        manifest = {item.get("id"): item.get("href") for item in opf.iter("{*}item")}
        texts = []
        for itemref in opf.iter("{*}itemref"):
            href = manifest[itemref.get("idref")]
            if href is None:
                raise ValueError("the EPUB's manifest lists an item without its address")
            root = etree.fromstring(archive.read(base + href))
            body = root.find("{*}body")
            texts.append("".join(body.itertext()) if body is not None else "")
    return "\n".join(texts)


def html_flow(data: bytes) -> str:
    tree = lxml_html.fromstring(data)
    main = tree.find(".//main")
    return (main if main is not None else tree).text_content()


def verify_outputs(publication: Publication, outputs: Iterable[tuple[str, Path]]) -> list[Missing]:
    """What the outputs lack of ``publication``'s text, as printed (with its quotes)."""
    publication = typographic_publication(publication)
    missing: list[Missing] = []
    for format_name, path in outputs:
        data = path.read_bytes()
        if format_name == "pdf":
            # Running heads repeat titles on every page, so the text flow leaves them out;
            # titles are checked in the outline instead, where each article has its bookmark.
            furniture = _furniture(publication)
            missing += find_missing(publication, format_name, pdf_flow(data, furniture), skip=furniture)
            outline = [squash(t) for t in pdf_outline_titles(data)]
            remaining = iter(outline)
            for article in publication.articles:
                if not any(title == squash(article.title) for title in remaining):
                    missing.append(Missing("pdf", article.title, "its bookmark, in article order"))
                    break
            continue
        if format_name == "epub":
            flow = epub_flow(data)
        elif format_name == "html":
            flow = html_flow(data)
        else:
            continue
        missing += find_missing(publication, format_name, flow)
    return missing
