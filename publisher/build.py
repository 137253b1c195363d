"""Orchestration: paths in, publications assembled, every format written."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from publisher import assemble
from publisher.clean.profiles import ProfileSet, load_profiles
from publisher.cache import CACHE_LOG, Cache, code_version, collected_warnings, digest, file_digest, files_digest
from publisher.model import Publication
from publisher.network import NetworkPolicy
from publisher.outputs import is_output, lies_inside_inputs, mark_output_folder
from publisher.clean.tonemarks import STYLES as TONE_MARK_STYLES, restyle
from publisher.render import Renderer
from publisher.render.glyphs import STAND_IN_CODEPOINTS, guard_publication, map_text
from publisher.render.text import publication_codepoints
from publisher.render.layout import Layout, find_layout
from publisher.render.options import PrintOptions
from publisher.render.system_fonts import find_system_fonts
from publisher.render.pages import PageStart
from publisher.resources import builtin_layouts_dir, shipped_fonts_dir
from publisher.schema import check_declared, each_one_of, one_of, option, whole_number
from publisher.slug import slugify
from publisher.writers import FORMATS, Writer, write_atomically, writer_class

Report = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class BuildOptions:
    """What a build makes and how. Fields with a declared check are checked by ``check_options``."""

    formats: tuple[str, ...] | None = option(None, each_one_of(FORMATS, "format"), "--format",
                                             "None: the manifest's formats, else all")
    layout: str | None = None
    print: PrintOptions = field(default_factory=PrintOptions)
    network: NetworkPolicy = field(default_factory=NetworkPolicy)
    verify: bool = False
    cache_dir: Path | None = None  # None: no cache
    force: bool = False  # build anew, ignoring (and refreshing) the cache
    keep_html: bool = False  # leave the PDF's whole HTML document beside it
    tone_marks: str = option("keep", one_of(*TONE_MARK_STYLES, noun="tone-mark style"), "--tone-marks",
                             "keep, old (hòa, thúy) or new (hoà, thuý): everywhere, TOC and metadata too")
    pdf_jobs: int = option(1, whole_number(1), "--jobs",
                           "processes that lay out the parts of one large PDF (the output is the same for any number)")
    as_article: bool = False  # the user knows each page is an article: what would refuse one is a warning
    profile_dirs: tuple[Path, ...] = ()  # folders of the user's own site profiles (*.toml), beside the shipped ones


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
    article_count: int = 0
    up_to_date: bool = False  # every output came whole from the cache
    # The system's font files the outputs depend on: (file name, path or "" when not
    # found, SHA-256 or ""). A cached build is reused only while they are unchanged.
    system_fonts: tuple[tuple[str, str, str], ...] = ()


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
        if record.name != CACHE_LOG:  # the cache's own: reported by ``build_one``, never recorded
            self.messages.append(record.getMessage())


def load_publication(
    path: Path,
    profiles: ProfileSet | None = None,
    reporter: Reporter = Reporter(),
    network: NetworkPolicy = NetworkPolicy(),
    fetch_folder: Path | None = None,
    cache: Cache | None = None,
    *,
    as_article: bool = False,
) -> Publication:
    """A publication from an article file, a folder of articles or a folder with a manifest."""
    return assemble.load_publication(path, profiles, reporter.warning, network, fetch_folder, cache, as_article=as_article)


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
    check_options(options)
    layout = layout or find_layout(options.layout or publication.layout, _layout_search_dirs(source))
    cache = Cache(options.cache_dir, readable=not options.force) if options.cache_dir else None
    wanted = publication_codepoints(publication) | STAND_IN_CODEPOINTS
    publication, missing = guard_publication(publication, layout.drawable(cache, wanted))
    warnings = [str(report) for report in missing]
    characters_missing = bool(missing)
    if missing and layout.unavailable_fonts:
        warnings.append(f"fonts not found on this system: {', '.join(layout.unavailable_fonts)} "
                        "(on Debian: apt install fonts-noto-cjk; or name their folder in PUBLISHER_FONT_PATH)")
    for message in warnings:
        reporter.warning(message)
    renderer = Renderer(publication=publication, layout=layout, print_options=options.print, cache=cache)
    stem = name or slugify(publication.title)
    formats = _ordered_formats(options.formats or publication.formats or FORMATS)
    files = []
    log = _WarningLog()
    logger = logging.getLogger("publisher")
    logger.addHandler(log)
    try:
        # Every format is made before any is written: a failure leaves no output at all.
        print_pages: tuple[PageStart, ...] = ()
        made: list[tuple[str, Path, bytes]] = []
        for format_name in formats:
            writer = _writer(format_name, print_pages, options)
            reporter.progress(f"writing {format_name.upper()} of '{publication.title}'")
            data = writer.write_bytes(renderer)
            made.append((format_name, out_dir / f"{stem}{writer.suffix}", data))
            if format_name == "pdf":
                from publisher.writers.impose import impose_booklet
                from publisher.writers.pdf import PdfWriter

                assert isinstance(writer, PdfWriter)
                print_pages = writer.page_starts
                if options.keep_html:
                    made.append(("print-html", out_dir / f"{stem}.print.html", writer.standalone_html(renderer).encode("utf-8")))
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
        from publisher.verify import VerificationError, verify_outputs

        reporter.progress(f"verifying what was written of '{publication.title}'")
        missing = verify_outputs(publication, [(f.format, f.path) for f in files if f.format in FORMATS])
        if missing:
            details = "; ".join(str(m) for m in missing[:5]) + (f"; and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise VerificationError(f"{len(missing)} part(s) missing from the outputs: {details}", source)
    return PublicationResult(source=source, title=publication.title, files=tuple(files), warnings=tuple(warnings + log.messages),
                             article_count=len(publication.articles), system_fonts=_system_fonts_used(renderer, characters_missing))


def _system_fonts_used(renderer: Renderer, characters_missing: bool) -> tuple[tuple[str, str, str], ...]:
    """The system font files a build's outputs depend on: those it drew with, and when
    characters were left out, every one the layout may use (or lacks), since installing
    or changing one could then draw them."""
    layout = renderer.layout
    faces = layout.fallback_fonts if characters_missing else renderer.used_fonts
    found = {(face.path.name, str(face.path), face.digest) for face in faces if face.system}
    if characters_missing:
        found |= {(name, "", "") for name in layout.unavailable_fonts}
    return tuple(sorted(found))


def _writer(format_name: str, print_pages: tuple[PageStart, ...], options: BuildOptions) -> Writer:
    """The writer of one format; the EPUB's page-list follows the PDF's pages, when one was made."""
    if format_name == "epub":
        from publisher.writers.epub import EpubWriter

        return EpubWriter(print_pages)
    if format_name == "pdf":
        from publisher.writers.parts.run import PartSettings
        from publisher.writers.pdf import PdfWriter

        cache = Cache(options.cache_dir, readable=not options.force) if options.cache_dir else None
        return PdfWriter(PartSettings(jobs=options.pdf_jobs, cache=cache))
    return writer_class(format_name)()


def _ordered_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """PDF first: the EPUB's page-list needs to know where the print pages begin."""
    return tuple(sorted(dict.fromkeys(formats), key=lambda name: (name != "pdf", FORMATS.index(name) if name in FORMATS else 9)))


