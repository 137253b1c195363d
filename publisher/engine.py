"""The fence around WeasyPrint's and pypdf's internals.

This is the one module of publisher that reaches past the public interfaces of the two
engines: a private name, a patched function, the shape of an internal object, the wording
of a log message. Everything else imports WeasyPrint from here and calls the small
functions below. What lies behind the fence, and why it is not done in public:

- WeasyPrint is imported without ctypes' library search (``_libraries_by_soname``): for
  each library name WeasyPrint tries, cffi asks ``ctypes.util.find_library``, which on
  Linux runs ``ldconfig`` (and a compiler, for the names it cannot find): 0.1 to 0.2 s of
  every build. Every list of names also holds the exact soname, which the dynamic linker
  opens directly.
- ``render_numbered``: the parts of a large PDF set their page numbers after pagination
  and before the page margins are drawn. WeasyPrint has no hook there; its layout module's
  ``make_margin_boxes`` is replaced while a numbered document is laid out, and restored
  after it. The hook reads the page's number in WeasyPrint's page state, whether it is a
  blank page, and the ids on the page (the box tree).
- ``release_font_files``: WeasyPrint keeps the fonts of a document in a temporary folder
  it removes only when its font configuration is garbage-collected (never, in a process
  that ends through ``os._exit``); it is removed as soon as the document is written.
- ``is_font_load_failure``, ``is_subsetter_notice``: the wording of WeasyPrint's log.
- pypdf: adding an indirect object to a writer, the writer's object table (to leave out
  what nothing reaches, and to write object streams) and its ``/Info`` reference.

Versions outside ``TESTED`` (pinned alike in ``pyproject.toml``) are never hooked: a large
PDF is then laid out in one piece, with one warning. Any exception inside the hook, or in
the internal uses of pypdf, is raised as ``EngineChanged``, on which the PDF writer lays
the PDF out in one piece, with one warning. What would let this fence go:
``docs/upstream-weasyprint-proposal.md``.
"""

from __future__ import annotations

import enum
import functools
import re
import shutil
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import IndirectObject, PdfObject
    from weasyprint.formatting_structure.boxes import Box, PageBox
    from weasyprint.layout import LayoutContext
    from weasyprint.urls import URLFetcherResponse as URLFetcherResponse

# The ranges the test suite passes with: (lowest, first version not tested).
TESTED: dict[str, tuple[str, str]] = {
    "weasyprint": ("69", "71"),
    "pypdf": ("5", "8"),
}


class EngineChanged(Exception):
    """WeasyPrint or pypdf no longer works as the fence expects."""


@contextmanager
def _libraries_by_soname() -> Iterator[None]:
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        yield
        return
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


with _libraries_by_soname():
    from weasyprint import HTML, Document
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

__all__ = [
    "HTML",
    "STOP",
    "TESTED",
    "Document",
    "EngineChanged",
    "FontConfiguration",
    "PaginatedPage",
    "URLFetcher",
    "add_indirect",
    "forget_objects",
    "info_reference",
    "is_font_load_failure",
    "is_subsetter_notice",
    "object_table",
    "release_font_files",
    "render_numbered",
    "why_not_hooked",
]


# Versions.

def why_not_hooked() -> str | None:
    """Why the engines' internals are not to be used here (a version outside the tested
    range), or None."""
    for package, (lowest, beyond) in TESTED.items():
        installed = _installed_version(package)
        if installed is None:
            return f"{package} is not installed as a package"
        if not _version(lowest) <= _version(installed) < _version(beyond):
            return f"{package} {installed} is outside the range publisher is tested with (>={lowest},<{beyond})"
    return None


@functools.cache
def _installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(match.group()) for match in (re.match(r"\d+", part) for part in text.split(".")) if match)


# Page numbers set between pagination and the page margins.

@dataclass(frozen=True)
class PaginatedPage:
    """A page of a document WeasyPrint has paginated, as the numbering sees it."""

    index: int  # from 0, in the document
    count: int  # pages in the document
    counter: int  # the page counter's value WeasyPrint gave it
    blank: bool  # a page WeasyPrint added empty (to start on a right-hand page, say)
    _box: Any = field(repr=False, compare=False)

    def ids(self, wanted: frozenset[str]) -> list[str]:
        """The ids among ``wanted`` that elements on this page carry, in document order."""
        try:
            found = []
            for box in self._box.descendants():
                element = getattr(box, "element", None)
                if element is not None and box.element_tag and (identifier := element.get("id")) in wanted:
                    found.append(identifier)
            return found
        except Exception as error:
            raise EngineChanged(f"WeasyPrint's page boxes changed: {error!r}") from error


class _Stop(enum.Enum):
    """Returned by a numbering: the layout is not needed any more."""

    STOP = "stop"


STOP: Final = _Stop.STOP
# What a numbering decides for a page: the number it shows, None (WeasyPrint's own), or STOP.
PageDecision = int | _Stop | None
Numbering = Callable[[PaginatedPage], PageDecision]
# WeasyPrint's page state: quote depth, the counters' values (the page counter among them),
# then what this module does not read.
PageState = tuple[object, dict[str, list[int]], *tuple[object, ...]]
# WeasyPrint's make_margin_boxes, and what stands in for it.
MarginFunction = Callable[["LayoutContext", "PageBox", PageState], "list[Box]"]


