"""DUP — repeated sentences and near-duplicate paragraphs, pointing at both places."""
from __future__ import annotations

import pytest

from reportlint.errors import RuleFileError
from reportlint.rulefile import parse_rule, verify_examples
from textcheck import findings, rules_of, ruleset, where

DRAFT = """××街道2026年上半年工作总结
一、主要做法
全年共排查商铺1420户，整改隐患386处。街道召开专题会议部署整治工作。
依托社区养老服务站推行助餐助医服务，与辖区两家医院签订合作协议，每周安排医生进站坐诊。
二、取得的成效
下半年继续巩固整治成果。全年共排查商铺1420户，整改隐患386处。
依托社区养老服务站推行助餐助医服务，与辖区两家医院签订合作协议，每周安排医生进站坐诊。
特此报告。
特此报告。
"""


def test_draft_gets_exactly_the_expected_findings():
    assert where(DRAFT, ["DUP"]) == [
        (6, 13, "DUP001"),  # the sentence of line 3 again
        (7, 1, "DUP002"),   # the paragraph of line 4 again (its sentence is not reported twice)
    ]


def test_both_places_are_named():
    dup1, dup2 = findings(DRAFT, ["DUP"])
    assert dup1.related == ((3, 1),) and "第 3 行" in dup1.message
    assert dup2.related == ((4, 1),) and "第 4 行" in dup2.message and "100%" in dup2.message


def test_near_duplicate_paragraph_with_a_few_words_changed():
    a = "针对独居老人建立一户一档，由网格员每周上门探访一次，及时掌握老人身体状况和生活需求，发现问题当天报告。"
    b = "针对独居老人建立一户一档，由网格员每周上门探访两次，及时掌握老人身体状况和生活需求，发现问题及时报告。"
    (f,) = findings(f"{a}\n二、成效\n{b}\n", ["DUP"])
    assert (f.code, f.line, f.column, f.related) == ("DUP002", 3, 1, ((1, 1),))
    assert where(f"{a}\n二、成效\n街道在87栋老旧住宅楼推选楼栋长，组织在职党员到社区报到312人，每月开展一次楼道议事会。\n",
                 ["DUP"]) == []


def test_repeat_inside_one_paragraph_is_reported():
    s = "春节前走访慰问困难群众和老党员56户，送去慰问金和物资。"
    assert where(f"开展结对帮扶。{s}组织志愿服务12次。{s}\n", ["DUP001"]) == [(1, 46, "DUP001")]


def test_headings_titles_and_short_sentences_are_not_compared():
    text = ("2026年工作总结\n（一）加强组织领导\n成立领导小组。\n（二）强化督促检查\n（一）加强组织领导\n"
            "每月督查一次。\n特此报告。\n特此报告。\n2026年工作总结\n")
    assert where(text, ["DUP"]) == []


def test_kind_options_are_validated():
    base = {"code": "DUP901", "name": "测试", "kind": "duplicate", "severity": "info", "message": "重复"}
    with pytest.raises(RuleFileError, match="unit"):
        parse_rule({**base, "unit": "word"}, "<测试>")
    with pytest.raises(RuleFileError, match="similarity"):
        parse_rule({**base, "unit": "paragraph", "similarity": 1.5}, "<测试>")


def test_every_dup_rule_verifies_its_examples():
    verify_examples(ruleset(), rules_of("DUP"))
