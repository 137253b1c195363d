"""Text in any script renders with real glyphs, reads back, and carries its language in
every output: a publication of Vietnamese (with Hán characters), Japanese, Korean,
Chinese, Russian, Arabic, Thai, Hindi and Khmer articles."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import epub_documents, epub_text, epubcheck_problems, outputs_by_format, pdftotext, squash
from lxml import etree
from lxml import html as lxml_html
from scripts_samples import SAMPLES, write_samples

from publisher import BuildOptions, Reporter, build
from publisher.render.layout import find_layout
from publisher.render.system_fonts import FONT_PATH_VARIABLE, find_system_fonts

CJK_FONTS = ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
SYSTEM_FONTS = (*CJK_FONTS, "NotoSerifDevanagari-Regular.ttf", "NotoSerifDevanagari-Bold.ttf")


def _require_cjk_fonts() -> None:
    missing = set(SYSTEM_FONTS) - find_system_fonts(SYSTEM_FONTS).keys()
    if missing and shutil.which("apt-get"):
        pytest.fail(
            f"{', '.join(sorted(missing))} missing: run scripts/install-system-deps.sh (Debian's fonts-noto-cjk, fonts-noto-core)"
        )
    if missing:
        pytest.skip("no Noto CJK collections or Indic faces, and no apt-get for scripts/install-system-deps.sh to install them with")


@pytest.fixture(scope="module")
def many_scripts(tmp_path_factory) -> tuple[dict[str, Path], list[str]]:
    _require_cjk_fonts()
    folder = write_samples(tmp_path_factory.mktemp("scripts") / "many-scripts")
    warnings: list[str] = []
    results = build([folder], tmp_path_factory.mktemp("scripts-out"), BuildOptions(), Reporter(warning=warnings.append))
    return outputs_by_format(results), warnings


def _plain(text: str) -> str:
    """Text as compared across readers: NFC, no whitespace, no format characters (bidi
    marks), and no line-end hyphens that hyphenation added."""
    text = re.sub("\u2010\\s*\n", "", text)
    return "".join(ch for ch in squash(text) if unicodedata.category(ch) != "Cf")


def test_no_character_is_left_without_a_font(many_scripts):
    _, warnings = many_scripts
    assert not [w for w in warnings if "not in the layout's fonts" in w or "fonts not found" in w], warnings


@pytest.mark.parametrize("language", ["vi", "ja", "ko", "zh", "ru"])
def test_pdf_text_reads_back(many_scripts, language):
    outputs, _ = many_scripts
    text = _plain(pdftotext(outputs["pdf"], raw=True))
    _title, sentence, more = SAMPLES[language]
    assert _plain(sentence) in text
    assert _plain(more) in text  # hyphenated in its column, for Russian


def test_arabic_reads_back_word_by_word(many_scripts):
    """pdftotext gives each Arabic line in logical order between embedding marks, but may
    set a vowel sign (tanwin) on a line of its own: every word, without its vowel signs,
    is found."""
    outputs, _ = many_scripts
    text = _without_vowel_signs(pdftotext(outputs["pdf"]))
    _, sentence, more = SAMPLES["ar"]
    for word in _without_vowel_signs(f"{sentence} {more}").replace(".", " ").split():
        assert word in text, word


def _without_vowel_signs(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))


@pytest.mark.parametrize("language", ["th", "km"])
def test_thai_and_khmer_read_back_nearly_whole(many_scripts, language):
    """A PDF maps each glyph to one text: where Thai or Khmer shaping draws one glyph for
    characters that other words draw apart (น้ำ, ប្រ), a reader loses a mark or two. The
    rest reads back, in order; the EPUB and the web page keep every character."""
    outputs, _ = many_scripts
    text = _plain(pdftotext(outputs["pdf"], raw=True))
    _, sentence, _ = SAMPLES[language]
    expected = _plain(sentence)
    matcher = difflib.SequenceMatcher(None, expected, text, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched >= 0.9 * len(expected), (expected, text[:400])


def test_fonts_are_embedded_and_subset(many_scripts):
    outputs, _ = many_scripts
    listing = subprocess.run(["pdffonts", str(outputs["pdf"])], capture_output=True, check=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    names = {row[0].split("+", 1)[1] for row in rows}
    for family in ("Publisher-Serif", "Publisher-CJK-Serif", "Publisher-CJK-Sans-Bold", "Publisher-Arabic",
                   "Publisher-Thai", "Publisher-Devanagari", "Publisher-Khmer"):
        assert family in names, listing
    for row in rows:
        assert re.match(r"^[A-Z]{6}\+", row[0]), f"not subset: {row}"
        assert row[-5:-2] == ["yes", "yes", "yes"], f"not embedded, subset and mapped to text: {row}"


def test_epub_carries_every_language_and_every_character(many_scripts):
    outputs, _ = many_scripts
    epub = outputs["epub"]
    assert epubcheck_problems(epub) == []
    with zipfile.ZipFile(epub) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        fonts = [name for name in archive.namelist() if name.startswith("EPUB/fonts/")]
    languages = [element.text for element in opf.iter("{http://purl.org/dc/elements/1.1/}language")]
    assert languages == ["vi", "ja", "ko", "zh", "ru", "ar", "th", "hi", "km"]
    assert "EPUB/fonts/NotoSerifCJK-Regular.otf" in fonts and "EPUB/fonts/NotoSerifKhmer-Regular.ttf" in fonts
    assert "EPUB/fonts/NotoSerifDevanagari-Regular.ttf" in fonts

    chapters = [root for href, root in epub_documents(epub) if href.startswith("article-")]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [(root.get("lang"), root.get(xml_lang)) for root in chapters] == [(code, code) for code in SAMPLES]
    assert [root.get("dir") for root in chapters] == [("rtl" if code == "ar" else None) for code in SAMPLES]
    text = _plain(epub_text(epub))
    for _title, sentence, more in SAMPLES.values():
        assert _plain(sentence) in text and _plain(more) in text


def test_web_page_marks_each_article_language(many_scripts):
    outputs, _ = many_scripts
    tree = lxml_html.fromstring(outputs["html"].read_bytes())
    assert tree.get("lang") == "vi" and tree.get("dir") is None
    articles = tree.findall(".//article")
    assert [(a.get("lang"), a.get("dir")) for a in articles] == [(code, "rtl" if code == "ar" else None) for code in SAMPLES]
    text = _plain(tree.find("body").text_content())
    for _, sentence, _ in SAMPLES.values():
        assert _plain(sentence) in text
    assert "data:font/woff2;base64," in outputs["html"].read_text(encoding="utf-8")


def test_print_document_marks_languages_and_hyphenates_by_them(many_scripts):
    """The Russian article is hyphenated (pyphen has Russian); the Vietnamese one never is."""
    outputs, _ = many_scripts
    raw = pdftotext(outputs["pdf"], raw=True)
    russian = raw[raw.index("Жители"):raw.index("достопримечательностям")]
    assert "\u2010\n" in russian
    vietnamese = raw[raw.index("Người dân"):raw.index("nhiều đời")]
    assert "\u2010" not in vietnamese and "-\n" not in vietnamese


def test_a_left_to_right_article_in_a_right_to_left_publication_keeps_its_direction(tmp_path):
    """An Arabic publication's Russian article is set left to right (it would inherit the
    page's direction), its caption bar on its own left."""
    folder = write_samples(tmp_path / "arabic", language="ar", languages=("ar", "ru"))
    results = build([folder], tmp_path / "out", BuildOptions(formats=("html",)), Reporter())
    tree = lxml_html.fromstring(outputs_by_format(results)["html"].read_bytes())
    assert tree.get("dir") == "rtl"
    assert [(a.get("lang"), a.get("dir")) for a in tree.findall(".//article")] == [("ar", "rtl"), ("ru", "ltr")]
    assert '[dir="rtl"] [dir="ltr"] .caption-only figcaption' in outputs_by_format(results)["html"].read_text(encoding="utf-8")


