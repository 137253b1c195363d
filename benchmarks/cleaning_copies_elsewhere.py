"""Browser copies of pages from sites nobody tuned the cleaner for: the extraction
benchmark's 131 English-language pages, copied the four ways benchmarks/browser_copies.py
copies the corpus pages, and scored with the benchmark's metric against the text people
marked (benchmarks/cleaning_extraction.py says it exactly).

    python benchmarks/cleaning_copies_elsewhere.py [--corpus ../shared/corpus] [--keep DIR] [--scores FILE] [--kickers]
        [--half even|odd] [--titles]

A copy carries no markup, so the scores are lower than the saved pages' (a copy keeps
captions, bylines and furniture that the marked text leaves out); what counts is how a
change to the rules moves them. ``--keep DIR`` writes the copies to DIR (and reuses them
when it already holds them) and ``--scores FILE`` writes every page's F1 as JSON, so two
versions of the cleaner can be compared page by page. ``--kickers`` lists every kicker the
cleaner gives, per shape and page: the marked text has none, so each is to be checked by
eye (a section name, or site furniture printed above the headline). The "headline" column
counts the pages whose headline is the saved page's own (its ``og:title``, ``twitter:title``,
``<h1>`` or ``<title>``, compared without case, punctuation or a site's name after a
separator); ``--titles`` lists every page whose headline is wrong or refused, with the
reason. ``--half even`` (``odd``) keeps the pages whose place among the sorted ids is even
(odd): rules are developed on one half and checked on the other. Chromium, w3m and Readability.js are
needed as for the browser sets (scripts/install-system-deps.sh).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser_copies  # noqa: E402
import cleaning_extraction as extraction  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from publisher import load_profiles, read_article  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
_NOT_WORD = re.compile(r"[\W_]+")
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|:·»]\s+|\s*\|\s*")
_TITLE_META = ("og:title", "twitter:title")


def _normal(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def real_headlines(page: extraction.Page) -> set[str]:
    """The saved page's own headline, every way it gives it, normalised: its OpenGraph
    and Twitter titles, its ``<h1>`` headings and its ``<title>``, each also without what
    follows a separator (a site's name)."""
    soup = BeautifulSoup(gzip.decompress(page.gzipped.read_bytes()), "html.parser")
    found = [str(tag.get("content") or "") for name in _TITLE_META for tag in soup.find_all("meta", property=name)]
    found += [str(tag.get("content") or "") for name in _TITLE_META for tag in soup.find_all("meta", attrs={"name": name})]
    found += [tag.get_text(" ") for tag in soup.find_all("h1")]
    found += [soup.title.get_text(" ")] if soup.title else []
    wanted = set()
    for text in found:
        parts = _TITLE_SEPARATORS.split(text.strip())
        for cut in range(1, len(parts) + 1):
            wanted.add(_normal(" ".join(parts[:cut])))
    return {text for text in wanted if len(text.split()) >= 2}


_SHARED_WORDS = 0.75  # a word or two more or fewer (an article, "so far") is the same headline


def headline_right(chosen: str, real: set[str]) -> bool:
    """The headline chosen is one of the page's, give or take a word or two."""
    words = _normal(chosen).split()
    for text in real:
        wanted = text.split()
        if sum((Counter(words) & Counter(wanted)).values()) >= _SHARED_WORDS * max(len(words), len(wanted)):
            return True
    return False


def in_half(pages: list[extraction.Page], half: str | None) -> list[extraction.Page]:
    """The pages whose place among the sorted ids is even (``even``) or odd (``odd``)."""
    if half is None:
        return pages
    ordered = sorted(pages, key=lambda page: page.id)
    return [page for place, page in enumerate(ordered) if place % 2 == (half == "odd")]


@dataclass
class Headlines:
    """Per shape: the pages whose headline is right, wrong, or refused, with what was chosen."""

    right: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (page, chosen, real)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (page, reason)


def score(
    folder: Path,
    pages: list[extraction.Page],
    profiles,
    kickers: list[tuple[str, str, str]] | None = None,
    headlines: dict[str, Headlines] | None = None,
) -> dict[str, extraction.Run]:
    """Each shape's run over the copies in ``folder/SHAPE/ID.txt`` of ``pages``; the
    kickers given are added to ``kickers`` as (shape, page, kicker), and each page's
    headline, checked against the saved page's, to ``headlines``."""
    real = {page.id: real_headlines(page) for page in pages} if headlines is not None else {}
    runs = {}
    for shape in browser_copies.SHAPES:
        run = extraction.Run("publisher", shape, "here")
        checked = Headlines()
        for page in pages:
            path = folder / shape / f"{page.id}.txt"
            if not path.is_file():
                continue
            text = ""
            try:
                article = read_article(path, profiles).article
                text = extraction.article_text(article)
                if kickers is not None and article.kicker:
                    kickers.append((shape, path.stem, article.kicker))
                if headline_right(article.title, real.get(page.id, set())):
                    checked.right += 1
                else:
                    checked.wrong.append((page.id, article.title, " / ".join(sorted(real.get(page.id, set()))[:2])))
            except Exception as error:  # a refused or failed page is a miss, not the end
                run.errors.append(f"{path.stem[:12]}: {type(error).__name__}: {error}")
                checked.refused.append((page.id, str(error)))
            run.add(page, text)
        runs[shape] = run
        if headlines is not None:
            headlines[shape] = checked
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="write the copies here (reused when present)")
    parser.add_argument("--scores", type=Path, help="write each page's F1 per shape here, as JSON")
    parser.add_argument("--kickers", action="store_true", help="list every kicker given, per shape and page")
    parser.add_argument("--half", choices=("even", "odd"), help="only the pages at even (odd) places among the sorted ids")
    parser.add_argument("--titles", action="store_true", help="list every page whose headline is wrong or refused")
    args = parser.parse_args(argv)
    benchmark = args.corpus / "extraction-benchmark"
    if not (benchmark / "ground-truth.json").is_file():
        print(f"error: no {benchmark / 'ground-truth.json'}", file=sys.stderr)
        return 1
    every_page = extraction.benchmark_pages(benchmark)
    pages = in_half(every_page, args.half)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "copies"
        if not all((folder / shape).is_dir() for shape in browser_copies.SHAPES):
            saved = extraction.unpack(every_page, Path(tmp) / "html")
            browser_copies.make_copies([saved[page.id] for page in every_page], folder)
        kickers: list[tuple[str, str, str]] = []
        headlines: dict[str, Headlines] = {}
        runs = score(folder, pages, load_profiles(), kickers, headlines)
    print("| shape               | pages | precision | recall |    F1 | refused | headline right | wrong |")
    print("|---------------------|-------|-----------|--------|-------|---------|----------------|-------|")
    for shape, run in runs.items():
        scores = f"{run.precision:9.3f} | {run.recall:6.3f} | {run.f1:5.3f}"
        checked = headlines[shape]
        print(f"| {shape:19} | {len(run.matches):5} | {scores} | {run.refused:7} | {checked.right:14} | {len(checked.wrong):5} |")
    if args.titles:
        for shape, checked in headlines.items():
            print(f"\n{shape}: {len(checked.wrong)} headlines wrong, {len(checked.refused)} refused")
            for page, chosen, real in checked.wrong:
                print(f"  wrong   {page[:12]}  {chosen[:90]!r}  (the page's: {real[:90]!r})")
            for page, reason in checked.refused:
                print(f"  refused {page[:12]}  {reason[:150]}")
    if args.kickers:
        print(f"\nkickers given ({len(kickers)}; the marked text has none: check each by eye):")
        for shape, page, kicker in kickers:
            print(f"{shape:19} {page[:12]}  {kicker!r}")
    if args.scores:
        scores = {shape: {page: match.f1 for page, match in run.matches.items()} for shape, run in runs.items()}
        args.scores.write_text(json.dumps(scores, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
