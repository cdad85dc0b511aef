"""Aggregate per-report records (see :func:`reportlint.summary.analyse_task`) into the summary.

Memory stays small: lengths are kept as value → count tables, terms as one counter.

Outliers (the criteria are printed with the results):
- length: log(字数) outside Tukey's fences, Q1 − 1.5 × IQR … Q3 + 1.5 × IQR of log(字数) over all
  readable reports (on the log scale, because lengths are skewed and a report twice as long is
  as unusual as one half as long); needs at least 5 readable reports.
- skeleton: among reports of the same type (at least 3), a report whose skeleton is not
  shared by any other report and differs by at least half from every other report's
  skeleton (edit distance over the role sequence ÷ the longer length ≥ 0.5).
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import repeat
from operator import add

from .vocab import LABEL_ZH, LABELS, ROLE_NAMES

PARA_BINS = (0, 50, 100, 150, 200, 300, 500)
SECTION_BINS = (0, 200, 500, 1000, 2000, 4000)
DENSITY_BINS = (0, 2, 4, 6, 8, 10, 15)
LENGTH_IQR = 1.5
SKELETON_DIST = 0.5
ROLE_ZH = dict(ROLE_NAMES, content="内容性标题", none="（不在任何章节下）")
LABEL_ORDER = LABELS
OUTLIER_RULES = {
    "length": (f"字数取对数后落在四分位距 {LENGTH_IQR} 倍的界限（Q1−{LENGTH_IQR}×IQR，Q3+{LENGTH_IQR}×IQR）之外；"
               "至少 5 份可读报告时才判断"),
    "skeleton": (f"在同类报告（至少 3 份）中，结构与其他任何一份都不相同，且与每一份的差异都不小于 "
                 f"{SKELETON_DIST:.0%}（按章节序列的编辑距离 ÷ 较长序列的长度）"),
}


def skeleton_text(sk) -> str:
    return " → ".join(ROLE_ZH.get(r, r) for r in sk) if sk else "（无小标题）"


def edit_distance(a, b) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def _expand(counts: Counter) -> list:
    out = []
    for v in sorted(counts):
        out.extend([v] * counts[v])
    return out


def distribution(counts: Counter, bins) -> dict:
    """count, mean, median, p10, p90 (nearest rank), min, max and a histogram over ``bins``."""
    values = _expand(counts)
    n = len(values)
    hist = []
    for i, lo in enumerate(bins):
        hi = bins[i + 1] if i + 1 < len(bins) else None
        k = sum(c for v, c in counts.items() if v >= lo and (hi is None or v < hi))
        hist.append({"bin": f"{lo}–{hi}" if hi is not None else f"≥{lo}", "lo": lo, "hi": hi, "count": k})
    if not n:
        return {"count": 0, "mean": None, "median": None, "p10": None, "p90": None, "min": None, "max": None,
                "histogram": hist}

    def rank(q):
        return values[max(0, math.ceil(q * n) - 1)]

    median = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
    return {"count": n, "mean": round(sum(values) / n, 1), "median": median, "p10": rank(0.1),
            "p90": rank(0.9), "min": values[0], "max": values[-1], "histogram": hist}


def add_counts(counter: Counter, counts: dict, values=None) -> None:
    """``counter.update(counts)`` for a mapping of counts, or for keys ``counts`` and their
    ``values`` — the same sums and the same key order (new keys in the given order) — with the
    look-ups and additions done in C: Counter's own update loops in Python over a mapping, which
    made most of ``summary``'s cached re-run."""
    keys = list(counts)
    if values is None:
        values = counts.values()
    dict.update(counter, zip(keys, map(add, map(counter.get, keys, repeat(0)), values)))


