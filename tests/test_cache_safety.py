"""A cache that is never trusted blindly: every entry is sealed with this user's key and
checked as it is read. A planted pickle runs nothing, a damaged, truncated, moved or
foreign entry is a miss with a warning, and the outputs are those of a build without any
cache."""

from __future__ import annotations

import logging
import os
import pickle
import random
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import ROOT, SEED, epubcheck_problems, outputs_by_format, write_articles

from publisher import BuildOptions, build
from publisher.build_log import CACHE_LOGGER as CACHE_LOG
from publisher.cache import BadEntry, Cache, frame, unframe
from publisher.errors import OutputError
from publisher.ingest.article_json import InvalidRecord, article_from_data, article_to_data
from publisher.model import Article, Figure, Heading, ListBlock, Paragraph, PrintedDate, Quote, Source
from publisher.signing_key import CONFIG_DIR_VARIABLE, KEY_FILE, user_key

ADDRESS = "ab" + "0" * 62
OTHER_ADDRESS = "cd" + "0" * 62


class _Bomb:
    """Unpickled, it creates ``marker``: what the issue's crafted cache did with touch."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _bomb(marker: Path) -> bytes:
    return pickle.dumps(_Bomb(marker))


def _entries(root: Path) -> list[Path]:
    return sorted(path for path in (root / "objects").rglob("*") if path.is_file())


def _address(path: Path) -> str:
    return path.parent.name + path.name


def _kind(framed: bytes) -> str:
    """The kind written in an entry's header (magic, version, kind's length, kind)."""
    size = framed[17]
    return framed[18:18 + size].decode("ascii")


def _header_size(framed: bytes) -> int:
    """Magic, version, kind, length, checksum and seal: what comes before the payload."""
    return 18 + framed[17] + 8 + 32 + 32


@pytest.fixture
def cache_warnings(caplog) -> Callable[[], list[str]]:
    caplog.set_level(logging.WARNING, logger=CACHE_LOG)
    return lambda: [record.getMessage() for record in caplog.records if record.name == CACHE_LOG]


# The store itself.

def test_an_entry_comes_back_only_as_it_was_stored(tmp_path, cache_warnings):
    cache = Cache(tmp_path / "cache", key=b"k" * 32)
    cache.put(ADDRESS, "cover", b"\x89PNG payload")
    assert cache.get(ADDRESS, "cover") == b"\x89PNG payload"
    stored = (tmp_path / "cache" / "objects" / "ab" / ADDRESS[2:]).read_bytes()
    assert stored.endswith(b"\x89PNG payload") and stored.startswith(b"publisher-cache\n")
    assert cache.get(OTHER_ADDRESS, "cover") is None
    assert cache_warnings() == []


def test_a_planted_pickle_is_never_unpickled(tmp_path, cache_warnings):
    marker = tmp_path / "ran"
    pickle.loads(_bomb(tmp_path / "proof"))  # noqa: S301 - the bomb is real: unpickled, it makes its file
    assert (tmp_path / "proof").exists()
    cache = Cache(tmp_path / "cache", key=b"k" * 32)
    cache.put(ADDRESS, "article", b"{}")
    path = _entries(tmp_path / "cache")[0]
    path.write_bytes(_bomb(marker))
    assert cache.get(ADDRESS, "article") is None
    assert not marker.exists() and not path.exists()
    [warning] = cache_warnings()
    assert "article entry ignored (not a cache entry" in warning


def _truncated(path: Path, cache: Cache) -> None:
    path.write_bytes(path.read_bytes()[:-3])


def _cut_in_header(path: Path, cache: Cache) -> None:
    path.write_bytes(path.read_bytes()[:40])


def _from_another_key(path: Path, cache: Cache) -> None:
    framed = path.read_bytes()
    payload = unframe(cache.key, _address(path), _kind(framed), framed)
    path.write_bytes(frame(b"another user's key 32 bytes long", _address(path), _kind(framed), payload))


def _moved_from_another_address(path: Path, cache: Cache) -> None:
    """A sound entry of this user's, sealed for another address (a file moved or copied)."""
    framed = path.read_bytes()
    path.write_bytes(frame(cache.key, "ef" * 32, _kind(framed), unframe(cache.key, _address(path), _kind(framed), framed)))


