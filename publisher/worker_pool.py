"""The process pool publisher runs its work on: it leaves nothing behind, and stops its
work on Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar

from publisher.executors import preload

T = TypeVar("T")


class WorkerPool(ProcessPoolExecutor):
    """Processes that leave nothing behind, and stop their work on Ctrl-C.

    Each worker loads WeasyPrint as it starts (half a second), while the caller is still
    preparing the work, rather than when its first task arrives. Its temporary files go
    to a folder of its own inside one the pool owns (in ``within``, or the system's
    temporary folder), removed once the pool has shut down:
    a worker process ends without running exit handlers or finalizers, so whatever it
    left in the system's temporary folder would stay there. Ctrl-C (SIGINT, which a
    terminal sends to every process of the command) interrupts the task a worker runs;
    a worker waiting for a task ignores it and ends when the pool shuts down. Leaving the
    pool's ``with`` block on an exception cancels the tasks not yet started.
    """

    def __init__(self, jobs: int, within: Path | None = None) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="publisher-workers-", dir=within))
        self._remove_scratch = weakref.finalize(self, shutil.rmtree, self.scratch, ignore_errors=True)
        super().__init__(max_workers=jobs, initializer=_start_worker, initargs=(str(self.scratch),))

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return super().submit(_interruptible, fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        if wait:  # every worker has ended
            self._remove_scratch()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc_val: BaseException | None, exc_tb: TracebackType | None
    ) -> Literal[False]:
        self.shutdown(wait=True, cancel_futures=exc_type is not None)
        return False


def _start_worker(scratch: str) -> None:
    folder = tempfile.mkdtemp(prefix="worker-", dir=scratch)
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder  # what the tempfile module (and so WeasyPrint) uses in this process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()


def _interruptible(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn`` run with Ctrl-C raising ``KeyboardInterrupt`` in it (tasks run in the worker's main thread)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.signal(signal.SIGINT, previous)
