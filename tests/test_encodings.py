"""Every way Vietnamese text arrives: UTF-8 with or without BOM, UTF-16, Windows-1258,
TCVN3, VNI, VISCII, a declared or an undeclared charset, double-encoded UTF-8."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import SHARED_CORPUS

from publisher import PublisherError, load_profiles, read_article
from publisher.errors import NotAnArticleError
from publisher.ingest.decode import declared_charset, decode_bytes
from publisher.ingest.legacy import decode_legacy, encode_legacy, vietnamese_score
from publisher.ingest.mojibake import repair_mojibake

LEGACY = SHARED_CORPUS / "legacy"
HTML = SHARED_CORPUS / "html"
PHRASE = "Chữ Quốc ngữ là hệ chữ viết thống nhất của tiếng Việt; Đà Nẵng, Huế, ưu tiên, ổn định."

# "Việt Nam đẹp" written by hand from the published tables, byte by byte:
# TCVN3 ệ=0xD6, đ=0xAE, ẹ=0xD1; VISCII ệ=0xAE, đ=0xF0, ẹ=0xA9; VNI ệ=e+0xE4 (circumflex and
# dot below), đ=0xF1, ẹ=e+0xEF (dot below).
HAND_MADE = {
    "tcvn3": b"Vi\xd6t Nam \xae\xd1p",
    "viscii": b"Vi\xaet Nam \xf0\xa9p",
    "vni": b"Vie\xe4t Nam \xf1e\xefp",
}


def _need(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"../shared/corpus is absent: {folder} holds the real-world samples")


@pytest.mark.parametrize("encoding", sorted(HAND_MADE))
def test_hand_made_legacy_bytes(encoding):
    assert decode_legacy(HAND_MADE[encoding], encoding) == "Việt Nam đẹp"
    assert encode_legacy("Việt Nam đẹp", encoding) == HAND_MADE[encoding]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_legacy_samples_round_trip_and_are_detected(tmp_path, encoding):
    data = encode_legacy(PHRASE, encoding)
    assert not data.isascii()
    assert decode_legacy(data, encoding) == PHRASE
    assert decode_bytes(data, tmp_path / "x.txt") == PHRASE


def _windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: base letters (â, ơ, ư...) then a separate tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii", "cp1258"])
def test_a_legacy_page_dump_cleans_like_its_utf8_twin(tmp_path, encoding):
    # The legacy code pages have no curly quotes: the sample uses straight ones.
    text = (Path(__file__).resolve().parent / "fixtures" / "folder3" / "02-caobang.txt").read_text(encoding="utf-8")
    text = text.replace("“", '"').replace("”", '"')
    twin = tmp_path / "utf8.txt"
    twin.write_text(text, encoding="utf-8")
    legacy = tmp_path / f"{encoding}.txt"
    legacy.write_bytes(_windows_1258(text) if encoding == "cp1258" else encode_legacy(text, encoding))
    expected = read_article(twin, load_profiles()).article
    article = read_article(legacy, load_profiles()).article
    assert article.title == expected.title == "Nông dân Hà Quảng mở rộng diện tích trồng thuốc lá"
    assert article.lead == expected.lead
    assert article.body == expected.body
    assert unicodedata.is_normalized("NFC", article.lead)


def test_corpus_legacy_files_decode_to_the_utf8_text():
    _need(LEGACY)
    reference = (LEGACY / "uchardet-vi-utf-8.txt").read_text(encoding="utf-8")
    for name in ("uchardet-vi-windows-1258.txt", "uchardet-vi-viscii.txt"):
        path = LEGACY / name
        text = decode_bytes(path.read_bytes(), path)
        assert unicodedata.normalize("NFC", text) == text
        assert text == reference, name


def test_utf8_with_and_without_bom_and_utf16(tmp_path):
    for name, data in {
        "bom.txt": b"\xef\xbb\xbf" + PHRASE.encode("utf-8"),
        "plain.txt": PHRASE.encode("utf-8"),
        "utf16.txt": PHRASE.encode("utf-16"),
        "utf16be.txt": b"\xfe\xff" + PHRASE.encode("utf-16-be"),
    }.items():
        assert decode_bytes(data, tmp_path / name).lstrip("\ufeff") == PHRASE, name


def test_declared_charset_is_honoured_and_sniffed_when_absent(tmp_path):
    body = f"<p>{PHRASE}</p>"
    declared = f'<html><head><meta charset="windows-1258"><title>t</title></head><body>{body}</body></html>'
    data = _windows_1258(declared)
    assert declared_charset(data) == "windows-1258"
    assert PHRASE in unicodedata.normalize("NFC", decode_bytes(data, tmp_path / "a.html", declared_charset(data)))

    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=VISCII">'
    assert declared_charset(http_equiv) == "viscii"

    undeclared = f"<html><body>{body}</body></html>"
    data = encode_legacy(undeclared, "vni")
    assert declared_charset(data) is None
    assert PHRASE in decode_bytes(data, tmp_path / "b.html", None)


def test_vni_page_that_declares_latin1_is_read_as_vni(tmp_path):
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{PHRASE}</p></body></html>'
    data = encode_legacy(page, "vni")
    assert PHRASE in decode_bytes(data, tmp_path / "c.html", declared_charset(data))


def test_broken_utf8_is_refused_with_its_line(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(("Tiêu đề\nDòng hai có chữ Việt: ơn, ưu, đẹp\n").encode() + b"\xff\xfe\xfa h\n")
    with pytest.raises(PublisherError) as caught:
        read_article(broken, load_profiles())
    assert caught.value.line == 3
    assert "UTF-8" in caught.value.message


def _sloppy_cp1252(data: bytes) -> str:
    """What Windows tools show for bytes: cp1252, with its five holes kept as C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("misread", [lambda data: data.decode("latin-1"), _sloppy_cp1252], ids=["latin-1", "cp1252"])