def _layout_search_dirs(source: Path) -> tuple[Path, ...]:
    folder = source if source.is_dir() else source.parent
    return (folder / "layouts",) if (folder / "layouts").is_dir() else ()


def build(
    paths: Sequence[Path],
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter = Reporter(),
) -> list[PublicationResult]:
    """Build one publication per path (an article file or a folder of articles), in this
    process, stopping at the first error. ``publisher.batch`` builds trees in parallel."""
    check_options(options)
    profiles = load_profiles(options.profile_dirs)
    names = (_unique_names([slugify(load_publication(path, profiles, as_article=options.as_article).title) for path in paths])
             if len(paths) > 1 else [None])
    results = [build_one(path, out_dir, options, name, reporter, profiles) for path, name in zip(paths, names)]
    if lies_inside_inputs(out_dir, paths):
        mark_output_folder(out_dir)
    return results


def check_options(options: BuildOptions) -> None:
    """Every declared option (print options included) checked: an unknown format, tone-mark
    style or PDF variant is a ``PublisherError`` naming the valid choices."""
    check_declared(options)


def build_one(
    source: Path,
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    name: str | None = None,
    reporter: Reporter = Reporter(),
    profiles: ProfileSet | None = None,
) -> PublicationResult:
    """Load and build the publication at ``source``. With a cache, a source whose files
    are exactly those of an earlier build only has its outputs put back. Cache entries
    that fail their checks are warnings of this build (not recorded for later hits)."""
    check_options(options)
    with collected_warnings() as cache_warnings:
        result = _build_or_restore(source, out_dir, options, name, reporter, profiles)
    for message in cache_warnings:
        reporter.warning(message)
    return dataclasses.replace(result, warnings=result.warnings + tuple(cache_warnings)) if cache_warnings else result


