"""The command line: a thin shell over the library's build and clean."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from publisher.batch import BatchJob, JobOutcome, build_tree
from publisher.build import BuildOptions
from publisher.cache import DEFAULT_CACHE_MAX_SIZE, Cache, default_cache_dir, parse_size
from publisher.errors import PublisherError
from publisher.network import NetworkPolicy
from publisher.progress import ProgressLine
from publisher.render.options import PrintOptions
from publisher.storage import location
from publisher.version import package_version
from publisher.writers import FORMATS

app = typer.Typer(
    help="Turn news articles into bulletins (PDF), e-books (EPUB 3) and web pages.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"publisher {package_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn news articles into bulletins (PDF), e-books (EPUB 3) and web pages."""


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"


_CONTROL = str.maketrans({code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))})


def _printable(text: str) -> str:
    """What a feed or a server said, shown without the control characters that would
    drive the terminal (escape sequences), each written as \\xNN."""
    return text.translate(_CONTROL)


# Options that build and clean share.
AsArticle = Annotated[
    bool, typer.Option("--as-article", help="Each page is an article: what would refuse one is a warning instead."),
]
ProfileFolders = Annotated[
    list[Path] | None,
    typer.Option("--profiles", help="A folder of your own site profiles (*.toml); may be given more than once."),
]


@app.command("build")
def build_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Article files, folders of articles, or trees of them; each folder is one publication."),
    ],
    out_dir: Annotated[
        str,
        typer.Option(
            "--output", "-o", help=(
                "Folder for the outputs, or an fsspec URL (s3://bucket/news: each file published whole); a tree keeps "
                "its shape there."
            ),
        ),
    ] = "out",
    formats: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help=(
                f"Comma-separated: {','.join(FORMATS)} (default: the manifest's, else all)."
            ),
        ),
    ] = None,
    layout: Annotated[str | None, typer.Option("--layout", "-l", help="Layout name or folder.")] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help=(
                "Processes: publications built at once, or the parts of one large PDF (default: the number of "
                "cores)."
            ),
        ),
    ] = None,
    cache: Annotated[
        str | None,
        typer.Option(
            "--cache", help=(
                "Cache folder or fsspec URL: publications whose inputs did not change are not built again (default: "
                "your user cache folder, or $PUBLISHER_CACHE_DIR)."
            ), show_default=False,
        ),
    ] = None,
    executor: Annotated[
        str,
        typer.Option(
            "--executor", help=(
                "processes (this machine's) or dask: a Dask cluster, at --scheduler or started here with --jobs workers."
            ),
        ),
    ] = "processes",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="With --executor dask: the scheduler's address, tcp://HOST:8786."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    cache_max_size: Annotated[
        str,
        typer.Option(
            "--cache-max-size", help=(
                "After building, remove the cache entries used longest ago beyond this size (500MB, 2GB)."
            ),
        ),
    ] = DEFAULT_CACHE_MAX_SIZE,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=(
                "Build everything anew, ignoring the cache (and refreshing it)."
            ),
        ),
    ] = False,
    keep_html: Annotated[
        bool,
        typer.Option(
            "--keep-html", help=(
                "Also write NAME.print.html: the PDF's whole document, for plain weasyprint."
            ),
        ),
    ] = False,
    pdf_variant: Annotated[str | None, typer.Option("--pdf-variant", help="pdf/a-3b, pdf/ua-1 or pdf/x-4.")] = None,
    page_size: Annotated[str | None, typer.Option("--page-size", help="A4, A5, letter, or '148mm 210mm'.")] = None,
    bleed: Annotated[str | None, typer.Option("--bleed", help="Bleed around each page, e.g. 3mm.")] = None,
    marks: Annotated[str | None, typer.Option("--marks", help="Printer's marks: crop, cross or 'crop cross'.")] = None,
    mirror_margins: Annotated[
        bool,
        typer.Option(
            "--mirror-margins", help=(
                "Wider outer margins on facing pages, for duplex."
            ),
        ),
    ] = False,
    impose: Annotated[
        str | None,
        typer.Option(
            "--impose", help=(
                "booklet: also write the pages two-up in saddle-stitch order."
            ),
        ),
    ] = None,
    no_tags: Annotated[bool, typer.Option("--no-tags", help="An untagged PDF: no structure tree for screen readers.")] = False,
    allow_network: Annotated[
        bool,
        typer.Option(
            "--allow-network", help=(
                "Fetch http(s) images (public hosts only, size-capped)."
            ),
        ),
    ] = False,
    verify: Annotated[bool, typer.Option("--verify", help="Read every output back; fail if any text is missing.")] = False,
    tone_marks: Annotated[
        str,
        typer.Option(
            "--tone-marks", help=(
                "Tone-mark placement: keep, old (hòa, thúy) or new (hoà, thuý)."
            ),
        ),
    ] = "keep",
    as_article: AsArticle = False,
    profiles: ProfileFolders = None,
) -> None:
    """Build publications into PDF, EPUB and HTML."""
    chosen = tuple(part.strip().lower() for part in formats.split(",") if part.strip()) if formats else None
    printing = PrintOptions(page_size=page_size, bleed=bleed, marks=marks, mirror_margins=mirror_margins,
                            pdf_variant=pdf_variant, impose=impose, tags=not no_tags)
    options = BuildOptions(formats=chosen, layout=layout, print=printing, network=NetworkPolicy(allowed=allow_network),
                           verify=verify, tone_marks=tone_marks.strip().lower(),
                           cache_dir=None if no_cache else location(cache) if cache else default_cache_dir(),
                           force=force, keep_html=keep_html, as_article=as_article, profile_dirs=tuple(profiles or ()))
    max_size = parse_size(cache_max_size)
    shown: list[ProgressLine] = []  # made once the build knows its publications

    def planned(batch: Sequence[BatchJob]) -> None:
        shown.append(ProgressLine(publications=len(batch), articles=sum(job.expected_articles for job in batch),
                                  enabled=sys.stderr.isatty()))
        shown[0].show()

    def report(outcome: JobOutcome) -> None:
        progress = shown[0]
        progress.advance(outcome)
        if outcome.error is not None and progress.publications > 1:
            progress.say(f"failed: {outcome.job.source}: {outcome.error}")
        elif outcome.result is not None:
            for message in outcome.result.warnings:
                progress.say(f"warning: {message}")

    with _executor(executor, scheduler, jobs) as where:
        summary = build_tree(paths, location(out_dir), options, jobs=jobs, executor=where, on_outcome=report,
                             on_planned=planned)
    shown[0].finish()
    if isinstance(options.cache_dir, Path) and summary.count("built"):  # at a URL: the bucket's expiry rules
        Cache(options.cache_dir).prune(max_size)
    for result in summary.results:
        typer.echo(f"{result.title}{' (up to date)' if result.up_to_date else ''}")
        for written in result.files:
            typer.echo(f"  {written.format.upper():5} {written.location}  ({_human_size(written.size)})")
    typer.echo(summary.describe())
    for outcome in summary.failed:
        typer.echo(f"error: {outcome.error}", err=True)
    if summary.failed:
        raise SystemExit(1)


