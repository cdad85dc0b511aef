"""A submission folder with planted copies, built from the project's own corpus (for the 查重 tests).

Each planted copy is recorded as (target file, target line, source file, source line, how). Sources
are left untouched; targets receive copies, so their line numbers are known exactly.
"""
from __future__ import annotations

import os
import random
import re

CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpora", "reports")
_FORMULA = re.compile(r"如下|指正|不妥之处|请予")  # standard formulae are boilerplate, not copies
_TERM = re.compile(r"(?<=[。！？；])")


def corpus_files() -> list[str]:
    out = []
    for root, _, files in os.walk(CORPUS):
        out += [os.path.join(root, f) for f in files if f.endswith(".txt")]
    return sorted(out)


def lines_of(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return fh.read().replace("\r\n", "\n").split("\n")


def body_lines(lines: list[str], min_len: int = 80) -> list[int]:
    """0-based indexes of long body paragraphs."""
    return [i for i, t in enumerate(lines) if len(t.strip()) >= min_len]


def change_details(text: str, rnd: random.Random) -> str:
    """The same paragraph with other figures, dates and unit names (what a recycler edits)."""
    t = re.sub(r"\d", lambda m: str((int(m.group()) + 3) % 10), text)
    t = re.sub(r"[\u4e00-\u9fff]{2}(?=(?:区|县|市|公司|街道|社区)[^\u4e00-\u9fff]?)", "青石", t, count=1)
    return t


def build(root: str, n_sources: int = 30, n_targets: int = 30, seed: int = 7):
    """Write ``root/submission`` (sources, targets and independent reports); return (files, planted)."""
    rnd = random.Random(seed)
    all_files = corpus_files()
    rnd.shuffle(all_files)
    sources = all_files[:n_sources]
    targets = all_files[n_sources:n_sources + n_targets]
    others = all_files[n_sources + n_targets:]
    sub = os.path.join(root, "submission")
    os.makedirs(sub, exist_ok=True)
    names = {}
    for i, p in enumerate(sources + others):
        names[p] = os.path.join(sub, f"{'s' if p in sources else 'o'}{i:03d}.txt")
        with open(names[p], "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines_of(p)))
    planted = []
    hows = ["whole", "changed", "sentence", "reordered"]
    for ti, tpath in enumerate(targets):
        tl = lines_of(tpath)
        spath = sources[ti % len(sources)]
        sl = lines_of(spath)
        sname = os.path.join(sub, os.path.basename(names[spath]))
        how = hows[ti % len(hows)]
        long_src = body_lines(sl)
        long_tgt = body_lines(tl)
        if not long_src or not long_tgt:
            continue
        at = long_tgt[len(long_tgt) // 2]  # insert after this target paragraph
        plan = []  # (text, source line index)
        if how == "whole":
            j = rnd.choice(long_src)
            plan = [(sl[j], j)]
        elif how == "changed":
            j = rnd.choice(long_src)
            plan = [(change_details(sl[j], rnd), j)]
        elif how == "reordered":
            run = [j for j in long_src if j + 2 < len(sl) and all(k in long_src for k in (j, j + 1, j + 2))]
            if not run:
                how = "whole"
                j = rnd.choice(long_src)
                plan = [(sl[j], j)]
            else:
                j = rnd.choice(run)
                plan = [(sl[j + 2], j + 2), (sl[j], j), (sl[j + 1], j + 1)]
        if how == "sentence":
            cands = [(j, s) for j in long_src for s in _TERM.split(sl[j])
                     if len(s) >= 25 and not _FORMULA.search(s)]
            if not cands:
                continue
            j, s = rnd.choice(cands)
            tl[at] = tl[at] + s  # reused sentence at the end of an existing paragraph
            planted.append((f"t{ti:03d}.txt", at + 1, os.path.basename(sname), j + 1, how))
        else:
            for k, (text, j) in enumerate(plan):
                tl.insert(at + 1 + k, text)
                planted.append((f"t{ti:03d}.txt", at + 2 + k, os.path.basename(sname), j + 1, how))
        with open(os.path.join(sub, f"t{ti:03d}.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(tl))
    return sub, planted
