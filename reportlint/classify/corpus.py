"""The labelled corpus: reports in ``corpora/reports``, labels in ``corpora/labels``.

A label file (TSV, UTF-8) sits at the report's path with ``reports`` → ``labels`` and
the suffix ``.tsv``; one row per paragraph (non-blank line)::

    line <TAB> label <TAB> sha1-8 of the trimmed line <TAB> first characters (for people)

The hash ties each label to its text, so editing a report without relabelling makes
:func:`load_report` fail loudly instead of silently shifting labels.
``heading`` marks stand-alone heading lines (not training data).
"""
from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass

LABELS = ("background", "practice", "outcome", "insight", "problem", "plan", "other")
ALL_LABELS = LABELS + ("heading",)
GENRE_DIRS = {
    "工作汇报": "work-report", "工作总结": "annual-summary", "半年总结": "half-year-summary",
    "述职报告": "duty-report", "经验交流材料": "experience", "调研报告": "research",
    "情况报告": "situation", "党建工作汇报": "party-building", "表态发言": "speech", "讲话": "speech",
    "工作思路": "work-plan", "先进事迹": "exemplary", "概况介绍": "profile", "代表大会报告": "congress",
    "个人总结": "staff-summary",
}


def repo_corpus() -> str:
    return os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "corpora")


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class LabelledParagraph:
    report: str  # report id (path relative to corpora/reports)
    line: int
    label: str
    text: str


class AlignmentError(Exception):
    pass


def label_path(root: str, rel: str) -> str:
    return os.path.join(root, "labels", os.path.splitext(rel)[0] + ".tsv")


def load_report(root: str, rel: str) -> list[LabelledParagraph]:
    """Labelled paragraphs of one report; raises AlignmentError if labels and text disagree."""
    from ..document import split_paragraphs

    with open(os.path.join(root, "reports", rel), encoding="utf-8") as fh:
        text = fh.read()
    paras = {p.line: p.text for p in split_paragraphs(text)}
    lp = label_path(root, rel)
    rows = []
    with open(lp, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0] == "line":
                continue
            rows.append(row)
    out = []
    seen = set()
    for row in rows:
        line, label, h = int(row[0]), row[1], row[2]
        if label not in ALL_LABELS:
            raise AlignmentError(f"{lp}: line {line}: unknown label {label!r}")
        if line not in paras:
            raise AlignmentError(f"{lp}: line {line} is blank or beyond the report")
        if _hash(paras[line]) != h:
            raise AlignmentError(f"{lp}: line {line}: text changed since it was labelled")
        seen.add(line)
        out.append(LabelledParagraph(rel, line, label, paras[line]))
    missing = sorted(set(paras) - seen)
    if missing:
        raise AlignmentError(f"{lp}: paragraphs without a label at lines {missing[:10]}")
    return out


def index(root: str | None = None) -> list[dict]:
    root = root or repo_corpus()
    with open(os.path.join(root, "index.tsv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_corpus(root: str | None = None) -> list[LabelledParagraph]:
    root = root or repo_corpus()
    out = []
    for row in index(root):
        out.extend(load_report(root, row["path"]))
    return out


def write_labels(root: str, rel: str, labels: list[tuple[int, str, str]]) -> None:
    lp = label_path(root, rel)
    os.makedirs(os.path.dirname(lp), exist_ok=True)
    with open(lp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["line", "label", "sha1", "text"])
        for line, label, text in labels:
            w.writerow([line, label, _hash(text), text[:20]])


def import_ann(ann: str, root: str, batch: str) -> dict:
    """Turn one annotated ``.ann`` file (see corpora/README.md) into a report and its labels."""
    with open(ann, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    meta = {}
    first = lines[0]
    if not first.startswith("@meta"):
        raise ValueError(f"{ann}: first line must be @meta")
    for part in first.split()[1:]:
        k, _, v = part.partition("=")
        meta[k] = v
    body = []
    for raw in lines[1:]:
        if not raw.strip():
            if body and body[-1] != "":
                body.append("")
            continue
        label, sep, text = raw.partition("\t")
        if not sep or label not in ALL_LABELS:
            raise ValueError(f"{ann}: bad line {raw[:40]!r}")
        body.append(text)
    while body and body[-1] == "":
        body.pop()
    name = os.path.basename(ann)[:-4]
    ext = ".md" if name.endswith(".md") else ".txt"
    stem = name[:-3] if name.endswith(".md") else name
    genre_dir = GENRE_DIRS.get(meta.get("genre", ""), "other")
    rel = f"{genre_dir}/{batch}-{stem}{ext}"
    dest = os.path.join(root, "reports", rel)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    text = "\n".join(body) + "\n"
    with open(dest, "w", encoding="utf-8") as fh:
        fh.write(text)
    from ..document import split_paragraphs

    paras = split_paragraphs(text)
    ann_labels = [raw.partition("\t")[0] for raw in lines[1:] if raw.strip()]
    if len(paras) != len(ann_labels):
        raise ValueError(f"{ann}: {len(paras)} paragraphs but {len(ann_labels)} labels")
    write_labels(root, rel, [(p.line, lab, p.text) for p, lab in zip(paras, ann_labels)])
    counts = {}
    for lab in ann_labels:
        counts[lab] = counts.get(lab, 0) + 1
    return {"path": rel, "genre": meta.get("genre", ""), "domain": meta.get("domain", ""),
            "flaws": meta.get("flaws", "none"), "chars": len(text), "paragraphs": len(paras), **counts}
