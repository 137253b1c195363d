"""Saved HTML pages: the article's parts found, the page's chrome left out, images kept
local when the saved page has them (else by their address), and pages that are not
articles refused."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import SHARED_CORPUS
from typer.testing import CliRunner

from publisher import Figure, Heading, Paragraph, load_profiles, load_publication, read_article
from publisher.cli import app
from publisher.errors import NotAnArticleError

CORPUS_HTML = SHARED_CORPUS / "html"

ARTICLE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Hà Nội mở thêm 20 tuyến buýt điện - Thời sự - Báo Mẫu</title>
<meta property="og:title" content="Hà Nội mở thêm 20 tuyến buýt điện">
<meta name="description" content="(BM) - Từ tháng sau, người dân Thủ đô có thêm 20 tuyến buýt điện.">
</head><body>
<div class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/the-gioi">Thế giới</a></li></ul></div>
<div class="sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/a">Giá vàng hôm nay tăng mạnh</a></li></ul></div>
<div class="breadcrumb"><a href="/thoi-su">Thời sự</a></div>
<h1 class="title">Hà Nội mở thêm 20 tuyến buýt điện</h1>
<div class="date">Thứ Hai, 06/03/2023 - 08:15</div>
<div class="sapo">(BM) - Từ tháng sau, người dân Thủ đô có thêm 20 tuyến buýt điện chạy khắp các quận nội thành và ngoại thành.</div>
<div class="related-inline"><a href="/b">&gt;&gt; Xe buýt điện đầu tiên lăn bánh</a></div>
<div class="content">
<p>Sở Giao th&ocirc;ng vận tải Hà Nội cho biết các tuyến mới sẽ thay thế dần xe buýt chạy dầu trên những tuyến đông khách nhất của thành phố.</p>
<figure><img src="img/bus.png" alt="Xe buýt điện"><figcaption>Xe buýt điện tại bến Long Biên. Ảnh: Minh Anh</figcaption></figure>
<h2>Giá vé không đổi</h2>
<p>Theo kế hoạch, giá vé lượt vẫn là 7.000 đồng, người cao tuổi và học sinh tiếp tục được miễn hoặc giảm giá vé tháng như hiện nay.</p>
<table><tr><td><img src="https://cdn.example.vn/photo/bus2.jpg"></td></tr>
<tr><td class="image-caption">Trạm sạc tại depot Gia Lâm.</td></tr></table>
<p>Thành phố đặt mục tiêu đến năm 2030 toàn bộ xe buýt sử dụng năng lượng xanh, giảm khí thải và tiếng ồn ở khu vực đô thị trung tâm.</p>
<p><strong>MINH ANH</strong></p>
</div>
<div class="related-news"><h3>Tin liên quan</h3>
<div><a href="/c">Buýt điện có đắt hơn buýt dầu?</a><p class="sapo">(BM) - Chi phí vận hành buýt điện thấp hơn buýt dầu khoảng 30% mỗi năm.</p></div></div>
<div id="comments"><h3>Bình luận (2)</h3><p>Rất tốt, mong có thêm tuyến về Đông Anh cho người dân ngoại thành đi làm.</p></div>
<div class="footer">Giấy phép số 123/GP-BTTTT. Tòa soạn: 8 Phố Huế, Hà Nội.</div>
</body></html>
"""

HOMEPAGE = """<html><head><meta charset="utf-8"><title>Báo Mẫu - Tin tức 24h</title>
<meta property="og:type" content="website"></head><body>
<ul><li><a href="/">Trang chủ</a></li><li><a href="/a">Thời sự</a></li></ul>
""" + "".join(
    f'<div class="story"><h3><a href="/s{n}">Tin nổi bật số {n} trong ngày hôm nay</a></h3>'
    f'<p class="sapo">(BM) - Tóm tắt của câu chuyện số {n} được đăng ở trang chủ của tờ báo.</p></div>'
    for n in range(12)
) + "</body></html>"


