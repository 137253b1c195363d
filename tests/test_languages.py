"""The cleaner on articles in other languages and scripts: each rule on made-up pages
(tests/multilingual_pages.py) in the two shapes users hand it, a saved page and a
browser's copy."""

from __future__ import annotations

import pytest
from multilingual_pages import STORIES, Story, html_page, text_dump

from publisher import load_profiles, read_article
from publisher.clean.words import word_count
from publisher.model import Article

PROFILES = load_profiles()


def _read(tmp_path, story: Story, shape: str) -> Article:
    page = tmp_path / (f"{story.lang}.txt" if shape == "dump" else f"{story.lang}.html")
    page.write_text(text_dump(story) if shape == "dump" else html_page(story, metadata=shape == "metadata"), encoding="utf-8")
    return read_article(page, PROFILES).article


def _body(article: Article) -> str:
    return " ".join([article.lead or "", *(getattr(block, "text", "") or "" for block in article.body)])


# ------------------------------------------------------------------ words without spaces


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The council voted on Tuesday.", 5, 5),
        ("市は1日、来年4月から市営バスの深夜便を大幅に増やすと発表した。", 12, 20),
        ("市交通局1日宣布，从明年4月起，全市12条公交线路将把末班车时间推迟约一小时。", 14, 24),
        ("เทศบาลประกาศเมื่อวันอังคารว่าตั้งแต่เดือนเมษายนปีหน้ารถเมล์สิบสองสายจะวิ่งเพิ่มอีกหนึ่งชั่วโมงทุกคืน", 15, 30),
    ],
)
def test_words_are_counted_in_scripts_that_set_no_spaces(text, low, high):
    assert low <= word_count(text) <= high


@pytest.mark.parametrize("lang", ["ja", "zh-Hans", "zh-Hant", "th", "km"])
def test_an_article_in_a_script_without_spaces_is_not_refused_as_a_menu(tmp_path, lang):
    """Without metadata, a page's paragraphs are its only evidence of being an article:
    counted by spaces, a Chinese or Thai paragraph is a few "words", a menu's length."""
    story = STORIES[lang]
    article = _read(tmp_path, story, "html")
    assert article.title == story.title
    assert all(paragraph[:20] in _body(article) for paragraph in story.paragraphs)
    assert article.language == lang.split("-")[0]
