"""Orchestration: paths in, publications assembled, every format written."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from publisher.clean.profiles import ProfileSet, load_profiles
from publisher.clean.tonemarks import STYLES as TONE_MARK_STYLES, restyle
from publisher.errors import InputError, NotAnArticleError, PublisherError
from publisher.ingest import is_article_file, read_article
from publisher.model import Article, Publication
from publisher.render import Renderer
from publisher.render.glyphs import guard_publication, map_text
from publisher.render.layout import Layout, find_layout
from publisher.slug import slugify
from publisher.writers import WRITERS, write_atomically

ALL_FORMATS = ("pdf", "epub", "html")
Report = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = ALL_FORMATS
    layout: str | None = None
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


def load_publication(path: Path, profiles: ProfileSet | None = None, reporter: Reporter = Reporter()) -> Publication:
    """A publication from one article file, or from a folder of articles."""
    profiles = profiles or load_profiles()
    if path.is_file():
        article = read_article(path, profiles).article
        return _single_article_publication(article)
    if not path.is_dir():
        raise InputError("no such file or folder", path)
    articles = []
    for article_path in sorted((p for p in path.iterdir() if is_article_file(p)), key=_natural_key):
        try:
            articles.append(read_article(article_path, profiles).article)
        except NotAnArticleError as error:
            reporter.warning(f"skipped: {error}")
    if not articles:
        raise InputError("the folder holds no article files (.txt, .md, .html)", path)
    if len(articles) == 1:
        return _single_article_publication(articles[0])
    dates = [a.published.value for a in articles if a.published]
    return Publication(
        title=_title_from_folder(path),
        articles=tuple(articles),
        date=max(dates) if dates else None,
        language=articles[0].language,
    )


def _single_article_publication(article: Article) -> Publication:
    return Publication(
        title=article.title,
        articles=(article,),
        date=article.published.value if article.published else None,
        authors=article.authors,
        publisher=article.source.name,
        language=article.language,
    )


def _title_from_folder(path: Path) -> str:
    name = re.sub(r"[-_]+", " ", path.resolve().name).strip()
    return name[:1].upper() + name[1:] if name else "Publication"


def _natural_key(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)]


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
    covered = frozenset.intersection(*(face.codepoints for face in layout.fonts)) if layout.fonts else frozenset()
    publication, missing = guard_publication(publication, covered)
    warnings = [str(report) for report in missing]
    for message in warnings:
        reporter.warning(message)
    renderer = Renderer(publication=publication, layout=layout)
    stem = name or slugify(publication.title)
    files = []
    log = _WarningLog()
    logger = logging.getLogger("publisher")
    logger.addHandler(log)
    try:
        for format_name in options.formats:
            writer = WRITERS[format_name]()
            reporter.progress(f"writing {format_name.upper()} of '{publication.title}'")
            data = writer.write_bytes(renderer)
            target = out_dir / f"{stem}{writer.suffix}"
            write_atomically(data, target)
            files.append(WrittenFile(format=format_name, path=target, size=len(data)))
    finally:
        logger.removeHandler(log)
    for message in log.messages:
        reporter.warning(message)
    return PublicationResult(source=source, title=publication.title, files=tuple(files), warnings=tuple(warnings + log.messages))


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
    unknown = [f for f in options.formats if f not in WRITERS]
    if unknown:
        raise PublisherError(f"unknown format '{unknown[0]}' (choose from {', '.join(WRITERS)})")
    if options.tone_marks not in TONE_MARK_STYLES:
        raise PublisherError(f"unknown tone-mark style '{options.tone_marks}' (choose from {', '.join(TONE_MARK_STYLES)})")
    profiles = load_profiles()
    publications = [(path, load_publication(path, profiles, reporter)) for path in paths]
    if options.tone_marks != "keep":
        publications = [(path, map_text(p, lambda text: restyle(text, options.tone_marks))) for path, p in publications]
    names = _unique_names([slugify(p.title) for _, p in publications])
    results = []
    for (path, publication), stem in zip(publications, names):
        results.append(build_publication(publication, path, out_dir, options, reporter, name=stem))
    return results


def _unique_names(stems: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for stem in stems:
        count = seen.get(stem, 0) + 1
        seen[stem] = count
        unique.append(stem if count == 1 else f"{stem}-{count}")
    return unique