def test_mojibake_is_repaired(misread):
    garbled = misread(PHRASE.encode("utf-8"))
    assert vietnamese_score(garbled) < 0.5
    assert repair_mojibake(garbled) == PHRASE


def test_mojibake_file_reads_as_the_right_article(tmp_path, seed_article):
    from conftest import SEED

    garbled = tmp_path / "garbled.txt"
    garbled.write_text(_sloppy_cp1252(SEED.read_bytes()), encoding="utf-8")
    article = read_article(garbled, load_profiles()).article
    assert article.title == seed_article.title
    assert article.body == seed_article.body


def _c1_dropped(text: str) -> str:
    """A browser's copy of UTF-8 mis-read as Latin-1: the C1 controls (part of some
    letters' bytes) do not survive, so the text cannot be re-read as a whole."""
    return "".join(c for c in text.encode("utf-8").decode("latin-1") if not "\x80" <= c <= "\x9f")


_HALF_REPAIRED = PHRASE + "\n" + _c1_dropped(PHRASE)
_FTFY_CASES = {
    "c1 dropped": "\n".join(_c1_dropped(PHRASE) for _ in range(3)),
    "half repaired": _HALF_REPAIRED,
    "c1 dropped, one kept": _c1_dropped(PHRASE) + "\x81 \x9d",
    "whole text re-readable": _sloppy_cp1252(PHRASE.encode("utf-8")),
    "latin-1 re-readable": PHRASE.encode("utf-8").decode("latin-1") + "\n" + _c1_dropped(PHRASE),
    "clean": PHRASE,
    "ascii": "Plain ASCII text, nothing to repair.",
}


@pytest.mark.parametrize("text", list(_FTFY_CASES.values()), ids=list(_FTFY_CASES))
def test_remembered_runs_repair_as_ftfy_does(text):
    import ftfy

    from publisher.ingest.mojibake import _fix_encoding

    assert _fix_encoding(text) == ftfy.fix_encoding(text)


def test_clean_text_is_left_alone():
    text = "Ông Ánh, Ân và Ẩn: Ã là chữ cái; giá 1.000€ – “trích dẫn” — gạch ngang."
    assert repair_mojibake(text) == text


def test_corpus_mojibake_homepage_is_repaired_then_refused():
    _need(HTML)
    path = HTML / "laodong-home-mojibake-2021.html"
    data = path.read_bytes()
    text = repair_mojibake(decode_bytes(data, path, declared_charset(data)))
    assert "<title>Lao Động Online | LAODONG.VN - Tin tức mới nhất 24h</title>" in text
    with pytest.raises(NotAnArticleError):
        read_article(path, load_profiles())


