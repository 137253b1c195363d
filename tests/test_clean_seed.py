"""The seed page dump is cleaned into the parts a reader expects, and nothing else."""

from __future__ import annotations

from datetime import datetime

from conftest import FOLDER3, SEED

from publisher import Figure, Heading, Paragraph, load_profiles, read_article
from publisher.clean.dates import VIETNAM_TIME

CHROME = ("Bình chọn", "Xem phản hồi", "Tin mới cập nhật", "Tin khác", "Quảng cáo", "LA MAI",
          "Gia đình hạnh phúc", "Tin tiêu điểm", "BÌA DƯƠNG LỊCH", "BIEN GIOI")


def test_head_of_the_seed(seed_article):
    article = seed_article
    assert article.title == "Hai khâu đột phá trong xây dựng tổ chức đảng"
    assert article.kicker == "Đảng ủy Khối CCQ tỉnh:"
    assert article.source.name == "Báo Lạng Sơn"
    assert article.published.value == datetime(2016, 11, 21, 13, 49, tzinfo=VIETNAM_TIME)
    assert article.published.printed == "21/11/2016 13:49"
    assert article.authors == ("Phùng Khiêm",)


def test_lead_keeps_its_agency_prefix(seed_article):
    assert seed_article.lead.startswith("LSO-Đảng bộ Khối các cơ quan (CCQ) tỉnh")
    assert seed_article.lead.endswith("giai đoạn 2010-2015.")
    prefix, rest = seed_article.lead_parts
    assert prefix == "LSO-"
    assert rest.startswith("Đảng bộ Khối")


def test_body_blocks_in_order(seed_article):
    kinds = [type(block).__name__ for block in seed_article.body]
    assert kinds == ["Figure", "Heading", "Paragraph", "Paragraph", "Heading", "Paragraph", "Paragraph"]
    figure = seed_article.body[0]
    assert isinstance(figure, Figure)
    assert figure.caption.startswith("Đồng chí Vũ Văn An, Bí thư Đảng ủy Khối CCQ tỉnh và đoàn cán bộ")
    assert [b.text for b in seed_article.body if isinstance(b, Heading)] == [
        "Đẩy mạnh giáo dục chính trị, tư tưởng",
        "Nâng cao chất lượng sinh hoạt",
    ]
    paragraphs = [b.text for b in seed_article.body if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith("Đồng chí Vũ Văn An, Tỉnh ủy viên")
    assert paragraphs[-1].endswith("đáp ứng yêu cầu nhiệm vụ giai đoạn mới.")


def test_no_chrome_survives(seed_article):
    texts = [seed_article.title, seed_article.kicker, seed_article.lead]
    texts += [getattr(b, "text", None) or getattr(b, "caption", "") for b in seed_article.body]
    for chrome in CHROME:
        assert not any(chrome in text for text in texts), chrome


def test_explain_names_a_rule_for_every_dropped_line():
    result = read_article(SEED, load_profiles())
    dropped = {d.text: d.rule for d in result.dropped}
    assert dropped["Bình chọn"].startswith("chrome")
    assert dropped["LA MAI"] == "after the byline"
    assert all(d.line > 0 and d.rule for d in result.dropped)


def test_same_rules_on_a_site_without_a_profile():
    """Báo Cao Bằng has no profile: the general rules alone recognise every part."""
    article = read_article(FOLDER3 / "02-caobang.txt", load_profiles()).article
    assert article.title == "Nông dân Hà Quảng mở rộng diện tích trồng thuốc lá"
    assert article.source.name == "Báo Cao Bằng"
    assert article.kicker == "Kinh tế"
    # The page prints no time zone and no profile knows the site's: none is invented.
    assert article.published.value == datetime(2016, 12, 6, 9, 15)
    assert article.lead.startswith("CBO - Vụ đông xuân")
    assert article.lead_parts[0] == "CBO - "
    assert article.authors == ("Hoàng Ngân", "Minh Đức")
    assert [type(b).__name__ for b in article.body] == [
        "Figure", "Heading", "Paragraph", "Paragraph", "Heading", "Paragraph", "Paragraph"]
    all_text = " ".join(getattr(b, "text", "") or getattr(b, "caption", "") for b in article.body)
    for chrome in ("Chia sẻ", "Ý kiến bạn đọc", "Tin liên quan", "Hội nghị tổng kết", "Quảng cáo"):
        assert chrome not in all_text


def test_same_site_other_article_without_kicker_or_caption(tmp_path):
    page = tmp_path / "other.txt"
    page.write_text(
        "Lạng Sơn: Khai mạc hội chợ thương mại biên giới - Báo Lạng Sơn\n\n"
        "Lạng Sơn: Khai mạc hội chợ thương mại biên giới\n\n(02/12/2016 08:05)\n  Bình chọn\n\n"
        "LSO-Sáng nay, tại thành phố Lạng Sơn, Sở Công Thương khai mạc hội chợ thương mại biên giới "
        "với hơn 300 gian hàng của doanh nghiệp trong và ngoài nước.\n\n"
        "Hội chợ kéo dài đến hết ngày 8/12, mở cửa miễn phí cho người dân và du khách.\n\n"
        "Ban tổ chức dự kiến đón khoảng 50 nghìn lượt khách tham quan, mua sắm trong những ngày diễn ra hội chợ.\n\n"
        " \nN.HÀ - T.LONG\n\nXem phản hồi\n\nTin khác\n",
        encoding="utf-8",
    )
    article = read_article(page, load_profiles()).article
    assert article.title == "Lạng Sơn: Khai mạc hội chợ thương mại biên giới"
    assert article.kicker is None
    assert article.authors == ("N.Hà", "T.Long")
    assert [type(b).__name__ for b in article.body] == ["Paragraph", "Paragraph"]
