"""Watching what a build reads: the publication's files, its layout's and the built-in
layouts (with their stylesheets), through watchfiles (inotify on Linux)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from publisher.timing import mark

# Changes are passed on once the files have been quiet this long: an editor's save (a
# temporary file written, then renamed) is one change, and so are edits a second apart
# while a build runs (the rebuilders coalesce those).
QUIET_MILLISECONDS = 30


def watched_folders(source: Path, layout: str | None) -> tuple[Path, ...]:
    """The folders whose changes may change the build: the publication's (a lone
    article file's folder), a layout named by its folder, and the built-in layouts."""
    from publisher.resources import builtin_layouts_dir

    folders = [source if source.is_dir() else source.parent]
    if layout is not None and Path(layout).is_dir():
        folders.append(Path(layout))
    folders.append(builtin_layouts_dir())
    return tuple(dict.fromkeys(folder.resolve() for folder in folders))


class Watcher:
    """Calls ``on_change`` from a thread of its own after each burst of changes, with the
    files changed."""

    def __init__(self, folders: Sequence[Path], on_change: Callable[[frozenset[Path]], None],
                 say: Callable[[str], None]) -> None:
        self._folders = tuple(folders)
        self._on_change = on_change
        self._say = say
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="publisher-serve-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(*self._folders, debounce=1600, step=QUIET_MILLISECONDS, stop_event=self._stop,
                                             rust_timeout=500, raise_interrupt=False):
                mark("watch: change seen")
                self._on_change(frozenset(Path(path) for _change, path in changes))
        except (OSError, RuntimeError) as error:  # a folder removed, or too many watches for the system
            self._say(f"error: no longer watching for changes: {error}; restart publisher serve")
