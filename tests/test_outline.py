"""The outline: numbering variants, run-in headings, titles and subtitles, bold and Markdown
headings, reports without headings, profile detection, and ``reportlint outline`` (text and JSON).

Word styles are tested with the .docx reader (test_docx.py)."""
import json

import pytest

from reportlint import check_text, outline
from reportlint.cli import main
from reportlint.numbering import parse


def tree(doc):
    """(line, level, style, numbering, text, runin, role, parent line) of every heading."""
    out = []
    for h in doc.headings:
        parent = doc.position(doc.headings[h.parent].start)[0] if h.parent is not None else None
        out.append((doc.position(h.start)[0], h.level, h.style, h.token.token if h.token else None, h.text,
                    h.runin, h.role, parent))
    return out


def para(doc, line):
    return next(p for p in doc.paragraphs if p.line == line)


# ------------------------------------------------------------------ numbering tokens

@pytest.mark.parametrize("line, style, value, token, sep", [
    ("一、基本情况", "cn", 1, "一、", "、"),
    ("一.基本情况", "cn", 1, "一.", "."),
    ("一．基本情况", "cn", 1, "一．", "．"),
    ("十二、其他", "cn", 12, "十二、", "、"),
    ("（一）抓学习", "cn_paren", 1, "（一）", ""),
    ("(一)抓学习", "cn_paren", 1, "(一)", ""),
    ("（十一）抓学习", "cn_paren", 11, "（十一）", ""),
    ("（一）、抓学习", "cn_paren", 1, "（一）、", "、"),
    ("1.抓学习", "arabic", 1, "1.", "."),
    ("1．抓学习", "arabic", 1, "1．", "．"),
    ("1、抓学习", "arabic", 1, "1、", "、"),
    ("１０．抓学习", "arabic", 10, "１０．", "．"),
    ("（1）抓学习", "ar_paren", 1, "（1）", ""),
    ("(2)抓学习", "ar_paren", 2, "(2)", ""),
    ("3)抓学习", "ar_paren", 3, "3)", ""),
    ("3）抓学习", "ar_paren", 3, "3）", ""),
    ("①抓学习", "circled", 1, "①", ""),
    ("⑫抓学习", "circled", 12, "⑫", ""),
    ("第一，抓学习", "ordinal", 1, "第一，", ""),
    ("第三、抓学习", "ordinal", 3, "第三、", ""),
    ("一是抓学习", "yishi", 1, "一是", ""),
    ("三要抓学习", "yishi", 3, "三要", ""),
    ("　　二、主要做法", "cn", 2, "二、", "、"),
    ("第一部分 基本情况", "part", 1, "第一部分", ""),
    ("第三章：存在的问题", "part", 3, "第三章：", "："),
    ("（ 一 ）加强组织领导", "cn_paren", 1, "（ 一 ）", ""),  # spaces typed inside the brackets
    ("( 2 )建立台账", "ar_paren", 2, "( 2 )", ""),
    ("三、三级联动机制建设", "cn", 3, "三、", "、"),  # 三级 does not continue a run after 三
    ("一抓党建促发展", "yishi", 1, "一抓", ""),
])
def test_numbering_variants(line, style, value, token, sep):
    t = parse(line)
    assert (t.style, t.value, t.token, t.sep) == (style, value, token, sep)
    assert line[t.start:t.end].strip() == token


@pytest.mark.parametrize("line", [
    "2026年，我们扎实推进各项工作。", "1.2万人参加培训。", "一体化推进政务服务。", "十分重视安全工作。",
    "第一书记驻村以来。", "12月31日前完成。", "3/4的任务已完成。", "一个不能少。", "第一篇章已经写就。",
    # a run of numerals at the start of a sentence, not numbering
    "一、二级医院床位使用率偏低。", "三、四月份是汛前准备的关键期。", "二、三产业融合发展势头良好。",
    "一抓到底，久久为功。",
])
def test_not_numbering(line):
    assert parse(line) is None


