"""False alarms: the reports of ``corpora/`` marked clean (flaws ``none``) get no WD or PU error.

The corpus index is ``corpora/index.tsv`` (tab-separated, a header row with at least
``path`` and ``flaws``); each ``path`` is relative to ``corpora/reports/``. Nothing
is skipped: a missing index, a missing report or an empty clean set fails the test.
"""
from __future__ import annotations

import csv
import os

from reportlint.options import Options
from reportlint.report import check_path
from textcheck import ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "corpora")
INDEX = os.path.join(CORPORA, "index.tsv")
REPORTS = os.path.join(CORPORA, "reports")


def _rows():
    assert os.path.isfile(INDEX), f"缺少语料索引 {INDEX}（应有 path 和 flaws 两列）"
    with open(INDEX, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and {"path", "flaws"} <= set(rows[0]), "corpora/index.tsv 应有 path 和 flaws 两列"
    return rows


def _path(row) -> str:
    p = os.path.join(REPORTS, row["path"])
    assert os.path.isfile(p), f"索引里的报告不存在：{p}"
    return p


def _flaws(row) -> set[str]:
    return {f.strip() for f in row["flaws"].split(",") if f.strip()}


def _check(path):
    report = check_path(path, ruleset(), Options(select=["WD", "PU", "NUM"]))
    assert report.error is None, f"{path}：{report.error}"
    return report.findings


def test_clean_reports_have_no_wording_or_punctuation_errors():
    clean = [r for r in _rows() if _flaws(r) == {"none"}]
    assert len(clean) >= 10, "语料中标为 none（无缺陷）的报告太少，无法检验误报"
    alarms = []
    for row in clean:
        for f in _check(_path(row)):
            if f.family in ("WD", "PU") and f.severity == "error":
                alarms.append(f"{row['path']}:{f.line}:{f.column}: {f.code} {f.message}")
    assert alarms == [], "干净的报告被误报：\n" + "\n".join(alarms)


def test_reports_with_typos_or_punctuation_flaws_are_mostly_caught():
    rows = _rows()
    for flaw, family in (("typo", "WD"), ("punct", "PU")):
        marked = [r for r in rows if flaw in _flaws(r)]
        assert marked, f"语料中没有标为 {flaw} 的报告"
        caught = [r for r in marked if any(f.family == family for f in _check(_path(r)))]
        assert len(caught) >= 0.8 * len(marked), (
            f"标为 {flaw} 的 {len(marked)} 篇只查出 {len(caught)} 篇：" +
            "、".join(r["path"] for r in marked if r not in caught))
