"""What a new user meets first: --version, shell completion, building a folder twice, the
folder `publisher new` makes, a web address given as a file, and a summary whose counts
add up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import FOLDER3, ROOT, SEED, write_articles

from publisher import BuildOptions, PublisherError, build, load_publication
from publisher.batch import build_tree, discover
from publisher.executors import InlineExecutor
from publisher.outputs import OUTPUT_MARKER
from publisher.scaffold import new_publication


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_version():
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"publisher {version('publisher')}\n"


def test_shell_completion_is_on():
    from typer.testing import CliRunner

    from publisher.cli import app

    help_text = run("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text and "--version" in help_text
    completing = {"_PUBLISHER_COMPLETE": "complete_bash", "COMP_WORDS": "publisher build --tone", "COMP_CWORD": "2"}
    completed = CliRunner().invoke(app, [], prog_name="publisher", env=completing)
    assert completed.exit_code == 0 and completed.output.split() == ["--tone-marks"]


def _same_articles(first: Path, second: Path) -> None:
    assert first.read_text(encoding="utf-8").count('class="article-title"') == 3
    assert first.read_bytes() == second.read_bytes()


def test_a_folder_built_into_itself_twice(tmp_path):
    """`publisher build . -o out`, then `-o out2`: the first outputs are not articles of the second."""
    folder = tmp_path / "tuan-48"
    shutil.copytree(FOLDER3, folder)
    first = run("build", ".", "-o", "out", "--format", "html,epub", "--no-cache", cwd=folder)
    assert first.returncode == 0, first.stderr
    assert (folder / "out" / OUTPUT_MARKER).is_file()
    second = run("build", ".", "-o", "out2", "--format", "html", "--no-cache", cwd=folder)
    assert second.returncode == 0, second.stderr
    assert "Built 1 publication(s)" in second.stdout
    assert sorted(p.name for p in (folder / "out2").iterdir()) == [OUTPUT_MARKER, "tuan-48.html"]
    _same_articles(folder / "out" / "tuan-48.html", folder / "out2" / "tuan-48.html")
    assert [source.relative for source in discover(folder)] == [Path(".")]
    named = run("build", "out", "-o", "out3", cwd=folder)
    assert named.returncode == 1 and "publisher wrote this folder" in named.stderr and not (folder / "out3").exists()


def test_outputs_outside_the_inputs_are_not_marked(tmp_path):
    build([FOLDER3], tmp_path / "out", BuildOptions(formats=("html",)))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["folder3.html"]


def test_outputs_among_the_articles_are_not_read_back(tmp_path):
    """`-o .`: the page publisher made sits beside the articles, and is recognised."""
    folder = tmp_path / "tuan-48"
    shutil.copytree(FOLDER3, folder)
    build([folder], folder, BuildOptions(formats=("html",)))
    assert not (folder / OUTPUT_MARKER).exists()
    assert len(load_publication(folder).articles) == 3
    build([folder], folder, BuildOptions(formats=("html",)))
    assert len(load_publication(folder).articles) == 3


def test_a_tree_never_builds_an_old_output_folder(tmp_path):
    tree = tmp_path / "tree"
    write_articles(tree / "ha-giang", 2)
    write_articles(tree / "son-la", 1)
    options = BuildOptions(formats=("html",))
    first = build_tree([tree], tree / "out", options, executor=InlineExecutor())
    assert first.count("built") == 2 and (tree / "out" / OUTPUT_MARKER).is_file()
    # an output folder from before folders were marked: its pages are recognised
    shutil.copytree(tree / "out", tree / "old-out")
    (tree / "old-out" / OUTPUT_MARKER).unlink()
    again = build_tree([tree], tmp_path / "elsewhere", options, executor=InlineExecutor())
    assert [outcome.job.source.name for outcome in again.outcomes] == ["ha-giang", "son-la"]
    assert [str(source.relative) for source in discover(tree)] == ["ha-giang", "son-la"]


def test_a_new_publication_takes_every_article_file(tmp_path):
    folder = tmp_path / "ban-tin"
    new_publication(folder)
    assert "every" in (folder / "README.md").read_text(encoding="utf-8")
    shutil.copy(SEED, folder / "articles" / "02-trang-da-luu.txt")
    shutil.copy(FOLDER3 / "02-caobang.txt", folder / "articles" / "10-cao-bang.txt")
    (folder / "articles" / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article: left out
    titles = [article.title for article in load_publication(folder).articles]
    assert titles[0] == "Bài viết mẫu của bản tin"
    assert titles[1] == "Hai khâu đột phá trong xây dựng tổ chức đảng"  # 02 before 10: name order
    assert len(titles) == 3
    built = run("build", str(folder), "-o", str(folder / "out"), "--format", "html", "--no-cache")
    assert built.returncode == 0, built.stderr
    html = next((folder / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "Hai khâu đột phá" in html


@pytest.mark.parametrize("command", ["build", "clean"])
def test_a_web_address_says_how_pages_are_read(tmp_path, command):
    result = run(command, "https://baolangson.vn/tin/bai-1.html", *(["-o", str(tmp_path / "out")] if command == "build" else []))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: https://baolangson.vn/tin/bai-1.html: a web address")
    assert "save the page" in errors[0] and "publisher clean" in errors[0]
    with pytest.raises(PublisherError, match="a web address"):
        load_publication(Path("http://example.org/bai"))


def test_the_summary_counts_add_up(tmp_path):
    """Up to date, built and failed publications in one tree: each counted once, and
    "Built N" counts only those built."""
    tree = tmp_path / "tree"
    for name in ("a", "b", "c", "d"):
        write_articles(tree / name, 1, prefix=f"Bài {name}")
    cache = tmp_path / "cache"
    first = run("build", str(tree), "-o", str(tmp_path / "out"), "--format", "html", "--cache", str(cache), "--jobs", "1")
    assert first.returncode == 0, first.stderr
    assert "Built 4 publication(s), 4 file(s), 0 warning(s): 4 succeeded, 0 failed, 0 skipped (up to date)." in first.stdout
    (tree / "b" / "02-hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    write_articles(tree / "e", 1, prefix="Bài e")
    again = run("build", str(tree), "-o", str(tmp_path / "out"), "--format", "html", "--cache", str(cache), "--jobs", "1")
    assert again.returncode == 1
    assert "Built 1 of 5 publication(s), 4 file(s), 0 warning(s): 1 succeeded, 1 failed, 3 skipped (up to date)." in again.stdout
    summary = build_tree([tree], tmp_path / "out", BuildOptions(formats=("html",), cache_dir=cache), executor=InlineExecutor())
    counts = [summary.count(status) for status in ("built", "failed", "skipped")]
    assert counts == [0, 1, 4] and sum(counts) == len(summary.outcomes) == 5
    assert summary.describe().startswith("Built 0 of 5 publication(s), 4 file(s)")
