"""``reportlint summary``: what a collection of past reports looks like.

Per report (a pure function, run in worker processes through :mod:`reportlint.executor`):
the outline signature (top-level section roles in order, repeats merged), section and
paragraph lengths, paragraph labels (the shipped classifier), 套话 density (the phrase
matcher of the rule set's ``density`` rules), placeholder (PH) and template-residue (WM)
counts, and term counts (jieba semantics, stop words removed). Then one aggregation
(:mod:`reportlint.summary_stats`) and one of four renderings (:mod:`reportlint.formatters.summary`).

Lengths are 字数: characters that are not white space.
"""
from __future__ import annotations

import os
import re
from collections import Counter

CONTENT = "content"  # a top-level heading that names no section role (e.g. “强化队伍建设”)
NONE_ROLE = "none"  # paragraphs under no recognised section
_TERM_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]*$")


def chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def load_stopwords() -> frozenset:
    from .paths import rules_root

    path = os.path.join(rules_root(), "lexicon", "stopwords.txt")
    words = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                w = line.split("#", 1)[0].strip()
                if w:
                    words.add(w)
    return frozenset(words)


def density_matchers(ruleset) -> list:
    """(code, matcher) for every ``density`` rule whose compiled form can find phrases."""
    out = []
    for r in ruleset.rules:
        if r.kind != "density" or r.options.get("_disabled"):
            continue
        m = r.compiled
        m = m if hasattr(m, "finditer") else getattr(m, "matcher", None)
        if m is not None and hasattr(m, "finditer"):
            out.append((r.code, m))
    return out


# ---------------------------------------------------------------- per report (worker side)

_STATE: dict = {}


def init_worker(rules_keys) -> None:
    from . import tokenize
    from .classify.core import prepare
    from .classify.predict import load_model, use_batched
    from .rulecache import load_ruleset

    for k in rules_keys:
        load_ruleset(list(k))
    tokenize._engine()
    prepare(load_model())
    use_batched()
    _STATE["stop"] = load_stopwords()


def lost_record(task, message: str) -> dict:
    """The record of a file whose analysis kept killing cluster workers."""
    return {"path": task[0], "error": message}


def skeleton(doc) -> list[str]:
    """Top-level section roles in order; consecutive repeats merged."""
    out: list[str] = []
    for h, _, _ in doc.top_sections():
        role = h.role or CONTENT
        if not out or out[-1] != role:
            out.append(role)
    return out


def analyse_task(task) -> dict:
    """(path, rules key) → a small JSON-able record (no text kept)."""
    from . import engine, tokenize
    from .classify.predict import tag_document
    from .rulecache import load_ruleset
    from .errors import ReportlintError
    from .readers import read_path
    from .options import Options
    from .report import build_document

    path, rules_key = task
    rs = load_ruleset(list(rules_key))
    stop = _STATE.get("stop")
    if stop is None:
        stop = _STATE["stop"] = load_stopwords()
    try:
        doc = build_document(read_path(path), rs, Options())
    except ReportlintError as exc:
        return {"path": path, "error": exc.message}
    tag_document(doc, decode=True)
    sections = []
    for h, s, e in doc.top_sections():
        sections.append([h.role or CONTENT, chars(doc.text[s:e])])
    paras, labels, by_role = [], Counter(), {}
    terms: Counter = Counter()
    body_parts = []
    for p in doc.content_paragraphs:
        body = p.body
        n = chars(body)
        if not n:
            continue
        paras.append(n)
        body_parts.append(body)
        if p.label:
            labels[p.label] += 1
            role = doc.role_of(p) or NONE_ROLE
            by_role.setdefault(role, Counter())[p.label] += 1
        for w in tokenize.cut(body):
            if len(w) >= 2 and w not in stop and _TERM_OK.match(w):
                terms[w] += 1
    body_text = "\n".join(body_parts)
    density = None
    matchers = density_matchers(rs)
    if matchers:
        phrases: Counter = Counter()
        for _, m in matchers:
            for _, _, w in m.finditer(body_text):
                phrases[w] += 1
        density = {"count": sum(phrases.values()), "chars": chars(body_text), "phrases": dict(phrases)}
    fam = Counter(f.family for f in engine.check_document(doc, rs, select=["PH", "WM"]))
    return {"path": path, "error": None, "profile": doc.profile, "chars": chars(doc.text),
            "skeleton": skeleton(doc), "sections": sections, "paragraphs": paras,
            "labels": dict(labels), "labels_by_role": {k: dict(v) for k, v in by_role.items()},
            "density": density, "ph": fam.get("PH", 0), "wm": fam.get("WM", 0),
            # the terms as two columns (words joined by tabs, their counts): a JSON dict of ~900
            # words took most of the time of reading a cached record back
            "terms": ["\t".join(terms), list(terms.values())]}
