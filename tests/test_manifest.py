"""publication.toml: loaded into sections, and every mistake named by file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from publisher import PublisherError, load_publication

WEEKLY = FIXTURES / "weekly"


def test_weekly_manifest_loads_sections_in_order():
    publication = load_publication(WEEKLY)
    assert publication.title == "Bản tin Lạng Sơn"
    assert publication.issue == "47"
    assert publication.publisher == "Ban Tuyên giáo Tỉnh ủy Lạng Sơn"
    assert publication.date.date().isoformat() == "2016-12-10"
    assert publication.cover == "generated"
    grouped = [(section.title, [a.title for a in articles]) for section, articles in publication.grouped()]
    assert grouped == [
        ("Xây dựng Đảng", ["Hai khâu đột phá trong xây dựng tổ chức đảng"]),
        ("Kinh tế - Xã hội", ["Nông dân Hà Quảng mở rộng diện tích trồng thuốc lá",
                               "Mùa vàng trên ruộng bậc thang Bắc Sơn",
                               "Giáo dục vùng cao chuyển biến tích cực"]),
    ]


def _manifest(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "pub"
    folder.mkdir(exist_ok=True)
    (folder / "a.md").write_text("---\ntitle: Bài một\n---\n\nMột đoạn văn.\n", encoding="utf-8")
    (folder / "publication.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('title = "T"\ncolour = "red"\n', 2, "unknown key 'colour'"),
        ('title = "T"\nissue = true\n', 2, "'issue' must be"),
        ('title = 5\n', 1, "'title' must be text"),
        ('title = "T"\n\n[layout]\nname = "bulletin"\ncolumns = "two"\n', 5, "'columns'"),
        ('title = "T"\n\n[layout]\nmargin = "2cm"\n', 4, "unknown key 'margin'"),
        ('title = "T"\n\n[[sections]]\ntitle = "A"\narticles = ["a.md"]\n\n[[sections]]\ntitle = "B"\narticles = ["missing.md"]\n', 9,
         "'missing.md' not found"),
        ('title = "T"\n[[sections]]\narticles = ["../outside.md"]\n', 3, "outside the publication's folder"),
        ('title = "T"\n[[sections]]\narticles = ["../*/x.md"]\n', 3, "outside the publication's folder"),
        ('title = "T"\n[[sections]]\narticles = ["/etc/passwd"]\n', 3, "relative"),
        ('title = "T"\ncover = "../cover.png"\n', 2, "outside the publication's folder"),
        ('title = "T"\nformats = ["pdf", "docx"]\n', 2, "unknown format 'docx'"),
        ('title = "T"\ndate = "next week"\n', 2, "'date' must be a TOML date"),
        ('title = "T"\nsubtitle = "unterminated\n', 2, "invalid TOML"),
        ('subtitle = "no title"\n', None, "needs a 'title'"),
    ],
)
def test_manifest_mistakes_name_file_and_line(tmp_path, text, line, words):
    folder = _manifest(tmp_path, text)
    with pytest.raises(PublisherError) as caught:
        load_publication(folder)
    assert caught.value.path == folder / "publication.toml"
    assert caught.value.line == line
    assert words in caught.value.message


def test_invalid_manifest_builds_nothing(tmp_path):
    folder = _manifest(tmp_path, 'title = "T"\nsections = 3\n')
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "publisher", "build", str(folder), "-o", str(out)],
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert f"{folder / 'publication.toml'}:2:" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_publisher_new_builds_at_once(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    created = subprocess.run([sys.executable, "-m", "publisher", "new", str(tmp_path / "ban-tin")],
                             capture_output=True, text=True, env=env)
    assert created.returncode == 0, created.stderr
    assert "publisher build" in created.stdout
    assert (tmp_path / "ban-tin" / "README.md").read_text(encoding="utf-8").count("publisher build") == 1
    built = subprocess.run([sys.executable, "-m", "publisher", "build", str(tmp_path / "ban-tin"), "-o", str(tmp_path / "out"),
                            "--format", "epub,html"], capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "out").iterdir())) == 2
    again = subprocess.run([sys.executable, "-m", "publisher", "new", str(tmp_path / "ban-tin")], capture_output=True, text=True, env=env)
    assert again.returncode == 1 and "not empty" in again.stderr


def test_folder_without_manifest_is_one_publication_with_defaults(tmp_path):
    folder = tmp_path / "tuan-48"
    shutil.copytree(FIXTURES / "folder3", folder)
    publication = load_publication(folder)
    assert publication.title == "Tuan 48"
    assert len(publication.articles) == 3 and publication.sections == ()
