"""A content-addressed cache: whatever is stored is found again by the digest of what made it.

Entries are files named by a SHA-256 key under ``objects/``; they are written under a
temporary name and renamed, so a crash never leaves a half-written entry. Nothing is
ever looked up by a file's path or time, only by content; an entry's time only says when
it was last used, and ``prune`` removes those used longest ago.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.errors import OutputError, PublisherError

DEFAULT_CACHE_DIR = Path(".publisher-cache")
# After a build, entries used longest ago are removed beyond this size.
DEFAULT_CACHE_MAX_SIZE = "2GB"
_PACKAGE_DIR = Path(__file__).resolve().parent


def digest(*parts: str | bytes) -> str:
    """One SHA-256 over ``parts``, each length-prefixed so that no two joinings collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


@functools.cache
def code_version() -> str:
    """The digest of this package's source and of the engines it drives: a new version
    of any of them must not be served from an old cache."""
    import importlib.metadata

    sources = sorted(p for p in _PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts)
    parts: list[str] = [f"{p.relative_to(_PACKAGE_DIR)}:{file_digest(p)}" for p in sources]
    for engine in ("weasyprint", "pypdf", "ebooklib", "fonttools"):
        try:
            parts.append(f"{engine}={importlib.metadata.version(engine)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{engine}=none")
    return digest(*parts)


class Cache:
    """Blobs and small JSON records under ``root``, keyed by hex digests."""

    def __init__(self, root: Path, readable: bool = True) -> None:
        self.root = root
        # An unreadable cache (--force) builds everything anew and still stores the results.
        self.readable = readable

    def _path(self, key: str) -> Path:
        return self.root / "objects" / key[:2] / key[2:]

    def get(self, key: str) -> bytes | None:
        if not self.readable:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # when it was last used: what ``prune`` keeps longest
        except OSError:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except OSError as error:
            raise OutputError(f"cannot write to the cache: {error.strerror}", self.root) from None

    def remember(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key``; made (and stored) when there are none.

        Only for what ``make`` makes deterministically from what ``key`` digests: the
        result is then the same with and without the cache.
        """
        data = self.get(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data

    def file(self, key: str, data: bytes) -> Path:
        """``data`` as the file of the entry ``key``, for a tool that reads files rather
        than bytes (WeasyPrint's fonts): written when missing, used and pruned like any entry."""
        path = self._path(key)
        try:
            os.utime(path)
        except OSError:
            self.put(key, data)
        return path

    def get_json(self, key: str) -> dict | None:
        data = self.get(key)
        if data is None:
            return None
        try:
            value = json.loads(data)
        except ValueError:
            return None  # a damaged entry is a miss, and is overwritten
        return value if isinstance(value, dict) else None

    def put_json(self, key: str, value: dict) -> None:
        self.put(key, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def usage(self) -> CacheUsage:
        entries = self._entries()
        return CacheUsage(entries=len(entries), size=sum(size for _, size, _ in entries))

    def prune(self, max_size: int) -> CacheUsage:
        """Remove the entries used longest ago until the cache holds at most ``max_size``
        bytes (and any half-written file a crash left); returns what was removed."""
        entries = sorted(self._entries(), key=lambda entry: entry[0])
        excess = sum(size for _, size, _ in entries) - max_size
        count = freed = 0
        for _, size, path in entries:
            if freed >= excess:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise OutputError(f"cannot remove from the cache: {error.strerror}", path) from None
            count, freed = count + 1, freed + size
        for stale in (self.root / "objects").glob("*/.*.part"):
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < time.time() - 3600:
                    stale.unlink()
        return CacheUsage(entries=count, size=freed)

    def _entries(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of every entry."""
        entries = []
        for folder in sorted((self.root / "objects").glob("??")):
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.is_file() and not entry.name.startswith("."):
                        status = entry.stat()
                        entries.append((status.st_mtime, status.st_size, Path(entry.path)))
        return entries


@dataclass(frozen=True)
class CacheUsage:
    entries: int
    size: int  # bytes


def parse_size(text: str) -> int:
    """Bytes from ``500MB``, ``2GiB``, ``1.5G`` or a plain number of bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*", text, re.IGNORECASE)
    if match is None:
        raise PublisherError(f"'{text}' is not a size (say 500MB or 2GB)")
    number, prefix = float(match.group(1)), match.group(2).lower()
    return int(number * 1024 ** "_kmgt".index(prefix)) if prefix else int(number)


def files_digest(paths: Iterable[Path]) -> str:
    return digest(*(f"{path}:{file_digest(path)}" for path in paths))
