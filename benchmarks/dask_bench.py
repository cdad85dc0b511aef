"""Batch on a Dask cluster beside the local process pool: throughput and the client's peak memory.

    .venv/bin/python benchmarks/dask_bench.py [--sizes 1000,20000] [--select PH,WM]

Starts a ``LocalCluster`` of 2 worker processes (1 thread each) on loopback, builds N files with
``batch_bench.build`` (corpus reports, each copy made different), then runs, each as a fresh
client process, ``reportlint batch DIR --no-cache --format jsonl -o /dev/null -q`` with:

  local -j 2        the default executor, 2 processes (the baseline);
  dask (shared)     ``--executor dask --scheduler ADDR``: workers read the paths;
  dask (shipped)    the same with ``--ship-files``: the client reads and ships the bytes.

files/s uses wall time, start-up included. Client peak is ``ru_maxrss`` of the client process
alone (``RUSAGE_SELF``; the local pool's and the cluster's workers are not counted). ``--select``
narrows the rules for large N so that the run stays short (the per-file path is the same).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batch_bench import build  # noqa: E402

CLIENT = ("import json,resource,sys,time;from reportlint import cli;t=time.perf_counter();"
          "c=cli.main(sys.argv[1:]);w=time.perf_counter()-t;"
          "print(json.dumps([c,w,resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024]),file=sys.stderr)")


def client_run(argv: list[str], env: dict) -> tuple[float, float]:
    p = subprocess.run([sys.executable, "-c", CLIENT, *argv], env=env, capture_output=True, text=True)
    code, wall, peak = json.loads(p.stderr.strip().splitlines()[-1])
    if code not in (0, 1, 2):
        raise SystemExit(p.stderr)
    return wall, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,20000")
    ap.add_argument("--select", default="", help="rule selectors for every run (empty: all default rules)")
    args = ap.parse_args()
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
    addr = cluster.scheduler_address
    env = dict(os.environ)
    runs = [("local -j 2", ["-j", "2"]), ("dask (shared)", ["--executor", "dask", "--scheduler", addr]),
            ("dask (shipped)", ["--executor", "dask", "--scheduler", addr, "--ship-files"])]
    sel = ["--select", args.select] if args.select else []
    print(f"cluster: {addr}, 2 workers × 1 thread; rules: {args.select or 'default'}")
    print(f"{'files':>7} {'run':<15} {'wall s':>8} {'files/s':>8} {'client peak MB':>15}")
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            with tempfile.TemporaryDirectory() as tmp:
                build(n, tmp)
                env["REPORTLINT_CACHE"] = os.path.join(tmp, ".cache")
                for name, extra in runs:
                    wall, peak = client_run(["batch", tmp, "--isolated", "--no-cache", "--format", "jsonl",
                                             "-o", os.devnull, "-q", *sel, *extra], env)
                    print(f"{n:>7} {name:<15} {wall:>8.1f} {n / wall:>8.0f} {peak:>15.0f}", flush=True)
    finally:
        cluster.close()


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - t0:.0f} s")
