"""The command line: a thin shell over the library's build and clean.

Plain ``argparse``: a command starts in a few milliseconds, and each command imports
only what it runs (an EPUB build never loads WeasyPrint).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from publisher.cache import DEFAULT_CACHE_DIR
from publisher.errors import PublisherError

DESCRIPTION = "Turn news articles into bulletins (PDF), e-books (EPUB 3) and web pages."


def _echo(message: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n")
    stream.flush()


def _say(message: str) -> None:
    _echo(message, err=True)


def _human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


def build_command(
    paths: list[Path],
    out_dir: Path = Path("out"),
    formats: str | None = None,
    layout: str | None = None,
    jobs: int | None = None,
    cache: Path = DEFAULT_CACHE_DIR,
    no_cache: bool = False,
    force: bool = False,
    keep_html: bool = False,
    pdf_variant: str | None = None,
    page_size: str | None = None,
    bleed: str | None = None,
    marks: str | None = None,
    mirror_margins: bool = False,
    impose: str | None = None,
    allow_network: bool = False,
    verify: bool = False,
    tone_marks: str = "keep",
) -> None:
    """Build publications into PDF, EPUB and HTML."""
    from publisher.batch import JobOutcome, plan_jobs, run_batch
    from publisher.build import BuildOptions
    from publisher.executors import InlineExecutor, default_jobs, make_executor
    from publisher.network import NetworkPolicy
    from publisher.progress import ProgressLine
    from publisher.render.options import PrintOptions

    chosen = tuple(part.strip().lower() for part in formats.split(",") if part.strip()) if formats else None
    printing = PrintOptions(page_size=page_size, bleed=bleed, marks=marks, mirror_margins=mirror_margins,
                            pdf_variant=pdf_variant, impose=impose)
    options = BuildOptions(formats=chosen, layout=layout, print=printing, network=NetworkPolicy(allowed=allow_network),
                           verify=verify, tone_marks=tone_marks.strip().lower(), cache_dir=None if no_cache else cache,
                           force=force, keep_html=keep_html)
    jobs = jobs or default_jobs()
    batch = plan_jobs(paths, out_dir, options, jobs)
    progress = ProgressLine(publications=len(batch), articles=sum(job.expected_articles for job in batch), enabled=sys.stderr.isatty())
    progress.show()

    def report(outcome: JobOutcome) -> None:
        progress.advance(outcome)
        if outcome.error is not None and len(batch) > 1:
            progress.say(f"failed: {outcome.job.source}: {outcome.error}")
        elif outcome.result is not None:
            for message in outcome.result.warnings:
                progress.say(f"warning: {message}")

    # One publication is built in this process: no pool, no process to start.
    with make_executor(min(jobs, len(batch))) if len(batch) > 1 else InlineExecutor() as executor:
        summary = run_batch(batch, executor, report)
    progress.finish()
    for result in summary.results:
        _echo(f"{result.title}{' (up to date)' if result.up_to_date else ''}")
        for written in result.files:
            _echo(f"  {written.format.upper():5} {written.path}  ({_human_size(written.size)})")
    results = summary.results
    warnings = sum(len(r.warnings) for r in results)
    _echo(
        f"Built {len(results)} publication(s), {sum(len(r.files) for r in results)} file(s), {warnings} warning(s): "
        f"{summary.count('built')} succeeded, {summary.count('failed')} failed, {summary.count('skipped')} skipped (up to date)."
    )
    for outcome in summary.failed:
        _echo(f"error: {outcome.error}", err=True)
    if summary.failed:
        raise SystemExit(1)


def clean_command(files: list[Path], out_dir: Path | None = None, explain: bool = False) -> None:
    """Print each cleaned article as Markdown with front matter."""
    from publisher.clean.profiles import load_profiles
    from publisher.export import article_to_markdown
    from publisher.ingest import read_article

    profiles = load_profiles()
    for path in files:
        result = read_article(path, profiles)
        markdown = article_to_markdown(result.article)
        if explain:
            for dropped in result.dropped:
                _say(f"{path}:{dropped.line}: dropped ({dropped.rule}): {dropped.text[:100]}")
        if out_dir is not None:
            from publisher.writers import write_atomically

            target = out_dir / (path.stem + ".md")
            write_atomically(markdown.encode("utf-8"), target)
            _say(f"wrote {target}")
        else:
            sys.stdout.write(markdown)


def layouts_command(folder: Path | None = None) -> None:
    """List the layouts available: the built-ins and a publication's own."""
    from publisher.render.layout import available_layouts, find_layout
    from publisher.resources import builtin_layouts_dir

    search = (folder / "layouts",) if folder and (folder / "layouts").is_dir() else ()
    for name, path in available_layouts(search).items():
        layout = find_layout(str(path))
        origin = "built-in" if path.parent == builtin_layouts_dir() else str(path)
        _echo(f"{name:10} {layout.page_size:4} {layout.description}  [{origin}]")


