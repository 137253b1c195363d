"""Laying a large publication out in parts: the front matter, then the articles' parts
on an executor's processes, then the contents again with their real page numbers."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, as_completed, wait
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from publisher.cache import Cache, code_version, digest, file_digest
from publisher.executors import InlineExecutor, make_executor, start_workers
from publisher.model import Figure
from publisher.render.context import ArticleView, publication_view
from publisher.render.labels import labels_for
from publisher.render.pages import page_starts_from_anchors
from publisher.render.print_part import PrintPart
from publisher.timing import mark
from publisher.writers.parts.chain import ANEW, POLL_SECONDS, Board, ChainBroken, Ended, Failed, PartEnd
from publisher.writers.parts.join import PART_LINK_PREFIX, Joiner
from publisher.writers.parts.plan import PartPlan, cut, part_view, start_anchor
from publisher.writers.parts.worker import CachedPart, LaidOutPart, PartJob, PartMismatch, lay_out_part
from publisher.writers.pdf_finish import report_problems

if TYPE_CHECKING:
    from publisher.render import Renderer

_ANCHORS = re.compile(r'\s(?:id|aria-labelledby)="[^"]*"')
# The contents are first laid out with this in place of every page number, to learn how
# many pages they take before the numbers are known; the real numbers are never wider.
_PLACEHOLDER_NUMBER = "8888"


@dataclass(frozen=True)
class PartPages:
    """A part just laid out anew, before the whole PDF is joined: its own PDF, whose
    pages are the whole document's from ``first_page`` (an index) on, numbered
    ``page_numbers`` as printed. What a live preview shows until the whole is done."""

    first_page: int
    page_numbers: tuple[int, ...]
    pdf: bytes


@dataclass
class PartSettings:
    """How the parts are laid out. ``laid_out`` and ``reused`` count, for reports and
    tests, the parts WeasyPrint laid out and those the cache gave back. ``on_part``
    hears of each part laid out anew (not of those the cache gave back) as soon as it is
    drawn; it changes nothing in the PDF. ``first``: article files (resolved) whose parts
    are laid out before any other (the files a live preview's user just edited); the
    order of the work, never what it makes."""

    jobs: int = 1
    cache: Cache | None = None
    plan: PartPlan = field(default_factory=PartPlan)
    executor_factory: Callable[[int], Executor] = make_executor
    on_part: Callable[[PartPages], None] | None = None
    first: frozenset[Path] = frozenset()
    laid_out: int = 0
    reused: int = 0


@dataclass(frozen=True)
class PartedDocument:
    pdf: bytes
    page_anchors: tuple[tuple[str, ...], ...]
    part_count: int


@dataclass(frozen=True)
class PartContext:
    """What the print template is given to render the whole document or one of its parts."""

    image_href: Callable[[Figure], str | None]
    cover_href: str | None
    part_starts: frozenset[str]


@contextlib.contextmanager
def part_run(renderer: Renderer, context: PartContext, base_url: str, roots: tuple[Path, ...], bleed_points: float,
             settings: PartSettings, tags: bool = False) -> Iterator[_PartRun]:
    """A run over the planned parts, for a pass short of the whole document: its
    ``lay_out_first`` (only the parts of ``settings.first``'s articles; True when the
    whole must be laid out too) or its ``warm_up`` (the first part laid out and thrown
    away)."""
    with tempfile.TemporaryDirectory(prefix="publisher-parts-") as temporary:
        yield _PartRun(renderer, context, base_url, roots, bleed_points, settings, Board(Path(temporary)), tags)


def lay_out_in_parts(renderer: Renderer, context: PartContext, base_url: str, roots: tuple[Path, ...], identifier: bytes,
                     bleed_points: float, settings: PartSettings, tags: bool = False) -> PartedDocument:
    """The PDF of ``renderer``'s publication, laid out in parts. Raises ``PartMismatch``
    when the parts do not fit together as one piece would, ``EngineChanged`` when the
    engines' internals do not work as expected (the caller then lays it out whole)."""
    with tempfile.TemporaryDirectory(prefix="publisher-parts-") as temporary:
        run = _PartRun(renderer, context, base_url, roots, bleed_points, settings, Board(Path(temporary)), tags)
        return run.lay_out(identifier)


class _PartRun:
    """One layout in parts, driven from this process's one thread (the protocol it
    follows with the workers: ``chain.py``)."""

    def __init__(self, renderer: Renderer, context: PartContext, base_url: str, roots: tuple[Path, ...],
                 bleed_points: float, settings: PartSettings, board: Board, tags: bool) -> None:
        self.renderer = renderer
        self.tags = tags
        self.context = context
        self.base_url = base_url
        self.roots = roots
        self.bleed_points = bleed_points
        self.settings = settings
        self.board = board
        self.fonts_css = renderer.print_fonts_css()
        self.view = publication_view(renderer.publication, context.image_href)
        self.groups = cut(self.view.articles, settings.plan)
        self.environment = digest(code_version(), *(face.digest for face in renderer.used_fonts)) if settings.cache else ""
        images = sorted({block.image for article in renderer.publication.articles for block in article.body
                         if isinstance(block, Figure) and block.image is not None and block.image.is_file()})
        self.images_key = digest("images", *(f"{path}:{file_digest(path)}" for path in images)) if settings.cache else ""
        self.parts: list[Future[LaidOutPart]] = []  # the body parts', in order
        self.submitted: dict[int, PartJob] = {}  # the parts given to the executor
        self.undecided: dict[int, LaidOutPart] = {}  # of those, the ones its worker may take from the cache
        self.joined: dict[Future[LaidOutPart], LaidOutPart] = {}

    def lay_out(self, identifier: bytes) -> PartedDocument:
        jobs = self.settings.jobs
        executor = self.settings.executor_factory(jobs) if jobs > 1 else InlineExecutor()
        joiner = Joiner(order=[*range(1, len(self.groups) + 1), 0])
        with executor:
            try:
                start_workers(executor, jobs)
                front, bodies = self._lay_out_all(executor, joiner)
            except BaseException as error:
                self.board.give_up(len(self.groups))  # before the executor waits for its workers
                if isinstance(error, Exception):
                    _raise_first_cause(self.parts)
                raise
        report_problems([problem for part in (front, *bodies) for problem in part.problems],
                        self.renderer.layout.folder / "layout.toml")
        anchors = tuple(page for part in (front, *bodies) for page in part.page_anchors)
        labels = tuple(start.label for start in page_starts_from_anchors(anchors, self.renderer))
        pdf = joiner.finish(identifier, self.renderer.used_fonts, labels)
        mark("parts: joined")
        return PartedDocument(pdf=pdf, page_anchors=anchors, part_count=len(bodies))

    def lay_out_first(self) -> bool:
        """Only the parts holding ``settings.first``'s articles, laid out here, each told to
        ``on_part`` as soon as it is drawn and kept in the cache (where a layout of the
        whole finds it). A part starts where the part before it ended in the cache's layout
        (or in this pass): nothing is rendered of the other parts but their neighbours.
        False when the rest of the document is as the cache has it (no part moved what
        follows it; the front matter is the same); True when the whole must be laid out,
        or the pass could not tell. Any trouble is left to the layout of the whole, which
        reports it."""
        if not self.settings.first or self.settings.cache is None or self.settings.on_part is None:
            return True
        wanted = [number for number, group in enumerate(self.groups, start=1)
                  if any(view.article.path is not None and view.article.path.resolve() in self.settings.first
                         for view in group)]
        board = Board(self.board.folder / "first")
        board.folder.mkdir()
        ends: dict[int, PartEnd] = {0: end} if (end := self._cached_end(0)) is not None else {}
        whole = not wanted or not ends  # no article's part, or the front matter changed (a title, say)
        try:
            for number in wanted:
                before = ends.get(number - 1) or self._cached_end(number - 1)
                job = dataclasses.replace(self._body_job(number, self.groups[number - 1]), board=board)
                if before is None:
                    whole = True
                    continue
                if (cached := self._cached(job)) is not None:
                    ends[number] = cached.end
                    continue
                mark(f"parts: part {number} first")
                board.post(number - 1, Ended(before))
                part = lay_out_part(job)
                self._store(job, part)
                self.settings.laid_out += 1
                mark(f"parts: part {number} out first")
                self.settings.on_part(PartPages(first_page=before.pages, page_numbers=part.page_numbers, pdf=part.pdf))
                ends[number] = part.end
                if number < len(self.groups) and number + 1 not in wanted and self._cached_start(number + 1) != part.end:
                    return True  # the parts after it move: the others edited come with the whole
        except Exception:  # the layout of the whole lays the part out again, and reports what is wrong
            return True
        return whole

    def warm_up(self) -> None:
        """The first body part laid out here and thrown away (not kept, not told): what a
        process pays for its first layout (traced: a part three times slower) is paid."""
        if not self.groups:
            return
        board = Board(self.board.folder / "warm")
        board.folder.mkdir()
        board.post(0, Ended(self._cached_end(0) or PartEnd(pages=1, last_number=1)))
        lay_out_part(dataclasses.replace(self._body_job(1, self.groups[0]), board=board))

    def _cached_start(self, number: int) -> PartEnd | None:
        """Where the part before body part ``number`` ended when the cache's layout of it was made."""
        cached = self._cached(self._body_job(number, self.groups[number - 1]))
        return cached.start if cached is not None else None

    def _cached_end(self, number: int) -> PartEnd | None:
        """Where part ``number`` (0: the front) ended when the cache's layout of it was made."""
        if number == 0:
            job = self._front_job(lambda anchor: _PLACEHOLDER_NUMBER, draw=False)
        else:
            job = self._body_job(number, self.groups[number - 1])
        cached = self._cached(job)
        return cached.end if cached is not None else None

    def _lay_out_all(self, executor: Executor, joiner: Joiner) -> tuple[LaidOutPart, list[LaidOutPart]]:
        mark(f"parts: {len(self.groups)} parts, start")
        probe_job = self._front_job(lambda anchor: _PLACEHOLDER_NUMBER, draw=False)
        probe = self._cached(probe_job)
        if probe is not None:
            self.settings.reused += 1
        elif isinstance(executor, InlineExecutor):  # the parts run as they are submitted: the front first
            probe = self._lay_out_here(probe_job)
        mark("parts: front probed")
        self.board.post(0, Ended(probe.end) if probe is not None else ANEW)
        self._submit_parts(executor, probe.end if probe is not None else None)
        if probe is None:  # this process lays the front out while the workers lay out the parts
            probe = self._lay_out_here(probe_job)
            self.board.post(0, Ended(probe.end))
        mark("parts: submitted")
        numbers = self._contents_numbers(joiner)
        mark("parts: numbers known")
        # The contents with their page numbers, on a worker while the last parts are drawn.
        front_job = self._front_job(lambda anchor: str(numbers.get(anchor, "")))
        front = self._cached(front_job)
        if front is not None:
            self.settings.reused += 1
        else:
            self.settings.laid_out += 1
            front_future = executor.submit(lay_out_part, front_job)
        for future in as_completed([future for future in self.parts if future not in self.joined]):
            self._join(joiner, future)
        bodies = [self.joined[future] for future in self.parts]
        if front is None:
            front = front_future.result()
            self._store(front_job, front)
            if self.settings.on_part is not None:
                self.settings.on_part(PartPages(first_page=0, page_numbers=front.page_numbers, pdf=front.pdf))
        mark("parts: front done")
        joiner.add(0, front.pdf, front.bookmark_levels)
        if front.page_count != probe.page_count:
            raise PartMismatch("the contents took another number of pages once their page numbers were known")
        return front, bodies

    def _submit_parts(self, executor: Executor, front_end: PartEnd | None) -> None:
        """One job per body part, unless the cache holds its layout and the part before is
        known to end where it ended then; ``front_end``: where the front ends, if known."""
        known_end = front_end  # where the part before the next one ends, when known here
        for number, group in enumerate(self.groups, start=1):
            job = self._body_job(number, group)
            cached = self._cached(job)
            if cached is not None and cached.start is not None and cached.start == known_end:
                self.board.post(number, Ended(cached.end, _numbers_of(cached)))
                self.settings.reused += 1
                self.parts.append(_done(cached))
                mark(f"parts: part {number} from the cache")
                known_end = cached.end
                continue
            if cached is not None and cached.start is not None and known_end is None:
                job = dataclasses.replace(job, cached=CachedPart(start=cached.start, end=cached.end,
                                                                 contents_numbers=_numbers_of(cached)))
                self.undecided[number] = cached
            else:
                self.settings.laid_out += 1
                self.board.post(number, ANEW)
            mark(f"parts: part {number} submitted{' (cached)' if job.cached else ''}")
            self.submitted[number] = job
            future = executor.submit(lay_out_part, job)
            future.add_done_callback(functools.partial(self._release_followers, number))
            self.parts.append(future)
            known_end = None

    def _contents_numbers(self, joiner: Joiner) -> dict[str, int]:
        """The page numbers of the anchors the contents show, once every part has said
        where it ends; the parts drawn meanwhile are joined as they come."""
        numbers: dict[str, int] = {}
        for number in range(1, len(self.groups) + 1):
            while (message := self.board.read(number)) is None:
                drawing = [future for future in self.parts if future not in self.joined]
                done = wait(drawing, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED).done if drawing else ()
                for future in done:
                    self._join(joiner, future)
                if not drawing:
                    time.sleep(POLL_SECONDS)
            if isinstance(message, Failed):
                raise ChainBroken(f"part {number} failed: {message.reason}")
            numbers.update(message.numbers)
        return numbers

    def _join(self, joiner: Joiner, future: Future[LaidOutPart]) -> None:
        """A body part into the joined PDF, whatever order they come in (those from the
        cache while the others are laid out)."""
        number, part = self.parts.index(future) + 1, future.result()
        anew = number in self.submitted and not part.reused
        if number in self.undecided:  # its worker chose between the cache and a new layout
            if part.reused:
                self.settings.reused += 1
            else:
                self.settings.laid_out += 1
        if part.reused:
            part = self.undecided[number]
        elif number in self.submitted:
            self._store(self.submitted[number], part)
        if anew and self.settings.on_part is not None:  # before its join, which takes a while
            first = part.start.pages if part.start is not None else 0
            mark(f"parts: part {number} out")
            self.settings.on_part(PartPages(first_page=first, page_numbers=part.page_numbers, pdf=part.pdf))
        joiner.add(number, part.pdf, part.bookmark_levels)
        self.joined[future] = part

    def _release_followers(self, number: int, future: Future[LaidOutPart]) -> None:
        """However a part failed (its process may have died before it could say so), the
        parts after it stop waiting for it."""
        if not future.cancelled() and (error := future.exception()) is not None:
            self.board.post(number, Failed(str(error) or type(error).__name__))

    def _lay_out_here(self, job: PartJob) -> LaidOutPart:
        self.settings.laid_out += 1
        part = lay_out_part(job)
        self._store(job, part)
        return part

    def _front_job(self, number_of: Callable[[str], str], draw: bool = True) -> PartJob:
        part = PrintPart(kind="front", starts=self.context.part_starts,
                         page_attribute=lambda anchor: Markup(' data-page="{}"').format(number_of(anchor)))
        html = self.renderer.render(
            "print.html", print_part=part, **self._common(),
            toc_href=lambda article, heading: PART_LINK_PREFIX + "#" + (heading.anchor if heading else article.anchor),
        )
        return PartJob(number=0, html=html, base_url=self.base_url, roots=self.roots, bleed_points=self.bleed_points,
                       tags=self.tags, draw=draw)

    def _body_job(self, number: int, group: tuple[ArticleView, ...]) -> PartJob:
        view = part_view(self.view, group)
        first_anchor = start_anchor(self.view, group)
        carried = self._carried(self.groups[number - 2][-1]) if number > 1 else Markup("")
        part = PrintPart(kind="body", starts=self.context.part_starts, carried=carried)
        html = self.renderer.render("print.html", print_part=part, pub=view, **self._common(),
                                    toc_href=lambda article, heading: "#")
        contents = frozenset(anchor for article in group for anchor in (article.anchor, *(h.anchor for h in article.headings)))
        return PartJob(number=number, html=html, base_url=self.base_url, roots=self.roots, first_anchor=first_anchor,
                       contents_anchors=contents,
                       break_kind=self.renderer.layout.part_break, board=self.board, bleed_points=self.bleed_points,
                       tags=self.tags)

    def _carried(self, article: ArticleView) -> Markup:
        """The head of ``article`` without its anchors or bookmarks: it only sets the strings
        the running heads show (the article's title, say) as the part before left them."""
        # Safe: the layout's own macro rendered it, escaping the text; only attributes go.
        return Markup(_ANCHORS.sub("", str(self._article_macros.render_article_head(article))))  # noqa: S704

    @cached_property
    def _article_macros(self) -> Any:  # a Jinja template module: its macros are attributes
        return self.renderer.environment.get_template("_article.html").make_module(
            {"labels": labels_for(self.renderer.publication.language)})

    def _common(self) -> dict[str, Any]:
        return {"image_href": self.context.image_href, "cover_href": self.context.cover_href, "fonts_css": self.fonts_css}

    # The cache: one entry per part, found by what the part holds; it records where the
    # part before it ended, since the page numbers drawn depend on that.

    def _key(self, job: PartJob) -> str:
        return digest("pdf-part", self.environment, self.images_key, str(job.number), job.html,
                      job.first_anchor, job.break_kind, repr(job.bleed_points), str(job.draw), str(job.tags))

    def _cached(self, job: PartJob) -> LaidOutPart | None:
        cache = self.settings.cache
        if cache is None:
            return None
        key = self._key(job)
        data, pdf = cache.get_json(key + "-record", "pdf-part-record"), cache.get(key, "pdf-part", _is_pdf)
        if data is None or pdf is None:
            return None
        try:
            return _part_from_record(pdf, data)
        except (KeyError, TypeError, ValueError):
            cache.reject(key + "-record", "pdf-part-record", "not a part's record")
            return None

    def _store(self, job: PartJob, part: LaidOutPart) -> None:
        cache = self.settings.cache
        if cache is None or part.reused:
            return
        key = self._key(job)
        record = {"page_anchors": part.page_anchors, "page_numbers": part.page_numbers, "problems": part.problems,
                  "bookmark_levels": part.bookmark_levels,
                  "end": vars(part.end), "start": vars(part.start) if part.start else None}
        cache.put(key, "pdf-part", part.pdf)
        cache.put_json(key + "-record", "pdf-part-record", record)


def _is_pdf(data: bytes) -> bool:
    return data == b"" or data.startswith(b"%PDF-")  # empty: a part paginated, not drawn


def _part_from_record(pdf: bytes, data: dict[str, Any]) -> LaidOutPart:
    """A cached part from its record, every field of the type ``_store`` writes (else
    ``ValueError``, ``TypeError`` or ``KeyError``)."""
    def numbers(value: object) -> tuple[int, ...]:
        if not isinstance(value, list) or not all(type(item) is int for item in value):
            raise ValueError("not a list of numbers")
        return tuple(value)

    def texts(value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError("not a list of texts")
        return tuple(value)

    def end(value: object) -> PartEnd:
        if not isinstance(value, dict) or set(value) != {"pages", "last_number"}:
            raise ValueError("not where a part ends")
        return PartEnd(*numbers([value["pages"], value["last_number"]]))

    if not isinstance(data["page_anchors"], list):
        raise ValueError("not a list of pages")
    return LaidOutPart(pdf=pdf, page_anchors=tuple(texts(page) for page in data["page_anchors"]),
                       page_numbers=numbers(data["page_numbers"]), bookmark_levels=numbers(data["bookmark_levels"]),
                       end=end(data["end"]), start=end(data["start"]) if data["start"] is not None else None,
                       problems=texts(data["problems"]))


def _raise_first_cause(futures: list[Future[LaidOutPart]]) -> None:
    """Raise the first part's own error, in the parts' order: the parts after it stopped
    because it failed (``ChainBroken``)."""
    for future in futures:
        error = future.exception()
        if error is not None and not isinstance(error, ChainBroken):
            raise error


def _numbers_of(part: LaidOutPart) -> dict[str, int]:
    return {anchor: number for anchors, number in zip(part.page_anchors, part.page_numbers, strict=True) for anchor in anchors}


def _done(part: LaidOutPart) -> Future[LaidOutPart]:
    future: Future[LaidOutPart] = Future()
    future.set_result(part)
    return future
