"""The preview's state, shared by the request threads: the web page's and the print
outputs' rebuilders, the print pages, and the news sent to every open browser."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf.errors import PyPdfError

from publisher.build_options import BuildOptions
from publisher.executors import default_jobs
from publisher.serve.print_pages import PageImages, PrintPage, first_changed, read_pages
from publisher.serve.rebuild import Rebuilder

if TYPE_CHECKING:
    from publisher.writers.parts.plan import PartPlan
    from publisher.writers.parts.run import PartPages

WEB_FORMATS = ("html",)
PRINT_FORMATS = ("pdf", "epub")  # the EPUB's page-list follows the PDF's pages: built together


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
    ``generation`` numbers the views; ``build`` is the print build they come from.
    ``provisional``: some pages are those of a part of the PDF laid out before the whole
    is done; the whole PDF's pages replace them."""

    generation: int = 0
    pages: tuple[PrintPage, ...] = ()
    first_changed: int | None = None
    build: int = 0
    provisional: bool = False


class Preview:
    """One publication kept built: the web page first (fast), and the PDF and EPUB on a
    second worker, so that the web page never waits behind a PDF."""

    def __init__(self, source: Path, options: BuildOptions, scratch: Path, say: Callable[[str], None],
                 part_plan: PartPlan | None = None) -> None:
        self.events = Broadcast()
        self.images = PageImages(scratch / "pages")
        self._said: set[str] = set()
        self._said_lock = threading.Lock()
        self._say_to = say
        say = self._say
        self._lock = threading.Lock()
        self._print_view = PrintView()
        self._settled = PrintView()  # the last view of a whole PDF
        self._print_due = threading.Event()  # files changed: build the PDF once the web page is built
        self.web = Rebuilder("web", source, dataclasses.replace(options, formats=WEB_FORMATS), scratch, self._changed, say)
        # A large PDF's parts on every core: after an edit that moves the pages, every part after it is laid out again.
        # Each part is shown as soon as it is laid out (``part_plan``: how finely the PDF is cut).
        printing = dataclasses.replace(options, formats=PRINT_FORMATS, pdf_jobs=options.pdf_jobs or default_jobs(),
                                       part_plan=part_plan or options.part_plan)
        self.print = Rebuilder("print", source, printing, scratch, self._changed, say, on_part=self._part_laid_out)

    def _say(self, message: str) -> None:
        """Errors each time; a warning once (each build of both kinds would repeat it)."""
        if message.startswith("warning:"):
            with self._said_lock:
                if message in self._said:
                    return
                self._said.add(message)
        self._say_to(message)

    @property
    def print_view(self) -> PrintView:
        with self._lock:
            return self._print_view

    def start(self) -> None:
        self.web.start()
        self.print.start()

    def files_changed(self) -> None:
        """The web page is built first; the PDF once it is done (``_changed``), so that
        the two do not share the cores while the web page is being made."""
        self._print_due.set()
        self.web.request()

    def stop(self) -> None:
        self.events.close()
        for rebuilder in (self.web, self.print):
            rebuilder.stop()

    def close(self) -> None:
        for rebuilder in (self.web, self.print):
            rebuilder.close()

    def status(self) -> dict[str, object]:
        """What every open page is told: which build it should show, and the errors."""
        web, printed = self.web.state, self.print.state
        busy = {"web": self.web.busy, "print": self.print.busy or self._print_due.is_set()}
        return {"web": web.outputs.generation, "print": self.print_view.generation,
                "web_error": web.error, "print_error": printed.error,
                "building": [name for name, running in busy.items() if running]}

    def print_pages(self) -> dict[str, object]:
        view = self.print_view
        return {"generation": view.generation, "first_changed": view.first_changed, "provisional": view.provisional,
                "pages": [{"label": page.label, "image": f"/print/page/{page.digest}.png",
                           "width": page.width, "height": page.height} for page in view.pages]}

    def _changed(self, rebuilder: Rebuilder) -> None:
        if rebuilder is self.web and not self.web.state.building and self._print_due.is_set():
            self._print_due.clear()
            self.print.request()
        if rebuilder is self.print:
            self._update_print_view()
        self.events.publish(json.dumps(self.status()))

    def _part_laid_out(self, build: int, part: PartPages) -> None:
        """A part of the PDF build ``build`` makes, laid out: its pages take the place of
        those at its page numbers, until the whole PDF replaces them. Not before a first
        whole PDF is shown (a first build shows the whole)."""
        if not self._print_view.pages:
            return
        try:
            pages = read_pages(part.pdf)
            self.images.add(part.pdf, pages)
        except (PyPdfError, OSError):
            return  # the whole PDF says what is wrong, if anything is
        with self._lock:
            before = self._print_view
            shown = list(before.pages)
            for offset, page in enumerate(pages):
                index = part.first_page + offset
                label = shown[index].label if index < len(shown) else str(part.page_numbers[offset])
                page = dataclasses.replace(page, label=label)
                if index < len(shown):
                    shown[index] = page
                else:
                    shown.append(page)
            # Where the browser scrolls: the first page of this part that changed, or, once
            # a part of this build showed a change, that page still (not the contents, say).
            changed = first_changed(self._settled.pages[part.first_page:], shown[part.first_page:part.first_page + len(pages)])
            if before.provisional and before.build == build and before.first_changed is not None:
                changed = before.first_changed
            elif changed is not None:
                changed += part.first_page
            self._print_view = PrintView(generation=before.generation + 1, pages=tuple(shown), build=build,
                                         first_changed=changed, provisional=True)
        self.events.publish(json.dumps(self.status()))

    def _update_print_view(self) -> None:
        outputs = self.print.state.outputs
        pdf = outputs.files.get("pdf")
        if pdf is None or (outputs.generation == self._print_view.build and not self._print_view.provisional):
            return
        try:
            pages = read_pages(pdf)
            self.images.publish(pdf, pages)
        except (PyPdfError, OSError) as error:
            self._say(f"error: the print preview cannot show the PDF: {error}")
            return
        with self._lock:
            before, settled = self._print_view, self._settled
            # Compared with the last whole PDF's pages, not with a part's shown meanwhile.
            self._print_view = self._settled = PrintView(
                generation=before.generation + 1, pages=pages, build=outputs.generation,
                first_changed=first_changed(settled.pages, pages) if settled.generation else None)
