"""The user's own secret that signs every cache entry: a cache folder that came from
elsewhere (a shared zip, a network drive, another user's) holds no entry made with it.

The key is 32 random bytes, written as hex on first use to ``cache.key`` in the user's
configuration folder (``platformdirs.user_config_dir("publisher")``, or
``$PUBLISHER_CONFIG_DIR``): the file with mode 0600, the folder 0700. It is only read
afterwards.

A key file that others could have read or replaced (group or other permission bits,
another owner, a symbolic link) or that cannot be read as a key is replaced by a fresh
one, with a warning: the key only vouches for cache entries, so losing it costs one cold
cache, never a wrong output, whereas stopping would make a build depend on a file the user
may not know exists. What cannot be answered with a fresh key is an error: a folder that
others may write to (they could swap any new key too) or where no key can be written.

Workers of a cluster that share one cache (``--cache s3://...``) must seal with one key,
or each would take the others' entries for planted ones. There the key is given to every
worker, and to the machine that starts the build, as ``$PUBLISHER_CACHE_KEY`` (64 hex
digits, from the deployment's secret store: a Kubernetes Secret, say); it is never sent
with the tasks, which travel through the scheduler unencrypted unless its comms use TLS.
A worker of a local cluster reads the same key file as the build that started it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

from publisher.build_log import warn_cache
from publisher.errors import OutputError

CONFIG_DIR_VARIABLE = "PUBLISHER_CONFIG_DIR"
KEY_VARIABLE = "PUBLISHER_CACHE_KEY"
KEY_FILE = "cache.key"
_KEY_BYTES = 32
# Permission bits that let anyone but the owner read, write or run the file.
_NOT_PRIVATE = stat.S_IRWXG | stat.S_IRWXO


def config_dir() -> Path:
    """Where publisher keeps this user's configuration: ``$PUBLISHER_CONFIG_DIR``, else
    the platform's user configuration folder."""
    chosen = os.environ.get(CONFIG_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_config_dir("publisher", appauthor=False))


def user_key(folder: Path | None = None) -> bytes:
    """This user's signing key, made on first use; ``$PUBLISHER_CACHE_KEY`` when set
    (and no ``folder`` is named)."""
    given = os.environ.get(KEY_VARIABLE) if folder is None else None
    if given:
        try:
            return _parse(given.encode("ascii", "replace"))
        except ValueError:
            raise OutputError(f"${KEY_VARIABLE} must be 64 hex digits (make one with: "
                              "python3 -c 'import secrets; print(secrets.token_hex(32))')") from None
    folder = folder if folder is not None else config_dir()
    path = folder / KEY_FILE
    _private_folder(folder)
    for _ in range(2):  # a second look when another process created it meanwhile
        try:
            status = path.lstat()
        except FileNotFoundError:
            created = _create(path)
            if created is not None:
                return created
            continue
        except OSError as error:
            return _replace(path, f"cannot be read ({error.strerror})")
        problem = _permission_problem(status)
        if problem is not None:
            return _replace(path, problem)
        try:
            return _parse(path.read_bytes())
        except OSError as error:
            return _replace(path, f"cannot be read ({error.strerror})")
        except ValueError:
            return _replace(path, "does not hold a key")
    raise OutputError("cannot keep the cache key: it keeps disappearing", path)


def _private_folder(folder: Path) -> None:
    """Make ``folder`` (mode 0700) or check that only this user may write to it."""
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        pass
    except OSError as error:
        raise OutputError(f"cannot make the folder of the cache key: {error.strerror} "
                          f"(set {CONFIG_DIR_VARIABLE}, or build with --no-cache)", folder) from None
    else:
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)  # whatever the umask
        return
    if os.name != "posix":
        return
    status = folder.stat()
    if not stat.S_ISDIR(status.st_mode):
        raise OutputError("the folder of the cache key is not a folder", folder)
    if status.st_uid != os.getuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"the folder of the cache key may be written by other users (mode {stat.S_IMODE(status.st_mode):04o}): "
                          f"make it private (chmod 700), set {CONFIG_DIR_VARIABLE}, or build with --no-cache", folder)


def _permission_problem(status: os.stat_result) -> str | None:
    if stat.S_ISLNK(status.st_mode):
        return "is a symbolic link"
    if not stat.S_ISREG(status.st_mode):
        return "is not a file"
    if os.name != "posix":
        return None
    if status.st_uid != os.getuid():
        return "belongs to another user"
    if status.st_mode & _NOT_PRIVATE:
        return f"could be read or written by other users (mode {stat.S_IMODE(status.st_mode):04o})"
    return None


def _parse(text: bytes) -> bytes:
    key = bytes.fromhex(text.decode("ascii").strip())
    if len(key) != _KEY_BYTES:
        raise ValueError("not a key")
    return key


def _create(path: Path) -> bytes | None:
    """A new key at ``path`` unless one appeared meanwhile (then None): written whole
    under a temporary name, then linked into place, so no process reads half a key."""
    key, temporary = _write_temporary(path)
    try:
        os.link(temporary, path)
    except FileExistsError:
        return None
    except OSError:  # a file system without hard links: the last writer wins
        try:
            os.replace(temporary, path)
        except OSError as error:
            raise OutputError(f"cannot write the cache key: {error.strerror}", path) from None
        return key
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return key


def _replace(path: Path, problem: str) -> bytes:
    key, temporary = _write_temporary(path)
    try:
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"cannot replace the cache key: {error.strerror}", path) from None
    warn_cache(f"the cache key {path} {problem}: replaced by a new one (the cache's entries are made anew)")
    return key


def _write_temporary(path: Path) -> tuple[bytes, str]:
    key = secrets.token_bytes(_KEY_BYTES)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".cache.key.", dir=path.parent)  # mode 0600
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(key.hex() + "\n")
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        raise OutputError(f"cannot write the cache key: {error.strerror} (set {CONFIG_DIR_VARIABLE}, "
                          "or build with --no-cache)", path) from None
    return key, temporary
