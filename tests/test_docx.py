"""Word files: text, parts, styles, automatic numbering, fonts, and the findings' locations.

Every .docx is built here with python-docx (numbering, text boxes and watermarks with its
low-level XML API, see docx_factory.py)."""
from __future__ import annotations

import pytest

from docx_factory import (add_abstract_numbering, add_deleted_and_inserted, add_num, add_text_box,
                          add_vml_watermark, link_style_numbering, new_document, set_east_asian_font,
                          set_numbering)
from reportlint.readers.docx_numbering import Numbering, chinese, format_number
from reportlint.readers import read_path
from reportlint.options import Options
from reportlint.report import build_document, check_path
from reportlint.rulefile import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules(verify=False)  # examples are verified by the rule tests


def findings(path, rules, select):
    rep = check_path(str(path), rules, Options(select=select))
    assert rep.error is None, rep.error
    return [(f.code, f.line, f.location, f.excerpt) for f in rep.findings]


def heading(document, text, style=None, num=None, font=None):
    p = document.add_paragraph(style=style)
    run = p.add_run(text)
    if font:
        set_east_asian_font(run, font)
    if num:
        set_numbering(p, *num)
    return p


# ---------------------------------------------------------------- typed numbering

def test_typed_numbering(tmp_path, rules):
    """Headings typed as text in Normal style: same outline and STR findings as a .txt, but the
    findings name the Word paragraph (第 N 段), and a table does not shift that count."""
    d = new_document()
    for text in ("关于2026年上半年工作情况的汇报", "一、基本情况", "全县共有学校×所。", "二、主要做法",
                 "（一）抓队伍建设", "组织培训3次。"):
        d.add_paragraph(text)
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "培训", "3次"
    for text in ("（三）抓制度建设", "制定制度5项。", "四、下一步打算", "继续抓好落实。"):
        d.add_paragraph(text)
    path = tmp_path / "typed.docx"
    d.save(path)

    src = read_path(str(path))
    assert src.kind == "docx"
    assert src.text.split("\n") == [
        "关于2026年上半年工作情况的汇报", "一、基本情况", "全县共有学校×所。", "二、主要做法", "（一）抓队伍建设",
        "组织培训3次。", "培训", "3次", "（三）抓制度建设", "制定制度5项。", "四、下一步打算", "继续抓好落实。"]
    assert src.styles == {}  # Normal style: the typed numbers alone make the outline
    doc = build_document(src, rules, Options())
    assert [(h.level, h.token.token, h.text) for h in doc.headings] == [
        (1, "一、", "基本情况"), (1, "二、", "主要做法"), (2, "（一）", "抓队伍建设"), (2, "（三）", "抓制度建设"),
        (1, "四、", "下一步打算")]
    assert findings(path, rules, ["PH", "STR003"]) == [
        ("PH001", 3, "第 3 段", "×"),
        ("STR003", 9, "第 7 段", "（三）"),  # the table's two cells are not body paragraphs
        ("STR003", 11, "第 9 段", "四、"),
    ]


# ---------------------------------------------------------------- automatic numbering

def _auto_numbered(tmp_path):
    d = new_document()
    add_abstract_numbering(d, 10, [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1),
                                   ("decimal", "%3.", 1)])
    add_num(d, 1, 10)
    d.add_paragraph("关于2026年上半年工作情况的汇报", style="Title")
    heading(d, "基本情况", "Heading 1", (1, 0), "黑体")
    d.add_paragraph("全县共有学校××所。")
    heading(d, "工作进展", "Heading 2", (1, 1), "楷体")
    d.add_paragraph("完成年度任务的60%。")
    heading(d, "存在不足", "Heading 2", (1, 1), "宋体")  # level 2 in 宋体: STR013 (info)
    d.add_paragraph("还有差距。")
    heading(d, "主要做法", "Heading 1", (1, 0), "黑体")
    heading(d, "抓队伍", "Heading 2", (1, 1), "楷体")  # （一） again: lower level reset
    heading(d, "每月集中学习", None, (1, 2))
    heading(d, "每季度考核", None, (1, 2))
    path = tmp_path / "auto.docx"
    d.save(path)
    return path


