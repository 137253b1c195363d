"""The cleaner on articles in other languages and scripts: each rule on made-up pages
(tests/multilingual_pages.py) in the two shapes users hand it, a saved page and a
browser's copy."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from multilingual_pages import STORIES, Story, html_page, text_dump

from publisher import load_profiles, read_article
from publisher.clean.dates import parse_date_line
from publisher.clean.names import is_caps_byline
from publisher.clean.shapes import byline_names
from publisher.clean.words import word_count
from publisher.model import Article, Paragraph

PROFILES = load_profiles()


def _read(tmp_path, story: Story, shape: str) -> Article:
    page = tmp_path / (f"{story.lang}.txt" if shape == "dump" else f"{story.lang}.html")
    page.write_text(text_dump(story) if shape == "dump" else html_page(story, metadata=shape == "metadata"), encoding="utf-8")
    return read_article(page, PROFILES).article


def _text(block: object) -> str:
    return getattr(block, "text", "") or getattr(block, "caption", "") or ""


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
    assert article.language.split("-")[0] == lang.split("-")[0]


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_a_copys_photo_caption_between_paragraphs_is_no_subheading(tmp_path, lang):
    """A copy prints the picture's caption as a line between the first two paragraphs:
    in every script, Thai's (which ends its sentences with no stop) too, it is no heading
    of the text, and the first paragraph opens the story."""
    story = STORIES[lang]
    article = _read(tmp_path, story, "dump")
    assert not any(type(block).__name__ == "Heading" and story.caption in _text(block) for block in article.body)
    first = article.lead or _text(article.body[0])
    assert first.startswith(story.paragraphs[0][:20])


# ------------------------------------------------------------------ dates in many languages


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2026年12月2日 10:30", datetime(2026, 12, 2, 10, 30)),
        ("2026년 12월 2일 10:30", datetime(2026, 12, 2, 10, 30)),
        ("2 декабря 2026, 10:30", datetime(2026, 12, 2, 10, 30)),
        ("2 grudnia 2026, 10:30", datetime(2026, 12, 2, 10, 30)),
        ("2. prosince 2026", datetime(2026, 12, 2)),
        ("2 Aralık 2026 10:30", datetime(2026, 12, 2, 10, 30)),
        ("Rabu, 2 Desember 2026 10:30", datetime(2026, 12, 2, 10, 30)),
        ("2 december 2026", datetime(2026, 12, 2)),
        ("14 maart 2026", datetime(2026, 3, 14)),
        ("2 ديسمبر 2026", datetime(2026, 12, 2)),
        ("2 كانون الأول 2026", datetime(2026, 12, 2)),
        ("2 грудня 2026", datetime(2026, 12, 2)),
        ("2 ธันวาคม 2569 10:30 น.", datetime(2026, 12, 2, 10, 30)),
        ("2 ធ្នូ 2026", datetime(2026, 12, 2)),
        # A time set with a full stop, before a zone, a clock's word or the line's end
        ("2. Dezember 2026, 10.30 Uhr", datetime(2026, 12, 2, 10, 30)),
        ("Rabu, 2 Desember 2026 10.30", datetime(2026, 12, 2, 10, 30)),
        ("02.12.2026", datetime(2026, 12, 2)),  # must not fire: the date's own stops
    ],
)
def test_dates_are_read_as_each_language_prints_them(printed, expected):
    found = parse_date_line(printed)
    assert found is not None and found.value == expected


@pytest.mark.parametrize("lang", ["ja", "ko", "ru", "ar", "th", "id", "pl", "tr", "it", "pt", "nl", "el", "hu", "he", "hi"])
def test_a_copy_finds_its_headline_and_date_in_the_languages_own_date_form(tmp_path, lang):
    """A browser copy has no title line: the headline is the line above the date, and the
    date must be read as a date, not taken for the headline."""
    story = STORIES[lang]
    article = _read(tmp_path, story, "html" if lang in ("ja", "ko", "ar", "th") else "dump")
    assert article.published is not None and article.published.value.replace(tzinfo=None) == story.date
    assert article.title == story.title


@pytest.mark.parametrize(
    ("lang", "printed_date"),
    [
        ("ja", "令和8年12月2日 10:30"),  # an era's year
        ("ja", "２０２６年１２月２日 10:30"),  # full-width digits
        ("ar", "٢ ديسمبر ٢٠٢٦"),  # Arabic-Indic digits
        ("th", "2 ธ.ค. พ.ศ. 2569 10:30 น."),  # an abbreviated month, the Buddhist era named
    ],
)
def test_a_page_gets_its_date_in_its_scripts_digits_and_calendar(tmp_path, lang, printed_date):
    story = replace(STORIES[lang], printed_date=printed_date)
    for shape in ("html", "dump"):
        article = _read(tmp_path, story, shape)
        assert article.published is not None and article.published.value.replace(tzinfo=None) == story.date, shape
        assert article.title == story.title


# ------------------------------------------------------------------ bylines in many languages


@pytest.mark.parametrize("shape", ["html", "dump"])
@pytest.mark.parametrize("lang", sorted(STORIES))
def test_the_byline_is_read_in_the_articles_language(tmp_path, lang, shape):
    """"Von", "Oleh", "Yazar:", "Автор:", "記者", "بقلم", "โดย", "ដោយ" before the name,
    "기자" after it; and no short line of a script without capitals is a byline "in
    capitals" (a related story's headline under the text is none)."""
    story = STORIES[lang]
    assert _read(tmp_path, story, shape).authors == (story.author,)