def test_the_publication_takes_the_language_most_articles_are_in(tmp_path):
    from publisher import load_publication

    folder = write_samples(tmp_path / "mostly-russian", language=None, languages=("vi", "ru", "ru"))
    assert load_publication(folder).language == "ru"
    write_samples(folder, language="vi", languages=("vi", "ru", "ru"))
    assert load_publication(folder).language == "vi"


def test_a_character_no_font_has_is_still_reported(tmp_path):
    source = tmp_path / "rare.md"
    source.write_text("---\ntitle: Chữ lạ\nlanguage: vi\n---\n\nChữ Ý cổ 𐌀 và ký tự riêng \ue123 không phông nào có.\n",
                      encoding="utf-8")
    warnings: list[str] = []
    build([source], tmp_path / "out", BuildOptions(formats=("html",)), Reporter(warning=warnings.append))
    reported = "\n".join(warnings)
    for code in ("U+10300", "U+E123"):
        assert code in reported and str(source) in reported, reported


def test_a_system_font_the_machine_lacks_leaves_its_characters_reported(tmp_path):
    """A layout whose CJK face is not installed: the characters are reported, and the
    missing font is named, rather than the build failing."""
    layout = tmp_path / "layouts" / "lacking"
    layout.mkdir(parents=True)
    (layout / "layout.toml").write_text(
        'extends = "bulletin"\n\n[[fallback_fonts]]\nfamily = "Nowhere CJK"\nfile = "NoSuchCJK-Regular.ttc"\nsystem = true\n',
        encoding="utf-8")
    assert find_layout(str(layout)).unavailable_fonts == ("NoSuchCJK-Regular.ttc",)
    source = tmp_path / "ja.md"
    source.write_text("---\ntitle: 東京\nlanguage: ja\n---\n\n東京の朝。\n", encoding="utf-8")
    warnings: list[str] = []
    results = build([source], tmp_path / "out", BuildOptions(formats=("html",), layout=str(layout)),
                    Reporter(warning=warnings.append))
    assert results[0].files
    reported = "\n".join(warnings)
    assert "U+6771" in reported and "NoSuchCJK-Regular.ttc" in reported


