"""The command line: one clear message and a non-zero exit for user errors, never a
traceback and never a half-written output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FOLDER3, ROOT, SEED


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_build_an_article_prints_progress_and_a_summary(tmp_path):
    result = run("build", str(SEED), "-o", str(tmp_path), "--format", "epub,html")
    assert result.returncode == 0, result.stderr
    assert "Built 1 publication(s), 2 file(s)" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "hai-khau-dot-pha-trong-xay-dung-to-chuc-dang.epub",
        "hai-khau-dot-pha-trong-xay-dung-to-chuc-dang.html",
    ]


def test_clean_then_build_the_edited_markdown(tmp_path):
    cleaned = run("clean", str(SEED))
    assert cleaned.returncode == 0
    edited = cleaned.stdout.replace("title: Hai khâu đột phá", "title: Hai khâu then chốt")
    (tmp_path / "edited.md").write_text(edited, encoding="utf-8")
    result = run("build", str(tmp_path / "edited.md"), "-o", str(tmp_path / "out"), "--format", "html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "hai-khau-then-chot-trong-xay-dung-to-chuc-dang.html").is_file()


def test_clean_explain_lists_dropped_lines_with_rules(tmp_path):
    result = run("clean", str(SEED), "--explain", "-o", str(tmp_path))
    assert result.returncode == 0
    assert f"{SEED}:9: dropped (chrome line (site profile)): Bình chọn" in result.stderr
    assert (tmp_path / (SEED.stem + ".md")).is_file()


def _assert_one_clear_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1, result.stderr
    for needle in needles:
        assert needle in error_lines[0], error_lines[0]


def test_missing_input(tmp_path):
    _assert_one_clear_error(run("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")), "nope.txt", "no such file")
    assert not (tmp_path / "out").exists()


def test_undecodable_input_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Tiêu đề\n".encode() + b"\xff\xfe\xfd loi\n")
    _assert_one_clear_error(run("build", str(bad), "-o", str(tmp_path / "out")), f"{bad}:2:", "UTF-8")
    assert not (tmp_path / "out").exists()


def _user_layout(tmp_path, name: str, text: str):
    """A layout extending the bulletin with one file of its own."""
    layout = tmp_path / "mylayout"
    layout.mkdir()
    (layout / "layout.toml").write_text('name = "mine"\nextends = "bulletin"\n', encoding="utf-8")
    (layout / name).write_text(text, encoding="utf-8")
    return layout


def test_broken_template_names_file_and_line(tmp_path):
    layout = _user_layout(tmp_path, "print.html", "<html>\n<body>\n{% if %}\n</body>\n</html>\n")
    result = run("build", str(SEED), "-o", str(tmp_path / "out"), "--layout", str(layout), "--format", "pdf")
    _assert_one_clear_error(result, "print.html:3:", "template")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_user_layout_overrides_only_what_it_changes(tmp_path):
    layout = _user_layout(tmp_path, "_typography.css", ".article-title { color: #004488; }\n")
    result = run("build", str(SEED), "-o", str(tmp_path / "out"), "--layout", str(layout), "--format", "html")
    assert result.returncode == 0, result.stderr
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "#004488" in html and "Mục lục" in html


def test_unknown_layout_and_format(tmp_path):
    _assert_one_clear_error(run("build", str(SEED), "-o", str(tmp_path), "--layout", "nope"), "no layout named 'nope'", "bulletin")
    _assert_one_clear_error(run("build", str(SEED), "-o", str(tmp_path), "--format", "docx"), "unknown format 'docx'")


def test_unwritable_output_folder(tmp_path, monkeypatch):
    """Simulated, since the suite may run as root, for whom permissions do not apply."""
    from publisher import BuildOptions, PublisherError, build
    from publisher.writers import base

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(base.tempfile, "mkstemp", refuse)
    with pytest.raises(PublisherError) as caught:
        build([SEED], tmp_path / "locked", BuildOptions(formats=("html",)))
    assert "Permission denied" in str(caught.value) and "locked" in str(caught.value)


def test_output_path_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    _assert_one_clear_error(run("build", str(SEED), "-o", str(blocker), "--format", "html"), "out")
    assert blocker.read_text() == "not a folder"


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from publisher.errors import OutputError
    from publisher.writers import base

    target = tmp_path / "x.pdf"

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(base.os, "replace", failing_replace)
    with pytest.raises(OutputError, match="No space left"):
        base.write_atomically(b"%PDF-1.7 ...", target)
    assert list(tmp_path.iterdir()) == []


def test_folder_build_orders_articles_by_name(tmp_path):
    result = run("build", str(FOLDER3), "-o", str(tmp_path), "--format", "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "folder3.html").read_text(encoding="utf-8")
    positions = [html.index(title) for title in (
        'id="article-1-title">Hai khâu', 'id="article-2-title">Nông dân', 'id="article-3-title">Giáo dục')]
    assert positions == sorted(positions)