def test_automatic_numbering_text_and_outline(tmp_path, rules):
    """Word's automatic numbering (not in the paragraph text) is rebuilt: 一、（一）1. with lower
    levels restarting under each higher one; heading styles give the levels and the Title."""
    path = _auto_numbered(tmp_path)
    src = read_path(str(path))
    assert src.text.split("\n") == [
        "关于2026年上半年工作情况的汇报", "一、基本情况", "全县共有学校××所。", "（一）工作进展", "完成年度任务的60%。",
        "（二）存在不足", "还有差距。", "二、主要做法", "（一）抓队伍", "1.每月集中学习", "2.每季度考核"]
    assert src.styles == {1: ("Title", 0), 2: ("heading 1", 1), 4: ("heading 2", 2), 6: ("heading 2", 2),
                          8: ("heading 1", 1), 9: ("heading 2", 2)}
    doc = build_document(src, rules, Options())
    assert doc.title == 0
    assert [(h.level, h.style, h.token.token if h.token else None, h.text) for h in doc.headings] == [
        (1, "word", "一、", "基本情况"), (2, "word", "（一）", "工作进展"), (2, "word", "（二）", "存在不足"),
        (1, "word", "二、", "主要做法"), (2, "word", "（一）", "抓队伍"),
        (3, "arabic", "1.", "每月集中学习"), (3, "arabic", "2.", "每季度考核")]


def test_automatic_numbering_findings(tmp_path, rules):
    """Exact findings: the placeholder in 第 3 段, the 宋体 level-2 heading (GB/T 9704 wants 楷体),
    and no numbering complaints (the rebuilt numbers are consecutive)."""
    path = _auto_numbered(tmp_path)
    assert findings(path, rules, ["PH", "WM", "STR003", "STR004", "STR005", "STR006", "STR013"]) == [
        ("PH001", 3, "第 3 段", "××"),
        ("STR013", 6, "第 6 段", "（二）存在不足"),
    ]
    rep = check_path(str(path), rules, Options(select=["STR013"]))
    assert rep.findings[0].severity == "info"
    assert rep.findings[0].message == "二级标题“存在不足”用的是“宋体”，公文格式一般用楷体"


def test_style_linked_numbering_and_restart(tmp_path, rules):
    """Numbering bound to the Heading 1 style; a second instance of one abstract list continues it
    (as Word does), an instance with startOverride restarts it, a new abstract list starts at 1."""
    d = new_document()
    add_abstract_numbering(d, 20, [("chineseCounting", "%1、", 1)])
    add_abstract_numbering(d, 21, [("decimal", "%1.", 1)])
    add_abstract_numbering(d, 22, [("decimalEnclosedCircle", "%1", 1)])
    add_num(d, 5, 20)
    add_num(d, 6, 21)
    add_num(d, 7, 21)  # same abstract, no override: continues
    add_num(d, 8, 21, {0: 1})  # restart at 1
    add_num(d, 9, 22)
    link_style_numbering(d, "Heading 1", 5, 0)
    d.add_paragraph("基本情况", style="Heading 1")
    for text, num in (("甲", 6), ("乙", 6), ("丙", 7), ("丁", 8), ("戊", 8), ("己", 9)):
        heading(d, text, None, (num, 0))
    d.add_paragraph("主要做法", style="Heading 1")
    path = tmp_path / "linked.docx"
    d.save(path)
    assert read_path(str(path)).text.split("\n") == [
        "一、基本情况", "1.甲", "2.乙", "3.丙", "1.丁", "2.戊", "①己", "二、主要做法"]


def test_number_formats():
    assert [chinese(n) for n in (1, 9, 10, 12, 20, 99, 100, 101, 110)] == [
        "一", "九", "十", "十二", "二十", "九十九", "一百", "一百零一", "一百一十"]
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(12, "decimalEnclosedCircle") == "⑫"
    assert format_number(3, "decimalFullWidth") == "３"
    assert format_number(28, "upperLetter") == "AB"
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(3, "chineseLegalSimplified") == "叁"
    assert Numbering(None).next_label("1", 0) == ""  # no numbering part: no label, no error