def test_every_variant_in_one_outline():
    text = ("2026年工作总结\n"
            "一、主要做法\n"
            "（一）抓学习\n"
            "1.集中学习\n"
            "（1）原原本本学\n"
            "①读原著。每周一次。\n"
            "二．存在的问题\n"
            "(一)队伍方面\n"
            "1．年龄偏大\n"
            "2、能力不足\n"
            "三. 下一步打算\n"
            "第一，加强培训。每季度一期。\n"
            "第二，改进作风。\n")
    doc = outline(text)
    assert tree(doc) == [
        (2, 1, "cn", "一、", "主要做法", False, "practice", None),
        (3, 2, "cn_paren", "（一）", "抓学习", False, None, 2),
        (4, 3, "arabic", "1.", "集中学习", False, None, 3),
        (5, 4, "ar_paren", "（1）", "原原本本学", False, None, 4),
        (6, 5, "circled", "①", "读原著", True, None, 5),
        (7, 1, "cn", "二．", "存在的问题", False, "problem", None),
        (8, 2, "cn_paren", "(一)", "队伍方面", False, None, 7),
        (9, 3, "arabic", "1．", "年龄偏大", False, None, 8),
        (10, 3, "arabic", "2、", "能力不足", False, None, 8),
        (11, 1, "cn", "三.", "下一步打算", False, "plan", None),
        (12, 2, "ordinal", "第一，", "加强培训", True, None, 11),
        (13, 2, "ordinal", "第二，", "改进作风", True, None, 11),  # an item: its sentence is the body
    ]


# ------------------------------------------------------------------ run-in headings

def test_run_in_headings():
    text = ("2026年工作总结\n"
            "一、主要做法\n"
            "（一）强化学习。全年组织集中学习12次。\n"
            "（二）优化服务：推行“一窗通办”，办件1.2万件。\n"
            "（三）坚持高位推动，压紧压实责任。县委把这项工作列入年度重点。\n"
            "（四）加强组织领导。\n"
            "1.严格落实首诊负责制度，全年无医疗事故。\n"
            "2.主要指标进入前列.结案率98.7%,排名第三.\n"
            "一是抓学习。二是抓队伍。\n")
    doc = outline(text)
    assert tree(doc) == [
        (2, 1, "cn", "一、", "主要做法", False, "practice", None),
        (3, 2, "cn_paren", "（一）", "强化学习", True, None, 2),
        (4, 2, "cn_paren", "（二）", "优化服务", True, None, 2),
        (5, 2, "cn_paren", "（三）", "坚持高位推动，压紧压实责任", True, None, 2),
        (6, 2, "cn_paren", "（四）", "加强组织领导", False, None, 2),  # a heading with a stray 。
        (7, 3, "arabic", "1.", "严格落实首诊负责制度", True, None, 6),  # one sentence: a list item
        (8, 3, "arabic", "2.", "主要指标进入前列", True, None, 6),  # half-width . and , read as 。，
    ]
    assert para(doc, 3).body == "全年组织集中学习12次。"
    assert para(doc, 4).body == "推行“一窗通办”，办件1.2万件。"
    assert para(doc, 5).body == "县委把这项工作列入年度重点。"
    assert para(doc, 7).body == "严格落实首诊负责制度，全年无医疗事故。"
    assert para(doc, 8).body == "结案率98.7%,排名第三."
    # “一是……二是……” in one paragraph is an enumeration, not a heading
    assert para(doc, 9).heading is None and para(doc, 9).body == "一是抓学习。二是抓队伍。"
    assert doc.role_of(para(doc, 9)) == "practice"


def test_heading_then_a_space_then_the_body():
    text = ("2026年工作总结\n一、基本情况 全县共有学校12所，在校生3.2万人。\n"
            "二、强化党建引领　夯实基层基础\n内容。\n（一）强化党建引领　夯实基层基础。\n")
    doc = outline(text)
    assert tree(doc) == [
        (2, 1, "cn", "一、", "基本情况", True, "background", None),
        (3, 1, "cn", "二、", "强化党建引领　夯实基层基础", False, None, None),  # a two-part heading
        (5, 2, "cn_paren", "（一）", "强化党建引领　夯实基层基础", False, None, 3),
    ]
    assert para(doc, 2).body == "全县共有学校12所，在校生3.2万人。"


def test_parts_above_chinese_numbering():
    text = ("2026年工作总结\n第一部分 上半年工作回顾\n一、强化学习\n组织学习12次。\n二、优化服务\n办件。\n"
            "第二部分 下半年工作打算\n一、抓落实\n内容。\n")
    doc = outline(text)
    assert tree(doc) == [
        (2, 1, "part", "第一部分", "上半年工作回顾", False, "practice", None),
        (3, 2, "cn", "一、", "强化学习", False, None, 2),
        (5, 2, "cn", "二、", "优化服务", False, None, 2),
        (7, 1, "part", "第二部分", "下半年工作打算", False, "plan", None),
        (8, 2, "cn", "一、", "抓落实", False, None, 7),  # numbering restarts under a new part: no STR005
    ]
    assert check_text(text, select=["STR003", "STR004", "STR005", "STR006", "STR007", "STR008"]).findings == []
    # it is still a 工作总结 without 存在的问题
    assert [(f.line, f.code) for f in check_text(text, select=["STR001"]).findings] == [(7, "STR001")]


