"""``serve``: the preview's parts put together, run until Ctrl-C, and taken down cleanly."""

from __future__ import annotations

import multiprocessing
import os
import signal
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from publisher.batch.tree import plan_jobs
from publisher.build_options import BuildOptions, check_options
from publisher.cache import default_cache_dir
from publisher.errors import InputError, OutputError
from publisher.serve.handler import PreviewServer
from publisher.serve.preview import Preview
from publisher.serve.requests import allowed_hosts, is_loopback
from publisher.serve.scratch import server_folder
from publisher.serve.watch import Watcher, watched_folders


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"  # loopback only, unless the user says otherwise
    port: int = 8000  # 0: any free port (the address is printed)
    layout: str | None = None
    open_browser: bool = False
    cache_dir: Path | None = None  # None: the user's cache folder


def serve(path: Path, settings: ServeSettings = ServeSettings(), say: Callable[[str], None] = print,
          opener: Callable[[str], object] = webbrowser.open) -> None:
    """Serve a live preview of the publication at ``path`` until Ctrl-C (or SIGTERM).

    The builds go to a temporary folder, removed when the server stops (and by the next
    server, should this one be killed). ``opener``: what opens the preview's address in
    a browser, with ``settings.open_browser``."""
    if not path.exists():
        raise InputError("no such file or folder", path)
    options = BuildOptions(layout=settings.layout, cache_dir=settings.cache_dir or default_cache_dir())
    check_options(options)
    if not is_loopback(settings.host):
        say(f"warning: serving on {settings.host}: other machines that reach it can read the preview")
    with server_folder() as scratch:
        found = plan_jobs([path], scratch / "outputs", options, jobs=1)
        if len(found) != 1:
            raise InputError(f"holds {len(found)} publications: serve previews one, name its folder "
                             f"({', '.join(str(job.source) for job in found[:3])}{', ...' if len(found) > 3 else ''})", path)
        _serve_from(path, options, settings, scratch, say, opener)


def _serve_from(source: Path, options: BuildOptions, settings: ServeSettings, scratch: Path,
                say: Callable[[str], None], opener: Callable[[str], object]) -> None:
    try:
        listening = PreviewServer((settings.host, settings.port))
    except OSError as error:
        raise OutputError(f"cannot listen on {settings.host}:{settings.port}: {error.strerror}; choose another --port") from None
    port = listening.server_address[1]
    listening.hosts = allowed_hosts(settings.host, port)
    # Its workers are forked before any thread starts.
    preview = Preview(source, options, scratch, say)
    listening.preview = preview
    watcher = Watcher(watched_folders(source, settings.layout), preview.files_changed, say)
    # Both stop the server, even where SIGINT came ignored (a job started in the background).
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        preview.start()
        watcher.start()
        shown = f"[{settings.host}]" if ":" in settings.host else settings.host
        url = f"http://{shown}:{port}/"
        say(f"Serving a live preview of {source.resolve().name} at {url} (print: {url}print); Ctrl-C stops")
        if settings.open_browser:
            opener(url)
        listening.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        say("stopping")
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        preview.stop()
        interrupt_workers()
        watcher.stop()
        listening.server_close()
        preview.close()


def interrupt_workers() -> None:
    """Ctrl-C for the build workers: a build running stops at once (a worker waiting for
    work ignores it). Needed when only this process was interrupted (``kill -INT``, an
    editor's stop button) rather than the terminal's whole process group."""
    for child in multiprocessing.active_children():
        if child.pid is not None:
            os.kill(child.pid, signal.SIGINT)


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt
