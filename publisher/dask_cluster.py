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

A local cluster's workers are forked from a fork server that has imported Dask, the
task and WeasyPrint once (a spawned worker imports them anew, each: a second of CPU per
worker and per package), and its servers check their event loops and the machine less
often than Dask's defaults, which are tuned for a dashboard nobody opens here.
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
# What a local cluster's fork server imports before it forks each worker: ``distributed``
# (Dask's own choice), the task, and WeasyPrint. A module that cannot be imported is
# left out (multiprocessing ignores its ImportError); a worker then imports it itself.
FORK_SERVER_PRELOAD = ("distributed", "publisher.batch", "publisher.engine")
# A local cluster's settings. Its workers may start processes (a large PDF's parts are
# laid out on them). Dask's defaults wake each of the five servers (scheduler, two
# nannies, two workers) every 20 ms to time its event loop, every 100 ms to read memory
# and every 500 ms to sample the machine, with a statistical profiler and a GIL monitor
# besides: 0.12 CPU-seconds a second of an idle 2-worker cluster, 0.02 with these. A loop
# blocked for more than ``tick.limit`` (3 s) is still reported, and memory still checked
# twice a second.
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.worker.daemon": False,
    "distributed.worker.multiprocessing-method": "forkserver",
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.system-monitor.gil.enabled": False,
}


@contextlib.contextmanager
def dask_executor(scheduler: str | None = None, workers: int = 2, quiet: bool = False,
                  timeout: str = CONNECT_TIMEOUT) -> Iterator[Executor]:
    """An executor on the cluster at ``scheduler`` (``tcp://host:8786``), or on a local
    cluster of ``workers`` processes of one thread each, closed on leaving. ``quiet``
    leaves out the client's own log of a lost connection (the build reports it once)."""
    if scheduler is None:
        _start_fork_server()  # it imports what the workers need while this process imports Dask
    try:
        from distributed import Client, fire_and_forget
    except ImportError:
        raise PublisherError(f"--executor dask needs Dask: {EXTRA_HINT}") from None
    if quiet:
        for name in ("distributed.client", "distributed.batched", "distributed.core"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            address: Any = stack.enter_context(local_cluster(workers))
        else:
            address = scheduler
        try:
            client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
            stack.enter_context(client)
        except OSError as error:  # refused, unreachable, timed out
            raise PublisherError(f"cannot reach the Dask scheduler at {scheduler} within {timeout}: {error}") from None
        for worker in client.scheduler_info()["workers"]:  # each loads WeasyPrint (a local one has) as the build plans
            fire_and_forget(client.submit(preload, workers=[worker], pure=False))  # type: ignore[no-untyped-call]
        executor: Executor = client.get_executor(retries=RETRIES, pure=False)  # type: ignore[no-untyped-call]
        yield executor


def local_cluster(workers: int = 2) -> Any:
    """A ``distributed.LocalCluster`` of ``workers`` processes of one thread, as a build
    starts one (``LOCAL_CLUSTER_CONFIG``, workers forked from a preloaded fork server);
    closed on leaving its ``with`` block."""
    _start_fork_server()
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read as the scheduler and workers start
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                            dashboard_address=None, worker_dashboard_address=None)


def _start_fork_server() -> None:
    """Start this process's fork server, preloading ``FORK_SERVER_PRELOAD``, unless it
    runs already. It imports in a process of its own: the caller goes on at once."""
    import multiprocessing
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(list(FORK_SERVER_PRELOAD))
    forkserver.ensure_running()
