"""reportlint benchmarks: one run, variants interleaved, every figure beside its baseline and target.

    .venv/bin/python benchmarks/run.py            # the full run (make bench), ~5 minutes
    .venv/bin/python benchmarks/run.py --quick    # smoke run: 3 repeats, 200 files
    .venv/bin/python benchmarks/run.py --only a,d --repeat 15

(a) ``reportlint check`` on a 3,000-character report built from ``corpora/``, whole process,
    median of N runs, peak RSS — beside ``python -c "import jieba; jieba.initialize()"`` and
    ``python -c pass``, the three run in turn N times.
(b) ``reportlint batch`` over N corpus-built files (default 3,000), ``--jobs 1`` and
    ``--jobs 2``, empty cache: MB/s, files/s, peak RSS of the largest process — beside stock
    jieba alone tokenizing the same text on one core (its start-up excluded); ``--jobs 2`` once
    with the compiled scoring core (native/, when installed) and once with its pure-Python twin
    (``REPORTLINT_CORE=pure``), their JSON outputs compared byte for byte; and a tenth of
    the files with ``--jobs 2``, to see that peak RSS does not grow with the number of files.
(c) the same batch runs again, every file unchanged: answers come from the content cache.
(d) ``reportlint tag`` on the report of (a), whole process, interleaved with (a).
(e) the client's own peak RSS (``getrusage(RUSAGE_SELF)`` in the batch process, not its workers)
    for ``batch -j 2`` over 1,000 and 100,000 tiny files (``--select PH``, no cache): discovery,
    planning and dispatch stream, so it must not grow.
(f) ``summary`` re-run over 2,000 unchanged files (every record from the result cache) beside
    ``batch``'s warm re-run over the same files, medians of 3.
(g) a per-stage CPU profile of the per-file work (``benchmarks/stages.py``), compiled core and pure twin.

Every process gets the same environment: bytecode caching on (``PYTHONPYCACHEPREFIX`` in the
scratch folder, so ``PYTHONDONTWRITEBYTECODE`` in the caller's environment does not make
reportlint — an editable install — recompile its modules on every run while jieba's
site-packages bytecode is used), a scratch ``REPORTLINT_CACHE``, no colour variables, and
``PYTHONPATH`` set to the tree this script belongs to (run a copy — ``git worktree add`` — to
measure a fixed commit while others edit the working tree: batch's content cache is keyed by
the code's modification times, so edits made during the run empty it). One
untimed warm-up run of each command fills those caches (its time is shown as "first run").
MB are 10^6 bytes of UTF-8 input. Peak RSS comes from ``wait4`` (the largest single process:
with worker processes, the largest of the main process and its workers).

This machine's speed drifts by ±30 % over minutes (other jobs share its cores; the load
average is printed), which is why every target is a ratio to a baseline measured in the
same run, runs are interleaved, and (a)/(d) take medians.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = sys.executable
_SCRIPT = os.path.join(os.path.dirname(PY), "reportlint")
REPORTLINT = [_SCRIPT] if os.path.exists(_SCRIPT) else [PY, "-m", "reportlint.cli"]

JIEBA_ALONE = r"""
import os, sys, time, logging
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
paths = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
texts = [open(p, encoding="utf-8").read() for p in paths]
t = time.perf_counter()
n = 0
for s in texts:
    n += len(jieba.lcut(s))
