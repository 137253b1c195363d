"""One kind of output kept up to date: each request for a build while one runs leads to
one more build, of the latest state, never a queue of stale ones."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.batch import BatchSummary, build_tree
from publisher.build_options import BuildOptions
from publisher.errors import PublisherError
from publisher.executors import InlineExecutor, start_workers
from publisher.timing import mark
from publisher.worker_pool import WorkerPool

if TYPE_CHECKING:
    from publisher.render import Renderer
    from publisher.writers.parts.run import PartPages
    from publisher.writers.pdf import PdfWriter

_PART_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Outputs:
    """The last good build of some formats: each file's bytes by format, and its name."""

    generation: int = 0  # 0: none built yet
    version: int = 0  # the ``version`` of the files built (``Rebuilder``): which edit they show
    part_count: int | None = None  # the parts the PDF was laid out in (0: one piece); None: not known (from the cache)
    files: Mapping[str, bytes] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # format -> file name


@dataclass(frozen=True)
class BuildState:
    """What the preview shows: the last good outputs, and the error of the latest build
    when it failed (they stay on screen under it)."""

    outputs: Outputs = field(default_factory=Outputs)
    error: str | None = None
    building: bool = False  # a build runs, or one is due


class Rebuilder:
    """Builds ``options.formats`` of the publication at ``source`` on a worker process of
    its own (the server stays responsive, and Ctrl-C interrupts a build there), each into
    a fresh folder under ``scratch`` whose files are read into memory and removed.
    ``on_part(version, part)``: each part of a large PDF as soon as it is laid out,
    before the build ends (the worker leaves it in a folder this process watches).
    ``version()``: a number that grows with each change to the files, read as a build
    starts: which state of the files its outputs (and parts) show. ``edited()``: the
    article files edited since the last build began, whose PDF parts are laid out (and
    go to ``on_part``) before the build; when nothing else moved, the build is left out
    (its outputs stay those of the last). ``niceness``: added to the worker's (a build
    that may wait behind the others). ``warm``: after its first build the worker renders
    the publication once more and throws it away (``warm_up``), so that the first edit
    does not pay for its first time."""

    def __init__(self, kind: str, source: Path, options: BuildOptions, scratch: Path,
                 on_change: Callable[[Rebuilder], None], say: Callable[[str], None],
                 on_part: Callable[[int, PartPages], None] | None = None,
                 version: Callable[[], int] = lambda: 0,
                 edited: Callable[[], frozenset[Path]] = frozenset, niceness: int = 0, warm: bool = False) -> None:
        self.kind = kind
        self._niceness = niceness
        self._warm = warm
        self._edited = edited
        self._on_part = on_part
        self._version = version
        self._source = source
        self._options = options
        self._scratch = scratch
        self._on_change = on_change
        self._say = say
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._state = BuildState()
        self._pool = self._new_pool(scratch, niceness)  # made now, before the server's threads start: the worker is forked
        self._thread = threading.Thread(target=self._run, name=f"publisher-serve-{kind}", daemon=True)

    @property
    def state(self) -> BuildState:
        with self._lock:
            return self._state

    @property
    def busy(self) -> bool:
        """A build runs, or one is due."""
        return self._wanted.is_set() or self.state.building

    def start(self, build: bool = True) -> None:
        """Start waiting for requests; ``build``: the first build now."""
        self._thread.start()
        if build:
            self.request()

    def request(self) -> None:
        """Build again once the build running (if any) ends: requests that come meanwhile
        are one build, of the files as they are then."""
        self._wanted.set()

    def stop(self) -> None:
        """No build after the one running; the caller interrupts that one (``interrupt_workers``)."""
        self._stopping.set()
        self._wanted.set()

    def close(self) -> None:
        """Wait for the worker and the thread to end (after ``stop``)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        number = 0
        while True:
            self._wanted.wait()
            if self._stopping.is_set():
                return
            self._wanted.clear()
            number += 1
            self._set(building=True)
            mark(f"{self.kind}: build starts")
            self._build(self._scratch / f"{self.kind}-{number}", number, self._version())

    def _build(self, folder: Path, number: int, version: int) -> None:
        started = time.perf_counter()
        parts = folder.with_name(folder.name + "-parts")
        try:
            options = self._options
            if self._on_part is not None:
                options = dataclasses.replace(options, on_part=functools.partial(leave_part, parts))
            summary = self._wait(self._pool.submit(build_in_worker, self._source, folder, options, os.getpid(),
                                                   self._edited()), parts, version)
            mark(f"{self.kind}: worker done")
            if summary is None:  # the edited parts were all that changed: the last outputs stand
                self._set(building=self._wanted.is_set())
                return
            if len(summary.outcomes) != 1:
                raise PublisherError(f"holds {len(summary.outcomes)} publications; serve previews one: name its folder",
                                     self._source)
            [outcome] = summary.outcomes
            if outcome.error is not None:
                raise outcome.error
            if outcome.result is None:
                raise PublisherError("the build gave no result", self._source)
            result = outcome.result
            wanted = {written.format: written.path for written in result.files if written.format in ("html", "pdf", "epub")}
            outputs = Outputs(generation=number, version=version,
                              part_count=None if result.up_to_date else result.part_count,
                              files={kind: path.read_bytes() for kind, path in wanted.items()},
                              names={kind: path.name for kind, path in wanted.items()})
        except PublisherError as error:
            self._failed(str(error))
        except BrokenExecutor as error:
            if self._stopping.is_set():
                return
            self._pool = self._new_pool(self._scratch, self._niceness)
            self._failed(f"the build process ended ({error}); the next edit builds again")
        except KeyboardInterrupt:  # Ctrl-C reached the worker: the server is stopping
            return
        except Exception as error:  # a bug, or the pool shut down under a build starting: never a dead preview
            if self._stopping.is_set():
                return
            self._failed(f"internal error: {type(error).__name__}: {error} (the next edit builds again)")
        else:
            if not self._stopping.is_set():
                for message in result.warnings:
                    self._say(f"warning: {message}")
                made = " and ".join(kind.upper() for kind in wanted)
                self._say(f"built {made} in {time.perf_counter() - started:.1f} s")
            if self._warm and self.state.outputs.generation == 0:
                self._pool.submit(warm_up, self._source, self._options)  # while nobody edits, most likely
            self._set(outputs=outputs, error=None, building=self._wanted.is_set())
            mark(f"{self.kind}: outputs taken in")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(parts, ignore_errors=True)

    def _wait(self, future: Future[BatchSummary | None], parts: Path, version: int) -> BatchSummary | None:
        """The build's summary; meanwhile each part it leaves in ``parts`` goes to ``on_part``
        with the ``version`` of the files built (the last ones once it has ended)."""
        if self._on_part is None:
            return future.result()
        taken: set[str] = set()
        while True:
            try:
                summary = future.result(timeout=_PART_POLL_SECONDS)
                ended = True
            except TimeoutError:
                summary, ended = None, False
            for part in taken_parts(parts, taken):
                if not self._stopping.is_set():
                    mark(f"{self.kind}: part taken, page {part.first_page}")
                    self._on_part(version, part)
            if ended:
                return summary

    def _failed(self, message: str) -> None:
        if not self._stopping.is_set():
            self._say(f"error: {message}")
        self._set(error=message, building=self._wanted.is_set())

    def _set(self, **changes: Any) -> None:
        with self._lock:
            self._state = dataclasses.replace(self._state, **changes)
        self._on_change(self)

    @staticmethod
    def _new_pool(scratch: Path, niceness: int) -> WorkerPool:
        pool = WorkerPool(1, within=scratch)  # its temporary files inside the server's folder, whatever ends it
        if niceness:
            pool.submit(os.nice, niceness)
        start_workers(pool, 1)
        return pool


def build_in_worker(source: Path, folder: Path, options: BuildOptions, server: int,
                    edited: frozenset[Path] = frozenset()) -> BatchSummary | None:
    """One build, run in the rebuilder's worker process, which ends if the server dies
    without stopping it (killed): it would otherwise wait for work for ever. The PDF
    parts of the article files ``edited`` first (``edited_parts_first``); None when they
    were all that changed."""
    _end_with(server)
    mark("worker: build starts")
    if edited and not edited_parts_first(source, options, edited):
        return None
    return build_tree([source], folder, options, jobs=1, executor=InlineExecutor())


def warm_up(source: Path, options: BuildOptions) -> None:
    """In a rebuilder's worker, after its first build: the publication loaded again (from
    the cache, as an edit loads it), each format rendered and thrown away, the PDF as its
    first part. Traced, the first edit after the start otherwise took three times as long
    to lay the draft's part out, and twice as long to render the web page."""
    from publisher import build_log
    from publisher.build import load_renderer
    from publisher.writers import writer_class

    mark("worker: warming up")
    try:
        with build_log.collecting():
            renderer = load_renderer(source, options)
            for format_name in options.formats or ():
                if format_name == "pdf":
                    _pdf_writer(renderer, options).warm_up(renderer)
                else:
                    writer_class(format_name)().write(renderer)
    except Exception:  # the next build reports whatever is wrong
        return
    mark("worker: warm")


