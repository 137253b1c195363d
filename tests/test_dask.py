"""Building on a Dask cluster, outputs and cache on fsspec storage: the same bytes as the
process pool, warnings and failures reported, a worker killed mid-build, a cache entry
half written by a killed worker, two trees sharing one cache, and a lost scheduler.

One local cluster (two worker processes of one thread, started as a build starts one:
workers forked from a preloaded fork server) serves the whole module: starting one takes
seconds.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import fsspec
import pytest
from conftest import ROOT, write_articles
from distributed import Client, LocalCluster

from publisher import BuildOptions, build_tree
from publisher.batch import BatchJob, run_batch
from publisher.cache import Cache
from publisher.dask_cluster import dask_executor, local_cluster
from publisher.errors import PublisherError
from publisher.executors import ExecutorLost
from publisher.storage import Remote

SMALL = BuildOptions(formats=("html", "epub"))


@pytest.fixture(scope="module")
def client():
    with local_cluster(2) as cluster, Client(cluster, set_as_default=False) as client:
        yield client


def make_tree(root: Path) -> Path:
    write_articles(root / "ha-giang", 2)
    write_articles(root / "tay-bac" / "lai-chau", 1, prefix="Tin")
    write_articles(root / "tay-bac" / "son-la", 2, prefix="Phóng sự")
    return root


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def pool_build(tmp_path_factory) -> tuple[Path, Path, str]:
    """A tree, its outputs built on the process pool, and the summary's line."""
    root = tmp_path_factory.mktemp("pool")
    tree = make_tree(root / "tree")
    summary = build_tree([tree], root / "out", SMALL, jobs=2)
    return tree, root / "out", summary.describe()


def test_outputs_on_the_cluster_are_the_process_pools_bytes(tmp_path, client, pool_build):
    tree, pool_out, pool_summary = pool_build
    dask = build_tree([tree], (tmp_path / "dask").as_uri(), SMALL, executor=client.get_executor())
    assert dask.describe() == pool_summary == (
        "Built 3 publication(s), 6 file(s), 0 warning(s): 3 succeeded, 0 failed, 0 skipped (up to date).")
    assert files_under(tmp_path / "dask") == files_under(pool_out) and len(files_under(pool_out)) == 6
    written = dask.results[0].files[0]
    assert written.url == f"{(tmp_path / 'dask').as_uri()}/ha-giang/ha-giang.epub" and written.path == Path("ha-giang/ha-giang.epub")


def test_a_pdf_on_the_cluster_is_the_same_pdf(tmp_path, client):
    write_articles(tmp_path / "short", 1, paragraphs=2, headings=1)
    pdf = BuildOptions(formats=("pdf",))
    [here] = build_tree([tmp_path / "short"], tmp_path / "here", pdf, jobs=1).results
    [there] = build_tree([tmp_path / "short"], (tmp_path / "dask").as_uri(), pdf, executor=client.get_executor()).results
    assert (tmp_path / "dask" / here.files[0].path.name).read_bytes() == here.files[0].path.read_bytes()
    assert there.files[0].size == here.files[0].size and here.files[0].path.read_bytes().startswith(b"%PDF-")


def test_warnings_and_failures_come_back_from_the_workers(tmp_path, client):
    tree = make_tree(tmp_path / "tree")
    (tree / "ha-giang" / "03-hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (tree / "tay-bac" / "son-la" / "03-anh.md").write_text("---\ntitle: Ảnh\n---\n\n![Chú thích](khong-co.png)\n\nĐoạn.\n",
                                                           encoding="utf-8")
    heard = []
    summary = build_tree([tree], "memory://unused", SMALL, executor=client.get_executor(), on_outcome=heard.append)
    assert len(heard) == 3 and [o.status for o in summary.outcomes] == ["failed", "built", "built"]
    [failed] = summary.failed
    assert isinstance(failed.error, PublisherError) and "03-hong.md:3" in str(failed.error)
    [warning] = summary.outcomes[2].result.warnings
    assert "image not found" in warning and "khong-co.png" in warning