def test_cjk_builds_are_reproducible_with_and_without_the_cache(tmp_path, monkeypatch):
    """A face taken out of a collection is named by its content: the PDF is the same
    whether it was put in the cache or in a temporary folder, and the same twice. A cached
    build is reused only while the system font it drew with is where it was."""
    _require_cjk_fonts()
    source = tmp_path / "ja.md"
    source.write_text("---\ntitle: 東京の桜\nlanguage: ja\n---\n\n東京都心では今朝、桜の花が満開になりました。\n",
                      encoding="utf-8")
    options = BuildOptions(formats=("pdf", "epub", "html"))
    first = outputs_by_format(build([source], tmp_path / "a", options))
    second = outputs_by_format(build([source], tmp_path / "b", BuildOptions(formats=options.formats, cache_dir=tmp_path / "cache")))
    for format_name in ("pdf", "epub", "html"):
        assert first[format_name].read_bytes() == second[format_name].read_bytes(), format_name

    cached = BuildOptions(formats=("html",), cache_dir=tmp_path / "cache")
    assert not build([source], tmp_path / "c", cached)[0].up_to_date
    again = build([source], tmp_path / "c", cached)[0]
    assert again.up_to_date
    assert any(name == "NotoSerifCJK-Regular.ttc" for name, _, _ in again.system_fonts)

    elsewhere = tmp_path / "other-fonts"
    elsewhere.mkdir()
    original = find_system_fonts(["NotoSerifCJK-Regular.ttc"])["NotoSerifCJK-Regular.ttc"]
    os.symlink(original, elsewhere / "NotoSerifCJK-Regular.ttc")
    monkeypatch.setenv(FONT_PATH_VARIABLE, str(elsewhere))
    assert not build([source], tmp_path / "c", cached)[0].up_to_date


def test_parts_join_keeps_glyphs_that_carry_no_text_paired():
    """WeasyPrint maps a glyph with no text of its own (a Khmer cluster's second glyph)
    to <>: the join of a large PDF's parts must not pair the glyphs after it wrongly."""
    from publisher.writers.parts.fontmerge import _cmap, _to_unicode

    cmap = b"3 beginbfchar\n<006a> <>\n<002d> <179417d2179a>\n<0033> <1798>\nendbfchar\n"
    mapping = _to_unicode(cmap)
    assert mapping == {0x6A: b"", 0x2D: b"179417d2179a", 0x33: b"1798"}
    assert _to_unicode(_cmap(mapping)) == mapping


def _fonts_drawn_with(document: Path, out: Path) -> list[list[str]]:
    """pdffonts' rows for ``document`` (an HTML or XHTML file) laid out by WeasyPrint as a
    reader would lay it out: with the fonts the file itself carries."""
    from publisher.engine import HTML

    HTML(filename=str(document)).write_pdf(str(out))
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in listing.splitlines()[2:] if line.strip()]


def test_web_page_and_epub_draw_every_character_from_their_own_subsets(many_scripts, tmp_path):
    """The subsets the web page and the EPUB carry hold every glyph their text needs,
    including what hyphenation, capitals and the shapers add (a hyphen, BẢN, Thai SARA AM
    drawn as NIKHAHIT + SARA AA): laid out, nothing falls back to a system font and no
    glyph is missing (a missing one makes WeasyPrint give up the Identity encoding)."""
    outputs, _ = many_scripts
    documents = [outputs["html"]]
    with zipfile.ZipFile(outputs["epub"]) as archive:
        archive.extractall(tmp_path / "epub")
    documents += sorted((tmp_path / "epub" / "EPUB").glob("article-*.xhtml"))
    for number, document in enumerate(documents):
        for row in _fonts_drawn_with(document, tmp_path / f"{number}.pdf"):
            assert row[0].split("+", 1)[1].startswith("Publisher-"), f"{document.name} fell back to {row[0]}"
            assert row[-6] == "Identity-H", f"{document.name}: a glyph is missing from {row[0]}"