def edited_parts_first(source: Path, options: BuildOptions, edited: frozenset[Path]) -> bool:
    """The PDF's parts holding the article files ``edited`` (resolved) laid out in this
    process, each handed to ``options.on_part`` as soon as it is drawn, and kept in the
    cache: the next build of the whole finds them there. True when that build must follow
    (a part moved what comes after it, a title changed the contents, an error: the build
    reports it); False when the rest is as the cache has it."""
    from publisher import build_log
    from publisher.build import load_renderer

    try:
        with build_log.collecting():  # the build that follows reports the warnings
            renderer = load_renderer(source, options)
            return _pdf_writer(renderer, options, on_part=options.on_part, first=edited).lay_out_first(renderer)
    except PublisherError:
        return True


def _pdf_writer(renderer: Renderer, options: BuildOptions, **settings: Any) -> PdfWriter:
    """The PDF writer a build with ``options`` would use, in this one process."""
    from publisher.writers.parts.plan import PartPlan
    from publisher.writers.parts.run import PartSettings
    from publisher.writers.pdf import PdfWriter

    return PdfWriter(PartSettings(jobs=1, cache=renderer.cache, plan=options.part_plan or PartPlan(), **settings))


@functools.cache  # one watch per worker process
def _end_with(server: int) -> None:
    def watch() -> None:
        while os.getppid() == server:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="publisher-serve-parent", daemon=True).start()


