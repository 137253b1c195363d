"""Building a tree of publications: its shape kept, a failure reported while the others
build, unchanged publications skipped, any executor, and the command line's summary."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, write_articles

from publisher import BuildOptions
from publisher.batch import build_tree, discover
from publisher.errors import PublisherError
from publisher.executors import InlineExecutor


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """One cache for the module: keys are content digests, and each test's tree lies at
    its own path, so tests share only what is truly the same (the font subsets)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def html_only(cache) -> BuildOptions:
    return BuildOptions(formats=("html",), cache_dir=cache)


def make_tree(root: Path) -> Path:
    write_articles(root / "ha-giang", 2)
    write_articles(root / "tay-bac" / "lai-chau", 1, prefix="Tin")
    write_articles(root / "tay-bac" / "son-la", 2, prefix="Phóng sự")
    write_articles(root / ".nhap", 1)  # hidden: a draft, not a publication
    write_articles(root / "ha-giang" / "layouts" / "mine", 1)  # a layout folder, never a publication
    return root


def test_discovery_finds_folders_of_articles_and_manifests(tmp_path):
    tree = make_tree(tmp_path / "tree")
    (tree / "ban-tin-so-5").mkdir()
    (tree / "ban-tin-so-5" / "publication.toml").write_text('title = "Bản tin số 5"\n', encoding="utf-8")
    write_articles(tree / "ban-tin-so-5" / "bai", 1)  # the manifest's own articles, not another publication
    found = [str(source.relative) for source in discover(tree)]
    assert found == ["ban-tin-so-5", "ha-giang", "tay-bac/lai-chau", "tay-bac/son-la"]


def test_a_tree_keeps_its_shape_in_the_output(tmp_path, html_only):
    tree = make_tree(tmp_path / "tree")
    summary = build_tree([tree], tmp_path / "out", html_only, jobs=1)
    assert summary.count("built") == 3 and not summary.failed
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.html"))
    assert written == ["ha-giang/ha-giang.html", "tay-bac/lai-chau/tin-so-1-chuyen-o-ban-khuoi-phay.html",
                       "tay-bac/son-la/son-la.html"]


def test_an_output_folder_inside_the_tree_is_not_a_publication(tmp_path, html_only):
    tree = make_tree(tmp_path / "tree")
    build_tree([tree], tree / "out", html_only, jobs=1)
    again = build_tree([tree], tree / "out", html_only, jobs=1)
    assert len(again.outcomes) == 3


def test_a_failing_publication_is_reported_and_the_others_build(tmp_path, html_only):
    tree = make_tree(tmp_path / "tree")
    (tree / "tay-bac" / "lai-chau" / "02-hong.md").write_text("   \n", encoding="utf-8")
    heard = []
    with ThreadPoolExecutor(max_workers=2) as executor:  # any executor will do
        summary = build_tree([tree], tmp_path / "out", html_only, executor=executor, on_outcome=heard.append)
    assert len(heard) == 3
    assert [o.status for o in summary.outcomes] == ["built", "failed", "built"]
    [failed] = summary.failed
    assert isinstance(failed.error, PublisherError)
    assert "02-hong.md" in str(failed.error) and "empty" in str(failed.error)
    assert not (tmp_path / "out" / "tay-bac" / "lai-chau").exists()
    assert (tmp_path / "out" / "tay-bac" / "son-la" / "son-la.html").is_file()