@pytest.mark.parametrize(
    ("lang", "byline"), [("ar", "بقلم: أحمد علي"), ("en", "By: Jane Roe"), ("fr", "Par : Jean Dupont"), ("de", "Von: Max Muster")]
)
def test_a_bylines_word_may_take_a_colon(lang, byline):
    from publisher.clean.shapes import byline_names, is_byline

    assert is_byline(byline, PROFILES.common)
    assert byline_names(byline, PROFILES.common) == (byline.split(":", 1)[1].strip(),)


@pytest.mark.parametrize("shape", ["html", "dump"])
@pytest.mark.parametrize("lang", sorted(STORIES))
def test_the_kicker_is_the_breadcrumbs_section_not_its_home_link(tmp_path, lang, shape):
    """"الرئيسية › أخبار", "首页 › 新闻", "Címlap › Hírek": the home link goes in every
    language, and in a script without capitals any letter opens the section's name."""
    story = STORIES[lang]
    assert _read(tmp_path, story, shape).kicker == story.menu[1]


def test_a_name_run_into_the_date_after_it_is_parted_from_it():
    profile = PROFILES.common
    assert byline_names("Von Anna Schmidt2. Dezember 2026, 10:30 Uhr", profile) == ("Anna Schmidt",)
    assert byline_names("Автор: Иван Петров2 декабря 2026", profile) == ("Иван Петров",)


def test_no_line_of_a_script_without_capitals_is_a_byline_in_capitals():
    assert not is_caps_byline("市議會通過新年度預算")
    assert not is_caps_byline("المجلس البلدي يقر الميزانية")
    assert is_caps_byline("PHÙNG KHIÊM")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("CLICK FOR FULL STATE SWIM RESULTS", False),
        ("RÉSULTATS COMPLETS POUR LA FINALE", False),
        ("ALLE ERGEBNISSE MIT FOTOS", False),
        ("DON'T MISS", False),
        ("WE'LL BE BACK", False),
        ("LE THE ANH", True),  # Lê Thế Anh without its marks: "the" is a name's syllable too
        ("DAN MAI VÀ HA TO", True),
        ("JOHN SMITH AND JANE DOE", True),
        ("PAR JEAN DUPONT", True),
    ],
)
def test_a_call_in_capitals_is_no_line_of_names(line, names):
    """A pointer in capitals (``CLICK FOR FULL RESULTS``) holds a word of a sentence that no
    name is; short words and ``THE`` are name syllables too and prove nothing."""
    assert is_caps_byline(line) is names


# ------------------------------------------------------------------ sentences without stops


@pytest.mark.parametrize("shape", ["dump", "html"])
@pytest.mark.parametrize(("lang", "closing", "authors"), [
    ("ja", "（山田太郎）", ("山田太郎",)),
    ("ja", "（山田太郎、佐藤花子）", ("山田太郎", "佐藤花子")),
    ("zh-Hans", "（记者 王小明）", ("王小明",)),
    ("zh-Hans", "（完）", ()),  # the end, in a wire story: one character, no name
    ("ja", "（市提供）", ()),  # a photo's note: provided by the city
])
def test_a_name_in_brackets_under_the_last_paragraph_is_the_byline(tmp_path, lang, closing, authors, shape):
    """Japanese and Chinese papers sign a story under its last paragraph, the reporter's
    name alone in full-width brackets."""
    story = replace(STORIES[lang], byline="", paragraphs=(*STORIES[lang].paragraphs, closing))
    article = _read(tmp_path, story, shape)
    assert article.authors == authors
    if authors:
        assert closing not in [_text(block) for block in article.body]


