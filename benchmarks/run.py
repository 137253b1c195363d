"""Measure publisher against plain WeasyPrint and pandoc on the same articles.

    python benchmarks/run.py [--sizes 10,100,400] [--uneven 100] [--jobs 2] [--only sizes,uneven,batch]

Builds publications of 10, 100 and 400 articles from the seed and ../shared/corpus/text/
(generated as Markdown into a temporary folder), one of ``--uneven`` articles whose
lengths differ twentyfold (runs of long features between runs of short briefs, from the
same texts: ``corpus.write_uneven_articles``), and prints one Markdown table: wall
time, pages per second, peak memory of the largest process, PDF and EPUB sizes, each
beside plain `weasyprint` on the `--keep-html` document and `pandoc` (Markdown -> EPUB)
timed in the same run, with the ratios and the issue's targets. Every command runs as
its own process, from this checkout (`python -m publisher`), with no cache unless the
row is about the cache; each timed pair is the best of BENCH_REPEAT runs (default 2).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import corpus_available, write_articles, write_uneven_articles  # noqa: E402

# Runs a command and reports its wall time and the peak resident memory of the largest
# process it started (RUSAGE_CHILDREN: the largest of the command and all it waited for).
_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime, "code": code}))
"""


def measure(command: list[str], repeat: int = 1) -> dict:
    """The best of ``repeat`` runs (this machine is shared: the best run is the least disturbed)."""
    runs = []
    for _ in range(repeat):
        result = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True)
        data = json.loads(result.stdout.strip().splitlines()[-1])
        if data["code"] != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
        runs.append(data)
    return min(runs, key=lambda run: run["wall"])


REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))


def publisher(*args: str) -> list[str]:
    return [sys.executable, "-m", "publisher", *args]


def page_count(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(pdf)).pages)


def only(folder: Path, suffix: str) -> Path:
    [path] = list(folder.rglob(f"*{suffix}"))
    return path


def pdf_rows(size: int, work: Path, jobs: int) -> tuple[list[str], Path]:
    articles = work / f"articles-{size}"
    write_articles(size, articles)
    out = work / f"out-{size}"
    ours = measure(
        publisher("build", str(articles), "-o", str(out), "-f", "pdf", "--keep-html", "--no-cache", "--jobs", str(jobs)), REPEAT
    )
    pdf, kept = only(out, ".pdf"), only(out, ".print.html")
    plain_pdf = work / f"plain-{size}.pdf"
    plain = measure(["weasyprint", str(kept), str(plain_pdf)], REPEAT)
    # Ours is tagged by default: the fair comparison is plain WeasyPrint tagged too.
    tagged_pdf = work / f"plain-tagged-{size}.pdf"
    tagged = measure(["weasyprint", "--pdf-tags", str(kept), str(tagged_pdf)], REPEAT)
    pages, plain_pages = page_count(pdf), page_count(plain_pdf)
    assert pages == plain_pages, (pages, plain_pages)
    time_target = {100: "≤ 0.60", 400: "≤ 0.55"}.get(size, "")
    rows = [
        _row(f"{size} articles: PDF wall time, tagged (s)", ours["wall"], tagged["wall"], "weasyprint --pdf-tags", time_target),
        _row(f"{size} articles: PDF wall time (s)", ours["wall"], plain["wall"], "weasyprint, untagged", time_target),
        _row(f"{size} articles: PDF size, tagged (KiB)", pdf.stat().st_size / 1024, tagged_pdf.stat().st_size / 1024,
             "weasyprint --pdf-tags", "≤ 1.05"),
        _row(f"{size} articles: PDF CPU time, all processes (s)", ours["cpu"], plain["cpu"], "weasyprint", ""),
        _row(f"{size} articles: pages / s ({pages} pages)", pages / ours["wall"], plain_pages / plain["wall"], "weasyprint", ""),
        _row(f"{size} articles: peak memory, largest process (MiB)", ours["rss_kib"] / 1024, plain["rss_kib"] / 1024,
             "weasyprint", "≤ 0.5" if size == 400 else ""),
        _row(
            f"{size} articles: PDF size (KiB)", pdf.stat().st_size / 1024, plain_pdf.stat().st_size / 1024, "weasyprint", "≤ 1.05"
        ),
    ]
    return rows, articles