def _payload_swapped(path: Path, cache: Cache) -> None:
    """This entry's header, the payload of the next entry in name order."""
    entries = _entries(cache.root)
    other = entries[(entries.index(path) + 1) % len(entries)].read_bytes()
    framed = path.read_bytes()
    path.write_bytes(framed[:_header_size(framed)] + other[_header_size(other):])


def _of_another_kind(path: Path, cache: Cache) -> None:
    framed = path.read_bytes()
    payload = unframe(cache.key, _address(path), _kind(framed), framed)
    path.write_bytes(frame(cache.key, _address(path), "font-subset" if _kind(framed) != "font-subset" else "cover", payload))


def _random_bytes(path: Path, cache: Cache) -> None:
    path.write_bytes(random.Random(str(path)).randbytes(37))


@pytest.mark.parametrize(("plant", "reason"), [
    (_truncated, "truncated"),
    (_cut_in_header, "truncated"),
    (_from_another_key, "not written with this user's key"),
    (_moved_from_another_address, "not written with this user's key"),
    (_payload_swapped, "checksum does not match"),
    (_of_another_kind, "font-subset entry in its place"),
    (_random_bytes, "not a cache entry"),
])
def test_each_kind_of_bad_entry_is_a_miss_with_a_warning(tmp_path, cache_warnings, plant, reason):
    cache = Cache(tmp_path / "cache", key=b"k" * 32)
    cache.put(ADDRESS, "cover", b"\x89PNG cover number one")
    cache.put(OTHER_ADDRESS, "cover", b"\x89PNG cover number two")
    path = _entries(tmp_path / "cache")[0]
    assert _address(path) == ADDRESS
    plant(path, cache)
    assert cache.get(ADDRESS, "cover") is None
    [warning] = cache_warnings()
    assert warning.startswith(f"cache {tmp_path / 'cache'}: cover entry ignored (") and reason in warning
    assert not path.exists()  # removed: the next read is a plain miss, the next write replaces it
    assert cache.get(ADDRESS, "cover") is None and len(cache_warnings()) == 1
    assert cache.remember(ADDRESS, "cover", lambda: b"made anew") == b"made anew"
    assert cache.get(ADDRESS, "cover") == b"made anew"


def test_a_cache_copied_from_another_user_is_all_misses(tmp_path, cache_warnings):
    mine, theirs = Cache(tmp_path / "cache", key=b"m" * 32), Cache(tmp_path / "cache", key=b"t" * 32)
    theirs.put(ADDRESS, "output", b"%PDF-1.7 theirs")
    assert mine.get(ADDRESS, "output") is None
    assert "not written with this user's key" in cache_warnings()[0]


def test_an_entry_that_fails_its_shape_check_is_a_miss(tmp_path, cache_warnings):
    cache = Cache(tmp_path / "cache", key=b"k" * 32)
    cache.put(ADDRESS, "pdf-part", b"not a PDF")
    assert cache.get(ADDRESS, "pdf-part", lambda data: data.startswith(b"%PDF-")) is None
    assert "not a valid pdf-part" in cache_warnings()[0]


def test_links_and_pipes_planted_in_a_cache_are_never_followed(tmp_path, cache_warnings):
    cache = Cache(tmp_path / "cache", key=b"k" * 32)
    cache.put(ADDRESS, "cover", b"kept")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious").write_bytes(b"mine")
    secret = tmp_path / "secret"
    secret.write_bytes(b"x")
    [path] = _entries(tmp_path / "cache")
    path.unlink()
    path.symlink_to(secret)
    assert cache.get(ADDRESS, "cover") is None and secret.exists() and not path.is_symlink()
    os.mkfifo(path)  # reading it would wait for ever
    assert cache.get(ADDRESS, "cover") is None
    link = tmp_path / "cache" / "objects" / "ef"
    link.symlink_to(outside)
    assert cache.get("ef" + "0" * 62, "cover") is None and not link.exists()
    assert len(cache_warnings()) == 3
    link.symlink_to(outside)
    (outside / ("0" * 62)).write_bytes(b"mine too")
    assert cache.usage().entries == 0
    cache.prune(0)
    assert (outside / "precious").read_bytes() == b"mine" and (outside / ("0" * 62)).exists()


