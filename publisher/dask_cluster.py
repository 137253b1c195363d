"""Publications built on a Dask cluster: an existing scheduler's, or a local cluster
started for the build. Dask (the ``dask`` extra) is imported only here, only when asked.

Each publication is one task (``run_job``, a top-level function every worker imports from
its own installed publisher); its result, warnings and failure come back as plain data.
A worker that dies during a task: the scheduler runs it again on another worker
(``distributed.scheduler.allowed-failures`` times), and the task is also given ``retries``
for an exception the task itself did not catch. Outputs are published whole
(``publisher.storage``), so a task run twice publishes the same bytes twice. A scheduler
lost cancels the tasks, which ``run_batch`` raises as ``ExecutorLost``; a scheduler that
cannot be reached within ``CONNECT_TIMEOUT`` is an error naming it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import Any

from publisher.errors import PublisherError
from publisher.executors import preload
from publisher.storage import EXTRA_HINT

CONNECT_TIMEOUT = "20s"
# Re-runs of a task that raised out of ``run_job`` (a worker's broken install, say); a
# worker's death is the scheduler's allowed-failures.
RETRIES = 2


@contextlib.contextmanager
def dask_executor(scheduler: str | None = None, workers: int = 2, quiet: bool = False,
                  timeout: str = CONNECT_TIMEOUT) -> Iterator[Executor]:
    """An executor on the cluster at ``scheduler`` (``tcp://host:8786``), or on a local
    cluster of ``workers`` processes of one thread each, closed on leaving. ``quiet``
    leaves out the client's own log of a lost connection (the build reports it once)."""
    try:
        from distributed import Client, LocalCluster, fire_and_forget
    except ImportError:
        raise PublisherError(f"--executor dask needs Dask: {EXTRA_HINT}") from None
    if quiet:
        for name in ("distributed.client", "distributed.batched", "distributed.core"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            import dask

            # Workers that may start processes (a large PDF's parts are laid out on them),
            # without the statistical profiler and GIL monitor (a few % of each task).
            with dask.config.set({"distributed.worker.daemon": False, "distributed.worker.profile.enabled": False,
                                  "distributed.admin.system-monitor.gil.enabled": False}):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1,  # type: ignore[no-untyped-call]
                                       processes=True, dashboard_address=None,
                                       worker_dashboard_address=None)
            stack.enter_context(cluster)
            address: Any = cluster
        else:
            address = scheduler
        try:
            client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
            stack.enter_context(client)
        except OSError as error:  # refused, unreachable, timed out
            raise PublisherError(f"cannot reach the Dask scheduler at {scheduler} within {timeout}: {error}") from None
        for worker in client.scheduler_info()["workers"]:  # each loads WeasyPrint while the build plans
            fire_and_forget(client.submit(preload, workers=[worker], pure=False))  # type: ignore[no-untyped-call]
        executor: Executor = client.get_executor(retries=RETRIES, pure=False)  # type: ignore[no-untyped-call]
        yield executor