def test_character_references_and_invisible_junk_in_a_page_dump(tmp_path):
    page = tmp_path / "refs.txt"
    page.write_text(
        "Tung tin &#39;Mr Bean&#39; qua đời - Báo Mẫu\n\nTung tin &#39;Mr Bean&#39; qua đời\n\n"
        "Những kẻ gian đã tung tin \u201cMr Bean qua đời\u201d để phát tán phần mềm\u00ad độc hại tới hàng nghìn "
        "người dùng m&#7841;ng xã hội trong tuần qua, theo c&aacute;c chuyên\u200b gia\u00a0\u00a0 bảo mật.\n\n"
        "Người dùng được khuyên không bấm vào những đường dẫn lạ – nhất là đường dẫn rút gọn — trên mạng.\n",
        encoding="utf-8",
    )
    article = read_article(page, load_profiles()).article
    assert article.title == "Tung tin 'Mr Bean' qua đời"
    assert article.lead == (
        "Những kẻ gian đã tung tin \u201cMr Bean qua đời\u201d để phát tán phần mềm độc hại tới hàng nghìn "
        "người dùng mạng xã hội trong tuần qua, theo các chuyên gia bảo mật."
    )
    assert "–" in article.body[0].text and "—" in article.body[0].text


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252"])
def test_utf8_page_that_declares_a_western_charset(tmp_path, declared):
    page = tmp_path / "misdeclared.html"
    page.write_bytes(
        (
            f'<html><head><meta charset="{declared}"><title>Giá lúa tăng mạnh - Báo Mẫu</title></head><body>'
            "<h1>Giá lúa tăng mạnh</h1><p>Thứ Hai, 06/03/2023 - 08:15</p>"
            f"<p>{PHRASE} Giá lúa tại các tỉnh đồng bằng tăng mạnh trong tuần qua nhờ nhu cầu xuất khẩu cao.</p>"
            "<p>Nông dân phấn khởi vì bán được giá, nhiều thương lái đến tận ruộng để thu mua lúa tươi.</p>"
            "<p>Các doanh nghiệp cho biết đơn hàng xuất khẩu đã kín đến cuối quý, giá có thể còn tăng thêm.</p>"
            "</body></html>"
        ).encode()
    )
    article = read_article(page, load_profiles()).article
    assert article.title == "Giá lúa tăng mạnh"
    assert article.lead.startswith(PHRASE)


def test_tcvn3_text_in_a_capitals_font_reads_in_capitals(tmp_path):
    """.VnTimeH shows the lower-case codes as capitals: the page's reader saw capitals."""
    body = " ".join(["Sáng nay, Ủy ban nhân dân tỉnh đã họp bàn kế hoạch mở thêm các tuyến xe buýt điện."] * 3)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=TCVN3">
<style>.tieude {{ font-family: ".VnTimeH", serif }} p {{ font-family: .VnTime }}</style></head><body>
<div class="menu"><a href="/">trang chủ</a></div>
<h1 class="tieude">hà nội mở thêm 20 tuyến buýt điện</h1>
<p>{body} <font face=".VnArialH">ubnd tỉnh</font> cho biết thêm. <span style="font: bold 12pt .VnTimeH">lễ khánh thành</span> diễn ra sáng mai.</p>
<p>{body}</p>
<p>{body} Đoàn kiểm tra gồm nhiều sở ngành.</p>
</body></html>"""
    path = tmp_path / "cu.html"
    path.write_bytes(encode_legacy(page, "tcvn3"))
    article = read_article(path, load_profiles()).article
    assert article.title == "HÀ NỘI MỞ THÊM 20 TUYẾN BUÝT ĐIỆN"
    text = " ".join([article.lead or "", *(block.text for block in article.body if hasattr(block, "text"))])
    assert "UBND TỈNH cho biết thêm. LỄ KHÁNH THÀNH diễn ra sáng mai." in text
    assert "Sáng nay, Ủy ban nhân dân tỉnh" in text and "Đoàn kiểm tra gồm nhiều sở ngành." in text