def test_a_file_handed_to_a_tool_is_compared_before_every_use(tmp_path):
    cache = Cache(tmp_path / "cache")  # no key needed: the bytes in hand are the truth
    path = cache.file("face.ttf", b"\x00\x01\x00\x00 font")
    path.write_bytes(b"\x00\x01\x00\x00 planted")
    assert cache.file("face.ttf", b"\x00\x01\x00\x00 font").read_bytes() == b"\x00\x01\x00\x00 font"
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere")
    assert cache.file("face.ttf", b"\x00\x01\x00\x00 font") == path and not path.is_symlink()
    assert cache.usage().entries == 1


def test_the_frame_names_every_problem(tmp_path):
    key = b"k" * 32
    framed = frame(key, ADDRESS, "cover", b"payload")
    assert unframe(key, ADDRESS, "cover", framed) == b"payload"
    for bad, reason in [(framed + b"!", "bytes beyond its end"), (b"publisher-cache\n\x02" + framed[17:], "another format"),
                        (framed[:16], "truncated")]:
        with pytest.raises(BadEntry, match=reason):
            unframe(key, ADDRESS, "cover", bad)


# The key.

def test_the_key_is_made_once_private_and_then_only_read(tmp_path, monkeypatch):
    folder = tmp_path / "config" / "publisher"
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(folder))
    key = user_key()
    path = folder / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(key) == 32 and user_key() == key and Cache(tmp_path / "cache").key == key
    before = path.stat().st_mtime_ns
    Cache(tmp_path / "cache").put(ADDRESS, "cover", b"x")
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize(("spoil", "reason"), [
    (lambda path: path.chmod(0o644), "could be read or written by other users (mode 0644)"),
    (lambda path: path.write_text("not hex\n"), "does not hold a key"),
    (lambda path: path.write_text("abcd\n"), "does not hold a key"),
])
def test_a_key_others_could_know_or_that_is_unreadable_is_replaced(tmp_path, cache_warnings, spoil, reason):
    folder = tmp_path / "config"
    old = user_key(folder)
    cache = Cache(tmp_path / "cache", key=old)
    cache.put(ADDRESS, "cover", b"made with the old key")
    spoil(folder / KEY_FILE)
    new = user_key(folder)
    assert new != old and user_key(folder) == new
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    [warning] = cache_warnings()
    assert str(folder / KEY_FILE) in warning and reason in warning
    assert Cache(tmp_path / "cache", key=new).get(ADDRESS, "cover") is None


