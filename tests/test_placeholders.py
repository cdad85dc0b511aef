"""PH rules (unfilled template placeholders): exact (line, column, code) hits and non-hits.

Each case is a small multi-line report run through the public API with ``select=[code]``; the
non-hit cases are the real-report forms a reviewer must not be bothered with.
"""
import pytest

from conftest import assert_examples_hold, excerpts, hits


# (code, text, expected hits) — every PH rule fires where it should, exactly there.
HITS = [
    ("PH001", "××县教育局2026年上半年工作总结\n"
              "　　今年以来共组织党员到社区报到×人次。\n"
              "全年接待群众来访××批次，在×××同志的带领下各项工作稳步推进。\n",
     [(1, 1, "PH001"), (2, 17, "PH001"), (3, 9, "PH001"), (3, 15, "PH001")]),
    ("PH001", "关于“××”工程建设情况的汇报\n工程于今年3月开工。\n",  # ×× in a title, in quotes
     [(1, 4, "PH001")]),
    ("PH002", "ＸＸ镇党委2026年上半年工作汇报\n"
              "全年共开展志愿服务XX次，参与群众xx人。\n"
              "辖区内共有X个行政村，第X季度召开一次分析会，XXX同志任组长。\n",
     [(1, 1, "PH002"), (2, 10, "PH002"), (2, 18, "PH002"), (3, 6, "PH002"), (3, 13, "PH002"),
      (3, 24, "PH002")]),
    ("PH003", "关于20XX年度工作情况的总结\n"
              "20××年上半年，我局紧紧围绕中心工作。\n"
              "二〇××年十二月\n"
              "落款：202X年　XX年XX月XX日\n",
     [(1, 3, "PH003"), (2, 1, "PH003"), (3, 1, "PH003"), (4, 4, "PH003"), (4, 10, "PH003")]),
    ("PH004", "于X月X日召开专题会议。\n"
              "×月×日，局党组书记带队开展调研；6月XX日完成验收。\n"
              "计划于XX月XX日前完成。\n",
     [(1, 2, "PH004"), (2, 1, "PH004"), (2, 18, "PH004"), (3, 4, "PH004")]),
    ("PH005", "在某某同志的带领下，支部各项工作稳步推进。\n"
              "某某某，男，汉族，1985年出生。\n"
              "向某某社区党委学习。\n",
     [(1, 2, "PH005"), (2, 1, "PH005"), (3, 2, "PH005")]),
    ("PH006", "○○街道办事处2026年工作总结\n全年共培训〇〇人次，覆盖◯◯个社区。\n",
     [(1, 1, "PH006"), (2, 6, "PH006"), (2, 13, "PH006")]),
    ("PH007", "全年共完成投资＿＿＿万元。\n本单位现有在编人员____人。\n牵头领导：（　　）\n",
     [(1, 8, "PH007"), (2, 10, "PH007"), (3, 6, "PH007")]),
    ("PH008", "【请填写单位名称】2026年上半年工作总结\n"
              "全年完成[此处插入数据]项任务。\n"
              "（此处填写具体事例）\n"
              "致{单位名称}全体职工\n",
     [(1, 1, "PH008"), (2, 5, "PH008"), (3, 1, "PH008"), (4, 2, "PH008")]),
]


@pytest.mark.parametrize("code, text, expected", HITS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(HITS)])
def test_rule_hits_exactly(code, text, expected):
    assert hits(text, code) == expected


def test_excerpts_are_the_placeholder_itself():
    assert excerpts(HITS[0][1], "PH001") == ["××", "×", "××", "×××"]
    assert excerpts(HITS[3][1], "PH003") == ["20XX年", "20××年", "二〇××年", "202X年", "XX年"]
    assert excerpts(HITS[4][1], "PH004") == ["X月X日", "×月×日", "6月XX日", "XX月XX日"]


# (code, text) — must NOT fire: legitimate uses in real reports.
NON_HITS = [
    # × between figures and dimension words is a multiplication sign
    ("PH001", "会议室面积为3×4平方米，展板规格1.2m×0.6m，共制作20块。\n"
              "每个摊位长×宽×高不超过2m×1.5m×2.5m。\n"
              "按在岗人数×1.5计算加班补助，补助标准为30%×2。\n"
              "销售额较上年增长×2。\n"),
    # dates, years and page footers are other rules' business
    ("PH001", "于×月×日召开会议。\n20××年工作要点\n第×页 共×页\n"),
    # X as a name, a model, a pattern or a variable
    ("PH002", "为老人免费拍摄X光片120人次，新增X射线安检设备两台。\n"
              "为每名网格员配发iPhone X一部，服务器型号为X86。\n"
              "课后服务实行“1+X”模式，推广“X+N”服务清单。\n"
              "测算公式为 y = 2x + 1，其中x为年份序号；展板尺寸3 x 4米。\n"
              "以x轴为横坐标。\n"),
    ("PH002", "于X月X日召开会议。\n落款：XX年XX月XX日\n"),  # PH004 / PH003
    ("PH003", "关于2026年度工作情况的总结\n二〇二六年十一月\n二〇〇八年建成的老旧小区。\n工作XX年\n"),
    ("PH004", "于6月18日召开专题会议。\n12月31日前完成。\n"),
    # 某 alone, and a surname + 某某 (a deliberately anonymised person in a case study)
    ("PH005", "调研中发现某企业存在欠薪问题，某单位已整改。\n"
              "案例一：村民张某某接到冒充客服的电话，被骗2.3万元；李某某及时报警。\n"),
    ("PH006", "二〇〇八年建成的老旧小区。\n二〇二六年十一月二十日\n"),
    ("PH007", "全年共完成投资3200万元。\n________________________________\n抄送：县委办公室。\n"),
    ("PH008", "【典型案例】某村通过“积分超市”激发群众参与热情。\n全年完成（含结转）项目42个。\n"),
]


@pytest.mark.parametrize("code, text", NON_HITS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(NON_HITS)])
def test_rule_does_not_fire(code, text):
    assert hits(text, code) == []


def test_whole_family_on_a_clean_paragraph():
    text = ("二〇二六年上半年，街道完成老旧小区改造3个，改造面积12×10⁴平方米。\n"
            "调研中发现某企业存在欠薪问题，已督促整改。\n"
            "为辖区老人免费拍摄X光片120人次。\n")
    assert hits(text, ["PH"]) == []


def test_each_placeholder_reported_by_one_rule_only():
    # 20XX年X月X日: the year is PH003, the day PH004; PH001/PH002 stay silent on both.
    text = "落款日期：20XX年X月X日\n第×页 共×页\n"
    assert hits(text, ["PH"]) == [(1, 6, "PH003"), (1, 11, "PH004")]


@pytest.mark.parametrize("code", [f"PH00{i}" for i in range(1, 9)])
def test_every_rule_has_examples_that_hold(code):
    """The examples shipped in the rule file: each bad one fires, each good one does not."""
    assert_examples_hold(code)
