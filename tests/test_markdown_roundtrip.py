"""``publisher clean`` writes Markdown that ``publisher build`` reads back unchanged."""

from __future__ import annotations

import dataclasses

import pytest

from publisher import (
    Article,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    PublisherError,
    Quote,
    article_to_markdown,
    load_profiles,
    read_article,
)
from publisher.model import Source


def _without_path(article: Article) -> Article:
    return dataclasses.replace(article, path=None)


def test_seed_round_trips(tmp_path, seed_article):
    markdown = tmp_path / "seed.md"
    markdown.write_text(article_to_markdown(seed_article), encoding="utf-8")
    again = read_article(markdown, load_profiles()).article
    assert _without_path(again) == _without_path(seed_article)


def test_markdown_special_characters_survive(tmp_path):
    article = Article(
        title="Giá *vàng* tăng [mạnh] & <bất ngờ>",
        kicker="# Không phải tiêu đề:",
        lead="(Dân trí) - 1. Mở đầu_có_gạch `mã` \\ ngược",
        authors=("Nhóm PV",),
        source=Source(name="Dân trí", url="https://dantri.com.vn/a.htm"),
        body=(
            Paragraph("- không phải danh sách"),
            Paragraph("2016. Năm bản lề, 100% đạt *chỉ tiêu*"),
            Heading("> Không phải trích dẫn"),
            Figure(caption="Ảnh: [minh họa] (TTXVN)"),
            Quote("Lời nói: “Có công mài sắt”"),
            ListBlock(items=("một", "hai *ba*"), ordered=True),
            Paragraph("&amp; là một thực thể, &#273; cũng vậy"),
        ),
    )
    path = tmp_path / "special.md"
    path.write_text(article_to_markdown(article), encoding="utf-8")
    assert _without_path(read_article(path, load_profiles()).article) == article


def test_unknown_front_matter_key_names_its_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: Một\nauthor: Sai khóa\n---\n\nĐoạn.\n", encoding="utf-8")
    with pytest.raises(PublisherError) as caught:
        read_article(path, load_profiles())
    assert caught.value.line == 3
    assert "author" in caught.value.message


def test_cleaned_html_pages_round_trip(tmp_path):
    from conftest import FIXTURES

    for page in sorted((FIXTURES / "html").glob("*.html")):
        article = read_article(page, load_profiles()).article
        markdown = tmp_path / (page.stem + ".md")
        markdown.write_text(article_to_markdown(article), encoding="utf-8")
        again = read_article(markdown, load_profiles()).article
        assert _without_path(again) == _without_path(article), page.name


def test_character_references_in_front_matter_resolve_as_in_the_body(tmp_path):
    path = tmp_path / "entities.md"
    path.write_text("---\ntitle: Tung tin &#39;Mr Bean&#39; &amp; virus\n---\n\nChuyện &#39;lạ&#39; &amp; thật.\n", encoding="utf-8")
    article = read_article(path, load_profiles()).article
    assert article.title == "Tung tin 'Mr Bean' & virus"
    assert article.body[0].text == "Chuyện 'lạ' & thật."
