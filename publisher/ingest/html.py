"""Saved HTML pages, read as the text a browser would show, then cleaned as a page dump.

A first reader: block elements become lines, scripts and styles go. Pages whose main
content needs an extractor are the next step (see the issues).
"""

from __future__ import annotations

from bs4 import BeautifulSoup

_BLOCK_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article",
    "header", "footer", "figcaption", "figure", "blockquote", "title", "td", "dd", "dt",
)


def html_to_lines(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg", "form"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return title + "\n" + body.get_text("", strip=False)
