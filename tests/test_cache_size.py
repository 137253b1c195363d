"""The cache stays within a size: the entries used longest ago go first, after a build and
on request, and a pruned cache only costs time, never a wrong output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from publisher.cache import Cache, parse_size
from publisher.errors import PublisherError


def _age(cache: Cache, key: str, seconds_ago: int) -> None:
    path = cache.root / "objects" / key[:2] / key[2:]
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


def test_the_entries_used_longest_ago_go_first(tmp_path):
    cache = Cache(tmp_path / "cache")
    keys = [f"{n:02d}" + "0" * 62 for n in range(4)]
    for age, key in zip((400, 300, 200, 100), keys, strict=True):
        cache.put(key, "output", b"x" * 1000)
        _age(cache, key, age)
    assert cache.get(keys[0], "output") == b"x" * 1000  # the oldest, used now
    size = cache.usage().size // 4  # an entry: its header and the 1000 bytes
    removed = cache.prune(2 * size)
    assert (removed.entries, removed.size) == (2, 2 * size)
    assert [cache.get(key, "output") is not None for key in keys] == [True, False, False, True]
    assert cache.usage().size == 2 * size
    assert cache.prune(0).entries == 2 and cache.usage().entries == 0


def test_a_crash_leftover_is_removed_once_stale(tmp_path):
    cache = Cache(tmp_path / "cache")
    cache.put("ab" + "0" * 62, "output", b"kept")
    leftover = tmp_path / "cache" / "objects" / "ab" / ".tmp123.part"
    leftover.write_bytes(b"half")
    os.utime(leftover, (1, 1))
    cache.prune(10**9)
    assert not leftover.exists() and cache.usage().entries == 1


@pytest.mark.parametrize(("text", "size"), [("0", 0), ("1500", 1500), ("500MB", 500 * 2**20), ("2GiB", 2 * 2**30),
                                            ("1.5g", int(1.5 * 2**30)), ("64 kb", 64 * 1024)])
def test_sizes(text, size):
    assert parse_size(text) == size


def test_a_size_that_is_not_one_is_refused():
    with pytest.raises(PublisherError, match="not a size"):
        parse_size("lots")


def _publisher(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_the_command_line_keeps_the_cache_within_its_size(tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = _publisher("build", str(SEED), "-o", str(out), "-f", "epub,html", "--cache", str(cache))
    assert first.returncode == 0, first.stderr
    full = Cache(cache).usage()
    assert full.entries > 3
    again = _publisher("build", str(SEED), "-o", str(out), "-f", "epub,html", "--cache", str(cache))
    assert "1 skipped" in again.stdout
    epub = next(out.glob("*.epub")).read_bytes()

    tiny = _publisher("build", str(SEED), "-o", str(out), "-f", "epub,html", "--cache", str(cache), "--force",
                      "--cache-max-size", "1KB")
    assert tiny.returncode == 0, tiny.stderr
    assert Cache(cache).usage().size <= 1024
    rebuilt = _publisher("build", str(SEED), "-o", str(out), "-f", "epub,html", "--cache", str(cache))
    assert "1 succeeded" in rebuilt.stdout  # built again, not put back
    assert next(out.glob("*.epub")).read_bytes() == epub

    shown = _publisher("cache", "--cache", str(cache), "--prune", "0")
    assert shown.returncode == 0, shown.stderr
    assert "0 entries" in shown.stdout.splitlines()[-1]
    refused = _publisher("build", str(SEED), "-o", str(out), "--cache-max-size", "big")
    assert refused.returncode == 1 and "error: 'big' is not a size" in refused.stderr
    assert Path(out).is_dir()
