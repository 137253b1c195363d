"""A content-addressed cache that is never trusted blindly: whatever is stored is found
again by the digest of what made it, and only if it proves to be what this user stored.

Entries are files named by a SHA-256 key (their address) under ``objects/``, each framed:
a header (format version, the entry's kind, the payload's length and SHA-256) sealed by
an HMAC-SHA256 with this user's own key (``publisher.signing_key``) over the header and
the entry's address, then the payload. ``get`` returns the payload only when every check
passes; anything else (a planted file, a copy from another user's cache, a damaged,
truncated or moved entry, an entry of another kind) is a miss with one warning, and the
entry is removed. Payloads are data (bytes or JSON), never code to unpickle.

Entries are written under a temporary name and renamed, so a crash never leaves a
half-written entry. The cache may also live at an fsspec URL (a bucket a cluster's
workers share: ``publisher.storage``): each entry is then one put of the whole framed
entry, atomic on an object store, and anything partial a store might still show fails
the frame's length and checksum. Two workers storing the same entry store the same
bytes (the address is the digest of what made it, the frame is deterministic), so
either write may win. Nothing is looked up by a file's path or time, only by content; an
entry's time only says when it was last used, and ``prune`` removes those used longest ago.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.build_log import warn_cache
from publisher.errors import OutputError, PublisherError
from publisher.storage import Remote, is_url

CACHE_DIR_VARIABLE = "PUBLISHER_CACHE_DIR"
# After a build, entries used longest ago are removed beyond this size.
DEFAULT_CACHE_MAX_SIZE = "2GB"
_PACKAGE_DIR = Path(__file__).resolve().parent
_ADDRESS = re.compile(r"[0-9a-f]{4,64}(?:-[a-z]+)?")
_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,127}")


def default_cache_dir() -> Path:
    """``$PUBLISHER_CACHE_DIR``, else the platform's cache folder for this user: never a
    folder that came with the files being built."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("publisher", appauthor=False))


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


class BadEntry(Exception):
    """Why a stored entry is not used, in a few words."""


_MAGIC = b"publisher-cache\n"
_FORMAT_VERSION = 1
_SHA256_SIZE = 32


def frame(key: bytes, address: str, kind: str, payload: bytes) -> bytes:
    """``payload`` as the entry ``address`` of ``kind``: magic, version, kind, length,
    the payload's SHA-256, an HMAC-SHA256 over all of them and the address, the payload."""
    kind_bytes = kind.encode("ascii")
    head = (_MAGIC + bytes((_FORMAT_VERSION, len(kind_bytes))) + kind_bytes
            + len(payload).to_bytes(8, "big") + hashlib.sha256(payload).digest())
    return head + _seal(key, address, head) + payload


def unframe(key: bytes, address: str, kind: str, framed: bytes) -> bytes:
    """The payload of an entry framed by ``frame`` with the same key, address and kind;
    raises ``BadEntry`` saying what is wrong otherwise."""
    if not framed.startswith(_MAGIC):
        raise BadEntry("not a cache entry: damaged, or written by an older publisher")
    at = len(_MAGIC)
    if len(framed) < at + 2:
        raise BadEntry("truncated")
    version, kind_size = framed[at], framed[at + 1]
    if version != _FORMAT_VERSION:
        raise BadEntry(f"another format, version {version}")
    kind_end = at + 2 + kind_size
    head_end = kind_end + 8 + _SHA256_SIZE
    if len(framed) < head_end + _SHA256_SIZE:
        raise BadEntry("truncated")
    head, seal, payload = framed[:head_end], framed[head_end:head_end + _SHA256_SIZE], framed[head_end + _SHA256_SIZE:]
    if not hmac.compare_digest(seal, _seal(key, address, head)):
        raise BadEntry("not written with this user's key: a cache from elsewhere, or altered")
    length = int.from_bytes(framed[kind_end:kind_end + 8], "big")
    if len(payload) != length:
        raise BadEntry("truncated" if len(payload) < length else "bytes beyond its end")
    if not hmac.compare_digest(hashlib.sha256(payload).digest(), framed[kind_end + 8:head_end]):
        raise BadEntry("damaged: its checksum does not match")
    stored_kind = framed[at + 2:kind_end].decode("ascii", "replace")  # sealed: written by this code
    if stored_kind != kind:
        raise BadEntry(f"a {stored_kind} entry in its place")
    return payload