def test_a_key_folder_others_may_write_to_is_an_error(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(OutputError, match="may be written by other users") as error:
        user_key(folder)
    assert error.value.path == folder


# Cleaned articles as data.

def test_articles_go_through_json_unchanged():
    named = timezone(timedelta(hours=7), "ICT")
    for published in (PrintedDate(datetime(2016, 11, 21, 8, 30), "21/11/2016 08:30"),
                      PrintedDate(datetime(2016, 11, 21, 8, 30, tzinfo=named), "Thứ Hai, 21/11/2016 08:30 (GMT+7)"),
                      PrintedDate(datetime(2016, 11, 21, 8, 30, 5, 12, tzinfo=timezone(timedelta(hours=-3, minutes=-30))), "x"),
                      None):
        article = Article(
            title="Hai khâu đột phá", kicker="Xây dựng Đảng", subtitle=None, published=published,
            authors=("Hoàng Thị Lụa", "Nông Văn Dũng"), source=Source(name="Báo Lạng Sơn", url="https://baolangson.vn/x"),
            language="vi", lead="LSO- Tóm tắt", path=Path("/tmp/bài.txt"),  # noqa: S108 - paths in the data, never opened
            body=(Paragraph("Đoạn một."), Heading("Mục", 3), Figure("Ảnh", "a.jpg", "mô tả", Path("/tmp/a.jpg")),  # noqa: S108
                  Figure("Không ảnh"), Quote("Trích"), ListBlock(("một", "hai"), ordered=True)),
        )
        again = article_from_data(article_to_data(article))
        assert again == article
        if published is not None:
            assert again.published.value.tzinfo == published.value.tzinfo
            assert repr(again.published.value) == repr(published.value)  # the zone's name too


@pytest.mark.parametrize("spoil", [
    lambda data: data.pop("title"),
    lambda data: data.update(extra=1),
    lambda data: data.update(title=3),
    lambda data: data.update(authors="one"),
    lambda data: data["body"].append({"type": "script", "text": "x"}),
    lambda data: data["body"].append({"type": "heading", "text": "x", "level": "2"}),
    lambda data: data["body"].append({"type": "list", "items": ["x"], "ordered": 1}),
    lambda data: data.update(published={"value": "yesterday", "zone_name": None, "printed": ""}),
    lambda data: data.update(source=None),
])
def test_an_article_record_of_any_other_shape_is_refused(spoil):
    data = article_to_data(Article(title="Tin", body=(Paragraph("Đoạn."),)))
    spoil(data)
    with pytest.raises(InvalidRecord):
        article_from_data(data)


def test_a_cached_article_of_the_wrong_shape_is_cleaned_again(tmp_path, cache_warnings):
    from publisher.assemble import load_publication

    folder = tmp_path / "weekly"
    write_articles(folder, 2)
    cache = Cache(tmp_path / "cache")
    first = load_publication(folder, cache=cache)
    for path in _entries(tmp_path / "cache"):
        path.write_bytes(frame(cache.key, _address(path), "article", b'{"article": {"title": 1}, "warnings": []}'))
    assert load_publication(folder, cache=cache) == first
    assert [w for w in cache_warnings() if "article entry ignored (not a cleaned article" in w] and len(cache_warnings()) == 2


# Whole builds.

@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    """A cache filled by a build of the seed in every format."""
    cache = tmp_path_factory.mktemp("populated") / "cache"
    [result] = build([SEED], tmp_path_factory.mktemp("first"), BuildOptions(cache_dir=cache))
    assert not result.warnings
    return cache


def _planted_copy(populated: Path, tmp_path: Path, plant: Callable[[Path, Cache], None]) -> Path:
    cache = tmp_path / "cache"
    shutil.copytree(populated, cache)
    entries = _entries(cache)
    assert {_kind(path.read_bytes()) for path in entries} >= {"publication", "output", "article", "font-subset", "cover", "template"}
    for path in entries:
        plant(path, Cache(cache))
    return cache


def _same_as_fresh(results, seed_build) -> None:
    outputs = outputs_by_format(results)
    assert set(outputs) == {"pdf", "epub", "html"}
    for format_name, path in outputs.items():
        assert path.read_bytes() == seed_build[format_name].read_bytes(), format_name


def test_a_cache_of_planted_pickles_runs_nothing_and_changes_nothing(populated, tmp_path, seed_build):
    marker = tmp_path / "ran"
    cache = _planted_copy(populated, tmp_path, lambda path, _: path.write_bytes(_bomb(marker)))
    results = build([SEED], tmp_path / "out", BuildOptions(cache_dir=cache))
    assert not marker.exists()
    _same_as_fresh(results, seed_build)
    warnings = results[0].warnings
    assert warnings and all(w.startswith(f"cache {cache}: ") and "entry ignored (not a cache entry" in w for w in warnings)
    assert any(w.split(": ", 1)[1].startswith("article entry") for w in warnings)
    again = build([SEED], tmp_path / "out", BuildOptions(cache_dir=cache))[0]
    assert again.up_to_date and again.warnings == ()  # the cache's warnings are never replayed


def test_a_cache_of_random_bytes_builds_a_sound_publication(populated, tmp_path, seed_build):
    cache = _planted_copy(populated, tmp_path, _random_bytes)
    results = build([SEED], tmp_path / "out", BuildOptions(cache_dir=cache))
    _same_as_fresh(results, seed_build)
    kinds = {w.split(": ", 1)[1].split(" entry")[0] for w in results[0].warnings}
    assert kinds == {"publication", "article", "template", "font-subset", "cover"}
    assert epubcheck_problems(outputs_by_format(results)["epub"]) == []


def test_a_cache_made_with_another_key_changes_nothing(populated, tmp_path, seed_build, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(populated, cache)
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path / "another-user"))
    results = build([SEED], tmp_path / "out", BuildOptions(cache_dir=cache))
    assert not results[0].up_to_date
    _same_as_fresh(results, seed_build)
    assert results[0].warnings and all("not written with this user's key" in w for w in results[0].warnings)