# ---------------------------------------------------------------- parts: header, table, text box

def test_header_footer_watermark(tmp_path, rules):
    """Header text and a VML watermark in the header, a footer ad: WM findings name 页眉 / 水印 /
    页脚; the same header text in a second section and on the first page is reported once."""
    d = new_document()
    d.add_paragraph("关于2026年上半年工作情况的汇报")
    d.add_paragraph("一、基本情况")
    d.add_paragraph("全年组织培训3次。")
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "仅供学习交流"
    add_vml_watermark(sec.header.add_paragraph(), "精品范文")
    sec.footer.paragraphs[0].text = "更多范文请访问 www.fanwen-example.com"
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "仅供学习交流"
    new = d.add_section()
    new.header.is_linked_to_previous = False
    new.header.paragraphs[0].text = "仅供学习交流"
    d.add_paragraph("二、下一步打算")
    path = tmp_path / "header.docx"
    d.save(path)

    src = read_path(str(path))
    labels = [(p.label, src.text[p.start:p.end]) for p in src.parts if p.label]
    assert sorted(labels) == sorted([("页眉", "仅供学习交流"), ("水印", "精品范文"),
                                     ("页脚", "更多范文请访问 www.fanwen-example.com")])
    assert findings(path, rules, ["PH", "WM"]) == [
        ("WM002", 5, "页眉", "仅供学习交流"),
        ("WM002", 6, "水印", "精品范文"),
        ("WM002", 7, "页脚", "更多范文"),
        ("WM004", 7, "页脚", "www.fanwen-example.com"),
    ]


def test_table_placeholder(tmp_path, rules):
    """Cell text is its own line, marked as table content; findings say 表格 R行C列 (grid columns,
    merged cells counted by their span); a second table is 表格2; tables never make headings."""
    d = new_document()
    d.add_paragraph("2026年上半年重点工作完成情况")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "项目"
    t.cell(0, 2).text = "完成数"
    t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "一、培训", "人次", "××"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "走访", "户", "120"
    d.add_paragraph("以上数据截至6月底。")
    t2 = d.add_table(rows=1, cols=1)
    t2.cell(0, 0).text = "负责人：某某"
    path = tmp_path / "table.docx"
    d.save(path)

    src = read_path(str(path))
    cells = [(p.label, src.text[p.start:p.end]) for p in src.parts if p.table]
    assert cells == [("表格 1行1列", "项目"), ("表格 1行3列", "完成数"), ("表格 2行1列", "一、培训"),
                     ("表格 2行2列", "人次"), ("表格 2行3列", "××"), ("表格 3行1列", "走访"),
                     ("表格 3行2列", "户"), ("表格 3行3列", "120"), ("表格2 1行1列", "负责人：某某")]
    doc = build_document(src, rules, Options())
    assert doc.headings == []  # “一、培训” in a cell is table content, not a heading
    assert [p.table for p in doc.paragraphs] == [False] + [True] * 8 + [False, True]
    assert findings(path, rules, ["PH", "WM"]) == [
        ("PH001", 6, "表格 2行3列", "××"),
        ("PH005", 11, "表格2 1行1列", "某某"),
    ]


def test_text_box(tmp_path, rules):
    """A floating text box (DrawingML with a VML fallback) is read once, after the body, as 文本框."""
    d = new_document()
    d.add_paragraph("关于2026年上半年工作情况的汇报")
    p = d.add_paragraph("全年组织培训3次。")
    add_text_box(p, "本文档由小编整理\n下载后可编辑")
    d.add_paragraph("二、下一步打算")
    path = tmp_path / "box.docx"
    d.save(path)

    src = read_path(str(path))
    assert src.text.split("\n") == ["关于2026年上半年工作情况的汇报", "全年组织培训3次。", "二、下一步打算",
                                    "本文档由小编整理", "下载后可编辑"]
    assert findings(path, rules, ["WM"]) == [
        ("WM002", 4, "文本框", "本文档由"),
        ("WM002", 4, "文本框", "小编整理"),
        ("WM002", 5, "文本框", "下载后可编辑"),
    ]


