"""Hostile page shapes found by benchmarks/cleaning_robustness.py: each is cleaned or ends
as the project's own error naming the file, never another exception or a hang."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from publisher import read_article
from publisher.errors import NotAnArticleError
from publisher.ingest import sanitise

ARTICLE = "".join(f"<p>Paragraph {n} of the article holds enough words to be a real sentence of text.</p>" for n in range(4))
BAD_ADDRESS = "http://[::1"  # an unclosed IPv6 bracket: urllib raises ValueError on it


def _page(tmp_path: Path, head: str, body: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>The title</title>{head}</head><body><h1>The title</h1>{body}</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("head", [
    f'<link rel="canonical" href="{BAD_ADDRESS}">',
    f'<meta property="og:url" content="{BAD_ADDRESS}">',
    f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "The title", "url": "{BAD_ADDRESS}"}}</script>',
    f'<base href="{BAD_ADDRESS}"><meta property="og:image" content="{BAD_ADDRESS}">',
], ids=["canonical", "og:url", "json-ld url", "base and og:image"])
def test_an_unparsable_page_address_is_ignored(tmp_path, head):
    result = read_article(_page(tmp_path, head, f'<figure><img src="{BAD_ADDRESS}/a.jpg"><figcaption>C</figcaption></figure>{ARTICLE}'))
    assert "Paragraph 3 of the article" in result.article.body[-1].text  # type: ignore[union-attr]


def test_a_page_of_more_lines_than_any_article_is_refused_before_the_rules(tmp_path):
    path = _page(tmp_path, "", ARTICLE + "<p>Short line here.</p>" * 12_000)
    with pytest.raises(NotAnArticleError, match=r"12\d\d\d lines of text.*limit 10000") as raised:
        read_article(path)
    assert raised.value.path == path


def test_a_dump_of_more_lines_than_any_article_is_refused_before_the_rules(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("The title\n\n" + "A line of the page.\n\n" * 12_000, encoding="utf-8")
    with pytest.raises(NotAnArticleError, match=r"12001 lines of text") as raised:
        read_article(path)
    assert raised.value.path == path


def test_a_long_run_of_escaped_text_reaches_the_sanitiser_in_short_nodes_and_reads_the_same(monkeypatch):
    # nh3's time grows with the square of the characters it escapes in one text node.
    text = "a & b &amp; c&nbsp;d &#x1F600; " * 3000
    seen: list[str] = []
    clean = sanitise.nh3.clean

    def recording_clean(body: str, **options: object) -> str:
        seen.append(body)
        return clean(body, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sanitise.nh3, "clean", recording_clean)
    page = sanitise.sanitise_page(f"<html><head><title>T</title></head><body><p>{text}</p></body></html>")
    assert max(len(run) for run in re.split(r"[<>]", seen[0])) <= 2048
    assert lxml_html.document_fromstring(page).find(".//p").text_content() == html.unescape(text)


def test_a_name_longer_than_any_names_nobody():
    """A page's author field or byline filled with thousands of words is no name (and the
    name's patterns, written for a name's length, never run along it)."""
    from publisher.clean.names import split_authors

    assert split_authors("Jane " * 5000) == ()
    assert split_authors("Jane Roe, Staff Writer") == ("Jane Roe",)