@pytest.mark.parametrize("plant", [_truncated, _from_another_key, _moved_from_another_address, _payload_swapped,
                                   _of_another_kind])
def test_every_kind_of_bad_entry_in_a_build(tmp_path, plant):
    options = BuildOptions(formats=("epub", "html"), cache_dir=tmp_path / "cache")
    fresh = outputs_by_format(build([SEED], tmp_path / "fresh", BuildOptions(formats=("epub", "html"))))
    build([SEED], tmp_path / "first", options)
    for path in _entries(tmp_path / "cache"):
        plant(path, Cache(tmp_path / "cache"))
    [result] = build([SEED], tmp_path / "out", options)
    assert not result.up_to_date and result.warnings
    for format_name, path in outputs_by_format([result]).items():
        assert path.read_bytes() == fresh[format_name].read_bytes()


def test_the_command_line_warns_and_succeeds_over_a_planted_cache(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PUBLISHER_CACHE_DIR": str(tmp_path / "default-cache")}
    command = [sys.executable, "-m", "publisher", "build", str(SEED), "-f", "epub,html"]
    fresh = subprocess.run([*command, "-o", str(tmp_path / "fresh"), "--no-cache"], capture_output=True, text=True, env=env)
    first = subprocess.run([*command, "-o", str(tmp_path / "out")], capture_output=True, text=True, env=env)
    assert fresh.returncode == 0 and first.returncode == 0, first.stderr
    marker = tmp_path / "ran"
    for path in _entries(tmp_path / "default-cache"):
        path.write_bytes(_bomb(marker))
    planted = subprocess.run([*command, "-o", str(tmp_path / "out")], capture_output=True, text=True, env=env)
    assert planted.returncode == 0, planted.stderr
    assert not marker.exists()
    assert "warning: cache " in planted.stderr and "Traceback" not in planted.stderr
    assert "0 warning(s)" not in planted.stdout and "1 succeeded" in planted.stdout
    for path in (tmp_path / "fresh").iterdir():
        assert (tmp_path / "out" / path.name).read_bytes() == path.read_bytes()


def test_a_planted_part_never_reaches_the_pdf(tmp_path, cache_warnings):
    from test_parts import _parted, _renderer, _write_articles

    folder = _write_articles(tmp_path / "articles", 9)
    cache = Cache(tmp_path / "cache")
    first, _ = _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    parts = [path for path in _entries(tmp_path / "cache") if _kind(path.read_bytes()) == "pdf-part"]
    assert len(parts) == 7
    planted = first.read_bytes()  # a sound PDF, but not the part: sealed with another key
    for path in parts:
        path.write_bytes(frame(b"another user's key 32 bytes long", _address(path), "pdf-part", planted))
    again, written = _parted(_renderer(folder, "bulletin"), tmp_path, cache=cache)
    assert (written.writer.settings.laid_out, written.writer.settings.reused) == (7, 0)
    assert again.read_bytes() == first.read_bytes()
    assert len(cache_warnings()) == 7
