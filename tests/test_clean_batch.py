"""``publisher clean FILE...`` carries on past a file that fails, and ``--as-article``
reaches the article reader (and the cache keys) from ``clean`` and ``build`` alike."""

from __future__ import annotations

import pytest
from conftest import SEED
from typer.testing import CliRunner

import publisher.ingest as ingest
from publisher.build import BuildOptions, Reporter, build_one
from publisher.build_cache import input_digest
from publisher.cli import app

DOUBT = "read as an article although it looks like none"


@pytest.fixture
def reader_calls(monkeypatch) -> list[tuple[str, bool]]:
    """(file name, as_article) for every file the readers clean; under ``as_article`` the
    reader adds a warning, as the cleaner does for a page it would have refused."""
    calls: list[tuple[str, bool]] = []
    read = ingest._read_by_suffix

    def recording(text, path, profiles, as_article):
        calls.append((path.name, as_article))
        result = read(text, path, profiles, as_article)
        if as_article:
            result = type(result)(article=result.article, dropped=result.dropped, warnings=(*result.warnings, DOUBT))
        return result

    monkeypatch.setattr(ingest, "_read_by_suffix", recording)
    return calls


def test_a_clean_batch_reports_the_bad_file_writes_the_others_and_exits_1(tmp_path):
    good = tmp_path / "a.txt"
    good.write_bytes(SEED.read_bytes())
    bad = tmp_path / "b.txt"
    bad.write_bytes("Tiêu đề\n".encode() + b"\xff\xfe\xfd loi\n")
    missing = tmp_path / "c.txt"
    also_good = tmp_path / "d.md"
    also_good.write_text("---\ntitle: Bài thứ hai\n---\n\nMột đoạn văn.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(good), str(bad), str(missing), str(also_good), "-o", str(out)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith(f"error: {bad}:2: ") and "UTF-8" in errors[0]
    assert errors[1].startswith(f"error: {missing}: ")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "d.md"]
    assert "title: Bài thứ hai" in (out / "d.md").read_text(encoding="utf-8")


def test_a_clean_batch_without_failures_exits_0(tmp_path):
    result = CliRunner().invoke(app, ["clean", str(SEED), str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("title: Hai khâu đột phá") == 2


def test_clean_as_article_reaches_the_reader_and_prints_its_warnings(tmp_path, reader_calls):
    runner = CliRunner()
    plain = runner.invoke(app, ["clean", str(SEED)])
    assert plain.exit_code == 0 and DOUBT not in plain.stderr
    trusted = runner.invoke(app, ["clean", str(SEED), "--as-article"])
    assert trusted.exit_code == 0, trusted.output
    assert reader_calls == [(SEED.name, False), (SEED.name, True)]
    assert f"warning: {SEED}: {DOUBT}" in trusted.stderr.splitlines()


def test_build_as_article_reaches_the_reader_the_warnings_and_the_cache_key(tmp_path, reader_calls):
    options = BuildOptions(formats=("html",), cache_dir=tmp_path / "cache")
    assert input_digest(SEED, options, None) != input_digest(SEED, BuildOptions(formats=("html",), cache_dir=tmp_path / "cache", as_article=True), None)
    first = build_one(SEED, tmp_path / "out", options)
    assert reader_calls == [(SEED.name, False)] and not any(DOUBT in w for w in first.warnings)
    warnings: list[str] = []
    trusted = build_one(SEED, tmp_path / "out", BuildOptions(formats=("html",), cache_dir=tmp_path / "cache", as_article=True),
                        reporter=Reporter(warning=warnings.append))
    assert not trusted.up_to_date  # another key: not the outputs of the first build
    assert reader_calls[-1] == (SEED.name, True)
    assert f"{SEED}: {DOUBT}" in trusted.warnings and f"{SEED}: {DOUBT}" in warnings
    again = build_one(SEED, tmp_path / "out", BuildOptions(formats=("html",), cache_dir=tmp_path / "cache", as_article=True))
    assert again.up_to_date and f"{SEED}: {DOUBT}" in again.warnings


def test_the_build_command_takes_as_article(tmp_path, reader_calls):
    result = CliRunner().invoke(app, ["build", str(SEED), "-o", str(tmp_path / "out"), "--format", "html", "--no-cache", "--as-article"])
    assert result.exit_code == 0, result.output
    assert reader_calls == [(SEED.name, True)]
    assert f"warning: {SEED}: {DOUBT}" in result.stderr
