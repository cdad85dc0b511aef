"""``reportlint summary`` on a small hand-made set: every number checked exactly.

The classifier is replaced by a keyword stub and the 套话 lexicon by a fixed list, so the
expected figures follow from the texts alone (the shipped model and CL lexicon are
tested elsewhere and may be retrained).
"""
from __future__ import annotations

import json
import os

import pytest

from reportlint import cli, summary
from reportlint.rulecache import load_ruleset
from reportlint.checks.phrase import Matcher
from reportlint.classify import predict as predmod
from reportlint.summary_stats import Aggregate, distribution, edit_distance

PRACTICE = "深入开展网格员走访，切实加强队伍建设。"  # 19 chars, 2 套话 (深入开展, 切实加强)
OUTCOME = "组织网格员培训3次。"  # 10 chars
PROBLEM = "网格员力量仍然不足。"  # 10 chars
PLAN = "将持续加强网格员队伍建设，确保××人到岗。"  # 21 chars, 1 PH001
INSIGHT = "实践证明，必须依靠群众。"  # 12 chars


def report(title: str, practice_paras: int, residue: bool = False) -> str:
    body = [title, "一、主要工作", OUTCOME] + [PRACTICE] * practice_paras
    if residue:
        body.append("联系QQ：123456789")  # 1 WM001
    body += ["二、存在的问题", PROBLEM, "三、下一步打算", PLAN]
    return "\n".join(body) + "\n"


ODD = "2026年工作总结\n一、基本情况\n组织网格员培训3次。\n二、几点体会\n实践证明，必须依靠群众。\n"


