"""Rules that hold on pages nobody tuned the cleaner for: each on a small made-up page.

Every page here is written by the test: the rules must read a site they have never seen,
in any language, from its metadata and its shape, not from its words.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest

from publisher import Figure, Heading, Paragraph, load_profiles, read_article
from publisher.clean.dates import parse_date_line
from publisher.clean.explain import CleanResult
from publisher.clean.floor import ExtractedBlock, ExtractedText, restore_floor
from publisher.clean.furniture import drop_furniture
from publisher.clean.head import in_menu_above
from publisher.clean.language import detect_language
from publisher.clean.lines import Line
from publisher.clean.profiles import load_profiles as load_profile_set
from publisher.clean.wrapping import display_width, unwrap
from publisher.errors import InputError, NotAnArticleError
from publisher.ingest.metadata import read_metadata
from publisher.ingest.pagelines import parse_html
from publisher.model import Article, ListBlock, PrintedDate

_PAGE_TITLE = "Council adds twenty bus routes - Example News"  # a dump's first line, the page title
PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network by twenty routes, the largest change in a decade.",
    "Officials said the new routes would serve neighbourhoods on the eastern edge of the city that have had no service.",
    "Residents who spoke at the meeting welcomed the plan but asked for buses to run later in the evening and at weekends.",
    "The first routes are expected to open in the spring, with the rest following over the next two years, officials said.",
]


def _page(tmp_path, body: str, head: str = "", name: str = "page.html", lang: str = "en") -> object:
    page = tmp_path / name
    page.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>', encoding="utf-8")
    return page


def _json_ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _text_of(article: Article) -> str:
    return " ".join(
        getattr(b, "text", "") or getattr(b, "caption", "") or " ".join(getattr(b, "items", ())) for b in article.body
    )


# ------------------------------------------------------------------ metadata first


def test_a_blogs_name_in_an_h1_over_the_post_is_no_headline(tmp_path):
    """The blog's name in an <h1> over every post (its logo) ends the page title too; the
    post's own <h1> is the headline."""
    head = ('<title>Council adds twenty bus routes - The Example Blog</title>'
            '<meta property="og:title" content="Council adds twenty bus routes - The Example Blog">'
            '<meta property="og:site_name" content="The Example Blog">')
    body = ('<header><h1 class="title">The Example Blog</h1></header><nav><a href="/">Home</a> <a href="/about">About</a></nav>'
            '<article><h1 class="entry-title">Council adds twenty bus routes</h1>'
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    article = read_article(_page(tmp_path, body, head), load_profiles()).article
    assert article.title == "Council adds twenty bus routes"
    # A page whose headline is the site's name keeps it.
    head = '<title>The Example Blog</title><meta property="og:site_name" content="The Example Blog">'
    body = '<h1>The Example Blog</h1>' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert read_article(_page(tmp_path, body, head, "own.html"), load_profiles(), as_article=True).article.title == "The Example Blog"


def test_metadata_gives_headline_date_author_and_language(tmp_path):
    head = "<title>Buses for the east | The Daily Example</title>" + _json_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council adds twenty bus routes",
        "datePublished": "2019-11-19T08:30:00-05:00", "author": {"@type": "Person", "name": "Jane Roe"},
    })
    body = "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = read_article(_page(tmp_path, body, head), load_profiles()).article
    assert article.title == "Council adds twenty bus routes"
    assert article.authors == ("Jane Roe",)
    assert article.published.value == datetime(2019, 11, 19, 8, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert article.language == "en"


def test_json_ld_with_a_line_break_left_raw_inside_a_string_is_read(tmp_path):
    """A CMS that writes its description with the line break the editor typed leaves JSON
    that a strict parser refuses; browsers and search engines read it all the same."""
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",\n'
        '"headline": "Council adds twenty bus routes", "description": "Twenty routes\nfor the east",\n'
        '"datePublished": "2019-11-20 12:32:13+08:00", "author": {"@type": "Person", "name": "Jane Roe"}}</script>'
    )
    body = "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = read_article(_page(tmp_path, body, head), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert article.published.value == datetime(2019, 11, 20, 12, 32, 13, tzinfo=timezone(timedelta(hours=8)))


def test_metadata_is_read_past_a_body_tag_a_script_writes_and_in_the_body(tmp_path):
    """A head whose script writes ``<body ...>`` (the words, not the tag) before the meta
    tags, and a CMS plugin's meta tags printed after the real ``<body>``: both are the
    page's metadata."""
    body = "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    head = ("<title>Council adds twenty bus routes</title><script>document.write('<body class=\"x\">');</script>"
            '<meta property="article:published_time" content="2019-11-19T13:40:05+00:00">')
    article = read_article(_page(tmp_path, body, head), load_profiles()).article
    assert article.published is not None and article.published.value == datetime(2019, 11, 19, 13, 40, 5, tzinfo=UTC)
    late = '<meta property="article:published_time" content="2019-11-18T09:00:00+00:00">' + body
    article = read_article(_page(tmp_path, late, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published is not None and article.published.value == datetime(2019, 11, 18, 9, 0, tzinfo=UTC)


def test_of_two_microdata_headlines_the_one_the_other_titles_say_is_the_headline(tmp_path):
    """A theme that marks its page header's label as a headline too ("Blog - Latest News",
    first on the page) does not give the article that label; with no other title to
    compare, the first microdata headline stands."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = (
        "<div class='title_container'><strong itemprop='headline'><a href='/'>Blog - Latest News</a></strong></div>"
        f"<article><h1 itemprop='headline'><a href='/post'>Council adds twenty bus routes</a></h1>{text}</article>"
    )
    head = "<title>Council adds twenty bus routes - The Daily Example</title>"
    assert read_article(_page(tmp_path, body, head), load_profiles()).article.title == "Council adds twenty bus routes"
    markup = f"<html><body>{body}</body></html>"
    assert read_metadata(markup, parse_html(markup)).headline == "Blog - Latest News"


def test_an_itemprop_that_names_several_properties_gives_each(tmp_path):
    """Microdata's ``itemprop`` is a list of names: a date marked as published and created
    at once is the published date."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    head = '<meta itemprop="datePublished dateCreated" content="2019-11-18T17:56:27.000Z">'
    body = f"<article><h1>Council adds twenty bus routes</h1>{text}</article>"
    published = read_article(_page(tmp_path, body, head), load_profiles()).article.published
    assert published is not None and published.value == datetime(2019, 11, 18, 17, 56, 27, tzinfo=UTC)
    head = '<meta itemprop="dateModified" content="2019-11-19T00:37:03.000Z"><meta itemprop="datePublishedX" content="2019">'
    assert read_article(_page(tmp_path, body, head, name="b.html"), load_profiles()).article.published is None


@pytest.mark.parametrize(
    ("byline", "printed"),
    [
        ("Written by Jane Roe, MS, RD on November 14, 2019", "November 14, 2019"),
        ("By Jane Roe | 14/11/2019", "14/11/2019"),
        ("By Jane Roe", None),
    ],
)
def test_a_byline_above_the_text_gives_the_date_it_ends_with(tmp_path, byline, printed):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = f"<article><h1>Council adds twenty bus routes</h1><div class='byline'>{byline}</div>{text}</article>"
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert (article.published.printed if article.published else None) == printed


@pytest.mark.parametrize(("stamp", "stays"), [("Published 11:11 PM EST Nov 19, 2019", False), ("Published Nov 12, 2019", True)])
def test_a_date_stamp_of_the_day_the_head_gave_is_not_text(tmp_path, stamp, stays):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = (
        "<article><h1>Council adds twenty bus routes</h1><div class='byline'>By Jane Roe on November 19, 2019</div>"
        f"{text}<p>{stamp}</p></article>"
    )
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published is not None and article.published.printed == "November 19, 2019"
    assert (stamp in _text_of(article)) is stays


def test_a_time_element_under_the_headline_gives_the_date_where_nothing_else_does(tmp_path):
    """No date in the metadata and only a relative one printed (``1 day ago``): the
    ``<time datetime>`` right under the headline is the story's. One far down the page (a
    list of other stories) is not."""
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = ('<h1>Council adds twenty bus routes</h1><div><span>By Jane Roe</span>'
            '<time datetime="2019-11-19T11:45:59.000Z">1 day ago</time></div>' + story)
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published is not None and article.published.value == datetime(2019, 11, 19, 11, 45, 59, tzinfo=UTC)
    far = "<h1>Council adds twenty bus routes</h1>" + story + "<div>" * 50 + '<time datetime="2019-11-01T08:00:00Z">Nov 1</time>'
    article = read_article(_page(tmp_path, far, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published is None


@pytest.mark.parametrize(
    ("given", "authors"),
    # A CMS's login in lower case names nobody.
    [("JANE ROE, AP Transport Writer", ("Jane Roe",)), ("ABC", ("ABC",)), ("newsadmin", ())],
)
def test_the_metadatas_author_is_read_as_a_byline_is(tmp_path, given, authors):
    head = "<title>Buses for the east</title>" + _json_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council adds twenty bus routes",
        "author": {"@type": "Person", "name": given},
    })
    body = "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert read_article(_page(tmp_path, body, head), load_profiles()).article.authors == authors


def test_no_time_zone_is_invented(tmp_path):
    """A date printed without a zone stays without one: no Vietnamese +07:00 for a US page."""
    body = ("<h1>Council adds twenty bus routes</h1><p class='byline'>By Jane Roe and John Doe</p>"
            "<p>November 18, 2019 | 4:10pm</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published.value == datetime(2019, 11, 18, 16, 10)
    assert article.published.value.tzinfo is None
    assert article.authors == ("Jane Roe", "John Doe")


@pytest.mark.parametrize(
    ("meta", "printed", "authors"),
    [
        ("October 15, 2019/0 Comments/in City News /by admin", "October 15, 2019", ()),
        ("15/10/2019 | 0 bình luận | 5 phút đọc", "15/10/2019", ()),
        ("15. Oktober 2019 · Lesezeit 3 Min. · 12 Kommentare", "15. Oktober 2019", ()),
        ("Par Jeanne Roux · 3 min de lecture · 15 octobre 2019", "15 octobre 2019", ("Jeanne Roux",)),
        ("By Jane Roe • 1,234 views", None, ("Jane Roe",)),
    ],
)
def test_a_posts_meta_line_gives_its_date_and_byline_and_is_no_text(tmp_path, meta, printed, authors):
    """Segments parted by a slash, a bar or a dot, one of them a count (comments, views,
    minutes to read), the others a date, a section or a byline: the head's, not the text's."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = f"<article><h1>Council adds twenty bus routes</h1><p>{meta}</p>{text}</article>"
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert (article.published.printed if article.published else None) == printed
    assert article.authors == authors
    assert meta not in _text_of(article)


@pytest.mark.parametrize(
    "line",
    [
        # No count: a menu's row and a line of the text stay what they were.
        "Home / News / City",
        "Read the council's plan in full / 12 pages",
        # A count with a segment that is none of a head's: a sentence.
        "The plan drew 12 comments / the council replied to each of them at length",
    ],
)
def test_a_line_of_segments_without_a_count_or_with_a_sentence_is_no_meta_line(line):
    from publisher.clean.shapes import meta_line

    assert meta_line(line, load_profiles().common) is None


def test_a_day_printed_without_its_hour_takes_the_metadatas_moment_of_that_day(tmp_path):
    """The page prints the day; its metadata gives the moment. The metadata's moment of
    another day is not taken: the printed day stands."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = f"<article><h1>Council adds twenty bus routes</h1><p>October 15, 2019</p>{text}</article>"
    for meta, value in (("2019-10-15T10:33:49+00:00", datetime(2019, 10, 15, 10, 33, 49, tzinfo=UTC)),
                        ("2019-10-16T10:33:49+00:00", datetime(2019, 10, 15))):
        head = f'<title>Council adds twenty bus routes</title><meta property="article:published_time" content="{meta}">'
        article = read_article(_page(tmp_path, body, head, name=f"{meta[:10]}.html"), load_profiles()).article
        assert article.published is not None and article.published.printed == "October 15, 2019"
        assert article.published.value == value


def test_a_zone_the_page_prints_is_kept(tmp_path):
    body = "<h1>Council adds twenty bus routes</h1><p>Tuesday 19 November 2019 15:02 GMT</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published.value == datetime(2019, 11, 19, 15, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Hôm nay Ủy ban nhân dân tỉnh đã họp bàn về kế hoạch phát triển kinh tế năm tới.", None, "vi"),
        ("The council voted on Tuesday to expand the bus network by twenty routes.", "vi", "en"),  # a template's lang= loses
        ("Der Stadtrat hat am Dienstag beschlossen, das Busnetz um zwanzig Linien zu erweitern.", None, "de"),
        ("El ayuntamiento aprobó el martes ampliar la red de autobuses con veinte líneas nuevas.", None, "es"),
        ("Le conseil municipal a voté mardi pour étendre le réseau de bus de vingt lignes.", "fr-CA", "fr-CA"),
        ("東京都は今日、新しいバス路線の計画を発表しました。", None, "ja"),
        ("서울시는 오늘 새로운 버스 노선 계획을 발표했습니다.", None, "ko"),
        ("北京市今天发布了新的公交线路计划。", None, "zh"),
        ("Москва объявила сегодня о новых автобусных маршрутах.", None, "ru"),  # noqa: RUF001 - Russian, in Cyrillic
        ("أعلنت الحكومة اليوم عن خطة جديدة لخطوط الحافلات.", None, "ar"),
        ("รัฐบาลประกาศแผนใหม่สำหรับรถโดยสารวันนี้", None, "th"),
        ("រដ្ឋាភិបាលបានប្រកាសផែនការថ្មីនៅថ្ងៃនេះ", None, "km"),
        ("abc", "pt-br", "pt-BR"),  # too short to tell: the declaration stands
        ("abc", None, "und"),
    ],
)
def test_language_from_the_text_and_the_declaration(text, declared, expected):
    assert detect_language(text, declared) == expected


# ------------------------------------------------------------------ page furniture and the extractor


def test_furniture_between_headline_and_text_goes(tmp_path):
    """Share buttons, an author's box with links and a "most popular" list stand between
    the headline and the text on many sites: none of it reaches the article."""
    popular = "".join(f'<li><a href="/s{n}">Popular story number {n} that everyone is reading today</a></li>' for n in range(6))
    body = (
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><h1>Council adds twenty bus routes</h1>"
        "<div class='author-box'><p class='author'>By Jane Roe</p><p class='author'><a href='/jane'>View author archive</a></p></div>"
        "<ul class='share'><li><a href='#'>Facebook</a></li><li><a href='#'>Twitter</a></li></ul>"
        f"<h3>Most Popular Today</h3><ol>{popular}</ol>"
        "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
        "<h2>Related stories</h2><ul>" + popular + "</ul>"
    )
    result = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes - The Daily Example</title>"), load_profiles())
    article = result.article
    assert article.authors == ("Jane Roe",)
    assert [b.text for b in article.body if isinstance(b, Paragraph)] == PARAGRAPHS[1:] or article.lead == PARAGRAPHS[0]
    assert "Popular story" not in _text_of(article) and "View author archive" not in _text_of(article)


def test_a_standfirst_apart_from_the_text_is_told_from_an_opening_paragraph(tmp_path):
    """A standfirst in the page's header, which the main-text extractor leaves out, is the
    lead and is marked apart from the text; the same sentence as the article's first
    paragraph is the lead too, but part of the text."""
    standfirst = "A decade of waiting ends for the eastern suburbs as the network grows by a fifth."
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    head = "<title>Council adds twenty bus routes</title>"
    apart = (
        f"<header><h1>Council adds twenty bus routes</h1><p class='standfirst'>{standfirst}</p>"
        f"<p class='byline'>By Jane Roe</p></header><article>{text}</article>"
    )
    opening = (
        "<header><h1>Council adds twenty bus routes</h1><p class='byline'>By Jane Roe</p></header>"
        f"<article><p class='lead'>{standfirst}</p>{text}</article>"
    )
    profiles = load_profiles()
    result = read_article(_page(tmp_path, apart, head, name="apart.html"), profiles)
    assert (result.article.lead, result.lead_apart) == (standfirst, True)
    result = read_article(_page(tmp_path, opening, head, name="opening.html"), profiles)
    assert (result.article.lead, result.lead_apart) == (standfirst, False)
    dump = tmp_path / "dump.txt"
    dump.write_text("\n".join(["Council adds twenty bus routes", standfirst, *PARAGRAPHS]), encoding="utf-8")
    assert read_article(dump, profiles).lead_apart is False  # no extractor's verdict on a dump


def test_a_standfirst_beside_the_texts_element_is_apart_from_it(tmp_path):
    """A standfirst the extractor takes in is still apart from the text where it stands
    outside the element that holds all of the text's paragraphs; the same sentences among
    those paragraphs are the text's opening, and so are they at the top of the first of
    the sections a text is set in."""
    standfirst = "The network grows by a fifth. Buses will reach the eastern suburbs for the first time in a decade."
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    second = "".join(f"<p>{p[:-1]}, the council's report adds.</p>" for p in PARAGRAPHS)
    text = first + second

    def page(name: str, under_the_date: str) -> object:
        body = f"<div class='story'><h1>Council adds twenty bus routes</h1><div>12 November 2019</div>{under_the_date}</div>"
        return _page(tmp_path, body, "<title>Council adds twenty bus routes</title>", name=name)

    profiles = load_profiles()
    beside = f"<p>{standfirst}</p><div class='content'><div class='text'>{text}</div></div>"
    among = f"<div class='content'><div class='text'><p>{standfirst}</p>{text}</div></div>"
    sections = f"<div class='content'><div class='text'><p>{standfirst}</p>{first}</div><div class='text'>{second}</div></div>"
    for name, under_the_date, apart in (("beside.html", beside, True), ("among.html", among, False), ("sections.html", sections, False)):
        result = read_article(page(name, under_the_date), profiles)
        assert (name, result.article.lead, result.lead_apart) == (name, standfirst, apart)


def test_byline_blocks_promotions_and_contacts_stay_out(tmp_path):
    body = (
        "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<div class='newsletter-signup'><p>Get the latest news delivered to your inbox every morning by subscribing today.</p></div>"
        + "<p>Reach Jane Roe at jane.roe@example.com or follow her on Twitter.</p>"
        + "<p>Reporting by Jane Roe; additional reporting by John Doe; Editing by Max Muster</p>"
    )
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    text = _text_of(article) + (article.lead or "")
    assert "inbox" not in text and "jane.roe@example.com" not in text and "Editing by" not in text
    assert article.authors == ("Jane Roe", "John Doe")


@pytest.mark.parametrize(
    ("meta", "printed"),
    [
        ("<p>By Jane Roe, December 2, 2026</p>", "December 2, 2026"),
        # Two spans side by side, run together in the text: "By Jane RoeDecember 2, 2026".
        ('<div class="meta"><span>By Jane Roe</span><span>December 2, 2026</span></div>', "December 2, 2026"),
        ("<div>By <a href='/by/jr'>Jane Roe</a> <time>December 2, 2026 at 10:30 a.m.</time></div>", "December 2, 2026 at 10:30 a.m."),
        ('<p class="byline">Von Jane Roe 2. Dezember 2026 Politik</p>', "2. Dezember 2026"),
    ],
)
def test_a_byline_with_its_date_run_on_gives_both(tmp_path, meta, printed):
    """A page with no metadata prints the byline and the date in one line: the names are
    the authors, the date is the story's, and words after the date are no part of it."""
    body = f"<h1>Night buses extended</h1>{meta}" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    article = read_article(_page(tmp_path, body, "<title>Night buses extended</title>"), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert article.published is not None and article.published.printed == printed
    assert article.published.value.date() == datetime(2026, 12, 2).date()
    assert "Jane Roe" not in _text_of(article)


def test_a_byline_under_the_top_photos_caption_is_read_and_left_out_of_the_text(tmp_path):
    body = (
        "<h1>Council adds twenty bus routes</h1>"
        "<figure><img src='bus.jpg' alt='A bus'><figcaption>A new bus on the eastern route on Monday.</figcaption></figure>"
        "<p>By Mark Smith | November 18, 2019 at 2:26 PM HST</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.authors == ("Mark Smith",)
    assert "Mark Smith" not in _text_of(article) + (article.lead or "")
    assert article.published is not None and article.published.value.utcoffset() == timedelta(hours=-10)


def test_labels_only_screen_readers_get_are_no_text_and_an_agencys_credit_is_no_byline(tmp_path):
    """The top photo's caption opens with a label hidden from sight by a visually-hidden
    utility class (``off-screen``, ``sr-only``); the picture's credit, an agency's name
    alone, stands under it. The printed caption is what the page shows, and the agency
    names no writer: the byline under it does."""
    body = (
        "<h1>Council adds twenty bus routes</h1>"
        "<figure><img src='bus.jpg' width='800' height='450'>"
        "<figcaption><span class='off-screen'>Image caption</span>A new bus on the eastern route</figcaption></figure>"
        "<p>Getty Images</p>"
        "<p><a href='/share'><span class='sr-only'>Share this with Email</span></a></p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    figure = next(block for block in article.body if isinstance(block, Figure))
    assert figure.caption.startswith("A new bus on the eastern route")
    assert "Getty Images" not in article.authors
    assert "Image caption" not in _text_of(article) and "Share this" not in _text_of(article)
    body = body.replace("<p>Getty Images</p>", "<p>Getty Images</p><p>Jane Roe</p>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.authors == ("Jane Roe",)


def test_a_byline_under_a_standfirst_and_the_date_is_read_but_a_dateline_in_capitals_stays_text(tmp_path):
    """Headline, standfirst, photo, date, ``By ...``, then the text: the byline says it is
    one. A place in capitals there (a press release's dateline) is no byline."""
    standfirst = "<div class='dek'>Twenty routes will serve the eastern edge of the city, officials said on Monday.</div>"
    photo = "<figure><img src='bus.jpg' alt='A bus'><figcaption>A new bus on the eastern route.</figcaption></figure>"
    for byline, authors in (("By Mark Smith", ("Mark Smith",)), ("BAAR, SWITZERLAND", ())):
        body = (f"<h1>Council adds twenty bus routes</h1>{standfirst}{photo}<div>Nov. 18, 2019, 8:41 AM UTC</div>"
                f"<div>{byline}</div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
        article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
        assert article.lead is not None and article.lead.startswith("Twenty routes")
        assert article.authors == authors
        assert (byline in _text_of(article)) == (not authors)


def test_the_storys_tags_above_or_below_the_text_go_but_a_list_inside_it_stays(tmp_path):
    tags = "<p>Filed Under: Buses, City Council, transport, eastern suburbs</p>"
    inside = "<p>New stops: Oak Street, Mill Road, the station, Elm Park</p>"
    body = (f"<h1>Council adds twenty bus routes</h1>{tags}<p>{PARAGRAPHS[0]}</p>{inside}"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]) + "<p>Tags: buses, council, routes</p>")
    text = _text_of(read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article)
    assert "Filed Under" not in text and "Tags:" not in text
    assert "New stops: Oak Street" in text and PARAGRAPHS[-1] in text
    # After a tag label, the tags as links one after another, with no comma between.
    linked = "<p>TỪ KHÓA: <a href='/t/1'>xe buýt</a> <a href='/t/2'>Hà Nội</a></p>"
    body = "<h1>Council adds twenty bus routes</h1><div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + linked + "</div>"
    text = _text_of(read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article)
    assert "KHÓA" not in text and PARAGRAPHS[-1] in text


def test_a_sentence_of_the_text_under_a_picture_is_text_and_a_teaser_under_a_linked_one_is_not(tmp_path):
    """Under a picture, a short line is its caption; a full sentence the extractor reads as
    the main text is a paragraph that happens to follow the picture, unless the picture
    links elsewhere and the next story's card follows (a box of other stories' cards)."""
    sentence = "Summary: the eastern routes will carry about forty thousand riders a day once all twenty are open."
    other = "Elsewhere: the tram line to the airport will close for repairs for three weeks from next Monday."
    cards = f"<a href='/other-story'><img src='bus.jpg'></a><p>{sentence}</p><a href='/third-story'><img src='tram.jpg'></a><p>{other}</p>"
    for inside, expected in ((f"<img src='bus.jpg'><p>{sentence}</p>", True), (cards, False)):
        body = (f"<h1>Council adds twenty bus routes</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{inside}"
                + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))
        article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
        paragraphs = [block.text for block in article.body if isinstance(block, Paragraph)]
        assert (sentence in paragraphs) is expected


def test_photos_a_saved_story_ends_with_keep_their_captions_but_a_photo_story_keeps_its_text(tmp_path):
    """After the text, three pictures, each with one sentence under it: the photos' captions,
    not paragraphs. A photo story, every sentence under a picture, keeps them as its text."""
    captions = [
        "The mayor opens the first of the new routes at the eastern depot on Tuesday morning.",
        "Residents queue for the first bus at a stop near the market, which had no service before.",
        "A driver checks the new timetable, which runs buses later in the evening and at weekends.",
    ]
    photos = "".join(f"<p><img src='photo{i}.jpg'></p><p>{caption}</p>" for i, caption in enumerate(captions))
    title = "<title>Council adds twenty bus routes</title>"
    body = "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + photos
    article = read_article(_page(tmp_path, body, title), load_profiles()).article
    assert [article.lead, *(block.text for block in article.body if isinstance(block, Paragraph))] == PARAGRAPHS
    assert [(block.src, block.caption) for block in article.body if isinstance(block, Figure)] == [
        (f"photo{i}.jpg", caption) for i, caption in enumerate(captions)
    ]
    story = "<h1>Council adds twenty bus routes</h1>" + "".join(
        f"<p><img src='photo{i}.jpg'></p><p>{p}</p>" for i, p in enumerate(PARAGRAPHS)
    )
    article = read_article(_page(tmp_path, story, title), load_profiles()).article
    assert [block.text for block in article.body if isinstance(block, Paragraph)][-3:] == PARAGRAPHS[1:]


def test_a_paragraph_under_a_linked_picture_with_the_text_going_on_under_it_is_no_caption(tmp_path):
    """A picture that links elsewhere (an advertisement, a share button's icon, a photo
    opening its gallery) set inside the text: the sentence under it, with the text going on
    right under that, is the text's, not the picture's caption; and so is a paragraph the
    page parted with a line break, whose first part ends with no full stop."""
    sentence = "That said, the two companies might have made a good fit, as their papers serve different towns."
    parted = ("On the supply side, the new routes are the most used of the network, followed closely by the "
              "night buses, which carry a fifth fewer riders than the day routes")
    for line in (sentence, parted):
        body = (f"<h1>Council adds twenty bus routes</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
                f"<a href='https://ads.example/buy'><img src='ad.jpg'></a><p>{line}</p>"
                + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))
        article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
        assert line in [block.text for block in article.body if isinstance(block, Paragraph)]
        assert not any(isinstance(block, Figure) and block.caption == line for block in article.body)


def test_a_linked_line_opening_the_text_under_share_buttons_stays_but_one_under_the_text_goes(tmp_path):
    """A line wholly a link that opens the text (the writer's pointer to full results), under
    the share buttons beneath the headline: the text's, neither another story's card nor the
    buttons' caption. The same link under the text's paragraphs is another story's card."""
    pointer = "Click here for the full state swim results"
    share = "".join(
        f"<a href='https://{site}.example/share?u=https://news.example/swim'><img src='/icons/{site}.png' width='34' height='34'></a>"
        for site in ("facebook", "twitter", "email")
    )
    link = f"<p><a href='https://results.example/swimming'>{pointer}</a></p>"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    head = "<title>State swim results</title>"
    stamp = "<h1>State swim results</h1><p>Posted: Fri 6:45 PM, Feb 16, 2018</p>"
    on_top = read_article(_page(tmp_path, f"{stamp}<div>{share}</div>{link}{paragraphs}", head), load_profiles())
    texts = [getattr(block, "text", "") for block in on_top.article.body]
    assert pointer in texts and PARAGRAPHS[0] in texts
    under = read_article(_page(tmp_path, f"{stamp}<div>{share}</div>{paragraphs}{link}", head), load_profiles())
    assert pointer not in _text_of(under.article) and PARAGRAPHS[-1] in _text_of(under.article)
    capitals = read_article(_page(tmp_path, f"{stamp}<div>{share}</div>{link.replace(pointer, pointer.upper())}{paragraphs}", head), load_profiles())
    assert capitals.article.authors == () and pointer.upper() in [getattr(block, "text", "") for block in capitals.article.body]


def test_the_pages_copyright_notice_ends_the_article_but_a_pictures_credit_does_not(tmp_path):
    footer = ("<p>© 2019 Example Media Inc. All Rights Reserved.</p><p>Popular</p><ul><li><a href='/world'>World</a></li>"
              "<li><a href='/politics'>Politics</a></li></ul><p>Download our app for the latest news on your phone, every day.</p>")
    body = (f"<h1>Council adds twenty bus routes</h1><p>{PARAGRAPHS[0]}</p><p>© Getty Images</p>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]) + footer)
    text = _text_of(read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article)
    assert PARAGRAPHS[-1] in text and "© Getty Images" in text
    assert "Rights Reserved" not in text and "Popular" not in text and "Download" not in text



@pytest.mark.parametrize("footer", ["© 2026 News", "Copyright 2019 Example Times", "© 2003-2026 Example"])
def test_a_short_dated_copyright_footer_ends_the_text(tmp_path, footer):
    """The sign, a year and a name of a word or two under the text: the site's footer, even
    where it is the extractor's last line (a wire's terms run to a sentence)."""
    body = "<article><h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    body += f"<footer><p>{footer}</p></footer>"
    text = _text_of(read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article)
    assert PARAGRAPHS[-1] in text and footer not in text


def test_a_copyright_notice_the_article_box_ends_with_stays_as_its_last_paragraph(tmp_path):
    # The notice inside the article's own box, the extractor's last line of text; the
    # page's footer under it is no text (the extractor takes none of it).
    notice = "Copyright 2019 Example Television. All rights reserved."
    footer = ("<footer><ul><li><a href='/weather'>Weather</a></li><li><a href='/traffic'>Traffic</a></li></ul>"
              "<p>Currently in</p><p>76</p></footer>")
    body = ("<article><h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + f"<p>{notice}</p></article>" + footer)
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    texts = [block.text for block in article.body if isinstance(block, Paragraph)]
    assert texts[-2:] == [PARAGRAPHS[-1], notice]



def test_a_date_run_into_a_marked_up_author_line_is_never_a_name(tmp_path):
    standfirst = "<div class='dek'>Twenty routes will serve the eastern edge of the city, officials said on Monday.</div>"
    body = (f"<h1>Council adds twenty bus routes</h1>{standfirst}<div class='author'>November 20, 2019 Emiliano Bellini</div>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert not any(any(ch.isdigit() for ch in name) for name in article.authors), article.authors


def test_tags_one_a_line_in_lower_case_after_the_text_go(tmp_path):
    """A copy's last lines: the story's tags, one a line, in lower case; a byline (a
    capital letter) or a last short paragraph stays."""
    copy = "\n".join(["Hai mươi tuyến buýt điện mới cho Hà Nội", "Thứ Ba, 25/12/2012 - 10:03",
                      *(p for p in PARAGRAPHS), "xe buýt điện", "giao thông hà nội", "tuyến mới"])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert PARAGRAPHS[-1] in text and "xe buýt điện" not in text and "tuyến mới" not in text


def test_an_id_with_no_words_is_no_paragraph_but_a_phone_number_stays(tmp_path):
    copy = "\n".join(["Hai mươi tuyến buýt điện mới cho Hà Nội", "Thứ Ba, 25/12/2012 - 10:03", PARAGRAPHS[0],
                      "1-1457918989456", PARAGRAPHS[1], "Đường dây nóng:", "0912345678", *PARAGRAPHS[2:]])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert "1457918989456" not in text and "0912345678" in text and PARAGRAPHS[-1] in text


def test_a_pictures_file_name_is_no_paragraph_but_a_handle_or_a_word_with_an_underscore_in_a_sentence_stays(tmp_path):
    """``IMG_4672`` or ``dp3_1_endp3_1_en`` (a file name run together with its alt text)
    alone on a line: what a copy keeps of a picture. A sentence naming ``snake_case`` stays."""
    sentence = "The new timetable file, routes_2026_v2.pdf, is on the council's website for anyone to read."
    copy = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", PARAGRAPHS[0], "IMG_4672",
                         PARAGRAPHS[1], "dp3_1_endp3_1_en", sentence, "council-bus-routes-2026-east-02",
                         "state-of-the-art", *PARAGRAPHS[2:]])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert "IMG_4672" not in text and "dp3_1" not in text and sentence in text and PARAGRAPHS[-1] in text
    assert "council-bus-routes" not in text and "state-of-the-art" in text


def test_a_credit_with_a_digit_under_the_text_ends_it_but_names_nobody(tmp_path):
    """``Zing/Themost10`` under the text credits a site's column: the text ends above it,
    and no author is made of it."""
    copy = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS,
                        "Citynews/Top10", "Ferry fares rise for the first time in a decade"])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.authors == ()
    assert PARAGRAPHS[-1] in _text_of(article) and "Top10" not in _text_of(article)


