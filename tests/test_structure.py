"""STR rules (structure and heading numbering): a hit fixture and a non-hit fixture for every rule,
with exact (line, column, code), through the public API (``check_text(select=[code])``)."""
import pytest

from reportlint import check_text
from reportlint.rulecache import load_ruleset


def hits(text, code, **kw):
    r = check_text(text, select=[code], **kw)
    assert r.error is None
    return [(f.line, f.column, f.code) for f in r.findings]


def messages(text, code, **kw):
    return [f.message for f in check_text(text, select=[code], **kw).findings]


SUMMARY_NO_PLAN = """2026年上半年工作总结
一、主要工作
组织业务培训3次，覆盖干部120人次。
二、存在的问题
队伍年龄结构偏大。
"""

EXPERIENCE_NO_INSIGHT = """推行“一窗通办”的经验做法
一、主要做法
推行“一窗受理、集成服务”，整合窗口12个。
二、取得的成效
群众办事平均用时由3天缩短到1天。
"""

DUTY_CONTENT_HEADINGS = """2026年度述职报告
一、坚持政治建警，始终在思想上对党忠诚
本人坚持把政治建设摆在首位，带头参加集中学习24次。
二、聚焦主责主业，全力维护辖区安全稳定
破获刑事案件86起，辖区可防性案件同比下降21%。
三、存在的不足
对新型犯罪的研究不够深入。
四、今后努力方向
加强学习，改进工作方法。
"""

RESEARCH = """关于农村电信网络诈骗防范治理情况的调研报告
一、当前防范治理工作开展情况
全县组建反诈宣传队伍120支。
二、存在的主要问题
宣传入眼不入心。
三、对策建议
推动宣传精准滴灌。
"""

GOING_BACK = ("一、主要做法\n（一）抓学习\n学习12次。\n（二）抓队伍\n培训3次。\n（四）抓作风\n整改8项。\n"
              "（五）抓安全\n排查20处。\n（三）抓服务\n办件120件。\n")
REPEAT = "一、主要做法\n组织培训。\n二、取得的成效\n群众满意。\n二、存在的问题\n队伍老化。\n"
NO_RESTART = "一、主要做法\n（一）抓学习\n学习。\n（二）抓队伍\n培训。\n二、取得的成效\n（三）服务更优\n办件。\n"
BAD_SEPARATORS = ("2026年工作总结\n一.基本情况\n全县学校12所。\n二 主要做法\n（一）、加强组织领导\n内容。\n"
                  "　　1、建立工作台账\n内容。\n三，存在的问题\n队伍老化。\n")

ATTACHMENTS = ("某区工作汇报\n一、主要工作\n完成改造42个。\n二、存在的问题\n资金拨付滞后。\n三、下一步打算\n加快进度。\n\n"
               "附件：1．改造项目进度表\n　　　2．养老服务项目进度表\n　　　3．资金拨付情况表\n\n某区人民政府\n2026年7月6日\n")

NAMED_ATTACHMENTS = ("某街道三年工作总结\n一、主要工作\n完成老旧小区改造42个。\n二、存在的问题\n资金拨付滞后。\n"
                     "附1：\n（1）社区书记述职报告\n（2）街道办主任述职报告\n附2：\n（1）民主测评表\n（2）谈话提纲\n")
INLINE_NOTE = ("某校创建工作汇报\n一、办学特色\n（一）以活动育人\n开展主题活动12场。\n"
               "附：主题活动安排一览\n春季运动会、科技节、读书月各一场，均在校内举行。\n"
               "（二）以课程育人\n开设选修课30门。\n二、办学成果\n（一）学生发展\n升学率稳步提高。\n")

