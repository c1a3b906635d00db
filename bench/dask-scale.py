#!/usr/bin/env python3
"""Times the Dask example (python/examples/dask_lint.py) with 1 and 2 local workers against
`wenlint check --cross-file` on the same tree, and checks that their cross-file findings are
the same. Needs the wenlint package and dask[distributed] in the running Python.

    python bench/dask-scale.py TREE [--runs 3] [--bin target/release/wenlint]

TREE is named relative to the current directory, as both runs get it. bench/corpus.sh builds
a 2,000-file tree from ../shared/corpus/clean (WORK=DIR keeps it).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dask.distributed import Client, LocalCluster

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python" / "examples"))
import dask_lint  # noqa: E402


def key(d):
    return (d["path"], d["span"]["byte_start"], d["span"]["byte_end"], d["message"])


def cli_run(binary, tree):
    started = time.perf_counter()
    done = subprocess.run([binary, "check", "--cross-file", "--format", "json", tree], capture_output=True)
    seconds = time.perf_counter() - started
    report = json.loads(done.stdout)
    shared = sorted((d for d in report["diagnostics"] if d["rule"] == "duplicate/cross-file"), key=key)
    return seconds, shared


def dask_runs(tree, workers, runs):
    times, shared = [], None
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as out:
                counts = dask_lint.run([tree], out, client)
                times.append(counts["seconds"])
                shared = sorted(dask_lint.read_jsonl(out, "cross-file"), key=key)
    return times, shared


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tree")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bin", default=str(Path(__file__).resolve().parent.parent / "target" / "release" / "wenlint"))
    args = parser.parse_args()
    cli_times = []
    for _ in range(args.runs):
        seconds, expected = cli_run(args.bin, args.tree)
        cli_times.append(seconds)
    print(f"wenlint check --cross-file: median {statistics.median(cli_times):.2f} s, {len(expected)} cross-file findings")
    for workers in (1, 2):
        times, shared = dask_runs(args.tree, workers, args.runs)
        same = "same findings" if shared == expected else f"DIFFERENT findings ({len(shared)})"
        print(f"Dask, {workers} worker(s): median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}), {same}")
        if shared != expected:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
