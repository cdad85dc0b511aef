"""Training and evaluation with scikit-learn (only ``train``/``eval`` import it).

``reportlint train`` rebuilds ``reportlint/data/model.json`` deterministically from
``corpora/``; ``reportlint eval`` reports per-class precision/recall/F1, macro-F1 and the
confusion matrix under cross-validation grouped by report (no paragraph of a test report
is seen in training).
"""
from __future__ import annotations

import json
import os
import sys

from .corpus import LABELS, index, load_report, repo_corpus
from .features import featurize

C = 8.0
MIN_DF = 3
DECIMALS = 3
SEED = 20261127


def training_data(root: str | None = None):
    """(texts, labels, groups): paragraph bodies as the outline sees them, headings excluded."""
    from ..outline import build

    root = root or repo_corpus()
    texts, labels, groups = [], [], []
    for row in index(root):
        rel = row["path"]
        paras = load_report(root, rel)
        with open(os.path.join(root, "reports", rel), encoding="utf-8") as fh:
            doc = build(fh.read(), kind="markdown" if rel.endswith(".md") else "text")
        by_line = {p.line: p for p in doc.paragraphs}
        for lp in paras:
            if lp.label == "heading":
                continue
            p = by_line[lp.line]
            body = p.body.strip() or p.text
            texts.append(body)
            labels.append(lp.label)
            groups.append(rel)
    return texts, labels, groups


def _fit(feats, labels):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    df: dict[str, int] = {}
    for f in feats:
        for k in f:
            df[k] = df.get(k, 0) + 1
    keep = {k for k, n in df.items() if n >= MIN_DF}
    feats = [{k: v for k, v in f.items() if k in keep} for f in feats]
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(feats)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=SEED)
    clf.fit(X, labels)
    return vec, clf


def export(vec, clf) -> dict:
    labels = [str(c) for c in clf.classes_]
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights = {}
    for j, name in enumerate(names):
        col = [round(float(coef[i, j]), DECIMALS) for i in range(len(labels))]
        if max(abs(c) for c in col) >= 10 ** -DECIMALS:
            weights[str(name)] = col
    return {"format": 1, "labels": labels, "intercept": [round(float(b), DECIMALS) for b in clf.intercept_],
            "weights": weights, "trained_on": {"paragraphs": int(coef.shape[1] and len(clf.classes_))}}


def train(root: str | None = None) -> dict:
    texts, labels, groups = training_data(root)
    feats = [featurize(t) for t in texts]
    vec, clf = _fit(feats, labels)
    model = export(vec, clf)
    model["trained_on"] = {"paragraphs": len(texts), "reports": len(set(groups))}
    return model


def save(model: dict, path: str) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(model, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    os.replace(tmp, path)


def writer_of(rel: str) -> str:
    """The writing batch of a corpus report (``<genre>/<batch>-NN-…``): one writer per batch."""
    return os.path.basename(rel).split("-", 1)[0]


def evaluate(root: str | None = None, folds: int = 5, group: str = "report") -> dict:
    """Cross-validation grouped by report (``folds`` folds) or leave-one-writer-out (``group="writer"``)."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    texts, labels, groups = training_data(root)
    feats = [featurize(t) for t in texts]
    pred = [None] * len(texts)
    if group == "writer":
        groups = [writer_of(g) for g in groups]
        splits = LeaveOneGroupOut().split(texts, labels, groups)
        folds = len(set(groups))
    else:
        splits = GroupKFold(n_splits=folds).split(texts, labels, groups)
    for train_idx, test_idx in splits:
        vec, clf = _fit([feats[i] for i in train_idx], [labels[i] for i in train_idx])
        X = vec.transform([feats[i] for i in test_idx])
        for i, p in zip(test_idx, clf.predict(X)):
            pred[i] = str(p)
    p, r, f, s = precision_recall_fscore_support(labels, pred, labels=list(LABELS), zero_division=0)
    cm = confusion_matrix(labels, pred, labels=list(LABELS))
    per = {lab: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                 "f1": round(float(f[i]), 3), "support": int(s[i])} for i, lab in enumerate(LABELS)}
    return {"folds": folds, "group": group, "paragraphs": len(texts), "groups": len(set(groups)),
            "macro_f1": round(float(sum(f) / len(f)), 3),
            "accuracy": round(sum(1 for a, b in zip(labels, pred) if a == b) / len(labels), 3),
            "per_class": per, "labels": list(LABELS), "confusion": cm.tolist()}


def cmd_train(args) -> int:
    from .predict import MODEL_PATH

    model = train(args.corpus)
    out = args.output or MODEL_PATH
    save(model, out)
    sys.stdout.write(f"已训练：{model['trained_on']['paragraphs']} 段，来自 {model['trained_on']['reports']} 篇报告；"
                     f"特征 {len(model['weights'])} 个；模型已写入 {out}\n")
    return 0


def cmd_eval(args) -> int:
    res = evaluate(args.corpus, args.folds, getattr(args, "group", "report"))
    if args.format == "json":
        json.dump(res, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    con = Console(highlight=False)
    how = ("按报告分组" if res["group"] == "report" else "按写作者分组（留一写作者）")
    t = Table(title=f"{how}的 {res['folds']} 折交叉验证（{res['paragraphs']} 段，{res['groups']} 组）")
    for c in ("标签", "精确率", "召回率", "F1", "段数"):
        t.add_column(c, justify="right")
    for lab in res["labels"]:
        d = res["per_class"][lab]
        t.add_row(lab, f"{d['precision']:.3f}", f"{d['recall']:.3f}", f"{d['f1']:.3f}", str(d["support"]))
    t.add_row("宏平均", "", "", f"{res['macro_f1']:.3f}", "")
    con.print(t)
    cm = Table(title="混淆矩阵（行：人工标签；列：预测）")
    cm.add_column("")
    for lab in res["labels"]:
        cm.add_column(lab[:5], justify="right")
    for lab, row in zip(res["labels"], res["confusion"]):
        cm.add_row(lab, *map(str, row))
    con.print(cm)
    con.print(f"准确率 {res['accuracy']:.3f}；宏平均 F1 {res['macro_f1']:.3f}")
    return 0