def uneven_rows(size: int, work: Path, jobs: int) -> list[str]:
    """The PDF of an uneven publication in parts, against plain WeasyPrint on the same
    document: the parts are cut by their expected layout work, not their article count."""
    articles = work / f"uneven-{size}"
    write_uneven_articles(size, articles)
    out = work / f"uneven-out-{size}"
    ours = measure(
        publisher("build", str(articles), "-o", str(out), "-f", "pdf", "--keep-html", "--no-cache", "--jobs", str(jobs)), REPEAT
    )
    kept = only(out, ".print.html")
    plain_pdf, tagged_pdf = work / f"uneven-plain-{size}.pdf", work / f"uneven-tagged-{size}.pdf"
    plain = measure(["weasyprint", str(kept), str(plain_pdf)], REPEAT)
    tagged = measure(["weasyprint", "--pdf-tags", str(kept), str(tagged_pdf)], REPEAT)
    assert page_count(only(out, ".pdf")) == page_count(plain_pdf)
    return [
        _row(f"{size} uneven articles: PDF wall time, tagged (s)", ours["wall"], tagged["wall"], "weasyprint --pdf-tags",
             "≤ 0.60"),
        _row(f"{size} uneven articles: PDF wall time (s)", ours["wall"], plain["wall"], "weasyprint, untagged", "≤ 0.60"),
        _row(f"{size} uneven articles: PDF CPU time, all processes (s)", ours["cpu"], plain["cpu"], "weasyprint", ""),
    ]


def epub_rows(size: int, articles: Path, work: Path) -> list[str]:
    out, cache = work / f"epub-{size}", work / f"epub-cache-{size}"
    cold = measure(publisher("build", str(articles), "-o", str(out), "-f", "epub", "--cache", str(cache)))
    epub = only(out, ".epub")
    # The same articles for pandoc: the seed as the Markdown `publisher clean` makes of it.
    markdown = work / f"pandoc-{size}"
    shutil.copytree(articles, markdown, ignore=shutil.ignore_patterns("*.txt"))
    for seed in articles.glob("*.txt"):
        subprocess.run(publisher("clean", str(seed), "-o", str(markdown)), check=True, capture_output=True)
    pandoc_epub = work / f"pandoc-{size}.epub"
    if shutil.which("pandoc") is None:
        return [f"| {size} articles: EPUB, whole command (s) | {cold['wall']:.2f} | pandoc not installed | | ≤ 0.3 |"]
    sources = sorted(str(p) for p in markdown.glob("*.md"))
    pandoc = measure(["pandoc", "-o", str(pandoc_epub), "--metadata", f"title=Articles {size}", *sources], REPEAT)
    # Warm: the font subsets are in the cache (they are the same for every Vietnamese text).
    (articles / "0001.md").write_text((articles / "0001.md").read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    warm = measure(publisher("build", str(articles), "-o", str(out), "-f", "epub", "--cache", str(cache)))
    return [
        _row(f"{size} articles: EPUB, whole command, cold cache (s)", cold["wall"], pandoc["wall"], "pandoc", "≤ 0.3"),
        _row(f"{size} articles: EPUB, whole command, font subsets cached (s)", warm["wall"], pandoc["wall"], "pandoc", "≤ 0.3"),
        _row(f"{size} articles: EPUB size (KiB)", epub.stat().st_size / 1024, pandoc_epub.stat().st_size / 1024, "pandoc", ""),
    ]


def rebuild_rows(articles: Path, work: Path, jobs: int) -> list[str]:
    out, cache = work / "rebuild-out", work / "rebuild-cache"
    full = measure(publisher("build", str(articles), "-o", str(out), "--cache", str(cache), "--jobs", str(jobs)))
    edited = articles / "0050.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("\n\n", "\n\nMột đoạn mới được thêm vào.\n\n", 1), encoding="utf-8"
    )
    one = measure(publisher("build", str(articles), "-o", str(out), "--cache", str(cache), "--jobs", str(jobs)))
    nothing = measure(publisher("build", str(articles), "-o", str(out), "--cache", str(cache), "--jobs", str(jobs)))
    # A longer correction: eight paragraphs more, so that every page after it moves.
    longer = "\n\n".join(["Một đoạn dài được thêm vào để bài dài thêm gần một trang. " * 6] * 8)
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n\n", f"\n\n{longer}\n\n", 1), encoding="utf-8")
    grown = measure(publisher("build", str(articles), "-o", str(out), "--cache", str(cache), "--jobs", str(jobs)))
    size = articles.name[9:]
    return [
        _row(f"{size} articles: rebuild after editing one, all formats (s)", one["wall"], full["wall"], "full build", "≤ 0.2"),
        _row(
            f"{size} articles: rebuild after one grows by a page, all formats (s)", grown["wall"], full["wall"], "full build", ""
        ),
        _row(f"{size} articles: rebuild with nothing changed (s)", nothing["wall"], full["wall"], "full build", "≤ 0.05"),
    ]


