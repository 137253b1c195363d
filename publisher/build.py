"""Orchestration: paths in, publications assembled, every format written."""

from __future__ import annotations

import dataclasses
import logging
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from publisher import assemble
from publisher.clean.profiles import ProfileSet, load_profiles
from publisher.errors import PublisherError
from publisher.model import Publication
from publisher.network import NetworkPolicy
from publisher.verify import VerificationError, verify_outputs
from publisher.clean.tonemarks import STYLES as TONE_MARK_STYLES, restyle
from publisher.render import Renderer
from publisher.render.glyphs import guard_publication, map_text
from publisher.render.layout import Layout, find_layout
from publisher.render.options import PrintOptions
from publisher.writers.epub import EpubWriter
from publisher.writers.impose import impose_booklet
from publisher.writers.pdf import PdfWriter
from publisher.slug import slugify
from publisher.writers import WRITERS, write_atomically

ALL_FORMATS = ("pdf", "epub", "html")
Report = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] | None = None  # None: the manifest's formats, else all
    layout: str | None = None
    print: PrintOptions = field(default_factory=PrintOptions)
    network: NetworkPolicy = field(default_factory=NetworkPolicy)
    verify: bool = False
    tone_marks: str = "keep"  # keep, old (hòa, thúy) or new (hoà, thuý): everywhere, TOC and metadata too


@dataclass(frozen=True)
class WrittenFile:
    format: str
    path: Path
    size: int


@dataclass(frozen=True)
class PublicationResult:
    source: Path
    title: str
    files: tuple[WrittenFile, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reporter:
    """Where a build reports progress and warnings; the CLI prints them, tests collect them."""

    progress: Report = _ignore
    warning: Report = _ignore


class _WarningLog(logging.Handler):
    """Collects warnings that writers log (WeasyPrint's refused URLs and the like)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_publication(
    path: Path,
    profiles: ProfileSet | None = None,
    reporter: Reporter = Reporter(),
    network: NetworkPolicy = NetworkPolicy(),
    fetch_folder: Path | None = None,
) -> Publication:
    """A publication from an article file, a folder of articles or a folder with a manifest."""
    return assemble.load_publication(path, profiles, reporter.warning, network, fetch_folder)


def build_publication(
    publication: Publication,
    source: Path,
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter = Reporter(),
    layout: Layout | None = None,
    name: str | None = None,
) -> PublicationResult:
    """Render ``publication`` into each requested format under ``out_dir``."""
    layout = layout or find_layout(options.layout or publication.layout, _layout_search_dirs(source))
    publication, missing = guard_publication(publication, layout.drawable())
    warnings = [str(report) for report in missing]
    for message in warnings:
        reporter.warning(message)
    renderer = Renderer(publication=publication, layout=layout, print_options=options.print)
    stem = name or slugify(publication.title)
    formats = _ordered_formats(options.formats or publication.formats or ALL_FORMATS)
    files = []
    log = _WarningLog()
    logger = logging.getLogger("publisher")
    logger.addHandler(log)
    try:
        # Every format is made before any is written: a failure leaves no output at all.
        print_pages = ()
        made: list[tuple[str, Path, bytes]] = []
        for format_name in formats:
            writer = EpubWriter(print_pages) if format_name == "epub" else WRITERS[format_name]()
            reporter.progress(f"writing {format_name.upper()} of '{publication.title}'")
            data = writer.write_bytes(renderer)
            made.append((format_name, out_dir / f"{stem}{writer.suffix}", data))
            if isinstance(writer, PdfWriter):
                print_pages = writer.page_starts
                if options.print.impose == "booklet":
                    made.append(("booklet", out_dir / f"{stem}.booklet.pdf", impose_booklet(data)))
        for format_name, target, data in made:
            write_atomically(data, target)
            files.append(WrittenFile(format=format_name, path=target, size=len(data)))
    finally:
        logger.removeHandler(log)
    for message in log.messages:
        reporter.warning(message)
    if options.verify:
        reporter.progress(f"verifying what was written of '{publication.title}'")
        missing = verify_outputs(publication, [(f.format, f.path) for f in files if f.format in ALL_FORMATS])
        if missing:
            details = "; ".join(str(m) for m in missing[:5]) + (f"; and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise VerificationError(f"{len(missing)} part(s) missing from the outputs: {details}", source)
    return PublicationResult(source=source, title=publication.title, files=tuple(files), warnings=tuple(warnings + log.messages))


def _ordered_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """PDF first: the EPUB's page-list needs to know where the print pages begin."""
    return tuple(sorted(dict.fromkeys(formats), key=lambda name: (name != "pdf", ALL_FORMATS.index(name) if name in ALL_FORMATS else 9)))


def _layout_search_dirs(source: Path) -> tuple[Path, ...]:
    folder = source if source.is_dir() else source.parent
    return (folder / "layouts",) if (folder / "layouts").is_dir() else ()


def build(
    paths: Sequence[Path],
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter = Reporter(),
) -> list[PublicationResult]:
    """Build one publication per path (an article file or a folder of articles)."""
    options.print.validated()
    unknown = [f for f in options.formats or () if f not in WRITERS]
    if unknown:
        raise PublisherError(f"unknown format '{unknown[0]}' (choose from {', '.join(WRITERS)})")
    if options.tone_marks not in TONE_MARK_STYLES:
        raise PublisherError(f"unknown tone-mark style '{options.tone_marks}' (choose from {', '.join(TONE_MARK_STYLES)})")
    with tempfile.TemporaryDirectory(prefix="publisher-fetched-") as fetched:
        return _build_all(paths, out_dir, options, reporter, Path(fetched))


def _build_all(paths: Sequence[Path], out_dir: Path, options: BuildOptions, reporter: Reporter, fetched: Path) -> list[PublicationResult]:
    profiles = load_profiles()
    loaded = []
    for path in paths:
        load_warnings: list[str] = []

        def warn(message: str, sink: list[str] = load_warnings) -> None:
            sink.append(message)
            reporter.warning(message)

        publication = load_publication(path, profiles, Reporter(reporter.progress, warn), options.network, fetched)
        if options.tone_marks != "keep":
            publication = map_text(publication, lambda text: restyle(text, options.tone_marks))
        loaded.append((path, publication, load_warnings))
    names = _unique_names([slugify(publication.title) for _, publication, _ in loaded])
    results = []
    for (path, publication, load_warnings), stem in zip(loaded, names):
        result = build_publication(publication, path, out_dir, options, reporter, name=stem)
        results.append(dataclasses.replace(result, warnings=tuple(load_warnings) + result.warnings))
    return results


def _unique_names(stems: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for stem in stems:
        count = seen.get(stem, 0) + 1
        seen[stem] = count
        unique.append(stem if count == 1 else f"{stem}-{count}")
    return unique