print(time.perf_counter() - t, n)
"""

RJIEBA_ALONE = JIEBA_ALONE.replace("import jieba\njieba.setLogLevel(logging.WARNING)\njieba.initialize()",
                                   "import rjieba as jieba").replace("jieba.lcut(s)", "jieba.cut(s)")


def corpus_texts() -> list[str]:
    paths = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True)
                   + glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.md"), recursive=True))
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            out.append(fh.read())
    if not out:
        raise SystemExit("corpora/reports/ is empty")
    return out


def report_of(chars: int, texts: list[str]) -> str:
    """Whole lines of corpus reports (the first long enough one, then the next), ``chars`` at most."""
    lines = [ln for t in sorted(texts, key=lambda t: len(t) < chars) for ln in t.rstrip("\n").split("\n")]
    out, n = [], 0
    for ln in lines:
        if n + len(ln) + 1 > chars:
            break
        out.append(ln)
        n += len(ln) + 1
    return "\n".join(out) + "\n"


def build_files(n: int, dest: str, texts: list[str]) -> tuple[list[str], int]:
    """``n`` report files under ``dest`` (500 per folder), each a corpus report plus a line naming
    its copy, so every file's content — and cache key — differs. Returns (folders, bytes)."""
    folders, total = [], 0
    for i in range(n):
        folder = os.path.join(dest, f"第{i // 500:03d}批")
        if i % 500 == 0:
            os.makedirs(folder, exist_ok=True)
            folders.append(folder)
        data = (texts[i % len(texts)].rstrip("\n") + f"\n（本件为第 {i + 1} 份）\n").encode("utf-8")
        with open(os.path.join(folder, f"报告{i:05d}.txt"), "wb") as fh:
            fh.write(data)
        total += len(data)
    return folders, total


