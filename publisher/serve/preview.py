"""The preview's state, shared by the request threads: the web page's and the print
outputs' rebuilders, the print pages, and the news sent to every open browser."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf.errors import PyPdfError

from publisher.build_options import BuildOptions
from publisher.errors import PublisherError
from publisher.executors import default_jobs
from publisher.serve.print_pages import PageImages, PrintPage, first_changed, read_pages
from publisher.serve.rebuild import Rebuilder
from publisher.timing import mark
from publisher.writers.parts.plan import PartPlan

if TYPE_CHECKING:
    from publisher.writers.parts.run import PartPages

WEB_FORMATS = ("html",)
DRAFT_FORMATS = ("pdf",)
PRINT_FORMATS = ("pdf", "epub")  # the EPUB's page-list follows the PDF's pages: built together
# The draft's parts: one article each, so that an edit lays out that article alone before
# its pages show (a part of three took up to five seconds). Where each part starts a page
# (bulletin), a draft breaks pages more often.
DRAFT_PLAN = PartPlan(threshold=12, min_articles=1, max_articles=1)
PRINT_NICENESS = 5


class Broadcast:
    """The latest news, numbered; each browser's request thread waits for a newer one."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._number = 0
        self._message = ""
        self._closed = False

    def publish(self, message: str) -> None:
        with self._condition:
            self._number += 1
            self._message = message
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, str] | None:
        """The news after number ``seen`` (at once if there is), or None after ``timeout``
        seconds without any, or once closed."""
        with self._condition:
            self._condition.wait_for(lambda: self._number != seen or self._closed, timeout)
            return None if self._closed or self._number == seen else (self._number, self._message)

    @property
    def closed(self) -> bool:
        with self._condition:
            return self._closed

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()


@dataclass(frozen=True)
class PrintView:
    """The pages the print preview shows, and the first that changed with the last view.
    ``generation`` numbers the views; ``version`` is the state of the files they show
    (``Preview.files_changed`` counts). ``provisional``: pages of a draft, laid out in
    finer parts than the build's, shown until the build's own PDF replaces them."""

    generation: int = 0
    pages: tuple[PrintPage, ...] = ()
    first_changed: int | None = None
    version: int = 0
    provisional: bool = False


