"""Cleaned articles kept in the cache: a rebuild after one article changed cleans that one
again, and what comes back from the cache equals what reading the file gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, write_articles

import publisher.ingest.remembered as remembered
from publisher.assemble import load_publication
from publisher.cache import Cache
from publisher.clean.profiles import load_profiles


@pytest.fixture
def cleaned(monkeypatch) -> list[str]:
    """The names of the files the cleaner was run on."""
    names: list[str] = []
    clean = remembered.read_article_bytes

    def counting(data, path, profiles, **options):
        names.append(path.name)
        return clean(data, path, profiles, **options)

    monkeypatch.setattr(remembered, "read_article_bytes", counting)
    return names


def test_only_the_edited_article_is_cleaned_again(tmp_path, cleaned):
    folder = tmp_path / "weekly"
    paths = write_articles(folder, 4)
    (folder / SEED.name).write_bytes(SEED.read_bytes())  # a page dump, through the page cleaner
    cache = Cache(tmp_path / "cache")

    first = load_publication(folder, cache=cache)
    assert len(cleaned) == 5
    cleaned.clear()
    again = load_publication(folder, cache=cache)
    assert cleaned == [] and again == first

    paths[2].write_text(paths[2].read_text(encoding="utf-8").replace("Đoạn 3.1.1", "Đoạn đã sửa"), encoding="utf-8")
    edited = load_publication(folder, cache=cache)
    assert cleaned == [paths[2].name]
    [changed] = [article for article in edited.articles if article.path == paths[2]]
    assert "Đoạn đã sửa" in str(changed.body)
    assert edited == load_publication(folder)  # the same as without any cache


def test_a_damaged_entry_is_read_again_and_replaced(tmp_path, cleaned, caplog):
    folder = tmp_path / "weekly"
    write_articles(folder, 2)
    cache = Cache(tmp_path / "cache")
    first = load_publication(folder, cache=cache)
    for entry in (tmp_path / "cache" / "objects").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:-1] + b"!")
    cleaned.clear()
    assert load_publication(folder, cache=cache) == first
    assert len(cleaned) == 2
    assert [record.getMessage().split(": ", 1)[1] for record in caplog.records] == [
        "article entry ignored (damaged: its checksum does not match), made anew"] * 2
    cleaned.clear()
    load_publication(folder, cache=cache)
    assert cleaned == []


def test_the_same_bytes_at_another_path_are_read_for_that_path(tmp_path, cleaned):
    """An article records its own path (its images are found from it)."""
    one, two = tmp_path / "one", tmp_path / "two"
    write_articles(one, 2)
    write_articles(two, 2)
    cache = Cache(tmp_path / "cache")
    load_publication(one, cache=cache)
    second = load_publication(two, cache=cache)
    assert len(cleaned) == 4
    assert all(article.path is not None and article.path.parent == two for article in second.articles)


def test_profiles_are_part_of_the_key(tmp_path, cleaned):
    folder = tmp_path / "weekly"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    cache = Cache(tmp_path / "cache")
    load_publication(folder / SEED.name, load_profiles(), cache=cache)
    extra = tmp_path / "profiles"
    extra.mkdir()
    (extra / "site.toml").write_text('[site]\nname = "Trang thử"\ndomains = ["example.vn"]\n', encoding="utf-8")
    load_publication(folder / SEED.name, load_profiles((extra,)), cache=cache)
    assert cleaned == [SEED.name, SEED.name]


def test_articles_equal_after_a_round_trip_through_the_cache(tmp_path):
    articles = Path(__file__).parent / "fixtures" / "weekly"
    cache = Cache(tmp_path / "cache")
    load_publication(articles, cache=cache)
    assert load_publication(articles, cache=cache) == load_publication(articles)