def test_a_name_under_the_text_is_the_byline_when_a_quoted_headline_follows_it(tmp_path):
    """Under the byline, other stories' headlines; one that ends on a quotation closed on a
    word (``Mayor: 'We will not wait'``) is a headline, not a paragraph of the text going on."""
    copy = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS, "Jane Roe",
                      "Transport minister: \u2018Every district will have a bus within five years\u2019",
                      "Ferry fares rise for the first time in a decade"])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert PARAGRAPHS[-1] in _text_of(article) and "minister" not in _text_of(article)


def test_teasers_above_one_with_the_agencys_name_are_teasers_too(tmp_path):
    """Under the text, a list of other stories: each a headline over a one-sentence teaser,
    only some teasers opened by the agency's name. The pairs above the first such teaser
    share its shape and go with it; the text's last paragraph stays."""
    copy = "\n\n".join([
        "Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS,
        "Ferry fares rise for the first time in a decade",
        "Commuters will pay a fifth more for a crossing from the first of next month.",
        "Night trams return to the city centre after two years",
        "(Example News) - The trams will run every half hour on Fridays and Saturdays.",
    ])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert PARAGRAPHS[-1] in text and "Ferry" not in text and "Commuters" not in text and "trams" not in text


def test_a_dump_wrapped_at_80_columns_under_many_long_menu_entries_is_unwrapped(tmp_path):
    """A text browser's dump: menu entries (a picture's name, a link's title), each a line
    of its own under which a blank line stands, and paragraphs broken at 80 columns. Only
    the lines a paragraph goes on under say where the width broke them."""
    import textwrap

    titles = ["Ferry fares rise for the first time in a decade", "Night trams return to the city centre this winter",
              "A new bridge for the old harbour district is planned", "The city library opens on Sundays from next month",
              "School buses get new routes and longer hours next year", "Parking fees will fall in the suburbs in the spring"]
    menu = [f"  \u2022 {title.lower().replace(' ', '-')}{n}\n\n    {title}" for n in ("", "-2") for title in titles]
    text = [textwrap.fill(f"{p} {p}", 79) for p in PARAGRAPHS]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join([*menu, "Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *text]), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.title == "Council adds twenty bus routes"
    assert [p.text for p in article.body if isinstance(p, Paragraph)] == [f"{p} {p}" for p in PARAGRAPHS[1:]]


def test_a_reader_views_byline_and_site_address_under_the_headline_are_labels(tmp_path):
    """A reader view prints the headline, the byline (or the site's name), the site's host,
    then the article: the host ends the headline's labels, and the standfirst under it is
    the lead."""
    copy = "\n\n".join(["Council adds twenty bus routes", "Jane Roe", "news.example.com", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.lead == PARAGRAPHS[0] and article.authors == ("Jane Roe",)
    assert "example" not in _text_of(article) and PARAGRAPHS[-1] in _text_of(article)


def test_a_reader_views_first_line_is_its_headline_whatever_its_shape(tmp_path):
    """A reader view prints the headline, the byline (or none) and the site's host in small
    letters on top: the first line is the headline even where it reads as a date line
    (a daily column's name and date) or where a subheading over the text says more of it.
    A site's own name spelt as a brand on the second line of a copy is no host so printed."""
    copy = ["Opening Bell 11.18.19", "Jane Roe", "news.example.com", "What to know today:", "Routes and timetables", *PARAGRAPHS]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(copy), encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == "Opening Bell 11.18.19"
    page.write_text("\n\n".join(copy[:1] + copy[2:]), encoding="utf-8")  # no byline
    assert read_article(page, load_profiles()).article.title == "Opening Bell 11.18.19"
    menu = ["Example News Network", "ExampleNews.com", "Sport", "Weather", "Council adds twenty bus routes", "By Jane Roe"]
    page.write_text("\n\n".join([*menu, *PARAGRAPHS]), encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == "Council adds twenty bus routes"


def test_a_reader_views_first_line_is_no_page_title_whose_start_the_text_prints(tmp_path):
    """A reader view's first line is the page's headline with the site's name: a line of
    the text that it starts with (a subheading) is not the headline with keywords glued on."""
    copy = ["Council adds twenty bus routes / Spring plan – Daily Example", "dailyexample.com", PARAGRAPHS[0]]
    copy += ["Council adds twenty bus routes:", *PARAGRAPHS[1:]]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(copy), encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == "Council adds twenty bus routes / Spring plan"


def test_a_reader_views_standfirst_between_the_headline_and_its_second_printing_is_the_lead(tmp_path):
    """A reader view: the headline, its labels and the standfirst, then the headline again as
    the first picture's caption (a short credited line under it), then the text."""
    title = "Council adds twenty bus routes"
    copy = "\n\n".join([title, "Jane Roe", "news.example.com", PARAGRAPHS[0], title, "The new buses. Photo: City Hall",
                         *PARAGRAPHS[1:], "The plan will be debated again at the next meeting of the transport committee."])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.title == title and article.lead == PARAGRAPHS[0]
    assert [p.text for p in article.body if isinstance(p, Paragraph)][:3] == PARAGRAPHS[1:]


def test_a_site_name_ending_the_headline_goes_where_the_sites_address_under_it_names_it(tmp_path):
    """A reader view's headline is the page's title, site name and all; the site's address
    printed under it says which part is the site (``dailyexample.com``: ``Daily Example``).
    A headline whose last part names no such site keeps it."""
    copy = "\n\n".join(["Council adds twenty bus routes - Daily Example City", "Jane Roe", "www.dailyexample.com", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.title == "Council adds twenty bus routes" and article.source.name == "Daily Example"
    page.write_text(copy.replace("www.dailyexample.com", "news.example.org"), encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == "Council adds twenty bus routes - Daily Example City"


def test_a_wrapped_line_that_opens_with_a_pictures_mark_was_broken_by_the_width_with_the_mark(tmp_path):
    """A text browser sets a picture's name in brackets before the caption or paragraph
    under it and wraps the line with the mark in it: the mark goes, but the line was full."""
    import textwrap

    text = [textwrap.fill(f"[photo-of-the-new-bus-routes-{n}]{p} {p}", 79) for n, p in enumerate(PARAGRAPHS)]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *text]), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert [p.text for p in article.body if isinstance(p, Paragraph)] == [f"{p} {p}" for p in PARAGRAPHS[1:]]


def test_names_among_tags_printed_one_a_line_are_tags_not_the_byline(tmp_path):
    """Tags one a line after the text, names of places among them (``London``): a run of
    short terms mostly in lower case is tags, capitalised ones too; the byline stands under
    the headline."""
    copy = "\n\n".join(["Council adds twenty bus routes", "By Jane Roe", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS,
                         "buses", "city council", "London", "Sheffield", "night trams"])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.authors == ("Jane Roe",)
    text = _text_of(article)
    assert PARAGRAPHS[-1] in text and "London" not in text and "city council" not in text


@pytest.mark.parametrize(
    "under_the_text",
    [
        ["Contact us", "Terms of use", "Privacy notice", "Site Rules", "© 2019 The Daily Example"],  # the footer's menu
        ["Subjects", "Buses", "Trams", "City council"],  # the heading of the story's tags
    ],
)
def test_a_menus_item_or_a_lists_heading_under_the_text_names_nobody(tmp_path, under_the_text):
    """A line of names without a byline's word that stands in a run of three short labels
    is a menu's item or a list's heading: the byline above the text names the author."""
    copy = "\n\n".join(["Council adds twenty bus routes", "By Jane Roe", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy + "\n\n" + "\n".join(under_the_text), encoding="utf-8")
    assert read_article(page, load_profiles()).article.authors == ("Jane Roe",)
    # A name under the text, then the site's links back and its buttons: the byline (where
    # no byline above the text names another by a byline's word).
    unsigned = copy.replace("By Jane Roe\n\n", "")
    page.write_text(unsigned + "\n\nAnn Lee\n\nBack to News\nBack to News\nShare\n\n© 2019 The Daily Example.",
                    encoding="utf-8")
    assert read_article(page, load_profiles()).article.authors == ("Ann Lee",)


def test_a_line_under_the_text_with_a_part_in_lower_case_names_nobody(tmp_path):
    """``Oat Milk Latte, 1 tsp. honey`` in markup a site marks as the author's (a whole
    story in an "author" box): its part in lower case is no name, so the line is no byline
    and names nobody, not ``Oat Milk Latte``."""
    body = ("<div class='author'><h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "<p>Oat Milk Latte, 1 tsp. honey</p></div>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.authors == ()


def test_a_pictures_courtesy_credit_is_no_byline(tmp_path):
    copy = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", "Courtesy Example Transit",
                         *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.authors == ()


def test_a_text_browsers_columns_side_by_side_are_read_one_after_the_other(tmp_path):
    """w3m lays out a page built of tables with its cells side by side: the menu, the
    article (wrapped to its column's width) and a sidebar on the same lines."""
    import textwrap

    menu = [f"  \u2022 {name}" for name in ("Home", "Local news", "World", "Business", "Sport", "Culture", "Travel",
                                             "Weather", "Opinion", "Podcasts", "Newsletters", "Contact us", "About us",
                                             "Jobs", "Puzzles", "Archive", "Subscribe", "Events", "Photos", "Videos",
                                             "Letters", "Obituaries")]
    article = ["Council adds twenty bus routes", "", "Tuesday, 19/11/2019 08:30", ""]
    for paragraph in PARAGRAPHS:
        article += [*textwrap.wrap(f"{paragraph} {paragraph}", 56), ""]
    sidebar = ["Most read", "Ferry fares rise again", "Night trams return", "A bridge for the harbour", "Libraries open later",
               "School buses get new routes", "Parking fees fall", "A new park by the river", "Cycle lanes for the east",
               "Market hall reopens"]
    rows = max(len(menu), len(article), len(sidebar))
    cell = lambda column, index: column[index] if index < len(column) else ""  # noqa: E731
    dump = "\n".join(f"{cell(menu, i):<30}  {cell(article, i):<58}  {cell(sidebar, i)}".rstrip() for i in range(rows))
    page = tmp_path / "copy.txt"
    page.write_text(dump, encoding="utf-8")
    article_read = read_article(page, load_profiles()).article
    assert article_read.title == "Council adds twenty bus routes"
    assert [p.text for p in article_read.body if isinstance(p, Paragraph)] == [f"{p} {p}" for p in PARAGRAPHS[1:]]
    assert article_read.published is not None and article_read.published.value.day == 19


def test_columns_a_text_browser_parts_by_one_space_are_read_one_after_the_other(tmp_path):
    """w3m may set a sidebar one space right of an article column wrapped to its width: no
    band of two blank columns parts them, but one column stays blank down every line, and
    the article's lines touch it."""
    import textwrap

    from publisher.clean.columns import _widened_narrow_gutters

    article = ["Council adds twenty bus routes", "", "Tuesday, 19/11/2019 08:30", ""]
    for paragraph in PARAGRAPHS:
        article += [*textwrap.wrap(f"{paragraph} {paragraph}", 40), ""]
    sidebar = [f"{headline} and more of the week's news" for headline in (
        "Ferry fares rise again", "Night trams return", "A bridge for the harbour", "Libraries open later",
        "School buses get new routes", "Parking fees fall", "A new park by the river", "Cycle lanes for the east",
        "Market hall reopens", "Two new ferries", "A museum for the port", "Taxis go electric", "Harbour tours",
        "A new pool", "Bins twice a week", "The old mill sold", "Street lights", "Snow ploughs", "Trees for the square",
        "A concert hall", "Bike hire", "Swimming lessons")]
    rows = max(len(article), len(sidebar))
    cell = lambda column, index: column[index] if index < len(column) else ""  # noqa: E731
    lines = [f"{cell(article, i):<40} {cell(sidebar, i)}".rstrip() for i in range(rows)]
    assert any(len(line) > 41 and line[39] != " " and line[41] != " " for line in lines)  # touching: one space apart
    page = tmp_path / "copy.txt"
    page.write_text("\n".join(lines), encoding="utf-8")
    article_read = read_article(page, load_profiles()).article
    assert article_read.title == "Council adds twenty bus routes"
    assert [p.text for p in article_read.body if isinstance(p, Paragraph)][:3] == [f"{p} {p}" for p in PARAGRAPHS[1:]]
    # Ordinary text wrapped at one width, however many lines, leaves no column blank.
    prose = textwrap.wrap(" ".join(PARAGRAPHS * 3), 40)
    assert _widened_narrow_gutters(prose) is None


def test_reader_comments_under_a_copys_text_end_it_but_a_quotation_introduced_by_said_does_not(tmp_path):
    """Blog software heads each comment with its writer's name and ``says:`` (``said:``),
    the comment's date beside it or under it; two such headers under the text open the
    comments. A writer's ``the mayor said:`` has its quotation under it, not a date."""
    comments = [
        "Milan Roe on September 12, 2018 at 4:47 pm said:", "Any update on when the night buses start running?",
        "Jane Doe says:", "September 13, 2018 at 5:23 pm", "Thanks for the question, we will post an update soon.",
    ]
    copy = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS, "2 thoughts", *comments])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    texts = [getattr(block, "text", "") for block in read_article(page, load_profiles()).article.body]
    assert PARAGRAPHS[-1] in texts and not any("update" in text for text in texts)
    quoted = [PARAGRAPHS[0], "At the meeting, the mayor said:", PARAGRAPHS[1], PARAGRAPHS[2], "Her deputy said:", PARAGRAPHS[3]]
    page.write_text("\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *quoted]), encoding="utf-8")
    texts = [getattr(block, "text", "") for block in read_article(page, load_profiles()).article.body]
    assert PARAGRAPHS[-1] in texts


def test_a_related_label_with_the_text_going_on_right_under_it_ends_nothing_but_one_over_headlines_does(tmp_path):
    """A reader view keeps a related stories' box's label and leaves out its links: the
    text's paragraphs go on right under ``Related news``. Over headlines, the label ends
    the text."""
    head = ["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", PARAGRAPHS[0], PARAGRAPHS[1]]
    more = [f"{p} The plan was approved by a large majority of the council." for p in PARAGRAPHS[2:]] + [
        "Officials said more details would follow. The first timetables will be published next month, they added."]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join([*head, "Related news", *more]), encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert more[-1] in text
    cards = ["Ferry fares rise again", "Night trams return to the city", "A bridge for the harbour"]
    page.write_text("\n\n".join([*head, PARAGRAPHS[2], "Related news", *cards]), encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert PARAGRAPHS[2] in text and not any(card in text for card in cards)


def test_short_lines_under_a_line_ending_with_a_colon_are_its_list_not_captions(tmp_path):
    """A copy prints a list's items one a line without bullets; under ``The new routes'
    first stops:`` they are the list, not photos' captions. A dialogue's lines under ``she
    said:`` end like sentences and stay paragraphs; headlines under a related label go."""
    stops = ["Route 21 -- Harbour Road, East Gate, Market Hall", "Route 22 -- Old Mill Lane, Riverside Park, Station",
             "Route 23 -- University, Hospital, North Square", "Route 24 -- Airport, Trade Fair, Ferry Terminal"]
    copy = ["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS, "The new routes' first stops:", *stops]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(copy), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert [item for block in article.body if isinstance(block, ListBlock) for item in block.items] == stops
    assert not any(isinstance(block, Figure) for block in article.body)
    dialogue = ["The driver turned to the mayor and said:", "Is this the last bus tonight?", "It is the first of many."]
    page.write_text("\n\n".join([*copy[:-len(stops) - 1], *dialogue, PARAGRAPHS[0]]), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert not any(isinstance(block, ListBlock) for block in article.body)


def test_a_box_label_with_a_contraction_inside_the_text_is_no_byline_ending_it(tmp_path):
    """``DON'T MISS`` over three linked headlines inside the text: a box's label, whose
    contraction no name has, not the byline under the text; the text goes on below."""
    box = ["DON'T MISS", "Ferry fares rise again [INSIGHT]", "Night trams return to the city [VIDEO]"]
    copy = ["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS[:2], *box, *PARAGRAPHS[2:]]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(copy), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.authors == () and PARAGRAPHS[-1] in _text_of(article)


def test_a_sign_up_call_under_a_copys_text_ends_it_but_one_inside_the_text_does_not(tmp_path):
    """Under the text, a newsletter's call and its form's notices, then the footer: the
    text ends at the call. Inside the text, the paragraphs go on under it: only it goes."""
    call = "Stay up to date with the Example News. Subscribe to our newsletter."
    furniture = ["Subscribe No thanks", "Please fill the form to subscribe to our newsletter",
                 "Example News offers all interested persons a service that brings our stories to their desktop every day."]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS, call,
                                  *furniture]), encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert PARAGRAPHS[-1] in text and furniture[-1] not in text
    page.write_text("\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", PARAGRAPHS[0], call,
                                  *PARAGRAPHS[1:]]), encoding="utf-8")
    text = _text_of(read_article(page, load_profiles()).article)
    assert PARAGRAPHS[-1] in text and call not in text


def test_an_agencys_long_caption_with_its_credit_in_brackets_is_no_paragraph(tmp_path):
    """A wire agency's caption names the place, the date and the event, past the 45 words
    other captions keep to, and ends with its credit in brackets: ``(ITV via AP)``."""
    caption = ("In this photo issued by the council, buses wait at the depot on the eastern edge of the city, "
               "Tuesday, Nov. 19, 2019. The council voted on Tuesday to expand the bus network by twenty routes, "
               "the largest change in a decade, and the first routes are expected to open in the spring, "
               "officials said. (Council via AP)")
    assert len(caption.split()) > 45
    text = [f"{p} {p}" for p in PARAGRAPHS]
    copy = ["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", caption, *text]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(copy), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert caption not in [getattr(block, "text", "") for block in article.body] and article.lead != caption
    assert text[-1] in _text_of(article)


def test_photos_a_copy_ends_with_are_captions_even_those_with_a_stop(tmp_path):
    """After the text, the story's photos: captions without a stop, and among them one with
    one, no longer than they are. Sentences longer than every caption stay text."""
    captions = ["The new electric buses lined up at the depot on the eastern edge of town",
                "Commuters waiting for the first morning service on the new line in the rain",
                "A driver checks the route map before leaving. The new routes start soon.",
                "Residents at the meeting where the plan was first shown to the public"]
    copy = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS, *captions])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert [p.text for p in article.body if isinstance(p, Paragraph)][-1] == PARAGRAPHS[-1]
    assert [f.caption for f in article.body if isinstance(f, Figure)] == captions
    longer = "A driver checks the route map before leaving the depot, as the new routes start in the spring and run late."
    page.write_text(copy.replace(captions[2], longer), encoding="utf-8")
    assert longer in [p.text for p in read_article(page, load_profiles()).article.body if isinstance(p, Paragraph)]


def test_the_line_over_a_reader_views_site_address_is_its_byline_not_the_headline(tmp_path):
    """A reader view prints the headline, the byline (here a desk's name), the site's host:
    the headline is the line above the byline; with no byline, the line over the host."""
    page = tmp_path / "copy.txt"
    title = "Council adds twenty bus routes"
    page.write_text("\n\n".join([title, "Transport and city desk", "news.example.com", *PARAGRAPHS]), encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == title
    page.write_text("\n\n".join([title, "news.example.com", *PARAGRAPHS]), encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == title


def test_a_caption_wrapped_in_a_pictures_narrow_cell_is_joined_at_the_cells_width(tmp_path):
    """w3m sets a picture and its caption in a narrow table cell and wraps the caption at
    the cell's width: its last piece (a place's name) is no byline."""
    import textwrap

    text = [textwrap.fill(f"{p} {p}", 79) for p in PARAGRAPHS]
    cell = ["[bus-depot-photo]", "Crowds waited for the first", "bus at the new stop near", "Riverside Market."]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *text,
                                  "\n".join(cell), "Jane Roe", "  \u2022 Home", "  \u2022 News"]), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert "Crowds waited for the first bus at the new stop near Riverside Market." in _text_of(article)


def test_a_reader_views_byline_under_the_title_outranks_a_source_credit_under_the_text(tmp_path):
    """A reader view: the page's title, the byline, the headline, the text, and under it a
    credit that names only the paper it comes from (``Theo ...``, according to): the byline
    names the writers."""
    title = "Hai mươi tuyến buýt điện mới cho Hà Nội"
    copy = "\n\n".join([f"{title} - Báo Ví Dụ", "Nhóm PV", title, *PARAGRAPHS, "Theo Infonet"])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.authors == ("Nhóm PV",)
    page.write_text(copy.replace("Theo Infonet", "Trần Minh"), encoding="utf-8")
    assert read_article(page, load_profiles()).article.authors == ("Trần Minh",)  # a writer under the text stays


def test_a_standfirst_printed_again_under_the_second_headline_is_the_lead_once(tmp_path):
    """Headline, date and standfirst in the page's header, then the headline and the
    standfirst again over the text: the standfirst is the lead, not also a paragraph."""
    title, standfirst = "Council adds twenty bus routes", PARAGRAPHS[0]
    copy = "\n\n".join([title, "Tuesday, 19/11/2019 08:30", standfirst, title, standfirst, *PARAGRAPHS[1:],
                         "The plan will be debated again at the next meeting of the transport committee."])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.lead == standfirst
    assert [p.text for p in article.body if isinstance(p, Paragraph)][:3] == PARAGRAPHS[1:]


def test_floor_puts_back_what_the_rules_lost():
    """Where the cleaned body holds less than half of the extractor's text, the extractor's
    blocks go back, in its order, and the build is told."""
    extracted = ExtractedText(tuple(ExtractedBlock("paragraph", text) for text in PARAGRAPHS))
    lost = CleanResult(article=Article(title="Council adds twenty bus routes", body=(Paragraph(PARAGRAPHS[0]),)))
    restored = restore_floor(lost, extracted)
    assert [b.text for b in restored.article.body] == PARAGRAPHS
    assert restored.warnings and "put back" in restored.warnings[0]
    whole = CleanResult(article=Article(title="t", body=tuple(Paragraph(p) for p in PARAGRAPHS)))
    assert restore_floor(whole, extracted) is whole


def test_floor_puts_back_full_sentences_right_after_the_last_kept_block_not_a_teaser():
    """The rules stopped at a box of related links that stands before the last paragraph;
    the extractor's paragraphs right after the body's last block go back while they are
    full sentences, and its teaser after them (a headline) does not."""
    teaser = "Council adds twenty bus routes to the east"
    extracted = ExtractedText(tuple(ExtractedBlock("paragraph", text) for text in (*PARAGRAPHS, teaser)))
    cut_short = CleanResult(article=Article(title="t", body=tuple(Paragraph(p) for p in PARAGRAPHS[:3])))
    restored = restore_floor(cut_short, extracted)
    assert [b.text for b in restored.article.body] == PARAGRAPHS


def test_floor_leaves_out_the_articles_head_the_extractor_takes_as_text():
    """The extractor takes the headline run into its date line, and the byline, as blocks
    of text; the head gives all three, so the floor puts back neither, only the text the
    rules lost. A block with words of its own beside the headline is text."""
    title = "Council adds twenty bus routes"
    printed = "Monday, 24/12/2012, 03:04 AM (GMT+7)"
    head = (f"{title}{printed}", "By Anna Berg (City Desk)")
    quoting = f"{title} said the mayor, who had asked for ten"
    blocks = (*head, PARAGRAPHS[0], quoting, *PARAGRAPHS[1:])
    extracted = ExtractedText(tuple(ExtractedBlock("paragraph", text) for text in blocks))
    lost = CleanResult(article=Article(
        title=title, authors=("Anna Berg (City Desk)",), body=(Paragraph(PARAGRAPHS[0]),),
        published=PrintedDate(value=datetime(2012, 12, 24, 3, 4, tzinfo=timezone(timedelta(hours=7))), printed=printed),
    ))
    restored = restore_floor(lost, extracted)
    assert [b.text for b in restored.article.body] == [PARAGRAPHS[0], quoting, *PARAGRAPHS[1:]]


def test_floor_leaves_out_a_piece_of_the_date_line_the_extractor_takes_apart():
    """The page sets "Updated ..." in a box of its own on the date's line: the head read it
    with the date, the extractor as a block; a piece of the head is no lost text."""
    title = "Council adds twenty bus routes"
    printed = "Published 17 September 2026 07:31 Updated 17 September 2026 09:12"
    blocks = ("Updated 17 September 2026 09:12", *PARAGRAPHS)
    extracted = ExtractedText(tuple(ExtractedBlock("paragraph", text) for text in blocks))
    lost = CleanResult(article=Article(
        title=title, body=(Paragraph(PARAGRAPHS[0]),),
        published=PrintedDate(value=datetime(2026, 9, 17, 7, 31), printed=printed),
    ))
    restored = restore_floor(lost, extracted)
    assert [b.text for b in restored.article.body] == PARAGRAPHS


def test_a_short_caption_under_a_picture_inside_the_extractors_text_stays_when_it_left_it_out():
    """The extractor kept the text on both sides of a picture but not its short caption;
    the caption is the picture's, not furniture. A short line under a linked picture (a
    teaser) still goes."""
    region = [
        Line(1, PARAGRAPHS[0], main=True),
        Line(2, "", kind="image", src="a.jpg"),
        Line(3, "A canteen in the village.", main=False),
        Line(4, PARAGRAPHS[1], main=True),
        Line(5, "", kind="image", src="b.jpg", link=True),
        Line(6, "Another story of the day", main=False),
        Line(7, PARAGRAPHS[2], main=True),
    ]
    kept = drop_furniture(region, load_profile_set().for_site_name(None), [])
    assert [line.number for line in kept] == [1, 2, 3, 4, 5, 7]


def test_where_the_markup_sets_the_text_in_headings_a_heading_the_extractor_left_out_goes():
    """Every paragraph inside a heading element (broken markup), and a video's title the
    extractor left out between them: a heading says nothing on such a page. Where the text
    is in paragraphs, the heading the extractor left out stays as a subheading."""
    def region(kind: str) -> list[Line]:
        return [
            Line(1, PARAGRAPHS[0], kind=kind, level=3, main=True),
            Line(2, "Day 2, Part 4: the mayor's opening statement", kind="heading", level=3, main=False),
            Line(3, PARAGRAPHS[1], kind=kind, level=3, main=True),
            Line(4, PARAGRAPHS[2], kind=kind, level=3, main=True),
            Line(5, PARAGRAPHS[3], kind=kind, level=3, main=True),
        ]
    profile = load_profile_set().for_site_name(None)
    assert [line.number for line in drop_furniture(region("heading"), profile, [])] == [1, 3, 4, 5]
    assert [line.number for line in drop_furniture(region("text"), profile, [])] == [1, 2, 3, 4, 5]



def test_a_paragraph_the_extractor_skipped_above_a_picture_and_its_caption_stays():
    """The extractor took the caption under a picture but not the paragraph above it: the
    picture and its caption sit inside the gap, which the extractor's text closes below."""
    region = [
        Line(1, PARAGRAPHS[0], main=True),
        Line(2, PARAGRAPHS[1], main=False),
        Line(3, "", kind="image", src="photo.jpg"),
        Line(4, "Pupils cross the river", main=True),
        Line(5, PARAGRAPHS[2], main=True),
    ]
    kept = drop_furniture(region, load_profile_set().for_site_name(None), [])
    assert [line.number for line in kept] == [1, 2, 3, 4, 5]



# ------------------------------------------------------------------ refuse only what is surely not an article


def test_metadata_of_an_article_outweighs_a_doubt(tmp_path):
    """A short article under many links would look like a listing; its schema.org data
    says it is an article: it is built, with a warning."""
    links = "".join(f'<p><a href="/s{n}">Another story with a long enough headline number {n}</a></p>' for n in range(12))
    head = "<title>Short notice</title>" + _json_ld({"@type": "NewsArticle", "headline": "Short notice"})
    body = f"<h1>Short notice</h1>{links}<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
    result = read_article(_page(tmp_path, body, head), load_profiles())
    assert result.article.title == "Short notice"
    assert any("metadata says it is one" in warning for warning in result.warnings)


def test_as_article_builds_what_would_be_refused(tmp_path):
    links = "".join(f'<li><a href="/s{n}">Another story with a long enough headline number {n}</a></li>' for n in range(12))
    page = _page(tmp_path, f"<h1>Short notice</h1><ul>{links}</ul><p>{PARAGRAPHS[0]}</p>", "<title>Short notice</title>")
    with pytest.raises(NotAnArticleError):
        read_article(page, load_profiles())
    result = read_article(page, load_profiles(), as_article=True)
    assert result.article.title == "Short notice"
    assert any("--as-article" in warning for warning in result.warnings)


def _copy(tmp_path, lines: list[str]) -> object:
    page = tmp_path / "copy.txt"
    page.write_text("\n".join(lines), encoding="utf-8")
    return page


TEXT = [f"{paragraph[:-1]}, said the council's spokesman on part {n}." for n in range(3) for paragraph in PARAGRAPHS]


def test_a_teaser_and_its_read_more_link_is_refused_unless_the_text_runs_on_under_it(tmp_path):
    """One paragraph under the headline, then "Read more": a homepage's story, refused
    where the next story and its own link follow; where an article's length of text runs
    on under it and no such link follows (a box's link to another story), the article is
    built and the doubt told."""
    head = [*MENU, "City votes to add twenty bus routes", PARAGRAPHS[0], "Read more"]
    homepage = [*head, "Storm closes schools across the region tonight", PARAGRAPHS[1], "Read more", *TEXT[:3]]
    with pytest.raises(NotAnArticleError, match="Read more"):
        read_article(_copy(tmp_path, homepage), load_profiles())
    result = read_article(_copy(tmp_path, [*head, *TEXT]), load_profiles())
    assert result.article.title == "City votes to add twenty bus routes"
    assert any("Read more" in warning and "runs on" in warning for warning in result.warnings)


def test_cards_under_an_articles_length_of_text_are_a_doubt_told_not_a_refusal(tmp_path):
    """A roundup (each paragraph with its source's name under it) and a list of other
    stories under it, each a headline and a one-paragraph teaser: refused under a few
    paragraphs, built with a warning under an article's length of text."""
    cards = [
        line
        for n in range(20)
        for line in (f"Another story about the city and its buses, number {n}", f"{PARAGRAPHS[n % 4]}", f"{n + 1} shares")
    ]
    roundup = [line for paragraph in TEXT for line in (paragraph, "[Daily Example]")]
    head = [*MENU, "What the papers say about the new bus routes", "Jane Roe", "Nov 18, 2019"]
    with pytest.raises(NotAnArticleError, match="teaser"):
        read_article(_copy(tmp_path, [*head, *roundup[:8], *cards]), load_profiles())
    result = read_article(_copy(tmp_path, [*head, *roundup, *cards]), load_profiles())
    assert result.article.title == "What the papers say about the new bus routes"
    assert any("teaser" in warning and "paragraphs of text" in warning for warning in result.warnings)


def test_posts_under_a_line_that_counts_them_and_quotes_the_headline_are_no_thread(tmp_path):
    """A short article, then its comment box: dated posts, a thread's sign, under
    ``5 responses to “Headline”``. Without that line the page is refused as a thread,
    unless the posts are headed as blog software heads comments (``reader says:``): then
    it is built with the doubt told; with the line, built, the text ending above the line
    (the comments no part of it)."""
    title = "Coach says the team needed to win this game"
    posts = [
        line
        for n in range(5)
        for line in (f"reader{n} says:", f"November 19, 2019 at {n + 6}:34 am", f"{PARAGRAPHS[n % 4][:-1]}, I think.")
    ]
    article = [*MENU, title, "Posted by Jane Roe on November 19, 2019, 6:21 AM EST", *PARAGRAPHS[:3]]
    headed = read_article(_copy(tmp_path, [*article, *posts]), load_profiles())
    assert not any("I think" in block.text for block in headed.article.body if isinstance(block, Paragraph))
    assert any("forum thread?" in warning for warning in headed.warnings)
    unheaded = [line.replace(" says:", "") for line in posts]
    with pytest.raises(NotAnArticleError, match="thread"):
        read_article(_copy(tmp_path, [*article, *unheaded]), load_profiles())
    result = read_article(_copy(tmp_path, [*article, f"5 responses to “{title}”", *posts]), load_profiles())
    assert result.article.title == title
    assert not any("I think" in block.text for block in result.article.body if isinstance(block, Paragraph))


def test_a_box_of_the_most_read_stories_with_their_counts_is_no_start_of_the_text(tmp_path):
    """``Vikings come back to beat the Broncos in the snow (145)``: a story's headline
    and its count of comments, one of a list; the text starts under the headline below."""
    box = [f"Another story about the city council and its plans for buses, number {n} ({140 - n})" for n in range(5)]
    title = "City votes to add twenty bus routes"
    result = read_article(_copy(tmp_path, [*MENU, "Most Commented", *box, title, "By Jane Roe", *TEXT]), load_profiles())
    assert result.article.title == title


def test_a_caption_ending_with_its_credit_above_the_headline_is_no_start_of_the_text(tmp_path):
    """A copy that opens with the top picture's caption, its credit in brackets at its end,
    then the headline, the byline and the date over the text."""
    caption = "The new electric buses lined up at the depot on the eastern edge of the city. (credit: Jane Roe)"
    title = "City votes to add twenty bus routes"
    copy = [caption, title, "by Jane Roe", "Monday, November 18, 2019", *TEXT]
    assert read_article(_copy(tmp_path, copy), load_profiles()).article.title == title


def test_question_pages_and_video_pages_are_refused_by_their_metadata(tmp_path):
    qa = _page(tmp_path, f"<h1>How do I renew a licence?</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>",
               "<title>How do I renew a licence?</title>" + _json_ld({"@type": "QAPage"}), name="qa.html")
    with pytest.raises(NotAnArticleError, match="forum thread or a Q&A page"):
        read_article(qa, load_profiles())
    video = _page(tmp_path, "<h1>Watch: the new buses</h1><p>Video, 2 minutes.</p>",
                  "<title>Watch: the new buses</title>" + _json_ld({"@type": "VideoObject", "name": "The new buses"}), name="video.html")
    with pytest.raises(NotAnArticleError, match="video"):
        read_article(video, load_profiles())


def test_a_table_of_figures_is_refused(tmp_path):
    rows = "".join(f"<tr><td>Quý {n}</td><td>{n},{n}17,981,182</td><td>{n}5,479,806,923</td></tr>" for n in range(1, 16))
    page = _page(tmp_path, f"<h1>Kết quả kinh doanh quý</h1><table>{rows}</table>", "<title>Kết quả kinh doanh quý</title>", lang="vi")
    with pytest.raises(NotAnArticleError, match="table of figures"):
        read_article(page, load_profiles())



def test_a_tables_rows_of_data_read_as_one_line_each_but_a_layout_tables_cells_stay_blocks(tmp_path):
    """An article with a table of results inside its text: each row of a few words a cell
    reads as one line, its cells set apart, a header row as well (never a subheading). A
    table the page is laid out with (a cell holds paragraphs) keeps its cells' paragraphs."""
    results = "".join(f"<tr><td>Route {n}</td><td>East depot</td><td>{n * 4} buses</td></tr>" for n in range(1, 5))
    table = f"<table><tr><th>Route</th><th>From</th><th>Buses</th></tr>{results}</table>"
    body = "<h1>Council adds twenty bus routes</h1>" + f"<p>{PARAGRAPHS[0]}</p>{table}" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    texts = [block.text for block in article.body if isinstance(block, Paragraph)]
    assert "Route · From · Buses" in texts and "Route 3 · East depot · 12 buses" in texts
    assert not any(isinstance(block, Heading) and "·" in block.text for block in article.body)
    layout = "<table><tr>" + "".join(f"<td><p>{p}</p></td>" for p in PARAGRAPHS[1:3]) + "</tr></table>"
    body = "<h1>Council adds twenty bus routes</h1>" + f"<p>{PARAGRAPHS[0]}</p>{layout}<p>{PARAGRAPHS[3]}</p>"
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    texts = [block.text for block in article.body if isinstance(block, Paragraph)]
    assert PARAGRAPHS[1] in texts and PARAGRAPHS[2] in texts



def test_a_copys_table_row_with_tabs_between_its_cells_reads_as_one_line(tmp_path):
    """A browser copies a table's row with a tab between cells: the row reads as one line,
    its cells set apart as a saved page's rows of data are; a tab inside a line of prose
    with a long cell (a layout's column) leaves it as it was."""
    rows = ["Route\tFrom\tBuses", "Route 3\tEast depot\t12 buses", "Route 4\tEast depot\t16 buses"]
    parts = ["Council adds twenty bus routes", PARAGRAPHS[0], PARAGRAPHS[1], *rows, PARAGRAPHS[2], PARAGRAPHS[3]]
    article = _reader_copy(tmp_path, parts)
    texts = [getattr(block, "text", "") for block in article.body]
    assert "Route 3 · East depot · 12 buses" in texts


_VIETNAMESE_PARAGRAPHS = [
    "Hội đồng thành phố đã biểu quyết vào thứ Ba về việc mở rộng mạng lưới xe buýt thêm hai mươi tuyến mới.",
    "Các quan chức cho biết những tuyến mới sẽ phục vụ các khu dân cư ở rìa phía đông của thành phố.",
    "Người dân phát biểu tại cuộc họp hoan nghênh kế hoạch nhưng đề nghị xe buýt chạy muộn hơn vào buổi tối.",
    "Những tuyến đầu tiên dự kiến sẽ hoạt động vào mùa xuân, các tuyến còn lại trong hai năm tới.",
]


def _as_a_text_browser_shows_mojibake(text: str) -> str:
    """UTF-8 read as Latin-1, each C1 control printed as a space: a letter's bytes are lost."""
    return re.sub("[\x80-\x9f]", " ", text.encode("utf-8").decode("latin-1"))


def test_a_text_still_mojibake_after_repair_is_refused_unless_the_user_says_it_is_an_article(tmp_path):
    # An article's shape (a headline, a date, paragraphs), but every Vietnamese letter
    # garbled beyond repair: nobody's article can be published from it.
    lines = ["Thành phố mở thêm hai mươi tuyến xe buýt", "Thứ ba, 19/11/2019 08:30", *_VIETNAMESE_PARAGRAPHS * 2]
    page = tmp_path / "copy.txt"
    page.write_text(_as_a_text_browser_shows_mojibake("\n\n".join(lines)), encoding="utf-8")
    with pytest.raises(NotAnArticleError, match=r"copy\.txt: the text is still mojibake after repair \(\d+% of its words\): "
                                                r"re-save the page with its real encoding"):
        read_article(page, load_profiles())
    result = read_article(page, load_profiles(), as_article=True)
    assert result.article.body
    assert any("--as-article" in warning and "still mojibake" in warning for warning in result.warnings)


def test_an_article_quoting_a_few_words_in_mojibake_is_built(tmp_path):
    # A name quoted as another site garbled it, in every paragraph, and Vietnamese words in
    # quotes ending with a letter a tell-tale pair begins with ("“giá”"): a few words in a
    # readable text, the article built.
    from publisher.ingest.mojibake import mojibake_words

    garbled = _as_a_text_browser_shows_mojibake("Lao Động")
    quoting = [f"{paragraph} The “{garbled}” paper said “giá” and “khá” rose." for paragraph in PARAGRAPHS]
    text = "\n\n".join(["Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *quoting])
    page = tmp_path / "story.txt"
    page.write_text(text, encoding="utf-8")
    result = read_article(page, load_profiles())
    assert result.article.title == "Council adds twenty bus routes"
    assert garbled in _text_of(result.article)
    assert not any("mojibake" in warning for warning in result.warnings)
    assert mojibake_words(text) == len(PARAGRAPHS)  # the garbled name's "á»" only, not "“giá”"



def test_a_text_partly_mojibake_after_repair_is_built_with_a_warning_naming_a_word(tmp_path):
    # One paragraph of eight garbled beyond repair (a copy that lost a letter's bytes): too
    # little to refuse, too much to stay silent about.
    garbled = _as_a_text_browser_shows_mojibake(_VIETNAMESE_PARAGRAPHS[1])
    paragraphs = [*_VIETNAMESE_PARAGRAPHS, garbled, *_VIETNAMESE_PARAGRAPHS, _VIETNAMESE_PARAGRAPHS[0]]
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(["Thành phố mở thêm hai mươi tuyến xe buýt", "Thứ ba, 19/11/2019 08:30", *paragraphs]),
                    encoding="utf-8")
    result = read_article(page, load_profiles())
    assert result.article.body
    warning = next(warning for warning in result.warnings if "mojibake" in warning)
    count = int(warning.split()[0])
    assert 5 <= count <= len(garbled.split())
    example = re.search(r"such as '([^']+)'", warning)
    assert example is not None and example.group(1) in garbled.split()


@pytest.mark.parametrize("title, paragraphs", [
    ("Thành phố mở thêm hai mươi tuyến xe buýt", _VIETNAMESE_PARAGRAPHS * 2),
    ("Le conseil municipal étend le réseau de bus", [
        "Le conseil a voté mardi l’élargissement du réseau : vingt lignes supplémentaires, la plus grande réforme depuis "
        "une décennie, selon les élus présents à la réunion.",
        "Les habitants des quartiers éloignés, privés de desserte jusqu’à présent, ont salué une décision très attendue "
        "et réclamé des horaires prolongés le soir.",
        "Les premières lignes ouvriront au printemps ; les autres suivront d’ici deux ans, a précisé l’adjoint chargé "
        "des transports, déjà très sollicité.",
    ] * 2),
    ("Stadtrat erweitert das Busnetz um zwanzig Linien", [
        "Der Stadtrat hat am Dienstag beschlossen, das Busnetz um zwanzig Linien zu erweitern, die größte Änderung seit "
        "über einem Jahrzehnt, wie die Behörden mitteilten.",
        "Bürgerinnen und Bürger aus den östlichen Vierteln, die bisher kaum angebunden waren, begrüßten die Pläne und "
        "forderten längere Fahrzeiten am Wochenende.",
        "Die ersten Linien sollen im Frühjahr öffnen; die übrigen folgen in den nächsten zwei Jahren, erklärte der "
        "zuständige Dezernent gegenüber Journalisten.",
    ] * 2),
])
def test_a_clean_article_with_many_diacritics_gets_no_mojibake_warning(tmp_path, title, paragraphs):
    page = tmp_path / "story.txt"
    page.write_text("\n\n".join([title, "19/11/2019 08:30", *paragraphs]), encoding="utf-8")
    result = read_article(page, load_profiles())
    assert result.article.body
    assert not any("mojibake" in warning for warning in result.warnings)


# ------------------------------------------------------------------ head: kicker, date, byline


def test_kicker_from_a_breadcrumb_and_a_date_glued_to_a_label(tmp_path):
    body = (
        "<ul class='menu'><li>Thời sự</li><li>Thế giới</li><li>Kinh doanh</li></ul>"
        "<ul class='breadcrumb'><li><a href='/thoi-su'>Thời sự</a></li><li><a href='/giao-thong'>Giao thông</a></li></ul>"
        "<p>Giao thông 16/01/2014 | 16:05</p><h1>Hà Nội mở thêm hai mươi tuyến xe buýt điện</h1>"
        "<p>Shin Hee</p>"
        + "".join(f"<p>{p}</p>" for p in (
            "Sở Giao thông vận tải Hà Nội cho biết các tuyến xe buýt mới sẽ đi vào hoạt động từ tháng sau.",
            "Các tuyến mới nối trung tâm thành phố với các huyện ngoại thành, phục vụ hàng chục nghìn người.",
            "Người dân hy vọng xe buýt điện sẽ giúp giảm ô nhiễm không khí và ùn tắc giao thông vào giờ cao điểm.",
        ))
    )
    article = read_article(_page(tmp_path, body, "<title>Hà Nội mở thêm hai mươi tuyến xe buýt điện</title>", lang="vi"), load_profiles()).article
    assert article.kicker == "Thời sự"
    assert article.published.value == datetime(2014, 1, 16, 16, 5)
    assert article.authors == ("Shin Hee",)
    assert article.language == "vi"


def test_kicker_from_the_section_the_address_names(tmp_path):
    head = '<title>Những mẫu bao bì độc đáo</title><link rel="canonical" href="http://site.example/song-khoe/nhung-mau-bao-bi-123.htm">'
    body = ("<p>Trang chủ Sống khỏe</p><h1>Những mẫu bao bì độc đáo</h1>"
            + "".join(f"<p>{p}</p>" for p in (
                "Sự cầu kỳ, tinh tế và hài hước trong thiết kế bao bì khiến những sản phẩm này được chú ý ngay.",
                "Trước hết là bao bì cho loại mì Pasta, trong đó những sợi mì bỗng trở thành mái tóc của đầu bếp.",
                "Bao bì cho hạt dẻ này có thể khiến khách hàng nhận ra loại sản phẩm ngay từ cái nhìn đầu tiên.",
            )))
    article = read_article(_page(tmp_path, body, head, lang="vi"), load_profiles()).article
    assert article.kicker == "Sống khỏe"


@pytest.mark.parametrize(
    ("line", "kicker"),
    [
        ("Home › World", "World"),
        ("Startseite Politik", "Politik"),
        ("Back [Markets]", "Markets"),
        ("Home Business Back", "Business"),  # the home link says the line is a breadcrumb
        ("Home", None),
        ("Back to School", "Back to School"),  # a section's own name, not a link back
        ("Homeland Security", "Homeland Security"),
    ],
)
def test_a_kicker_without_the_breadcrumbs_home_and_back_links(tmp_path, line, kicker):
    """A copy prints the breadcrumb as text: its home link, a back link, brackets. The
    section stays; a line of nothing else is no kicker."""
    copy = "\n\n".join([_PAGE_TITLE, line, "Council adds twenty bus routes", "Tuesday, 19/11/2019 08:30", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.kicker == kicker


@pytest.mark.parametrize(
    ("line", "kicker"),
    [
        ("WeltpolitikMontag", "Weltpolitik"),  # the day of the week the copy ran on
        ("Thời sựDân sinh", "Thời sự"),  # two crumbs run together: the top level
        ("World affairsAsia pacificSunday", "World affairs"),
        ("Sony PlayStation", "Sony PlayStation"),  # a name with a capital inside stays whole
        ("The iPhone years", "The iPhone years"),
        ("HomeWorld News", "World News"),  # the home link run into the section (separators drawn by CSS)
        ("Trang chủThời sự", "Thời sự"),
        ("HomeKit", "HomeKit"),  # one word run on: the home word's own
    ],
)
def test_a_kicker_a_copy_ran_into_the_next_crumb_or_the_weekday(tmp_path, line, kicker):
    copy = "\n\n".join([_PAGE_TITLE, line, "Council adds twenty bus routes", "19/11/2019 08:30", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.kicker == kicker


def _dump(tmp_path, *lines: str):
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join([*lines, "Council adds twenty bus routes", "19/11/2019 08:30", *PARAGRAPHS]), encoding="utf-8")
    return read_article(page, load_profiles()).article


def test_an_unconfirmed_label_is_a_kicker_only_next_to_the_title(tmp_path):
    """Past a line that is no label (a "Video" button), the label further up is as likely
    another story's headline or a menu entry."""
    assert _dump(tmp_path, _PAGE_TITLE, "Politics").kicker == "Politics"
    assert _dump(tmp_path, _PAGE_TITLE, "Politics", "Video").kicker is None


@pytest.mark.parametrize(
    ("lines", "kicker"),
    [
        (["Politics"], None),  # a copy with no page title: nothing says the label is a section
        (["Politics", "World", "Politics"], "Politics"),  # the menu names it
        (["Learn More", "World", "Learn More"], "Learn More"),
    ],
)
def test_a_label_in_a_copy_without_its_page_title_is_a_kicker_only_where_the_menu_names_it(tmp_path, lines, kicker):
    assert _dump(tmp_path, *lines).kicker == kicker


@pytest.mark.parametrize(
    ("label", "named"),
    [("Learn More", True), ("Mayor wins a third term", False), ("Photo: Jane Roe", False), ("Roe, Doe", False)],
)
def test_a_menu_names_a_section_in_a_few_words_not_a_headline_or_a_credit(label, named):
    lines = [Line(1, label), Line(2, "World"), Line(3, label)]
    assert in_menu_above(label, 3, lines, saved_page=False) is named


def test_on_a_saved_page_a_menu_may_name_the_section_in_a_row_of_links():
    lines = [Line(1, "Example News World Business Sport"), Line(2, "Business")]
    assert in_menu_above("Business", 2, lines, saved_page=True)
    assert not in_menu_above("Business", 2, lines, saved_page=False)  # in a copy, a line of words may be prose


@pytest.mark.parametrize(
    "furniture",
    ["Search the archive", "Suche", "example-news.com", "ExampleNews.com", "E-mail desk@example.org", "https://example.org/news/"],
)
def test_a_search_box_or_an_address_above_the_headline_is_no_kicker_nor_is_what_stands_above_it(tmp_path, furniture):
    copy = "\n\n".join(["Politics", furniture, "Council adds twenty bus routes", "19/11/2019 08:30", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.kicker is None



def test_the_labels_screen_readers_get_make_a_copys_line_a_caption_and_share_buttons_go(tmp_path):
    """A copy prints what a page hides for screen readers: ``Image caption`` before a
    caption, ``Image copyright`` before a credit, the share panel's network names. The
    caption is no subheading, the credit no paragraph, the networks no text."""
    caption = "Image caption The new depot on the eastern edge will hold sixty buses"
    parts = ["Council adds twenty bus routes", "19/11/2019 08:30", "Share this with Messenger", "Messenger", "Telegram",
             PARAGRAPHS[0], PARAGRAPHS[1], "Image copyright Example Pictures", caption, PARAGRAPHS[2], PARAGRAPHS[3]]
    article = _reader_copy(tmp_path, parts)
    assert not any(isinstance(block, Heading) for block in article.body)
    paragraphs = [block.text for block in article.body if isinstance(block, Paragraph)]
    assert not any(text.startswith(("Image", "Messenger", "Telegram")) for text in paragraphs)


def test_a_label_in_another_script_than_the_texts_is_no_kicker(tmp_path):
    """Over an English article, the site's link to its Russian edition stands where a
    section would: a label in a script other than Latin and the text's is no kicker. A
    Latin label over a Japanese text may be one (sites print English section names)."""
    menu = ["Home", "World", "\u041d\u0430 \u0440\u0443\u0441\u0441\u043a\u043e\u043c"]
    copy = "\n\n".join([*menu, *menu, "Council adds twenty bus routes", "19/11/2019 08:30", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.kicker is None


@pytest.mark.parametrize("label", ["Newsletters", "Watch Live", "Donate", "Close the menu", "Logo"])
def test_a_sites_buttons_named_again_in_its_menu_are_no_kicker(tmp_path, label):
    """A copy: the site's menu, its last entry a button (a sign-up, a live stream, a
    donation, the menu's close button, the logo's alt text), then the headline. The menu
    printed twice names the button again, but a button is site furniture, never a
    section: no kicker. A section the menu names stays the kicker."""
    menu = ["Home", "World", "Business", label]
    copy = "\n\n".join([*menu, *menu, "Council adds twenty bus routes", "19/11/2019 08:30", *PARAGRAPHS])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.kicker is None
    menu[-1] = "Transport"
    copy = "\n\n".join([*menu, *menu, "Council adds twenty bus routes", "19/11/2019 08:30", *PARAGRAPHS])
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.kicker == "Transport"


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Roe and John Doe", ("Jane Roe", "John Doe")),
        ("Von Max Mustermann und Erika Musterfrau", ("Max Mustermann", "Erika Musterfrau")),
        ("Por Ana Ruiz", ("Ana Ruiz",)),
        ("Posted by Michael Smith on November 19, 2019, 6:21 AM EST", ("Michael Smith",)),
        ("By Tim Childers - Live Science Contributor", ("Tim Childers",)),
        ("Theo Vân Anh", ("Vân Anh",)),  # according to a person: the author
        ("Theo TTXVN", ("Theo TTXVN",)),  # according to an agency: kept as printed
        ("Long Trần - Theo Trí Thức Trẻ", ("Long Trần",)),  # the name, then the paper
        ("Theo VietQ.vn", ()),  # a site's address: the story comes from there, no author
        # Names that begin like a month or a weekday, before a date: the names stay whole.
        ("By Jane Doe | November 18, 2019 at 2:26 PM HST", ("Jane Doe",)),
        ("By Mark Smith, Nov. 18, 2019", ("Mark Smith",)),
        ("By June Lee Tue 18 Nov 2019 10:30", ("June Lee",)),
        # What a page glues to a name goes: contacts, a job title, credentials; a label too.
        ("By Jane Roe jroe@example.org(555) 123-4567", ("Jane Roe",)),
        ("Jane Roe@janeroe", ("Jane Roe",)),
        ("By John DoeNational Correspondent", ("John Doe",)),
        ("By Ann Lee Senior Contributor", ("Ann Lee",)),
        ("Ann Lee, AP National Political Writer", ("Ann Lee",)),  # a title set apart goes whole
        ("Written by Mary Poe, MS, RD on March 3, 2024", ("Mary Poe",)),
        ("Reporters: Ann Lee", ("Ann Lee",)),
        # An acronym in a byline not in capitals stays in capitals; a byline in capitals does not.
        ("By Ann McKay, BBC", ("Ann McKay", "BBC")),
        ("ANN LEE - T.ROE", ("Ann Lee", "T.Roe")),
        # A title alone, or the byline's word alone, names nobody.
        ("Contributing Writer", ()),
        ("By", ()),
        ("Jane RoeJane Roe", ("Jane Roe",)),  # printed twice, as an author's box does
        ("Theo Vũ Vũ", ("Vũ Vũ",)),  # one word twice is a name
        # A button's label is no byline; a date before the byline's word is no name.
        ("Email Me", ()),
        ("Share Tweet", ()),
        ("5:45 AM PST 11/19/2019 by Jane Roe", ("Jane Roe",)),
        # A paper's name run into the name (two capitals open it), a month run into it, the
        # word before a date: none of them is the name's.
        ("By Jane RoeNEWSDaily", ("Jane Roe",)),
        ("By Ann Lee and Jane RoeMarch 3, 2024 | 4:20am", ("Ann Lee", "Jane Roe")),
        ("By Jane Roe Updated Nov. 19, 2019 8:21 am ET", ("Jane Roe",)),
        ("By Ann DeVos", ("Ann DeVos",)),
    ],
)
def test_bylines_in_the_articles_language(byline, names):
    from publisher.clean.shapes import byline_names

    assert byline_names(byline, load_profile_set().common) == names


# ------------------------------------------------------------------ what a browser gives


def test_a_copy_without_a_title_line_finds_its_headline(tmp_path):
    """Select all, copy, paste: menus first, no <title> line; the headline stands above the
    date, the byline and the text."""
    copy = "\n".join([
        "Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Tin mới",
        "Sở Giao thông nói gì về kế hoạch mở tuyến mới năm tới", "Hai mươi tuyến buýt điện mới cho Hà Nội",
        "Thứ Ba, 25/12/2012 - 10:03", "Minh Anh",
        "Sở Giao thông vận tải Hà Nội cho biết các tuyến xe buýt mới sẽ đi vào hoạt động từ tháng sau, phục vụ người dân.",
        "Các tuyến mới nối trung tâm thành phố với các huyện ngoại thành, phục vụ hàng chục nghìn người mỗi ngày.",
        "Người dân hy vọng xe buýt điện sẽ giúp giảm ô nhiễm không khí và ùn tắc giao thông vào giờ cao điểm.",
        "Tin liên quan", "Giá vàng hôm nay tăng mạnh",
    ])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.title == "Hai mươi tuyến buýt điện mới cho Hà Nội"
    assert article.published.value == datetime(2012, 12, 25, 10, 3)
    assert article.authors == ("Minh Anh",)
    assert "Giá vàng" not in _text_of(article)


@pytest.mark.parametrize(("stamp", "lead", "expected"), [
    ("HÀ NỘI", "Chiều 5/3, Sở Giao thông vận tải cho biết hai mươi tuyến buýt điện sẽ chạy từ tháng sau.", None),
    ("WASHINGTON", "The city council voted on Monday to add twenty electric bus routes by next spring.", None),
    ("", "CEOs of the three bus companies said on Monday that twenty new routes would open in spring.", None),
])
def test_a_place_in_capitals_run_into_the_lead_is_left_out(tmp_path, stamp, lead, expected):
    """A copy glues a place set in its own box to the lead's first word (the separator is
    drawn by the stylesheet); capitals run into a capitalised word never start a sentence."""
    copy = "\n".join(["Hai mươi tuyến buýt điện mới", "Thứ Ba, 25/12/2012 - 10:03", stamp + lead,
                      "Các tuyến mới nối trung tâm thành phố với các huyện ngoại thành, phục vụ hàng chục nghìn người mỗi ngày.",
                      "Người dân hy vọng xe buýt điện sẽ giúp giảm ô nhiễm không khí và ùn tắc giao thông vào giờ cao điểm."])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.lead == (expected or lead)


MENU = ["Home", "News", "Business", "Sport", "Culture", "Opinion", "Video", "Weather", "Travel", "Science"]


def test_a_headline_printed_twice_keeps_the_date_and_standfirst_under_its_first_copy(tmp_path):
    """A browser copy of a page that prints its headline in the header (with the date and
    standfirst under it), then related links, then the headline again above the text."""
    title = "City votes to add twenty bus routes"
    copy = "\n".join([
        *MENU, title, "Local | Updated Tuesday, 3 May 2021 10:05",
        "The council approved the largest change to the bus network in a decade on Tuesday.",
        "Related: Tram fares to rise next year", "Related: New bridge opens to cyclists",
        title, "\n\n".join(PARAGRAPHS), "", "Most read", "Storm closes schools across the region",
    ])  # (a copy sets a blank line between paragraphs)
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.title == title
    assert article.published is not None and article.published.value == datetime(2021, 5, 3, 10, 5)
    assert article.lead == "The council approved the largest change to the bus network in a decade on Tuesday."
    assert [block.text for block in article.body] == PARAGRAPHS


@pytest.mark.parametrize("above", [["Market Notes"], ["Market Notes", "Market Notes 3.5.21"]])
def test_a_columns_dated_headline_under_its_breadcrumb_is_the_headline(tmp_path, above):
    """A daily column's headline is its name and the day's date (``Market Notes 3.5.21``),
    under the breadcrumb's last entry that it begins with, or printed twice in a row: a
    headline, not a date line between headline and text."""
    copy = "\n".join([*MENU, *above, "Market Notes 3.5.21", "Author:", "Jane Roe", "\n\n".join(PARAGRAPHS)])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == "Market Notes 3.5.21"


def test_a_headline_of_two_sentences_in_title_case_over_the_byline_is_the_headline(tmp_path):
    """``Bus Fares Rise. Why Riders Should Not Worry.``: a headline ending with a full stop,
    told from a paragraph by its Title Case and the byline under it."""
    title = "Bus Fares Rise Again. Why Riders Should Not Worry."
    copy = "\n".join([*MENU, "TRANSPORT", title, "By Jane Roe Updated May 3, 2021 8:21 am ET", "Print Article",
                      "\n\n".join(PARAGRAPHS)])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == title


def test_the_headline_again_at_the_top_of_the_text_ends_nothing(tmp_path):
    """A photo story whose first picture is captioned with the headline: under the
    standfirst, the headline again and the text running on is the article, not a share box."""
    title = "The strangest packaging in the world"
    copy = "\n".join([
        *MENU, title, "3 May 2021", "Clever, funny and beautiful packaging makes these products stand out to shoppers from the very first glance.",
        title, "\n\n".join(PARAGRAPHS), "", "Related stories", "Ten offices you would love to work in",
    ])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert [block.text for block in article.body] == PARAGRAPHS


def test_a_headline_that_asks_a_question_is_no_paragraph(tmp_path):
    copy = "\n".join([
        "Xã hội", "Xem giao diện web",
        "Tại sao học sinh miền núi phải tìm mọi cách vượt sông để đến lớp?",
        "Thứ Năm, 20/03/2014 15:23",
        *[f"Đoạn văn thứ {n} kể lại chuyện các em học sinh vượt sông đến trường mỗi sáng trong mùa lũ năm nay." for n in range(3)],
    ])
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    assert read_article(page, load_profiles()).article.title == "Tại sao học sinh miền núi phải tìm mọi cách vượt sông để đến lớp?"


def test_save_as_text_lines_are_joined_into_paragraphs():
    wrapped = [
        "Council adds twenty bus routes", "",
        "The city council voted on Tuesday to expand the bus network by twenty routes,",
        "the largest change in a decade, officials said after the meeting ended late.", "",
        "Officials said the new routes would serve neighbourhoods on the eastern edge",
        "of the city that have had no service for years.", "",
        "  • Home", "  • News",
        "Residents who spoke at the meeting welcomed the plan but asked for buses to",
        "run later in the evening and at weekends, when most of them travel to work.",
    ]
    lines = [text for _, text in unwrap(wrapped) if text.strip()]
    assert lines[1] == ("The city council voted on Tuesday to expand the bus network by twenty routes, "
                        "the largest change in a decade, officials said after the meeting ended late.")
    assert lines[2].endswith("that have had no service for years.")
    assert "  Home" in lines and "  News" in lines  # menu entries stay lines of their own, without the bullet


def test_a_number_the_width_carried_to_the_next_line_does_not_start_a_list_item():
    wrapped = [
        "Mrs Nguyen Thi Huyen, who is thirty-six, rents a room in Thanh Loc (district",
        "12) and lost her job at a plastics factory when it closed last year, she said.", "",
        "The council plan has three steps, each of which is set out below in full, here:",
        "1. New routes in the east of the city, where no bus has ever run before now.",
        "2. Later buses on the busiest routes, as the residents asked at the meeting.",
        "The first routes are expected to open in the spring, with the rest following",
        "over the next two years, officials said after the meeting had ended on Tuesday.",
    ]
    lines = [text for _, text in unwrap(wrapped) if text.strip()]
    assert lines[0].endswith("(district 12) and lost her job at a plastics factory when it closed last year, she said.")
    assert lines[2].startswith("1. New routes") and lines[3].startswith("2. Later buses")


_FULL_LINE = "x" * 70 + " " + "y" * 8  # 79 columns: the dump's width


def test_a_date_the_width_broke_after_its_slash_is_joined_without_a_space():
    # A text browser breaks after the slash inside a date: "... from 29/" then "12/2012 ...".
    wrapped = [*[_FULL_LINE] * 6, "", "The city said the holiday will run for four days in a row this year, from 29/",
               "12/2012 to the end of 1/1/2013.", "", "Next paragraph."]
    joined = [text for _, text in unwrap(wrapped) if text.strip()]
    assert "this year, from 29/12/2012 to the end of 1/1/2013." in joined[-2]


def test_a_word_that_would_end_in_the_last_column_was_carried_over():
    line = "Officials said that the new routes would serve the eastern edge of the old"
    assert len(line) + 1 + len("town.") == 80 and len(line) + 1 + len("end.") == 79
    wrapped = [*[_FULL_LINE] * 6, "", line, "end.", "", "Next paragraph."]
    joined = [text for _, text in unwrap(wrapped) if text.strip()]
    assert line + " end." in joined


def test_display_width_counts_wide_and_combining_characters_as_a_text_browser_does():
    assert display_width("Nguyễn Thị “Huyền” – 12/2012") == 28
    assert display_width("東京 e\u0301") == 6  # two wide characters, a space, e and its accent
    # The characters the width takes as one column without a look-up are one column.
    narrow = [chr(code) for low, high in ((0, 0x2FF), (0x1E00, 0x1EFF), (0x2000, 0x2064)) for code in range(low, high + 1)]
    assert all(
        unicodedata.east_asian_width(ch) not in "WF" and not unicodedata.combining(ch) and display_width(ch) == 1
        for ch in narrow
    )


def test_a_close_buttons_sign_after_the_text_is_no_author(tmp_path):
    page = tmp_path / "copy.txt"
    page.write_text("\n".join(["Council adds twenty bus routes", "Tuesday, 14 May 2024, 09:30", *PARAGRAPHS, "\u00d7"]), encoding="utf-8")
    assert read_article(page, load_profiles()).article.authors == ()


def test_labels_between_the_headline_and_its_date_are_no_text(tmp_path):
    """A reader view's shape: byline, site and section under the headline, then the date."""
    page = tmp_path / "reader.txt"
    page.write_text("\n".join([
        "Council adds twenty bus routes", "Jane Roe", "daily.example", "Local", "Transport",
        "Tuesday, 14 May 2024, 09:30", "", *PARAGRAPHS,
    ]), encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert article.lead == PARAGRAPHS[0]
    assert not {"Jane Roe", "daily.example", "Local", "Transport"} & {getattr(b, "text", None) for b in article.body}


def test_a_sentence_above_the_date_keeps_its_place(tmp_path):
    page = tmp_path / "standfirst.txt"
    standfirst = "Twenty new routes will reach the eastern edge of the city by next spring."
    page.write_text("\n".join(["Council adds twenty bus routes", standfirst, "Tuesday, 14 May 2024, 09:30", *PARAGRAPHS]),
                    encoding="utf-8")
    article = read_article(page, load_profiles()).article
    assert standfirst in (article.lead, *(getattr(b, "text", None) for b in article.body))


def test_a_copy_whose_headline_is_the_sites_own_name_is_refused(tmp_path):
    page = tmp_path / "home.txt"
    page.write_text("\n".join([
        "The Daily Example", "Home", "News", "Sport",
        "The Daily Example is the newspaper of the city's transport workers and their union.",
        "It is published every morning and read by forty thousand people across the region.",
        "Editor: Jane Roe. Address: 1 Example Street, Example City. Telephone: 0123 456 789.",
        "© 1999 - 2024 The Daily Example. All rights reserved.",
    ]), encoding="utf-8")
    with pytest.raises(NotAnArticleError, match="site's own name"):
        read_article(page, load_profiles())


def test_a_homepage_copy_is_refused(tmp_path):
    cards = "\n".join(
        f"Tin nổi bật số {n} trong ngày hôm nay\n(BM) - Tóm tắt câu chuyện số {n} được đăng trên trang chủ của tờ báo hôm nay, với nhiều chi tiết.\nXem tiếp"
        for n in range(6)
    )
    page = tmp_path / "home.txt"
    page.write_text("Trang chủ\nThời sự\nKinh tế\n" + cards, encoding="utf-8")
    with pytest.raises(NotAnArticleError, match=r"homepage|listing"):
        read_article(page, load_profiles())


_FRONT_PAGE_HEADLINES = [
    "City council votes to expand the bus network next spring",
    "Flooding closes the riverside road for a third day running",
    "Local team wins the regional cup after a late penalty",
    "New library opens its doors in the old post office building",
    "Fuel prices fall for the fourth week in a row at the pumps",
    "Hospital opens a children's ward named after a retired nurse",
    "Farmers count the cost of the driest summer in forty years",
    "Police search for the owner of a painting left on a tram",
    "School leavers protest against the new exam timetable downtown",
    "Museum returns ancient bowls to the village where they were found",
    "Bakery chain to close twelve shops across the northern suburbs",
    "Heatwave warning issued for the coast as temperatures climb",
    "Theatre company tours old mining towns with a play about coal",
    "Cycle lane on the main bridge to open before the winter",
]


def test_a_front_page_of_headlines_with_no_sentence_of_text_is_refused(tmp_path):
    # A whole-page dump of a homepage whose title names only the site: a section's headline,
    # a teaser cut short and two questions (which read as the text's start), then headline
    # under headline, each a different story, and not one full sentence.
    lines = ["Example Daily | EXAMPLEDAILY.COM - The latest news, every hour", "Home", "World", "Business", "Sport",
             "Storm season: what to expect",
             "Thousands of homes along the coast were left without power overnight as the first storm of the season...",
             "Why are so many young families leaving the city centre for the small towns around it?",
             "What will the new rules on renting mean for tenants who share a flat with friends?"]
    for number, headline in enumerate(_FRONT_PAGE_HEADLINES):
        lines += [headline] + (["Sport"] if number % 4 == 3 else [])
    page = tmp_path / "front.txt"
    page.write_text("\n".join([*lines, "Contact us", "© 2021 Example Daily"]), encoding="utf-8")
    with pytest.raises(NotAnArticleError, match=r"14 headlines of other stories .* 0 full sentences: a homepage"):
        read_article(page, load_profiles())


def test_an_article_of_subheadings_or_short_captions_is_no_front_page():
    # Subheadings with their text under them, and a photo story's captions (full sentences
    # however short), are an article's, however many; so is a text with related headlines under it.
    from publisher.clean.lines import Line
    from publisher.clean.refusals import doubt_front_page

    paragraphs = [f"{paragraph} It was the {number}th such change." for number, paragraph in enumerate(PARAGRAPHS * 4)]
    subheaded = [line for pair in zip(_FRONT_PAGE_HEADLINES, paragraphs, strict=False) for line in pair]
    captions = [f"{headline}, as the driver saw it." for headline in _FRONT_PAGE_HEADLINES]
    related = [*PARAGRAPHS[:2], *_FRONT_PAGE_HEADLINES]
    front = ["Why are so many young families leaving the city for the small towns around it?", *_FRONT_PAGE_HEADLINES]
    for lines in (subheaded, captions, related):
        assert doubt_front_page([Line(number, text) for number, text in enumerate(lines)]) is None
    assert doubt_front_page([Line(number, text) for number, text in enumerate(front)]) is not None


# ------------------------------------------------------------------ site profiles as data


PROFILE = """
[site]
name = "The Daily Example"
domains = ["daily.example"]

[selectors]
title = "h2.story-title"
date = ".story-meta time"
author = ".story-meta .who"
remove = [".ad-slot"]
"""


def _profiled_page(tmp_path, remove_body: bool = False):
    head = '<title>Daily Example</title><link rel="canonical" href="https://www.daily.example/news/buses">'
    body = (
        "<h1>Daily Example</h1><h2 class='story-title'>Council adds twenty bus routes</h2>"
        "<div class='story-meta'><time>19/11/2019 08:30</time> <span class='who'>Jane Roe</span></div>"
        "<div class='story'>" + "".join(f"<p>{p}</p><div class='ad-slot'><p>Buy the new phone now at a discount price today.</p></div>" for p in PARAGRAPHS) + "</div>"
    )
    return _page(tmp_path, body, head)


def test_a_profile_names_the_sites_parts_with_css_selectors(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "daily.toml").write_text(PROFILE, encoding="utf-8")
    article = read_article(_profiled_page(tmp_path), load_profiles((folder,))).article
    assert article.title == "Council adds twenty bus routes"
    assert article.authors == ("Jane Roe",)
    assert article.published.value == datetime(2019, 11, 19, 8, 30)
    assert "discount" not in _text_of(article) + (article.lead or "")


def test_a_stale_profile_makes_no_page_worse(tmp_path):
    """A selector written for old markup that now matches the whole story is ignored."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "daily.toml").write_text(PROFILE.replace('[".ad-slot"]', '[".story"]'), encoding="utf-8")
    with_profile = read_article(_profiled_page(tmp_path), load_profiles((folder,))).article
    without = read_article(_profiled_page(tmp_path), load_profiles()).article
    assert set(PARAGRAPHS) <= {b.text for b in with_profile.body if isinstance(b, Paragraph)} | {with_profile.lead}
    assert len(_text_of(with_profile)) >= len(_text_of(without)) - 100


def test_a_profile_with_a_broken_selector_is_refused_with_its_name(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "bad.toml").write_text('[site]\nname = "Bad"\n[selectors]\ntitle = "h1["\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.toml.*not a CSS selector"):
        load_profiles((folder,))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[site]\nname = "Bad\n', r"bad\.toml:2: invalid site profile.*not closed"),
        ('[site]\nname = "Bad"\ntimezone = "ICT"\n', r"bad\.toml:3: \[site\] timezone must be a UTC offset"),
        ('[chrome]\nlines = "Quảng cáo"\n', r"bad\.toml:2: \[chrome\] lines must be a list"),
        ('[structure]\nmax_subheading_words = "ten"\n', r"bad\.toml:2: \[structure\] max_subheading_words must be a whole number"),
    ],
)
def test_a_wrong_profile_is_refused_at_its_line(tmp_path, text, message):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profiles((folder,))
    assert re.search(message, str(caught.value)), str(caught.value)


def test_figures_keep_headings_and_paragraphs_types(tmp_path):
    """The block kinds survive the extractor-led path: a subheading stays a heading."""
    body = ("<h1>Council adds twenty bus routes</h1>" + f"<p>{PARAGRAPHS[0]}</p><h2>What comes next</h2>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
            + "<figure><img src='https://cdn.example/bus.jpg'><figcaption>A new bus at the depot.</figcaption></figure>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert Heading("What comes next") in article.body
    assert any(isinstance(b, Figure) and b.caption == "A new bus at the depot." for b in article.body)


def test_a_byline_word_in_lower_case_among_the_labels_above_the_date_gives_the_author(tmp_path):
    """``by Jane Roe`` between the headline and its date line: the labels there go, and the
    byline among them, opened by a byline's word in lower case, names the author."""
    body = ("<h1>Council adds twenty bus routes</h1><div class='meta'><p>by Jane Roe</p>"
            "<p>Nov 19, 2019 at 9:08 AM</p></div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert "Jane Roe" not in _text_of(article)


def test_a_date_whose_parts_a_page_runs_together_is_still_a_date_line(tmp_path):
    """A page that sets the year and the time (or the time zone and how long ago) in
    elements of their own is read without the space its stylesheet draws between them: the
    line is still a date line, not the lead or a heading."""
    glued = parse_date_line("Published Tue, Nov 19 20197:05 AM ESTUpdated Tue, Nov 19 20197:16 AM EST")
    assert glued is not None and (glued.value.year, glued.value.hour, glued.value.minute) == (2019, 7, 5)
    aged = parse_date_line("Nov 19, 2019 at 9:08 GMT1 day ago")
    assert aged is not None and aged.value == datetime(2019, 11, 19, 9, 8, tzinfo=UTC)
    assert parse_date_line("12/03/2019 2 giờ trước") is not None
    assert parse_date_line("He left 3 days ago on November 19, 2019 for the coast and the hills") is None
    body = ("<h1>Council adds twenty bus routes</h1><div class='meta'><p>by Jane Roe</p>"
            "<p>Nov 19, 2019 at 9:08 GMT1 day ago</p></div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.published is not None and article.published.value == datetime(2019, 11, 19, 9, 8, tzinfo=UTC)
    assert "day ago" not in _text_of(article) and "day ago" not in (article.lead or "")


def test_a_sentence_of_the_text_repeated_in_a_highlights_box_is_printed_once(tmp_path):
    """A box of highlights (or a pull quote) repeats a sentence of the text word for word;
    the extractor reads the text once. The text keeps its own copy; a caption printed under
    each picture of a series is no such sentence and stays under each."""
    repeated = "Officials said the new routes would serve neighbourhoods on the eastern edge of the city that have had no service."
    highlights = f"<section class='field-highlights'><div>Highlights</div><div>{repeated}</div></section>"
    body = (f"<h1>Council adds twenty bus routes</h1>{highlights}<article>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    texts = [article.lead or "", *(block.text for block in article.body if isinstance(block, Paragraph))]
    assert sum(text == repeated for text in texts) == 1
    assert [text for text in texts if text in PARAGRAPHS] == PARAGRAPHS


def test_analysis_and_opinion_bylines_name_their_author(tmp_path):
    """``Analysis by``, ``Opinion by``, ``Commentary by``: English bylines of columns, read as
    any byline's word is, with a job title after the name."""
    for label in ("Analysis by", "Opinion by"):
        body = (f"<h1>Council adds twenty bus routes</h1><div class='byline'>{label} Jane Roe, Editor-at-large</div>"
                + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
        article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
        assert article.authors == ("Jane Roe",)


def test_a_social_networks_plugin_box_under_the_headline_is_no_lead(tmp_path):
    """Facebook's plugins carry the class names its documentation gives every site that
    embeds them (``fb-page``, ``fb-like``, ``fb-send-to-messenger``): a call to follow or to
    chat, never the article's standfirst, even when it reads as a sentence."""
    call = "Talk to us on the messenger app. Find out what is happening in the city as it unfolds."
    body = (f"<header><h1>Council adds twenty bus routes</h1><p>Updated 0339 GMT November 19, 2019</p>"
            f"<div class='fb-send-to-messenger-container'><div class='content'><p>{call}</p></div></div></header>"
            "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.lead != call and call not in _text_of(article)
    assert PARAGRAPHS[0] in (article.lead or "") + _text_of(article)


def test_a_linked_heading_the_text_goes_on_under_is_a_subheading(tmp_path):
    """A list story names each item in a heading that links to it (a product, a place): with
    the text going on right under it, the heading is the text's, not another story's card."""
    items = [("Riverside Night Market", PARAGRAPHS[0]), ("The Old Tram Depot", PARAGRAPHS[1]),
             ("Eastern Park Lido", PARAGRAPHS[2])]
    body = ("<h1>Three places to visit on the new routes</h1><article>" + f"<p>{PARAGRAPHS[3]}</p>"
            + "".join(f"<h2><a href='https://shop.example/{i}'>{name}</a></h2><p>{text}</p>" for i, (name, text) in enumerate(items))
            + "</article>")
    article = read_article(_page(tmp_path, body, "<title>Three places to visit on the new routes</title>"), load_profiles()).article
    headings = [block.text for block in article.body if isinstance(block, Heading)]
    assert headings == [name for name, _ in items]


def test_chrome_labels_run_together_with_bars_and_a_count_are_chrome(tmp_path):
    """``Posted in <category> | Permalink | 10 Comments``: the labels a blog prints under a post,
    the comments' count before its label, spaces around the bars."""
    common = load_profiles().common
    assert common.is_chrome("Posted in Open thread | Permalink | 10 Comments")
    assert common.is_chrome("Posted in Grants | Permalink | 1 Comment")
    assert not common.is_chrome("Posted in Grants | a grant of 10 million to a charity | 1 Comment")
    body = ("<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "<p>Posted in Transport | Permalink | 10 Comments</p>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert "Permalink" not in _text_of(article) and PARAGRAPHS[-1] in _text_of(article)


def test_a_level_one_heading_under_a_headline_from_the_metadata_is_no_lead(tmp_path):
    """The metadata's headline (written for search engines) is printed nowhere; the page's
    own headline, its <h1> in another wording, stands on top of the text: it is the headline
    again, not the standfirst."""
    head = "<title>Council bus plan: twenty routes for the east</title>" + _json_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council bus plan: twenty routes for the east"})
    printed = "Twenty new bus routes for the eastern edge, and riders ask: why so late?"
    body = (f"<article><h1>{printed}</h1><div class='byline'>By Jane Roe</div>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    article = read_article(_page(tmp_path, body, head), load_profiles()).article
    assert article.lead != printed and printed not in _text_of(article)
    assert PARAGRAPHS[0] in (article.lead or "") + _text_of(article)


def test_a_byline_under_a_marked_standfirst_without_a_full_stop_is_read(tmp_path):
    """A deck marked up as the standfirst often ends with no full stop, as a headline does:
    the date line and the byline under it are still read, not kept as text."""
    deck = "<p class='subtitle'>Twenty new routes will serve the eastern edge of the city from the spring, officials said on Monday</p>"
    body = (f"<h1>Council adds twenty bus routes</h1>{deck}<p>CITY /</p><p>Nov 18, 2019 12:02 PM</p><p>By Jane Roe</p>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert article.published is not None and article.published.value == datetime(2019, 11, 18, 12, 2)
    assert "Jane Roe" not in _text_of(article)


def test_a_sign_up_invitation_inside_the_text_is_the_sites_promotion(tmp_path):
    """A sentence inviting the reader to sign up for the site's mail (``Sign up for ...
    newsletter``, ``... in your inbox. Subscribe to ...``) set inside the text, with no box's
    class name to tell: the site's promotion, not the text. A sentence of the text that only
    mentions a newsletter stays."""
    common = load_profiles().common
    assert common.is_promotion("Get the latest updates right in your inbox. Subscribe to our newsletters.")
    assert not common.is_promotion("You can also subscribe to this newsletter here: tick the box on the page.")
    assert not common.is_promotion("Subscribers to the council's newsletter were told of the routes on Monday.")
    invite = "There's plenty more where that came from. Sign up for The Daily Example to get the free newsletter."
    body = ("<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
            + f"<p>{invite}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert "Sign up" not in _text_of(article) and PARAGRAPHS[-1] in _text_of(article)


def test_a_label_between_a_standfirst_and_its_date_line_is_no_text(tmp_path):
    """``headline, standfirst, SECTION /, date, By ...``: the short line between the
    standfirst and the date read under it is a label (a section's name), as it is between a
    headline and its date."""
    deck = "<p class='subtitle'>Twenty new routes will serve the eastern edge of the city from the spring, officials said on Monday</p>"
    body = (f"<h1>Council adds twenty bus routes</h1>{deck}<p>CITY NEWS /</p><p>Nov 18, 2019 12:02 PM</p><p>By Jane Roe</p>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert "CITY NEWS" not in _text_of(article) and article.body[0].text == PARAGRAPHS[0]


def test_a_forms_field_labels_are_no_text(tmp_path):
    """``Name(required)``, ``Comment *``: a contact or comment form's field labels, a word or
    three and the mark of a field to fill in; a name masked with stars is no such label."""
    common = load_profiles().common
    assert common.is_form_label("Comment(required)") and common.is_form_label("E-mail *")
    assert not common.is_form_label("– Jo** Al****") and not common.is_form_label("Prices rose again. Two *")
    form = "<form><p>Name(required)</p><input name='n'><p>Comment(required)</p><textarea></textarea></form>"
    body = ("<h1>Council adds twenty bus routes</h1><div class='byline'>By Jane Roe</div>" + form
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert "required" not in _text_of(article) and "required" not in (article.lead or "")


def test_the_authors_biography_the_metadata_gives_is_no_text(tmp_path):
    """schema.org's Person author carries a ``description``: the biography an author's box
    prints under the byline or after the text. That line is the box, not the article."""
    about = "I am a reporter who has covered the city's buses, trams and bridges for the paper since 2009."
    head = "<title>Council adds twenty bus routes</title>" + _json_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council adds twenty bus routes",
        "author": {"@type": "Person", "name": "Jane Roe", "description": f"<p>{about}</p>"}})
    body = (f"<h1>Council adds twenty bus routes</h1><div class='author-box'><p>Jane Roe</p><p>{about}</p></div>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = read_article(_page(tmp_path, body, head), load_profiles()).article
    assert about not in _text_of(article) and article.lead != about
    assert PARAGRAPHS[-1] in _text_of(article)


def _reader_copy(tmp_path, parts: list[str]) -> Article:
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(parts), encoding="utf-8")
    return read_article(page, load_profiles()).article


_DATE_LINE = "Monday, 24/12/2012, 03:04 AM (GMT+7)"
_CAPTIONS = ["Buses wait at the new depot.", "A driver checks the route map.", "Passengers board at dawn."]


def test_one_alt_text_printed_for_every_picture_is_no_caption_and_no_text(tmp_path):
    """A browser prints a picture's alt text where it shows no picture: a page that gives
    every picture the same keywords prints that line once or twice a picture, spread across
    the text. It is neither a caption nor a paragraph; the captions between stay."""
    title = "Council adds twenty bus routes"
    alt = f"{title}, city news, bus routes, council vote, transport plan"
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, PARAGRAPHS[0], alt, PARAGRAPHS[1], alt,
             PARAGRAPHS[2], alt, alt, _CAPTIONS[0], alt, alt, _CAPTIONS[1], alt, _CAPTIONS[2], PARAGRAPHS[3]]
    article = _reader_copy(tmp_path, parts)
    text = _text_of(article)
    assert "city news" not in text
    assert all(caption in text for caption in _CAPTIONS) and PARAGRAPHS[3] in text


def test_a_line_a_list_repeats_in_one_run_is_not_an_alt_text(tmp_path):
    """The same short line three times in a row (a table's or a list's cells) is not spread
    across the text: it stays."""
    title = "Council adds twenty bus routes"
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:2],
             "\n".join(["- Route closed until further notice"] * 3), *PARAGRAPHS[2:]]
    article = _reader_copy(tmp_path, parts)
    assert _text_of(article).count("Route closed until further notice") == 3


def test_a_short_caption_alone_between_the_headline_and_its_date_leaves_the_standfirst_the_lead(tmp_path):
    """A copy prints the top picture's caption (a short sentence) between the headline and
    its date line; the standfirst under the date is the lead, the caption no paragraph."""
    title = "Council adds twenty bus routes"
    parts = [title, "Jane Roe", "news.example.com", title, "Buses at the depot.", _DATE_LINE, *PARAGRAPHS]
    article = _reader_copy(tmp_path, parts)
    assert article.lead == PARAGRAPHS[0]
    assert "Buses at the depot." not in _text_of(article)


def test_a_list_of_other_stories_after_the_text_ends_a_copy_and_names_no_author(tmp_path):
    """A reader view keeps the list of other stories' headlines under the text: six or more
    short lines with no blank line between them, no stop ending them, and no paragraph
    below. The article ends above it, and a label in capitals under it is no byline."""
    title = "Council adds twenty bus routes"
    headlines = [f"Other city story number {n} about the trams" for n in range(8)]
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS, "\n".join(headlines),
             "BUSINESS NEWS", "Another story's headline here", "Yet another headline for a story"]
    article = _reader_copy(tmp_path, parts)
    text = _text_of(article)
    assert PARAGRAPHS[-1] in text and "Other city story" not in text
    assert article.authors == ("Jane Roe",)


def test_captions_each_after_a_pictures_empty_lines_at_the_end_of_a_copy_are_no_paragraphs(tmp_path):
    """A reader view leaves empty lines where it shows no picture: the text's paragraphs
    stand one blank line apart, the photos after the text each leave a wider gap above
    their caption. Those captions, sentences as long as the text's, are no paragraphs; a
    paragraph after one picture inside the text stays one."""
    title = "Council adds twenty bus routes"
    captions = [f"Caption {n}: riders wait for the new buses at the depot on the first morning of service." for n in range(3)]
    more = [paragraph.replace("officials said", "the mayor said").replace("Residents", "Drivers") for paragraph in PARAGRAPHS[1:]]
    head = "\n\n".join([title, "Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:3]])
    # A picture inside the text (a wide gap above one paragraph), then paragraphs, then the photos.
    text = "\n\n".join([PARAGRAPHS[3], *more])
    copy = head + "\n\n\n\n\n" + text + "".join("\n\n\n\n\n" + caption for caption in captions)
    page = tmp_path / "copy.txt"
    page.write_text(copy, encoding="utf-8")
    article = read_article(page, load_profiles()).article
    paragraphs = [block.text for block in article.body if isinstance(block, Paragraph)]
    assert paragraphs == [*PARAGRAPHS[1:], *more]
    assert [block.caption for block in article.body if isinstance(block, Figure)] == captions


def test_a_caption_printed_twice_counts_once_in_a_series_of_photos(tmp_path):
    """A copy may print a picture's caption twice in a row (its alt text and its caption
    alike). Two lines of one caption and a short sentence of the text above them are no
    series of three photos: the sentence stays a paragraph."""
    title = "Council adds twenty bus routes"
    long_paragraphs = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    quote = '"Whatever happens, the buses will come," a resident of the east side said.'
    caption = "Buses wait at the new depot before the first morning of service (Photo: City Hall)."
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, *long_paragraphs[:2], quote,
             f"{caption}\n{caption}", *long_paragraphs[2:]]
    article = _reader_copy(tmp_path, parts)
    assert quote in [block.text for block in article.body if isinstance(block, Paragraph)]


def test_the_texts_own_list_at_the_end_of_a_copy_stays(tmp_path):
    """Six short lines one under another that end the copy, or that a line ending with a
    colon introduces, are the text's own list (a tour's dates, a table of results), not
    other stories' headlines: they stay."""
    title = "Council adds twenty bus routes"
    stops = [f"Route {n} runs from the station to the eastern depot" for n in range(8)]
    ending = _reader_copy(tmp_path, [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS, "\n".join(stops)])
    assert stops[0] in _text_of(ending) and stops[-1] in _text_of(ending)
    introduced = _reader_copy(tmp_path, [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS,
                                         "\n".join(["The new routes:", *stops]), "SEE ALSO", "Another story's headline"])
    assert stops[0] in _text_of(introduced)


def test_a_short_line_printed_under_every_picture_is_no_alt_text(tmp_path):
    """A photographer's credit or a label printed under every picture is shorter than an
    alt text written for search engines: it stays where it is."""
    title = "Council adds twenty bus routes"
    credit = "Photo by the city council press office"
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, PARAGRAPHS[0], credit, PARAGRAPHS[1], credit,
             PARAGRAPHS[2], credit, PARAGRAPHS[3]]
    assert _text_of(_reader_copy(tmp_path, parts)).count(credit) == 3


def test_a_short_line_over_a_credit_line_of_its_own_is_that_credits_caption(tmp_path):
    """A copy shows no picture: a caption and its credit printed on a line of its own
    (``Photo: Jane Roe``) stand between the paragraphs. The short line over the credit is
    the caption; a paragraph of the text's length over a credit stays text."""
    title = "Council adds twenty bus routes"
    long_paragraphs = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    caption = "Riders wait for a new bus at the eastern depot on the first morning."
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, *long_paragraphs[:2], caption,
             "Photo: Jane Roe", *long_paragraphs[2:]]
    article = _reader_copy(tmp_path, parts)
    assert caption not in [block.text for block in article.body if isinstance(block, Paragraph)]
    assert caption in [block.caption for block in article.body if isinstance(block, Figure)]
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, *long_paragraphs[:2], "Photo: Jane Roe",
             *long_paragraphs[2:]]
    article = _reader_copy(tmp_path, parts)
    assert long_paragraphs[1] in [block.text for block in article.body if isinstance(block, Paragraph)]


def test_a_short_line_ending_in_a_quoted_word_over_a_paragraph_is_a_subheading(tmp_path):
    """A subheading may quote its last words (``The "quiet" quitters``): a closing quote
    right after a word, with no stop in the line, ends no sentence. A sentence that ends in
    a quotation holds its stop and stays a paragraph."""
    title = "Council adds twenty bus routes"
    long_paragraphs = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    subheading = 'Riders say "finally"'
    quoted = 'The mayor called the plan "a good start."'
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, *long_paragraphs[:2], subheading,
             *long_paragraphs[2:], quoted, long_paragraphs[0]]
    article = _reader_copy(tmp_path, parts)
    assert subheading in [block.text for block in article.body if isinstance(block, Heading)]
    assert quoted in [block.text for block in article.body if isinstance(block, Paragraph)]


def test_a_long_caption_among_the_photos_a_saved_story_ends_with_is_still_a_caption(tmp_path):
    """Captions of two sentences, fifty words each, under the pictures a story ends with,
    are the photos' captions: the shape (each under a picture of its own, to the end, with
    a text of its own above) says so, not the length."""
    sentence = "The mayor opens the first of the new routes at the eastern depot on Tuesday morning"
    captions = [f"{sentence}, photo {n}. {sentence}, and riders queue at a stop near the market before the first bus, at last."
                for n in range(3)]
    assert all(45 < len(caption.split()) <= 60 for caption in captions)
    photos = "".join(f"<p><img src='photo{i}.jpg'></p><p>{caption}</p>" for i, caption in enumerate(captions))
    title = "<title>Council adds twenty bus routes</title>"
    body = "<h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + photos
    article = read_article(_page(tmp_path, body, title), load_profiles()).article
    assert [block.caption for block in article.body if isinstance(block, Figure)] == captions


def test_a_short_line_printed_twice_over_the_text_is_a_pictures_alt_text_and_caption(tmp_path):
    """A copy prints a picture's alt text and its caption alike, one under the other, over
    the paragraph that follows the picture: captions, neither a paragraph nor a subheading."""
    title = "Council adds twenty bus routes"
    long_paragraphs = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    caption = "The new depot on the eastern edge"
    parts = [title, "Jane Roe", "news.example.com", title, _DATE_LINE, *long_paragraphs[:2],
             f"{caption}\n{caption}", *long_paragraphs[2:]]
    article = _reader_copy(tmp_path, parts)
    assert caption not in [block.text for block in article.body if isinstance(block, (Paragraph, Heading))]
    assert caption in [block.caption for block in article.body if isinstance(block, Figure)]


def test_dated_comments_under_an_articles_length_of_text_are_no_forum_thread(tmp_path):
    """A copy that keeps the comment box: dated posts under ten undated paragraphs are
    readers' comments under an article, which is built; dated posts one after another
    under the title are a thread's, which is refused."""
    title = "Council adds twenty bus routes"
    text = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS] * 3
    comments = []
    for day in range(1, 6):
        comments += ["Reader Name", f"August {day}, 2018 at 3:17 pm", PARAGRAPHS[day % 4]]
    article = _reader_copy(tmp_path, [title, "Jane Roe", _DATE_LINE, *text, "Comments", *comments])
    assert article.title == title
    assert len(_text_of(article).split()) > 300
    with pytest.raises(NotAnArticleError, match="forum thread"):
        _reader_copy(tmp_path, [title, "Jane Roe", _DATE_LINE, *text[:2], *comments])


def test_share_buttons_under_the_byline_take_no_room_between_headline_and_text(tmp_path):
    """A copy with no page title on top: a row of share buttons, one word a line, between
    the byline and the text does not hide the headline above them."""
    title = "Council adds twenty bus routes"
    buttons = ["Share This Article", "Facebook", "Twitter", "Reddit", "LinkedIn", "WhatsApp", "Email", "Print", "Talk"]
    text = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    article = _reader_copy(tmp_path, ["News", "Film", title, "Jane Roe", "Nov 13, 2019 4:26 pm", *buttons, *text])
    assert article.title == title


def test_a_byline_under_the_standfirst_opens_the_text(tmp_path):
    """A copy: headline, standfirst, byline, date, then the text. The byline with one
    paragraph above it and the text's paragraphs below it opens the article; it does not
    end it after the standfirst."""
    title = "Council adds twenty bus routes"
    standfirst = "The largest change to the network in a decade will reach the eastern edge of the city first."
    text = [f"{paragraph} {paragraph}" for paragraph in PARAGRAPHS]
    article = _reader_copy(tmp_path, [title, standfirst, "Jane Roe", "Nov 13, 2019 4:26 pm", "Share", *text])
    assert all(paragraph in _text_of(article) for paragraph in PARAGRAPHS)


_MORE_PARAGRAPHS = [
    "The depot on the eastern edge will hold sixty buses. It is to be built on the site of a disused factory.",
    "Drivers will be hired from the spring onwards. The union said it welcomed the plan but wanted shorter shifts.",
    "The council will pay for the routes from the transport budget. A fare rise is not planned, officials said.",
]


def test_paragraphs_going_on_under_a_name_like_line_keep_it_in_the_text(tmp_path):
    """In a copy, a short line of capitalised words over a list (a list's heading in
    capitals, a product's name over its features) reads like a byline; where three
    paragraphs of two sentences go on under it, the text has not ended there. A byline
    under the text, with one-line headlines of other stories under it, still ends it."""
    title = "Council adds twenty bus routes"
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS, "EASTERN DEPOT",
             "Sixty buses", "Open at night", *_MORE_PARAGRAPHS, "Jane Roe", "Trams return to the old town",
             "Parking fees to rise in January", "Library opens on Sundays"]
    article = _reader_copy(tmp_path, parts)
    text = _text_of(article)
    assert all(paragraph in text for paragraph in _MORE_PARAGRAPHS)
    assert "Trams return" not in text


def test_the_headline_repeated_in_a_gallery_inside_the_text_does_not_end_it(tmp_path):
    """A copy prints a photo gallery's caption box, which repeats the headline, between
    the paragraphs; full paragraphs going on under it say the text goes on. The headline
    repeated with only short lines under it (a share box) still ends the text."""
    title = "Council adds twenty bus routes"
    gallery = ["Image 1 of 4", "Buses wait at the new depot on Tuesday.", title, "1 / 4", "Back to Gallery"]
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS, *gallery, *_MORE_PARAGRAPHS,
             title, "Share", "Tweet", "Email", "Trams return to the old town at last, the council says."]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert all(paragraph in text for paragraph in _MORE_PARAGRAPHS)
    assert "Trams return" not in text


def test_a_sentence_printed_twice_running_is_a_pictures_alt_text_and_caption(tmp_path):
    """A copy prints a picture's alt text and its caption alike, one under the other; a
    newspaper's caption is often a whole sentence longer than a subheading. The text never
    prints a paragraph twice running: both are captions, not paragraphs."""
    title = "Council adds twenty bus routes"
    caption = ("Buses wait in a long row at the new depot on the eastern edge of the city on Tuesday morning, "
               "before the first routes open.")
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:2], f"{caption}\n{caption}",
             "(Image: © Jane Roe)", *PARAGRAPHS[2:]]
    article = _reader_copy(tmp_path, parts)
    assert caption not in [block.text for block in article.body if isinstance(block, (Paragraph, Heading))]
    assert all(paragraph in _text_of(article) for paragraph in PARAGRAPHS[1:])


def test_a_gallery_caption_printed_twice_running_goes_wherever_it_is_printed_again(tmp_path):
    """A gallery prints its caption twice running (alt text and caption) and again over the
    picture opened, once more apart: every copy is a caption, none a paragraph."""
    title = "Council adds twenty bus routes"
    caption = ("Buses wait in a long row at the new depot on the eastern edge of the city on Tuesday morning, "
               "before the first routes open.")
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:2], f"{caption}\n{caption}",
             "Close", caption, *PARAGRAPHS[2:]]
    article = _reader_copy(tmp_path, parts)
    assert caption not in [block.text for block in article.body if isinstance(block, (Paragraph, Heading))]
    assert all(paragraph in _text_of(article) for paragraph in PARAGRAPHS[1:])


def test_a_sites_legal_links_under_the_text_are_no_paragraphs(tmp_path):
    """A copy keeps the footer's links to the site's legal pages: one a line, run together
    with commas, or side by side on one line. None is the text; a subheading made of one
    chrome word and another word stays."""
    title = "Council adds twenty bus routes"
    footer = ["Terms and conditions", "Privacy policy", "Cookies policy", "Privacy Policy, Terms of Use",
              "Terms of Service Privacy Notice"]
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:2], "Video games",
             *PARAGRAPHS[2:], "\n".join(footer)]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert not any(line in text for line in footer)
    assert "Video games" in text and all(paragraph in text for paragraph in PARAGRAPHS[1:])


def test_a_sign_up_forms_promise_to_let_the_reader_unsubscribe_is_no_paragraph(tmp_path):
    """A sign-up form promises the reader can leave the list again, in a short line under
    its button: the site's promotion wherever a copy prints it, not the text."""
    title = "Council adds twenty bus routes"
    promise = "We respect your time. You can unsubscribe whenever you like and we keep your address to ourselves."
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:3], promise, *PARAGRAPHS[3:]]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert promise not in text and all(paragraph in text for paragraph in PARAGRAPHS[1:])


def test_a_run_of_teasers_cut_short_with_an_ellipsis_is_no_text(tmp_path):
    """A box of other stories prints each one's opening cut short with an ellipsis; three
    in a row are no paragraphs of the text. One paragraph ending so stays."""
    title = "Council adds twenty bus routes"
    teasers = [f"Story {n} about the harbour works goes on here and on until the box ends and the words stop..."
               for n in range(1, 4)]
    trailing = "The mayor paused, then said only that the council would wait and see what the winter brings..."
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:2], trailing, *PARAGRAPHS[2:],
             "\n".join(teasers)]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert not any(teaser in text for teaser in teasers)
    assert trailing in text and all(paragraph in text for paragraph in PARAGRAPHS[1:])


def test_a_caption_over_a_credit_opening_with_photo_by_is_no_text(tmp_path):
    """A copy prints a picture's alt text, its caption and a credit line (``Photo by``
    and a name): all three are the picture's, none a paragraph or a subheading."""
    title = "Council adds twenty bus routes"
    alt, caption, credit = "The mayor and the driver at the depot", "The mayor and the driver at the depot.", "Photo by Sam Poe"
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:2],
             f"{alt}\n{caption}\n{credit}", *PARAGRAPHS[2:]]
    article = _reader_copy(tmp_path, parts)
    kept = [block.text for block in article.body if isinstance(block, (Paragraph, Heading))]
    assert not any(text in kept for text in (alt, caption, credit))
    assert all(paragraph in _text_of(article) for paragraph in PARAGRAPHS[1:])


