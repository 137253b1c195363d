"""One part of a large PDF through WeasyPrint: what a worker process runs.

A body part is laid out as its own document: first the layout's masthead (it sets the
strings of the running heads), then, from a new page, its articles. After pagination,
and before WeasyPrint draws the page margins, the part learns from the board where the
part before it ended (the protocol: ``chain.py``); it then leaves out the masthead's page,
keeps or drops the blank page a right-hand start may have made, and gives every page the
number it has in the whole document. What goes in and out is plain data: picklable, and
kept in the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.timing import mark
from publisher.writers.parts.chain import ANEW, Board, ChainBroken, Ended, Failed, PartEnd

if TYPE_CHECKING:
    from publisher.engine import PageDecision, PaginatedPage


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


@dataclass(frozen=True)
class PartJob:
    number: int  # 0: the front matter (cover, masthead, contents); then the articles' parts
    html: str
    base_url: str
    roots: tuple[Path, ...]
    first_anchor: str = ""  # the anchor of a body part's first article
    break_kind: str = "page"  # "page" or "right": how each part starts
    board: Board | None = None  # None: the front, numbered as it is laid out
    contents_anchors: frozenset[str] = frozenset()  # anchors whose page numbers the contents print
    bleed_points: float = 0.0
    tags: bool = False  # a tagged PDF: its structure tree is merged with the other parts' in the join
    draw: bool = True  # False: paginated only, to learn its pages; ``pdf`` is then empty
    # A cached layout to use if the part before ends where it did (rule 3 of the protocol).
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


def lay_out_part(job: PartJob) -> LaidOutPart:
    """Lay ``job`` out and draw its pages: the top-level function a worker runs. Whatever
    ends it, the part has posted its message on the board when it returns."""
    try:
        if job.cached is not None and job.board is not None:
            before = job.board.wait_for_decision(job.number - 1)
            if isinstance(before, Failed):
                raise ChainBroken(f"part {job.number - 1} failed: {before.reason}")
            if isinstance(before, Ended):
                if before.end == job.cached.start:
                    return _reuse(job.board, job.number, job.cached)
                job.board.post(job.number, ANEW)
                job = dataclasses.replace(job, cached=None)
        return _lay_out(job)
    except BaseException as error:
        if job.board is not None:
            job.board.post(job.number, Failed(str(error) or type(error).__name__))
        raise


def _reuse(board: Board, number: int, cached: CachedPart) -> LaidOutPart:
    board.post(number, Ended(cached.end, cached.contents_numbers))
    return LaidOutPart(pdf=b"", page_anchors=(), page_numbers=(), end=cached.end, start=cached.start, reused=True)


@dataclass
class _PageNumbers:
    """The number each page of a part shows, asked page by page once all are paginated.

    Returns the number, None for a page left out (the masthead's, or a blank page one
    piece would not have), or ``STOP`` when the part's cached layout holds.
    """

    job: PartJob
    kept: list[int] = field(default_factory=list)
    numbers: dict[int, int] = field(default_factory=dict)
    start: PartEnd | None = None
    pending_blank: int | None = None
    delta: int | None = None
    last_number: int = 0
    contents_numbers: dict[str, int] = field(default_factory=dict)

    def __call__(self, page: PaginatedPage) -> PageDecision:
        from publisher.engine import STOP

        board = self.job.board
        number: PageDecision
        if board is None:
            self.kept.append(page.index)
            number = page.counter
        else:
            number = self._number(board, page)
            if number is STOP:
                return STOP
        if number is not None:
            self.numbers[page.index] = self.last_number = number
            if self.job.contents_anchors:
                for anchor in page.ids(self.job.contents_anchors):
                    self.contents_numbers.setdefault(anchor, number)
        if board is not None and page.index == page.count - 1:
            if self.delta is None or self.start is None:
                raise PartMismatch(f"part {self.job.number}: its first article is on no page")
            board.post(self.job.number, Ended(PartEnd(self.start.pages + len(self.kept), self.last_number),
                                              self.contents_numbers))
        return number

    def _number(self, board: Board, page: PaginatedPage) -> PageDecision:
        from publisher.engine import STOP

        if self.delta is not None:  # past the part's first page
            self.kept.append(page.index)
            return page.counter + self.delta
        if not page.ids(frozenset((self.job.first_anchor,))):
            if page.blank:
                self.pending_blank = page.index
            return None  # the masthead's page, or the blank page after it
        self.start = start = board.wait_for_end(self.job.number - 1)
        if self.job.cached is not None and start == self.job.cached.start:
            return STOP
        blank = 0
        if self.job.break_kind == "right" and start.pages % 2 == 1:
            # One piece would start this part on a right-hand page after a blank left one.
            if self.pending_blank is None:
                raise PartMismatch(f"part {self.job.number}: no blank page to start it on the right")
            blank = 1
            self.kept.append(self.pending_blank)
            self.numbers[self.pending_blank] = start.last_number + 1
        self.kept.append(page.index)
        reset_here = page.counter != page.index + 1
        first = page.counter if self.job.number == 1 and reset_here else start.last_number + 1 + blank
        self.delta = first - page.counter
        return first


def _lay_out(job: PartJob) -> LaidOutPart:
    from publisher.engine import (
        HTML,
        FontConfiguration,
        release_font_files,
        render_numbered,
    )
    from publisher.writers.pdf_finish import Finisher, weasyprint_problems
    from publisher.writers.sandbox import SandboxedFetcher

    numbers = _PageNumbers(job=job)
    font_config = FontConfiguration()
    try:
        with weasyprint_problems() as problems:
            html = HTML(string=job.html, base_url=job.base_url, url_fetcher=SandboxedFetcher(job.roots))
            document = render_numbered(html, font_config, numbers)
        mark(f"part {job.number}: paginated{'' if document else ' (stopped)'}")
        if document is None:  # the part before ends where it did: the cached layout holds
            if job.board is None or job.cached is None:
                raise AssertionError("only a part with a board and a cached layout stops early")
            return _reuse(job.board, job.number, job.cached)
        kept = [document.pages[index] for index in sorted(numbers.kept)]
        part_document = document.copy(kept)
        identifier = hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf, write_problems = b"", []
        if job.draw:
            with weasyprint_problems() as write_problems:
                pdf = part_document.write_pdf(pdf_identifier=identifier, pdf_tags=job.tags,
                                              finisher=Finisher(job.bleed_points))
            if not isinstance(pdf, bytes):
                raise AssertionError("WeasyPrint's write_pdf without a target returns the bytes")
        mark(f"part {job.number}: drawn")
    finally:
        release_font_files(font_config)
    pages = tuple(tuple(page.anchors) for page in part_document.pages)
    end = PartEnd(len(kept), numbers.last_number) if job.board is None else PartEnd(
        (numbers.start.pages if numbers.start else 0) + len(kept), numbers.last_number)
    # The PDF outline nests entries under those of this part only; the join nests them
    # anew over the whole document from their levels.
    levels = tuple(level for page in part_document.pages for level, *_rest in page.bookmarks)
    return LaidOutPart(pdf=pdf, page_anchors=pages, page_numbers=tuple(numbers.numbers[i] for i in sorted(numbers.kept)),
                       bookmark_levels=levels, end=end, start=numbers.start, problems=(*problems, *write_problems))