def _build_or_restore(
    source: Path,
    out_dir: Path,
    options: BuildOptions,
    name: str | None,
    reporter: Reporter,
    profiles: ProfileSet | None,
) -> PublicationResult:
    cache = Cache(options.cache_dir, readable=not options.force) if options.cache_dir else None
    input_key = _input_digest(source, options, name) if cache else ""
    profiles = profiles or load_profiles(options.profile_dirs)
    if cache is not None:
        restored = _restore_outputs(cache, input_key, source, out_dir)
        if restored is not None:
            return restored
    load_warnings: list[str] = []

    def warn(message: str) -> None:
        load_warnings.append(message)
        reporter.warning(message)

    with tempfile.TemporaryDirectory(prefix="publisher-fetched-") as fetched:
        publication = load_publication(source, profiles, Reporter(reporter.progress, warn), options.network, Path(fetched),
                                       cache, as_article=options.as_article)
        if options.tone_marks != "keep":
            publication = map_text(publication, lambda text: restyle(text, options.tone_marks))
        result = build_publication(publication, source, out_dir, options, reporter, name=name)
    result = dataclasses.replace(result, warnings=tuple(load_warnings) + result.warnings)
    if cache is not None:
        _remember_outputs(cache, input_key, result)
    return result


def _input_digest(source: Path, options: BuildOptions, name: str | None) -> str:
    """The digest of every file a build of ``source`` may read, taken before reading any."""
    if source.is_file():
        inputs = [source, *_referenced_files(source)]
    else:
        inputs = sorted(p for p in source.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)
                        and not is_output(p, source))
    layouts = sorted(p for p in builtin_layouts_dir().rglob("*") if p.is_file())
    if options.layout and Path(options.layout).is_dir():
        layouts += sorted(p for p in Path(options.layout).rglob("*") if p.is_file())
    fonts = sorted(shipped_fonts_dir().glob("*.[ot]tf"))
    profiles = sorted((Path(__file__).parent / "profiles").glob("*.toml"))
    profiles += [path for folder in options.profile_dirs for path in sorted(folder.glob("*.toml"))]
    settings = dataclasses.replace(options, cache_dir=None, force=False, pdf_jobs=1)
    return digest(
        "inputs", code_version(), repr(settings), name or "", str(source.resolve()),
        files_digest(inputs), files_digest(layouts), files_digest(fonts), files_digest(profiles),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )


_MARKDOWN_IMAGE = re.compile(rb"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_IMAGE_TAG = re.compile(rb"<(?:img|source)\b[^>]*>", re.IGNORECASE)
_IMAGE_ATTRIBUTE = re.compile(rb"""\b(?:src|srcset|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _referenced_files(article: Path) -> list[Path]:
    """Local files an article file names as images: they belong in its cache key. In a
    saved page, wherever the page reader may take a picture's address from: ``src``, the
    lazy-loading ``data-`` attributes, each candidate of a ``srcset``."""
    data = article.read_bytes()
    references = [match.group(1) for match in _MARKDOWN_IMAGE.finditer(data)]
    for tag in _IMAGE_TAG.finditer(data):
        for attribute in _IMAGE_ATTRIBUTE.finditer(tag.group()):
            value = (attribute.group(1) or attribute.group(2) or attribute.group(3) or b"").strip()
            references += [value, *(part.split()[0] for part in value.split(b",") if part.split())]
    found = set()
    for raw in references:
        reference = unquote(raw.decode("utf-8", "replace").split("?", 1)[0].split("#", 1)[0])
        if not reference or "://" in reference or reference.startswith("data:"):
            continue
        candidate = (article.parent / reference).resolve()
        if candidate.is_file():
            found.add(candidate)
    return sorted(found)


def _restore_outputs(cache: Cache, input_key: str, source: Path, out_dir: Path) -> PublicationResult | None:
    record = _publication_record(cache, input_key)
    if record is None or not _system_fonts_unchanged(record["system_fonts"]):
        return None
    blobs = [(entry, cache.get(entry["key"], "output", _OUTPUT_SHAPES.get(entry["format"]))) for entry in record["files"]]
    if any(data is None for _, data in blobs):
        return None
    files = []
    for entry, data in blobs:
        assert data is not None
        target = out_dir / entry["name"]
        if not (target.is_file() and target.read_bytes() == data):
            write_atomically(data, target)
        files.append(WrittenFile(format=entry["format"], path=target, size=len(data)))
    return PublicationResult(source=source, title=record["title"], files=tuple(files), warnings=tuple(record["warnings"]),
                             article_count=record["articles"], up_to_date=True,
                             system_fonts=tuple(tuple(entry) for entry in record["system_fonts"]))


# A cheap look at an output's shape before it is put back (the seal is the guarantee).
_OUTPUT_SHAPES: dict[str, Callable[[bytes], bool]] = {
    "pdf": lambda data: data.startswith(b"%PDF-"),
    "booklet": lambda data: data.startswith(b"%PDF-"),
    "epub": lambda data: data.startswith(b"PK\x03\x04"),
}


def _publication_record(cache: Cache, input_key: str) -> dict | None:
    """The record of a cached build, when every field is what ``_remember_outputs`` writes."""
    record = cache.get_json(input_key, "publication")
    if record is None:
        return None

    def texts(value: object, count: int | None = None) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value) and count in (None, len(value))

    files = record.get("files")
    valid = (
        set(record) == {"title", "files", "warnings", "articles", "system_fonts"}
        and isinstance(record["title"], str) and texts(record["warnings"]) and type(record["articles"]) is int
        and isinstance(files, list) and all(isinstance(entry, dict) and set(entry) == {"format", "name", "key"}
                                            and texts(list(entry.values())) for entry in files)
        and all(entry["name"] == Path(entry["name"]).name and entry["name"] not in ("", ".", "..")
                and re.fullmatch("[0-9a-f]{64}", entry["key"]) for entry in files)
        and isinstance(record["system_fonts"], list) and all(texts(entry, 3) for entry in record["system_fonts"])
    )
    if not valid:
        cache.reject(input_key, "publication", "not a build's record")
        return None
    return record


def _system_fonts_unchanged(recorded: list) -> bool:
    """Whether each system font a cached build depended on is still found where it was,
    with the same bytes (or still not found). Only the fonts a build used are read, so a
    Vietnamese bulletin reads none of the CJK collections."""
    if not recorded:
        return True
    found = find_system_fonts(name for name, _, _ in recorded)
    for name, path, font_digest in recorded:
        now = found.get(name)
        if (str(now) if now else "") != path or (now is not None and file_digest(now) != font_digest):
            return False
    return True


def _remember_outputs(cache: Cache, input_key: str, result: PublicationResult) -> None:
    entries = []
    for written in result.files:
        data = written.path.read_bytes()
        key = digest("written", data)
        cache.put(key, "output", data)
        entries.append({"format": written.format, "name": written.path.name, "key": key})
    cache.put_json(input_key, "publication", {"title": result.title, "files": entries, "warnings": list(result.warnings),
                               "articles": result.article_count, "system_fonts": [list(entry) for entry in result.system_fonts]})


def _unique_names(stems: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for stem in stems:
        count = seen.get(stem, 0) + 1
        seen[stem] = count
        unique.append(stem if count == 1 else f"{stem}-{count}")
    return unique