def test_cards_of_other_stories_under_a_sections_name_printed_again_are_no_text(tmp_path):
    """Other stories' cards with no marker over them: a picture's caption, a section's
    name and a headline, card after card, a name printed on more than one card. Single
    subheadings over the text's paragraphs stay."""
    title = "Council adds twenty bus routes"
    cards = []
    for n, section in enumerate(("News", "Sport", "News", "Sport", "Culture"), start=1):
        cards += [f"Crowds gather at the pier for the festival, day {n}", section, f"Harbour works start on pier {n}"]
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS[:3], "\n".join(cards),
             "Night buses", *PARAGRAPHS[3:]]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert "Harbour works" not in text and "Crowds gather" not in text
    assert "Night buses" in text and all(paragraph in text for paragraph in PARAGRAPHS[1:])


_RESUMING_PARAGRAPHS = [
    *_MORE_PARAGRAPHS,
    "Night buses will run on four of the routes. The council said more could follow if enough people use them.",
    "Cyclists asked for bike racks on the buses. Officials said they would be fitted to the new fleet from next year.",
]


def test_an_end_marker_with_full_paragraphs_resuming_under_it_does_not_end_a_copy(tmp_path):
    """A copy prints a box of links inside the text ("Related" over two headlines); the
    text's full paragraphs go on under it, one after another, so it is no end, and the
    box goes. The same marker with only other stories' headlines under it still ends the
    text, and so does one over comments (under their writers' names, or right under it)."""
    title = "Council adds twenty bus routes"
    box = "Related\nTrams return to the old town\nParking fees to rise in January"
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS, box, *_RESUMING_PARAGRAPHS,
             "Related\nLibrary opens on Sundays\nNew bridge for cyclists\nSchools close for snow"]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert all(paragraph in text for paragraph in _RESUMING_PARAGRAPHS)
    assert "Library opens" not in text and "Trams return" not in text

    comments = [line for paragraph in _RESUMING_PARAGRAPHS for line in ("Sam Poe - 2 days ago", paragraph)]
    text = _text_of(_reader_copy(tmp_path, [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS,
                                            "Leave a comment", *comments]))
    assert not any(paragraph in text for paragraph in _RESUMING_PARAGRAPHS)

    # Comments right under the marker, one after another (a dump prints no writers' names).
    text = _text_of(_reader_copy(tmp_path, [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS,
                                            "Leave a comment\n" + "\n".join(_RESUMING_PARAGRAPHS)]))
    assert not any(paragraph in text for paragraph in _RESUMING_PARAGRAPHS)