CASES = [
    # ---- STR001 required section missing
    ("STR001", SUMMARY_NO_PLAN, [(4, 1, "STR001")], {}),
    ("STR001", EXPERIENCE_NO_INSIGHT, [(4, 1, "STR001")], {}),
    ("STR001", SUMMARY_NO_PLAN + "三、下一步打算\n下半年将加强培训。\n", [], {}),
    # a combined heading provides both sections it names
    ("STR001", "2026年工作总结\n一、主要工作\n组织培训3次。\n二、存在的问题和下一步打算\n队伍老化，将加强培训。\n",
     [], {}),
    # content headings (“二、聚焦主责主业……”) are the 做法 of a 述职报告
    ("STR001", DUTY_CONTENT_HEADINGS, [], {}),
    # a 调研报告's “工作开展情况” is its 基本情况
    ("STR001", RESEARCH, [], {}),
    # only content headings: nothing to judge the report type by
    ("STR001", "2026年工作总结\n一、强化理论武装\n开展学习12次。\n二、优化营商环境\n办件1.2万件。\n", [], {}),
    # ---- STR002 sections out of order
    ("STR002", "2026年工作总结\n一、下一步打算\n将加强培训。\n二、主要工作\n组织培训3次。\n"
               "三、存在的问题\n队伍老化。\n", [(4, 1, "STR002"), (6, 1, "STR002")], {}),
    ("STR002", "2026年工作总结\n一、主要工作\n组织培训3次。\n二、存在的问题\n队伍老化。\n三、几点体会\n"
               "抓落实关键在人。\n四、下一步打算\n将加强培训。\n", [], {}),  # 体会 after 问题 is usual too
    ("STR002", "2026年上半年工作总结\n一、主要工作\n组织培训3次。\n二、存在的问题\n队伍老化。\n三、下半年工作打算\n"
               "将加强培训。\n四、几点认识\n抓落实关键在人。\n", [], {}),  # reflections may close the report
    ("STR002", "2026年上半年工作总结\n一、下半年工作打算\n将加强培训。\n二、几点认识\n抓落实关键在人。\n"
               "三、主要工作\n组织培训3次。\n", [(6, 1, "STR002")], {}),  # …but 主要工作 still comes first
    # ---- STR003 numbering gap, or going back
    ("STR003", "一、基本情况\n全县学校12所。\n二、主要做法\n组织培训3次。\n四、存在的问题\n队伍老化。\n",
     [(5, 1, "STR003")], {}),
    ("STR003", GOING_BACK, [(6, 1, "STR003"), (10, 1, "STR003")], {}),
    # a repeated number was meant as the next one: （二）（二）（四） is one repeat (STR004), not a gap
    ("STR003", "一、主要做法\n（一）抓学习\n学习。\n（二）抓队伍\n培训。\n（二）抓作风\n整改。\n（四）抓安全\n排查。\n",
     [], {}),
    # a second list under the same heading starts again at 1
    ("STR003", "（一）抓学习\n1.集中学习\n学习12次。\n2.专题研讨\n研讨4次。\n（二）抓队伍\n1.培训\n培训3次。\n",
     [], {}),
    # an incident 情况报告 (“关于……情况的报告”) puts its problems under 原因分析: not a missing 存在的问题
    ("STR001", "关于1号线3月5日运营故障处置情况的报告\n一、事件经过\n3月5日7:42，信号系统出现通信中断。\n"
               "二、处置措施\n及时启动应急预案，调派公交车32辆接驳。\n三、原因分析\n区域控制器主板电容老化失效。\n"
               "四、下一步工作\n编制信号系统改造方案。\n", [], {}),
    # ---- STR004 the same number twice
    ("STR004", REPEAT, [(5, 1, "STR004")], {}),
    ("STR004", "一、主要做法\n组织培训。\n二、取得的成效\n群众满意。\n三、存在的问题\n队伍老化。\n", [], {}),
    # ---- STR005 numbering does not restart under a new parent
    ("STR005", NO_RESTART, [(7, 1, "STR005")], {}),
    ("STR005", "一、主要做法\n（一）抓学习\n学习。\n（二）抓队伍\n培训。\n二、取得的成效\n（一）服务更优\n办件。\n",
     [], {}),
    # numbered straight through on purpose (as State Council documents do)
    ("STR005", "一、总体要求\n（一）指导思想\n内容。\n（二）主要目标\n内容。\n二、重点任务\n（三）抓学习\n内容。\n"
               "（四）抓队伍\n内容。\n三、保障措施\n（五）加强领导\n内容。\n", [], {}),
    # ---- STR006 a level skipped (info)
    # a skip used throughout the report is usual 公文 practice: silent
    ("STR006", "一、主要做法\n1.抓学习\n学习。\n2.抓队伍\n培训。\n", [], {}),
    ("STR006", "一、工作回顾\n1.办件提速\n办件。\n二、工作打算\n1.扩大覆盖\n覆盖。\n", [], {}),
    ("STR006", "一、主要做法\n（一）抓学习\n1.组织集中学习\n学习。\n", [], {}),
    # （一） under one 一、 but skipped under a sibling: inconsistent
    ("STR006", "一、主要做法\n（一）抓学习\n学习。\n二、存在问题\n1.队伍老化\n老化。\n", [(5, 1, "STR006")], {}),
    # ---- STR007 levels inverted
    ("STR007", "一、主要做法\n1.抓学习\n学习。\n（一）抓队伍\n培训。\n", [(4, 1, "STR007")], {}),
    ("STR007", "一、主要做法\n（一）抓学习\n1.组织集中学习\n学习。\n（二）抓队伍\n培训。\n", [], {}),
    # ---- STR008 wrong punctuation after a numbering token
    ("STR008", BAD_SEPARATORS,
     [(2, 1, "STR008"), (4, 1, "STR008"), (5, 1, "STR008"), (7, 3, "STR008"), (9, 1, "STR008")], {}),
    ("STR008", "2026年工作总结\n一、基本情况\n全县学校12所。\n二、主要做法\n（一）加强组织领导\n"
               "1.建立工作台账\n2．完善制度\n（1）细化分工\n①压实责任\n第一，抓落实。\n一是抓学习。\n", [], {}),
    # ---- STR009 full-width and half-width forms of one style
    ("STR009", "（一）抓学习\n1.组织集中学习\n学习。\n2．开展专题研讨\n研讨。\n(二)抓队伍\n培训。\n",
     [(6, 1, "STR009")], {}),
    ("STR009", "（一）抓学习\n1.组织集中学习\n学习。\n2.开展专题研讨\n研讨。\n（二）抓队伍\n培训。\n", [], {}),
    # ---- STR010 empty section
    ("STR010", "一、主要做法\n组织培训3次。\n二、存在的问题\n三、下一步打算\n将加强培训。\n四、几点体会\n",
     [(3, 1, "STR010"), (6, 1, "STR010")], {}),
    ("STR010", "一、主要做法\n（一）抓学习。组织学习12次。\n二、存在的问题\n队伍老化。\n", [], {}),
    # an attachment note listing several attachments (GB/T 9704-2012 7.3.5): “2．……表” goes on the note
    ("STR010", ATTACHMENTS, [], {}),
    ("STR006", ATTACHMENTS, [], {}),
    # lines under a bare 附1：/附件： mark name the attachments: no empty sections
    ("STR010", NAMED_ATTACHMENTS, [], {}),
    ("STR005", NAMED_ATTACHMENTS, [], {}),
    # an inline 附： note in the body is not the appendix boundary: numbering goes on around it
    ("STR005", INLINE_NOTE, [], {}),
    ("STR007", INLINE_NOTE, [], {}),
    ("STR010", INLINE_NOTE, [], {}),
    # ---- STR011 a stand-alone heading that is a whole paragraph
    ("STR011", "一、主要做法\n（一）坚持以党建引领为统领持续深化网格化管理服务机制创新推动基层治理体系和治理能力现代化水平不断提升\n"
               "内容。\n", [(2, 1, "STR011")], {}),
    ("STR011", "一、主要做法\n（一）坚持党建引领，深化网格化管理\n内容。\n"
               "（二）坚持以党建引领为统领，持续深化网格化管理服务机制创新。全年新建网格120个，配齐网格员360名。\n",
     [], {}),
    # ---- STR014 a sentence broken at a line end
    ("STR014", "2026年工作总结\n一、主要工作\n全年组织培训3次，覆盖\n干部120人次。\n", [(3, 1, "STR014")], {}),
    ("STR014", "2026年工作总结\n一、主要工作\n（一）抓培训。全年组织培训3次，覆盖\n干部120人次。\n", [(3, 8, "STR014")], {}),
    ("STR014", "2026年工作总结\n一、主要工作\n全年组织培训3次，覆盖干部120人次。\n二、存在的问题\n队伍老化。\n", [], {}),
]


