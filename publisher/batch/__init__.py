"""Many publications at once: found in a tree, built on an executor, summed up."""

from publisher.batch.discover import PublicationSource, discover
from publisher.batch.runner import BatchJob, BatchSummary, JobOutcome, run_batch, run_job
from publisher.batch.tree import build, build_tree, plan_jobs

__all__ = [
    "BatchJob", "BatchSummary", "JobOutcome", "PublicationSource", "build", "build_tree", "discover", "plan_jobs", "run_batch",
    "run_job",
]