def _executor(kind: str, scheduler: str | None, jobs: int | None) -> contextlib.AbstractContextManager[Executor | None]:
    """Where the publications are built: None for this machine's processes, or a Dask cluster."""
    kind = kind.strip().lower()
    if kind not in ("processes", "dask"):
        raise PublisherError(f"--executor must be processes or dask, not '{kind}'")
    if kind == "processes":
        if scheduler is not None:
            raise PublisherError("--scheduler is the address of a Dask cluster: give --executor dask with it")
        return contextlib.nullcontext()
    from publisher.dask_cluster import dask_executor
    from publisher.executors import default_jobs

    return dask_executor(scheduler, jobs or default_jobs(), quiet=True)


@app.command("serve")
def serve_command(
    path: Annotated[Path, typer.Argument(help="What build takes: an article file, a folder of articles, a publication.")],
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free one).")] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; anything but loopback lets other machines read the preview."),
    ] = "127.0.0.1",
    layout: Annotated[str | None, typer.Option("--layout", "-l", help="Layout name or folder.")] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the preview in the web browser.")] = False,
) -> None:
    """A live preview in the browser: the web page at /, the print pages at /print, the
    files at /pdf and /epub, rebuilt as you edit. Ctrl-C stops it."""
    from publisher.serve import ServeSettings, serve

    serve(path, ServeSettings(host=host, port=port, layout=layout, open_browser=open_browser),
          say=lambda message: typer.echo(message, err=message.startswith(("warning:", "error:"))))


