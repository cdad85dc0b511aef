"""CL — stock phrasing: 套话 density per section, claims without figures, repeated openers."""
from __future__ import annotations

import yaml

from reportlint.checks.phrase import Matcher
from reportlint.engine import hits_for_rule
from reportlint.rulefile import parse_rule, verify_examples
from textcheck import doc_of, findings, rules_of, ruleset, where

DRAFT = """××镇2026年上半年工作总结
一、主要做法
今年以来，我们在县委的坚强领导下，紧紧围绕中心工作，进一步加强组织领导，不断提升服务水平，切实增强责任意识，扎实开展各项工作，积极推进重点任务，全面落实工作要求，充分发挥党员作用，大力弘扬优良作风，以钉钉子精神狠抓落实，各项工作取得了显著成效。
同时，加强队伍建设，组织干部培训4期。
同时，强化经费保障，落实专项资金60万元。
二、取得的成效
通过开展专项整治，辖区环境明显改善。群众对此普遍认可。
全镇新建道路12公里，改造危房46户，群众满意度达到96%，较上年大幅提升。
三、存在的问题
部分村组环境整治效果不明显，力争下半年明显改善。
"""


def test_draft_gets_exactly_the_expected_findings():
    assert where(DRAFT, ["CL0"]) == [
        (2, 1, "CL001"),   # section 一 is mostly stock phrases: one finding, on its heading
        (5, 1, "CL003"),   # second paragraph in a row starting “同时”
        # no CL002: “明显改善” (line 7) is borne out by the figures of line 8 in the same section
    ]


def test_density_names_the_top_phrases_and_points_at_the_heading():
    (f,) = findings(DRAFT, ["CL001"])
    assert f.excerpt == "一、主要做法"
    assert "“今年以来”1次" in f.message and "每千字" in f.message and "超过 15 处" in f.message


def test_density_is_one_finding_per_section_not_per_phrase():
    heavy = "今年以来，进一步加强组织领导，不断提升服务水平，切实增强责任意识，扎实开展各项工作，积极推进重点任务。" * 4
    text = f"××局2026年工作总结\n一、主要做法\n{heavy}\n{heavy}\n二、工作成效\n{heavy}\n"
    assert where(text, ["CL001"]) == [(2, 1, "CL001"), (5, 1, "CL001")]


def test_short_sections_and_factual_sections_are_not_judged():
    short = "××局2026年工作总结\n一、主要做法\n进一步加强，不断提升，切实增强，扎实开展，积极推进。\n"
    assert where(short, ["CL001"]) == []
    factual = ("××局2026年工作总结\n一、主要做法\n" +
               "街道在87栋老旧住宅楼推选楼栋长，组织在职党员到社区报到312人，每月开展一次楼道议事会，"
               "收集漏水、照明、停车等问题146件，已解决131件；依托养老服务站推行助餐服务，与两家医院签订合作协议，"
               "每周安排医生进站坐诊，累计提供助餐服务2.1万人次，独居老人建档218户。\n")
    assert where(factual, ["CL001"]) == []


