"""Declared schemas: publication.toml, layout.toml, Markdown front matter and the build
options each list their keys in one place, and every mistake (a misspelt key, a wrong
type, a bad value, a syntax error) is one message with the file, the line and what was
expected, in plain words."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from publisher import BuildOptions, PublisherError, build, load_publication
from publisher.build import build_one
from publisher.errors import LayoutError
from publisher.manifest import MANIFEST_SCHEMA
from publisher.render.layout import find_layout
from publisher.tomlfile import _PLAIN, explain_toml_error
from publisher.writers import FORMATS

ARTICLE = "---\ntitle: Bài một\n---\n\nMột đoạn văn.\n"
# Python's notation for a dict, a tuple, a list, None, True/False, an escaped character.
PYTHON_NOTATION = re.compile(r"\{'[^']*': |\('[^']*',\)|\['[^']*', '|\b(None|True|False)\b|\\x[0-9a-f]{2}")


def _assert_plain(message: str) -> None:
    """No Python notation in a message meant for people."""
    assert not PYTHON_NOTATION.search(message), message


def _manifest_error(tmp_path: Path, text: str) -> PublisherError:
    folder = tmp_path / "pub"
    folder.mkdir(exist_ok=True)
    (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "publication.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PublisherError) as caught:
        load_publication(folder)
    assert caught.value.path == folder / "publication.toml"
    _assert_plain(caught.value.message)
    return caught.value


@pytest.mark.parametrize(("text", "line", "words"), [
    # a misspelt key, with the one meant and the known ones
    ('title = "T"\nsubtitel = "x"\n', 2, ("unknown key 'subtitel'", "did you mean 'subtitle'?", "known: cover, date")),
    ('title = "T"\n\n[layout]\ncolums = 2\n', 4, ("unknown key 'colums' in [layout]", "did you mean 'columns'?")),
    ('title = "T"\n\n[[sections]]\narticle = ["a.md"]\n', 4, ("unknown key 'article' in [[sections]]", "'articles'")),
    # a wrong type
    ('title = "T"\nissue = true\n', 2, ("'issue' must be a whole number or text, not true",)),
    ('title = "T"\neditors = 5\n', 2, ("'editors' must be a list of text, not 5",)),
    ('title = "T"\n\n[layout]\ncolumns = "two"\n', 4, ("'columns' in [layout] must be a whole number from 1 to 4, not \"two\"",)),
    ('title = "T"\nsections = 3\n', 2, ("'sections' must be [[sections]] tables, not 3",)),
    ('title = "T"\ndate = "next week"\n', 2, ("'date' must be a TOML date such as 2016-12-10, not \"next week\"",)),
    # a bad value
    ('title = "T"\n\n[layout]\ncolumns = 7\n', 4, ("whole number from 1 to 4, not 7",)),
    ('title = "T"\n\n[layout]\npage_size = "A9"\n', 4, ("'page_size' in [layout] must be a page size such as 'A4'",)),
    ('title = "T"\n\n[layout]\nfont_size = "big"\n', 4, ("must be a length such as '10.5pt', not \"big\"",)),
    ('title = "T"\nformats = ["pdf", "docx"]\n', 2, ("unknown format 'docx' (choose from pdf, epub, html)",)),
    ('title = "T"\nlanguage = "Tiếng Việt"\n', 2, ("'language' must be a language code such as 'vi'",)),
    ('title = "T"\n\n[[sections]]\ntitle = "A"\narticles = []\n', 5, ("a section needs 'articles'",)),
    ('title = "T"\n\n[[sections]]\narticles = ["*.docx"]\n', 4, ("no article matches '*.docx'", ".txt, .md")),
    ('subtitle = "S"\n', None, ("the manifest needs a 'title' (text)",)),
    # TOML syntax: the line, the column, what was expected
    ('title = "T"\nissue = 3 4\n', 2, ("invalid TOML (column 11)", "one key = value per line")),
    ('title = "T"\nsubtitle = "unterminated\n', 2, ("invalid TOML (column 25)", "not closed on this line", "closing quote")),
    ('title = "T"\ncolumns = two\n', 2, ("invalid TOML (column 11)", "text in quotes")),
    ('title = "T"\n[layout\nname = "book"\n', 2, ("expected ']' at the end of the [table] heading",)),
    ('title = "T"\ntitle = "U"\n', 2, ("this key already has a value",)),
    ('title = "T"\ndate = 2016-13-45\n', 2, ("not a real date", "2016-12-10")),
])
def test_manifest_mistakes(tmp_path, text, line, words):
    error = _manifest_error(tmp_path, text)
    assert error.line == line
    for needed in words:
        assert needed in error.message, error.message


def _layout(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "layout.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "line", "words"), [
    ('extends = "bulletin"\ndecription = "x"\n', 2, ("unknown key 'decription'", "did you mean 'description'?")),
    ('extends = "bulletin"\n\n[page]\ncolums = 2\n', 4, ("unknown key 'colums' in [page]", "did you mean 'columns'?")),
    ('extends = "bulletin"\n\n[[fonts]]\nfamily = "X"\nfile = "NotoSerif-Regular.ttf"\nsytem = true\n', 6,
     ("unknown key 'sytem' in [[fonts]]",)),
    ('extends = "bulletin"\n\n[page]\ncolumns = "two"\n', 4, ("'columns' in [page] must be a whole number from 1 to 4, not \"two\"",)),
    ('extends = "bulletin"\n\n[page]\nfront_matter_roman = "yes"\n', 4, ("must be true or false, not \"yes\"",)),
    ('extends = "bulletin"\n\n[[fonts]]\nfamily = "X"\nfile = "NotoSerif-Regular.ttf"\nweight = "bold"\n', 6,
     ("'weight' in [[fonts]] must be a whole number from 100 to 900, not \"bold\"",)),
    ('extends = "bulletin"\n\n[page]\ncover = "sometimes"\n', 4, ("'cover' in [page] must be 'always', 'when-asked' or 'never'",)),
    ('extends = "bulletin"\n\n[page]\nsize = "A9"\n', 4, ("'size' in [page] must be a page size",)),
    ('extends = "bulletin"\n\n[[fallback_fonts]]\nfamily = "X"\nfile = "a.ttf"\nrole = "body"\n', 6,
     ("'role' in [[fallback_fonts]] must be 'any', 'text' or 'display', not \"body\"",)),
    ('extends = "bulletin"\n\n[[fonts]]\nfamily = "X"\n', 3, ("a [[fonts]] entry needs a 'file' (a font file name)",)),
    ('extends = "magazine"\n', 1, ("unknown layout 'magazine'", "article, book, bulletin")),
    ('extends = "bulletin"\n\n[[fonts]]\nfamily = "X"\nfile = "nope.ttf"\n', 5, ("font file 'nope.ttf' not found",)),
    ('extends = "bulletin\n', 1, ("invalid layout file (column 20)", "not closed on this line")),
    ('extends = "bulletin"\n[page]\ncolumns = 2 columns\n', 3, ("invalid layout file (column 13)", "one key = value per line")),
])
def test_layout_mistakes(tmp_path, text, line, words):
    folder = _layout(tmp_path, text)
    with pytest.raises(LayoutError) as caught:
        find_layout(str(folder))
    assert caught.value.path == folder / "layout.toml"
    assert caught.value.line == line
    _assert_plain(caught.value.message)
    for needed in words:
        assert needed in caught.value.message, caught.value.message


def test_layout_values_are_read_as_declared(tmp_path):
    folder = _layout(tmp_path, 'extends = "bulletin"\ndescription = "Của tòa soạn"\n\n[page]\ncolumns = 3\nfont_size = 11\n')
    layout = find_layout(str(folder))
    assert (layout.name, layout.columns, layout.font_size, layout.page_size) == ("mine", 3, "11pt", "A4")
    assert layout.description == "Của tòa soạn" and layout.cover_page == "when-asked" and layout.part_break == "page"
    assert [face.weight for face in layout.fonts] == [face.weight for face in find_layout("bulletin").fonts]


def _front_matter_error(tmp_path: Path, front_matter: str) -> PublisherError:
    article = tmp_path / "bai.md"
    article.write_text(f"---\n{front_matter}---\n\nMột đoạn văn.\n", encoding="utf-8")
    with pytest.raises(PublisherError) as caught:
        load_publication(article)
    assert caught.value.path == article
    _assert_plain(caught.value.message)
    return caught.value


@pytest.mark.parametrize(("front_matter", "line", "words"), [
    ("title: A\nauthor: B\n", 3, ("unknown front matter key 'author'", "did you mean 'authors'?")),
    ("title: A\ndate: {$date: null}\n", 3,
     ("front matter 'date' must be a date such as 2016-12-10 or 2016-12-10T08:00:00+07:00, not a table of keys and values",)),
    ("title: A\nlead: B\ndate: hôm qua\n", 4, ("front matter 'date' must be a date such as 2016-12-10", 'not "hôm qua"')),
    ("title: A\ndate: 2016-13-45\n", 3, ("front matter 'date' is not a real date: 2016-13-45",)),
    ("title: A\nkicker: [1, 2]\n", 3, ("front matter 'kicker' must be text, not a list",)),
    ("title: yes\n", 2, ("front matter 'title' must be text, not true", "need quotes")),
    ("title: A\nauthors:\n- B\n- [C]\n", 3, ("'authors' must be a name or a list of names",)),
    ("title: A\nlanguage: Vietnamese\n", 3, ("'language' must be a language code such as 'vi'",)),
    ("kicker: A\n", 1, ("the front matter needs a 'title'",)),
    ("title: Giá xăng: tăng\n", 2, ("not valid YAML (column 16)", "put the value in quotes")),
    ('title: "Giá xăng\nlead: x\n', 4, ("not valid YAML", "opened on line 2 is not closed")),
    ("- a\n- b\n", 2, ("keys with values",)),
])
def test_front_matter_mistakes(tmp_path, front_matter, line, words):
    error = _front_matter_error(tmp_path, front_matter)
    assert error.line == line
    for needed in words:
        assert needed in error.message, error.message


def test_front_matter_values_are_read_as_declared(tmp_path):
    article = tmp_path / "bai.md"
    article.write_text("---\ntitle: 2016\nkicker: Tin &amp; ảnh\ndate: 2016-12-10\nauthors: Lụa\nlanguage: en\n---\n\nĐoạn.\n",
                       encoding="utf-8")
    read = load_publication(article).articles[0]
    assert (read.title, read.kicker, read.authors, read.language) == ("2016", "Tin & ảnh", ("Lụa",), "en")
    assert read.published.value.isoformat() == "2016-12-10T00:00:00" and read.published.printed == "10/12/2016 00:00"


@pytest.mark.parametrize(("options", "words"), [
    (BuildOptions(formats=("docx",)), "unknown format 'docx' (choose from pdf, epub, html)"),
    (BuildOptions(tone_marks="modern"), "unknown tone-mark style 'modern' (choose from keep, old, new)"),
    (BuildOptions(pdf_jobs=0), "--jobs must be a whole number from 1 up, not 0"),
])
def test_build_options_are_checked_wherever_a_build_starts(tmp_path, options, words):
    """The library's entry points, not only the command line: never a bare KeyError."""
    for start in (lambda: build([SEED], tmp_path / "out", options), lambda: build_one(SEED, tmp_path / "out", options)):
        with pytest.raises(PublisherError) as caught:
            start()
        assert str(caught.value) == words
    assert not (tmp_path / "out").exists()


