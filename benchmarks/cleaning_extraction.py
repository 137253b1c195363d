"""The extraction benchmark's set for benchmarks/cleaning.py: 131 English-language article
pages with the article body people marked, scored with the benchmark's own metric for the
cleaner, for trafilatura run here, and for eight published extractors' outputs.

The metric (the benchmark's README, as its authors define it): truth and prediction are
split into word tokens (``\\w+``, Unicode); each gives the multiset of its consecutive
4-token shingles (a text of fewer than four tokens gives one shingle of all of them, as in
the authors' code); per page tp = shingles in both (multiset intersection), fp = predicted
only, fn = truth only. Precision is tp/(tp+fp) averaged over the pages with tp+fp > 0,
recall tp/(tp+fn) averaged over the pages with tp+fn > 0, F1 the harmonic mean of the two
averages. A page refused or left empty has no shingles: it scores recall 0 and leaves
precision alone.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from publisher import Heading, ListBlock, Paragraph, Quote, read_article
from publisher.errors import NotAnArticleError, PublisherError
from publisher.model import Article

SHINGLE_TOKENS = 4
_TOKEN = re.compile(r"\w+")  # str patterns match Unicode word characters


@dataclass(frozen=True)
class Match:
    """Shingles of one page: shared, predicted only, truth only."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text: str) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    starts = range(max(1, len(tokens) - SHINGLE_TOKENS + 1))
    return Counter(" ".join(tokens[i : i + SHINGLE_TOKENS]) for i in starts if tokens[i : i + SHINGLE_TOKENS])


def match(truth: str, predicted: str) -> Match:
    wanted, given = shingles(truth), shingles(predicted)
    shared = sum((wanted & given).values())
    return Match(shared, sum(given.values()) - shared, sum(wanted.values()) - shared)


@dataclass
class Page:
    id: str
    url: str
    body: str  # the truth's articleBody
    gzipped: Path


@dataclass
class Run:
    """One extractor's outputs on the benchmark's pages, scored."""

    extractor: str
    version: str
    where: str  # "here" (run in this process) or "published"
    matches: dict[str, Match] = field(default_factory=dict)
    # The cleaner's pages whose lead the truth leaves out (fewer than half of its shingles
    # in it), scored again without the lead: for telling how much of a page's difference is
    # the standfirst alone. Never part of the scores.
    without_lead: dict[str, Match] = field(default_factory=dict)
    # The cleaner's pages scored with every lead counted as text, a standfirst it marks apart
    # from the text (``CleanResult.lead_apart``) too: the measure before that mark. Never part
    # of the scores.
    every_lead: Run | None = None
    refused: int = 0  # pages with no text: refused, failed or empty
    errors: list[str] = field(default_factory=list)  # failures other than a refusal
    seconds_per_page: float | None = None  # one process, reading the file included
    pages_per_second_2: float | None = None  # two processes

    @property
    def precision(self) -> float:
        values = [m.precision for m in self.matches.values() if m.tp + m.fp]
        return sum(values) / len(values) if values else 0.0

    @property
    def recall(self) -> float:
        values = [m.recall for m in self.matches.values() if m.tp + m.fn]
        return sum(values) / len(values) if values else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, page: Page, text: str) -> None:
        if not _TOKEN.search(text):
            self.refused += 1
        self.matches[page.id] = match(page.body, text)


def benchmark_pages(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(id, row.get("url", ""), row["articleBody"], folder / "html" / f"{id}.html.gz") for id, row in sorted(truth.items())
    ]


def unpack(pages: list[Page], folder: Path) -> dict[str, Path]:
    """Each page decompressed as ``folder/ID.html``, for the cleaner's usual entry point."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for page in pages:
        target = folder / f"{page.id}.html"
        target.write_bytes(gzip.decompress(page.gzipped.read_bytes()))
        paths[page.id] = target
    return paths


def article_text(article: Article, with_lead: bool = True) -> str:
    """What the truth marks: the lead, then the text of the paragraphs, headings, quotes and
    list items; no title, byline or captions (the truth has none)."""
    parts = [article.lead] if article.lead and with_lead else []
    for block in article.body:
        if isinstance(block, (Paragraph, Heading, Quote)):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts.extend(block.items)
    return "\n".join(parts)


def run_cleaner(pages: list[Page], paths: dict[str, Path], profiles, version: str) -> tuple[Run, float]:
    """The cleaner's run, scored, and the seconds its pass took (reading included)."""
    run = Run("publisher", version, "here")
    run.every_lead = Run("publisher, every lead", version, "here")
    seconds = 0.0
    for page in pages:
        start = time.perf_counter()
        text = ""
        try:
            result = read_article(paths[page.id], profiles)
            article = result.article
            text = article_text(article, with_lead=not result.lead_apart)
            run.every_lead.add(page, article_text(article))
            if article.lead and _share_in(article.lead, page.body) < 0.5:
                run.without_lead[page.id] = match(page.body, article_text(article, with_lead=False))
        except NotAnArticleError as error:
            run.errors.append(f"{page.id[:12]} {page.url}: refused: {error.message}")
        except Exception as error:  # the cleaner is being changed: a crash is a miss, not the end
            run.errors.append(f"{page.id[:12]} {page.url}: {_failure(error)}")
        seconds += time.perf_counter() - start
        run.add(page, text)
        if page.id not in run.every_lead.matches:
            run.every_lead.add(page, text)
    return run, seconds


