"""NUM — numbers and dates (GB/T 15835-2011), and years stale for the report's own year."""
from __future__ import annotations

import pytest

from reportlint.rulefile import verify_examples
from textcheck import findings, rules_of, ruleset, where

DRAFT = """××县2026年上半年工作总结
24年上半年，全县完成固定资产投资3.2亿元。
每个社区配备3-4个网格员。
各项费用较上年下降10-20%。
2021年1月18召开全体干部大会。
２０２６年上半年共接待群众来访３５批次。
1.建立台账。
2.限期整改。
3．逐项销号。
2020年上半年，街道共排查隐患386处。
与2025年相比，信访总量下降12%。
2020年以来累计建成养老服务站9个。
自2019年起，连续七年开展邻里节活动。
"""


def test_draft_gets_exactly_the_expected_findings():
    assert where(DRAFT, ["NUM"]) == [
        (2, 1, "NUM001"),   # 24年 for 2024年
        (3, 7, "NUM002"),   # 3-4个
        (4, 10, "NUM003"),  # 10-20%
        (5, 8, "NUM004"),   # 1月18 without 日
        (6, 1, "NUM005"),   # ２０２６
        (6, 16, "NUM005"),  # ３５
        (9, 2, "NUM006"),   # 3．among 1. 2.
        (10, 1, "NUM007"),  # 2020年上半年 in a 2026 report
    ]


@pytest.mark.parametrize("code,text,replacement", [
    ("NUM001", "24年上半年，全县完成投资3.2亿元。", "2024年"),
    ("NUM002", "每个社区配备3-4个网格员。", "3～4"),
    ("NUM003", "各项费用较上年下降10-20%。", "10%～20%"),
    ("NUM003", "合格率提高5～8%。", "5%～8%"),
    ("NUM004", "2021年1月18召开全体干部大会。", "2021年1月18日"),
    ("NUM005", "２０２６年", "2026"),
])
def test_number_fixes(code, text, replacement):
    (f,) = findings(text + "\n", [code])
    assert f.fix is not None and f.fix.replacement == replacement


@pytest.mark.parametrize("text", [
    "近10年来，全县累计投入资金5亿元。", "他在基层工作了12年初心不改。", "过去20年中积累了丰富经验。",
    "每个社区配备三四个网格员。", "每个社区配备3～4个网格员。", "咨询电话0371-66668888。", "执行GB/T 15834-2011。",
    "各项费用下降10%～20%。", "2021年1月18日召开大会。", "2021年1月18至20日举办培训班。", "2026年5月10个乡镇完成验收。",
    "2021—2025年，全县地区生产总值年均增长6.1%。",
])
def test_correct_numbers_pass(text):
    assert where("××县2026年上半年工作总结\n" + text + "\n", ["NUM"]) == []


@pytest.mark.parametrize("text", [
    "与2025年相比，信访总量下降12%。", "2020年以来累计建成养老服务站9个。", "自2019年起，连续七年开展邻里节活动。",
    "截至2025年底，全镇共有志愿者1200人。", "较2025年上半年增长8%。", "2025年上半年同期为36件。",
    "2025年度被评为全省文明单位。", "荣获2024年度全市先进集体称号。", "2024年度考核为优秀等次。",
    "本人自2022年8月任副局长。", "学校创办于1958年。",
])
def test_legitimate_past_years_are_not_stale(text):
    assert where("××街道2026年上半年工作总结\n" + text + "\n", ["NUM007"]) == []


def test_stale_period_needs_a_certain_year():
    narrative = "屋场里说事\n2023年上半年，镇里先在3个村试行。\n2026年5月8日\n"
    assert where(narrative, ["NUM007"]) == []  # year only from the date line: a story of past stages
    undated = "屋场里说事\n2023年上半年，镇里先在3个村试行。\n"
    assert where(undated, ["NUM007"]) == []  # no year at all
    assert where(undated, ["NUM007"], year=2026) == [(2, 1, "NUM007")]  # --year makes it certain
    # --year is certain even when it equals the date line's year (the outline records where the year came from)
    assert where(narrative, ["NUM007"], year=2026) == [(2, 1, "NUM007")]


def test_past_year_used_for_plans():
    report = "关于全市燃气安全检查情况的报告\n督促各地倒排工期，确保2025年底前完成改造任务。\n2026年11月3日\n"
    (f,) = findings(report, ["NUM007"])
    assert (f.line, f.column, f.excerpt) == (2, 12, "2025年")
    assert "报告写于2026年" in f.message
    duty = "2024年度个人述职报告\n2024年，我将从以下三个方面改进提高。\n2025年1月10日\n"
    assert where(duty, ["NUM007"]) == [(2, 1, "NUM007")]
    ok = "2024年度个人述职报告\n2025年，我将从以下三个方面改进提高。\n2025年1月10日\n"
    assert where(ok, ["NUM007"]) == []


def test_stale_message_names_the_report_year():
    (f,) = findings("××街道2026年上半年工作总结\n2020年上半年，街道共排查隐患386处。\n", ["NUM007"])
    assert f.excerpt == "2020年上半年" and "2026年" in f.message


def test_mixed_numbering_points_at_the_prevailing_form():
    (f,) = findings("1.建立台账。\n2.限期整改。\n3．逐项销号。\n", ["NUM006"])
    assert (f.line, f.column, f.related) == (3, 2, ((1, 2),))
    assert "1." in f.message and "1．" in f.message
    assert where("1．建立台账。\n2．限期整改。\n", ["NUM006"]) == []


def test_every_num_rule_verifies_its_examples_and_cites_gbt_15835():
    verify_examples(ruleset(), rules_of("NUM"))
    for r in rules_of("NUM"):
        assert r.examples["bad"] and r.examples["good"] and r.description
        if r.code != "NUM007":
            assert "GB/T 15835-2011" in r.reference


def test_letter_in_a_year():
    text = "20l9年全校共招收新生420人。\n2O21学年第一学期，2021年开学。\n发布Vol2021年鉴。\n截至2o25年底，建成驿站12个。\n"
    assert where(text, ["NUM008"]) == [(1, 1, "NUM008"), (2, 1, "NUM008"), (4, 3, "NUM008")]
