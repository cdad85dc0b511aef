"""查重 benchmark: `reportlint similar` of N reports against an indexed archive of M, wall time and
peak memory, beside a brute-force difflib baseline measured on a sample and scaled up.

    .venv/bin/python benchmarks/similar_bench.py --submission 10000 --archive 50000 --dir /tmp/simbench

Reports are synthesised from the project's corpus: each paragraph is three to five corpus
sentences drawn at random, each with two characters changed, so that independent reports share
no exact sentence; one submission report in ten recycles two paragraphs of an archive report
(figures changed). The generated folders are kept in --dir and reused when their sizes match.
Targets (issue 17): ≤ 60 s and ≤ 1 GB for 10,000 against 50,000 on the 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "corpora", "reports")
_TERM = re.compile(r"(?<=[。！？；])")


def sentence_pool() -> list[str]:
    out = []
    for root, _, files in os.walk(CORPUS):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    for line in fh:
                        out += [s for s in _TERM.split(line.strip()) if 12 <= len(s) <= 60 and s[-1] in "。！？；"]
    return out


def make_report(rnd: random.Random, pool: list[str], chars: str) -> list[str]:
    lines = [f"{rnd.choice(['2024', '2025'])}年度工作总结"]
    for _ in range(rnd.randint(14, 22)):
        sents = []
        for s in rnd.sample(pool, rnd.randint(3, 5)):
            s = list(s)
            for _ in range(2):
                s[rnd.randrange(len(s) - 1)] = rnd.choice(chars)
            sents.append("".join(s))
        lines.append("".join(sents))
    return lines


def generate(d: str, n_sub: int, n_arch: int, seed: int = 17) -> list[tuple]:
    """Write d/archive and d/submission; return the planted (submission file, line, archive file, line)."""
    meta = os.path.join(d, "meta.json")
    if os.path.exists(meta):
        with open(meta, encoding="utf-8") as fh:
            m = json.load(fh)
        if m["sizes"] == [n_sub, n_arch, seed]:
            return [tuple(p) for p in m["planted"]]
    rnd = random.Random(seed)
    pool = sentence_pool()
    chars = "".join(sorted({c for s in pool for c in s if "\u4e00" <= c <= "\u9fff"}))
    arch_dir, sub_dir = os.path.join(d, "archive"), os.path.join(d, "submission")
    for x in (arch_dir, sub_dir):
        os.makedirs(x, exist_ok=True)
    arch_lines = {}
    for i in range(n_arch):
        lines = make_report(rnd, pool, chars)
        name = f"a{i:06d}.txt"
        if i < n_sub:  # recycling sources: kept for the planting below
            arch_lines[name] = lines
        with open(os.path.join(arch_dir, name),
                  "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    planted = []
    for i in range(n_sub):
        lines = make_report(rnd, pool, chars)
        name = f"s{i:06d}.txt"
        if i % 10 == 0:
            src = f"a{rnd.randrange(min(n_sub, n_arch)):06d}.txt"
            sl = arch_lines[src]
            for k, j in enumerate(sorted(rnd.sample(range(1, len(sl)), 2))):
                text = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), sl[j])
                at = 2 + 3 * k
                lines.insert(at, text)
                planted.append((name, at + 1, src, j + 1))
        with open(os.path.join(sub_dir, name), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    with open(meta, "w", encoding="utf-8") as fh:
        json.dump({"sizes": [n_sub, n_arch, seed], "planted": planted}, fh)
    return planted


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process of the command (itself or a worker it
    reaped: ``wait4`` reports the child's own peak or its largest reaped descendant's, whichever is
    larger; ``RUSAGE_CHILDREN`` would mix in every earlier command of this script)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 2):
        raise SystemExit(f"失败：{' '.join(cmd)}")
    return wall, ru.ru_maxrss / 1024


def difflib_baseline(d: str, n_sub: int, n_arch: int, sample: int = 4) -> float:
    """Seconds brute-force difflib would need for every paragraph pair, from a timed sample."""
    import difflib

    def paras(p):
        with open(p, encoding="utf-8") as fh:
            return [x for x in fh.read().split("\n") if len(x) >= 20]

    subs = [paras(os.path.join(d, "submission", f"s{i:06d}.txt")) for i in range(sample)]
    archs = [paras(os.path.join(d, "archive", f"a{i:06d}.txt")) for i in range(sample * 5)]
    pairs, t0 = 0, time.perf_counter()
    for s in subs:
        for a in archs:
            for x in s:
                sm = difflib.SequenceMatcher(None, x, autojunk=False)
                for y in a:
                    sm.set_seq2(y)
                    if sm.real_quick_ratio() >= 0.5 and sm.quick_ratio() >= 0.5:
                        sm.ratio()
                    pairs += 1
    per_report_pair = (time.perf_counter() - t0) / (len(subs) * len(archs))
    total_report_pairs = n_sub * n_arch + n_sub * (n_sub - 1) / 2
    return per_report_pair * total_report_pairs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--submission", type=int, default=10000)
    ap.add_argument("--archive", type=int, default=50000)
    ap.add_argument("--dir", default="/tmp/reportlint-simbench")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--reuse-index", action="store_true", help="keep an index built by an earlier run (time similar only)")
    a = ap.parse_args(argv)
    d = os.path.join(a.dir, f"{a.submission}-{a.archive}")
    os.makedirs(d, exist_ok=True)
    t0 = time.perf_counter()
    planted = generate(d, a.submission, a.archive)
    print(f"生成/复用测试数据：{time.perf_counter() - t0:.1f} 秒（{d}）", flush=True)
    rl = [os.path.join(os.path.dirname(sys.executable), "reportlint")]
    idx = os.path.join(d, "archive.rlidx")
    t_idx = m_idx = t_upd = m_upd = float("nan")
    if not (a.reuse_index and os.path.exists(idx)):
        if os.path.exists(idx):
            os.remove(idx)
        t_idx, m_idx = timed(rl + ["index", os.path.join(d, "archive"), "-o", idx, "-q", "-j", str(a.jobs)])
        t_upd, m_upd = timed(rl + ["index", os.path.join(d, "archive"), "-o", idx, "-q", "-j", str(a.jobs)])
    out = os.path.join(d, "result.json")
    t_sim, m_sim = timed(rl + ["similar", os.path.join(d, "submission"), "--against", idx, "--format", "json",
                               "-o", out, "-q", "-j", str(a.jobs)])
    with open(out, encoding="utf-8") as fh:
        res = json.load(fh)
    found = {(os.path.basename(p["a"]), m["line_a"], os.path.basename(p["b"]), m["line_b"])
             for p in res["pairs"] for m in p["matches"]}
    hit = sum(1 for p in planted if p in found)
    planted_set = set(planted)
    # pairs beyond the planted ones: the generator draws sentences from a finite pool, so two
    # reports may really share text; difflib says whether each such pair has ≥ 20 common characters
    import difflib

    extra = real = 0
    for p in res["pairs"]:
        for m in p["matches"]:
            if (os.path.basename(p["a"]), m["line_a"], os.path.basename(p["b"]), m["line_b"]) in planted_set:
                continue
            extra += 1
            sm = difflib.SequenceMatcher(None, m["text_a"], m["text_b"], autojunk=False)
            real += sum(b.size for b in sm.get_matching_blocks() if b.size >= 8) >= 20
    base = difflib_baseline(d, a.submission, a.archive)
    load = os.getloadavg()[0]
    print(f"\n查重基准：{a.submission} 份对 {a.archive} 份往年报告，{a.jobs} 个进程，负载 {load:.1f}")
    print(f"  {'项目':<28}{'用时':>10}{'峰值内存':>12}")
    if t_idx == t_idx:  # not NaN: built in this run
        print(f"  {'index（新建）':<28}{t_idx:>9.1f}s{m_idx:>10.0f}MB")
        print(f"  {'index（无变化，增量）':<26}{t_upd:>9.1f}s{m_upd:>10.0f}MB")
    else:
        print(f"  index：沿用已有的 {idx}")
    print(f"  {'similar --against 索引':<27}{t_sim:>9.1f}s{m_sim:>10.0f}MB   目标 ≤ 60 s、≤ 1024 MB")
    print(f"  {'difflib 逐对比较（抽样推算）':<24}{base:>9.0f}s{'':>12}   = {base / t_sim:.0f} × similar")
    print(f"  植入的往年段落：{len(planted)} 处，找到 {hit} 处（召回 {hit / max(1, len(planted)):.3f}）；其他配对 {extra} 处，"
          f"其中经 difflib 核对确有 20 字以上相同文字的 {real} 处（生成数据从有限的语料句子中抽取，难免真有重复）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
