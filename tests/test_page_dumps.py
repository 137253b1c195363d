"""Page dumps from sites the rules have never seen: bylines in their many forms, whole-page
dumps with menus and sidebars, teaser cards, homepages, and a new site added as data."""

from __future__ import annotations

import pytest

from publisher import Figure, Paragraph, load_profiles, read_article
from publisher.errors import NotAnArticleError

BODY = (
    "Năm nay, nông dân các xã vùng trũng thu hoạch lúa mùa với năng suất cao nhất trong mười năm qua, giá bán cũng ổn định.\n\n"
    "Theo ngành nông nghiệp huyện, diện tích lúa mùa đạt hơn 5.000 ha, năng suất bình quân 58 tạ mỗi ha, tăng 4 tạ so với năm trước.\n\n"
    "Huyện khuyến cáo bà con làm đất sớm để kịp gieo cấy vụ đông, tránh để ruộng bỏ hoang qua mùa lạnh.\n\n"
)


def dump(tmp_path, text: str, name: str = "page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("MINH ANH", ("Minh Anh",)),
        ("N.HÀ - T.LONG", ("N.Hà", "T.Long")),
        ("Theo TTXVN", ("Theo TTXVN",)),
        ("(Theo VnExpress)", ("Theo VnExpress",)),
        ("Bài và ảnh: Minh Anh", ("Minh Anh",)),
        ("Quang Phong - Tùng Nguyên", ("Quang Phong", "Tùng Nguyên")),
        ("Nhóm PV", ("Nhóm PV",)),
    ],
)
def test_bylines(tmp_path, byline, authors):
    page = dump(tmp_path, f"Lúa mùa được mùa lớn - Báo Mẫu\n\nLúa mùa được mùa lớn\n\n(12/10/2023 08:00)\n\n{BODY}{byline}\n\nTin khác\n\nGiá lúa tăng mạnh\n")
    article = read_article(page, load_profiles()).article
    assert article.authors == authors
    assert [b.text for b in article.body if isinstance(b, Paragraph)][-1].startswith("Huyện khuyến cáo")


def test_whole_page_dump_with_menus_sidebar_and_teasers(tmp_path):
    menus = "\n".join(["Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Đọc nhiều nhất", "Giá vàng hôm nay tăng mạnh", "Hà Nội mưa lớn chiều nay"])
    teasers = (
        "Giá phân bón giảm sâu\n\n(BM) - Giá phân bón tháng này giảm gần 20% so với đầu năm, người trồng lúa phấn khởi vào vụ mới.\n\n"
        "Mưa lớn gây ngập nhiều nơi\n\n(BM) - Mưa lớn kéo dài từ đêm qua khiến nhiều tuyến phố ngập sâu, giao thông ùn tắc kéo dài.\n"
    )
    page = dump(
        tmp_path,
        f"Lúa mùa được mùa lớn | Báo Mẫu\n\n{menus}\n\nKinh tế\n\nLúa mùa được mùa lớn\n\nThứ Năm, 12/10/2023 - 08:00\n\nChia sẻ\n\n"
        f"(BM) - Vụ mùa năm nay được mùa lớn nhờ thời tiết thuận lợi và giống mới cho năng suất cao.\n\n{BODY}{teasers}",
    )
    result = read_article(page, load_profiles())
    article = result.article
    assert article.title == "Lúa mùa được mùa lớn"
    assert article.kicker == "Kinh tế"
    assert article.published.printed == "Thứ Năm, 12/10/2023 - 08:00"
    assert article.lead_parts[0] == "(BM) - "
    texts = [b.text for b in article.body]
    assert len(texts) == 3 and texts[-1].startswith("Huyện khuyến cáo")
    rules = {d.text: d.rule for d in result.dropped}
    assert rules["Trang chủ"].startswith("before the article")
    assert rules["Giá vàng hôm nay tăng mạnh"] in ("above the title", "before the article (menus, other stories)")
    assert "teasers" in rules["Giá phân bón giảm sâu"]


def test_homepage_dump_is_refused(tmp_path):
    headlines = "\n\n".join(
        f"Tin nổi bật số {n} trong ngày\n\n(BM) - Tóm tắt câu chuyện số {n} được đăng trên trang chủ của tờ báo hôm nay."
        for n in range(8)
    )
    menus = "\n".join(["Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Thế giới", "Thể thao", "Giải trí", "Pháp luật", "Giáo dục", "Sức khỏe", "Video", "Ảnh", "Tuyển sinh", "Tìm kiếm"])
    page = dump(tmp_path, f"Báo Mẫu - Tin tức 24h\n\n{menus}\n\n{headlines}\n")
    with pytest.raises(NotAnArticleError, match="homepage or a listing"):
        read_article(page, load_profiles())


