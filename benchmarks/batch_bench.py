"""Batch throughput beside jieba alone, on report files built from corpora/.

    .venv/bin/python benchmarks/batch_bench.py [--sizes 1000,10000] [--jobs 1,0]

For each size N: writes N files into a temporary folder (the corpus reports in turn, each
with a line naming its copy so that every file's content — and cache key — differs), then
runs, as whole processes, one after another:

  jieba alone     ``jieba.lcut`` over the same texts on one core (import and dictionary load
                  excluded), the baseline the architecture notes ask for;
  batch -j J      ``reportlint batch DIR -j J --no-cache --format jsonl -o /dev/null -q``
                  (J = 0 means all cores), start-up included;
  cold + cache    the same with the cache on and empty (fills it);
  warm re-run     again, every file unchanged: all answers come from the cache.

files/s and MB/s use wall time and the UTF-8 size of the files; CPU s is user + system time of
the whole process tree (workers included), which shows the work done even when other
processes on the machine slow the wall clock. Peak RSS is ``ru_maxrss`` of the largest single
process of the run (the main process or one worker), read with
``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process per measurement.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORTLINT = [sys.executable, "-m", "reportlint.cli"]


def build(n: int, dest: str) -> tuple[int, int]:
    """N report files under ``dest`` (500 per folder); returns (files, bytes)."""
    src = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True) +
                 glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.md"), recursive=True))
    texts = []
    for p in src:
        with open(p, encoding="utf-8") as fh:
            texts.append((os.path.splitext(p)[1], fh.read()))
    total = 0
    for i in range(n):
        ext, text = texts[i % len(texts)]
        folder = os.path.join(dest, f"第{i // 500:03d}批")
        os.makedirs(folder, exist_ok=True)
        data = (text.rstrip("\n") + f"\n（本件为第 {i + 1} 份）\n").encode("utf-8")
        with open(os.path.join(folder, f"报告{i:05d}{ext}"), "wb") as fh:
            fh.write(data)
        total += len(data)
    return n, total


def measured(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MB, CPU seconds) of one whole process tree, via a fresh wrapper."""
    wrapper = ("import json,resource,subprocess,sys,time;t=time.perf_counter();"
               "rc=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL).returncode;"
               "dt=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(json.dumps([dt,u.ru_maxrss/1024,u.ru_utime+u.ru_stime]))")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], env=env, capture_output=True, text=True,
                         check=True).stdout
    dt, rss, cpu = json.loads(out.strip().splitlines()[-1])
    return dt, rss, cpu


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import JIEBA_ALONE  # noqa: E402  (the same baseline as make bench: jieba.lcut over a file list)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--jobs", default="1,0", help="comma list; 0 = all cores")
    ap.add_argument("--keep", action="store_true", help="keep the generated folder")
    a = ap.parse_args(argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    rows = []
    print(f"# batch benchmark — {os.cpu_count()} CPU, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} (other processes compete for the cores when it is high)")
    print(f"{'files':>6} {'variant':<20} {'wall s':>8} {'CPU s':>7} {'files/s':>8} {'MB/s':>6} {'peak RSS MB':>11}")
    for n in [int(x) for x in a.sizes.split(",") if x]:
        tmp = tempfile.mkdtemp(prefix=f"reportlint-bench-{n}-")
        try:
            files, size = build(n, os.path.join(tmp, "reports"))
            mb = size / 1e6

            def show(name, dt, rss, cpu):
                rows.append({"files": n, "variant": name, "seconds": round(dt, 3), "cpu_seconds": round(cpu, 2),
                             "files_per_s": round(files / dt, 1), "mb_per_s": round(mb / dt, 2),
                             "peak_rss_mb": round(rss, 1) if rss else None, "load": os.getloadavg()[0]})
                print(f"{n:>6} {name:<20} {dt:>8.2f} {cpu:>7.2f} {files / dt:>8.1f} {mb / dt:>6.2f} "
                      f"{(f'{rss:.0f}' if rss else '—'):>11}", flush=True)

            listing = os.path.join(tmp, "files.txt")
            with open(listing, "w", encoding="utf-8") as fh:
                fh.writelines(p + "\n" for p in sorted(glob.glob(os.path.join(tmp, "reports", "**", "*.*"),
                                                                  recursive=True)))
            out = subprocess.run([sys.executable, "-c", JIEBA_ALONE, listing], env=env,
                                 capture_output=True, text=True, check=True).stdout.split()
            show("jieba alone, 1 core", float(out[0]), None, float(out[0]))
            for j in [int(x) for x in a.jobs.split(",") if x != ""]:
                cmd = REPORTLINT + ["batch", os.path.join(tmp, "reports"), "-j", str(j), "--no-cache", "-q",
                                    "--format", "jsonl", "-o", os.devnull]
                show(f"batch -j {j or 'all'}", *measured(cmd, env))
            cache = os.path.join(tmp, "cache")
            cmd = REPORTLINT + ["batch", os.path.join(tmp, "reports"), "-q", "--format", "jsonl", "-o", os.devnull,
                                "--cache-dir", cache]
            show("cold + cache -j all", *measured(cmd, env))
            show("warm re-run", *measured(cmd, env))
            print(f"{n:>6} ({mb:.1f} MB of text)")
        finally:
            if a.keep:
                print("kept", tmp)
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    out_dir = os.path.join(ROOT, "benchmarks", "out")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "batch_bench.json"), "w", encoding="utf-8") as fh:
        json.dump({"time": time.strftime("%Y-%m-%d %H:%M"), "rows": rows}, fh, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
