"""Issue 14 part A: stray spaces (PU008), 间隔号 (PU009), invisible characters (WM011), layout
bars (WM009), bracketed web sources (WM010), 3、4个 (NUM009), 文号 brackets (NUM010).
Every text here is written for this test."""
from __future__ import annotations

import pytest

from reportlint.rulefile import verify_examples
from textcheck import findings, rules_of, where

CODES = ["PU008", "PU009", "PU010", "WM011", "WM009", "WM010", "NUM009", "PU001", "WM006"]

DRAFT = """关于2026年社区治理工作的汇报
一、 主要做法
全年走访困难家庭212户，为群众解决 实际问题46件。
网格员平均每周参加3、4个会议，负担较重。
组织居民学习卡尔.马克思的经典论述，纪念“一二.九”运动。
根据县民政局【2025】8号文件精神，修订了议事规则。
全镇新增市级\u200b美丽乡村示范村5个。
社区动态|居民风采
（来源：某某街道微信公众号）
各小区成立志愿服务队38支（转自某某新闻客户端）。
南湖街道党工委书记　陈佩琳
"""


def test_draft_gets_exactly_the_expected_findings():
    assert where(DRAFT, CODES) == [
        (3, 19, "PU008"),  # 解决 实际问题
        (4, 10, "NUM009"),  # 3、4个
        (5, 9, "PU009"),   # 卡尔.马克思 (PU001 gives way: one finding)
        (5, 24, "PU009"),  # 一二.九
        (6, 7, "PU010"),  # 【2025】8号
        (7, 7, "WM011"),   # zero-width space
        (8, 5, "WM009"),   # 社区动态|居民风采
        (9, 1, "WM006"),   # the whole source line (WM010 gives way)
        (10, 14, "WM010"),  # (转自……客户端)
    ]


def test_fixes_are_the_single_right_characters():
    got = {f.code: (f.excerpt, f.fix.replacement if f.fix else None) for f in findings(DRAFT, CODES)}
    assert got["PU008"] == (" ", "")
    assert got["WM011"] == ("\u200b", "")
    assert got["PU010"] == ("【2025】", "〔2025〕")
    assert got["NUM009"] == ("3、4", None)
    pu009 = [(f.excerpt, f.fix.replacement) for f in findings(DRAFT, ["PU009"])]
    assert pu009 == [(".", "·"), (".", "·")]


def test_pu001_still_reports_a_sentence_dot_after_chinese():
    assert where("全年完成任务.今年继续努力。\n", ["PU001", "PU009"]) == [(1, 7, "PU001")]


@pytest.mark.parametrize("text", [
    "内强素质  外树形象",  # two spaces: deliberate alignment
    "南湖街道党工委书记　陈佩琳",  # byline: no sentence punctuation
    "开展“小手拉大手 共创文明城”活动，组织学生参与。",  # inside quotation marks
    "对照《关于完善监督机制 推进廉洁建设的实施方案》逐项落实。",
    "全年服务 3200 人次，比上年增加 12%。",
    "第二章 工作目标，共三条。",
    "全年完成投资2.5亿元，增长11.29%。",
    "3、4月份集中开展排查，共排查隐患21处。",
    "法院依法审结（2021）浙0102民初123号案件。",
    "全年完成投资12亿元（来源：县发改局统计）。",
    "| 指标 | 完成数 |",
])
def test_correct_text_passes(text):
    assert where(text + "\n", CODES) == []


def test_each_new_rule_verifies_its_examples():
    rules = [r for fam in ("PU", "WM", "NUM") for r in rules_of(fam) if r.code in CODES]
    assert {r.code for r in rules} == set(CODES)
    verify_examples(__import__("textcheck").ruleset(), rules)


WORDS = """一、工作情况
各支部要要加强台账管理，做到件件有回音。
新建的便民服务点运转的非常顺畅，我们开展的很多活动受到欢迎。
全年各项任务完成的很好。
"""


def test_doubled_function_word_and_complement_de():
    assert where(WORDS, ["DUP", "WD"]) == [
        (2, 4, "DUP005"),  # 要要 (件件 is reduplication)
        (3, 11, "WD010"),  # 运转的非常顺畅
        (4, 9, "WD006"),   # 完成的很好: the listed rule; WD010 gives way
    ]
    (f,) = findings("各支部要要加强台账管理。\n", ["DUP005"])
    assert (f.excerpt, f.fix.replacement) == ("要要", "要")
    (g,) = findings("服务点运转的非常顺畅。\n", ["WD010"])
    assert g.fix is None and g.suggestion == "得" and g.message.endswith("“运转得非常”")