def test_a_box_title_with_the_text_resuming_far_below_does_not_end_a_copy(tmp_path):
    """In a copy, a box of other stories inside the text prints its title (a few
    capitalised words, read as a byline) over more headlines than the nearest look
    covers; the text's paragraphs resume under it, one after another. Only a byline's
    surest shapes (a person's name, "By ...") end the text there."""
    title = "Council adds twenty bus routes"
    box = ["Transport Plan Coverage More", *(f"Route {n} opens to passengers on the eastern edge" for n in range(1, 13))]
    parts = [title, "By Jane Roe", "news.example.com", title, _DATE_LINE, *PARAGRAPHS, "\n".join(box),
             *_RESUMING_PARAGRAPHS]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert all(paragraph in text for paragraph in _RESUMING_PARAGRAPHS)

    parts = [title, "news.example.com", title, _DATE_LINE, *PARAGRAPHS, "\n".join(["Sam Poe", *box[1:]]),
             *_RESUMING_PARAGRAPHS]
    text = _text_of(_reader_copy(tmp_path, parts))
    assert not any(paragraph in text for paragraph in _RESUMING_PARAGRAPHS)


def test_comments_printed_twice_under_a_byline_are_no_text_resuming(tmp_path):
    """A copy may print each comment twice, cut short and then whole, one under the
    other. Such pairs are no paragraphs of the text resuming: the byline in capitals above
    them still ends the text."""
    title = "Council adds twenty bus routes"
    said = ["the routes should have come years ago", "the buses should run later at night",
            "the depot will be too loud for its neighbours", "the fares should go down for students"]
    comments = [line for words in said for line in (
        f"I think {words}, and I have said so ...", f"I think {words}, and I have said so at every meeting since the spring.",
        "Sam Poe - 2 days ago")]
    parts = [title, "news.example.com", title, _DATE_LINE, *PARAGRAPHS, "TRUNG NGUYEN", "Share\nTweet", *comments]
    article = _reader_copy(tmp_path, parts)
    assert "I think" not in _text_of(article)


