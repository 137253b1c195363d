"""From the paths a user names to batch jobs: every publication, its output folder, its name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path

from publisher.batch.discover import discover
from publisher.batch.runner import BatchJob, BatchSummary, JobOutcome, run_batch
from publisher.build import BuildOptions, _unique_names, check_options, load_publication
from publisher.errors import InputError
from publisher.executors import InlineExecutor, default_jobs, make_executor
from publisher.outputs import lies_inside_inputs
from publisher.slug import slugify


def plan_jobs(paths: Sequence[Path], out_dir: Path, options: BuildOptions, jobs: int) -> list[BatchJob]:
    """One job per publication under ``paths``, its outputs at its place in the tree.

    Each publication is built in one process; ``jobs`` of them run at once.
    """
    check_options(options)
    excluded = tuple(p for p in (out_dir, options.cache_dir) if p is not None)
    sources = [(path, source) for path in paths for source in discover(path, excluded)]
    if not sources:
        raise InputError("no publications found (folders with article files or a publication.toml)", paths[0] if paths else None)
    names: list[str | None] = [None] * len(sources)
    loose = [i for i, (path, source) in enumerate(sources) if source.relative == Path(".")]
    if len(loose) > 1:
        # Several named paths share the output folder itself: their slugs must not collide.
        titles = [slugify(load_publication(sources[i][1].path, as_article=options.as_article).title) for i in loose]
        for i, name in zip(loose, _unique_names(titles)):
            names[i] = name
    mark = out_dir if lies_inside_inputs(out_dir, paths) else None
    return [
        BatchJob(source=source.path, out_dir=out_dir / source.relative, options=options,
                 name=name, expected_articles=source.article_count(), mark=mark)
        for (_path, source), name in zip(sources, names)
    ]


def build_tree(
    paths: Sequence[Path],
    out_dir: Path,
    options: BuildOptions = BuildOptions(),
    jobs: int | None = None,
    executor: Executor | None = None,
    on_outcome: Callable[[JobOutcome], None] = lambda outcome: None,
) -> BatchSummary:
    """Build every publication under ``paths`` into ``out_dir``, keeping the tree's shape.

    ``executor`` runs the publications (default: a pool of ``jobs`` processes, ``jobs``
    defaulting to the number of cores); a failing publication is an outcome, not an
    exception, and the others still build.
    """
    jobs = jobs or default_jobs()
    batch = plan_jobs(paths, out_dir, options, jobs)
    if executor is not None:
        return run_batch(batch, executor, on_outcome)
    with (make_executor(min(jobs, len(batch))) if len(batch) > 1 else InlineExecutor()) as own:
        return run_batch(batch, own, on_outcome)