class Aggregate:
    def __init__(self, ruleset, top: int = 20):
        from .summary import density_matchers

        self.ruleset = ruleset
        self.top = top
        self.density_rules = [code for code, _ in density_matchers(ruleset)]
        self.reports: list[dict] = []  # light: path, profile, chars, skeleton, counts
        self.errors: list[dict] = []
        self.para_len: Counter = Counter()
        self.section_len: Counter = Counter()
        self.labels: Counter = Counter()
        self.labels_by_role: dict[str, Counter] = {}
        self.terms: Counter = Counter()
        self.term_docs: Counter = Counter()
        self.phrases: Counter = Counter()

    def add(self, rec: dict) -> None:
        if rec.get("error"):
            self.errors.append({"path": rec["path"], "error": rec["error"]})
            return
        dens = rec.get("density")
        per_k = None
        if dens is not None:
            per_k = round(dens["count"] * 1000.0 / dens["chars"], 2) if dens["chars"] else 0.0
            add_counts(self.phrases, dens["phrases"])
        self.reports.append({"path": rec["path"], "profile": rec["profile"], "chars": rec["chars"],
                             "skeleton": rec["skeleton"], "sections": len(rec["sections"]),
                             "paragraphs": len(rec["paragraphs"]), "density": per_k,
                             "ph": rec["ph"], "wm": rec["wm"]})
        self.para_len.update(rec["paragraphs"])
        self.section_len.update(n for _, n in rec["sections"])
        add_counts(self.labels, rec["labels"])
        for role, labs in rec["labels_by_role"].items():
            add_counts(self.labels_by_role.setdefault(role, Counter()), labs)
        words, counts = rec["terms"]  # see summary.analyse_task
        words = words.split("\t") if words else []
        add_counts(self.terms, words, counts)
        self.term_docs.update(words)

    # ------------------------------------------------------------ results

    def skeletons(self) -> list[dict]:
        c = Counter(tuple(r["skeleton"]) for r in self.reports)
        n = len(self.reports) or 1
        out = []
        for sk, k in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:self.top]:
            profs = Counter(r["profile"] for r in self.reports if tuple(r["skeleton"]) == sk)
            out.append({"skeleton": list(sk), "text": skeleton_text(sk), "count": k, "share": round(k / n, 4),
                        "profiles": dict(profs.most_common())})
        return out

    def presence(self) -> dict:
        out = {}
        by_prof: dict[str, list] = {}
        for r in self.reports:
            by_prof.setdefault(r["profile"] or "未识别", []).append(r)
        for name in sorted(by_prof, key=lambda p: (-len(by_prof[p]), p)):
            reps = by_prof[name]
            prof = self.ruleset.profiles.get(name)
            roles = [(s.role, s.required) for s in prof.sections] if prof else []
            seen = Counter(role for r in reps for role in set(r["skeleton"]))
            for role in sorted(seen, key=lambda x: (-seen[x], x)):  # ties by name: set order is per process
                if role not in dict(roles):
                    roles.append((role, False))
            out[name] = {"reports": len(reps), "sections": [
                {"role": role, "name": ROLE_ZH.get(role, role), "required": req, "present": seen[role],
                 "rate": round(seen[role] / len(reps), 4)} for role, req in roles]}
        return out

    def label_mix(self) -> dict:
        def mix(c: Counter) -> dict:
            total = sum(c.values()) or 1
            return {lab: {"count": c[lab], "share": round(c[lab] / total, 4)} for lab in LABEL_ORDER if c[lab]}

        roles = sorted(self.labels_by_role, key=lambda r: -sum(self.labels_by_role[r].values()))
        return {"overall": mix(self.labels), "by_role": {r: mix(self.labels_by_role[r]) for r in roles}}

    def outliers(self) -> list[dict]:
        out = []
        lens = [r["chars"] for r in self.reports]
        if len(lens) >= 5:
            logs = sorted(math.log(max(x, 1)) for x in lens)
            q1, q3 = _quantile(logs, 0.25), _quantile(logs, 0.75)
            lo, hi = q1 - LENGTH_IQR * (q3 - q1), q3 + LENGTH_IQR * (q3 - q1)
            med = _median(lens)
            for r in self.reports:
                x = math.log(max(r["chars"], 1))
                if x < lo or x > hi:
                    bound = math.exp(lo) if x < lo else math.exp(hi)
                    side = "少于" if x < lo else "多于"
                    out.append({"path": r["path"], "kind": "length", "value": r["chars"],
                                "score": round(r["chars"] / med, 2) if med else None,
                                "reason": f"字数 {r['chars']}，{side}界限 {bound:.0f}（全部报告中位数 {med:g}）"})
        by_prof: dict[str, list] = {}
        for r in self.reports:
            by_prof.setdefault(r["profile"] or "未识别", []).append(r)
        for name, reps in by_prof.items():
            if len(reps) < 3:
                continue
            sks = Counter(tuple(r["skeleton"]) for r in reps)
            for r in reps:
                sk = tuple(r["skeleton"])
                if sks[sk] > 1:
                    continue
                dists = [edit_distance(sk, o) / max(len(sk), len(o), 1) for o in sks if o != sk]
                if dists and min(dists) >= SKELETON_DIST:
                    out.append({"path": r["path"], "kind": "skeleton", "value": skeleton_text(sk),
                                "score": round(min(dists), 2),
                                "reason": f"结构“{skeleton_text(sk)}”与其他{name}的最小差异 {min(dists):.0%}"})
        return out

    def result(self) -> dict:
        reps = self.reports
        dens = Counter()
        for r in reps:
            if r["density"] is not None:
                dens[r["density"]] += 1
        terms = [{"term": w, "count": c, "reports": self.term_docs[w]} for w, c in
                 sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:self.top]]
        return {
            "files": {"total": len(reps) + len(self.errors), "readable": len(reps), "unreadable": len(self.errors)},
            "errors": self.errors,
            "profiles": dict(Counter(r["profile"] or "未识别" for r in reps).most_common()),
            "reports": [dict(r, skeleton_text=skeleton_text(r["skeleton"])) for r in reps],
            "skeletons": self.skeletons(),
            "presence": self.presence(),
            "labels": self.label_mix(),
            "lengths": {"report": distribution(Counter(r["chars"] for r in reps), (0, 1000, 2000, 3000, 5000, 8000)),
                        "section": distribution(self.section_len, SECTION_BINS),
                        "paragraph": distribution(self.para_len, PARA_BINS)},
            "density": {"rules": self.density_rules,
                        "available": bool(self.density_rules),
                        "per_thousand": distribution(dens, DENSITY_BINS) if self.density_rules else None,
                        "top_phrases": [{"phrase": w, "count": c} for w, c in
                                        sorted(self.phrases.items(), key=lambda kv: (-kv[1], kv[0]))[:self.top]]},
            "residue": {"ph_total": sum(r["ph"] for r in reps), "wm_total": sum(r["wm"] for r in reps),
                        "ph_reports": sum(1 for r in reps if r["ph"]), "wm_reports": sum(1 for r in reps if r["wm"])},
            "terms": terms,
            "outliers": self.outliers(),
            "outlier_rules": OUTLIER_RULES,
        }


def _quantile(sorted_values, q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    pos = (len(sorted_values) - 1) * q
    i = int(pos)
    j = min(i + 1, len(sorted_values) - 1)
    return sorted_values[i] + (sorted_values[j] - sorted_values[i]) * (pos - i)


def _median(values) -> float:
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