def test_a_new_site_is_a_profile_not_code(tmp_path):
    page = dump(
        tmp_path,
        "Lúa mùa được mùa lớn - Báo Đồng Bằng\n\nLúa mùa được mùa lớn\n\n(12/10/2023 08:00)\n\n"
        f"ĐBO: Vụ mùa năm nay được mùa lớn nhờ thời tiết thuận lợi và giống mới cho năng suất cao.\n\n{BODY}"
        "MINH ANH\n\nGóc nhìn bạn đọc\n\nBài viết rất hay, cảm ơn tác giả đã chia sẻ thông tin hữu ích.\n",
    )
    profiles_dir = tmp_path / "profiles"
    profiles_dir.mkdir()
    (profiles_dir / "dongbang.toml").write_text(
        '[site]\nname = "Báo Đồng Bằng"\ntitle_suffixes = ["Báo Đồng Bằng"]\n\n'
        '[chrome]\nlines = ["Xem tiếp"]\nend_markers = ["Góc nhìn bạn đọc"]\n\n'
        '[structure]\nagency_prefixes = ["ĐBO"]\n',
        encoding="utf-8",
    )
    result = read_article(page, load_profiles((profiles_dir,)))
    assert result.article.authors == ("Minh Anh",)
    assert any("Góc nhìn bạn đọc" in d.rule or d.text == "Góc nhìn bạn đọc" for d in result.dropped)
    assert len(result.article.body) == 3


def test_date_stamp_at_the_end_and_byline_at_the_top(tmp_path):
    page = dump(
        tmp_path,
        "Lúa mùa được mùa lớn - Báo Mẫu\n\nLúa mùa được mùa lớn\n\nTHANH TÙNG\n\n"
        f"{BODY}Cập nhật: 10:30 12/10/2023\n\nTin khác\n",
    )
    result = read_article(page, load_profiles())
    article = result.article
    assert article.authors == ("Thanh Tùng",)
    assert article.published.printed == "Cập nhật: 10:30 12/10/2023"
    assert article.published.value.hour == 10
    assert all("Cập nhật" not in getattr(b, "text", "") for b in article.body)


def test_an_extractor_that_stops_inside_the_text_does_not_cut_it():
    from publisher.clean.ending import find_end
    from publisher.clean.evidence import PageEvidence
    from publisher.clean.lines import Line

    paragraph = "Đây là một đoạn văn đủ dài của bài báo, có đầy đủ câu chữ và kết thúc bằng dấu chấm."
    lines = [Line(1, "Tiêu đề bài báo mẫu", kind="heading", level=1)]
    lines += [Line(n, f"{paragraph} ({n})", main=n < 5) for n in range(2, 9)]
    lines += [Line(9, "Tin khác", main=False), Line(10, "Một tin khác rất hay", main=False)]
    end, reason = find_end(lines, 0, "Tiêu đề bài báo mẫu", load_profiles().common, PageEvidence(page_title="x", has_extractor=True))
    assert end == 8 and "Tin khác" in reason


# ------------------------------------------------------------------ leads printed as points

POINTS = (
    "- Giá lúa tăng 15% so với vụ trước, nông dân có lãi cao nhất nhiều năm.\n\n"
    "- Giống lúa mới chịu rét, cho năng suất ổn định trên cả vùng trũng.\n\n"
    "- Ngành nông nghiệp khuyến cáo làm đất sớm để kịp vụ đông.\n\n"
)
LONG_PARAGRAPH = (
    "Theo ngành nông nghiệp huyện, diện tích lúa mùa năm nay đạt hơn 5.000 ha, năng suất bình quân 58 tạ mỗi ha, "
    "tăng 4 tạ so với năm trước; nhiều hợp tác xã đã ký hợp đồng bao tiêu với doanh nghiệp ngay từ đầu vụ.\n\n"
)