class Runner:
    def __init__(self, scratch: str):
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYTHONDONTWRITEBYTECODE", "REPORTLINT_TOKENIZER", "FORCE_COLOR", "TTY_COMPATIBLE",
                                 "NO_COLOR", "PYTHONPROFILEIMPORTTIME")}
        self.env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "pyc")
        # measure the tree this script lives in (also when it is a copy of the repository)
        self.env["PYTHONPATH"] = ROOT + (os.pathsep + self.env["PYTHONPATH"] if self.env.get("PYTHONPATH") else "")
        self.env["REPORTLINT_CACHE"] = os.path.join(scratch, "cache")
        self.cwd = scratch

    def run(self, cmd: list[str], ok=(0, 1), env=None) -> tuple[float, float, str]:
        """(seconds, peak RSS MB, stdout) of one whole process (``env``: extra variables)."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            t = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=out, stderr=err, env=dict(self.env, **(env or {})), cwd=self.cwd)
            _, status, usage = os.wait4(p.pid, 0)
            dt = time.perf_counter() - t
            p.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        if p.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{stderr[-2000:]}")
        return dt, usage.ru_maxrss / 1024, stdout


ROWS: list[dict] = []


def row(key, what, figure, unit, baseline=None, base_name="", target="", ok=None, note=""):
    ROWS.append({"id": key, "what": what, "figure": figure, "unit": unit, "baseline": baseline,
                 "baseline_name": base_name, "target": target, "ok": ok, "note": note})


def fmt(x, unit):
    if x is None:
        return ""
    if unit == "s":
        return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"
    if unit == "MB":
        return f"{x:.0f} MB"
    return f"{x:.2f} {unit}".strip()


def part_a_d(r: Runner, scratch: str, texts, repeat: int, only: set[str]):
    report = report_of(3000, texts)
    path = os.path.join(scratch, "报告.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(report)
    variants = {
        "pass": [PY, "-c", "pass"],
        "jieba": [PY, "-c", "import jieba; jieba.initialize()"],
    }
    if "a" in only:
        variants["check"] = REPORTLINT + ["check", path]
    if "d" in only:
        variants["tag"] = REPORTLINT + ["tag", path]
    first = {k: r.run(cmd)[0] for k, cmd in variants.items()}  # warm-up: bytecode, jieba and reportlint caches
    times: dict[str, list] = {k: [] for k in variants}
    rss: dict[str, list] = {k: [] for k in variants}
    for i in range(repeat):
        order = list(variants)
        order = order[i % len(order):] + order[:i % len(order)]  # rotate who goes first
        for k in order:
            dt, mb, _ = r.run(variants[k])
            times[k].append(dt)
            rss[k].append(mb)
    med = {k: statistics.median(v) for k, v in times.items()}
    chars = len(report.rstrip("\n"))
    row("a", "python -c pass", med["pass"], "s", note=f"median of {repeat}")
    row("a", "python -c 'import jieba; jieba.initialize()' (stock)", med["jieba"], "s",
        note=f"median of {repeat}; peak RSS {max(rss['jieba']):.0f} MB")
    if "check" in med:
        ratio = med["check"] / med["jieba"]
        row("a", f"reportlint check, {chars}-character report", med["check"], "s", ratio, "× jieba start-up",
            "≤ 0.35 ×", ratio <= 0.35, f"median of {repeat}; min {min(times['check']) * 1000:.0f} ms; "
            f"first run (fills caches) {first['check'] * 1000:.0f} ms")
        row("a", "reportlint check, peak RSS", max(rss["check"]), "MB", target="≤ 100 MB",
            ok=max(rss["check"]) <= 100, note=f"largest of {repeat}")
    if "tag" in med:
        ratio = med["tag"] / med["jieba"]
        row("d", f"reportlint tag, {chars}-character report", med["tag"], "s", ratio, "× jieba start-up",
            "≤ 0.5 ×", ratio <= 0.5, f"median of {repeat}; peak RSS {max(rss['tag']):.0f} MB")


def part_b_c(r: Runner, scratch: str, texts, nfiles: int, only: set[str]):
    folders, size = build_files(nfiles, os.path.join(scratch, "reports"), texts)
    mb = size / 1e6
    listing = os.path.join(scratch, "files.txt")
    with open(listing, "w", encoding="utf-8") as fh:
        for f in folders:
            for name in sorted(os.listdir(f)):
                fh.write(os.path.join(f, name) + "\n")
    top = os.path.join(scratch, "reports")

    def batch(jobs, cache, paths=(top,), out=os.devnull):
        cmd = REPORTLINT + ["batch", *paths, "--jobs", str(jobs), "--format", "jsonl", "-o", out, "--quiet"]
        return cmd + (["--cache-dir", cache] if cache else ["--no-cache"])

    small = folders[:max(1, len(folders) // 10)]
    small_n = min(nfiles, 500 * len(small))
    caches = {j: os.path.join(scratch, f"batch-cache-{j}") for j in (1, 2)}
    r.run(REPORTLINT + ["check", os.path.join(folders[0], "报告00000.txt")])  # warm-up: rules cache, bytecode
    out = r.run([PY, "-c", JIEBA_ALONE, listing])[2].split()  # interleaved: baseline, then the variants
    jieba_s = float(out[0])
    res = {}
    res["b1"] = r.run(batch(1, caches[1]))
    # the compiled scoring core (native/) and its pure-Python twin, interleaved, outputs compared
    pure = {"REPORTLINT_CORE": "pure"}
    core_name = r.run([PY, "-c", "from reportlint.classify import core; print(core.name())"])[2].strip()
    outs = {k: os.path.join(scratch, f"out-{k}.jsonl") for k in ("native", "pure")}
    res["b2"] = r.run(batch(2, caches[2], out=outs["native"]))
    res["b2pure"] = r.run(batch(2, None, out=outs["pure"]), env=pure)
    with open(outs["native"], "rb") as a, open(outs["pure"], "rb") as b:
        identical = a.read() == b.read()
    res["small"] = r.run(batch(2, os.path.join(scratch, "batch-cache-small"), small))  # same mode as b2
    if "c" in only:
        res["c1"] = r.run(batch(1, caches[1]))
        res["c2"] = r.run(batch(2, caches[2]))
    rj = r.run([PY, "-c", RJIEBA_ALONE, listing])[2].split()
    jieba_rate = mb / jieba_s
    row("b", f"stock jieba alone, 1 core ({nfiles} files, {mb:.1f} MB)", jieba_rate, "MB/s",
        note=f"{jieba_s:.1f} s, start-up excluded")
    row("b", "rjieba alone, 1 core (context)", mb / float(rj[0]), "MB/s", note=f"{float(rj[0]):.1f} s")
    for key, what, tgt, need in (("b1", f"batch --jobs 1, empty cache, {core_name} core", "", None),
                                 ("b2", f"batch --jobs 2, empty cache, {core_name} core",
                                  "≥ 2.7 × (compiled core)" if core_name == "native" else "≥ 1.6 × (pure twin)",
                                  2.7 if core_name == "native" else 1.6),
                                 ("b2pure", "batch --jobs 2, no cache, pure-Python twin", "≥ 1.6 ×", 1.6)):
        dt, peak, _ = res[key]
        rate = mb / dt
        ok = rate / jieba_rate >= need if need else None
        row("b", what, rate, "MB/s", rate / jieba_rate, "× jieba alone", tgt, ok,
            f"{dt:.1f} s, {nfiles / dt:.0f} files/s, peak RSS {peak:.0f} MB")
    row("b", "JSON of batch --jobs 2: compiled core vs pure twin", 1.0 if identical else 0.0, "",
        target="byte-identical", ok=identical if core_name == "native" else None,
        note="identical" if identical else "DIFFERENT" + ("" if core_name == "native" else " (no compiled core)"))
    dt_s, peak_s, _ = res["small"]
    peak_b = res["b2"][1]
    row("b", f"peak RSS, batch --jobs 2: {small_n} → {nfiles} files", peak_b, "MB", peak_b / peak_s,
        f"× the {small_n}-file run", "not growing (≤ 1.15 ×)", peak_b / peak_s <= 1.15,
        f"{small_n} files: {peak_s:.0f} MB ({dt_s:.1f} s)")
    if "c" in only:
        for j in (1, 2):
            dt, peak, _ = res[f"c{j}"]
            row("c", f"batch --jobs {j}, warm cache, {nfiles} unchanged files", dt, "s", target="≤ 2 s",
                ok=dt <= 2 if nfiles >= 10000 else None, note=f"{nfiles / dt:.0f} files/s, peak RSS {peak:.0f} MB")


CLIENT_RSS = r"""
import resource, sys
from reportlint.cli import main
rc = main(sys.argv[1:])
sys.stderr.flush()
print("CLIENT_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(rc)
"""


def client_rss(r: Runner, argv: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS MB of the client process alone — not its workers) of ``reportlint argv``."""
    dt, _, out = r.run([PY, "-c", CLIENT_RSS, *argv])
    kb = next(int(line.split()[1]) for line in out.splitlines() if line.startswith("CLIENT_RSS_KB"))
    return dt, kb / 1024


def part_e(r: Runner, scratch: str, big: int):
    """Client peak RSS of batch -j 2 at 1,000 and ``big`` tiny files (streaming: it must not grow)."""
    sizes = (1000, big)
    tops = {}
    for n in sizes:
        top = os.path.join(scratch, f"tiny-{n}")
        for i in range(n):
            if i % 1000 == 0:
                folder = os.path.join(top, f"{i // 1000:04d}")
                os.makedirs(folder)
            with open(os.path.join(folder, f"{i:06d}.txt"), "w", encoding="utf-8") as fh:
                fh.write(f"第{i}号情况说明\n今年共完成任务{i % 97}项。\n")
        tops[n] = top
    res = {}
    for n in sizes:  # a cheap rule set: the client's side (discover, plan, dispatch, write) is measured
        res[n] = client_rss(r, ["batch", tops[n], "-j", "2", "--no-cache", "--select", "PH", "--format", "jsonl",
                                "-o", os.devnull, "--quiet"])
    small, large = res[sizes[0]][1], res[sizes[1]][1]
    row("e", f"client peak RSS, batch -j 2: {sizes[0]} → {big} tiny files", large, "MB", large / small,
        f"× the {sizes[0]}-file run", "flat (≤ 1.15 ×)", large / small <= 1.15,
        f"{sizes[0]} files: {small:.0f} MB ({res[sizes[0]][0]:.1f} s); {big} files: {res[sizes[1]][0]:.1f} s, "
        f"{big / res[sizes[1]][0]:.0f} files/s; --select PH, no cache")


def part_f(r: Runner, scratch: str, texts, n: int = 2000):
    """summary re-run over ``n`` unchanged files beside batch's warm re-run over the same files."""
    folders, _ = build_files(n, os.path.join(scratch, "summary-in"), texts)
    top = os.path.join(scratch, "summary-in")
    cache = os.path.join(scratch, "summary-cache")
    summ = REPORTLINT + ["summary", top, "-j", "2", "--format", "json", "-o", os.devnull, "--quiet",
                         "--cache-dir", cache]
    bat = REPORTLINT + ["batch", top, "-j", "2", "--format", "jsonl", "-o", os.devnull, "--quiet", "--cache-dir", cache]
    first_s = r.run(summ)[0]
    first_b = r.run(bat)[0]
    s_warm = [r.run(summ)[0] for _ in range(3)]
    b_warm = [r.run(bat)[0] for _ in range(3)]
    s, b = statistics.median(s_warm), statistics.median(b_warm)
    row("f", f"summary re-run, {n} unchanged files", s, "s", s / b, "× batch warm re-run", "≤ 2 ×", s / b <= 2,
        f"median of 3; batch warm re-run {b * 1000:.0f} ms; first runs: summary {first_s:.1f} s, batch {first_b:.1f} s")


def part_g(r: Runner, scratch: str, texts, n: int = 300):
    """Per-stage CPU profile of the per-file work (benchmarks/stages.py), both cores."""
    folders, _ = build_files(n, os.path.join(scratch, "stages-in"), texts)
    listing = os.path.join(scratch, "stages.txt")
    with open(listing, "w", encoding="utf-8") as fh:
        for f in folders:
            for name in sorted(os.listdir(f)):
                fh.write(os.path.join(f, name) + "\n")
    script = os.path.join(ROOT, "benchmarks", "stages.py")
    for env, what in (({}, "compiled core"), ({"REPORTLINT_CORE": "pure"}, "pure twin")):
        out = json.loads(r.run([PY, script, listing], env=env)[2].strip().splitlines()[-1])
        top = ", ".join(f"{k} {ms:.1f} ({share:.0%})" for k, ms, share in out["stages"][:7])
        row("g", f"per-file CPU by stage, {what} ({n} files)", out["total_ms_per_file"] / 1000, "s",
            note="ms per file: " + top)


def print_table(args, started_load):
    print()
    print(f"reportlint benchmark — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}, load average {started_load:.1f} → {os.getloadavg()[0]:.1f}"
          + (" (quick smoke run: figures are not comparable)" if args.quick else ""))
    head = ("", "measure", "figure", "beside baseline", "target", "met", "notes")
    lines = [head]
    for x in ROWS:
        base = f"{x['baseline']:.2f} {x['baseline_name']}" if x["baseline"] is not None else ""
        met = "" if x["ok"] is None else ("yes" if x["ok"] else "NO")
        lines.append((x["id"], x["what"], fmt(x["figure"], x["unit"]), base, x["target"], met, x["note"]))
    from unicodedata import east_asian_width

    def width(s):
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)

    widths = [max(width(line[i]) for line in lines) for i in range(len(head))]
    for n, line in enumerate(lines):
        print("  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(line)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 3 repeats, 200 files")
    ap.add_argument("--only", default="a,b,c,d,e,f,g", help="which parts (comma list of a–g)")
    ap.add_argument("--tiny", type=int, default=100_000, help="tiny files for the client-memory run (e)")
    ap.add_argument("--repeat", type=int, help="runs per variant in (a)/(d) (default 9; quick 3)")
    ap.add_argument("--files", type=int, help="files for (b)/(c) (default 3000; quick 200)")
    ap.add_argument("--json", metavar="PATH", help="also write the rows as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = ap.parse_args(argv)
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    if only - set("abcdefg"):
        ap.error("--only takes a, b, c, d, e, f, g")
    repeat = args.repeat or (3 if args.quick else 9)
    nfiles = args.files or (200 if args.quick else 3000)
    load = os.getloadavg()[0]
    scratch = tempfile.mkdtemp(prefix="reportlint-bench-")
    try:
        r = Runner(scratch)
        texts = corpus_texts()
        if only & {"a", "d"}:
            part_a_d(r, scratch, texts, repeat, only)
        if only & {"b", "c"}:
            part_b_c(r, scratch, texts, nfiles, only)
        if "g" in only:
            part_g(r, scratch, texts, 60 if args.quick else 300)
        if "f" in only:
            part_f(r, scratch, texts, 100 if args.quick else 2000)
        if "e" in only:
            part_e(r, scratch, 2000 if args.quick else args.tiny)
    finally:
        if args.keep:
            print("scratch folder kept:", scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print_table(args, load)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"time": time.strftime("%Y-%m-%d %H:%M"), "quick": args.quick, "rows": ROWS}, fh,
                      ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
