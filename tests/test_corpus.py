"""The corpus: coverage the issue asks for, and labels that stay aligned with their text."""
import collections
import os
import shutil

import pytest

from reportlint.classify.corpus import (ALL_LABELS, LABELS, AlignmentError, index, load_corpus, load_report,
                                        repo_corpus)

ROOT = repo_corpus()


def test_every_report_is_indexed_and_aligned():
    rows = index(ROOT)
    on_disk = set()
    for dirpath, _, files in os.walk(os.path.join(ROOT, "reports")):
        for f in files:
            on_disk.add(os.path.relpath(os.path.join(dirpath, f), os.path.join(ROOT, "reports")))
    assert {r["path"] for r in rows} == on_disk
    for r in rows:
        paras = load_report(ROOT, r["path"])  # raises on any misalignment
        assert len(paras) == int(r["paragraphs"])


def test_coverage_meets_the_brief():
    rows = index(ROOT)
    assert len(rows) >= 80
    assert len({r["domain"] for r in rows}) >= 8
    genres = {r["genre"] for r in rows}
    assert {"工作汇报", "工作总结", "述职报告", "经验交流材料", "调研报告", "情况报告"} <= genres
    counts = collections.Counter(p.label for p in load_corpus(ROOT) if p.label != "heading")
    assert sum(counts.values()) >= 3000
    for lab in ("practice", "outcome", "insight"):
        assert counts[lab] >= 300, lab
    for lab in ("background", "problem", "plan", "other"):
        assert counts[lab] >= 150, lab
    lengths = [int(r["chars"]) for r in rows]
    assert min(lengths) < 1100 and max(lengths) > 5000
    assert sum(1 for r in rows if r["path"].endswith(".md")) >= 5
    assert sum(1 for r in rows if r["flaws"] != "none") >= 10


def _copy(tmp_path, rel):
    for sub, suffix in (("reports", os.path.splitext(rel)[1]), ("labels", ".tsv")):
        src = os.path.join(ROOT, sub, os.path.splitext(rel)[0] + suffix)
        dst = tmp_path / sub / (os.path.splitext(rel)[0] + suffix)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst)
    return str(tmp_path)


def test_editing_a_report_without_relabelling_fails_loudly(tmp_path):
    rel = index(ROOT)[0]["path"]
    root = _copy(tmp_path, rel)
    path = os.path.join(root, "reports", rel)
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    # Insert a paragraph near the top: every later label now points at other text.
    lines.insert(2, "新插入的一段文字。")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    with pytest.raises(AlignmentError):
        load_report(root, rel)


def test_changing_one_paragraph_is_detected(tmp_path):
    rel = index(ROOT)[0]["path"]
    root = _copy(tmp_path, rel)
    path = os.path.join(root, "reports", rel)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    last = [ln for ln in text.split("\n") if ln.strip()][-1]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text.replace(last, last + "（改）"))
    with pytest.raises(AlignmentError, match="text changed"):
        load_report(root, rel)


def test_labels_are_known():
    assert set(LABELS) < set(ALL_LABELS)
    for p in load_corpus(ROOT):
        assert p.label in ALL_LABELS