def test_unchanged_publications_are_skipped_and_an_edited_one_rebuilt(tmp_path, cache):
    tree = make_tree(tmp_path / "tree")
    options = BuildOptions(formats=("html", "epub"), cache_dir=cache)
    first = build_tree([tree], tmp_path / "out", options, executor=InlineExecutor())
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.*")}
    second = build_tree([tree], tmp_path / "out", options, executor=InlineExecutor())
    assert [o.status for o in first.outcomes] == ["built"] * 3
    assert [o.status for o in second.outcomes] == ["skipped"] * 3
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*.*")} == before

    edited = tree / "ha-giang" / "01-bai.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Tóm tắt", "Tóm lược"), encoding="utf-8")
    third = build_tree([tree], tmp_path / "out", options, executor=InlineExecutor())
    assert [o.status for o in third.outcomes] == ["built", "skipped", "skipped"]

    forced = build_tree([tree], tmp_path / "forced", BuildOptions(formats=("html", "epub"), cache_dir=cache, force=True),
                        executor=InlineExecutor())
    assert [o.status for o in forced.outcomes] == ["built"] * 3
    uncached = build_tree([tree / "tay-bac"], tmp_path / "uncached" / "tay-bac", BuildOptions(formats=("html", "epub")),
                          executor=InlineExecutor())
    for outcome in uncached.outcomes:
        for written in outcome.result.files:
            relative = written.path.relative_to(tmp_path / "uncached")
            assert written.path.read_bytes() == (tmp_path / "out" / relative).read_bytes() == (tmp_path / "forced" / relative).read_bytes()


def test_a_deleted_output_is_put_back_from_the_cache(tmp_path, html_only):
    tree = make_tree(tmp_path / "tree")
    options = html_only
    build_tree([tree], tmp_path / "out", options, executor=InlineExecutor())
    target = tmp_path / "out" / "ha-giang" / "ha-giang.html"
    data = target.read_bytes()
    target.unlink()
    again = build_tree([tree], tmp_path / "out", options, executor=InlineExecutor())
    assert again.outcomes[0].status == "skipped" and target.read_bytes() == data


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_command_line_batch_in_processes_with_a_failure(tmp_path, cache):
    tree = make_tree(tmp_path / "tree")
    (tree / "ha-giang" / "03-hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = run("build", str(tree), "-o", str(tmp_path / "out"), "--format", "html", "--jobs", "2",
                 "--cache", str(cache))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "3/3 publications, 6/6 articles" in result.stderr
    assert "03-hong.md:3" in result.stderr  # which publication, which file and line, and why
    assert "2 succeeded, 1 failed, 0 skipped" in result.stdout
    (tree / "ha-giang" / "03-hong.md").unlink()
    again = run("build", str(tree), "-o", str(tmp_path / "out"), "--format", "html", "--jobs", "2",
                "--cache", str(cache))
    assert again.returncode == 0, again.stderr
    assert "1 succeeded, 0 failed, 2 skipped" in again.stdout


def test_command_line_single_file_still_writes_its_slug(tmp_path, cache):
    from conftest import SEED

    result = run("build", str(SEED), "-o", str(tmp_path), "--format", "html", "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["hai-khau-dot-pha-trong-xay-dung-to-chuc-dang.html"]


def test_command_line_keep_html_leaves_the_print_document(tmp_path):
    from conftest import FOLDER3

    result = run("build", str(FOLDER3), "-o", str(tmp_path), "--format", "pdf", "--keep-html", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder3.pdf", "folder3.print.html"]


@pytest.mark.parametrize("tree", [False, True])
def test_nothing_to_build_is_one_line(tmp_path, tree):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    result = run("build", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error:") and "no publications found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_edited_image_of_a_single_article_is_not_served_from_the_cache(tmp_path):
    from PIL import Image

    from publisher import BuildOptions
    from publisher.build import build_one

    (tmp_path / "images").mkdir()
    Image.new("RGB", (20, 20), (0, 0, 255)).save(tmp_path / "images" / "a.png")
    article = tmp_path / "bai.md"
    article.write_text("---\ntitle: Ảnh\n---\n\n![Chú thích](images/a.png)\n\nĐoạn văn có ảnh kèm theo.\n", encoding="utf-8")
    options = BuildOptions(formats=("html",), cache_dir=tmp_path / "cache")
    first = build_one(article, tmp_path / "out", options)
    assert not first.up_to_date and build_one(article, tmp_path / "out", options).up_to_date
    Image.new("RGB", (20, 20), (255, 0, 0)).save(tmp_path / "images" / "a.png")
    assert not build_one(article, tmp_path / "out", options).up_to_date
