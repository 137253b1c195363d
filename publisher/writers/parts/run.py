"""Laying a large publication out in parts: the front matter, then the articles' parts
on an executor's processes, then the contents again with their real page numbers."""

from __future__ import annotations

import dataclasses
import threading
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from publisher.cache import Cache, code_version, digest, file_digest
from publisher.model import Figure
from publisher.executors import InlineExecutor, make_executor, start_workers
from publisher.render.context import ArticleView, publication_view
from publisher.render.labels import labels_for
from publisher.writers.parts.chain import ChainBroken, PartEnd, abandon, contents_numbers, publish, publish_failure
from publisher.writers.parts.join import PART_LINK_PREFIX, Joiner
from publisher.writers.parts.plan import PartPlan, cut, part_view, start_anchor
from publisher.writers.pdf_finish import report_problems
from publisher.writers.parts.worker import CachedPart, LaidOutPart, PartJob, PartMismatch, lay_out_part

if TYPE_CHECKING:
    from publisher.render import Renderer

_ANCHORS = re.compile(r'\s(?:id|aria-labelledby)="[^"]*"')
# The contents are first laid out with this in place of every page number, to learn how
# many pages they take before the numbers are known; the real numbers are never wider.
_PLACEHOLDER_NUMBER = "8888"


@dataclass
class PartSettings:
    """How the parts are laid out. ``laid_out`` and ``reused`` count, for reports and
    tests, the parts WeasyPrint laid out and those the cache gave back."""

    jobs: int = 1
    cache: Cache | None = None
    plan: PartPlan = field(default_factory=PartPlan)
    executor_factory: Callable[[int], Executor] = make_executor
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

    image_href: Callable
    cover_href: str | None
    part_starts: frozenset[str]


def lay_out_in_parts(renderer: Renderer, context: PartContext, base_url: str, roots: tuple[Path, ...], identifier: bytes,
                     bleed_points: float, settings: PartSettings) -> PartedDocument:
    """The PDF of ``renderer``'s publication, laid out in parts. Raises ``PartMismatch``
    when the parts do not fit together as one piece would (the caller lays it out whole)."""
    with tempfile.TemporaryDirectory(prefix="publisher-parts-") as temporary:
        return _PartRun(renderer, context, base_url, roots, bleed_points, settings, Path(temporary)).lay_out(identifier)