def test_yishi_items_head_only_their_own_paragraph():
    text = ("2026年工作总结\n一、存在的问题\n一是队伍年龄偏大。\n二是经费不足。\n"
            "这些问题需要在下半年着力解决。\n")
    doc = outline(text)
    assert [(h.style, h.text) for h in doc.headings] == [("cn", "存在的问题"), ("yishi", "队伍年龄偏大"),
                                                        ("yishi", "经费不足")]
    closing = para(doc, 5)
    assert closing.section == 0  # back under “一、存在的问题”, not under “二是”
    assert doc.role_of(closing) == "problem"


# ------------------------------------------------------------------ titles

def test_title_and_dash_subtitle():
    text = ("让老旧小区从“失管”走向“善治”\n"
            "——关于南城区老旧小区物业管理情况的调研报告\n"
            "一、基本情况\n全区有老旧小区312个。\n"
            "二、存在的主要问题\n物业服务覆盖不足。\n"
            "三、对策建议\n分类施策。\n")
    doc = outline(text)
    assert para(doc, 1).index == doc.title and para(doc, 2).index == doc.subtitle
    assert doc.profile == "调研报告"  # named only in the subtitle
    assert [h.text for h in doc.headings] == ["基本情况", "存在的主要问题", "对策建议"]
    assert doc.content_paragraphs[0].line == 4


def test_title_broken_over_two_lines():
    doc = outline("关于2026年上半年\n农村公路建设情况的汇报\n一、基本情况\n全县。\n")
    assert (doc.title, doc.subtitle) == (0, 1)
    assert doc.profile == "工作汇报"  # the genre word is on the second line
    assert [h.text for h in doc.headings] == ["基本情况"]


def test_attachment_mark_above_the_title_and_byline_below():
    text = ("附件2\n\n"
            "城乡结合部“九小场所”消防安全状况调研报告\n"
            "**江湾区应急管理局　江湾区消防救援大队联合调研组**\n"
            "今年4月至6月，调研组走访场所100家。\n"
            "一、基本情况\n全区共有“九小场所”2870余家。\n")
    doc = outline(text)
    assert para(doc, 3).index == doc.title
    assert doc.profile == "调研报告"
    assert [(doc.position(h.start)[0], h.text) for h in doc.headings] == [(6, "基本情况")]


def test_no_title_when_the_report_starts_with_an_addressee():
    doc = outline("各位领导：\n现将有关情况汇报如下。\n一、基本情况\n全县学校12所。\n")
    assert doc.title is None
    assert [h.text for h in doc.headings] == ["基本情况"]


def test_appendix_heading():
    text = ("2026年调研报告\n一、几点认识\n第一，政策落实的关键在最后一公里。\n"
            "附：调研中的三个典型案例\n案例一：某企业享受优惠。\n一、青溪县某企业\n内容。\n")
    doc = outline(text)
    assert tree(doc) == [
        (2, 1, "cn", "一、", "几点认识", False, "insight", None),
        (3, 2, "ordinal", "第一，", "政策落实的关键在最后一公里", True, None, 2),
        (4, 1, "appendix", None, "附：调研中的三个典型案例", False, None, None),
        (6, 2, "cn", "一、", "青溪县某企业", False, None, 4),  # the appendix's own numbering
    ]


# ------------------------------------------------------------------ bold, Markdown, no headings

BOLD = """2026年上半年工作总结
今年以来，我们围绕年初目标扎实推进各项工作。
**强化学习。**全年组织集中学习12次，专题研讨4次。
**优化服务。**推行“一窗通办”，办件1.2万件。
**存在问题。**干部队伍年龄偏大，数字化能力不足。
**下一步打算。**下半年将加强培训。
"""


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_bold_run_in_headings_without_numbering(kind):
    doc = outline(BOLD, kind=kind)
    assert tree(doc) == [
        (3, 1, "bold", None, "强化学习", True, None, None),
        (4, 1, "bold", None, "优化服务", True, None, None),
        (5, 1, "bold", None, "存在问题", True, "problem", None),
        (6, 1, "bold", None, "下一步打算", True, "plan", None),
    ]
    assert para(doc, 3).body == "全年组织集中学习12次，专题研讨4次。"
    assert doc.title == 0 and doc.profile == "工作总结"


def test_numbered_bold_headings():
    doc = outline("关于社区工作的汇报\n**一、基本情况**\n全街道9个社区。\n**（一）强化学习。**组织学习12次。\n")
    assert tree(doc) == [
        (2, 1, "cn", "一、", "基本情况", False, "background", None),
        (4, 2, "cn_paren", "（一）", "强化学习", True, None, 2),
    ]
    assert doc.position(doc.headings[1].start) == (4, 3)  # the token, not the ** before it