@pytest.fixture()
def saved_page(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "bus.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    page = tmp_path / "buyt.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    return page


def test_parts_of_a_saved_article_page(saved_page):
    result = read_article(saved_page, load_profiles())
    article = result.article
    assert article.title == "Hà Nội mở thêm 20 tuyến buýt điện"
    assert article.kicker == "Thời sự"
    assert article.published.value == datetime(2023, 3, 6, 8, 15)  # no zone printed, none invented
    assert article.published.printed == "Thứ Hai, 06/03/2023 - 08:15"
    assert article.lead.startswith("(BM) - Từ tháng sau")
    assert article.lead_parts[0] == "(BM) - "
    assert article.authors == ("Minh Anh",)
    kinds = [type(block).__name__ for block in article.body]
    assert kinds == ["Paragraph", "Figure", "Heading", "Paragraph", "Figure", "Paragraph"]
    assert article.body[0].text.startswith("Sở Giao thông vận tải")  # &ocirc; resolved


def test_local_image_kept_local_remote_image_keeps_its_address(saved_page):
    figures = [b for b in read_article(saved_page, load_profiles()).article.body if isinstance(b, Figure)]
    assert figures[0].src == "img/bus.png"
    assert figures[0].caption == "Xe buýt điện tại bến Long Biên. Ảnh: Minh Anh"
    assert figures[1].src == "https://cdn.example.vn/photo/bus2.jpg"
    assert figures[1].caption == "Trạm sạc tại depot Gia Lâm."


def test_related_cards_comments_and_menus_left_out(saved_page):
    result = read_article(saved_page, load_profiles())
    text = " ".join(getattr(b, "text", "") or getattr(b, "caption", "") for b in result.article.body)
    for chrome in ("Xe buýt điện đầu tiên lăn bánh", "Buýt điện có đắt hơn", "Đông Anh", "Giá vàng", "Giấy phép"):
        assert chrome not in text
    rules = {d.text: d.rule for d in result.dropped}
    assert rules[">> Xe buýt điện đầu tiên lăn bánh"] in ("link to another story", "between the headline and the text (page furniture)")
    assert all(d.line > 0 for d in result.dropped)


HOMEPAGE_WITH_LOGO = HOMEPAGE.replace(
    "<ul><li>", '<h1 class="logo">Báo Mẫu</h1><div class="top"><h2><a href="/top">Tin chính của ngày hôm nay được nhiều người quan tâm</a></h2>'
    "<p>Bài viết chính của trang nhất hôm nay kể lại toàn bộ diễn biến của sự việc, với nhiều chi tiết mới được công bố.</p></div><ul><li>", 1
)


@pytest.mark.parametrize("markup", [HOMEPAGE, HOMEPAGE_WITH_LOGO], ids=["plain", "logo heading"])
def test_homepages_are_refused(tmp_path, markup):
    home = tmp_path / "home.html"
    home.write_text(markup, encoding="utf-8")
    with pytest.raises(NotAnArticleError, match=r"homepage|listing"):
        read_article(home, load_profiles())


def test_homepage_is_refused_alone_and_skipped_in_a_folder(tmp_path, saved_page):
    home = tmp_path / "home.html"
    home.write_text(HOMEPAGE, encoding="utf-8")
    with pytest.raises(NotAnArticleError) as caught:
        read_article(home, load_profiles())
    assert "homepage" in caught.value.message
    warnings: list[str] = []
    publication = load_publication(tmp_path, warn=warnings.append)
    assert [a.title for a in publication.articles] == ["Hà Nội mở thêm 20 tuyến buýt điện"]
    assert any("home.html" in w and "skipped" in w for w in warnings)


def test_cli_clean_explains_html_and_refuses_a_homepage(tmp_path, saved_page):
    runner = CliRunner()
    result = runner.invoke(app, ["clean", str(saved_page), "--explain"])
    assert result.exit_code == 0, result.output
    assert "title: Hà Nội mở thêm 20 tuyến buýt điện" in result.stdout
    assert "dropped (" in result.stderr and "buyt.html:" in result.stderr
    home = tmp_path / "home.html"
    home.write_text(HOMEPAGE, encoding="utf-8")
    import sys

    from publisher.cli import main

    argv, sys.argv = sys.argv, ["publisher", "build", str(home), "-o", str(tmp_path / "out")]
    try:
        with pytest.raises(SystemExit) as exited:
            main()
    finally:
        sys.argv = argv
    assert exited.value.code == 1


def test_forum_thread_and_qa_page_are_not_articles(tmp_path):
    thread = tmp_path / "thread.txt"
    posts = "".join(
        f"\n\nthanhvien{n}\n\n{n + 1}/03/2023 10:{n}5\n\nMình nghĩ vấn đề này cần xem xét kỹ hơn vì nhiều người cũng gặp phải tình trạng tương tự.\n\nTrả lời\n\nTrích dẫn"
        for n in range(4)
    )
    thread.write_text("Hỏi về thủ tục đổi bằng lái xe - Diễn đàn Mẫu\n\nHỏi về thủ tục đổi bằng lái xe" + posts, encoding="utf-8")
    with pytest.raises(NotAnArticleError, match="forum thread or a Q&A page"):
        read_article(thread, load_profiles())

    qa = tmp_path / "qa.html"
    answers = "".join(
        f'<div class="answer"><p>Bạn nên mang theo giấy tờ tùy thân và đơn đề nghị khi đến cơ quan làm thủ tục số {n}.</p>'
        f'<div class="meta">Trả lời</div></div>'
        for n in range(3)
    )
    qa.write_text(
        '<html><head><meta charset="utf-8"><title>Đổi bằng lái xe cần giấy tờ gì? - Hỏi đáp Mẫu</title></head><body>'
        "<h1>Đổi bằng lái xe cần giấy tờ gì?</h1><p>Tôi muốn đổi bằng lái xe hạng A1 sang thẻ nhựa thì cần chuẩn bị những giấy tờ gì, ở đâu?</p>"
        f"{answers}</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(NotAnArticleError, match="forum thread or a Q&A page"):
        read_article(qa, load_profiles())


# ------------------------------------------------------------------ the real pages


def _corpus_pages(kind: str) -> list[str]:
    if not CORPUS_HTML.is_dir():
        return ["absent"]
    pages = []
    for truth in sorted(CORPUS_HTML.glob("*.truth.json")):
        data = json.loads(truth.read_text(encoding="utf-8"))
        if (data["page_type"] == "article") == (kind == "article"):
            pages.append(data["file"])
    return pages


def _truth(name: str) -> dict:
    if name == "absent":
        pytest.skip("../shared/corpus is absent: the real saved pages live there")
    return json.loads((CORPUS_HTML / name.replace(".html", ".truth.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", _corpus_pages("article"))
def test_real_article_pages_match_what_a_reader_sees(name):
    truth = _truth(name)
    article = read_article(CORPUS_HTML / name, load_profiles()).article
    assert article.title == truth["title"]
    assert article.published is not None and article.published.printed.endswith(truth["date"].split()[-1])
    assert " - ".join(article.authors).casefold() == truth["author"].casefold()
    paragraphs = [b.text if isinstance(b, Paragraph) else b.caption for b in article.body if isinstance(b, (Paragraph, Figure))]
    assert truth["first_body_paragraph"] in paragraphs
    assert truth["last_body_paragraph"] in paragraphs
    for heading in truth.get("subheadings", []):
        assert Heading(heading) in article.body or heading in paragraphs, heading


@pytest.mark.parametrize("name", _corpus_pages("article"))
def test_real_article_leads_keep_their_agency_prefix(name):
    truth = _truth(name)
    article = read_article(CORPUS_HTML / name, load_profiles()).article
    # A lead printed as a list of points keeps the short sentence that closes them.
    assert article.lead == truth["lead"]


@pytest.mark.parametrize("name", _corpus_pages("homepage"))
def test_real_homepages_are_refused(name):
    _truth(name)
    with pytest.raises(NotAnArticleError):
        read_article(CORPUS_HTML / name, load_profiles())


# ------------------------------------------------------------------ two present-day layouts

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "html"


@pytest.mark.parametrize(
    ("name", "kicker", "printed", "lead_start", "authors", "kinds"),
    [
        # layout-a, like the real VnExpress pages: the kicker is the breadcrumb's section, top level first, and
        # the place stamp set in its own box before the lead ("TP HCM") is not part of the lead.
        ("layout-a.html", "Thời sự", "Thứ tư, 3/5/2023, 10:00 (GMT+7)", "Hàng nghìn người dân", ("Thanh Tùng",),
         ["Paragraph", "Figure", "Paragraph", "Paragraph"]),
        ("layout-b.html", "Kinh doanh", "15/03/2023 15:05 GMT+7", "TTO - Chiều 15-3", ("Ngọc An",),
         ["Paragraph", "Figure", "Heading", "Paragraph", "Paragraph"]),
    ],
)
def test_present_day_layouts(name, kicker, printed, lead_start, authors, kinds):
    """Made-up pages in the markup today's big sites use (figure/figcaption, sapo classes,
    bold or classed bylines, related boxes and comment boxes after the text)."""
    article = read_article(LAYOUTS / name, load_profiles()).article
    assert article.kicker == kicker
    assert article.published.printed == printed
    assert article.lead.startswith(lead_start)
    assert article.authors == authors
    assert [type(b).__name__ for b in article.body] == kinds
    text = " ".join(getattr(b, "text", "") or getattr(b, "caption", "") for b in article.body)
    assert "Bình luận" not in text and "xăng vẫn còn đắt" not in text and "Kẹt xe kéo dài" not in text


def _forum_page(numbered: bool) -> str:
    posts = []
    for n, (user, text) in enumerate([
        ("minhkhoa", "Mình vừa thử cách xem lại lịch sử tin nhắn trên điện thoại mới, thấy khá tiện nên chia sẻ với mọi người ở đây."),
        ("thuha92", "Cảm ơn bạn, mình làm theo được rồi."),
        ("longpham", "Máy mình báo lỗi ở bước thứ hai, có ai gặp giống vậy không?"),
        ("anhtuan", "Bạn thử khởi động lại máy rồi làm lại từ đầu xem sao."),
    ], start=1):
        number = f'<a href="threads/9/#post-{n}" class="item muted postNumber">#{n}</a>' if numbered else ""
        posts.append(
            f'<li id="post-{n}" class="message" data-author="{user}"><div class="messageUserInfo"><h3 class="userText">'
            f'<a href="members/{n}/" class="username">{user}</a> <em class="userTitle">Thành viên</em></h3></div>'
            f'<div class="messageContent"><article><blockquote class="messageText">{text}</blockquote></article></div>'
            f'<div class="messageMeta"><span class="item muted"><a href="members/{n}/" class="username author">{user}</a>, '
            f'<a href="threads/9/" class="datePermalink"><span class="DateTime">1{n}/03/23</span></a></span>{number}</div></li>'
        )
    return (
        '<html><head><meta charset="utf-8"><title>Cách xem lại lịch sử tin nhắn | Diễn đàn Mẫu</title></head><body>'
        '<div class="titleBar"><h1>Cách xem lại lịch sử tin nhắn</h1></div><ol class="messageList">' + "".join(posts) + "</ol></body></html>"
    )


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered posts", "posters and dates only"])
def test_forum_thread_markup_is_not_an_article(tmp_path, numbered):
    page = tmp_path / "thread.html"
    page.write_text(_forum_page(numbered), encoding="utf-8")
    with pytest.raises(NotAnArticleError, match="forum thread or a Q&A page"):
        read_article(page, load_profiles())


def test_page_source_saved_as_txt_is_read_as_html(tmp_path, saved_page):
    source = tmp_path / "buyt-source.txt"
    source.write_text(ARTICLE_PAGE, encoding="utf-8")
    assert read_article(source, load_profiles()).article.title == "Hà Nội mở thêm 20 tuyến buýt điện"


def test_points_lead_and_the_sentence_closing_it_in_its_own_block(tmp_path):
    page = tmp_path / "points.html"
    page.write_text(
        """<html><head><meta charset="utf-8"><title>Amazon và cuộc chơi dài hạn - Báo Mẫu</title></head><body>
<h1>Amazon và cuộc chơi dài hạn</h1><div class="date">21/12/2012 - 08:04</div>
<div class="init_content">- Amazon kiên nhẫn chờ các cơn bão đi qua.<br>- Họ làm xáo trộn nhiều ngành công nghiệp cùng lúc.<br>
- Hợp tác với Amazon như bơi cùng cá mập.</div>
<div><p><i>Đây là quan điểm của một nhà phân tích trên tạp chí Forbes.</i></p>
<p>Theo nhà phân tích, mùa mua sắm cuối năm sẽ có một cú nhảy đột biến về số người dùng máy đọc sách, và doanh thu
của các cửa hàng sách sẽ giảm khoảng 10% vào cùng kỳ năm sau, như mọi năm kể từ khi máy đọc sách ra mắt.</p>
<p>Các cửa hàng nhỏ đã phải chứng kiến doanh thu giảm dần, và nhiều nơi đã đóng cửa trong hai năm vừa qua vì không còn khách.</p></div>
</body></html>""",
        encoding="utf-8",
    )
    article = read_article(page, load_profiles()).article
    assert article.lead.splitlines()[-1] == "Đây là quan điểm của một nhà phân tích trên tạp chí Forbes."
    assert len(article.lead.splitlines()) == 4
    assert next(b.text for b in article.body if isinstance(b, Paragraph)).startswith("Theo nhà phân tích")


def test_cleaned_into_another_folder_the_images_come_along(tmp_path):
    from PIL import Image

    from publisher.build import BuildOptions, Reporter, build_one

    site = tmp_path / "saved"
    (site / "img").mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 30, 30)).save(site / "img" / "bus.png")
    page = site / "buyt trang.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    articles = tmp_path / "articles"
    result = CliRunner().invoke(app, ["clean", str(page), "-o", str(articles)])
    assert result.exit_code == 0, result.output
    markdown = (articles / "buyt trang.md").read_text(encoding="utf-8")
    assert "![Xe buýt điện tại bến Long Biên. Ảnh: Minh Anh](buyt%20trang_files/bus.png)" in markdown
    assert (articles / "buyt trang_files" / "bus.png").read_bytes() == (site / "img" / "bus.png").read_bytes()
    # A remote image that was never saved keeps its address (not fetched without --allow-network).
    assert "![Trạm sạc tại depot Gia Lâm.](https://cdn.example.vn/photo/bus2.jpg)" in markdown

    warnings: list[str] = []
    built = build_one(articles, tmp_path / "out", BuildOptions(formats=("html",)), reporter=Reporter(warning=warnings.append))
    assert [w for w in warnings if "image" in w] == [
        f"{articles / 'buyt trang.md'}: remote image not fetched (its caption stays; --allow-network fetches it): "
        "https://cdn.example.vn/photo/bus2.jpg"
    ]
    html = built.files[0].path.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 1


def test_cleaned_into_another_folder_no_file_outside_the_article_folder_is_copied(tmp_path):
    from PIL import Image

    Image.new("RGB", (4, 4)).save(tmp_path / "private.png")
    site = tmp_path / "saved"
    site.mkdir()
    article = site / "bai.md"
    article.write_text("---\ntitle: Bài có ảnh ngoài thư mục\n---\n\nMột đoạn văn.\n\n![Ảnh riêng](../private.png)\n",
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(article), "-o", str(tmp_path / "articles")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "articles" / "bai_files").exists()
    assert "![Ảnh riêng](../private.png)" in (tmp_path / "articles" / "bai.md").read_text(encoding="utf-8")