class _PartRun:
    def __init__(self, renderer: Renderer, context: PartContext, base_url: str, roots: tuple[Path, ...],
                 bleed_points: float, settings: PartSettings, folder: Path) -> None:
        self.renderer = renderer
        self.context = context
        self.base_url = base_url
        self.roots = roots
        self.bleed_points = bleed_points
        self.settings = settings
        self.fonts_css = renderer.print_fonts_css()
        self.chain = folder / "chain"
        self.chain.mkdir()
        self.view = publication_view(renderer.publication, context.image_href)
        self.groups = cut(self.view.articles, settings.plan)
        self.environment = digest(code_version(), *(face.digest for face in renderer.used_fonts)) if settings.cache else ""
        images = sorted({block.image for article in renderer.publication.articles for block in article.body
                         if isinstance(block, Figure) and block.image is not None and block.image.is_file()})
        self.images_key = digest("images", *(f"{path}:{file_digest(path)}" for path in images)) if settings.cache else ""

    def lay_out(self, identifier: bytes) -> PartedDocument:
        jobs = self.settings.jobs
        executor = self.settings.executor_factory(jobs) if jobs > 1 else InlineExecutor()
        with executor:
            try:
                start_workers(executor, jobs)
                joiner = Joiner(order=[*range(1, len(self.groups) + 1), 0])
                front, bodies = self._lay_out_all(executor, joiner)
            except BaseException:
                abandon(self.chain)  # before the pool waits for its workers: none is left waiting
                raise
        report_problems([problem for part in (front, *bodies) for problem in part.problems],
                        self.renderer.layout.folder / "layout.toml")
        pdf = joiner.finish(identifier, self.renderer.used_fonts)
        anchors = tuple(page for part in (front, *bodies) for page in part.page_anchors)
        return PartedDocument(pdf=pdf, page_anchors=anchors, part_count=len(bodies))

    def _lay_out_all(self, executor: Executor, joiner: Joiner) -> tuple[LaidOutPart, list[LaidOutPart]]:
        # The front matter's first layout (for its length) runs in this process, which would
        # otherwise only wait, beside the parts on the executor's.
        with ThreadPoolExecutor(max_workers=1) if self.settings.jobs > 1 else InlineExecutor() as here:
            return self._lay_out_front_and_parts(executor, here, joiner)

    def _lay_out_front_and_parts(self, executor: Executor, here: Executor,
                                 joiner: Joiner) -> tuple[LaidOutPart, list[LaidOutPart]]:
        probe = self._submit(here, self._front_job(lambda anchor: _PLACEHOLDER_NUMBER, draw=False))
        probe.add_done_callback(self._publish_front)
        futures: list[Future[LaidOutPart]] = [probe]
        cached_parts: dict[int, LaidOutPart] = {}
        for number, group in enumerate(self.groups, start=1):
            job = self._body_job(number, group)
            cached = self._cached(job)
            if cached is None or cached.start is None:
                futures.append(self._submit(executor, job))
                continue
            # Reused only if the part before ends where it ended when this was laid out.
            before = futures[-1]
            if before.done() and before.exception() is None and cached.start == before.result().end:
                publish(self.chain, number, cached.end, _numbers_of(cached))
                self.settings.reused += 1
                futures.append(_done(cached))
            elif before.done():
                futures.append(self._submit(executor, job))
            else:  # the part before is being laid out: this one's worker decides when it ends
                cached_parts[number] = cached
                futures.append(self._submit(executor, dataclasses.replace(job, cached=CachedPart(
                    start=cached.start, end=cached.end, contents_numbers=_numbers_of(cached),
                    after_new_layout=number - 1 not in cached_parts))))
        # The contents are laid out again as soon as every part has its page numbers, on a
        # worker, while the last parts are drawn and this thread joins those that are.
        front_future: Future[LaidOutPart] = Future()
        launcher = threading.Thread(target=self._lay_out_contents, args=(executor, front_future), daemon=True)
        launcher.start()
        # Joined as they come: parts from the cache while the others are still laid out.
        numbers = {future: number for number, future in enumerate(futures[1:], start=1)}
        arrived: dict[int, LaidOutPart] = {}
        try:
            for future in as_completed(numbers):
                number, part = numbers[future], future.result()
                if number in cached_parts:  # its worker chose between the cache and a new layout
                    if part.reused:
                        part = cached_parts[number]
                        self.settings.reused += 1
                    else:
                        self.settings.laid_out += 1
                joiner.add(number, part.pdf, part.bookmark_levels)
                arrived[number] = part
        except Exception:
            _raise_first_cause(futures)  # the first failure in the parts' order, not in time
            raise
        bodies = [arrived[number] for number in sorted(arrived)]
        launcher.join()
        front = front_future.result()
        joiner.add(0, front.pdf, front.bookmark_levels)
        if front.page_count != probe.result().page_count:
            raise PartMismatch("the contents took another number of pages once their page numbers were known")
        return front, bodies

    def _lay_out_contents(self, executor: Executor, done: Future[LaidOutPart]) -> None:
        """The front matter with the page numbers the parts publish, into ``done``."""
        try:
            numbers: dict[str, int] = {}
            for number in range(1, len(self.groups) + 1):
                numbers.update(contents_numbers(self.chain, number))
            front = self._submit(executor, self._front_job(lambda anchor: str(numbers.get(anchor, ""))))
            done.set_result(front.result())
        except BaseException as error:  # a part failed: its own error reaches the caller first
            done.set_exception(error)

    def _publish_front(self, future: Future[LaidOutPart]) -> None:
        if future.exception() is None:
            publish(self.chain, 0, future.result().end)
        else:
            publish_failure(self.chain, 0, str(future.exception()))

    def _front_job(self, number_of: Callable[[str], str], draw: bool = True) -> PartJob:
        html = self.renderer.render(
            "print.html", document_part="front", **self._common(),
            toc_href=lambda article, heading: PART_LINK_PREFIX + "#" + (heading.anchor if heading else article.anchor),
            toc_page=lambda anchor: Markup(' data-page="{}"').format(number_of(anchor)),
        )
        return PartJob(number=0, html=html, base_url=self.base_url, roots=self.roots, bleed_points=self.bleed_points, draw=draw)

    def _body_job(self, number: int, group) -> PartJob:
        view = part_view(self.view, group)
        first_anchor = start_anchor(self.view, group)
        html = self.renderer.render("print.html", document_part="body", pub=view, **self._common(),
                                    toc_href=lambda article, heading: "#",
                                    carried=self._carried(self.groups[number - 2][-1]) if number > 1 else "")
        contents = frozenset(anchor for article in group for anchor in (article.anchor, *(h.anchor for h in article.headings)))
        return PartJob(number=number, html=html, base_url=self.base_url, roots=self.roots, first_anchor=first_anchor,
                       contents_anchors=contents,
                       break_kind=self.renderer.layout.part_break, chain=self.chain, bleed_points=self.bleed_points)

    def _carried(self, article: ArticleView) -> str:
        """The head of ``article`` without its anchors or bookmarks: it only sets the strings
        the running heads show (the article's title, say) as the part before left them."""
        return _ANCHORS.sub("", str(self._article_macros.render_article_head(article)))

    @cached_property
    def _article_macros(self):
        return self.renderer.environment.get_template("_article.html").make_module(
            {"labels": labels_for(self.renderer.publication.language)})

    def _common(self) -> dict:
        return {"image_href": self.context.image_href, "cover_href": self.context.cover_href, "fonts_css": self.fonts_css,
                "parted": True, "part_starts": self.context.part_starts}

    def _submit(self, executor: Executor, job: PartJob) -> Future[LaidOutPart]:
        if job.chain is None:  # the front does not depend on where anything ends
            cached = self._cached(job)
            if cached is not None:
                self.settings.reused += 1
                return _done(cached)
        if job.cached is None:  # else counted when its worker has decided
            self.settings.laid_out += 1
        future = executor.submit(lay_out_part, job)
        future.add_done_callback(lambda done: self._store(job, done))
        future.add_done_callback(lambda done: self._release_followers(job, done))
        return future

    def _release_followers(self, job: PartJob, done: Future[LaidOutPart]) -> None:
        """However a part failed (its process may have died before saying so), the parts
        after it stop waiting for it."""
        error = done.exception()
        if error is not None and job.chain is not None:
            publish_failure(job.chain, job.number, str(error) or type(error).__name__)

    # The cache: one entry per part, found by what the part holds; it records where the
    # part before it ended, since the page numbers drawn depend on that.

    def _key(self, job: PartJob) -> str:
        return digest("pdf-part", self.environment, self.images_key, str(job.number), job.html,
                      job.first_anchor, job.break_kind, repr(job.bleed_points), str(job.draw))

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

    def _store(self, job: PartJob, done: Future[LaidOutPart]) -> None:
        cache = self.settings.cache
        if cache is None or done.exception() is not None or done.result().reused:
            return
        part = done.result()
        key = self._key(job)
        record = {"page_anchors": part.page_anchors, "page_numbers": part.page_numbers, "problems": part.problems,
                  "bookmark_levels": part.bookmark_levels,
                  "end": vars(part.end), "start": vars(part.start) if part.start else None}
        cache.put(key, "pdf-part", part.pdf)
        cache.put_json(key + "-record", "pdf-part-record", record)


def _is_pdf(data: bytes) -> bool:
    return data == b"" or data.startswith(b"%PDF-")  # empty: a part paginated, not drawn


def _part_from_record(pdf: bytes, data: dict) -> LaidOutPart:
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
    return {anchor: number for anchors, number in zip(part.page_anchors, part.page_numbers) for anchor in anchors}


def _done(part: LaidOutPart) -> Future[LaidOutPart]:
    future: Future[LaidOutPart] = Future()
    future.set_result(part)
    return future
