"""WD — wording: confusables with context, typos, idioms, political terms, 的/地/得."""
from __future__ import annotations

import re

import pytest

import reportlint.tokenize
from reportlint.rulefile import verify_examples
from textcheck import doc_of, findings, rules_of, ruleset, where

DRAFT = """关于2026年上半年工作的汇报
截止目前，全镇共建成充电桩46个。
组织在职党员到社区报道312人。
双方签定了合作协议。
同志们再接再励，争取更好成绩。
深入学习贯彻党的十大九精神。
全体党员有效的掌握了安全知识。
全年各项任务完成的很好。
认真学习贯彻党的十九大四中全会精神。
省电视台报道了我区的做法。
报名截止日期为6月30日。
截止2026年6月底，累计完成投资3.2亿元。
"""


def test_draft_gets_exactly_the_expected_findings():
    assert where(DRAFT, ["WD"]) == [
        (2, 1, "WD001"),   # 截止目前
        (3, 10, "WD001"),  # 到社区报道
        (4, 3, "WD002"),   # 签定
        (5, 4, "WD003"),   # 再接再励
        (6, 9, "WD004"),   # 十大九
        (7, 7, "WD005"),   # 有效的掌握了
        (8, 9, "WD006"),   # 完成的很好
        (9, 9, "WD007"),   # 十九大四中全会
        (12, 1, "WD001"),  # 截止2026年
    ]


@pytest.mark.parametrize("text", [
    "省电视台报道新闻，反响热烈。", "新闻报道了我区做法。", "报名截止日期为6月30日。", "申报工作已于5月截止。",
    "截止到2025年底，共完成改造1200户。", "依法行使职权，规范权力运行。", "为困难群众发放生活必需品。",
    "接种后未出现不良反应。", "帮助企业渡过难关。", "做好台风登陆前的防范工作。", "排查燃气泄漏隐患。",
    "建成一座标准化厂房。", "普及相关健康知识。", "各自已经完成任务。", "这是美好象征。", "毕竟争取到了资金。",
    "调整全部份额。", "既使用线上平台，又保留线下窗口。", "大家集思广益出主意。", "开展人民防空宣传。",
    "进行了认真的研究。", "经过不断的探索和实践，形成了一套做法。", "发挥积极的作用。", "所做的非常有限。",
])
def test_correct_uses_pass(text):
    assert where(text + "\n", ["WD"]) == []


@pytest.mark.parametrize("text,match,suggestion", [
    ("党员到社区报道。", "报道", "报到"),
    ("截止目前，共完成3项。", "截止", "截至"),
    ("截止2026年6月，共完成3项。", "截止", "截至"),
    ("切实维护职工权力。", "权力", "权利"),
    ("全年处置燃气泄露报警136起。", "泄露", "泄漏"),
    ("由分管付局长带队督导。", "付", "副"),
    ("坚决纠治形式主意和官僚主义。", "主意", "主义"),
])
def test_wrong_uses_fire_with_the_right_suggestion(text, match, suggestion):
    (f,) = findings(text + "\n", ["WD"])
    assert (f.excerpt, f.suggestion) == (match, suggestion)
    assert suggestion in f.message and "应为" in f.message


def test_every_wd_rule_verifies_its_examples():
    rs = ruleset()
    verify_examples(rs, rules_of("WD"))  # raises RuleFileError naming file and key


def _entries():
    for rule in rules_of("WD"):
        for i, ent in enumerate(rule.options.get("swap", [])):
            yield pytest.param(rule, i, ent, id=f"{rule.code}[{i}]")


@pytest.mark.parametrize("rule,i,ent", list(_entries()))
def test_each_entry_fires_on_its_own_bad_example_and_passes_its_good_ones(rule, i, ent):
    ex = ent.get("examples") or {}
    assert ex.get("bad") and ex.get("good"), "每一项都要有 bad 和 good 示例"
    pat = re.compile(ent["bad"])
    for bad in ex["bad"]:
        spans = {(m.start(), m.end()) for m in pat.finditer(bad)}
        hits = findings(bad + "\n", [rule.code])
        assert any((f.start, f.end) in spans and f.suggestion == str(ent["good"]) for f in hits), bad
    for good in ex["good"]:
        assert where(good + "\n", ["WD"]) == [], good


def test_lexicon_size_and_hygiene():
    entries = [(r.code, e) for r in rules_of("WD") for e in r.options.get("swap", [])]
    assert len(entries) >= 150
    bads = [e["bad"] for _, e in entries]
    assert len(bads) == len(set(bads)), "同一个错误写法不应出现两次"
    for code, e in entries:
        assert e["bad"] != e["good"]
        assert "/" not in str(e["good"]), "一项只给一个建议，才能安全自动修正"
        assert not re.fullmatch(e["bad"], str(e["good"])), f"{code}: 建议的写法自己也会被报告"
    wd = {r.code: r for r in rules_of("WD")}
    assert {"WD001", "WD002", "WD003", "WD004", "WD005", "WD006", "WD007"} <= set(wd)
    for code, r in wd.items():
        assert r.description and r.reference and r.examples["bad"] and r.examples["good"]
        assert r.fix_safe == (code not in ("WD005", "WD009", "WD010")), "需要判断词性的 WD005、WD010 和推测别字的 WD009 不自动修正"


