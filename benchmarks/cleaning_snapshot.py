"""Everything the cleaner makes of the benchmark's pages, as one JSON file: for checking that
a change meant only to make the cleaner faster changes no result at all.

    python benchmarks/cleaning_snapshot.py before.json      # on the code before the change
    python benchmarks/cleaning_snapshot.py after.json       # after it
    python benchmarks/cleaning_snapshot.py --compare before.json after.json

The pages are those of benchmarks/cleaning.py: the saved HTML pages, their whole-page dumps,
the known articles in made-up site chrome, the extraction benchmark's pages, and the browser
copies benchmarks/browser_copies.py made last (in its default folder; without them, none).
Each page's result is the whole CleanResult (article, every line dropped and why, warnings),
or the error it ended with; ``--compare`` lists every page whose result differs and exits 1
when any does.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import browser_copies  # noqa: E402
import cleaning  # noqa: E402
import cleaning_extraction as extraction  # noqa: E402

from publisher import load_profiles, read_article  # noqa: E402


def pages(corpus: Path, folder: Path) -> Iterator[tuple[str, Path]]:
    """(name, file) for every page, named by its set."""
    for case in cleaning.html_cases(corpus):
        yield f"html/{case.path.name}", case.path
    for case in cleaning.html_dump_cases(corpus, folder):
        yield f"html-dumps/{case.path.name}", case.path
    for case in cleaning.text_dump_cases(corpus, folder):
        yield f"text-dumps/{case.path.name}", case.path
    for shape in browser_copies.SHAPES:
        for copy in sorted((browser_copies.DEFAULT_OUT / shape).glob("*.txt")):
            yield f"{shape}/{copy.name}", copy
    benchmark = corpus / "extraction-benchmark"
    if (benchmark / "ground-truth.json").is_file():
        unpacked = extraction.unpack(extraction.benchmark_pages(benchmark), folder / "extraction")
        for name, path in sorted(unpacked.items()):
            yield f"extraction/{name}", path


def _plain(value: object) -> object:
    """A result as JSON takes it: dataclasses field by field, the rest as written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"type": type(value).__name__, **{field.name: getattr(value, field.name) for field in dataclasses.fields(value)}}
    return repr(value)


def snapshot(corpus: Path) -> dict[str, object]:
    profiles = load_profiles()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in pages(corpus, Path(tmp)):
            try:
                result = read_article(path, profiles)
            except Exception as error:  # an error is a result too
                results[name] = f"{type(error).__name__}: {error}".replace(tmp, "TMP")
                continue
            # The temporary folder's name changes from run to run: it is no part of a result.
            results[name] = json.loads(json.dumps(result, default=_plain).replace(tmp, "TMP"))
    return results


def compare(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", type=Path, help="where to write the results (JSON)")
    parser.add_argument("--corpus", type=Path, default=cleaning.DEFAULT_CORPUS)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="compare two snapshots")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(path.read_text(encoding="utf-8")) for path in args.compare)
        differing = compare(before, after)
        for name in differing:
            print(f"differs: {name}")
        print(f"{len(before.keys() | after.keys())} pages, {len(differing)} differ")
        return 1 if differing else 0
    if args.output is None:
        parser.error("give the file to write, or --compare BEFORE AFTER")
    results = snapshot(args.corpus)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(results)} pages written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