class Preview:
    """One publication kept built, on three workers of its own, one after the other after
    each edit: the web page (fast); a draft PDF, cut in parts of a few articles
    (``draft_plan``) so that the part holding the edit is laid out again in seconds, its
    pages shown as soon as it is; and the PDF and EPUB as ``publisher build`` makes them,
    whose pages then replace the draft's. The draft is made once beside the first build,
    to fill the cache; until then an edit goes from the web page to the PDF."""

    def __init__(self, source: Path, options: BuildOptions, scratch: Path, say: Callable[[str], None],
                 draft_plan: PartPlan = DRAFT_PLAN) -> None:
        self.events = Broadcast()
        self.images = PageImages(scratch / "pages")
        self._said: set[str] = set()
        self._said_lock = threading.Lock()
        self._say_to = say
        say = self._say
        self._lock = threading.Lock()
        self._version = 0
        self._print_view = PrintView()
        self._settled = PrintView()  # the last PDF as built
        self._draft = PrintView()  # the last whole draft PDF
        self._handled = {"draft": 0, "print": 0}  # the outputs (generations) taken in
        self._edited: frozenset[Path] = frozenset()  # the files changed since the last draft began
        self._draft_due = threading.Event()  # files changed: a draft once the web page is built
        self._print_due = threading.Event()  # the PDF once the draft is done
        self.web = Rebuilder("web", source, dataclasses.replace(options, formats=WEB_FORMATS), scratch, self._changed, say,
                             version=self._files_version, warm=True)
        # A large PDF's parts on every core: after an edit that moves the pages, every part after it is laid out again.
        jobs = options.pdf_jobs or default_jobs()
        drafting = dataclasses.replace(options, formats=DRAFT_FORMATS, pdf_jobs=jobs, part_plan=draft_plan)
        self.draft = Rebuilder("draft", source, drafting, scratch, self._changed, say, on_part=self._part_laid_out,
                               version=self._files_version, edited=self._take_edited, warm=True)
        printing = dataclasses.replace(options, formats=PRINT_FORMATS, pdf_jobs=jobs)
        # Behind the rest (the web page, the draft, the page pictures the browser asks for): its worker is niced.
        self.print = Rebuilder("print", source, printing, scratch, self._changed, say, version=self._files_version,
                               niceness=PRINT_NICENESS)

    def _say(self, message: str) -> None:
        """Errors each time; a warning once (each build of every kind would repeat it)."""
        if message.startswith("warning:"):
            with self._said_lock:
                if message in self._said:
                    return
                self._said.add(message)
        self._say_to(message)

    def _take_edited(self) -> frozenset[Path]:
        """The files edited since the last draft began: their parts are laid out first."""
        with self._lock:
            edited, self._edited = self._edited, frozenset()
        return frozenset(path.resolve() for path in edited)

    def _files_version(self) -> int:
        with self._lock:
            return self._version

    @property
    def print_view(self) -> PrintView:
        with self._lock:
            return self._print_view

    @property
    def _rebuilders(self) -> tuple[Rebuilder, ...]:
        return (self.web, self.draft, self.print)

    def start(self) -> None:
        self._print_due.set()
        self.web.start()
        self.draft.start(build=False)
        self.print.start(build=False)

    def files_changed(self, paths: frozenset[Path] = frozenset()) -> None:
        """The web page is built first, then the draft, then the PDF (``_changed``): each
        has the cores to itself while the one before is made (built side by side on a busy
        machine, the web page took half a second longer). The draft
        lays out the parts of the articles in ``paths`` (the files changed) first."""
        with self._lock:
            self._version += 1
            self._edited |= paths
        self._draft_due.set()
        self._print_due.set()
        self.web.request()

    def _drafts_ready(self) -> bool:
        """A first draft has filled the cache, in parts: no draft of a PDF laid out in one
        piece (the PDF itself is as quick)."""
        outputs = self.draft.state.outputs
        return outputs.generation > 0 and outputs.part_count != 0

    def stop(self) -> None:
        self.events.close()
        for rebuilder in self._rebuilders:
            rebuilder.stop()

    def close(self) -> None:
        for rebuilder in self._rebuilders:
            rebuilder.close()

    def status(self) -> dict[str, object]:
        """What every open page is told: which build it should show, and the errors."""
        web, printed = self.web.state, self.print.state
        printing = self.draft.busy or self.print.busy or self._draft_due.is_set() or self._print_due.is_set()
        busy = {"web": self.web.busy, "print": printing}
        return {"web": web.outputs.generation, "print": self.print_view.generation,
                "web_error": web.error, "print_error": printed.error,
                "building": [name for name, running in busy.items() if running]}

    def print_pages(self) -> dict[str, object]:
        view = self.print_view
        return {"generation": view.generation, "first_changed": view.first_changed, "provisional": view.provisional,
                "pages": [{"label": page.label, "image": f"/print/page/{page.digest}.jpg",
                           "width": page.width, "height": page.height} for page in view.pages]}

    def _changed(self, rebuilder: Rebuilder) -> None:
        if not rebuilder.state.building:
            self._next_after(rebuilder)
        if rebuilder is not self.web:
            self._take_pdf(rebuilder)
        self.events.publish(json.dumps(self.status()))

    def _next_after(self, rebuilder: Rebuilder) -> None:
        """The build that follows ``rebuilder``'s, done: web page, draft, PDF; and the
        first draft (which fills the cache) after the first PDF."""
        drafted = self.draft.state.outputs.generation > 0
        if rebuilder is self.web and self._draft_due.is_set():
            self._draft_due.clear()
            if self._drafts_ready():
                self.draft.request()
                return
        if rebuilder in (self.web, self.draft) and self._print_due.is_set():
            self._print_due.clear()
            self.print.request()
        if rebuilder is self.print and not drafted and not self.draft.busy:
            self._draft_due.clear()
            self.draft.request()

    def _take_pdf(self, rebuilder: Rebuilder) -> None:
        """A new whole PDF from ``rebuilder`` (the draft's or the build's), into the view."""
        outputs = rebuilder.state.outputs
        pdf = outputs.files.get("pdf")
        with self._lock:
            if pdf is None or self._handled[rebuilder.kind] == outputs.generation:
                return
            self._handled[rebuilder.kind] = outputs.generation
        try:
            pages = read_pages(pdf)
            self.images.add(pdf, pages)
        except (PyPdfError, OSError) as error:
            self._say(f"error: the print preview cannot show the PDF: {error}")
            return
        with self._lock:
            before = self._print_view
            if rebuilder is self.draft:
                # Compared with the last draft; shown only while the PDF shown is older.
                changed = first_changed(self._draft.pages, pages) if self._draft.generation else None
                self._draft = PrintView(generation=1, pages=pages, version=outputs.version)
                if outputs.version > before.version or (before.provisional and outputs.version == before.version):
                    if before.provisional and before.version == outputs.version and before.first_changed is not None:
                        changed = before.first_changed
                    self._print_view = PrintView(generation=before.generation + 1, pages=pages, first_changed=changed,
                                                 version=outputs.version, provisional=True)
            else:
                # Compared with the last PDF as built, not with the draft pages shown meanwhile.
                settled = self._settled
                self._settled = PrintView(generation=1, pages=pages, version=outputs.version)
                if outputs.version >= before.version:
                    self._print_view = PrintView(
                        generation=before.generation + 1, pages=pages, version=outputs.version,
                        first_changed=first_changed(settled.pages, pages) if settled.generation else None)
            shown = {page.digest for view in (self._print_view, self._settled, self._draft) for page in view.pages}
        self.images.keep(shown)
        mark(f"preview: {rebuilder.kind} PDF read")

    def _part_laid_out(self, version: int, part: PartPages) -> None:
        """A part of the draft of the files at ``version``, laid out: its pages take the
        place of those at its page numbers in the last draft (which keeps them: when the
        part moved nothing else, the draft is that), until the whole draft, if one
        follows, then the PDF as built, replace them. Not before a first PDF is shown, nor
        when the PDF shown is as new."""
        with self._lock:
            if not self._print_view.pages or not self._draft.pages or version <= self._settled.version:
                return
        mark("preview: part received")
        try:
            pages = read_pages(part.pdf)
            self.images.add(part.pdf, pages)
        except (PyPdfError, OSError):
            return  # the whole PDF says what is wrong, if anything is
        with self._lock:
            before = self._print_view
            same_draft = before.provisional and before.version == version
            shown = list(before.pages if same_draft else self._draft.pages)
            for offset, page in enumerate(pages):
                index = part.first_page + offset
                label = shown[index].label if index < len(shown) else str(part.page_numbers[offset])
                page = dataclasses.replace(page, label=label)
                if index < len(shown):
                    shown[index] = page
                else:
                    shown.append(page)
            # Where the browser scrolls: the first page of this part that changed, or, once
            # a part of this draft showed a change, that page still (not the contents, say).
            changed = first_changed(self._draft.pages[part.first_page:], shown[part.first_page:part.first_page + len(pages)])
            if same_draft and before.first_changed is not None:
                changed = before.first_changed
            elif changed is not None:
                changed += part.first_page
            self._print_view = PrintView(generation=before.generation + 1, pages=tuple(shown), version=version,
                                         first_changed=changed, provisional=True)
            # The last draft as well: when no other part moved, no whole draft follows.
            self._draft = PrintView(generation=1, pages=tuple(shown), version=version)
            kept = {page.digest for view in (self._print_view, self._settled, self._draft) for page in view.pages}
        self.images.keep(kept)
        if changed is not None and part.first_page <= changed < part.first_page + len(pages):
            # The page the browser scrolls to, drawn before it asks (from the part's own short PDF).
            with contextlib.suppress(PublisherError):
                self.images.image(shown[changed].digest)
        self.events.publish(json.dumps(self.status()))
        mark(f"preview: part published, first changed {changed}")