@app.command("clean")
def clean_command(
    files: Annotated[list[Path], typer.Argument(help="Article files to clean.")],
    out_dir: Annotated[Path | None, typer.Option("--output", "-o", help="Write NAME.md files here instead of printing.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show each dropped line and the rule that dropped it.")] = False,
    allow_network: Annotated[
        bool,
        typer.Option(
            "--allow-network", help=(
                "With -o: download remote images into DIR/NAME_files/ (public hosts only, size-capped)."
            ),
        ),
    ] = False,
    as_article: AsArticle = False,
    profile_dirs: ProfileFolders = None,
) -> None:
    """Print each cleaned article as Markdown with front matter. A file that fails is
    reported and the others are cleaned; the exit status is 1 if any failed."""
    from publisher.article_files import WebAddressError
    from publisher.clean.profiles import load_profiles
    from publisher.export import article_to_markdown, write_markdown_article
    from publisher.ingest import read_article

    if allow_network and out_dir is None:
        _warn("--allow-network downloads images only with -o DIR; remote addresses are printed as they are")
    profiles = load_profiles(tuple(profile_dirs or ()))
    network = NetworkPolicy(allowed=allow_network)
    failed = 0
    for path in files:
        try:
            result = read_article(path, profiles, as_article=as_article)
            for message in result.warnings:
                _warn(f"{path}: {message}")
            if explain:
                for dropped in result.dropped:
                    _say(f"{path}:{dropped.line}: dropped ({dropped.rule}): {dropped.text[:100]}")
            if out_dir is not None:
                target, images = write_markdown_article(result.article, out_dir, path.stem, network=network, warn=_warn)
                _say(f"wrote {target}" + (f" and {len(images)} image(s) in {images[0].parent}" if images else ""))
            else:
                sys.stdout.write(article_to_markdown(result.article))
        except PublisherError as error:
            failed += 1
            says_where = error.path is not None or isinstance(error, WebAddressError)
            typer.echo(f"error: {error}" if says_where else f"error: {path}: {error}", err=True)
    if failed:
        if len(files) > 1:
            _say(f"cleaned {len(files) - failed} file(s), {failed} failed")
        raise SystemExit(1)


@app.command("fetch")
def fetch_command(
    sources: Annotated[
        list[str],
        typer.Argument(help=(
            "Feeds, sitemaps, article or site pages (http(s) addresses), text files of addresses; or one "
            "publication folder, to fetch the sources its publication.toml lists."
        ), show_default=False),
    ],
    out_dir: Annotated[Path | None, typer.Option("--output", "-o", help="The publication folder to fetch into.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles newer than this: 7d, 36h, 2w, or a date (2026-11-25)."),
    ] = None,
    max_per_source: Annotated[
        int | None, typer.Option("--max-per-source", min=1, help="At most this many articles from each source."),
    ] = None,
    delay: Annotated[
        float, typer.Option("--delay", min=0, help="Seconds between two requests to one host (robots.txt may ask more)."),
    ] = 1.0,
    allow_private: Annotated[
        bool, typer.Option("--allow-private-network", help="Also fetch from loopback and private addresses (an intranet)."),
    ] = False,
    as_article: AsArticle = False,
    profile_dirs: ProfileFolders = None,
) -> None:
    """Fetch the articles of feeds, sitemaps and lists into a folder that builds offline.
    A source or an article that fails is reported and the others go on; the exit status
    is 1 if any failed."""
    from publisher.fetch import FetchOptions, SourceSpec, fetch_sources, parse_since
    from publisher.manifest import MANIFEST_NAME, load_sources

    if len(sources) == 1 and Path(sources[0]).is_dir() and out_dir in (None, Path(sources[0])):
        folder = Path(sources[0])
        if not (folder / MANIFEST_NAME).is_file():
            raise PublisherError(f"no {MANIFEST_NAME} here to list [[sources]]: give the sources and -o FOLDER", folder)
        specs = load_sources(folder / MANIFEST_NAME, _warn)
    elif out_dir is None:
        raise PublisherError("where to? give the publication folder with -o FOLDER")
    else:
        folder, specs = out_dir, [SourceSpec(location=source) for source in sources]
    try:
        moment = parse_since(since) if since else None
    except ValueError as problem:
        raise PublisherError(f"--since: {problem}") from None
    options = FetchOptions(since=moment, max_per_source=max_per_source, delay=delay, allow_private=allow_private,
                           as_article=as_article, profile_dirs=tuple(profile_dirs or ()))
    terminal = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if terminal:
            sys.stderr.write(f"\r\x1b[Kfetching: {done}/{total} article(s)")
            sys.stderr.flush()

    def say(message: str) -> None:
        if terminal:
            sys.stderr.write("\r\x1b[K")
        _warn(_printable(message))

    if terminal:
        sys.stderr.write(f"reading {len(specs)} source(s)")
        sys.stderr.flush()
    summary = fetch_sources(specs, folder, options, on_progress=progress, warn=say)
    if terminal:
        sys.stderr.write("\r\x1b[K")
    for outcome in summary.outcomes:
        if outcome.status == "fetched" and outcome.path is not None:
            typer.echo(f"{'updated' if outcome.message else 'wrote'} {outcome.path}")
        elif outcome.status == "skipped":
            _say(_printable(f"skipped ({outcome.reason}): {outcome.url}" + (f": {outcome.message}" if outcome.message else "")))
    for outcome in summary.failed:
        typer.echo(f"error: {_printable(outcome.message or outcome.url)}", err=True)
    typer.echo(summary.describe())
    if summary.failed:
        raise SystemExit(1)