def test_runs_breaks_and_tracked_changes(tmp_path):
    """Runs join; a soft line break stays inside one Word paragraph (one 第 N 段 part); tabs stay;
    deleted tracked text is not read, inserted text is; empty paragraphs are skipped."""
    d = new_document()
    p = d.add_paragraph()
    p.add_run("今年以来，")
    p.add_run("共走访").add_break()
    p.add_run("120户。\t完成。")
    d.add_paragraph("")
    q = d.add_paragraph("共完成")
    add_deleted_and_inserted(q, "旧的", "新的任务")
    path = tmp_path / "runs.docx"
    d.save(path)
    src = read_path(str(path))
    assert src.text == "今年以来，共走访\n120户。\t完成。\n共完成新的任务"
    assert [(p.para, src.text[p.start:p.end]) for p in src.parts] == [
        (1, "今年以来，共走访\n120户。\t完成。"), (2, "共完成新的任务")]


def test_fonts_recorded_from_run_or_style(tmp_path):
    d = new_document()
    heading(d, "一、基本情况", None, None, "黑体")
    d.add_paragraph("二、主要做法", style="Heading 1")
    d.styles["Heading 1"].element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "方正小标宋简体")
    path = tmp_path / "fonts.docx"
    d.save(path)
    src = read_path(str(path))
    assert src.fonts == {1: "黑体", 2: "方正小标宋简体"}


def test_doc_extension_holding_a_docx(tmp_path, rules):
    """Template sites often serve a .docx named .doc: read what the file is."""
    d = new_document()
    d.add_paragraph("全年组织培训×次。")
    path = tmp_path / "report.doc"
    d.save(path)
    assert findings(path, rules, ["PH"]) == [("PH001", 1, "第 1 段", "×")]


def test_header_text_is_never_a_heading(tmp_path, rules):
    """Header, footer and text-box lines come after the body: they must not join the outline
    (a header “工作总结” would otherwise read as an empty last section)."""
    d = new_document()
    d.add_paragraph("关于2026年上半年工作情况的汇报")
    d.add_paragraph("一、基本情况")
    d.add_paragraph("全年组织培训3次。")
    d.sections[0].header.paragraphs[0].text = "工作总结"
    d.sections[0].footer.paragraphs[0].text = "一、内部资料"
    add_text_box(d.paragraphs[2], "下一步打算")
    path = tmp_path / "hdr.docx"
    d.save(path)
    doc = build_document(read_path(str(path)), rules, Options())
    assert [h.text for h in doc.headings] == ["基本情况"]
    assert [p.part for p in doc.paragraphs] == ["", "", "", "文本框", "页眉", "页脚"]
    assert [p.section for p in doc.paragraphs] == [None, 0, 0, None, None, None]


def test_table_cells_are_not_judged_as_section_content(tmp_path, rules):
    """A table of figures under 取得的成效 is not read as paragraphs that fail to report results
    (CLS003) or that belong elsewhere (CLS001); the real paragraph next to it still is."""
    d = new_document()
    d.add_paragraph("2026年上半年工作总结")
    d.add_paragraph("一、主要工作")
    d.add_paragraph("组织开展业务培训6期，建立周例会制度，推行“一窗通办”。")
    d.add_paragraph("二、取得的成效")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("指标", "完成"), ("培训人次", "1200"), ("办结率", "99.1%")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    d.add_paragraph("全年办结群众诉求1.2万件，办结率99.1%，群众满意度较去年提高4.3个百分点。")
    d.add_paragraph("社区获评省级“五星级党组织”，3名网格员被评为全市优秀网格员，矛盾纠纷调处成功率达到98%。")
    d.add_paragraph("召开党委会议专题研究社区治理工作，组织社区书记外出学习两次，举办网格员业务培训班，"
                    "开展“邻里节”活动，组织志愿者走访慰问困难群众。")
    path = tmp_path / "table-under-outcome.docx"
    d.save(path)
    assert [(c, loc) for c, _, loc, _ in findings(path, rules, ["CLS"])] == [("CLS001", "第 7 段")]