def test_a_thai_copy_keeps_its_paragraphs_which_end_with_no_stop(tmp_path):
    """Thai ends a sentence with a space: in a copy, its paragraphs are prose by their
    length, not captions (unpunctuated lines of a few words) nor a menu's lines."""
    story = STORIES["th"]
    article = _read(tmp_path, story, "dump")
    assert article.title == story.title
    texts = [article.lead or "", *(block.text for block in article.body if isinstance(block, Paragraph))]
    assert all(any(paragraph in text for text in texts) for paragraph in story.paragraphs)


# ------------------------------------------------------------------ the language of the text


@pytest.mark.parametrize("shape", ["metadata", "html", "dump"])
def test_traditional_chinese_is_told_from_simplified(tmp_path, shape):
    """Taiwan, Hong Kong and Macau write Traditional characters (這, 們, 說, 國); a page's
    ``<html lang="zh">`` or a copy does not say which: the text does, and fonts and
    readers need it (the same character is drawn differently in the two)."""
    assert _read(tmp_path, STORIES["zh-Hant"], shape).language.startswith("zh-Hant")
    assert _read(tmp_path, STORIES["zh-Hans"], shape).language == "zh"


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_every_language_is_detected_from_a_copy(tmp_path, lang):
    assert _read(tmp_path, STORIES[lang], "dump").language == ("zh" if lang == "zh-Hans" else lang)


# ------------------------------------------------------------------ the extractor's floor, the footer


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "ja"])
def test_the_head_run_into_the_first_paragraph_is_not_put_back_in_chinese_or_japanese(tmp_path, lang):
    """The extractor joins headline, byline, date and first paragraph into one block; the
    body is compared with it word by word, and a Chinese or Japanese "word" found by spaces
    is a whole clause: compared character by character, the block is seen to be the lead."""
    story = STORIES[lang]
    article = _read(tmp_path, story, "html")
    assert not any(story.title in _text(block) for block in article.body)
    assert sum(story.paragraphs[0][:20] in text for text in [article.lead or "", *map(_text, article.body)]) == 1


@pytest.mark.parametrize(("lang", "footer"), [("zh-Hans", "版权所有 © 2026 示例日报社"), ("ko", "ⓒ 2026 예시일보. 무단 전재 및 재배포 금지")])
def test_a_copyright_footer_in_chinese_or_korean_ends_the_text(tmp_path, lang, footer):
    story = STORIES[lang]
    assert story.footer == footer
    article = _read(tmp_path, story, "html")
    assert not any(footer in _text(block) for block in article.body)


@pytest.mark.parametrize(
    ("lang", "sign_in", "related"),
    [
        ("ru", "Войти", "Читайте также"), ("ja", "ログイン", "関連記事"), ("zh-Hans", "登录", "相关新闻"),
        ("zh-Hant", "登入", "相關新聞"), ("ko", "로그인", "관련기사"), ("ar", "تسجيل الدخول", "اقرأ أيضاً"),
        ("pl", "Zaloguj się", "Zobacz także"), ("tr", "Giriş yap", "İlgili Haberler"), ("nl", "Inloggen", "Gerelateerde artikelen"),
        ("id", "Masuk", "Berita Terkait"), ("th", "เข้าสู่ระบบ", "ข่าวที่เกี่ยวข้อง"), ("he", "התחברות", "כתבות נוספות"),
    ],
)
def test_a_copys_sign_in_link_and_related_heading_are_furniture_in_every_language(tmp_path, lang, sign_in, related):
    """The menu's sign-in link right above the headline is no kicker, and the heading of
    other stories' list under the text ends it, in each language's words (the byline
    stands over the text here, so nothing else ends it)."""
    story = STORIES[lang]
    lines = [
        *story.menu, sign_in, story.title, story.byline, story.printed_date, *story.paragraphs, related, *story.related,
        story.footer,
    ]
    page = tmp_path / f"{lang}.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    article = read_article(page, PROFILES).article
    assert article.title == story.title
    assert article.kicker != sign_in
    assert not any(headline in _body(article) for headline in story.related)
    assert story.paragraphs[-1][:20] in _body(article)