def test_print_options_name_their_flag_and_the_choices(tmp_path):
    from publisher.render.options import PrintOptions

    cases = {
        PrintOptions(pdf_variant="pdf/x"): "unknown PDF variant 'pdf/x' (choose from pdf/a-3b, pdf/ua-1, pdf/x-4)",
        PrintOptions(page_size="A9"): "--page-size must be a page size such as 'A4', 'A5', 'letter' or '148mm 210mm', not \"A9\"",
        PrintOptions(bleed="3"): "--bleed must be a length such as '3mm', not \"3\"",
        PrintOptions(impose="zine"): "unknown imposition 'zine' (choose from booklet)",
    }
    for printing, words in cases.items():
        with pytest.raises(PublisherError) as caught:
            build_one(SEED, tmp_path / "out", BuildOptions(print=printing))
        assert str(caught.value) == words


def test_every_toml_message_has_plain_words():
    """Each of tomllib's messages the table translates, from a real document."""
    broken = ['a = 3 4', 'a = "x\n', "a = 'x\n", 'a = two', '[a\n', '[[a]\n', 'a = [1, 2', 'a = {b = 1\n', 'a = 1\na = 2',
              '[a]\n[a]', 'a = {b = 1}\na.c = 2', 'a = {b = 1, b = 2}', '= 3', 'a\n', 'a = 2016-12-10x', 'a = 2016-13-45',
              'a = "\\q"', 'a = "\x07"', 'a = """x']
    for text in broken:
        with pytest.raises(tomllib.TOMLDecodeError) as caught:
            tomllib.loads(text)
        line, _column, message = explain_toml_error(str(caught.value), text)
        tomllib_words = str(caught.value).split(" (at ")[0]
        assert line is not None and message.lower() != tomllib_words.lower(), (text, message)
        assert "(at line" not in message and "('" not in message and "\\x" not in message, (text, message)
    assert len({pattern for pattern, _ in _PLAIN}) == len(_PLAIN)