MARKDOWN = """# 江州市图书馆2026年上半年工作总结

## 一、工作概况

全馆现有职工86人。

## 二、重点工作推进情况

### （一）阅读推广：做出品牌、做进人群

举办阅读活动320场。

### （二）数字化服务

上线数字阅读平台。

## 三、存在的不足

一是总分馆发展不平衡。

## 四、下半年工作计划

做好评估定级迎检。
"""


def test_markdown_headings():
    doc = outline(MARKDOWN, kind="markdown")
    assert doc.title == 0 and doc.profile == "工作总结"
    assert tree(doc) == [
        (3, 1, "md", "一、", "工作概况", False, "background", None),
        (7, 1, "md", "二、", "重点工作推进情况", False, "practice", None),
        (9, 2, "md", "（一）", "阅读推广：做出品牌、做进人群", False, None, 7),
        (13, 2, "md", "（二）", "数字化服务", False, None, 7),
        (17, 1, "md", "三、", "存在的不足", False, "problem", None),
        (19, 2, "yishi", "一是", "总分馆发展不平衡", True, None, 17),
        (21, 1, "md", "四、", "下半年工作计划", False, "plan", None),
    ]
    assert doc.position(doc.headings[0].start) == (3, 4)


def test_markdown_headings_without_numbering():
    doc = outline("# 2026年工作总结\n## 基本情况\n全县学校12所。\n## 存在问题\n### 队伍\n老化。\n", kind="markdown")
    assert [(h.level, h.text, h.role) for h in doc.headings] == [
        (1, "基本情况", "background"), (1, "存在问题", "problem"), (2, "队伍", None)]


def test_report_without_headings():
    text = ("在全县安全生产工作会议上的表态发言\n"
            "尊敬的各位领导：\n"
            "今年以来，我们认真落实安全生产责任制，全县未发生较大以上安全事故。\n"
            "下一步，我们将持续开展隐患排查整治，坚决守住安全底线。\n")
    doc = outline(text)
    assert doc.headings == []
    assert doc.title == 0
    assert [p.line for p in doc.content_paragraphs] == [2, 3, 4]
    assert all(p.section is None for p in doc.paragraphs)


# ------------------------------------------------------------------ profiles

PROFILES = [
    ("工作汇报", "关于全县农村公路建设情况的汇报\n一、基本情况\n内容。\n二、主要做法\n内容。\n"
                 "三、存在的问题\n内容。\n四、下一步工作安排\n内容。\n"),
    ("工作总结", "城关街道2026年上半年工作总结\n一、主要工作\n内容。\n二、存在的问题\n内容。\n"
                 "三、下半年工作打算\n内容。\n"),
    ("述职报告", "2026年度述职述廉报告\n一、加强学习，提高履职能力\n内容。\n二、履职情况\n内容。\n"
                 "三、廉洁自律方面\n内容。\n四、存在的不足\n内容。\n五、今后努力方向\n内容。\n"),
    ("经验交流材料", "小驿站撬动大就业\n——白沙区建设零工市场的做法与体会\n一、主要做法\n内容。\n"
                     "二、取得的成效\n内容。\n三、几点体会\n内容。\n"),
    ("调研报告", "关于乡村民宿发展情况的调研报告\n一、基本情况\n内容。\n二、存在的主要问题\n内容。\n"
                 "三、对策建议\n内容。\n"),
    ("情况报告", "关于节假日文旅场所安全检查情况的报告\n一、检查基本情况\n内容。\n二、发现的主要问题\n内容。\n"
                 "三、下一步打算\n内容。\n"),
    ("党建工作汇报", "机关党委2026年党建工作汇报\n一、品牌由来\n内容。\n二、主要做法\n内容。\n"
                     "三、品牌成效\n内容。\n"),
]


@pytest.mark.parametrize("name, text", PROFILES, ids=[p[0] for p in PROFILES])
def test_profile_detection(name, text):
    doc = outline(text)
    assert doc.profile == name
    assert 0.5 <= doc.profile_confidence <= 0.99


def test_profile_forced():
    text = PROFILES[1][1]
    doc = outline(text, profile="述职报告")
    assert (doc.profile, doc.profile_confidence) == ("述职报告", 1.0)
    assert [h.role for h in doc.headings] == ["practice", "problem", "plan"]


