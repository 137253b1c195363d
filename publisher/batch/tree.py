"""The one build path: the paths a user names, every publication under them, each built
on an executor into its place in the output folder."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path

from publisher.assemble import load_publication
from publisher.batch.discover import discover
from publisher.batch.runner import BatchJob, BatchSummary, JobOutcome, run_batch
from publisher.build import Reporter
from publisher.build_options import BuildOptions, check_options
from publisher.errors import InputError
from publisher.executors import InlineExecutor, default_jobs, make_executor
from publisher.outputs import lies_inside_inputs
from publisher.results import PublicationResult
from publisher.slug import slugify
from publisher.storage import Remote, is_url


def plan_jobs(paths: Sequence[Path], out_dir: Path | str, options: BuildOptions, jobs: int) -> list[BatchJob]:
    """One job per publication under ``paths``, its outputs at its place in the tree
    (under a folder, or an fsspec URL where each is published whole).

    Each publication is built in one process; ``jobs`` of them run at once. A publication
    built alone gets the ``jobs`` processes for its PDF's parts, unless the options say
    how many (``pdf_jobs``); in a batch each PDF is laid out by its own process.
    """
    check_options(options)
    excluded = tuple(p for p in (out_dir, options.cache_dir) if isinstance(p, Path))
    sources = [(path, source) for path in paths for source in discover(path, excluded)]
    if not sources:
        raise InputError("no publications found: no article files (.md, .txt, .html, .htm) and no publication.toml, "
                         "here or in any folder below", paths[0] if paths else None)
    names: list[str | None] = [None] * len(sources)
    loose = [i for i, (path, source) in enumerate(sources) if source.relative == Path(".")]
    if len(loose) > 1:
        # Several named paths share the output folder itself: their slugs must not collide.
        titles = [slugify(load_publication(sources[i][1].path, as_article=options.as_article).title) for i in loose]
        for i, name in zip(loose, _unique_names(titles), strict=True):
            names[i] = name
    if options.pdf_jobs is None:
        options = dataclasses.replace(options, pdf_jobs=jobs if len(sources) == 1 else 1)
    if isinstance(out_dir, str) and is_url(out_dir):
        remote = Remote(out_dir)
        return [
            BatchJob(source=source.path, out_dir=source.relative, options=options, name=name,
                     expected_articles=source.article_count(),
                     publish_to=remote.join(*source.relative.parts) if source.relative.parts else remote.url)
            for (_path, source), name in zip(sources, names, strict=True)
        ]
    out_dir = Path(out_dir)
    mark = out_dir if lies_inside_inputs(out_dir, paths) else None
    return [
        BatchJob(source=source.path, out_dir=out_dir / source.relative, options=options,
                 name=name, expected_articles=source.article_count(), mark=mark)
        for (_path, source), name in zip(sources, names, strict=True)
    ]


def build_tree(
    paths: Sequence[Path],
    out_dir: Path | str,
    options: BuildOptions = BuildOptions(),
    jobs: int | None = None,
    executor: Executor | None = None,
    on_outcome: Callable[[JobOutcome], None] = lambda outcome: None,
    on_planned: Callable[[Sequence[BatchJob]], None] = lambda jobs: None,
) -> BatchSummary:
    """Build every publication under ``paths`` into ``out_dir``, keeping the tree's shape:
    what ``publisher build`` does.

    A path is an article file, a folder of articles, a folder with a ``publication.toml``
    or a tree of them; ``out_dir`` a folder or an fsspec URL (``s3://bucket/news``: each
    file is built on the worker and published there whole). ``executor`` runs the
    publications (default: a pool of ``jobs``
    processes, ``jobs`` defaulting to the number of cores; one publication is built in
    this process). A failing publication is an outcome, not an exception: the others
    still build. ``on_planned`` hears of every job before any is built (a progress line's
    total), ``on_outcome`` of each as it ends.
    """
    jobs = jobs or default_jobs()
    batch = plan_jobs(paths, out_dir, options, jobs)
    on_planned(batch)
    if executor is not None:
        return run_batch(batch, executor, on_outcome)
    with (make_executor(min(jobs, len(batch))) if len(batch) > 1 else InlineExecutor()) as own:
        return run_batch(batch, own, on_outcome)


def build(
    paths: Sequence[Path],
    out_dir: Path | str,
    options: BuildOptions = BuildOptions(),
    reporter: Reporter = Reporter(),
) -> list[PublicationResult]:
    """``build_tree`` in this process, one publication after another, for scripts: the
    results in order, each warning told to ``reporter`` as its publication ends, and the
    first failure raised (as its ``PublisherError``) once every publication was tried."""

    def report(outcome: JobOutcome) -> None:
        for message in outcome.result.warnings if outcome.result is not None else ():
            reporter.warning(message)

    return build_tree(paths, out_dir, options, jobs=1, executor=InlineExecutor(), on_outcome=report).raise_for_failures()


def _unique_names(stems: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for stem in stems:
        count = seen.get(stem, 0) + 1
        seen[stem] = count
        unique.append(stem if count == 1 else f"{stem}-{count}")
    return unique