def test_lexicon_is_grouped_large_and_clean():
    (rule,) = [r for r in rules_of("CL") if r.code == "CL001"]
    with open(rule.path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    groups = data["groups"]
    assert set(groups) == {"强调副词", "空泛动词", "口号", "开头结尾套语"}
    words = [w for g in groups.values() for w in g]
    assert len(words) >= 200
    assert len(words) == len(set(words)), "一个词只能属于一个分组，且不重复"
    assert all(len(w) >= 2 for w in words)
    assert isinstance(rule.compiled, Matcher), "all groups run through one automaton"


def test_density_kind_options():
    rule = parse_rule({"code": "CL901", "name": "测试", "kind": "density", "severity": "info", "scope": "document",
                       "message": "{density}/{threshold}/{count}/{top}", "threshold": 100, "min_chars": 10,
                       "min_count": 2, "top": 1, "groups": {"甲": ["进一步", "不断"]}}, "<测试>")
    doc = doc_of("进一步进一步不断，共三处。\n")
    (hit,) = hits_for_rule(rule, doc)
    assert hit.values["count"] == 3 and hit.values["top"] == "“进一步”2次"
    rule.options["threshold"] = 1000
    assert hits_for_rule(rule, doc) == []


def test_claims_pass_with_a_figure_nearby_or_when_negated_or_planned():
    for text in ["通过开展专项整治，辖区环境明显改善，投诉量下降42%。",
                 "开展专项整治。辖区环境明显改善。全年清理垃圾3400吨。",
                 "处置量同比增加了一倍，执法的精准度明显提高。",
                 "部分措施效果不明显，仍需改进。",
                 "力争明年群众满意度明显提升。",
                 "对工作成效明显的乡镇给予倾斜支持。"]:
        assert where(text + "\n", ["CL002"]) == [], text


def test_claims_pass_with_an_award_or_a_zero_record_as_the_fact():
    text = ("某局2026年工作总结\n一、主要工作\n社区矫正工作成效显著，我局被司法部评为全国社区矫正工作先进集体。\n"
            "执法规范化水平大幅提升，全年行政复议案件零纠错。\n二、存在的问题\n队伍年龄偏大。\n"
            "三、下一步打算\n加强培训。\n")
    assert where(text, ["CL002"]) == []
    # an award is a fact only where it is said: a bare claim elsewhere is still reported
    assert where(text.replace("加强培训。", "各项工作取得明显成效。"), ["CL002"]) == [(8, 7, "CL002")]


def test_claims_look_for_support_in_the_whole_section_not_in_a_sibling():
    text = ("一、工作成效\n社区环境明显改善，群众普遍认可。\n开展专项整治行动。\n"
            "全年清理垃圾3400吨。\n二、存在问题\n部分小区管理缺位。\n")
    assert where(text, ["CL002"]) == []  # the figure is two paragraphs later, in the same section
    moved = text.replace("全年清理垃圾3400吨。", "建立长效机制。").replace("部分小区管理缺位。", "仍有12个小区管理缺位。")
    assert where(moved, ["CL002"]) == [(2, 5, "CL002")]  # a figure in another section is no support
    runin = "一、工作成效\n（一）整治环境。社区环境明显改善。\n（二）改造设施。改造危房46户。\n"
    assert where(runin, ["CL002"]) == [(2, 13, "CL002")]  # a sibling sub-section's figure is about something else


def test_claims_accept_named_facts_and_quoted_remarks():
    assert where("一、成效\n校园文化建设成效显著，学校入选省级文明校园。\n", ["CL002"]) == []
    assert where("一、成效\n办事效率明显提高，群众说“以前跑三趟，现在一趟就办好”。\n", ["CL002"]) == []
    assert where("一、成效\n党员教育成效显著，编印《身边的榜样》读本。\n", ["CL002"]) == []
    assert where("一、成效\n办事效率明显提高，群众说“很好”。\n", ["CL002"]) == [(2, 5, "CL002")]  # too short


def test_closing_summaries_are_not_claims_to_support():
    assert where("一、成效\n开展整治。\n二、结语\n回首一年，各项工作成效显著。\n", ["CL002"]) == []
    assert where("一、成效\n开展整治。\n总之，一年来各项工作成效显著。\n", ["CL002"]) == []
    assert where("一、成效\n开展整治。\n一年来，各项工作成效显著。\n", ["CL002"]) == [(3, 9, "CL002")]


def test_opener_skips_paragraphs_that_open_with_a_run_in_title():
    text = ("一、主要做法\n1．完善课程体系。根据新课标要求，调整课时安排。\n"
            "2．健全评价机制。根据学校规划，修订考核办法。\n根据上级要求，开展专项督导。\n根据年度计划，组织教师培训。\n")
    assert where(text, ["CL003"]) == [(5, 1, "CL003")]  # only the two true openings with 根据


def test_claim_is_reported_once_per_sentence():
    assert where("一是各项工作成效显著，服务水平大幅提升。\n", ["CL002"]) == [(1, 7, "CL002")]


def test_opener_run_points_at_its_start():
    text = "××局2026年工作总结\n通过建立台账，问题整改更加规范。\n通过开展培训，干部能力得到提升。\n通过定期督导，工作进度加快。\n"
    got = findings(text, ["CL003"])
    assert [(f.line, f.column, f.related) for f in got] == [(3, 1, ((2, 1),)), (4, 1, ((2, 1),))]
    assert "连续 3 段" in got[1].message


def test_opener_ignores_non_adjacent_and_parallel_verbs():
    assert where("同时，加强队伍建设。\n一、其他\n同时，强化经费保障。\n", ["CL003"]) == []
    assert where("坚持党建引领，建强堡垒。\n坚持问题导向，补齐短板。\n", ["CL003"]) == []


def test_every_cl_rule_verifies_its_examples():
    verify_examples(ruleset(), rules_of("CL"))
    for r in rules_of("CL"):
        assert r.examples["bad"] and r.examples["good"] and r.description and r.reference