def new_command(name: Path, layout: str = "bulletin") -> None:
    """Start a publication: a folder with a manifest, one sample article and a README."""
    from publisher.scaffold import new_publication

    created = new_publication(name, layout)
    for path in created:
        _echo(f"created {path}")
    _echo(f"Next: put article files in {name}/, list them in publication.toml, then run: publisher build {name} -o out")


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not at least 1")
    return value


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="publisher", description=DESCRIPTION)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(function: Callable[..., None], name: str) -> argparse.ArgumentParser:
        doc = (function.__doc__ or "").strip()
        sub = commands.add_parser(name, help=doc, description=doc)
        sub.set_defaults(command=function)
        return sub

    build = command(build_command, "build")
    build.add_argument("paths", nargs="+", type=Path, metavar="PATHS",
                       help="Article files, folders of articles, or trees of them; each folder is one publication.")
    build.add_argument("--output", "-o", dest="out_dir", type=Path, default=Path("out"), metavar="DIR",
                       help="Folder for the outputs; a tree keeps its shape there (default: out).")
    build.add_argument("--format", "-f", dest="formats", metavar="LIST", help="Comma-separated: pdf,epub,html (default: the manifest's, else all).")
    build.add_argument("--layout", "-l", metavar="NAME", help="Layout name or folder.")
    build.add_argument("--jobs", "-j", type=_at_least_one, metavar="N", help="Publications built at once (default: the number of cores).")
    build.add_argument("--cache", type=Path, default=DEFAULT_CACHE_DIR, metavar="DIR",
                       help=f"Cache folder: publications whose inputs did not change are not built again (default: {DEFAULT_CACHE_DIR}).")
    build.add_argument("--no-cache", action="store_true", help="Neither read nor write the cache.")
    build.add_argument("--force", action="store_true", help="Build everything anew, ignoring the cache (and refreshing it).")
    build.add_argument("--keep-html", action="store_true", help="Also write NAME.print.html: the PDF's whole document, for plain weasyprint.")
    build.add_argument("--pdf-variant", help="pdf/a-3b or pdf/ua-1.")
    build.add_argument("--page-size", help="A4, A5, letter, or '148mm 210mm'.")
    build.add_argument("--bleed", help="Bleed around each page, e.g. 3mm.")
    build.add_argument("--marks", help="Printer's marks: crop, cross or 'crop cross'.")
    build.add_argument("--mirror-margins", action="store_true", help="Wider outer margins on facing pages, for duplex.")
    build.add_argument("--impose", help="booklet: also write the pages two-up in saddle-stitch order.")
    build.add_argument("--allow-network", action="store_true", help="Fetch http(s) images (public hosts only, size-capped).")
    build.add_argument("--verify", action="store_true", help="Read every output back; fail if any text is missing.")
    build.add_argument("--tone-marks", default="keep", help="Tone-mark placement: keep, old (hòa, thúy) or new (hoà, thuý).")

    clean = command(clean_command, "clean")
    clean.add_argument("files", nargs="+", type=Path, metavar="FILES", help="Article files to clean.")
    clean.add_argument("--output", "-o", dest="out_dir", type=Path, metavar="DIR", help="Write NAME.md files here instead of printing.")
    clean.add_argument("--explain", action="store_true", help="Show each dropped line and the rule that dropped it.")

    layouts = command(layouts_command, "layouts")
    layouts.add_argument("folder", nargs="?", type=Path, metavar="FOLDER", help="A publication folder whose layouts/ to include.")

    new = command(new_command, "new")
    new.add_argument("name", type=Path, metavar="NAME", help="Folder to create for the new publication.")
    new.add_argument("--layout", "-l", default="bulletin", metavar="NAME", help="Layout for the manifest (default: bulletin).")
    return parser


def run(argv: Sequence[str] | None = None) -> None:
    """Parse ``argv`` (default: the process's arguments) and run the command it names."""
    parser = make_parser()
    arguments = vars(parser.parse_args(argv))
    command = arguments.pop("command", None)
    if command is None:
        parser.print_help(sys.stderr)
        raise SystemExit(2)
    command(**arguments)


def main(argv: Sequence[str] | None = None) -> None:
    try:
        run(argv)
    except PublisherError as error:
        _echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        _echo("interrupted", err=True)
        raise SystemExit(130) from None
    except Exception as error:  # never a traceback for the user; PUBLISHER_DEBUG=1 shows it
        if os.environ.get("PUBLISHER_DEBUG"):
            raise
        _echo(f"error: internal error: {type(error).__name__}: {error} (set PUBLISHER_DEBUG=1 for details)", err=True)
        raise SystemExit(2) from None
