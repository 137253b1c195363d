"""A saved page as lines: blocks, breaks, bold, links, class-name hints, pictures."""

from __future__ import annotations

import re

from publisher.ingest import pagelines
from publisher.ingest.pagelines import page_lines, parse_html


def lines_of(markup: str):
    return page_lines(parse_html(f"<html><body>{markup}</body></html>"))


def test_blocks_breaks_and_inline_text():
    lines = lines_of("<div>Một <i>hai</i> ba<br>bốn<p>năm</p>sáu</div><script>bảy()</script><p style='display: none'>tám</p>")
    assert [line.text for line in lines] == ["Một hai ba", "bốn", "năm", "sáu"]
    assert lines[0].block == lines[1].block  # split by <br>, one block


def test_bold_and_links_cover_whole_lines_only():
    lines = lines_of("<p><b>Minh Anh</b></p><p><b>Lưu ý:</b> đây là đoạn văn thường.</p><p><a href='/x'>Tin khác</a></p><p>Xem <a href='/y'>đây</a></p>")
    assert [(line.bold, line.link) for line in lines] == [(True, False), (False, False), (False, True), (False, False)]


def test_hints_headings_items_quotes_and_pictures():
    lines = lines_of(
        "<h2 class='sapo'>Tiêu đề phụ</h2><div class='sapo'>Lời dẫn</div><ul><li>Một</li></ul>"
        "<blockquote><p>Trích</p></blockquote><figure><img src='a.jpg' alt='Ảnh &amp; chữ'><figcaption>Chú thích</figcaption></figure>"
        "<p>Bài: <span class='author'>Minh Anh</span></p>"
    )
    assert [(line.kind, line.level) for line in lines] == [
        ("heading", 2), ("text", 0), ("item", 0), ("quote", 0), ("image", 0), ("text", 0), ("text", 0)
    ]
    assert "lead" in lines[1].hints
    assert (lines[4].src, lines[4].alt) == ("a.jpg", "Ảnh & chữ")
    assert "caption" in lines[5].hints
    assert "author" in lines[6].hints


def test_deeply_nested_markup_keeps_its_text():
    # libxml2 keeps 255 levels; the walk itself uses no recursion.
    markup = "<font>" * 240 + "Chữ sâu" + "</font>" * 240
    assert [line.text for line in lines_of(f"<p>{markup}</p>")] == ["Chữ sâu"]


def test_class_names_give_the_same_hint_in_any_case_and_script():
    # Names in ASCII are matched in lower case without IGNORECASE: the hints' words must be
    # lower case for that to find what the case-blind pattern finds.
    for _, pattern in pagelines._CLASS_HINTS:
        assert re.sub(r"\\[A-Za-z]", "", pattern.pattern).islower()
    names = [
        "ArticleSapo", "BYLINE author-box", "date TIME", "row col-md-8", "fb-like", "box-news xemthem", "CTA-button",
        "newsletter-cta", "premium-cta", "Tags", "tagsapo", "mô-tả sapo", "Chú-thích caption", "\u017fource", "related-date",
        "image_desc description", "sub-head intro", "crumbs", "breadcrumbsy", "", "k",
    ]
    for names_ in names:
        ranks = [pagelines._HINT_RANK[m.lastgroup] for m in pagelines._ANY_HINT.finditer(names_) if m.lastgroup]
        assert pagelines._hint_rank(names_) == min(ranks, default=pagelines._NO_HINT), names_
    assert lines_of("<div class='Article-SAPO'>Lời dẫn</div>")[0].hints == {"lead"}