@pytest.mark.parametrize("code, text, expected, kw", CASES,
                         ids=[f"{c}-{'hit' if e else 'pass'}-{i}" for i, (c, _, e, _) in enumerate(CASES)])
def test_rule(code, text, expected, kw):
    assert hits(text, code, **kw) == expected


def test_every_str_rule_has_a_hit_and_a_pass_fixture():
    codes = {r.code for r in load_ruleset().rules if r.family == "STR"}
    with_hit = {c for c, _, e, _ in CASES if e} | {"STR012"}
    with_pass = {c for c, _, e, _ in CASES if not e} | {"STR012", "STR013"}
    # STR013 (heading fonts) needs a Word file: its hits are in test_docx.py
    assert codes - {"STR013"} <= with_hit
    assert codes <= with_pass


def test_messages_name_the_section_and_the_numbers():
    assert messages(SUMMARY_NO_PLAN, "STR001") == ["按“工作总结”的常见结构，缺少“下一步打算”部分"]
    assert messages(EXPERIENCE_NO_INSIGHT, "STR001") == ["按“经验交流材料”的常见结构，缺少“经验启示”部分"]
    assert messages(GOING_BACK, "STR003") == [
        "序号“（四）”跳号：前一个是“（二）”，这里应为“（三）”",
        "序号“（三）”跳号：前一个是“（五）”，这里应为“（六）”"]
    assert messages(REPEAT, "STR004") == [
        "序号“二、”与上一个标题“二、”重复，这里应为“三、”（或是把下一级标题错写成了上一级）"]
    assert messages(NO_RESTART, "STR005") == ["新的上级标题下，序号“（三）”应从“（一）”重新开始"]
    assert messages(BAD_SEPARATORS, "STR008") == [
        "序号“一.”的标点不规范，应写作“一、”", "序号“二”的标点不规范，应写作“二、”",
        "序号“（一）、”的标点不规范，应写作“（一）”", "序号“1、”的标点不规范，应写作“1.”",
        "序号“三，”的标点不规范，应写作“三、”"]


