"""What one publication costs: CPU seconds and peak memory, the figures docs/scale.md plans from.

    python benchmarks/per_publication.py [--articles 12,30,100] [--repeat 2]

For each size, a bulletin of that many corpus articles (../shared/corpus/text/, as
benchmarks/run.py makes them) is built to PDF, EPUB and HTML by one process
(``--jobs 1 --no-cache``: what one Dask task does), and then again from a warm cache
with one article edited (a weekly bulletin that changed a little). Prints wall time,
CPU time of all processes, peak resident memory of the largest process, the outputs'
size and the cache's growth, with the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import corpus_available, write_articles  # noqa: E402
from run import measure, publisher  # noqa: E402


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", default="12,30,100")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not corpus_available():
        raise SystemExit("the shared corpus (../shared/corpus/text/) is not beside this checkout")
    os.chdir(ROOT)
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| articles | cold: wall (s) | cold: CPU (s) | peak RSS (MiB) | outputs (KiB) | cache added (KiB) "
          "| one edit, warm cache: wall (s) | CPU (s) |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="publisher-per-publication-") as temporary:
        work = Path(temporary)
        for count in (int(text) for text in args.articles.split(",")):
            articles = work / f"articles-{count}"
            write_articles(count, articles)
            out = work / f"out-{count}"
            cold = measure(publisher("build", str(articles), "-o", str(out), "--no-cache", "--jobs", "1"), args.repeat)
            cache = work / f"cache-{count}"
            measure(publisher("build", str(articles), "-o", str(out), "--cache", str(cache), "--jobs", "1"))
            cached = folder_size(cache)
            edited = articles / "0001.md"
            edited.write_text(edited.read_text(encoding="utf-8") + "\nMột câu sửa.\n", encoding="utf-8")
            warm = measure(publisher("build", str(articles), "-o", str(out), "--cache", str(cache), "--jobs", "1"))
            print(f"| {count} | {cold['wall']:.2f} | {cold['cpu']:.2f} | {cold['rss_kib'] / 1024:.0f} "
                  f"| {folder_size(out) / 1024:.0f} | {cached / 1024:.0f} | {warm['wall']:.2f} | {warm['cpu']:.2f} |",
                  flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