def batch_rows(work: Path, jobs: int) -> list[str]:
    tree = work / "tree"
    for number in range(40):
        write_articles(3, tree / f"pub-{number:02d}")
    one = measure(publisher("build", str(tree), "-o", str(work / "tree-1"), "-f", "pdf", "--no-cache", "--jobs", "1"), REPEAT)
    many = measure(
        publisher("build", str(tree), "-o", str(work / "tree-n"), "-f", "pdf", "--no-cache", "--jobs", str(jobs)), REPEAT
    )
    speedup = one["wall"] / many["wall"]
    return [f"| 40 publications of 3 articles, PDF: `--jobs {jobs}` vs `--jobs 1` (s) | {many['wall']:.2f} | {one['wall']:.2f} "
            f"(--jobs 1) | speed-up {speedup:.2f}x | ≥ 1.8x |",
            _row("40 publications: CPU time, all processes (s)", many["cpu"], one["cpu"], "--jobs 1", "")]


def _row(label: str, ours: float, theirs: float, who: str, target: str) -> str:
    ratio = ours / theirs if theirs else float("nan")
    return f"| {label} | {ours:.2f} | {theirs:.2f} ({who}) | {ratio:.2f} | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,400")
    parser.add_argument("--uneven", type=int, default=100, help="articles of the uneven publication")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", default="sizes,uneven,batch", help="which of sizes, uneven and batch to run")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if not corpus_available():
        raise SystemExit("the shared corpus (../shared/corpus/text/) is not beside this checkout")
    sizes = [int(s) for s in args.sizes.split(",")]
    os.chdir(ROOT)  # python -m publisher imports this checkout
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"--jobs {args.jobs}, {time.strftime('%Y-%m-%d')}, load average before: {os.getloadavg()[0]:.2f}")
    print()
    print("| measure | publisher | plain tool | ratio | target |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="publisher-bench-") as temporary:
        work = Path(temporary)
        for size in sizes if "sizes" in parts else ():
            rows, articles = pdf_rows(size, work, args.jobs)
            if size == 100:
                rows += epub_rows(size, articles, work)
                rows += rebuild_rows(articles, work, args.jobs)
            for row in rows:
                print(row, flush=True)
        for row in uneven_rows(args.uneven, work, args.jobs) if "uneven" in parts else ():
            print(row, flush=True)
        for row in batch_rows(work, args.jobs) if "batch" in parts else ():
            print(row, flush=True)
    print()
    print(f"Load average after: {os.getloadavg()[0]:.2f} (other work on the machine slows the parallel runs most)")


if __name__ == "__main__":
    main()
