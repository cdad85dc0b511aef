"""PU — punctuation (GB/T 15834-2011): half-width marks in Chinese text, unpaired marks, doubled marks, ellipsis."""
from __future__ import annotations

import pytest

from reportlint.rulefile import verify_examples
from textcheck import findings, rules_of, ruleset, where

DRAFT = """关于2026年工作的汇报
全年共走访企业120家,解决问题46个。
群众的事情谁来办?这是必须回答的问题。
推广人工智能(AI)辅助审批。
深入开展“我为群众办实事实践活动。
全年共召开专题会议8次。。
开展了走访、座谈、问卷调查...
围绕"平安××"建设目标开展工作。
会议室按1:1比例布置，详见https://www.example.gov.cn。
The meeting was held on time, as planned.
"""


def test_draft_gets_exactly_the_expected_findings():
    assert where(DRAFT, ["PU"]) == [
        (2, 12, "PU001"),  # half-width comma after Han
        (3, 9, "PU002"),   # half-width question mark
        (4, 7, "PU003"),   # half-width brackets around AI next to Han
        (5, 5, "PU004"),   # “ without ”
        (6, 12, "PU005"),  # 。。
        (7, 14, "PU006"),  # ... for ……
        (8, 3, "PU007"),   # "…" straight quotes around Chinese
    ]


CLAUSES = {"PU001": "5.1.1", "PU002": "5.1.2", "PU003": "5.1.3", "PU004": "4.8、4.9、4.15", "PU006": "4.11",
           "PU007": "4.8", "PU009": "4.14", "PU010": "4.9"}


def test_every_pu_rule_cites_gbt_15834_and_its_clause():
    rules = {r.code: r for r in rules_of("PU")}
    assert set(rules) == set(CLAUSES) | {"PU005", "PU008"}
    for code, r in rules.items():
        assert r.reference.startswith("GB/T 15834-2011"), code
        if code in CLAUSES:
            assert r.reference == f"GB/T 15834-2011 {CLAUSES[code]}"
        else:
            assert r.reference == "GB/T 15834-2011"  # no single clause covers a doubled mark or a stray space


def test_every_pu_rule_verifies_its_examples():
    verify_examples(ruleset(), rules_of("PU"))


@pytest.mark.parametrize("text", [
    "全年共走访企业3,200家。", "会议室按1:1比例布置。", "详见https://www.example.gov.cn/a?b=1。",
    "人均面积2.5平方米。", "The meeting was held on time, as planned.", "公式 f(x) = 2x + 1 成立。",
    "详见[操作指南](https://example.org/guide)。", "1）完善工作机制，建立月调度制度。", "认真学习《〈民法典〉释义》。",
    "怎么办？？这是摆在我们面前的问题。", "Loading...done", "时间为8:30至17:30。", "一.基本情况",
])
def test_numbers_urls_and_english_runs_pass(text):
    assert where(text + "\n", ["PU"]) == []


@pytest.mark.parametrize("text,replacement", [
    ("全年完成任务, 群众满意。", "，"),
    ("主要做法:一是建台账。", "："),
    ("一是强化宣传;二是加强督导。", "；"),
    ("完成率65.6%.全区新增就业2.1万人。", "。"),
    ("(一)强化队伍建设", "（一）"),
    ("全年共召开专题会议8次。。", "。"),
    ("开展了走访、座谈...", "……"),
    ('围绕"平安××"建设目标。', "“平安××”"),
])
def test_punctuation_fixes(text, replacement):
    fixes = [f.fix.replacement for f in findings(text + "\n", ["PU"]) if f.fix]
    assert fixes == [replacement]


def test_unpaired_marks_each_kind_on_its_own():
    text = "认真学习《安全生产法（修正案）》和“两个条例。\n新建公园12个（含改造3个。\n全年开展培训6期）。\n"
    got = [(f.line, f.column, f.excerpt) for f in findings(text, ["PU004"])]
    assert got == [(1, 18, "“"), (2, 8, "（"), (3, 9, "）")]


# ---------------------------------------------------------------- one problem, one finding (issue 14)

MIXED = """关于2026年工作的汇报
一、主要做法
(一）抓学习
组织专题学习(共3次），参学120人。
（二)抓队伍
1.建立台账。
2．限期整改。
3.逐项销号。
"""


def test_mixed_width_brackets_and_numbering_dots_are_each_reported_once():
    got = [(f.line, f.column, f.code, f.message) for f in findings(MIXED, ["PU", "STR009", "NUM006"])]
    assert got == [
        (3, 1, "PU004", "括号一半全角一半半角：左边是“(”，右边是“）”，应统一为全角“（）”"),
        (4, 7, "PU004", "括号一半全角一半半角：左边是“(”，右边是“）”，应统一为全角“（）”"),
        (5, 3, "PU004", "括号一半全角一半半角：左边是“（”，右边是“)”，应统一为全角“（）”"),
        (7, 2, "NUM006", "序号用了全角点“1．”，而本文其他处用的是半角点“1.”，全文应统一"),
    ]


def test_a_bracket_closed_by_its_own_width_is_not_mixed():
    assert where("开展专题学习（共3次）(含线上)，参学120人。\n", ["PU004"]) == []
    assert where("开展专题学习(共3次，参学（120人）。\n", ["PU004"]) == [(1, 7, "PU004")]


@pytest.mark.parametrize("dash,name", [("-", "短横线“-”"), ("－", "全角短横线“－”"), ("—", "一字线“—”"),
                                       ("–", "半字线“–”")])
def test_range_message_names_the_dash_used(dash, name):
    (f,) = findings(f"每个社区配备3{dash}4个网格员。\n", ["NUM002"])
    assert f.message == f"数值范围“3{dash}4”不应用{name}连接，宜写作“3～4”；相邻两数表示概数时也可用汉字（如“三四个”）"