def test_pos_rule_tokenizes_only_paragraphs_with_a_candidate(monkeypatch):
    calls = []
    real = reportlint.tokenize.pos

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(reportlint.tokenize, "pos", counting)
    text = "一、工作情况\n全年召开会议12次。\n党员有效的掌握了技能，较好的践行了宗旨。\n制定有效的措施。\n"
    got = [(f.line, f.column, f.code) for f in findings(text, ["WD005"])]
    assert got == [(3, 5, "WD005"), (3, 14, "WD005")]
    assert calls == ["党员有效的掌握了技能，较好的践行了宗旨。", "制定有效的措施。"]


def test_pos_rule_message_shows_the_corrected_phrase():
    (f,) = findings("各支部较好的践行了为民服务宗旨。\n", ["WD005"])
    assert f.message.endswith("“较好地践行”")
    assert f.fix is None


def test_wd_fixes_are_offered_for_safe_rules():
    (f,) = findings("双方签定了合作协议。\n", ["WD002"])
    assert (f.fix.start, f.fix.end, f.fix.replacement) == (2, 4, "签订")


def test_wording_runs_in_a_fraction_of_a_second_on_a_long_report():
    import time

    text = ("　　全镇上下认真贯彻上级部署，截至6月底完成投资3.2亿元，新建道路12公里，群众满意度达到96%。\n" * 400)
    doc = doc_of(text)
    t = time.perf_counter()
    from reportlint.engine import check_document

    check_document(doc, ruleset(), select=["WD"])
    assert time.perf_counter() - t < 1.0


def test_wd005_noun_phrase_after_lacking_or_before_a_standard_is_not_adverbial():
    # “统一的参考标准”: 参考 modifies 标准 (a noun compound), and after 缺乏/缺少 the phrase is an
    # object — a 的 there is correct; a real adverbial in the same paragraph is still reported.
    text = ("由于缺乏统一的参考标准，分摊方案迟迟定不下来。\n各地执行统一的参考标准。\n"
            "各社区缺少统一的规划，有的小区积极的推进了加装工作。\n")
    assert where(text, ["WD005"]) == [(3, 18, "WD005")]


def test_doubled_function_word_and_doubled_word():
    text = ("离不开全体职工的的共同努力。\n这项改革的的确确减轻了负担，不能不了了之。\n确保活动目的的实现。\n"
            "营造了风清气正的氛围氛围。\n基层党组织组织有力，优先评先评优。\n一步一步把工作做实。\n")
    assert where(text, ["WD008", "DUP003"]) == [(1, 8, "WD008"), (4, 9, "DUP003")]
    fixed = [f.fix for f in findings(text, ["WD008"])]
    assert [(f.start, f.end, f.replacement) for f in fixed] == [(7, 9, "的")]


MISSPELL = """关于2026年上半年工作的汇报
全体干部按步就班推进各项任务。
他淡薄名利，几十年扎根山区，是名符其实的带头人。
群众的环保意识还比较淡薄，我们按部就班抓好宣传。
创建省级示范学校，提升管理重心下移的成效。
"""


def test_misspell_finds_sound_alike_slips_by_the_dictionary():
    got = [(f.line, f.column, f.code, f.excerpt, f.suggestion) for f in findings(MISSPELL, ["WD009"])]
    assert got == [
        (2, 5, "WD009", "按步就班", "按部就班"),
        (3, 2, "WD009", "淡薄名利", "淡泊名利"),
        (3, 16, "WD009", "名符其实", "名副其实"),
    ]
    fs = findings(MISSPELL, ["WD009"])
    assert all(f.fix is None for f in fs), "a guess is never fixed automatically"
    assert fs[0].message == "“按步就班”疑为“按部就班”之误（“步”“部”同音），请核对"


def test_misspell_sound_table_is_what_the_build_script_makes():
    """rules/WD/WD009.yaml's sounds block is generated from jieba's dictionary and pypinyin."""
    pytest.importorskip("pypinyin")
    import subprocess
    import sys

    root = __import__("os").path.dirname(__import__("os").path.dirname(__file__))
    r = subprocess.run([sys.executable, "tools/build_sounds.py", "--check"], cwd=root)
    assert r.returncode == 0, "run tools/build_sounds.py to regenerate the sounds block"


def test_misspell_gives_way_to_the_listed_idiom_rule():
    """再接再励 is WD003's (a listed idiom, with its fix); WD009's guess on the same span is dropped
    (``defer``), and comes back only when WD003 is not run."""
    text = "同志们再接再励，争取更好成绩。\n"
    assert where(text, ["WD"]) == [(1, 4, "WD003")]
    assert where(text, ["WD009"]) == [(1, 4, "WD009")]