def fake_predict(text, model=None):
    if text.startswith("将"):
        return "plan", 0.9
    if "不足" in text:
        return "problem", 0.9
    if "证明" in text:
        return "insight", 0.9
    if any(ch.isdigit() for ch in text):
        return "outcome", 0.9
    return "practice", 0.9


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    load_ruleset([])  # verify the rules' examples with the real classifier, before stubbing it
    monkeypatch.setattr(predmod, "predict", fake_predict)
    from reportlint.classify import sequence

    def fake_decode(doc, model):  # summary reports decoded labels: the stub decides them too
        return [sequence.ParaLabel(p.index, *fake_predict(p.body), *fake_predict(p.body))
                for p in sequence.sequence_items(doc)]

    monkeypatch.setattr(sequence, "label_paragraphs", fake_decode)
    words = Matcher(["深入开展", "切实加强", "持续加强"])
    monkeypatch.setattr(summary, "density_matchers", lambda rs: [("CL999", words)])
    d = tmp_path / "报告"
    d.mkdir()
    (d / "a.txt").write_text(report("2025年工作总结", 1), encoding="utf-8")
    (d / "b.txt").write_text(report("2024年工作总结", 2, residue=True), encoding="utf-8")
    (d / "c.txt").write_text(report("2023年工作总结", 3), encoding="utf-8")
    (d / "d.txt").write_text(report("2022年工作总结", 2), encoding="utf-8")
    (d / "long.txt").write_text(report("2021年工作总结", 60), encoding="utf-8")
    (d / "odd.txt").write_text(ODD, encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\x00\x01\x02" * 30)
    return d


def run_json(d, tmp_path) -> dict:
    out = tmp_path / "s.json"
    code = cli.main(["summary", str(d), "--format", "json", "-o", str(out), "-j", "1", "-q", "--top", "5"])
    assert code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_summary_numbers(corpus, tmp_path):
    res = run_json(corpus, tmp_path)
    assert res["files"] == {"total": 7, "readable": 6, "unreadable": 1}
    assert [e["path"].rsplit("/", 1)[-1] for e in res["errors"]] == ["bad.txt"]
    assert res["profiles"] == {"工作总结": 6}
    assert [(s["skeleton"], s["count"]) for s in res["skeletons"]] == [
        (["practice", "problem", "plan"], 5), (["background", "insight"], 1)]
    assert res["skeletons"][0]["text"] == "主要做法 → 存在的问题 → 下一步打算"
    pres = {s["role"]: (s["present"], s["rate"], s["required"]) for s in res["presence"]["工作总结"]["sections"]}
    assert pres["practice"] == (5, round(5 / 6, 4), True)
    assert pres["plan"] == (5, round(5 / 6, 4), True)
    assert pres["background"] == (1, round(1 / 6, 4), False) and pres["outcome"] == (0, 0.0, False)

    # paragraphs: practice 1+2+3+2+60 = 68; outcome 5 + 1 (odd) + the QQ line (has digits); problem 5,
    # plan 5, insight 1
    mix = res["labels"]["overall"]
    assert {k: v["count"] for k, v in mix.items()} == {"practice": 68, "outcome": 7, "insight": 1, "problem": 5,
                                                      "plan": 5}
    assert mix["practice"]["share"] == round(68 / 86, 4)
    by_role = res["labels"]["by_role"]
    assert {k: v["count"] for k, v in by_role["practice"].items()} == {"practice": 68, "outcome": 6}
    assert {k: v["count"] for k, v in by_role["background"].items()} == {"outcome": 1}

    para = res["lengths"]["paragraph"]
    assert para["count"] == 86 and (para["min"], para["max"]) == (10, 21)
    assert para["median"] == 19 and para["p10"] == 10 and para["p90"] == 19
    assert sum(b["count"] for b in para["histogram"]) == 86 and para["histogram"][0]["count"] == 86
    rep = {r["path"].rsplit("/", 1)[-1]: r for r in res["reports"]}
    assert rep["a.txt"]["chars"] == 9 + 6 + 10 + 19 + 7 + 10 + 7 + 21  # title, headings, paragraphs
    assert rep["a.txt"]["paragraphs"] == 4

    # 套话 per 1,000 body characters: a.txt has 2 (深入开展, 切实加强) + 1 (持续加强) in 60 characters
    assert rep["a.txt"]["density"] == round(3 * 1000 / 60, 2)
    assert rep["odd.txt"]["density"] == 0.0
    assert res["density"]["available"] and res["density"]["rules"] == ["CL999"]
    assert res["density"]["top_phrases"][0] == {"phrase": "切实加强", "count": 68}

    assert res["residue"] == {"ph_total": 5, "wm_total": 1, "ph_reports": 5, "wm_reports": 1}
    top = res["terms"][0]
    assert top["term"] == "网格员" and top["reports"] == 6
    assert all(t["term"] not in ("切实", "工作", "深入") for t in res["terms"])

    kinds = {(o["path"].rsplit("/", 1)[-1], o["kind"]) for o in res["outliers"]}
    # log lengths 43, 89, 108, 122, 127, 1210 → Tukey fences on log scale ≈ 60 … 194 characters
    assert kinds == {("long.txt", "length"), ("odd.txt", "length"), ("odd.txt", "skeleton")}


def test_summary_renders_every_format(corpus, tmp_path):
    for fmt, probe in (("text", "常见结构"), ("markdown", "## 常见结构"), ("html", '<h2 id="skeletons">')):
        out = tmp_path / f"s.{fmt}"
        assert cli.main(["summary", str(corpus), "--format", fmt, "-o", str(out), "-j", "1", "-q"]) == 0
        text = out.read_text(encoding="utf-8")
        assert probe in text
        assert "异常报告" in text and "判断标准" in text
    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    for chart in ("labels", "labels-by-role", "length-paragraph", "density", "terms"):
        assert f'data-chart="{chart}"' in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_summary_says_when_no_density_rule(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(summary, "density_matchers", lambda rs: [])
    (tmp_path / "a.txt").write_text(report("2025年工作总结", 1), encoding="utf-8")
    out = tmp_path / "s.md"
    assert cli.main(["summary", str(tmp_path / "a.txt"), "--format", "markdown", "-o", str(out), "-q"]) == 0
    assert "没有套话密度" in out.read_text(encoding="utf-8")


def test_density_matchers_reuse_the_rule_matcher():
    class R:
        def __init__(self, code, kind, compiled):
            self.code, self.kind, self.compiled, self.options = code, kind, compiled, {}

    m = Matcher(["不断"])

    class RS:
        rules = [R("CL001", "density", m), R("PH001", "regex", None), R("CL002", "density", None)]

    assert summary.density_matchers(RS()) == [("CL001", m)]


def test_distribution_and_edit_distance():
    from collections import Counter

    d = distribution(Counter({1: 1, 2: 1, 3: 1, 4: 1}), (0, 3))
    assert (d["median"], d["p10"], d["p90"], d["mean"]) == (2.5, 1, 4, 2.5)
    assert [b["count"] for b in d["histogram"]] == [2, 2]
    assert edit_distance(("a", "b", "c"), ("a", "c")) == 1
    assert Aggregate.__init__  # imported for the module's doctest-free coverage


def test_summary_uses_the_result_cache(tmp_path, monkeypatch):
    d = tmp_path / "报告"
    d.mkdir()
    for i in range(3):
        (d / f"r{i}.txt").write_text(f"关于2026年第{i}季度工作的总结\n一、基本情况\n共走访××户。\n二、下一步打算\n继续走访。\n",
                                     encoding="utf-8")
    calls = []
    real = summary.analyse_task
    monkeypatch.setattr(summary, "analyse_task", lambda task: calls.append(os.path.basename(task[0])) or real(task))
    cache = tmp_path / "c"

    def run(*extra):
        out = tmp_path / "s.json"
        assert cli.main(["summary", str(d), "--format", "json", "-o", str(out), "-j", "1", "-q",
                         "--cache-dir", str(cache), *extra]) == 0
        return json.loads(out.read_text(encoding="utf-8"))

    first = run()
    assert sorted(calls) == ["r0.txt", "r1.txt", "r2.txt"]
    calls.clear()
    assert run() == first and calls == []  # nothing changed: every record from the cache
    (d / "r1.txt").write_text("关于2026年工作的总结\n一、基本情况\n共走访XX户。\n", encoding="utf-8")
    changed = run()
    assert calls == ["r1.txt"] and changed != first
    calls.clear()
    assert run("--no-cache") == changed and sorted(calls) == ["r0.txt", "r1.txt", "r2.txt"]


def test_summary_page_leads_with_the_reports_and_never_repeats_a_chart_as_a_table(tmp_path):
    import re

    d = tmp_path / "报告"
    d.mkdir()
    for i in range(3):
        (d / f"r{i}.txt").write_text(f"关于2026年第{i}季度工作的总结\n一、基本情况\n共走访120户。\n二、下一步打算\n继续走访。\n",
                                     encoding="utf-8")
    out = tmp_path / "s.html"
    assert cli.main(["summary", str(d), "--format", "html", "-o", str(out), "-j", "1", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    h2 = re.findall(r'<h2 id="([^"]+)">', page)
    assert h2[0] == "reports" and h2[1] == "overview"
    assert page.index('class="sortable"') < page.index('id="overview"')  # the per-report table first
    for tid in ("labels", "labels-by-role", "terms"):  # a chart, and no table of the same numbers after it
        section = page[page.index(f'<h2 id="{tid}">'):]
        section = section[:section.index("<h2", 4)]
        assert "<svg" in section and "<table" not in section
    skeletons = page[page.index('<h2 id="skeletons">'):]
    skeletons = skeletons[:skeletons.index("<h2", 4)]
    assert "<table" in skeletons and "<svg" not in skeletons


def test_chart_ticks_are_round_and_cover_the_largest_value():
    from reportlint.formatters.svgchart import ticks

    assert ticks(1610) == [0, 500, 1000, 1500, 2000]
    assert ticks(146, 4) == [0, 50, 100, 150]
    assert ticks(65, 4) == [0, 20, 40, 60, 80]
    assert ticks(3) == [0, 1, 2, 3]
    assert ticks(0) == [0, 1]


def test_stacked_chart_writes_each_share_inside_its_part_where_it_fits():
    import re

    from reportlint.formatters.svgchart import stacked

    svg = stacked("mix", "构成", [("主要做法", {"a": 84, "b": 14, "c": 2}), ("基本情况", {"a": 1, "b": 1})],
                  ["a", "b", "c"], {"a": "做法", "b": "成效", "c": "其他"})
    assert re.findall(r'<text class="inside"[^>]*>([^<]+)</text>', svg) == ["84%", "14%", "50%", "50%"]
    assert re.findall(r'<text class="axis"[^>]*>([^<]+)</text>', svg) == ["0%", "25%", "50%", "75%", "100%"]
    assert "<title>主要做法 · 其他：2 段（2%）</title>" in svg  # too narrow for a label: the tooltip says it


def test_add_counts_is_counter_update():
    """summary_stats.add_counts gives the same counts in the same key order as Counter.update."""
    import random
    from collections import Counter

    from reportlint.summary_stats import add_counts

    rnd = random.Random(7)
    words = [f"词{i}" for i in range(40)]
    a, b = Counter(), Counter()
    for _ in range(50):
        rec = {w: rnd.randrange(-2, 9) for w in rnd.sample(words, rnd.randrange(0, 12))}
        a.update(rec)
        add_counts(b, rec)
        assert list(a.items()) == list(b.items())
    assert len(a) > 30
