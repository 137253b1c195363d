"""One part of a large PDF through WeasyPrint: what a worker process runs.

A body part is laid out as its own document: first the layout's masthead (it sets the
strings of the running heads), then, from a new page, its articles. After pagination,
and before WeasyPrint draws the page margins, the part learns from the chain where the
part before it ended; it then leaves out the masthead's page, keeps or drops the blank
page a right-hand start may have made, and gives every page the number it has in the
whole document. What goes in and out is plain data: picklable, and kept in the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.writers.parts.chain import PartEnd, peek, publish, publish_failure, publish_moved, wait_for, wait_for_decision


class PartMismatch(Exception):
    """The part's pages are not what the join expects (a layout whose masthead is empty,
    say); the publication is then laid out in one piece."""


@dataclass(frozen=True)
class CachedPart:
    """What the cache holds of a part laid out before: usable again if the part before it
    ends where it ended then (``start``), since only the page numbers depend on that."""

    start: PartEnd
    end: PartEnd
    contents_numbers: dict[str, int]
    # The part before is laid out anew (not from the cache either): where it ends comes
    # only once it has paginated, so this one is paginated meanwhile.
    after_new_layout: bool = False


@dataclass(frozen=True)
class PartJob:
    number: int  # 0: the front matter (cover, masthead, contents); then the articles' parts
    html: str
    base_url: str
    roots: tuple[Path, ...]
    first_anchor: str = ""  # the anchor of a body part's first article
    break_kind: str = "page"  # "page" or "right": how each part starts
    chain: Path | None = None  # None: the front, numbered as it is laid out
    contents_anchors: frozenset[str] = frozenset()  # anchors whose page numbers the contents print
    bleed_points: float = 0.0
    draw: bool = True  # False: paginated only, to learn its pages; ``pdf`` is then empty
    # A cached layout to use if the part before ends where it did: the part is laid out
    # meanwhile, and stops once it knows (see ``lay_out_part``).
    cached: CachedPart | None = None


@dataclass(frozen=True)
class LaidOutPart:
    pdf: bytes
    page_anchors: tuple[tuple[str, ...], ...]  # per page, the anchors on it
    page_numbers: tuple[int, ...]  # per page, its number in the whole document
    end: PartEnd  # where the part ended in the whole document
    bookmark_levels: tuple[int, ...] = ()  # the levels of the part's outline entries, in order
    start: PartEnd | None = None  # where the part before it ended (None: the front)
    problems: tuple[str, ...] = ()
    reused: bool = False  # the job's cached layout holds: only ``end`` is set

    @property
    def page_count(self) -> int:
        return len(self.page_anchors)


@dataclass
class _PageNumbers:
    """Sets each page's number just before WeasyPrint makes its margin boxes.

    WeasyPrint paginates the whole document, then makes each page's margin boxes from
    the counter values in a page state; only those values are changed here.
    """

    job: PartJob
    make_margin_boxes: Any
    kept: list[int] = field(default_factory=list)
    numbers: dict[int, int] = field(default_factory=dict)
    start: PartEnd | None = None
    pending_blank: int | None = None
    delta: int | None = None
    page_count: int = 0
    last_number: int = 0
    contents_numbers: dict[str, int] = field(default_factory=dict)

    def __call__(self, context, page, state):
        index = context.current_page - 1
        self.page_count = len(context.page_maker) - 1
        local = state[1]["page"][-1]
        if self.job.chain is None:
            self.kept.append(index)
            number = local
        else:
            number = self._number(index, page, local)
        if number is not None:
            state = (state[0], {**state[1], "page": [number]}, *state[2:])
            self.numbers[index] = self.last_number = number
            if self.job.contents_anchors:
                for anchor in _ids(page, self.job.contents_anchors):
                    self.contents_numbers.setdefault(anchor, number)
        boxes = self.make_margin_boxes(context, page, state)
        if index == self.page_count - 1 and self.job.chain is not None:
            if self.delta is None:
                raise PartMismatch(f"part {self.job.number}: its first article is on no page")
            assert self.start is not None
            publish(self.job.chain, self.job.number, PartEnd(self.start.pages + len(self.kept), self.last_number),
                    self.contents_numbers)
        return boxes

    def _number(self, index: int, page, local: int) -> int | None:
        if self.delta is not None:  # past the part's first page
            self.kept.append(index)
            return local + self.delta
        if not _ids(page, frozenset((self.job.first_anchor,))):
            if page.page_type.blank:
                self.pending_blank = index
            return None  # the masthead's page, or the blank page after it
        assert self.job.chain is not None
        self.start = start = wait_for(self.job.chain, self.job.number - 1)
        if self.job.cached is not None and start == self.job.cached.start:
            raise _CachedStillHolds()
        blank = 0
        if self.job.break_kind == "right" and start.pages % 2 == 1:
            # One piece would start this part on a right-hand page after a blank left one.
            if self.pending_blank is None:
                raise PartMismatch(f"part {self.job.number}: no blank page to start it on the right")
            blank = 1
            self.kept.append(self.pending_blank)
            self.numbers[self.pending_blank] = start.last_number + 1
        self.kept.append(index)
        reset_here = local != index + 1
        first = local if self.job.number == 1 and reset_here else start.last_number + 1 + blank
        self.delta = first - local
        return first


def _ids(page, wanted: frozenset[str]) -> list[str]:
    found = []
    for box in page.descendants():
        element = getattr(box, "element", None)
        if element is not None and box.element_tag and (identifier := element.get("id")) in wanted:
            found.append(identifier)
    return found


# WeasyPrint has no hook between pagination and margin boxes. Its layout module's
# reference to make_margin_boxes is replaced, once, by a function that hands each call to
# the numbering of the part this thread is laying out, or to WeasyPrint's own function
# when there is none (any other document, in any thread).
_numbering_in_thread = threading.local()


def _margin_boxes(context, page, state):
    numbers = getattr(_numbering_in_thread, "numbers", None)
    if numbers is None:
        return _weasyprint_margin_boxes(context, page, state)
    return numbers(context, page, state)


def _weasyprint_margin_boxes(context, page, state):
    from weasyprint.layout.page import make_margin_boxes

    return make_margin_boxes(context, page, state)


@contextmanager
def _numbering(numbers: _PageNumbers) -> Iterator[None]:
    import weasyprint.layout as layout_module

    if not callable(getattr(layout_module, "make_margin_boxes", None)):
        raise PartMismatch("this WeasyPrint makes page margins elsewhere: laid out in one piece")
    layout_module.make_margin_boxes = _margin_boxes  # the same function every time: idempotent
    _numbering_in_thread.numbers = numbers
    try:
        yield
    finally:
        _numbering_in_thread.numbers = None


class _CachedStillHolds(Exception):
    """The part before ended where it did when the cached layout was made."""


def lay_out_part(job: PartJob) -> LaidOutPart:
    """Lay ``job`` out and draw its pages: the top-level function a worker runs.

    With a cached layout (``job.cached``) the part is laid out only if the part before
    it now ends elsewhere. After a part laid out anew, that is known only once it has
    paginated: this part is paginated meanwhile, beside it, and stops as soon as it
    knows its cached layout holds. After a part that had a cached layout too, it waits
    for that part's decision: its end, or word that it is laid out anew (then so is this
    one, at once). An edit that moves the pages after it thus lays the parts after it
    out side by side, not one after another."""
    try:
        if job.cached is not None and job.chain is not None:
            # After a new layout, only a part that has already ended is known; else wait.
            before = (peek if job.cached.after_new_layout else wait_for_decision)(job.chain, job.number - 1)
            if before is not None and before == job.cached.start:
                return _reuse(job, job.cached)
            if before is not None or not job.cached.after_new_layout:  # this part moves too
                publish_moved(job.chain, job.number)
                job = dataclasses.replace(job, cached=None)
        try:
            return _lay_out(job)
        except _CachedStillHolds:
            assert job.cached is not None
            return _reuse(job, job.cached)
    except BaseException as error:
        if job.chain is not None:
            publish_failure(job.chain, job.number, str(error) or type(error).__name__)
        raise


def _reuse(job: PartJob, cached: CachedPart) -> LaidOutPart:
    assert job.chain is not None
    publish(job.chain, job.number, cached.end, cached.contents_numbers)
    return LaidOutPart(pdf=b"", page_anchors=(), page_numbers=(), end=cached.end, start=cached.start, reused=True)


def _lay_out(job: PartJob) -> LaidOutPart:
    from publisher.engine import HTML, FontConfiguration
    from publisher.writers.pdf_finish import Finisher, weasyprint_problems
    from publisher.writers.sandbox import SandboxedFetcher

    numbers = _PageNumbers(job=job, make_margin_boxes=_weasyprint_margin_boxes)
    font_config = FontConfiguration()
    with weasyprint_problems() as problems, _numbering(numbers):
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=SandboxedFetcher(job.roots)).render(font_config=font_config)
    kept = [document.pages[index] for index in sorted(numbers.kept)]
    part_document = document.copy(kept)
    identifier = hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf, write_problems = b"", []
    if job.draw:
        with weasyprint_problems() as write_problems:
            pdf = part_document.write_pdf(pdf_identifier=identifier, finisher=Finisher(job.bleed_points))
        assert isinstance(pdf, bytes)
    pages = tuple(tuple(page.anchors) for page in part_document.pages)
    end = PartEnd(len(kept), numbers.last_number) if job.chain is None else PartEnd(
        (numbers.start.pages if numbers.start else 0) + len(kept), numbers.last_number)
    # The PDF outline nests entries under those of this part only; the join nests them
    # anew over the whole document from their levels.
    levels = tuple(level for page in part_document.pages for level, *_rest in page.bookmarks)
    return LaidOutPart(pdf=pdf, page_anchors=pages, page_numbers=tuple(numbers.numbers[i] for i in sorted(numbers.kept)),
                       bookmark_levels=levels, end=end, start=numbers.start, problems=(*problems, *write_problems))