def leave_part(folder: Path, part: PartPages) -> None:
    """In the build's process: ``part`` left in ``folder`` for the server (``taken_parts``),
    its PDF first, then its record, each whole once its name appears."""
    try:
        folder.mkdir(exist_ok=True)
        name = f"{time.time_ns():020d}-{part.first_page}"
        (folder / f"{name}.tmp").write_bytes(part.pdf)
        os.replace(folder / f"{name}.tmp", folder / f"{name}.pdf")
        record = {"first_page": part.first_page, "page_numbers": list(part.page_numbers)}
        (folder / f"{name}.tmp").write_text(json.dumps(record), encoding="utf-8")
        os.replace(folder / f"{name}.tmp", folder / f"{name}.json")
    except OSError:
        return  # the preview waits for the whole PDF instead


def taken_parts(folder: Path, taken: set[str]) -> list[PartPages]:
    """The parts left in ``folder`` not yet in ``taken``, in the order they were laid out."""
    from publisher.writers.parts.run import PartPages

    found = []
    for record in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        if record.stem in taken:
            continue
        taken.add(record.stem)
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            found.append(PartPages(first_page=int(data["first_page"]),
                                   page_numbers=tuple(int(n) for n in data["page_numbers"]),
                                   pdf=record.with_suffix(".pdf").read_bytes()))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found