def test_profile_is_forced():
    # As a 工作汇报 the summary misses 下一步打算 too; forced to 经验交流材料 it misses 成效 and 启示.
    assert messages(SUMMARY_NO_PLAN, "STR001", profile="经验交流材料") == [
        "按“经验交流材料”的常见结构，缺少“取得的成效”部分", "按“经验交流材料”的常见结构，缺少“经验启示”部分"]


def _long_report(headings: bool) -> str:
    para = ("今年以来，我们坚持以人民为中心的发展思想，围绕群众急难愁盼问题，统筹推进基层治理、"
            "民生服务和安全生产各项工作，全年办结群众诉求1.2万件，办结率99.1%。")
    body = "\n".join(para for _ in range(22))
    if headings:
        return "2026年工作总结\n一、主要工作\n" + body + "\n"
    return "2026年工作总结\n" + body + "\n"


def test_str012_no_headings_in_a_long_report():
    assert len(_long_report(False)) > 1500
    assert hits(_long_report(False), "STR012") == [(1, 1, "STR012")]
    assert messages(_long_report(False), "STR012")[0].startswith("全文约 1")
    assert hits(_long_report(True), "STR012") == []
    assert hits("2026年工作总结\n今年以来，我们扎实推进各项工作。\n", "STR012") == []


def test_str013_needs_fonts_so_plain_text_passes():
    assert hits("一、基本情况\n（一）工作进展\n全年完成任务。\n", "STR013") == []


def test_structure_family_on_a_well_formed_report():
    text = ("城关街道2026年上半年工作总结\n"
            "一、主要工作\n（一）抓实党建引领。组织在职党员到社区报到320人。\n"
            "（二）抓细民生服务。新建老年助餐点3个。\n"
            "二、取得的成效\n群众满意度达到98.6%。\n"
            "三、存在的问题\n一是队伍年龄偏大。\n二是经费保障不足。\n"
            "四、下一步打算\n下半年将加强社区工作者培训。\n")
    assert [(f.line, f.code) for f in check_text(text, select=["STR"]).findings] == []