def test_sub_headings_inherit_unless_they_name_a_section():
    text = ("关于农村电信网络诈骗的调研报告\n"
            "一、基本态势\n（一）涉诈“两卡”问题向农村蔓延\n内容。\n"
            "二、问题和建议\n（一）存在的主要问题\n内容。\n（二）对策建议\n内容。\n（三）困难群体兜底\n内容。\n")
    doc = outline(text)
    assert [(h.text, h.role) for h in doc.headings] == [
        ("基本态势", "background"), ("涉诈“两卡”问题向农村蔓延", None), ("问题和建议", "suggestion"),
        ("存在的主要问题", "problem"), ("对策建议", "suggestion"), ("困难群体兜底", None)]
    assert doc.role_of(para(doc, 4)) == "background"


# ------------------------------------------------------------------ reportlint outline

SMALL = ("城关街道2026年上半年工作总结\n"
         "——在街道半年工作会上的汇报\n"
         "一、主要工作\n"
         "（一）抓实党建引领。组织在职党员到社区报到320人。\n"
         "（二）抓细民生服务。新建老年助餐点3个。\n"
         "二、存在的问题\n"
         "一是队伍年龄偏大。\n"
         "二是经费保障不足。\n"
         "三、下一步打算\n"
         "下半年将加强社区工作者培训。\n")


def test_outline_command_text(tmp_path, capsys):
    p = tmp_path / "总结.txt"
    p.write_text(SMALL, encoding="utf-8")
    assert main(["outline", str(p)]) == 0
    assert capsys.readouterr().out == (
        "城关街道2026年上半年工作总结\n"
        "├── 副标题：——在街道半年工作会上的汇报\n"
        "├── 一、主要工作  〔主要做法〕  第3行 · 0段\n"
        "│   ├── （一）抓实党建引领  第4行 · 1段 · 段首标题\n"
        "│   └── （二）抓细民生服务  第5行 · 1段 · 段首标题\n"
        "├── 二、存在的问题  〔存在的问题〕  第6行 · 0段\n"
        "│   ├── 一是队伍年龄偏大  第7行 · 1段 · 段首标题\n"
        "│   └── 二是经费保障不足  第8行 · 1段 · 段首标题\n"
        "└── 三、下一步打算  〔下一步打算〕  第9行 · 1段\n"
        "报告类型：工作总结（置信度 99%）；年份：2026；正文段落 5 段\n")


def test_outline_command_json(tmp_path, capsys):
    p = tmp_path / "总结.txt"
    p.write_text(SMALL, encoding="utf-8")
    assert main(["outline", str(p), "--format", "json"]) == 0

    def node(level, style, numbering, text, runin, role, line, paragraphs, children=()):
        return {"level": level, "style": style, "numbering": numbering, "text": text, "runin": runin,
                "role": role, "line": line, "column": 1, "paragraphs": paragraphs, "children": list(children)}

    assert json.loads(capsys.readouterr().out) == {
        "path": str(p), "title": "城关街道2026年上半年工作总结", "subtitle": "——在街道半年工作会上的汇报",
        "profile": "工作总结", "profile_confidence": 0.99, "year": 2026, "paragraphs": 5,
        "headings": [
            node(1, "cn", "一、", "主要工作", False, "practice", 3, 0, [
                node(2, "cn_paren", "（一）", "抓实党建引领", True, None, 4, 1),
                node(2, "cn_paren", "（二）", "抓细民生服务", True, None, 5, 1)]),
            node(1, "cn", "二、", "存在的问题", False, "problem", 6, 0, [
                node(2, "yishi", "一是", "队伍年龄偏大", True, None, 7, 1),
                node(2, "yishi", "二是", "经费保障不足", True, None, 8, 1)]),
            node(1, "cn", "三、", "下一步打算", False, "plan", 9, 1),
        ]}


def test_outline_command_profile_option(tmp_path, capsys):
    p = tmp_path / "总结.txt"
    p.write_text(SMALL, encoding="utf-8")
    assert main(["outline", str(p), "--format", "json", "--profile", "工作汇报"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["profile"], data["profile_confidence"]) == ("工作汇报", 1.0)


def test_outline_command_no_headings(tmp_path, capsys):
    p = tmp_path / "发言.txt"
    p.write_text("表态发言\n我们将坚决完成任务。\n", encoding="utf-8")
    assert main(["outline", str(p)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "表态发言"
    assert out.splitlines()[-1] == "未识别到任何小标题。"


def test_outline_command_missing_file(tmp_path, capsys):
    missing = str(tmp_path / "缺.txt")
    assert main(["outline", missing]) == 2
    assert capsys.readouterr().err == f"reportlint：{missing}：文件不存在。\n"
