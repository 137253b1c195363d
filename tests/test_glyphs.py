"""Characters the fonts lack are reported and never drawn as boxes or fallback fonts."""

from __future__ import annotations

import pypdf
from conftest import outputs_by_format, squash
from test_outputs import _embedded_fonts, _glyph_ids_drawn

from publisher import BuildOptions, Reporter, build

ARTICLE = """---
title: Ký tự lạ trong bài viết
authors: [Nhóm PV]
---

Đoạn mở đầu có ký hiệu riêng \uf030 của phông Symbol và dấu đầu dòng \uf0b7 từ Word.

Đoạn thứ hai có biểu tượng cảm xúc 😀 và chữ Ý cổ 𐌀 mà phông chữ không có.

Đoạn có ký hiệu ✓ và ➢ cùng máy ảnh 📷 mà phông ký hiệu dự phòng vẽ được.

Đoạn cuối cùng chỉ có chữ Việt: Ấ Ễ Ộ ỷ ừ ợ đã được đọc lại đầy đủ.
"""


def test_missing_glyphs_are_reported_and_the_pdf_stays_readable(tmp_path):
    source = tmp_path / "odd.md"
    source.write_text(ARTICLE, encoding="utf-8")
    warnings: list[str] = []
    results = build([source], tmp_path / "out", BuildOptions(), Reporter(warning=warnings.append))
    outputs = outputs_by_format(results)

    reported = "\n".join(warnings)
    for code in ("U+F030", "U+1F600", "U+10300"):
        assert code in reported and str(source) in reported, code
    assert "U+F0B7" in reported and "replaced by '•'" in reported

    for encoding, _, _ in _embedded_fonts(outputs["pdf"]).values():  # no font lost its Identity CMap
        assert encoding == "/Identity-H"
    assert 0 not in _glyph_ids_drawn(outputs["pdf"])
    names = {program["name"].getDebugName(4) for _, program, _ in _embedded_fonts(outputs["pdf"]).values()}
    assert "Noto Sans Symbols2 Regular" in names  # the layout's fallback face drew ✓ ➢ 📷
    assert not any("U+2713" in w or "U+1F4F7" in w for w in warnings)
    text = squash("".join(page.extract_text() for page in pypdf.PdfReader(str(outputs["pdf"])).pages))
    assert squash("Đoạn có ký hiệu ✓ và ➢ cùng máy ảnh 📷") in text
    assert squash("Đoạn cuối cùng chỉ có chữ Việt: Ấ Ễ Ộ ỷ ừ ợ đã được đọc lại đầy đủ.") in text
    assert squash("dấu đầu dòng • từ Word.") in text
