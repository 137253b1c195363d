"""Storage a cluster can reach: outputs and the cache at an fsspec URL (``s3://``,
``gs://``, ``file://``, ``memory://``...) as well as at a local path.

A file reaches such storage whole or not at all (``publish``): on an object store a
single put of the complete bytes is atomic from a reader's view; on a local disk it is
written under a temporary name and renamed; on anything else it is put under a
temporary name and moved into place. fsspec (the ``dask`` extra) is imported only when a
URL is given.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from publisher.errors import OutputError, PublisherError

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# Stores where one put of a whole file is atomic: a reader sees the old object or the new
# one, never a part (a multipart upload too becomes visible only once completed).
_ATOMIC_PUT = frozenset({"s3", "s3a", "gs", "gcs", "abfs", "az", "memory"})
EXTRA_HINT = "install publisher's dask extra: python3 -m pip install 'publisher[dask]'"


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and _URL.match(location) is not None


def location(text: str) -> Path | str:
    """What a user names as a folder: an fsspec URL stays a URL, anything else is a path."""
    return text.rstrip("/") if is_url(text) else Path(text)


@dataclass(frozen=True)
class Remote:
    """A folder at an fsspec URL, with the file system that reaches it."""

    url: str

    @property
    def fs(self) -> AbstractFileSystem:
        return _open(self.url)[0]

    @property
    def root(self) -> str:
        return _open(self.url)[1]

    @property
    def protocol(self) -> str:
        return self.url.split("://", 1)[0].lower()

    def join(self, *names: str) -> str:
        """The URL of ``names`` below this folder."""
        return "/".join([self.url.rstrip("/"), *names])

    def path(self, *names: str) -> str:
        """The file system's own path of ``names`` below this folder."""
        return str(PurePosixPath(self.root, *names))

    def read(self, *names: str) -> bytes | None:
        """The bytes of a file, or None when there is none."""
        try:
            data: bytes = self.fs.cat_file(self.path(*names))
        except FileNotFoundError:
            return None
        return data

    def publish(self, data: bytes, *names: str) -> None:
        """Put ``data`` at ``names`` whole: readers see no file or the complete one."""
        target = self.path(*names)
        try:
            if self.protocol in ("file", "local"):
                from publisher.writers.base import write_atomically

                write_atomically(data, Path(target))
                return
            fs = self.fs
            parent = str(PurePosixPath(target).parent)
            fs.makedirs(parent, exist_ok=True)
            if self.protocol in _ATOMIC_PUT:
                fs.pipe_file(target, data)
                return
            temporary = f"{parent}/.{PurePosixPath(target).name}.{secrets.token_hex(6)}.part"
            fs.pipe_file(temporary, data)
            try:
                fs.mv(temporary, target)
            except BaseException:
                fs.rm_file(temporary)
                raise
        except OSError as error:
            raise OutputError(f"{self.join(*names)}: cannot write: {error}") from None

    def remove(self, *names: str) -> None:
        with contextlib.suppress(OSError):
            self.fs.rm_file(self.path(*names))

    def listing(self, *names: str) -> list[dict[str, Any]]:
        """Every file below ``names`` with fsspec's details (``name``, ``size``, and the
        time it was written where the store tells it)."""
        try:
            found: dict[str, dict[str, Any]] = self.fs.find(self.path(*names), detail=True)
        except (FileNotFoundError, OSError):
            return []
        return [entry for entry in found.values() if entry.get("type") == "file"]


def _open(url: str) -> tuple[AbstractFileSystem, str]:
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise PublisherError(f"{url}: storage named by URL needs fsspec: {EXTRA_HINT}") from None
    try:
        fs, root = url_to_fs(url)
    except (ImportError, ValueError) as error:  # an unknown protocol, or its package missing
        raise PublisherError(f"{url}: cannot open this storage: {error}") from None
    return fs, root