class _Stopped(BaseException):
    """Unwinds WeasyPrint's layout after a numbering returned ``STOP`` (whatever WeasyPrint
    catches on the way); never leaves this module."""


def render_numbered(html: HTML, font_config: FontConfiguration, numbering: Numbering) -> Document | None:
    """``html`` laid out; ``numbering`` is asked, for each page once all are paginated and
    before its margins are drawn, the number the page shows (None: WeasyPrint's own).
    None when the numbering returned ``STOP``. Raises ``EngineChanged`` if the hook cannot
    work with this WeasyPrint; the numbering's own exceptions pass through."""
    calls = 0

    def number_page(context: LayoutContext, page: PageBox, state: PageState) -> list[Box]:
        nonlocal calls
        try:
            facts = PaginatedPage(index=context.current_page - 1, count=len(context.page_maker) - 1,
                                  counter=state[1]["page"][-1], blank=bool(page.page_type.blank), _box=page)
        except Exception as error:
            raise EngineChanged(f"WeasyPrint's page state changed: {error!r}") from error
        calls += 1
        decision = numbering(facts)
        if decision is STOP:
            raise _Stopped
        try:
            if decision is not None:
                state = (state[0], {**state[1], "page": [decision]}, *state[2:])
            return _MARGINS.weasyprint_function(context, page, state)
        except Exception as error:
            raise EngineChanged(f"WeasyPrint's page margins changed: {error!r}") from error

    try:
        with _MARGINS.routed_to(number_page):
            document = html.render(font_config=font_config)
    except _Stopped:
        return None
    if calls != len(document.pages):
        raise EngineChanged(f"WeasyPrint drew the margins of {len(document.pages)} pages, {calls} through the hook")
    return document


class _MarginHook:
    """WeasyPrint's layout module's ``make_margin_boxes``, replaced while at least one
    numbered document is laid out in this process, and restored after the last. Each call
    goes to the numbering of the document its thread lays out, or to WeasyPrint's own
    function (any other document, in any other thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved: MarginFunction | None = None
        self._per_thread = threading.local()

    @contextmanager
    def routed_to(self, numbering: MarginFunction) -> Iterator[None]:
        import weasyprint.layout as layout_module

        with self._lock:
            if self._users == 0:
                current = getattr(layout_module, "make_margin_boxes", None)
                if not callable(current):
                    raise EngineChanged("WeasyPrint makes its page margins elsewhere")
                self._saved = current
                layout_module.make_margin_boxes = self._dispatch
            self._users += 1
        self._per_thread.numbering = numbering
        try:
            yield
        finally:
            self._per_thread.numbering = None
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    if getattr(layout_module, "make_margin_boxes", None) == self._dispatch:
                        layout_module.make_margin_boxes = self._saved
                    self._saved = None

    def weasyprint_function(self, context: LayoutContext, page: PageBox, state: PageState) -> list[Box]:
        if self._saved is None:
            raise AssertionError("WeasyPrint's margin function is called only while the hook is installed")
        return self._saved(context, page, state)

    def _dispatch(self, context: LayoutContext, page: PageBox, state: PageState) -> list[Box]:
        numbering: MarginFunction | None = getattr(self._per_thread, "numbering", None)
        if numbering is None:
            return self.weasyprint_function(context, page, state)
        return numbering(context, page, state)


_MARGINS = _MarginHook()


# WeasyPrint's temporary files and its log.

def release_font_files(font_config: FontConfiguration) -> None:
    """Remove the folder where WeasyPrint put the fonts of the documents laid out with
    ``font_config``; call it once they are written."""
    folder = getattr(font_config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        font_config._folder = None


def is_font_load_failure(message: str) -> bool:
    """WeasyPrint's log says a font of the document could not be loaded."""
    return "cannot be loaded" in message or "Failed to load font" in message


def is_subsetter_notice(message: str) -> bool:
    """WeasyPrint's log says it subsets fonts with a slower tool: nothing wrong with the PDF."""
    return "HarfBuzz-Subset" in message


# pypdf's writer: its object table.

@contextmanager
def _pypdf_internals(what: str) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        raise EngineChanged(f"pypdf's {what} changed: {error!r}") from error


def add_indirect(writer: PdfWriter, obj: PdfObject) -> IndirectObject:
    """``obj`` as a new indirect object of ``writer``, numbered after the others."""
    with _pypdf_internals("writer"):
        return writer._add_object(obj)


def object_table(writer: PdfWriter) -> Sequence[PdfObject | None]:
    """``writer``'s objects by number (object N at index N - 1; None: left out)."""
    with _pypdf_internals("object table"):
        return tuple(writer._objects)


def forget_objects(writer: PdfWriter, numbers: set[int]) -> None:
    """Leave the objects ``numbers`` out of what ``writer`` writes."""
    with _pypdf_internals("object table"):
        for number in numbers:
            writer._objects[number - 1] = None


def info_reference(writer: PdfWriter) -> IndirectObject | None:
    """The reference of ``writer``'s document information dictionary, if it has one."""
    from pypdf.generic import IndirectObject

    with _pypdf_internals("document information"):
        info = writer._info
        if info is None:
            return None
        reference = info if isinstance(info, IndirectObject) else info.indirect_reference
        if not isinstance(reference, IndirectObject):
            raise TypeError(f"/Info is {type(info).__name__}, not an indirect object")
        return reference