@app.command("cache")
def cache_command(
    cache: Annotated[
        str | None,
        typer.Option(
            "--cache", help=(
                "Cache folder or fsspec URL (default: your user cache folder, or $PUBLISHER_CACHE_DIR)."
            ), show_default=False,
        ),
    ] = None,
    prune: Annotated[
        str | None,
        typer.Option(
            "--prune", help=(
                "Remove the entries used longest ago beyond this size (0 empties it)."
            ),
        ),
    ] = None,
) -> None:
    """Show what the cache holds; with --prune, trim it."""
    where = location(cache) if cache else default_cache_dir()
    store = Cache(where)
    if prune is not None:
        removed = store.prune(parse_size(prune))
        typer.echo(f"removed {removed.entries} entries ({_human_size(removed.size)})")
    usage = store.usage()
    typer.echo(f"{where}: {usage.entries} entries, {_human_size(usage.size)}")


@app.command("layouts")
def layouts_command(
    folder: Annotated[Path | None, typer.Argument(help="A publication folder whose layouts/ to include.")] = None,
) -> None:
    """List the layouts available: the built-ins and a publication's own."""
    from publisher.render.layout import available_layouts, find_layout
    from publisher.resources import builtin_layouts_dir

    search = (folder / "layouts",) if folder and (folder / "layouts").is_dir() else ()
    for name, path in available_layouts(search).items():
        layout = find_layout(str(path))
        origin = "built-in" if path.parent == builtin_layouts_dir() else str(path)
        typer.echo(f"{name:10} {layout.page_size:4} {layout.description}  [{origin}]")


@app.command("new")
def new_command(
    name: Annotated[Path, typer.Argument(help="Folder to create for the new publication.")],
    layout: Annotated[str, typer.Option("--layout", "-l", help="Layout for the manifest.")] = "bulletin",
) -> None:
    """Start a publication: a folder with a manifest, one sample article and a README."""
    from publisher.scaffold import new_publication

    created = new_publication(name, layout)
    for path in created:
        typer.echo(f"created {path}")
    typer.echo(f"Next: put article files (.md, .txt, .html) in {name / 'articles'}/ (all are included, in name order), "
               f"then run: publisher build {name} -o {name / 'out'}")


def run() -> NoReturn:
    """The ``publisher`` command: ``main``, then the process ends without the interpreter's
    teardown. Freeing WeasyPrint's fonts and layouts object by object takes 0.1 to 0.25 s
    after every output is written: longer than a whole EPUB build. The exit handlers still
    run, and the streams are flushed. Under a profiler or tracer the process ends as
    usual, so that they can write what they gathered."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        main()
        return  # type: ignore[misc]  # main always raises SystemExit
    try:
        main()
        code = 0
    except SystemExit as exit_request:
        code = _exit_code(exit_request.code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to say
            code = code or 1
    os._exit(code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # what SystemExit("message") prints
    return 1


def main() -> None:
    try:
        app()
    except PublisherError as error:
        typer.echo(f"error: {error}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise SystemExit(130) from None
    except Exception as error:  # never a traceback for the user; PUBLISHER_DEBUG=1 shows it
        if os.environ.get("PUBLISHER_DEBUG"):
            raise
        typer.echo(f"error: internal error: {type(error).__name__}: {error} (set PUBLISHER_DEBUG=1 for details)", err=True)
        raise SystemExit(2) from None
