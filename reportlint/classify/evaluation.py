"""One table of paragraph-role figures: corpus cross-validation and real reports, content-only and decoded.

Rows (each with macro-F1 and per-label F1):

- corpus, grouped by report (``folds`` folds) and leave-one-writer-out — the content model and the
  context prior are refitted on the training part of every fold, transitions re-estimated from its
  labels; the decoder's two weights are the shipped model's (fitted on out-of-fold scores of whole
  writers, so they carry almost nothing of a test fold);
- real reports (``real`` folder + ``gold`` labels, one row per line: ``file``, ``line_number``,
  ``label``), tagged by the shipped model, overall, per detected report type and per file.

Macro-F1 on real reports is over the six content labels (background … plan) on the lines whose gold
label is one of them, as the project is judged; a line tagged ``other`` or not tagged is a miss.
"""
from __future__ import annotations

import csv
import os

from .corpus import LABELS

CONTENT_SIX = ("background", "practice", "outcome", "insight", "problem", "plan")


def f1_table(pairs: list[tuple[str, str]], labels=CONTENT_SIX) -> dict:
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        per[lab] = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    acc = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    return {"macro_f1": round(sum(per.values()) / len(per), 3), "f1": per, "n": len(pairs),
            "accuracy": round(acc, 3)}


def corpus_rows(root: str | None = None, folds: int = 5) -> list[dict]:
    """Cross-validated content-only and decoded labels on the corpus, by report and by writer."""
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    from . import train as T
    from .predict import load_model
    from .sequence import decode

    shipped = load_model(None)
    seqs = T.corpus_sequences(root)
    data = T._Data(seqs)
    rows = []
    item_seq = [k for k, (a, b) in enumerate(data.spans) for _ in range(a, b)]
    for group in ("report", "writer"):
        keys = [seqs[k].report if group == "report" else seqs[k].writer for k in item_seq]
        idx = list(range(len(data.labels)))
        splits = (GroupKFold(n_splits=folds).split(idx, data.labels, keys) if group == "report"
                  else LeaveOneGroupOut().split(idx, data.labels, keys))
        content: dict[int, dict] = {}
        context: dict[int, dict] = {}
        decoded: dict[int, str] = {}
        nfolds = 0
        for tr, te in splits:
            nfolds += 1
            tr, te = list(tr), list(te)
            cm, xm = T._models(data, tr)
            for i, pc, px in zip(te, T._proba(cm, [data.content[i] for i in te]),
                                 T._proba(xm, [data.heading[i] for i in te])):
                content[i], context[i] = pc, px
            train_seqs = sorted({item_seq[i] for i in tr})
            dec = dict(shipped["decoder"])
            dec["transitions"] = T._transitions(data, train_seqs)
            for k in sorted({item_seq[i] for i in te}):
                a, b = data.spans[k]
                ids = range(a, b)
                for i, (lab, _) in zip(ids, decode([content[i] for i in ids], [context[i] for i in ids], dec)):
                    decoded[i] = lab
        gold = data.labels
        cpred = [max(content[i], key=content[i].get) for i in range(len(gold))]
        name = f"语料·按报告 {nfolds} 折" if group == "report" else f"语料·留一写作者（{nfolds} 人）"
        for kind, pred in (("content", cpred), ("decoded", [decoded[i] for i in range(len(gold))])):
            rows.append({"set": name, "labels": kind, **f1_table(list(zip(gold, pred)))})
    return rows


def read_gold(path: str) -> dict[str, dict[int, str]]:
    gold: dict[str, dict[int, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            gold.setdefault(r["file"], {})[int(r["line_number"])] = r["label"]
    return gold


def real_rows(folder: str, gold_path: str, build) -> tuple[list[dict], list[dict]]:
    """(summary rows, per-file rows) on real reports. ``build(path)`` → Document (the caller reads
    files the way ``tag`` does)."""
    from .predict import load_model
    from .sequence import label_paragraphs

    model = load_model(None)
    gold = read_gold(gold_path)
    pairs = {"content": [], "decoded": []}
    by_type: dict[str, dict[str, list]] = {}
    files = []
    for name in sorted(gold):
        doc = build(os.path.join(folder, name))
        res = {pl.index: pl for pl in label_paragraphs(doc, model)}
        by_line = {p.line: p for p in doc.paragraphs}
        kind = doc.profile or "未能判断"
        fp = {"content": [], "decoded": []}
        for line, g in sorted(gold[name].items()):
            if g not in CONTENT_SIX:
                continue
            p = by_line.get(line)
            pl = res.get(p.index) if p is not None else None
            fp["content"].append((g, pl.content_label if pl else "none"))
            fp["decoded"].append((g, pl.label if pl else "none"))
        for k in fp:
            pairs[k] += fp[k]
            by_type.setdefault(kind, {"content": [], "decoded": []})[k] += fp[k]
        if fp["decoded"]:
            files.append({"file": name, "type": kind, "content": f1_table(fp["content"]),
                          "decoded": f1_table(fp["decoded"])})
    rows = [{"set": "真实报告", "labels": k, **f1_table(v)} for k, v in pairs.items()]
    for kind in sorted(by_type):
        for k, v in by_type[kind].items():
            rows.append({"set": f"真实报告·{kind}", "labels": k, **f1_table(v)})
    return rows, files


def evaluate_table(root=None, folds=5, real=None, gold=None, build=None, corpus=True) -> dict:
    rows, files = [], []
    if corpus:
        rows += corpus_rows(root, folds)
    if real:
        r, files = real_rows(real, gold, build)
        rows += r
    return {"labels": list(CONTENT_SIX), "rows": rows, "files": files, "all_labels": list(LABELS)}
