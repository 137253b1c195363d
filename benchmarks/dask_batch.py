"""A batch on a local Dask cluster against the process pool, on the same cores.

    python benchmarks/dask_batch.py [--publications 200] [--jobs 2] [--format pdf] [--repeat 2]

Writes a tree of ``--publications`` small publications (two short articles each), then
builds it with
``publisher build --no-cache --jobs N`` (the process pool) and with ``--executor dask``
(a LocalCluster of N worker processes of one thread, started by the command), each the
whole command as its own process, best of ``--repeat``, alternating. ``--format default``
gives no ``-f`` (the build's own formats). Prints both wall times and CPU times (of every
process the command started), the ratios (target ≤ 1.15x), checks that both trees of
outputs hold the same bytes, and the load average before and after (the machine is
shared).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import publisher  # noqa: E402

# Runs a command and reports its wall time and the CPU time of every process it started.
# This process is made a subreaper: a process the command left running (a local Dask
# cluster's fork server ends just after the command, with its workers' CPU time) is
# handed to it rather than to init, and is waited for, so its CPU time is counted too.
_MEASURE = r"""
import ctypes, json, os, resource, subprocess, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "code": code}))
"""


def measure(command: list[str]) -> dict:
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    if data["code"] != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    return data


def write_tree(tree: Path, publications: int) -> None:
    """Each publication a folder of two short Markdown articles with Vietnamese text."""
    sentence = ("Người dân xã vùng cao đã chủ động chuyển đổi cơ cấu cây trồng, áp dụng kỹ thuật mới "
                "và liên kết tiêu thụ sản phẩm, nhờ đó thu nhập bình quân tăng rõ rệt so với năm trước. ")
    for number in range(publications):
        folder = tree / f"xa-{number:03d}"
        folder.mkdir(parents=True)
        for article in (1, 2):
            (folder / f"{article:02d}.md").write_text(
                f"---\ntitle: 'Tin {number}.{article}: chuyện ở bản Khuổi Phầy'\ndate: '2016-11-{10 + article}T08:00:00+07:00'\n"
                f"---\n\n## Mục 1\n\n{sentence * (1 + number % 3)}\n\n{sentence * 2}\n", encoding="utf-8")


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--publications", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="pdf")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    os.chdir(ROOT)  # python -m publisher imports this checkout
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="publisher-dask-bench-") as temporary:
        work = Path(temporary)
        write_tree(work / "tree", args.publications)
        chosen = [] if args.format == "default" else ["-f", args.format]
        common = ["build", str(work / "tree"), *chosen, "--no-cache", "--jobs", str(args.jobs)]
        runs: dict[str, list[dict]] = {"processes": [], "dask": []}
        for _ in range(args.repeat):
            runs["processes"].append(measure(publisher(*common, "-o", str(work / "pool"))))
            runs["dask"].append(measure(publisher(*common, "-o", str(work / "dask"), "--executor", "dask")))
        pool, dask = (min(found, key=lambda run: run["wall"]) for found in runs.values())
        assert outputs(work / "pool") == outputs(work / "dask") and outputs(work / "pool"), "the outputs differ"
        print(f"{args.publications} publications, -f {args.format}, --jobs {args.jobs}, best of {args.repeat}:")
        for label, best, kind in (("process pool", pool, "processes"), ("Dask LocalCluster", dask, "dask")):
            every = ", ".join(f"{run['wall']:.2f} s / {run['cpu']:.2f} CPU-s" for run in runs[kind])
            print(f"  {label}: {best['wall']:.2f} s wall, {best['cpu']:.2f} s CPU (every run: {every})")
        print(f"  ratio Dask / processes: {dask['wall'] / pool['wall']:.2f}x wall (target ≤ 1.15x), "
              f"{dask['cpu'] / pool['cpu']:.2f}x CPU")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
