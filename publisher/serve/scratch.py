"""The server's temporary folder: named so that it can be recognised, and held by a lock
for as long as its server (or a worker it forked) lives. A server killed outright
(SIGKILL, a power cut) cannot remove its folder; the next ``publisher serve`` removes
those whose lock nobody holds any more, and nothing else."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "publisher-serve-"
LOCK_NAME = "server.lock"  # holds the server's process id, for a person looking


@contextlib.contextmanager
def server_folder() -> Iterator[Path]:
    """A new temporary folder for this server, locked while the block runs, then removed;
    the stale folders of dead servers are removed first."""
    remove_stale_folders(Path(tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        descriptor = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(descriptor)
            os.write(descriptor, f"{os.getpid()}\n".encode())
            yield folder
        finally:
            os.close(descriptor)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_folders(parent: Path) -> list[Path]:
    """Remove the folders of ``parent`` that a server made (their name, their lock file,
    this user's) and whose lock is free: their server and its workers are gone. A folder
    without the lock file, of another user or a link is never touched."""
    try:
        candidates = sorted(parent.glob(PREFIX + "*"))
    except OSError:
        return []
    removed = []
    for folder in candidates:
        try:
            info = folder.lstat()
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or not _lock_is_free(folder / LOCK_NAME):
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _lock_is_free(path: Path) -> bool:
    """Whether nobody holds the lock of ``path`` (a regular file): taken and let go at once."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        try:
            _lock(descriptor, wait=False)
        except BlockingIOError:
            return False
        return True
    finally:
        os.close(descriptor)


def _lock(descriptor: int, wait: bool = True) -> None:
    import fcntl  # POSIX, as the preview is (pdftoppm, fork)

    fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
