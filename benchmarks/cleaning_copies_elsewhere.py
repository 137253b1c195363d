"""Browser copies of pages from sites nobody tuned the cleaner for: the extraction
benchmark's 131 English-language pages, copied the four ways benchmarks/browser_copies.py
copies the corpus pages, and scored with the benchmark's metric against the text people
marked (benchmarks/cleaning_extraction.py says it exactly).

    python benchmarks/cleaning_copies_elsewhere.py [--corpus ../shared/corpus] [--keep DIR] [--scores FILE] [--kickers]

A copy carries no markup, so the scores are lower than the saved pages' (a copy keeps
captions, bylines and furniture that the marked text leaves out); what counts is how a
change to the rules moves them. ``--keep DIR`` writes the copies to DIR (and reuses them
when it already holds them) and ``--scores FILE`` writes every page's F1 as JSON, so two
versions of the cleaner can be compared page by page. ``--kickers`` lists every kicker the
cleaner gives, per shape and page: the marked text has none, so each is to be checked by
eye (a section name, or site furniture printed above the headline). Chromium, w3m and Readability.js are
needed as for the browser sets (scripts/install-system-deps.sh).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser_copies  # noqa: E402
import cleaning_extraction as extraction  # noqa: E402

from publisher import load_profiles, read_article  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def score(
    folder: Path, pages: list[extraction.Page], profiles, kickers: list[tuple[str, str, str]] | None = None
) -> dict[str, extraction.Run]:
    """Each shape's run over the copies in ``folder/SHAPE/ID.txt``; the kickers given are
    added to ``kickers`` as (shape, page, kicker)."""
    by_id = {page.id: page for page in pages}
    runs = {}
    for shape in browser_copies.SHAPES:
        run = extraction.Run("publisher", shape, "here")
        for path in sorted((folder / shape).glob("*.txt")):
            text = ""
            try:
                article = read_article(path, profiles).article
                text = extraction.article_text(article)
                if kickers is not None and article.kicker:
                    kickers.append((shape, path.stem, article.kicker))
            except Exception as error:  # a refused or failed page is a miss, not the end
                run.errors.append(f"{path.stem[:12]}: {type(error).__name__}: {error}")
            run.add(by_id[path.stem], text)
        runs[shape] = run
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="write the copies here (reused when present)")
    parser.add_argument("--scores", type=Path, help="write each page's F1 per shape here, as JSON")
    parser.add_argument("--kickers", action="store_true", help="list every kicker given, per shape and page")
    args = parser.parse_args(argv)
    benchmark = args.corpus / "extraction-benchmark"
    if not (benchmark / "ground-truth.json").is_file():
        print(f"error: no {benchmark / 'ground-truth.json'}", file=sys.stderr)
        return 1
    pages = extraction.benchmark_pages(benchmark)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "copies"
        if not all((folder / shape).is_dir() for shape in browser_copies.SHAPES):
            saved = extraction.unpack(pages, Path(tmp) / "html")
            browser_copies.make_copies([saved[page.id] for page in pages], folder)
        kickers: list[tuple[str, str, str]] = []
        runs = score(folder, pages, load_profiles(), kickers)
    print("| shape               | pages | precision | recall |    F1 | refused |")
    print("|---------------------|-------|-----------|--------|-------|---------|")
    for shape, run in runs.items():
        scores = f"{run.precision:9.3f} | {run.recall:6.3f} | {run.f1:5.3f}"
        print(f"| {shape:19} | {len(run.matches):5} | {scores} | {run.refused:7} |")
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