def _seal(key: bytes, address: str, head: bytes) -> bytes:
    # The address is sealed too: an entry moved or copied to another address is refused.
    return hmac.new(key, head + address.encode("ascii"), hashlib.sha256).digest()


class Cache:
    """Framed entries under ``root`` (a folder, or an fsspec URL), keyed by hex digests,
    sealed with ``key`` (by default this user's signing key, read when first needed)."""

    def __init__(self, root: Path | str, readable: bool = True, key: bytes | None = None) -> None:
        self.root = root
        # An unreadable cache (--force) builds everything anew and still stores the results.
        self.readable = readable
        self._key = key
        self._remote = Remote(root) if isinstance(root, str) and is_url(root) else None
        self._local = Path(root)

    @property
    def local(self) -> bool:
        """Whether the cache is a folder of this machine (else at a URL)."""
        return self._remote is None

    @property
    def key(self) -> bytes:
        if self._key is None:
            from publisher.signing_key import user_key

            self._key = user_key()
        return self._key

    def _path(self, address: str) -> Path:
        if not _ADDRESS.fullmatch(address):
            raise ValueError(f"not a cache address: {address!r}")
        return self._local / "objects" / address[:2] / address[2:]

    @staticmethod
    def _names(address: str) -> tuple[str, str, str]:
        return ("objects", address[:2], address[2:])

    def get(self, address: str, kind: str, valid: Callable[[bytes], bool] | None = None) -> bytes | None:
        """The payload stored at ``address`` if it is a sound entry of ``kind`` (and
        ``valid``, a cheap check of its shape, accepts it); else None, and a bad entry
        is reported and removed."""
        if not self.readable:
            return None
        path = self._path(address)
        try:
            framed = self._remote.read(*self._names(address)) if self._remote else _read_file(self._local, path)
            if framed is None and self._remote:
                return None
        except FileNotFoundError:
            return None
        except OSError as error:
            self.reject(address, kind, f"unreadable: {error.strerror or error}")
            return None
        try:
            if framed is None:
                raise BadEntry("not a file")
            payload = unframe(self.key, address, kind, framed)
            if valid is not None and not valid(payload):
                raise BadEntry(f"not a valid {kind}")
        except BadEntry as bad:
            self.reject(address, kind, str(bad))
            return None
        if self._remote is None:
            with contextlib.suppress(OSError):
                os.utime(path)  # when it was last used: what ``prune`` keeps longest
        return payload

    def put(self, address: str, kind: str, data: bytes) -> None:
        framed = frame(self.key, address, kind, data)
        if self._remote is not None:
            self._path(address)  # the address checked
            self._remote.publish(framed, *self._names(address))
        else:
            _write_atomically(self._local, self._path(address), framed)

    def reject(self, address: str, kind: str, reason: str) -> None:
        """A bad entry: one warning naming its kind, and the entry is removed (a miss)."""
        warn_cache(f"cache {self.root}: {kind} entry ignored ({reason}), made anew")
        if self._remote is not None:
            self._remote.remove(*self._names(address))
        else:
            _remove(self._path(address))

    def remember(self, address: str, kind: str, make: Callable[[], bytes],
                 valid: Callable[[bytes], bool] | None = None) -> bytes:
        """The bytes stored at ``address``; made (and stored) when there are none.

        Only for what ``make`` makes deterministically from what ``address`` digests: the
        result is then the same with and without the cache.
        """
        data = self.get(address, kind, valid)
        if data is None:
            data = make()
            self.put(address, kind, data)
        return data

    def get_json(self, address: str, kind: str) -> dict[str, Any] | None:
        data = self.get(address, kind)
        if data is None:
            return None
        try:
            value = json.loads(data)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            self.reject(address, kind, "not a JSON object")
            return None
        return value

    def put_json(self, address: str, kind: str, value: dict[str, Any]) -> None:
        self.put(address, kind, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def file(self, name: str, data: bytes) -> Path:
        """``data`` as a file called ``name`` (a name its content decides) under
        ``files/``, for a tool that reads files rather than bytes (WeasyPrint's fonts).
        Such a file cannot be framed, so it is never trusted: it is compared with
        ``data`` on every use and written again when it differs. Pruned like any entry."""
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a cache file name: {name!r}")
        if self._remote is not None:
            raise ValueError("a cache at a URL keeps no files a tool reads: use a local folder for them")
        path = self._local / "files" / name
        try:
            same = _read_file(self._local, path) == data
        except OSError:
            same = False
        if same:
            with contextlib.suppress(OSError):
                os.utime(path)
        else:
            _write_atomically(self._local, path, data)
        return path

    def usage(self) -> CacheUsage:
        if self._remote is not None:
            remote = self._remote_entries(self._remote)
            return CacheUsage(entries=len(remote), size=sum(size for _, size, _ in remote))
        entries = self._entries()
        return CacheUsage(entries=len(entries), size=sum(size for _, size, _ in entries))

    def prune(self, max_size: int) -> CacheUsage:
        """Remove the entries used longest ago until the cache holds at most ``max_size``
        bytes (and any half-written file a crash left); returns what was removed."""
        if self._remote is not None:
            return self._prune_remote(self._remote, max_size)
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
        for stale in (*(self._local / "objects").glob("*/.*.part"), *(self._local / "files").glob(".*.part")):
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < time.time() - 3600:
                    stale.unlink()
        return CacheUsage(entries=count, size=freed)

    def _prune_remote(self, remote: Remote, max_size: int) -> CacheUsage:
        """On shared storage an entry's time is when it was written (reading it changes
        nothing there): the entries written longest ago go first. A bucket's own expiry
        rules do the same without listing it."""
        entries = sorted(self._remote_entries(remote), key=lambda entry: entry[0])
        excess = sum(size for _, size, _ in entries) - max_size
        count = freed = 0
        for _, size, name in entries:
            if freed >= excess:
                break
            remote.remove(*name.split("/"))
            count, freed = count + 1, freed + size
        return CacheUsage(entries=count, size=freed)

    @staticmethod
    def _remote_entries(remote: Remote) -> list[tuple[float, int, str]]:
        """(time written, size, name below the root) of every entry at a URL."""
        root = remote.path().rstrip("/") + "/"
        entries = []
        for entry in remote.listing("objects"):
            name = str(entry["name"]).split(root, 1)[-1].lstrip("/")
            if name.rsplit("/", 1)[-1].startswith("."):
                continue  # a temporary name, not yet an entry
            written = entry.get("mtime") or entry.get("LastModified") or entry.get("created") or entry.get("updated") or 0
            when = written.timestamp() if hasattr(written, "timestamp") else float(written)
            entries.append((when, int(entry.get("size") or 0), name))
        return entries

    def _entries(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of every entry and file."""
        entries = []
        # Only real folders and files: a link planted in a cache folder from elsewhere must
        # not lead ``prune`` to another folder's files.
        for folder in (*sorted((self._local / "objects").glob("??")), self._local / "files"):
            if folder.is_symlink() or folder.parent.is_symlink():
                continue
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
                        status = entry.stat(follow_symlinks=False)
                        entries.append((status.st_mtime, status.st_size, Path(entry.path)))
        return entries


def _read_file(root: Path, path: Path) -> bytes | None:
    """The bytes of the regular file ``path`` in the cache; None for anything else (a
    link, a folder, a device, a pipe), which is never followed or waited on."""
    if _links_out(root, path):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        if path.is_symlink():
            return None
        raise
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        return stream.read()


def _links_out(root: Path, path: Path) -> bool:
    """Whether a folder between ``root`` and ``path`` is a symbolic link (planted: this
    code makes none), which is then removed."""
    planted = False
    for folder in path.relative_to(root).parents:
        if folder != Path(".") and (root / folder).is_symlink():
            _remove(root / folder)
            planted = True
    return planted


def _remove(path: Path) -> None:
    """Remove an entry (a link itself, never what it points to)."""
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()


def _write_atomically(root: Path, target: Path, data: bytes) -> None:
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)  # what is built may be private
        _links_out(root, target)
        if target.is_dir() and not target.is_symlink():
            _remove(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise OutputError(f"cannot write to the cache: {error.strerror}", root) from None


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