def test_a_short_sentence_closing_a_lead_of_points_belongs_to_the_lead(tmp_path):
    closer = "Đây là nhận định của Sở Nông nghiệp tỉnh tại hội nghị tổng kết."
    page = dump(tmp_path, f"Lúa mùa được mùa lớn - Báo Mẫu\n\nLúa mùa được mùa lớn\n\n(12/10/2023 08:00)\n\n{POINTS}{closer}\n\n{LONG_PARAGRAPH}{BODY}")
    article = read_article(page, load_profiles()).article
    assert article.lead.splitlines() == [*(p for p in POINTS.split("\n") if p), closer]
    assert next(b.text for b in article.body if isinstance(b, Paragraph)).startswith("Theo ngành nông nghiệp")


@pytest.mark.parametrize(
    "after_points",
    [
        # The text's first paragraph: no short standfirst between the points and the text.
        LONG_PARAGRAPH,
        # Two sentences: a paragraph of the text, however short.
        "Sở Nông nghiệp nhận định như vậy. Hội nghị kéo dài hai ngày.\n\n" + LONG_PARAGRAPH,
        # A photo's caption under the points is no standfirst.
        "Nông dân thu hoạch lúa ở xã Yên Phong. Ảnh: Minh Anh\n\n" + LONG_PARAGRAPH,
    ],
)
def test_the_text_after_a_lead_of_points_stays_in_the_body(tmp_path, after_points):
    page = dump(tmp_path, f"Lúa mùa được mùa lớn - Báo Mẫu\n\nLúa mùa được mùa lớn\n\n(12/10/2023 08:00)\n\n{POINTS}{after_points}{BODY}")
    article = read_article(page, load_profiles()).article
    assert article.lead.splitlines() == [p for p in POINTS.split("\n") if p]


# ------------------------------------------------------------------ photo series in a dump

def _photo_story(captions: str) -> str:
    return (
        "Lúa mùa được mùa lớn - Báo Mẫu\n\nLúa mùa được mùa lớn\n\n(12/10/2023 08:00)\n\n"
        "(BM) - Vụ mùa năm nay được mùa lớn nhờ thời tiết thuận lợi và giống mới cho năng suất cao.\n\n"
        f"{LONG_PARAGRAPH}{captions}{BODY}MINH ANH\n\nTin khác\n\nGiá lúa tăng mạnh\n"
    )


def test_a_series_of_photo_captions_with_a_credit_is_not_body_text(tmp_path):
    captions = [
        "Cánh đồng lúa chín vàng ở xã Yên Phong.",
        "Nông dân gặt lúa từ sáng sớm. Ảnh: Minh Anh.",
        "Máy gặt đập liên hợp làm việc trên đồng.",
        "Lúa được phơi ngay bên đường làng (Ảnh minh họa).",
    ]
    article = read_article(dump(tmp_path, _photo_story("".join(f"{c}\n\n" for c in captions))), load_profiles()).article
    assert [b.caption for b in article.body if isinstance(b, Figure)] == captions
    assert [b.text for b in article.body if isinstance(b, Paragraph)] == [LONG_PARAGRAPH.strip(), *(p for p in BODY.split("\n") if p)]


def test_photo_series_at_the_end_of_the_text(tmp_path):
    captions = ["Nông dân gặt lúa từ sáng sớm. Ảnh: Minh Anh.", "Máy gặt làm việc trên đồng.", "Lúa được phơi bên đường làng."]
    page = dump(tmp_path, _photo_story("").replace("MINH ANH", "".join(f"{c}\n\n" for c in captions) + "MINH ANH"))
    article = read_article(page, load_profiles()).article
    assert [b.caption for b in article.body if isinstance(b, Figure)] == captions
    assert article.authors == ("Minh Anh",)


@pytest.mark.parametrize(
    "captions",
    [
        # One credited caption and one short paragraph of the text: no series.
        "Nông dân gặt lúa từ sáng sớm. Ảnh: Minh Anh.\n\nHội nghị kéo dài hai ngày.\n\n",
        # Short sentences in a row without any photo credit: the text's own.
        "Hội nghị kéo dài hai ngày.\n\nCó 200 đại biểu tham dự.\n\nTỉnh khen thưởng 30 hợp tác xã.\n\n",
    ],
)
def test_short_paragraphs_without_a_credited_series_stay_text(tmp_path, captions):
    article = read_article(dump(tmp_path, _photo_story(captions)), load_profiles()).article
    paragraphs = [b.text for b in article.body if isinstance(b, Paragraph)]
    for sentence in ("Hội nghị kéo dài hai ngày.", "Có 200 đại biểu tham dự."):
        assert sentence in paragraphs or sentence not in captions