def test_the_readme_manifest_example_uses_only_declared_keys(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"### The manifest\n\n```toml\n(.*?)```", readme, re.DOTALL).group(1)
    declared = {field.name for field in MANIFEST_SCHEMA.fields}
    assert set(tomllib.loads(example)) <= declared


def test_the_formats_are_written_out_once():
    sources = list((ROOT / "publisher").rglob("*.py"))
    copies = [str(path.relative_to(ROOT)) for path in sources
              if re.search(r"\(\s*\"pdf\",\s*\"epub\",\s*\"html\"\s*\)|pdf,epub,html|\[\"pdf\", \"epub\", \"html\"\]",
                           path.read_text(encoding="utf-8"))]
    assert copies == [], copies
    assert FORMATS == ("pdf", "epub", "html")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_command_line_gives_file_line_and_expected(tmp_path):
    folder = tmp_path / "pub"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: A\ndate: hôm qua\n---\n\nĐoạn.\n", encoding="utf-8")
    (folder / "publication.toml").write_text('title = "T"\n[layout]\ncolumns = "two"\n', encoding="utf-8")
    result = _run("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"error: {folder / 'publication.toml'}:3: 'columns' in [layout] must be a whole number from 1 to 4, not \"two\""
            in result.stderr.splitlines())
    (folder / "publication.toml").write_text('title = "T"\n', encoding="utf-8")
    result = _run("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert f"error: {folder / 'a.md'}:3: front matter 'date' must be a date such as 2016-12-10" in result.stderr
    result = _run("build", str(SEED), "-o", str(tmp_path / "out"), "--tone-marks", "modern")
    assert result.returncode == 1
    assert "error: unknown tone-mark style 'modern' (choose from keep, old, new)" in result.stderr.splitlines()
    assert not (tmp_path / "out").exists()