def test_the_command_line_on_a_cluster_with_outputs_at_a_url(tmp_path, client):
    tree = make_tree(tmp_path / "tree")
    (tree / "ha-giang" / "03-hong.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    out = (tmp_path / "out").as_uri()
    result = subprocess.run(
        [sys.executable, "-m", "publisher", "build", str(tree), "-o", out, "-f", "html", "--no-cache",
         "--executor", "dask", "--scheduler", client.scheduler.address],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "03-hong.md:3" in result.stderr
    assert "2 succeeded, 1 failed, 0 skipped" in result.stdout
    assert f"HTML  {out}/tay-bac/son-la/son-la.html" in result.stdout
    assert sorted(files_under(tmp_path / "out")) == ["tay-bac/lai-chau/tin-so-1-chuyen-o-ban-khuoi-phay.html",
                                                     "tay-bac/son-la/son-la.html"]


def _die_after_first_publish(marker: str) -> None:
    """In a worker: the first file published anywhere is written, then the process dies
    (once: the marker file says it happened)."""
    from publisher import storage

    original = storage.Remote.publish

    def publish(self: storage.Remote, data: bytes, *names: str) -> None:
        original(self, data, *names)
        if not os.path.exists(marker):
            Path(marker).touch()
            os._exit(1)

    storage.Remote.original_publish = original
    storage.Remote.publish = publish


def _tear_cache_entry(marker: str) -> None:
    """In a worker: the first publication record stored is written half, in place (as a
    store without atomic puts could leave it), and the process dies (once)."""
    from publisher import storage

    original = storage.Remote.publish

    def publish(self: storage.Remote, data: bytes, *names: str) -> None:
        if names[0] == "objects" and b"publication" in data[:40] and not os.path.exists(marker):
            Path(marker).touch()
            Path(self.path(*names)).parent.mkdir(parents=True, exist_ok=True)
            with open(self.path(*names), "wb") as stream:
                stream.write(data[: len(data) // 2])
            os._exit(1)
        original(self, data, *names)

    storage.Remote.original_publish = original
    storage.Remote.publish = publish


def _restore_publish() -> None:
    """In a worker: publishing as it was (a worker started anew never changed it)."""
    from publisher import storage

    if hasattr(storage.Remote, "original_publish"):
        storage.Remote.publish = storage.Remote.original_publish
        del storage.Remote.original_publish


def test_a_worker_killed_mid_build_leaves_complete_identical_outputs(tmp_path, client, pool_build):
    tree, pool_out, pool_summary = pool_build
    marker = tmp_path / "killed"
    client.run(_die_after_first_publish, str(marker))
    try:
        summary = build_tree([tree], (tmp_path / "dask").as_uri(), SMALL, executor=client.get_executor())
    finally:
        client.run(_restore_publish)
    assert marker.exists()  # a worker did die, after publishing one file
    assert summary.describe() == pool_summary
    assert files_under(tmp_path / "dask") == files_under(pool_out)


def test_a_cache_entry_half_written_by_a_killed_worker_is_refused_and_made_anew(tmp_path, client):
    (tmp_path / "one").mkdir()
    write_articles(tmp_path / "one" / "bai", 2)
    cache = (tmp_path / "cache").as_uri()
    options = BuildOptions(formats=("html", "epub"), cache_dir=cache)
    marker = tmp_path / "killed"
    client.run(_tear_cache_entry, str(marker))
    try:
        first = build_tree([tmp_path / "one"], (tmp_path / "out").as_uri(), options, executor=client.get_executor())
    finally:
        client.run(_restore_publish)
    assert marker.exists()
    [outcome] = first.outcomes
    assert outcome.status == "built", outcome.error
    assert any("publication entry ignored (truncated), made anew" in w for w in outcome.result.warnings)
    again = build_tree([tmp_path / "one"], (tmp_path / "again").as_uri(), options, executor=client.get_executor())
    assert again.outcomes[0].status == "skipped" and not again.results[0].warnings
    assert files_under(tmp_path / "again") == files_under(tmp_path / "out")


def test_two_trees_building_the_same_publication_into_one_cache_agree(tmp_path, client):
    tree = make_tree(tmp_path / "tree")
    options = BuildOptions(formats=("html", "epub"), cache_dir=(tmp_path / "cache").as_uri())
    shared = tree / "tay-bac" / "son-la"
    summaries = {}

    def build(name: str, path: Path) -> None:
        summaries[name] = build_tree([path], (tmp_path / name).as_uri(), options, executor=client.get_executor())

    threads = [threading.Thread(target=build, args=(name, path)) for name, path in (("whole", tree), ("one", shared))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for summary in summaries.values():
        assert not summary.failed and not any(result.warnings for result in summary.results)
    assert files_under(tmp_path / "one") == {"son-la.html": (tmp_path / "whole/tay-bac/son-la/son-la.html").read_bytes(),
                                             "son-la.epub": (tmp_path / "whole/tay-bac/son-la/son-la.epub").read_bytes()}
    again = build_tree([shared], (tmp_path / "again").as_uri(), options, executor=client.get_executor())
    assert again.outcomes[0].status == "skipped" and not again.results[0].warnings
    assert files_under(tmp_path / "again") == files_under(tmp_path / "one")


def test_a_lost_scheduler_is_an_error_not_a_hang():
    unreachable = dask_executor("tcp://127.0.0.1:1", timeout="1s", quiet=True)
    with pytest.raises(PublisherError, match=re.escape("cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 1s")):
        unreachable.__enter__()
    # A scheduler lost during a build cancels its tasks; the build stops, saying so.
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                           worker_dashboard_address=None)
    client = Client(cluster, set_as_default=False)
    try:
        executor = client.get_executor(pure=False)
        original_submit = executor.submit

        def submit(fn, *args, **kwargs) -> Future:  # in place of the job: a task that does not end on its own
            return original_submit(time.sleep, 1)

        executor.submit = submit
        threading.Timer(0.2, lambda: cluster.sync(cluster.scheduler.close)).start()
        started = time.monotonic()
        with pytest.raises(ExecutorLost, match="1 publication"):
            run_batch([BatchJob(source=Path("never-read"), out_dir=Path("nowhere"), options=SMALL)], executor)
        assert time.monotonic() - started < 20
    finally:
        client.close(timeout=1)
        with contextlib.suppress(TimeoutError):
            cluster.close(timeout=1)  # its scheduler is gone: nothing left to wait for


def test_outputs_and_cache_at_a_memory_url_are_published_whole():
    remote = Remote("memory://publisher-test/out")
    remote.publish(b"whole", "a", "b.html")
    assert remote.read("a", "b.html") == b"whole" and remote.read("a", "missing") is None
    fs = fsspec.filesystem("memory")
    assert fs.ls("/publisher-test/out/a", detail=False) == ["/publisher-test/out/a/b.html"]  # no temporary name left
    cache = Cache("memory://publisher-test/cache", key=b"k" * 32)
    address = "ab" * 32
    cache.put(address, "output", b"payload")
    assert cache.get(address, "output") == b"payload" and cache.usage().entries == 1
    fs.pipe_file(f"/publisher-test/cache/objects/ab/{address[2:]}", b"publisher-cache\n\x01")  # a torn entry
    from publisher import build_log

    with build_log.collecting() as log:
        assert cache.get(address, "output") is None
    assert any("output entry ignored (truncated)" in message for message in log.cache_warnings)
    assert cache.usage().entries == 0