def test_a_headline_over_its_byline_wins_over_a_share_bar_nearer_the_text(tmp_path):
    """A copy: the headline, the byline and date, then a share bar of a headline's length
    right above the text. The share bar says nothing the text says; the line over the
    byline does, and is the headline. A line right above the text that shares its words
    stays the headline, whatever stands over a date further up."""
    title = "Council adds twenty bus routes"
    parts = ["Home", "News", title, "By Jane Roe, 19 November 2019", "Share on: Facebook Twitter Reddit", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title
    # A headline that says what the text says stays, under another story's over its date.
    parts = ["Trams return to the old town", "Tuesday, 19/11/2019 08:30", title, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title



def test_other_stories_each_with_byline_and_date_under_a_short_article_are_no_thread(tmp_path):
    """A copy of a short article, then a list of other stories, each a headline, its
    writer's name, a date and a teaser: each date stands under a headline and a name, as
    a story's does, so the page is built, not refused as a forum thread. Posts (a poster's
    name, a date, a message, one after the other) still make a thread."""
    title = "Council adds twenty bus routes"
    stories = ["Trams return to the old town after ten years", "Parking fees to rise in January, council says",
               "Library opens on Sundays for a trial year", "Mayor names new head of the transport office"]
    teasers = [*_MORE_PARAGRAPHS, "The museum will stay open late on Fridays from March. Entry stays free, the trust said."]
    listing = [part for story, teaser in zip(stories, teasers, strict=True)
               for part in (story, "Jane Roe", "Tuesday November 19, 2019", teaser)]
    head = [title, "By Jane Roe", "November 18, 2019 12:26 PM", *PARAGRAPHS]
    article = _reader_copy(tmp_path, [*head, *listing])
    assert article.title == title and PARAGRAPHS[1] in _text_of(article)
    posts = [part for teaser in teasers for part in ("Jane Roe", "Tuesday November 19, 2019", teaser)]
    with pytest.raises(NotAnArticleError, match="thread"):
        _reader_copy(tmp_path, [*head, *posts])


def test_a_title_case_headline_under_a_line_saying_nothing_of_the_text_is_the_headline(tmp_path):
    """A copy: a "continue reading" line, then the headline in Title Case (it reads like a
    line of names), its standfirst, then the text. The line nearest the text that could be
    a headline says nothing the text says; the Title Case line below it says several of
    its words, and is the headline."""
    title = "Council Adds Twenty Bus Routes To Eastern Network"
    standfirst = "The largest change to the network in a decade will reach the eastern edge of the city first."
    parts = ["Advertisement", "Continue reading the main story", title, standfirst, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title
    # A reader view's byline slot, over the site's address, stays the byline.
    parts = ["Four Things To Do This Week", "Council Routes Desk", "news.example.com", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == "Four Things To Do This Week"


def test_the_line_whose_words_the_text_repeats_is_the_headline_over_a_video_title_nearer_it(tmp_path):
    """A copy: the headline, the date, then a video's title of a headline's length right
    above the text, saying one word the text says. The headline further up says many of
    the text's words and few others: it is the headline. A line further up wins only by a
    clear margin: one that says about as much stays behind the line nearest the text."""
    title = "Council adds twenty routes to the eastern edge of the city"
    video = "Watch: city weather forecast for the week ahead"
    parts = ["Home", title, "Published 2 hours ago", video, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title
    nearer = "Council adds twenty bus routes"
    parts = ["Eastern edge of the city gets new routes", "Tuesday, 19/11/2019 08:30", nearer, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == nearer


def test_a_headline_above_a_long_share_panel_is_found_by_the_words_the_text_repeats(tmp_path):
    """A copy: the headline, then a share panel of a dozen lines of a headline's length,
    then the text. The climb from the text stops inside the panel; further up, the line
    that says several of the text's words and few others is the headline. A line up there
    that says only two of them does not win."""
    title = "Council adds twenty routes to the eastern edge of the city"
    panel = [f"Share this with {network}" for network in
             ("Facebook", "Messenger", "Twitter", "Pinterest", "WhatsApp", "LinkedIn", "Email", "Reddit",
              "Telegram", "Tumblr", "Mastodon", "Threads")]
    parts = ["Home", title, *panel, "Copy this link", "Close share panel", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title
    parts = ["Home", "Twenty years of city music", *panel, "Copy this link", "Close share panel", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title != "Twenty years of city music"


def test_a_title_case_line_longer_than_a_name_is_no_line_of_names(tmp_path):
    """A copy: "continue reading" over the headline in Title Case, seven words with no
    "and" or comma between them (no list of names: one name runs to four words), then a
    standfirst saying none of them, the byline, and the text. The headline is no byline;
    a name with its job title (``Jane Roe Senior Contributor``) still is one."""
    title = "Mayor’s Made-for-TV Budget Fight Keeps Council Guessing"
    standfirst = "Officials say the plans are hard to follow and harder to pay for, and residents are not convinced."
    parts = ["Advertisement", "Continue reading the main story", title, standfirst, "Jane Roe", "By Jane Roe", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title
    parts = ["Advertisement", "Continue reading the main story", title, "Jane Roe Senior Contributor", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


@pytest.mark.parametrize("line", ["News > City Buses > Eastern Edge", "City Buses » Eastern Edge »", "City 18 22 13 17 — 70"])
def test_a_breadcrumb_trail_or_a_score_line_is_no_headline(tmp_path, line):
    """A copy: the headline, then a breadcrumb trail (sections parted by two arrows or
    more) or a score line (more numbers than words) right above the text, saying as many
    of the text's words as the headline does. Neither is ever a headline."""
    title = "Eastern edge gets its buses"
    parts = ["Home", title, line, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


@pytest.mark.parametrize(
    "caption",
    [
        "The new depot on the eastern edge of the city (AFP)",
        "Buses at the new depot on the eastern edge.Jane Roe / Reuters file",
        "Buses on the new routes to the eastern edge© Example Pictures",
        "Council map of routes. Photo illustration by Jane Roe",
        "Foto von Jane Roe: buses on the new routes to the eastern edge",
    ],
)
def test_a_caption_ending_in_its_pictures_credit_is_no_headline(tmp_path, caption):
    """A copy: the headline, the date, then a picture's caption (no stop at its end) right
    above the text, saying words the text says. The credit it carries (a copyright sign, an
    agency after a slash or in brackets, a "photo by") makes it a caption: the headline is
    the line over the date."""
    title = "Council adds twenty bus routes"
    parts = ["Home", title, "19 November 2019", caption, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


def test_a_pictures_description_printed_again_with_its_credit_is_passed_over(tmp_path):
    """A copy: the headline, its standfirst, then a picture's description and the same
    description again with its credit glued on, then the text. The description is the
    picture's, as its caption under it says: the headline above the standfirst is found."""
    title = "Council adds twenty bus routes"
    standfirst = "The biggest change to the network in ten years."
    picture = "Buses wait at the new depot."
    parts = ["Home", title, standfirst, picture, picture + "Credit...Jane Roe/Example Pictures", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


def test_furniture_between_a_copys_headline_and_its_text_is_dropped(tmp_path):
    """A copy: the headline, the byline, the date, a share bar's label and another story's
    headline, then the text. What stands between the headline and the first paragraph and
    is no date or byline is the site's, not the text's; the date and byline stay."""
    title = "Council adds twenty bus routes"
    furniture = ["Share this with your friends", "Trams return to the old town"]
    parts = ["Home", title, "By Jane Roe", "19 November 2019", *furniture, *PARAGRAPHS]
    article = _reader_copy(tmp_path, parts)
    assert article.title == title and article.authors == ("Jane Roe",) and article.published is not None
    assert article.lead == PARAGRAPHS[0] or PARAGRAPHS[0] in _text_of(article)
    assert not any(line in _text_of(article) for line in furniture)


def _copy_of(tmp_path, lines: list[str]):
    page = tmp_path / "copy.txt"
    page.write_text("\n\n".join(lines), encoding="utf-8")
    return read_article(page, load_profiles()).article


def test_a_things_name_the_text_tells_of_is_its_box_not_the_byline(tmp_path):
    """A recipe's card under the story of making it: its name repeats the text's words, and
    its lines go on under it; a writer's name under the text ends it."""
    story = [
        "How to make a plum jam at home this winter",
        "Tuesday, 19/11/2019 08:30",
        "Plum jam is simple to make. You need ripe plums, honey and some lemon juice for it.",
        "Cook the plums with the honey slowly. The jam thickens as it cools down in the jars.",
        "Store the jam somewhere cool. It keeps for a year if the jars are sealed well.",
    ]
    card = ["Spiced Honey Plum Jam", "Two pounds of ripe plums, stoned", "One cup of honey, warmed a little",
            "Juice of one lemon, strained well", "Cook everything for twenty minutes, then fill the jars."]
    text = _text_of(_copy_of(tmp_path, [*story, *card]))
    assert "One cup of honey, warmed a little" in text
    article = _copy_of(tmp_path, [*story, "Jane Roe", *card[1:]])
    assert article.authors == ("Jane Roe",) and "One cup of honey" not in _text_of(article)



def test_an_agency_lead_with_the_text_going_on_under_it_is_the_lead_not_a_teaser(tmp_path):
    """A copy of a page that prints a video box's captions over the text: the text's lead,
    opening with the agency's name, has the text's paragraphs under it; a teaser does not."""
    captions = [
        "Mayor opens the new bridge over the river after two years of work on it.",
        "Crowds watch the first trams cross the bridge on a sunny Saturday morning.",
    ]
    lead = "(CNN)The city's new bridge opened on Saturday, two years after work on it began."
    body = [
        "The bridge carries two tram lines and a cycle path. It cost less than the council had feared.",
        "Work was held up twice by floods. Each time the river rose, the builders had to wait for weeks.",
        "The mayor thanked the builders. She said the bridge would cut the trip to the centre by half.",
        "Traders on the far bank hope for more customers. Some of them have already extended their hours.",
    ]
    text = _text_of(_copy_of(tmp_path, ["Bridge opens after two years", *captions, lead, *body]))
    assert body[-1] in text


def test_a_first_paragraph_under_the_date_that_a_list_follows_starts_the_text(tmp_path):
    """A copy: menus, the headline, its standfirst, the date, one paragraph, then a list and
    a subheading before the next paragraph. The paragraph right under the date starts the
    text, though only one more paragraph follows it closely: the subheading over the second
    paragraph is no headline."""
    title = "Council adds twenty bus routes"
    parts = [
        "Home", "News", title, "Routes for the eastern edge", "19 November 2019",
        PARAGRAPHS[0], "Here is what changes:", "Route 12", "Route 14", "Route 15",
        "More buses at night", PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], *TEXT,
    ]
    assert _reader_copy(tmp_path, parts).title == title


def test_a_caption_under_the_date_with_its_credit_is_no_start_of_the_text(tmp_path):
    """A copy: the headline, the byline, the date, the top picture's caption (a sentence)
    and its credit, a gallery's counter, then the text. The caption is the picture's: the
    text starts under it, and the headline above the byline is found all the same."""
    title = "Council adds twenty bus routes"
    caption = "The mayor, left, speaks with drivers at the new depot on the eastern edge of the city on Tuesday."
    parts = [title, "By Jane Roe", "19 November 2019", caption, "Photo: Jane Roe", "Image 1 of 5", *TEXT]
    assert _reader_copy(tmp_path, parts).title == title


@pytest.mark.parametrize(
    "quote",
    [
        '"Twenty routes will serve the eastern edge of the city."',
        "“We have waited ten years for buses on the eastern edge of the city,”",
        "— Jane Roe, the council's spokesman, on Tuesday, November 19",
    ],
)
def test_a_quotation_or_who_said_it_over_the_text_is_no_headline(tmp_path, quote):
    """A copy: the headline, the date, then a quotation that ends like a sentence inside its
    quotation marks, or the line that says who said it, right above the text and saying
    its words: a pull quote, not the headline."""
    title = "What the new bus routes will cost"
    parts = ["Home", title, "By Jane Roe", "19 November 2019", quote, *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


def test_a_headline_over_its_long_standfirst_is_the_headline(tmp_path):
    """A copy: menus, the headline, then a long standfirst with no stop at its end (a quote
    and who said it), the section, the date and the byline over the text. The line the climb
    finds first is the standfirst: the shorter line right above it, saying the text's words,
    is the headline."""
    title = "Council adds twenty bus routes"
    standfirst = "“We have waited ten years for these buses,” residents of the eastern edge told the council on Tuesday night"
    parts = ["Home", "News", "Video", title, standfirst, "CITY NEWS", "19 November 2019", "By Jane Roe", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


def test_a_headline_printed_twice_over_a_shorter_standfirst_is_the_headline(tmp_path):
    """A copy: the headline printed twice (its heading and a picture's description), then a
    standfirst with no stop at its end, a byline and the date over the text: the line
    printed twice over the standfirst is the headline."""
    title = "Council adds twenty bus routes to the eastern edge of the city"
    standfirst = "Twenty new routes for the eastern edge"
    parts = ["Home", "News", title, title, standfirst, "By Jane Roe", "19 November 2019", *PARAGRAPHS]
    assert _reader_copy(tmp_path, parts).title == title


def test_a_line_that_counts_comments_and_quotes_the_headline_ends_the_text(tmp_path):
    """``12 thoughts on “Headline”`` under the text: the comment box's header; the
    comments under it are no part of the article, whether the headline quoted is the one
    chosen or a line printed above the text."""
    title = "City votes to add twenty bus routes"
    comments = [
        "Jane Reader",
        "I have waited years for a bus that runs past my street, and I hope the new routes come soon.",
        "John Reader",
        "The evening service matters more than the number of routes, and the plan says little about it.",
    ]
    for header in (f"12 thoughts on “{title}”", f"3 responses to “{title}!”"):
        article = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", *TEXT, header, *comments])
        text = " ".join(block.text for block in article.body if isinstance(block, Paragraph))
        assert TEXT[-1] in text
        assert "evening service" not in text and "waited years" not in text


def test_a_long_agency_caption_ending_with_its_photographers_credit_is_no_lead(tmp_path):
    """An agency's caption runs long (the place, the date, what the event was) and ends
    with the photographer's name, a slash and the agency: under the headline it is the
    top picture's caption, not the standfirst, nor a paragraph of the text."""
    title = "City votes to add twenty bus routes"
    caption = (
        "Residents wait for a bus at the depot on the eastern edge of the city on Tuesday, November 19, 2019, as the "
        "council meets to vote on a plan that would add twenty routes to the network, the largest change to the "
        "service in a decade, and run buses later in the evening. (Jane Roe/The City Herald)"
    )
    article = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", caption, *TEXT])
    assert article.lead != caption
    assert all(caption not in block.text for block in article.body if isinstance(block, Paragraph))
    assert TEXT[0] in " ".join(block.text for block in article.body if isinstance(block, Paragraph)) or article.lead == TEXT[0]


def test_an_end_marker_with_words_after_it_ends_the_text_where_no_paragraph_resumes(tmp_path):
    """``Top stories in Metro`` under the text heads a box of other stories' headlines:
    the text ends above it. The same line over a box inside the text, with the text's
    paragraphs going on under the box, ends nothing."""
    title = "City votes to add twenty bus routes"
    box = ["Top stories in Metro", *[f"Another story about the harbour and its ferries, part {n} …" for n in range(5)]]
    ending = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", *TEXT, *box])
    assert not any("harbour" in block.text for block in ending.body if isinstance(block, Paragraph))
    inside = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", *TEXT[:4], *box, *TEXT[4:]])
    assert TEXT[-1] in " ".join(block.text for block in inside.body if isinstance(block, Paragraph))


def test_a_line_naming_the_author_over_their_biography_ends_the_text(tmp_path):
    """``About Jane Roe`` over ``Jane Roe is a reporter ...`` under the text: the author's
    box, no part of the article. A subheading naming a person with the text's paragraphs
    going on under it ends nothing."""
    title = "City votes to add twenty bus routes"
    box = ["About Jane Roe", "Jane Roe is a reporter who has covered the city council and its transport plans since 2015."]
    article = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", *TEXT, *box])
    text = " ".join(block.text for block in article.body if isinstance(block, Paragraph))
    assert TEXT[-1] in text and "has covered the city council" not in text
    inside = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", *TEXT[:4], *box, *TEXT[4:]])
    assert TEXT[-1] in " ".join(block.text for block in inside.body if isinstance(block, Paragraph))


def test_a_photographers_credit_under_a_picture_in_the_text_is_no_byline(tmp_path):
    """``Jane Roe/The Herald`` right under a picture's file name (which a copy prints in
    the picture's place) is the picture's credit: the text goes on under it."""
    title = "The best buses of the year, ranked"
    picture = ["electric-bus-2.jpg", "Jane Roe/The City Herald", "The Electric Bus 2 for the city"]
    article = _copy_of(tmp_path, [*MENU, title, "By Jane Roe", *TEXT[:4], *picture, *TEXT[4:7]])
    assert TEXT[6] in " ".join(block.text for block in article.body if isinstance(block, Paragraph))


@pytest.mark.parametrize(
    ("printed", "metadata", "authors"),
    [
        (("Call Us Today",), ("Jane Roe",), ("Jane Roe",)),  # a button read as a byline
        (("Jane Roesitename",), ("Jane Roe",), ("Jane Roe",)),  # a site's name run into the name
        (("Jane Roe", "John Doe"), ("Jane Roe",), ("Jane Roe", "John Doe")),  # more names printed: kept
        (("Newsdesk",), ("admin",), ("Newsdesk",)),  # the metadata names no person: the page's stays
        (("Jane Roe",), ("Ann Lee, PhD",), ("Ann Lee",)),
    ],
)
def test_printed_authors_sharing_no_name_with_the_metadatas_people_are_no_byline(printed, metadata, authors):
    from publisher.clean.names import checked_against_metadata

    page = "Call Us Today\nBy Jane Roe\nBy Ann Lee"
    assert checked_against_metadata(printed, metadata, lambda name: name in page) == authors


def test_a_metadata_name_the_page_never_prints_leaves_the_printed_byline():
    from publisher.clean.names import checked_against_metadata

    assert checked_against_metadata(("Jane Roe",), ("Ann Lee",), lambda name: False) == ("Jane Roe",)


def test_a_byline_word_alone_under_the_text_takes_the_names_on_the_next_line(tmp_path):
    paragraphs = "\n\n".join(
        f"Paragraph {n} of the story tells what the council decided about the new bridge today." for n in range(5)
    )
    page = tmp_path / "story.txt"
    page.write_text(f"Council Approves the New Bridge Plan\n\n{paragraphs}\n\nBy\n\nJane Roe\n\nMore stories\n")
    article = read_article(page, load_profiles()).article
    assert article.authors == ("Jane Roe",)


def test_names_under_a_helpers_label_after_the_text_leave_the_byline_above_as_the_authors(tmp_path):
    paragraphs = "\n\n".join(
        f"Paragraph {n} of the story tells what the council decided about the new bridge today." for n in range(5)
    )
    page = tmp_path / "story.txt"
    page.write_text(
        f"Council Approves the New Bridge Plan\n\nBy Ann Lee\n\n{paragraphs}\n\nResearchers: Jane Roe\n\nMore stories\n"
    )
    assert read_article(page, load_profiles()).article.authors == ("Ann Lee",)


_STORY = "\n\n".join(
    f"Paragraph {n} of the story tells what the council decided about the new bridge today." for n in range(5)
)
_OTHER_STORIES = "Storm closes schools across the region\nMayor opens the new library on Monday\nTrains run late after the flood\n"


def _story_copy(tmp_path, text: str) -> Article:
    page = tmp_path / "story.txt"
    page.write_text(text, encoding="utf-8")
    return read_article(page, load_profiles()).article


@pytest.mark.parametrize("heading", ["On Our Radar", "Site Index", "Asia"])
def test_a_line_of_names_heading_a_list_under_the_text_is_no_byline(tmp_path, heading):
    """In a copy that prints its paragraphs apart, a list's heading has the list's lines
    printed right under it (other stories, a menu, tags); a byline stands apart."""
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\n{heading}\n{_OTHER_STORIES}")
    assert article.authors == ()


def test_a_name_set_apart_under_the_text_or_over_its_box_is_the_byline(tmp_path):
    apart = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\nJane Roe\n\n{_OTHER_STORIES}")
    assert apart.authors == ("Jane Roe",)
    box = "Jane Roe\nJane Roe is a freelance writer living in Leeds\nWant more stories like this?\nSign up\n\nYour email\n"
    over_box = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\n{box}")
    assert over_box.authors == ("Jane Roe",)
    # Right over a box that has a heading of its own (a byline in a block with no margin).
    for heading in ("Related stories", "Tags:"):
        over_list = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\nJane Roe\n{heading}\n{_OTHER_STORIES}")
        assert over_list.authors == ("Jane Roe",)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Tom Davies Associated Press", ("Tom Davies", "Associated Press")),
        ("Jane Roe Reuters", ("Jane Roe", "Reuters")),
        ("Mary Clare Jalonick", ("Mary Clare Jalonick",)),  # no service: the name whole
        ("Jane AP", ("Jane AP",)),  # one word before it may be no whole name
    ],
)
def test_a_wire_service_run_on_after_a_name_is_credited_apart(byline, names):
    from publisher.clean.names import split_authors

    assert split_authors(byline) == names


def test_a_byline_with_a_note_in_brackets_under_the_text_ends_it(tmp_path):
    """``Hoàng Hà (tổng hợp)``: the writer and how the story was written (compiled), as
    Vietnamese papers sign under the text; a subheading of that shape has the text under it."""
    signed = _story_copy(tmp_path, f"Hội đồng thành phố duyệt kế hoạch xây cầu mới\n\n{_VI_STORY}\n\nHoàng Hà (tổng hợp)\n\nTin khác\n")
    assert signed.authors == ("Hoàng Hà (tổng hợp)",)
    assert not any("tổng hợp" in (getattr(block, "text", "") or "") for block in signed.body)
    heading = _story_copy(tmp_path, f"Hội đồng thành phố duyệt kế hoạch xây cầu mới\n\n{_VI_STORY}\n\nHà Nội (Việt Nam)\n\n{_VI_STORY}\n\nTin khác\n")
    assert heading.authors == ()


def test_a_bar_parts_the_writer_from_the_paper_printed_beside_the_name(tmp_path):
    from publisher.clean.names import split_authors

    assert split_authors("Andy Sahadeo | Fox News") == ("Andy Sahadeo",)
    assert split_authors("Jane Roe and John Doe | The Daily Paper") == ("Jane Roe", "John Doe")
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\nBy Jane Roe | The Daily Paper\n\nRelated\n{_OTHER_STORIES}")
    assert article.authors == ("Jane Roe",)


def test_a_byline_with_the_whole_text_under_it_opens_the_text_and_does_not_end_it():
    """Where the headline was found too far up, a picture's long caption over the byline
    reads as the text's first paragraph: the byline under it, with every paragraph of the
    story below, stands at the head of the text, not at its end."""
    from publisher.clean.ending import split_off_tail
    from publisher.clean.evidence import PageEvidence
    from publisher.clean.lines import Line

    caption = "The mayor, pictured at the opening of the old bridge in 2018, when she was still a member of the council's works committee."
    story = [f"Paragraph {n} of the story tells what the council decided about the new bridge today." for n in range(8)]
    related = ["Related", "Storm closes schools across the region", "Mayor opens the new library on Monday"]
    profile = load_profiles().common

    def split(texts: list[str]):
        lines = [Line.of_text(number, text) for number, text in enumerate(texts, 1)]
        return split_off_tail(lines, profile, [], PageEvidence())

    headline = "Council doubles down on the new bridge plan. They just might build it before the election."
    opening = "Remember the old bridge?"  # a short first line: no paragraph right under the byline
    text, authors, _ = split([headline, "Updated Nov 19, 9:41 AM", caption, "By Jane Roe", opening, *story, *related])
    assert authors == () and sum("of the story tells" in line.text for line in text) == 8
    # Under the text, with other stories' headlines under it, the byline ends the text.
    text, authors, _ = split([*story, "By Jane Roe", *related])
    assert authors == ("Jane Roe",) and len(text) == 8


_VI_STORY = "\n\n".join(
    f"Đoạn {n} của bài viết kể về quyết định của hội đồng thành phố đối với cây cầu mới hôm nay." for n in range(5)
)


@pytest.mark.parametrize("label", ["Disclaimer", "Entertainment", "Digitalisierung"])
def test_one_capitalised_word_under_an_english_text_is_a_label_not_a_byline(tmp_path, label):
    """Writers in English (or German) sign with two words or more, or a byline's word: one
    capitalised word alone under the text is a box's label."""
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\n{label}\n\nRelated\n{_OTHER_STORIES}")
    assert article.authors == ()


def test_one_word_under_a_vietnamese_text_is_its_writers_pen_name(tmp_path):
    """Vietnamese papers sign stories with a pen name or a given name of one word (``Trung``)."""
    article = _story_copy(tmp_path, f"Hội đồng thành phố duyệt kế hoạch xây cầu mới\n\n{_VI_STORY}\n\nTrung\n\nTin liên quan\n")
    assert article.authors == ("Trung",)
    # A news agency's name signs a text in any language.
    english = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\nReuters\n\nRelated\n{_OTHER_STORIES}")
    assert english.authors == ("Reuters",)


@pytest.mark.parametrize("label", ["Learn More", "LEARN MORE", "Disclaimer"])
def test_a_byline_by_its_word_above_the_text_outranks_a_line_of_names_under_it(tmp_path, label):
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\nBy Ann Lee\n\n{_STORY}\n\n{label}\n\nMore stories\n")
    assert article.authors == ("Ann Lee",)


def test_a_name_under_the_text_stays_the_byline_beside_the_same_name_or_a_source_above(tmp_path):
    same = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\nBy Ann Lee\n\n{_STORY}\n\nAnn Lee\n\nMore stories\n")
    assert same.authors == ("Ann Lee",)
    # "Theo ..." names a source as often as a writer: no byline's word.
    source = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\nTheo TTXVN\n\n{_STORY}\n\nDương Lâm\n\nTin liên quan\n")
    assert source.authors == ("Dương Lâm",)


@pytest.mark.parametrize(
    ("name", "site", "person"),
    [
        ("Elliot Brownstein Florida Today", "floridatoday", "Elliot Brownstein"),
        ("Andy Sahadeo | Fox News", "Fox News", "Andy Sahadeo"),
        ("Kevin McCoy USA TODAY", "usatoday", "Kevin McCoy"),
        ("Fox News", "Fox News", "Fox News"),  # the site's name alone stays
        ("Jane Today", "today", "Jane Today"),  # one word left is no name
        ("Sandee LaMotte", "CNN", "Sandee LaMotte"),
        ("Mary Clare Jalonick", None, "Mary Clare Jalonick"),
        ("Malcolm S. Forbes", "Forbes", "Malcolm S. Forbes"),  # a one-word site's name may be a surname
        ("Jane Roe | Forbes", "Forbes", "Jane Roe"),
    ],
)
def test_the_sites_name_after_a_name_is_the_paper_not_part_of_the_name(name, site, person):
    from publisher.clean.names import without_site_name

    assert without_site_name(name, site) == person


def test_a_saved_pages_byline_loses_the_sites_name_run_on_after_the_name(tmp_path):
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    page = _page(
        tmp_path,
        f"<article><h1>Council adds twenty bus routes</h1><p>By Jane Roe | Example News</p>{text}</article>",
        '<meta property="og:site_name" content="Example News"><title>Council adds twenty bus routes - Example News</title>',
    )
    assert read_article(page, load_profiles()).article.authors == ("Jane Roe",)


_MENU_ITEMS = "World\nBusiness\nAdvertise with Us\nTips"


def test_the_last_item_of_a_menu_printed_twice_is_no_kicker(tmp_path):
    """A site prints its menu twice (for wide and narrow screens); where the second ends
    right above the headline, its last item is no section."""
    copy = f"{_MENU_ITEMS}\n\nSearch\n\n{_MENU_ITEMS}\nCouncil adds twenty bus routes\n19/11/2019 08:30\n\n" + "\n\n".join(PARAGRAPHS)
    assert _story_copy(tmp_path, copy).kicker is None


@pytest.mark.parametrize("above", ["Sport", "Home"])
def test_a_section_the_menu_names_stays_the_kicker_when_the_menu_is_printed_once(tmp_path, above):
    """The menu names the section once, with other neighbours; or the label comes after a
    breadcrumb's home link (``Home``, ``News``), as the menu's first items may too."""
    menu = "Home\nWorld\nBusiness\nSport"
    copy = f"{menu}\n\nSearch\n\n{above}\nBusiness\nCouncil adds twenty bus routes\n19/11/2019 08:30\n\n" + "\n\n".join(PARAGRAPHS)
    assert _story_copy(tmp_path, copy).kicker == "Business"


def test_a_name_by_the_date_line_above_the_text_outranks_a_line_of_names_under_it(tmp_path):
    """A person's name right by the date under the headline is the byline by its place; a
    box's title under the text (``Popular Articles``) is none. A name above the text by no
    date leaves the line of names under the text the byline (``Dương Lâm``)."""
    head = "Council Approves the New Bridge Plan\n\n19/11/2019 08:30\nAnn Lee"
    by_date = _story_copy(tmp_path, f"{head}\n\n{_STORY}\n\nPopular Articles\n\nMore stories\n")
    assert by_date.authors == ("Ann Lee",)
    no_date = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n\nAnn Lee\n\n{_STORY}\n\nDương Lâm\n\nTin liên quan\n")
    assert no_date.authors == ("Dương Lâm",)


def test_a_copys_headline_is_the_line_over_the_posts_meta_line(tmp_path):
    """In a copy, the line right over a post's meta line is its headline; a line between
    the meta line and the text that repeats the text's words is the post's own."""
    lines = [*MENU, "Council adds twenty bus routes", "November 19, 2019/4 Comments/in City News /by admin",
             "Twenty bus routes for the eastern edge of the city, the council's spokesman said", *TEXT]
    article = _copy_of(tmp_path, lines)
    assert article.title == "Council adds twenty bus routes"
    assert article.published is not None and article.published.printed == "November 19, 2019"
    assert "4 Comments" not in _text_of(article)


@pytest.mark.parametrize(
    ("line", "counter"),
    [
        ("Image 1 of / 13", True), ("Image 3 of 5", True), ("Foto 2 von 12", True), ("1  /  13", True), ("1 of 6", True),
        # A date (day and month), a year, a count out of order: none is a gallery's counter.
        ("1/13", False), ("15/10", False), ("2019", False), ("13 of 5", False),
    ],
)
def test_a_photo_gallerys_counter_is_told(line, counter):
    from publisher.clean.shapes import is_gallery_counter

    assert is_gallery_counter(line) is counter


def test_a_photo_gallerys_counter_is_no_text(tmp_path):
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    body = (f"<article><h1>Council adds twenty bus routes</h1><p>By Jane Roe</p><p>November 19, 2019</p>"
            f"<figure><img src='a.jpg'><figcaption>The new depot</figcaption></figure><p>Image 1 of / 13</p>{text}</article>")
    article = read_article(_page(tmp_path, body, "<title>Council adds twenty bus routes</title>"), load_profiles()).article
    assert "Image 1 of" not in _text_of(article)
    assert PARAGRAPHS[1] in _text_of(article)



@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        # A share counter with its count, run on or apart; a share bar's buttons run together.
        ("Shares", True),
        ("858 shares", True),
        ("195Shares", True),
        ("Share Tweet Submit", True),
        ("Share Tweet", True),
        ("Bookmark and Share", True),
        ("Share on Email", True),
        ("Buffer", True),
        ("Back to Gallery", True),
        ("Caption", True),
        ("More:", True),
        ("More On:", True),
        ("More than twenty routes", False),
        # A text-mode browser's form: empty fields and buttons in brackets.
        ("[                    ] [Sign up]", True),
        ("[ ]Sign Up", True),
        ("[ ]", True),
        ("Your Email Address", True),
        ("[Editor's note: the vote was moved to Tuesday]", False),
        ("...", False),
        # Labels side by side with no call to share may be a subheading's words.
        ("Print Advertising", False),
        ("Video Search", False),
        ("Shares fell sharply", False),
        ("Share prices", False),
    ],
)
def test_a_share_counter_and_a_share_bar_are_chrome(line, chrome):
    assert load_profiles().common.is_chrome(line) is chrome


def test_a_share_counter_over_the_text_is_not_its_first_paragraph(tmp_path):
    """A copy: headline, byline, the share counter's label, then the text: the label goes,
    and the text's first paragraph opens the article."""
    title = "Council adds twenty bus routes"
    article = _reader_copy(tmp_path, [title, "By Jane Roe", "19/11/2019 08:30", "Shares", *PARAGRAPHS])
    assert "Shares" not in _text_of(article)
    assert article.title == title and (article.lead or "").startswith(PARAGRAPHS[0][:30])


def test_a_caption_printed_twice_over_the_text_is_no_lead(tmp_path):
    """A copy: a picture's alt text and its caption (the same long line twice running) and
    its credit under the byline are the picture's, not the article's lead; a lead printed
    once is."""
    title = "Council adds twenty bus routes"
    caption = "Buses wait at the new depot on the eastern edge of the city, where twenty routes will start in the spring."
    article = _reader_copy(tmp_path, [title, "By Jane Roe", "19/11/2019 08:30", caption, caption, "(Image: © Jane Roe)", *PARAGRAPHS])
    assert article.lead != caption
    assert not any(isinstance(block, Paragraph) and block.text == caption for block in article.body)
    once = _reader_copy(tmp_path, [title, "By Jane Roe", "19/11/2019 08:30", *PARAGRAPHS])
    assert (once.lead or "").startswith(PARAGRAPHS[0][:30])


_GALLERY_CAPTION = "In this Sunday, Nov. 10, 2019, photograph, a row of new buses waits at the depot on the eastern edge of the city."


def test_a_caption_printed_twice_running_is_no_start_of_the_text_nor_a_standfirst(tmp_path):
    """A copy whose top picture opens a gallery: the caption printed twice running (the
    picture's alt text and its caption), credits, the gallery's counter and buttons, then
    the headline again over the text. The caption does not start the text (the climb
    would stop at the counter over it), and under the headline it is no standfirst."""
    menu = ["Home", "News", "Sports", "Business", "Weather", "Opinion"]
    title = "Council adds twenty bus routes"
    cap, credit = _GALLERY_CAPTION, "Photo: Jane Roe, AP"
    gallery = [cap, cap, credit, credit, "Image 1 of / 9", "Caption", "Close", "Image 1 of 9", cap, cap, credit]
    lines = [*menu, title, "By Jane Roe", "Published 4:00 am CST, Wednesday, November 20, 2019", *gallery, title,
             "1 / 9", "Back to Gallery", *TEXT]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.title == title
    assert article.lead == TEXT[0]


def test_a_gallery_s_button_under_the_headline_printed_again_is_no_headline(tmp_path):
    """The same gallery, its button back to the story between the headline printed again
    and the text: the headline is found over it."""
    menu = ["Home", "News", "Sports", "Business", "Weather", "Opinion"]
    title = "Council adds twenty bus routes"
    cap = _GALLERY_CAPTION
    lines = [*menu, title, "By Jane Roe", "Published 4:00 am CST, Wednesday, November 20, 2019", cap, cap,
             "Photo: Jane Roe, AP", "Photo: Jane Roe, AP", title, "1 / 9", "Back to Gallery", *TEXT]
    assert read_article(_copy(tmp_path, lines), load_profiles()).article.title == title


def test_a_headline_printed_twice_running_is_still_the_headline(tmp_path):
    """Only a paragraph's length printed twice running is a picture's: a headline printed
    twice (a breadcrumb's last entry over it) stays the headline."""
    title = "Council adds twenty bus routes"
    lines = ["Home", "News", "Sports", title, title, "By Jane Roe", "Published 4:00 am CST, Wednesday, November 20, 2019", *TEXT]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.title == title and article.lead == TEXT[0]


def test_the_byline_printed_again_under_the_text_is_not_text(tmp_path):
    """An author's box under the text prints the byline's name again (in capitals, say):
    no line of the text. A paragraph that names the author among other words stays."""
    title = "Council adds twenty bus routes"
    mention = "Jane Roe, who covers the city council, asked the mayor about the new routes on Tuesday evening."
    lines = ["Home", "News", title, "By Jane Roe", "19/11/2019 08:30", "Jane Roe", "Contributing Writer", *TEXT, mention,
             "JANE ROE", "Contributing Writer"]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    texts = [getattr(block, "text", "").casefold() for block in article.body]
    assert "jane roe" not in texts and mention.casefold() in texts
    assert "contributing writer" not in texts  # the box's job title under the name goes with it


def test_a_byline_under_the_date_is_the_stamp_not_a_subheading(tmp_path):
    """Headline, standfirst, a newsletter's box, the date, then ``By Jane Roe`` over the
    text: the byline is read, and the text does not open with it. A byline's word inside
    a sentence under a date (no names only) stays text."""
    title = "Council adds twenty bus routes"
    standfirst = "The largest change to the network in a decade will reach the eastern edge of the city first."
    promo = ["Breaking News Emails", "Get breaking news alerts and special reports, delivered weekday mornings.", "SUBSCRIBE"]
    lines = ["News", title, standfirst, *promo, "Nov. 19, 2019, 8:41 AM UTC", "By Jane Roe", *TEXT]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.authors == ("Jane Roe",)
    assert "By Jane Roe" not in [getattr(block, "text", "") for block in article.body]
    sentence = "By Tuesday evening the council had voted to add twenty routes across the city."
    lines = ["News", title, "By Jane Roe", "Nov. 19, 2019, 8:41 AM UTC", sentence, *TEXT]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.authors == ("Jane Roe",) and sentence in [article.lead, *(getattr(b, "text", "") for b in article.body)]


def test_an_agency_alone_on_its_line_is_a_pictures_credit_not_text(tmp_path):
    """A copy: a caption and ``GETTY`` under it between two paragraphs: the credit is no
    subheading or paragraph of the text; an agency named inside a sentence stays text."""
    title = "Council adds twenty bus routes"
    sentence = "Photographers from Getty and AP waited outside the council chamber for the vote to end."
    lines = ["News", title, "By Jane Roe", "19/11/2019 08:30", TEXT[0], TEXT[1], "Buses at the depot", "GETTY", *TEXT[2:],
             sentence]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    texts = [block.text for block in article.body if isinstance(block, (Paragraph, Heading))]
    assert "GETTY" not in texts and sentence in texts


def test_topics_over_a_storys_tags_end_the_text(tmp_path):
    """``Topics`` and the tags under it, after the text: no part of it."""
    title = "Council adds twenty bus routes"
    lines = ["News", title, "By Jane Roe", "19/11/2019 08:30", *TEXT, "Topics", "Health", "Transport",
             "Comments are subject to our community guidelines, which can be viewed here.", "Popular Articles"]
    texts = [getattr(block, "text", "") for block in read_article(_copy(tmp_path, lines), load_profiles()).article.body]
    assert "Topics" not in texts and "Transport" not in texts and TEXT[-1] in texts


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("NHÓM PV", ("Nhóm PV",)),  # "phóng viên": no name's word lacks a vowel
        ("PV - CTV", ("PV", "CTV")),
        ("THANH HÀ/TTXVN", ("Thanh Hà/TTXVN",)),
        ("JANE ROE, AFP", ("Jane Roe", "AFP")),  # a wire service's short name
        ("MINH ANH", ("Minh Anh",)),  # must not fire: names in capitals are proper-cased
        ("HÀ", ("Hà",)),
        ("MY", ("My",)),  # y is a vowel of names too
    ],
)
def test_an_acronym_in_a_byline_in_capitals_stays_in_capitals(byline, names):
    from publisher.clean.names import split_authors

    assert split_authors(byline) == names


@pytest.mark.parametrize(
    ("menu", "crumbs", "kicker"),
    [
        ("Trang chủ\nThời sự\nThế giới\nĐăng nhập", "Trang chủ Sống khỏe", "Sống khỏe"),  # no menu names it
        ("News Tech Spaceflight Science & Astronomy Videos", "Home News Science & Astronomy", "News"),  # crumbs run together
        ("World News\nBusiness\nSport", "HomeWorld News", "World News"),
        ("Home\nNews\nSport", "Home › News", "News"),
        ("Home\nNews\nSport", "Back to school", None),  # must not fire: no home link opens it
        ("Home\nNews\nSport", "Home Depot", None),  # must not fire: the home word is the start of a name
    ],
)
def test_a_breadcrumb_told_by_its_home_link_names_the_section_without_the_menu(tmp_path, menu, crumbs, kicker):
    """A line over the headline that opens with the site's home link is a breadcrumb: the
    site's own statement of the story's section, which a label needs the menu to confirm
    otherwise. Where a copy ran the crumbs together with spaces, the first is the run of
    the label's opening words the menu prints together."""
    article = _story_copy(tmp_path, f"{menu}\n\n{crumbs}\nCouncil Approves the New Bridge Plan\nDecember 2, 2026\n\n{_STORY}\n")
    assert article.title == "Council Approves the New Bridge Plan"
    assert article.kicker == kicker


@pytest.mark.parametrize(
    ("signature", "authors"),
    [("Tác giả: Minh Anh", ("Minh Anh",)), ("Phóng viên: Hoàng Hà", ("Hoàng Hà",)), ("Người viết: Lê Lan", ("Lê Lan",))],
)
def test_a_vietnamese_authors_label_under_the_text_gives_the_names(tmp_path, signature, authors):
    """``Tác giả:`` (author), ``Phóng viên:`` (reporter), ``Người viết:`` (writer): the
    label Vietnamese pages sign with, as ``Author:`` is in English; the names follow."""
    article = _story_copy(tmp_path, f"Hội đồng thành phố duyệt kế hoạch xây cầu mới\n\n{_VI_STORY}\n\n{signature}\n\nTin khác\n")
    assert article.authors == authors
    assert not any(signature in (getattr(block, "text", "") or "") for block in article.body)


@pytest.mark.parametrize(
    ("meta", "authors", "date"),
    [
        ("Posted on December 2, 2026 by Jane Roe", ("Jane Roe",), "2026-12-02"),
        ("5:45 AM PST 11/19/2026 by Jane Roe and John Doe", ("Jane Roe", "John Doe"), "2026-11-19"),
        ("2 décembre 2026 par Marie Dupont", ("Marie Dupont",), "2026-12-02"),
        ("December 2, 2026 by the numbers", (), None),  # must not fire: no names after "by"
    ],
)
def test_a_date_then_a_byline_on_one_line_gives_both(tmp_path, meta, authors, date):
    """A post's meta line as blogging software prints it: the date, then the byline."""
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n{meta}\n\n{_STORY}\n")
    assert article.authors == authors
    assert (article.published.value.date().isoformat() if article.published else None) == date


def test_a_byline_of_several_names_and_their_agency_above_the_date_is_read(tmp_path):
    """Two writers and their wire service run past a label's length (six words); a line of
    names is a byline there all the same, never the text's first paragraph."""
    byline = "Jane Roe and John Doe, The Associated Press"
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\n{byline}\nDecember 2, 2026\n\n{_STORY}\n")
    assert article.authors == ("Jane Roe", "John Doe", "The Associated Press")
    assert byline not in " ".join(getattr(block, "text", "") or "" for block in article.body)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 10:30 AM EST December 2, 2026", "2026-12-02T10:30:00-05:00"),  # the time before the date
        ("Tue 2 Dec 2026 10.30 GMT", "2026-12-02T10:30:00+00:00"),  # a time set with a full stop
        ("Xã hội 16/01/2014 | 16:05", "2014-01-16T16:05:00"),  # a section's label glued before the date stays apart
    ],
)
def test_a_date_line_keeps_its_time_wherever_the_time_stands(line, expected):
    from publisher.clean.head import head_date
    from publisher.clean.lines import Line

    found = head_date(Line.of_text(1, line), load_profiles().common)
    assert found is not None and found[0].value.isoformat() == expected


_POSTS = (
    "I have been driving around the bay for years and it takes forever every single morning.",
    "Take the ferry, it is faster than the car during rush hour and you can read on the way.",
    "The new bridge will fix all of this, the council approved it on Tuesday after years of debate.",
)


def _thread(first_title: str, reply_title: str, buttons: str) -> str:
    posts = [
        f"{first_title if index == 0 else reply_title}\nPosted by user{index} on December 2, 2026\n{text}\n{buttons}\n".lstrip()
        for index, text in enumerate(_POSTS)
    ]
    return "Forum\nTopics\n\n" + "\n".join(posts)


@pytest.mark.parametrize(
    ("first_title", "reply_title", "buttons"),
    [
        ("Best way to cross the bay?", "Re: Best way to cross the bay?", "Report"),  # replies titled after the thread
        ("Re: Best way to cross the bay?", "Re: Best way to cross the bay?", "Report"),  # the copy starts at a reply
        ("Best way to cross the bay?", "", "Reply Quote"),  # a post's buttons on one line
        ("Best way to cross the bay?", "", "Trả lời | Trích dẫn"),
    ],
)
def test_a_forum_threads_copy_is_refused(tmp_path, first_title, reply_title, buttons):
    page = tmp_path / "thread.txt"
    page.write_text(_thread(first_title, reply_title, buttons), encoding="utf-8")
    with pytest.raises(NotAnArticleError, match="forum thread"):
        read_article(page, load_profiles())


def test_a_posts_buttons_under_an_article_are_no_byline_and_one_reply_title_refuses_nothing(tmp_path):
    """Must not fire: one ``Re:`` line (a reader's comment quoting the headline) and a
    line of a post's buttons under an article's text leave it an article, without authors."""
    article = _story_copy(
        tmp_path, f"Council Approves the New Bridge Plan\n\n{_STORY}\n\nReply Quote\n\nRe: Council Approves the New Bridge Plan\n"
    )
    assert article.title == "Council Approves the New Bridge Plan"
    assert article.authors == ()


@pytest.mark.parametrize(
    ("notice", "button"),
    [
        (
            "We use cookies to improve your experience on our website and to analyse our traffic. "
            "By clicking Accept, you agree to our use of cookies.", "Accept all",
        ),
        ("This website uses cookies to improve your experience. We'll assume you're ok with this.", "OK"),
        ("Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn. Bằng việc tiếp tục truy cập, bạn đồng ý.", "Đồng ý"),
    ],
)
def test_a_cookie_banner_in_a_copy_is_left_out_wherever_it_stands(tmp_path, notice, button):
    """A browser's copy prints the banner where the markup holds it: here between the text
    and its byline, which is still read."""
    article = _story_copy(
        tmp_path, f"Council Approves the New Bridge Plan\nDecember 2, 2026\n\n{_STORY}\n\n{notice}\n{button}\n\nJane Roe\n"
    )
    body = " ".join(getattr(block, "text", "") or "" for block in article.body)
    assert "cookie" not in body and button not in body
    assert article.authors == ("Jane Roe",)


def test_a_paragraph_about_cookies_stays_in_the_text(tmp_path):
    """Must not fire: a story about cookies reports what sites do; it does not speak as one."""
    paragraph = "Regulators said websites must ask visitors before they use cookies, and users must be able to refuse."
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\nDecember 2, 2026\n\n{_STORY}\n\n{paragraph}\n")
    assert paragraph in " ".join(getattr(block, "text", "") or "" for block in article.body)


@pytest.mark.parametrize(
    "notice",
    [
        "Subscribe to continue reading. You have reached your limit of free articles this month.",
        "Cet article est réservé aux abonnés.",
        "Nội dung dành cho thành viên. Mời bạn đăng ký để đọc tiếp bài viết.",
    ],
)
def test_a_paywalls_notice_is_left_out_and_the_reader_told_the_text_is_its_beginning(tmp_path, notice):
    first = _STORY.split("\n\n")[0]
    page = tmp_path / "story.txt"
    page.write_text(f"Council Approves the New Bridge Plan\nDecember 2, 2026\n\n{first}\n\n{notice}\n", encoding="utf-8")
    result = read_article(page, load_profiles())
    assert notice not in " ".join([result.article.lead or "", *(getattr(b, "text", "") or "" for b in result.article.body)])
    assert any("only the article's beginning" in warning for warning in result.warnings)


def test_a_paragraph_about_subscriptions_is_no_paywall(tmp_path):
    """Must not fire: the text may speak of subscribers; only the site's own notice hides the rest."""
    paragraph = "The paper said its subscribers grew by a tenth last year, and it will open its archive to readers."
    page = tmp_path / "story.txt"
    page.write_text(f"Council Approves the New Bridge Plan\nDecember 2, 2026\n\n{_STORY}\n\n{paragraph}\n", encoding="utf-8")
    result = read_article(page, load_profiles())
    assert not any("only the article's beginning" in warning for warning in result.warnings)


_GLUED_CARDS = (
    "Police: 2 In Custody After Death Of Student-AthleteA 24-year-old woman and a 28-year-old man were arrested on Monday.\n\n"
    "Customers Leave Without Paying $690 Bill At SteakhouseA party of six left the restaurant after a fight broke out.\n"
    "Autos\n"
    "Is Violence In Sports On The Rise?Violence is part of the game in many sports, but one player crossed a line.\n\n"
    "City To Mail Panel Applications To 250,000The city will mail applications encouraging voters to serve on a commission.\n"
)


def test_a_box_of_headlines_run_into_their_teasers_is_no_text(tmp_path):
    """A copy prints a box of other stories' links with no space between headline and
    teaser: three such paragraphs in a row (the box's labels aside) are no article text,
    and the headline is looked for over the text further down."""
    article = _story_copy(
        tmp_path, f"News\nSports\n\nLatest Headlines\n\n{_GLUED_CARDS}\nCouncil Approves the New Bridge Plan\nDecember 2, 2026\n\n{_STORY}\n"
    )
    assert article.title == "Council Approves the New Bridge Plan"
    assert "SteakhouseA" not in " ".join([article.lead or "", *(getattr(b, "text", "") or "" for b in article.body)])


def test_one_paragraph_with_a_capital_inside_a_word_is_text(tmp_path):
    """Must not fire: names and brands put a capital inside a word (``McKinley``, ``iPhone``)."""
    paragraph = "In October, Rep. David McKinley visited the border near McAllen, Texas, and spoke with agents there."
    article = _story_copy(tmp_path, f"Council Approves the New Bridge Plan\nDecember 2, 2026\n\n{paragraph}\n\n{_STORY}\n")
    assert paragraph in " ".join([article.lead or "", *(getattr(b, "text", "") or "" for b in article.body)])


def test_a_byline_and_date_under_the_standfirst_open_a_text_a_paywall_cuts_short(tmp_path):
    """Standfirst, byline, date, then two paragraphs and the paywall: the byline opens the
    text (the date under it says so) rather than ending it after the standfirst."""
    first, second = _STORY.split("\n\n")[:2]
    page = tmp_path / "story.txt"
    page.write_text(
        "Council Approves the New Bridge Plan\nThe vote ends a decade of argument. The city will now raise the money.\n"
        f"By Jane Roe\nNov. 18, 2026 7:04 pm ET\n{first}\n\n{second}\n\nTo Read the Full Story\nSubscribe\nSign In\n"
        "Most Popular Videos\nMayor unveils budget plan\nSchool board delays vote\n",
        encoding="utf-8",
    )
    result = read_article(page, load_profiles())
    body = " ".join(getattr(block, "text", "") or "" for block in result.article.body)
    assert first[:40] in body and second[:40] in body
    assert result.article.authors == ("Jane Roe",)
    assert any("only the article's beginning" in warning for warning in result.warnings)


def test_a_byline_beside_the_date_with_more_paragraphs_under_it_than_above_opens_the_text():
    """With the story's date beside it, a byline with more paragraphs under it than above
    (two taken for paragraphs above it: a standfirst and a newsletter box's sentence; six
    below) opens the text; without the date, three times as many are needed."""
    from publisher.clean.ending import _dated_byline, _opens_the_text
    from publisher.clean.lines import Line

    lines = [Line.of_text(n, text) for n, text in enumerate(["Nov. 20, 2026, 9:28 AM UTC", "By Reuters", "Text"])]
    assert _dated_byline(lines, 1)
    assert not _dated_byline([Line.of_text(1, "Share"), *lines[1:]], 1)
    prose_above = [0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8]  # two paragraphs above the byline (index 3), six below
    assert _opens_the_text(3, prose_above, dated=True)
    assert not _opens_the_text(3, prose_above, dated=False)


def test_a_headline_ending_on_a_quotation_over_its_byline_is_the_headline_not_the_text(tmp_path):
    """``Bubonic plague: Third case in China – ‘The plague is coming’``: a paragraph's length
    and a closing quote, but no stop anywhere, with the byline and date under it."""
    headline = "Council approves the new bridge as the mayor warns – ‘The hard part starts now’"
    page = tmp_path / "story.txt"
    page.write_text(
        f"News\nScience\n{headline}\nTHE city council has approved the new bridge after years of debate – with residents beginning to argue over the cost of it\n"
        f"By Jane Roe\nPUBLISHED: 00:01, Tue, Nov 19, 2026\n{_STORY}\n",
        encoding="utf-8",
    )
    assert read_article(page, load_profiles()).article.title == headline


def test_a_related_box_inside_a_text_of_one_sentence_paragraphs_does_not_end_it(tmp_path):
    """A box of links under ``Related articles`` set inside the text, its links printed
    apart, then the text going on in paragraphs of one sentence each: the box goes, the
    text stays."""
    short = [f"Sentence {n} of the story says one more thing the council decided about the bridge." for n in range(8)]
    page = tmp_path / "story.txt"
    page.write_text(
        "Council Approves the New Bridge Plan\nBy Jane Roe\nDecember 2, 2026\n\n" + "\n\n".join(short[:2])
        + "\n\nRelated articles\n\nMayor unveils budget plan\n\nSchool board delays vote\n\n" + "\n\n".join(short[2:]) + "\n",
        encoding="utf-8",
    )
    article = read_article(page, load_profiles()).article
    body = " ".join([article.lead or "", *(getattr(block, "text", "") or getattr(block, "caption", "") or "" for block in article.body)])
    assert all(sentence in body for sentence in short)
    assert "Mayor unveils budget plan" not in body and "School board delays vote" not in body


def test_a_web_address_alone_as_a_link_inside_the_text_stays_a_story_card_goes(tmp_path):
    """A paragraph that is wholly a link is another story's card, which shows that story's
    headline; one that is a web address alone (``www.example-theatre.com``) is the writer
    pointing the reader to a site, and stays."""
    head = "<title>Council adds twenty bus routes - Example News</title>"
    body = ("<article><h1>Council adds twenty bus routes</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
            + '<p><a href="https://example.com/2019/storm-closes-schools">Storm closes schools across the region</a></p>'
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
            + '<p>Timetables are online:</p><p><a href="https://www.example-transit.org/">www.example-transit.org</a></p>'
            + "</article>")
    result = read_article(_page(tmp_path, body, head), load_profiles())
    text = _text_of(result.article)
    assert "www.example-transit.org" in text
    assert "Storm closes schools" not in text
    assert {d.text: d.rule for d in result.dropped}["Storm closes schools across the region"] == "link to another story"


def test_the_line_that_ends_the_text_as_a_byline_is_told_whether_or_not_it_names_anyone(tmp_path):
    """The closing byline is read as the authors, and a label in its place (a box's name
    over the page's furniture) names nobody: either way the line is accounted for in the
    record of what the cleaner left out, with its own rule."""
    from publisher.clean.ending import CLOSING_BYLINE, CLOSING_LABEL

    signed = read_article(_copy(tmp_path, [*MENU, "City votes to add twenty bus routes", *TEXT, "By Jane Roe", *MENU]), load_profiles())
    assert signed.article.authors == ("Jane Roe",)
    assert {d.text: d.rule for d in signed.dropped}["By Jane Roe"] == CLOSING_BYLINE
    labelled = read_article(_copy(tmp_path, [*MENU, "City votes to add twenty bus routes", *TEXT, "Disclaimer", *MENU]), load_profiles())
    assert labelled.article.authors == ()
    assert {d.text: d.rule for d in labelled.dropped}["Disclaimer"] == CLOSING_LABEL


def test_a_date_in_numbers_that_reads_both_ways_is_read_in_the_pages_own_order(tmp_path):
    """``12/02/2026`` is 12 February read day-first, 2 December read month-first. The
    page's other dates in numbers that read one way only tell its order; where none does,
    day-first stays (the order of most of the world)."""
    def published(others: list[str]) -> datetime:
        lines = [*MENU, "City votes to add twenty bus routes", "By Jane Roe", "12/02/2026", *TEXT,
                 "More stories", *others]
        return read_article(_copy(tmp_path, lines), load_profiles()).article.published.value

    us_cards = ["Storm closes schools across the region", "11/19/2026", "Library opens a new wing downtown", "11/24/2026"]
    assert published(us_cards).date() == datetime(2026, 12, 2).date()
    day_first_cards = ["Storm closes schools across the region", "19/11/2026", "Library opens a new wing downtown", "24/11/2026"]
    assert published(day_first_cards).date() == datetime(2026, 2, 12).date()
    assert published([]).date() == datetime(2026, 2, 12).date()
    both = ["Storm closes schools across the region", "11/19/2026", "Library opens a new wing downtown", "24/11/2026"]
    assert published(both).date() == datetime(2026, 2, 12).date()


def test_a_printed_date_days_from_the_metadatas_is_another_date(tmp_path):
    """A blog printing only its post's last update (``February 1, 2019``) under metadata
    that says it was published on 29 January 2018: the publication is the metadata's. A
    day's difference is the time zone's, and the printed date stays; a placeholder in the
    metadata (``0001-01-01``, the least date a system stores) is no date at all."""
    def published(meta: str, printed: str) -> tuple[datetime, str]:
        head = f'<title>Council adds twenty bus routes</title><meta property="article:published_time" content="{meta}">'
        body = (f"<article><h1>Council adds twenty bus routes</h1><p>{printed}</p>"
                + "".join(f"<p>{p}</p>" for p in TEXT) + "</article>")
        found = read_article(_page(tmp_path, body, head), load_profiles()).article.published
        return found.value, found.printed

    value, _ = published("2018-01-29T13:12:59-08:00", "Updated February 1, 2019")
    assert value == datetime(2018, 1, 29, 13, 12, 59, tzinfo=timezone(timedelta(hours=-8)))
    value, printed = published("2019-11-20T04:15:00+00:00", "November 19, 2019 10:15 PM CST")
    assert (value.date(), printed) == (datetime(2019, 11, 19).date(), "November 19, 2019 10:15 PM CST")
    value, printed = published("0001-01-01T00:00:00+00:00", "November 19, 2019")
    assert value.date() == datetime(2019, 11, 19).date()
    # The metadata's day settles a printed date that reads both ways.
    value, _ = published("2026-12-02T09:00:00+00:00", "12/02/2026")
    assert value.date() == datetime(2026, 12, 2).date()


def test_a_pictures_credit_with_the_copyright_sign_inside_a_copys_text_ends_nothing(tmp_path):
    """A copy that drops the picture keeps its credit and caption as a line of their own
    (``© Jane Roe Needle ...``): with the text's paragraphs going on under it, it is no
    footer. The footer's notice under the last paragraph still ends the text."""
    caption = "© John Brecher Needle poking skin during a flu shot at a community health center in Washington."
    footer = "© 2019 Example Media Group. All rights reserved."
    lines = [*MENU, "City votes to add twenty bus routes", "By Jane Roe", *TEXT[:2], caption, *TEXT[2:], footer,
             "Storm closes schools across the region", "Library opens a new wing downtown"]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    text = _text_of(article)
    assert TEXT[-1] in text
    assert "Library opens a new wing" not in text and "All rights reserved" not in text


def test_a_copys_first_line_printed_again_only_in_the_footer_is_the_sites_name(tmp_path):
    """An innerText copy opens with the logo's text, the site's name, which the footer
    prints again under the text (``© 2019 The Example Times``, then the name alone): not
    the page's title over its headline. The headline with its date and byline under it is
    the article's, and the name in the footer is not read as its closing byline."""
    site = "The Example Times"
    footer = [site, "About us", "Contact", f"{site}, LLC is a subsidiary of Example Media Group, LLC."]
    lines = [f" {site}", *MENU, "City votes to add twenty bus routes", "5:45 AM PST 11/19/2019 by Jane Roe",
             *TEXT, *footer]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.title == "City votes to add twenty bus routes"
    assert article.authors == ("Jane Roe",)
    assert TEXT[0] in (article.lead or "") + _text_of(article)


def test_a_name_like_label_with_the_texts_labelled_lines_going_on_under_it_ends_nothing(tmp_path):
    """A meal plan: entries under labels that read as names (``Nighttime Supplement``),
    each with lines opening with the same label (``Portion Fix Containers: ...``). Where
    lines with a label the text opened three times go on under such a line, the text goes
    on; a byline under the text, with the site's lines under it, still ends it."""
    def plan(day: int) -> list[str]:
        return [f"Breakfast {day}", f"Oatmeal with berries and {day} walnuts, stirred in warm milk.",
                f"Portion Fix Containers: {day} Green, 1 Red", "Pro tip: Cook the oats the night before.",
                f"Lunch {day}", f"Chicken salad with {day} cups of greens and a spoon of dressing.",
                f"Portion Fix Containers: {day} Green, 2 Yellow", f"Dinner {day}", "Salmon with rice and peas.",
                f"Portion Fix Containers: {day} Red, 1 Blue",
                "Nighttime Supplement", "Thirty minutes before bed", f"Portion Fix Containers: {day} Purple"]
    intro = list(PARAGRAPHS[:2])
    lines = [*MENU, "Meal prep for a busy week", "By Jane Roe", *intro, *plan(1), *plan(2), *plan(3),
             "Related Articles", "Storm closes schools across the region", "Library opens a new wing downtown"]
    result = read_article(_copy(tmp_path, lines), load_profiles())
    text = _text_of(result.article)
    assert "3 Purple" in text and "Library opens" not in text
    assert result.article.authors == ("Jane Roe",)
    # No labelled line under it: the byline ends the text.
    signed = read_article(_copy(tmp_path, [*MENU, "Meal prep for a busy week", *intro, *plan(1), "Jane Roe",
                                           "Related Articles", "Storm closes schools across the region"]), load_profiles())
    assert signed.article.authors == ("Jane Roe",)
    assert "Storm closes" not in _text_of(signed.article)


def test_several_names_and_their_paper_over_the_date_are_the_byline_not_the_headline(tmp_path):
    """``South Dakota says, 'Meth. We're On It,' and Twitter asks, Are you guys OK?`` over
    ``Lisa Kaczke and Trevor J. Mitchell Sioux Falls Argus Leader`` over the date: the line
    of names (too long for names alone: the paper follows the last) is the byline, and the
    question above it the headline. A headline that names people over the date stays one."""
    headline = "Springfield says, 'Transit. We're On It,' and Twitter asks, Are you guys OK?"
    byline = "Jane Roe and John T. Doe Springfield Daily Example"
    # The text opens with the paper's town (its dateline), a word the byline shares with it.
    lines = [*MENU, headline, byline, "Published 10:02 AM EST Nov 19, 2019", f"SPRINGFIELD – {TEXT[0]}", *TEXT[1:]]
    result = read_article(_copy(tmp_path, lines), load_profiles())
    assert result.article.title == headline
    assert "Jane Roe" in result.article.authors
    named = "Jane Roe and John Doe win the Springfield marathon"
    result = read_article(_copy(tmp_path, [*MENU, named, "Published 10:02 AM EST Nov 19, 2019", *lines[len(MENU) + 3 :]]), load_profiles())
    assert result.article.title == named


def test_a_list_item_is_no_headline_and_two_words_over_the_date_and_byline_are_one(tmp_path):
    """w3m marks a menu's items level by level (``•``, ``□``, ``☆``): ``□ Log In`` is a
    menu's entry, never the headline. A headline of two words (``About bugs``), shorter
    than the climb's headlines, is the headline where it stands right over the post's date
    and byline and no longer line above the text could be one."""
    menu = ["  • Games", "      □ Dare to Play 3", "      □ Party Night plus", "  • Account", "      □ Register", "      □ Log In"]
    head = ["Blog", "", "About bugs", "", "  • August 13, 2018", "  • Posted by Vortex", "  • Leave a comment", ""]
    # Its paragraphs wrapped at w3m's width, as its "save as text" writes them.
    text = [line for paragraph in TEXT for line in (*textwrap.wrap(paragraph, 78), "")]
    article = read_article(_copy(tmp_path, [*menu, "", *head, *text]), load_profiles()).article
    assert article.title == "About bugs"
    assert article.authors == ("Vortex",)
    # Over the date alone, two words are a section's label: no headline found from them.
    with pytest.raises(NotAnArticleError):
        read_article(_copy(tmp_path, [*menu, "", "Blog", "", "About bugs", "", "  • August 13, 2018", "", *text]), load_profiles())


def test_the_headline_over_the_date_and_byline_beats_a_caption_under_them(tmp_path):
    """A copy prints the headline, its byline and date, then the top picture's caption
    (the picture itself gone) right over the text: the caption, nearest the text, is no
    headline where the line over the story's stamp could be one. A headline over a stamp
    of its own stays, whatever stands over another stamp above it."""
    headline = "Riders finally get what they asked for"
    caption = "The city council voted on the bus network in the chamber"  # the text's words, more than the headline's
    stamp = ["By Jane Roe", "Published 10:02 AM EST Nov 19, 2019"]
    result = read_article(_copy(tmp_path, [*MENU, headline, *stamp, caption, *TEXT]), load_profiles())
    assert result.article.title == headline
    other = ["Storm closes schools across the region today", "By John Doe", "Nov 18, 2019"]
    result = read_article(_copy(tmp_path, [*MENU, *other, headline, *stamp, *TEXT]), load_profiles())
    assert result.article.title == headline


@pytest.mark.parametrize(
    ("headline", "paragraphs"),
    [
        ("市議会、バス路線を20本増設へ", ["市議会は火曜日、バス路線網を20路線拡大することを可決した。この10年で最大の変更となる。",
                                       "当局によると、新しい路線はこれまで運行がなかった市の東部地域を結ぶという。",
                                       "会議で発言した住民は計画を歓迎したが、夜遅くまでバスを運行するよう求めた。"]),
        ("市议会决定新增20条公交线路", ["市议会周二投票决定将公交网络扩大20条线路，这是十年来最大的一次调整。",  # noqa: RUF001 - Chinese commas, on purpose
                                     "官员表示，新线路将服务于城市东部此前没有公交服务的社区。",  # noqa: RUF001 - Chinese commas, on purpose
                                     "在会上发言的居民欢迎这项计划，但要求公交车在晚上运营到更晚。"]),  # noqa: RUF001 - Chinese commas, on purpose
    ],
)
def test_a_headline_in_a_script_without_spaces_with_a_number_in_it_is_no_row_of_figures(tmp_path, headline, paragraphs):
    """Japanese and Chinese run numbers into the words (``バス路線を20本``): a headline
    holding one is one run of words with a number, not a score's row of figures."""
    lines = ["ホーム", "ニュース", "経済", headline, "2026年12月2日", "", *[line for p in paragraphs for line in (p, "")]]
    assert read_article(_copy(tmp_path, lines), load_profiles()).article.title == headline


def _bulleted(paragraph: str) -> list[str]:
    """A list's item as w3m's "save as text" prints it: a bullet, the rest indented."""
    first, *rest = textwrap.wrap(paragraph, 74)
    return [f"  • {first}", *(f"    {line}" for line in rest)]


def test_a_bulleted_list_of_teasers_above_the_article_does_not_start_its_text(tmp_path):
    """w3m prints a box of other stories as a bulleted list, each headline run into its
    teaser: paragraphs by their length, but a list's items. The text starts at the first
    paragraph that is no list's item, and the headline over it is found; a story's key
    points, bulleted under its byline, still stand in its text."""
    others = ["Storm closes schools across the region as snow keeps falling on the hills",
              "Library opens a new wing for children with a reading garden and a small cafe",
              "Local team wins the cup after a penalty shoot-out in front of a record crowd",
              "Museum returns two paintings to the family that lost them during the war"]
    teasers = [line for n, teaser in enumerate(others) for line in _bulleted(f"Other story {n} NEW YORK: {teaser}. It...")]
    text = [line for paragraph in TEXT for line in (*textwrap.wrap(paragraph, 78), "")]
    headline = "City votes to add twenty bus routes"
    lines = ["Home", "News", "", *teasers, "", headline, "", "November 20, 2019", "by Jane Roe", "", *text]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.title == headline
    key_points = [line for p in PARAGRAPHS[:3] for line in _bulleted(p)]
    lines = ["Home", "News", "", headline, "", "  • Jane Roe", "", "  • November 20, 2019", "", *key_points, "", *text]
    article = read_article(_copy(tmp_path, lines), load_profiles()).article
    assert article.title == headline
    assert PARAGRAPHS[0] in (article.lead or "") + _text_of(article)
