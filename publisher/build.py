"""One publication built: loaded, guarded, rendered into every format, written whole."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from publisher import build_log
from publisher.assemble import load_publication
from publisher.build_cache import input_digest, remember_outputs, restore_outputs
from publisher.build_options import BuildOptions, check_options
from publisher.cache import Cache
from publisher.clean.profiles import ProfileSet, load_profiles
from publisher.clean.tonemarks import restyle
from publisher.model import Publication
from publisher.render import Renderer
from publisher.render.glyphs import STAND_IN_CODEPOINTS, guard_publication, map_text
from publisher.render.layout import Layout, find_layout
from publisher.render.pages import PageStart
from publisher.render.text import publication_codepoints
from publisher.results import PublicationResult, WrittenFile
from publisher.slug import slugify
from publisher.timing import mark
from publisher.writers import FORMATS, OutputFile, Writer, write_atomically, writer_class

Report = Callable[[str], None]


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class Reporter:
    """Where a build reports progress and warnings as they happen (the CLI prints them,
    tests collect them); every warning is in the result as well."""

    progress: Report = _ignore
    warning: Report = _ignore


def build_one(
    source: Path,
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    name: str | None = None,
    reporter: Reporter = Reporter(),
    profiles: ProfileSet | None = None,
) -> PublicationResult:
    """Load and build the publication at ``source`` (an article file, a folder of articles
    or a folder with a ``publication.toml``) into ``out_dir``, its files named ``name``
    (default: the slug of its title). With a cache, a source whose files are exactly those
    of an earlier build only has its outputs put back. Cache entries that fail their checks
    are warnings of this build, never recorded for later hits."""
    check_options(options)
    with build_log.collecting() as log:
        result = _build_or_restore(source, out_dir, options, name, reporter, profiles)
    cache_warnings = log.cache_summary()
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
    input_key = input_digest(source, options, name) if cache else ""
    if cache is not None:
        restored = restore_outputs(cache, input_key, source, out_dir)
        if restored is not None:
            return restored
    mark("build: not restored")
    load_warnings: list[str] = []

    def warn(message: str) -> None:
        load_warnings.append(message)
        reporter.warning(message)

    with tempfile.TemporaryDirectory(prefix="publisher-fetched-") as fetched:
        publication = _load(source, options, profiles, warn, Path(fetched), cache)
        result = build_publication(publication, source, out_dir, options, reporter, name=name)
    result = dataclasses.replace(result, warnings=tuple(load_warnings) + result.warnings)
    if cache is not None:
        remember_outputs(cache, input_key, result)
    return result


def _load(source: Path, options: BuildOptions, profiles: ProfileSet | None, warn: Report, fetched: Path,
          cache: Cache | None) -> Publication:
    publication = load_publication(source, profiles or load_profiles(options.profile_dirs), warn, options.network,
                                   fetched, cache, as_article=options.as_article)
    mark("build: publication loaded")
    if options.tone_marks != "keep":
        publication = map_text(publication, lambda text: restyle(text, options.tone_marks))
    return publication


def load_renderer(source: Path, options: BuildOptions) -> Renderer:
    """The publication at ``source`` ready to render as a build with ``options`` renders
    it (the live preview's draft lays a few parts of it out before the build); its
    warnings go to the current build's log."""
    cache = Cache(options.cache_dir, readable=not options.force) if options.cache_dir else None
    with tempfile.TemporaryDirectory(prefix="publisher-fetched-") as fetched:
        publication = _load(source, options, None, build_log.warn, Path(fetched), cache)
    renderer, _missing = _renderer(publication, source, options, None, cache)
    return renderer


def _renderer(publication: Publication, source: Path, options: BuildOptions, layout: Layout | None,
              cache: Cache | None) -> tuple[Renderer, bool]:
    """The renderer of ``publication`` with its characters guarded, and whether some were missing."""
    layout = layout or find_layout(options.layout or publication.layout, _layout_search_dirs(source))
    wanted = publication_codepoints(publication) | STAND_IN_CODEPOINTS
    publication, missing = guard_publication(publication, layout.drawable(cache, wanted))
    for report in missing:
        build_log.warn(str(report))
    if missing and layout.unavailable_fonts:
        build_log.warn(f"fonts not found on this system: {', '.join(layout.unavailable_fonts)} "
                       "(on Debian: apt install fonts-noto-cjk fonts-noto-core; or name their folder in PUBLISHER_FONT_PATH)")
    renderer = Renderer(publication=publication, layout=layout, print_options=options.print, cache=cache)
    mark("build: renderer ready")
    return renderer, bool(missing)


def build_publication(
    publication: Publication,
    source: Path,
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter = Reporter(),
    layout: Layout | None = None,
    name: str | None = None,
) -> PublicationResult:
    """Render ``publication`` (loaded from ``source``, or made in code) into each requested
    format under ``out_dir``. Every format is made before any is written: a failure leaves
    no output at all."""
    check_options(options)
    with build_log.collecting() as log:
        cache = Cache(options.cache_dir, readable=not options.force) if options.cache_dir else None
        renderer, missing = _renderer(publication, source, options, layout, cache)
        publication = renderer.publication
        stem = name or slugify(publication.title)
        made: list[OutputFile] = []
        print_pages: tuple[PageStart, ...] = ()
        part_count = 0
        for format_name in _ordered_formats(options.formats or publication.formats or FORMATS):
            reporter.progress(f"writing {format_name.upper()} of '{publication.title}'")
            output = _writer(format_name, print_pages, options, cache).write(renderer)
            made.extend(output.files)
            mark(f"build: {format_name} made")
            if format_name == "pdf":
                print_pages, part_count = output.page_starts, output.part_count
        files = []
        for output_file in made:
            target = out_dir / f"{stem}{output_file.suffix}"
            write_atomically(output_file.data, target)
            files.append(WrittenFile(format=output_file.kind, path=target, size=len(output_file.data)))
        if options.verify:
            _verify(publication, files, source, reporter)
    for message in log.cache_warnings:  # the caller's log (``build_one``'s) reports them
        build_log.warn_cache(message)
    for message in log.warnings:
        reporter.warning(message)
    return PublicationResult(source=source, title=publication.title, files=tuple(files), warnings=tuple(log.warnings),
                             article_count=len(publication.articles), part_count=part_count,
                             system_fonts=_system_fonts_used(renderer, bool(missing)))


def _verify(publication: Publication, files: list[WrittenFile], source: Path, reporter: Reporter) -> None:
    from publisher.verify import VerificationError, verify_outputs

    reporter.progress(f"verifying what was written of '{publication.title}'")
    missing = verify_outputs(publication, [(f.format, f.path) for f in files if f.format in FORMATS])
    if missing:
        details = "; ".join(str(m) for m in missing[:5]) + (f"; and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise VerificationError(f"{len(missing)} part(s) missing from the outputs: {details}", source)


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


def _writer(format_name: str, print_pages: tuple[PageStart, ...], options: BuildOptions, cache: Cache | None) -> Writer:
    """The writer of one format; the EPUB's page-list follows the PDF's pages, when one was made."""
    if format_name == "epub":
        from publisher.writers.epub import EpubWriter

        return EpubWriter(print_pages)
    if format_name == "pdf":
        from publisher.writers.parts.plan import PartPlan
        from publisher.writers.parts.run import PartSettings
        from publisher.writers.pdf import PdfWriter

        settings = PartSettings(jobs=options.pdf_jobs or 1, cache=cache, plan=options.part_plan or PartPlan(),
                                on_part=options.on_part)
        return PdfWriter(settings, keep_html=options.keep_html)
    return writer_class(format_name)()


def _ordered_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """PDF first: the EPUB's page-list needs to know where the print pages begin."""
    return tuple(sorted(dict.fromkeys(formats), key=lambda name: (name != "pdf", FORMATS.index(name) if name in FORMATS else 9)))


def _layout_search_dirs(source: Path) -> tuple[Path, ...]:
    folder = source if source.is_dir() else source.parent
    return (folder / "layouts",) if (folder / "layouts").is_dir() else ()


__all__ = ["BuildOptions", "PublicationResult", "Reporter", "WrittenFile", "build_one", "build_publication", "check_options"]