def cleaner_pass(pages: list[Page], paths: dict[str, Path], profiles) -> float:
    start = time.perf_counter()
    for page in pages:
        with contextlib.suppress(Exception):  # counted by the scored pass; only the time counts here
            read_article(paths[page.id], profiles)
    return time.perf_counter() - start


def run_trafilatura(pages: list[Page], paths: dict[str, Path]) -> Run:
    """trafilatura as installed, default settings without comments, on the same files:
    one pass, reading and decoding the file included."""
    import trafilatura

    def extract(path: Path) -> str:
        return trafilatura.extract(path.read_bytes().decode("utf-8", errors="replace"), include_comments=False) or ""

    run = Run("trafilatura", trafilatura.__version__, "here")
    extract(paths[pages[0].id])  # untimed: its first call sets things up
    seconds = 0.0
    for page in pages:
        start = time.perf_counter()
        try:
            text = extract(paths[page.id])
        except Exception as error:
            run.errors.append(f"{page.id[:12]} {page.url}: {_failure(error)}")
            text = ""
        seconds += time.perf_counter() - start
        run.add(page, text)
    run.seconds_per_page = seconds / len(pages)
    return run


def published_runs(folder: Path, pages: list[Page]) -> list[Run]:
    runs = []
    for path in sorted((folder / "published-outputs").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        run = Run(data.get("extractor") or path.stem, data.get("version") or "-", "published")
        for page in pages:
            run.add(page, (data["output"].get(page.id) or {}).get("articleBody") or "")
        runs.append(run)
    return sorted(runs, key=lambda run: -run.f1)


@dataclass
class Comparison:
    """Per page, the cleaner's F1 against another run's."""

    below: list[str]  # page ids where the cleaner is lower by more than the tolerance
    above: list[str]
    level: int
    # Of ``below``, the pages that would not be below without a lead the truth leaves out:
    # the whole difference is the standfirst (the truth gives the body without it).
    standfirst_only: list[str] = field(default_factory=list)


def compare(cleaner: Run, other: Run, tolerance: float) -> Comparison:
    below, above = [], []
    for id, mine in cleaner.matches.items():
        theirs = other.matches[id]
        if mine.f1 < theirs.f1 - tolerance:
            below.append(id)
        elif mine.f1 > theirs.f1 + tolerance:
            above.append(id)
    standfirst_only = [
        id for id in below if id in cleaner.without_lead and cleaner.without_lead[id].f1 >= other.matches[id].f1 - tolerance
    ]
    return Comparison(below, above, len(cleaner.matches) - len(below) - len(above), standfirst_only)


def _share_in(text: str, truth: str) -> float:
    """The share of ``text``'s shingles that ``truth`` holds."""
    given = shingles(text)
    return sum((given & shingles(truth)).values()) / max(1, sum(given.values()))


def table(runs: list[Run]) -> str:
    lines = [
        "| extractor       | version  | run       | precision | recall |    F1 | refused |   per page | pages/s "
        "| pages/s 2 proc |",
        "|-----------------|----------|-----------|-----------|--------|-------|---------|------------|---------"
        "|----------------|",
    ]
    for run in runs:
        per_page = f"{1000 * run.seconds_per_page:7.1f} ms" if run.seconds_per_page else "         -"
        speed = f"{1 / run.seconds_per_page:7.1f}" if run.seconds_per_page else "      -"
        speed_2 = f"{run.pages_per_second_2:14.1f}" if run.pages_per_second_2 else "             -"
        lines.append(
            f"| {run.extractor:15} | {run.version[:8]:8} | {run.where:9} | {run.precision:9.3f} | {run.recall:6.3f} | "
            f"{run.f1:5.3f} | {run.refused:7} | {per_page} | {speed} | {speed_2} |"
        )
    return "\n".join(lines)


def _failure(error: Exception) -> str:
    if isinstance(error, PublisherError):
        return str(error)
    return f"error: {type(error).__name__}: {error}"
