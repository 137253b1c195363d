"""Where independent work runs: a process pool by default, or inline in this process.

Both are ``concurrent.futures.Executor``s, so a caller can hand in any other executor
(a distributed engine's) that accepts picklable top-level functions.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from publisher.errors import PublisherError

T = TypeVar("T")


class ExecutorLost(PublisherError):
    """The executor can run nothing more (a cluster's scheduler is gone): the build stops."""


class InlineExecutor(Executor):
    """Runs each task at once in the calling process: for one job, and for tests."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to the caller through the future, as a pool does
            future.set_exception(error)
        return future


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def make_executor(jobs: int) -> Executor:
    """A pool of ``jobs`` processes (``WorkerPool``), or the inline executor for one, or
    in a daemonic process (a Dask worker's, by default), which may start none."""
    import multiprocessing

    if jobs <= 1 or multiprocessing.current_process().daemon:
        return InlineExecutor()
    from publisher.worker_pool import WorkerPool  # multiprocessing: imported only when used

    return WorkerPool(jobs)


def start_workers(executor: Executor, jobs: int) -> None:
    """Have a pool start all its workers now (a pool starts them on demand otherwise)."""
    from concurrent.futures import ProcessPoolExecutor

    if isinstance(executor, ProcessPoolExecutor):
        for _ in range(jobs):
            executor.submit(_nothing)


def _nothing() -> None:
    return None


def preload() -> None:
    """What a worker process loads as it starts: WeasyPrint, when it is installed."""
    from importlib import import_module

    with contextlib.suppress(ImportError):  # an executor for work that does not need it
        import_module("publisher.engine")  # WeasyPrint
