"""Building many publications on an executor: each reported as it ends, one failure
never stopping the others."""

from __future__ import annotations

import dataclasses
import tempfile
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Executor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from publisher.build import build_one
from publisher.build_options import BuildOptions
from publisher.errors import PublisherError
from publisher.executors import ExecutorLost
from publisher.outputs import mark_output_folder
from publisher.results import PublicationResult, WrittenFile
from publisher.storage import Remote


@dataclass(frozen=True)
class BatchJob:
    source: Path
    out_dir: Path
    options: BuildOptions
    name: str | None = None  # output file stem; None: the slug of the title
    expected_articles: int = 0
    # The output folder to mark once this job has written into it (it lies inside what
    # the build reads, and a later build must not read it back); None: no marking.
    mark: Path | None = None
    # An fsspec URL: the publication is built into a staging folder of the process that
    # builds it, and each file published there whole; ``out_dir`` is then its place
    # under the output folder, for the results.
    publish_to: str | None = None


@dataclass(frozen=True)
class JobOutcome:
    job: BatchJob
    result: PublicationResult | None = None
    error: PublisherError | None = None

    @property
    def status(self) -> str:
        if self.error is not None:
            return "failed"
        if self.result is None:
            raise AssertionError("an outcome holds a result or an error")
        return "skipped" if self.result.up_to_date else "built"


@dataclass
class BatchSummary:
    outcomes: list[JobOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Publications that ended ``status``: "built", "failed" or "skipped" (up to date,
        put back from the cache). The three always add up to ``len(outcomes)``."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def describe(self) -> str:
        """The run in one line: "Built N" counts the publications built, never those put
        back or failed, and built + failed + skipped is every publication."""
        built, failed, skipped = (self.count(status) for status in ("built", "failed", "skipped"))
        total = len(self.outcomes)
        files = sum(len(result.files) for result in self.results)
        warnings = sum(len(result.warnings) for result in self.results)
        head = f"Built {built} publication(s)" if built == total else f"Built {built} of {total} publication(s)"
        return (f"{head}, {files} file(s), {warnings} warning(s): "
                f"{built} succeeded, {failed} failed, {skipped} skipped (up to date).")

    @property
    def failed(self) -> list[JobOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def raise_for_failures(self) -> list[PublicationResult]:
        """Every result, in order; or, when any publication failed, the first failure's
        error raised (the others are in ``failed``)."""
        for outcome in self.failed:
            if outcome.error is not None:
                raise outcome.error
        return self.results

    @property
    def results(self) -> list[PublicationResult]:
        return [outcome.result for outcome in self.outcomes if outcome.result is not None]


def run_job(job: BatchJob) -> JobOutcome:
    """Build one publication; any failure becomes the outcome, never an exception.

    The top-level function that an executor's worker runs.
    """
    try:
        if job.publish_to is not None:
            return JobOutcome(job=job, result=_build_and_publish(job, job.publish_to))
        return JobOutcome(job=job, result=build_one(job.source, job.out_dir, job.options, name=job.name))
    except PublisherError as error:
        return JobOutcome(job=job, error=error)
    except Exception as error:  # a bug must not take the other publications down
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        return JobOutcome(job=job, error=PublisherError(f"internal error: {detail}", job.source))


def _build_and_publish(job: BatchJob, url: str) -> PublicationResult:
    """Build into a local staging folder, then publish each file whole: the storage
    never holds half an output, and a publication that fails to build publishes nothing."""
    destination = Remote(url)
    with tempfile.TemporaryDirectory(prefix="publisher-staging-") as staging:
        result = build_one(job.source, Path(staging), job.options, name=job.name)
        published = []
        for written in result.files:
            destination.publish(written.path.read_bytes(), written.path.name)
            published.append(WrittenFile(format=written.format, path=job.out_dir / written.path.name, size=written.size,
                                         url=destination.join(written.path.name)))
    return dataclasses.replace(result, files=tuple(published))


def run_batch(
    jobs: Iterable[BatchJob],
    executor: Executor,
    on_outcome: Callable[[JobOutcome], None] = lambda outcome: None,
) -> BatchSummary:
    """Run ``jobs`` on ``executor``; ``on_outcome`` hears of each as it ends.

    The summary lists outcomes in the jobs' order, whatever order they ended in.
    """
    jobs = list(jobs)
    futures = {executor.submit(run_job, job): index for index, job in enumerate(jobs)}
    outcomes: list[JobOutcome | None] = [None] * len(jobs)
    for future in as_completed(futures):
        index = futures[future]
        try:
            outcome = future.result()
        except (ExecutorLost, CancelledError) as error:  # nothing more can run there: the build stops, saying why
            for waiting in futures:
                waiting.cancel()
            if isinstance(error, ExecutorLost):
                raise
            raise ExecutorLost("the executor dropped the build's tasks (a cluster whose scheduler was lost?): "
                               f"{sum(1 for outcome in outcomes if outcome is None)} publication(s) not built") from None
        except Exception as error:  # the worker itself died (killed, out of memory)
            outcome = JobOutcome(job=jobs[index], error=PublisherError(f"the build process failed: {error}", jobs[index].source))
        outcome = _with_outputs_recorded(outcome)
        outcomes[index] = outcome
        on_outcome(outcome)
    return BatchSummary(outcomes=[outcome for outcome in outcomes if outcome is not None])


def _with_outputs_recorded(outcome: JobOutcome) -> JobOutcome:
    """Mark the output folder the job wrote into, when it asks for it (never read back
    as articles). Done here, in the one process that hears of every job."""
    if outcome.result is None or outcome.job.mark is None:
        return outcome
    try:
        mark_output_folder(outcome.job.mark)
    except PublisherError as error:
        note = f"the outputs could not be marked as such, a later build may read them as articles: {error}"
        return dataclasses.replace(outcome, result=dataclasses.replace(outcome.result, warnings=(*outcome.result.warnings, note)))
    return outcome
