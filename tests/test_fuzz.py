"""Property-based tests (hypothesis) of reader, outline, engine and formatters.

Properties: decoding arbitrary bytes either succeeds or raises InputError; building the outline of
arbitrary Unicode text, or of random mixes of headings, placeholders, template residue and prose,
never raises; every offset (paragraph, heading, sentence, finding, fix) lies inside the text and
every line/column agrees with its offset; the engine with every built-in rule never raises; the
json/jsonl/concise/text formatters never raise; a damaged .docx gives InputError or a Source.

``make test`` runs a few hundred examples per property; ``make fuzz`` sets FUZZ_EXAMPLES=10000.
"""
from __future__ import annotations

import io
import json
import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint import engine
from reportlint.errors import InputError
from reportlint.finding import SEVERITIES
from reportlint.formatters import concise, json_, text as text_fmt
from reportlint.outline import build
from reportlint.readers import Part, normalize_newlines
from reportlint.readers.text import decode
from reportlint.report import FileReport, report_for

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
settings.register_profile("reportlint-fuzz", max_examples=EXAMPLES, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ = settings(settings.get_profile("reportlint-fuzz"))
SLOW = settings(FUZZ, max_examples=max(50, EXAMPLES // 10))  # .docx parsing: ~10 ms an example


@pytest.fixture(scope="module")
def ruleset():
    from reportlint.rulecache import load_ruleset

    return load_ruleset([])


# ---------------------------------------------------------------- strategies

TOKENS = ["一、", "二、", "三、", "十一、", "一.", "二 ", "（一）", "（二）", "(三)", "（一）、", "1.", "2．", "3、",
          "１.", "（1）", "(2)", "3）", "①", "②", "第一，", "第二，", "一是", "二要", "# ", "## ", "### ", "**", "附件1：",
          "——", ""]
RESIDUE = ["××", "×", "XX", "xx", "20××年", "20XX年", "×月×日", "××县", "某某", "○○", "____", "【请填写】",
           "（此处填写具体内容）", "仅供学习交流", "下载后可编辑", "QQ：123456789", "微信：13800138000",
           "www.fanwen-example.com", "第1页 共5页", "— 3 —", "来源：某某范文网", "截止目前", "<!-- reportlint: ignore -->",
           "reportlint-disable PH001", "基本情况", "主要做法", "存在的问题", "下一步打算", "成效", "2026年", "3×4"]
PUNCT = "，。；：！？、“”‘’（）《》…—,.;:!?()[]"
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PROSE = st.text(st.one_of(HAN, st.sampled_from(list(PUNCT) + [" ", "\u3000", "\t", "0", "1", "9", "%", "a"])),
                max_size=40)
SEP = st.sampled_from(["\n", "\n", "\n", "\r\n", "\n\n", "\r", "\u3000\n"])


@st.composite
def mixed_line(draw):
    parts = [draw(st.sampled_from(TOKENS)), draw(PROSE)]
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.sampled_from(RESIDUE)))
        parts.append(draw(PROSE))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["。", "：", "；", "", "**"])))
    return "".join(parts)


@st.composite
def mixed_text(draw):
    lines = draw(st.lists(mixed_line(), max_size=25))
    out = ""
    for line in lines:
        out += line + draw(SEP)
    return normalize_newlines(out)


ANY_TEXT = st.text(max_size=300).map(normalize_newlines)


@st.composite
def word_like(draw):
    """Text plus the styles and parts the .docx reader would give (body, tables, header, text box)."""
    text = draw(mixed_text())
    styles, parts, pos, para = {}, [], 0, 0
    for n, line in enumerate(text.split("\n"), 1):
        kind = draw(st.sampled_from(["body", "body", "body", "heading", "table", "页眉", "文本框"]))
        if line.strip():
            if kind in ("body", "heading"):
                para += 1
                parts.append(Part(pos, pos + len(line), "", para))
                if kind == "heading":
                    styles[n] = ("heading", draw(st.integers(0, 3)))
            elif kind == "table":
                parts.append(Part(pos, pos + len(line), f"表格 {n}行1列", 0, True))
            else:
                parts.append(Part(pos, pos + len(line), kind))
        pos += len(line) + 1
    return text, styles, parts


# ---------------------------------------------------------------- invariants

def _position_ok(text: str, offset: int, line: int, col: int) -> None:
    assert line == text.count("\n", 0, offset) + 1
    assert col == offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_outline(doc, text: str) -> None:
    n = len(text)
    assert doc.text == text
    for i, p in enumerate(doc.paragraphs):
        assert p.index == i
        assert 0 <= p.start < p.end <= n and text[p.start:p.end] == p.text
        assert p.line == text.count("\n", 0, p.start) + 1
        if p.body_start is not None:
            assert p.start <= p.body_start <= p.end
        if p.heading is not None:
            assert doc.headings[p.heading].para == i
        for s in doc.sentences(p):
            assert p.start <= s.start <= s.end <= p.end and text[s.start:s.end] == s.text
    for i, h in enumerate(doc.headings):
        assert 0 <= h.start <= h.end <= n, h
        p = doc.paragraphs[h.para]
        assert p.start <= h.start and h.end <= p.end
        assert h.level >= 1
        assert h.parent is None or (h.parent < i and i in doc.headings[h.parent].children)
    for idx in (doc.title, doc.subtitle):
        assert idx is None or 0 <= idx < len(doc.paragraphs)
    for offset in {0, n, n // 2, n // 3, *(p.start for p in doc.paragraphs[:5])}:
        _position_ok(text, offset, *doc.position(offset))


def check_findings(doc, findings) -> None:
    text, n = doc.text, len(doc.text)
    for f in findings:
        assert f.severity in SEVERITIES and f.code and f.message
        assert 0 <= f.start <= f.end <= n
        _position_ok(text, f.start, f.line, f.column)
        _position_ok(text, f.end, f.end_line, f.end_column)
        assert f.excerpt.rstrip("…") == text[f.start:f.end][:len(f.excerpt.rstrip("…"))]
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= n
        for line, col in f.related:
            assert 1 <= line <= doc.line_count and col >= 1


def render_all(reports) -> None:
    for mod, fmt in ((json_, "json"), (json_, "jsonl"), (concise, "concise"), (text_fmt, "text")):
        out = io.StringIO()
        mod.render(reports, out, fmt=fmt, color=False)
        if fmt == "json":
            data = json.loads(out.getvalue())
            assert len(data["files"]) == len(reports)
        elif fmt == "jsonl":
            assert [json.loads(x)["path"] for x in out.getvalue().splitlines()] == [r.path for r in reports]


def full_check(text: str, ruleset, kind: str = "text", styles=None, parts=None):
    doc = build(text, path="<fuzz>", kind=kind, profiles=ruleset.profiles, styles=styles, parts=parts)
    check_outline(doc, text)
    findings = engine.check_document(doc, ruleset)
    check_findings(doc, findings)
    render_all([report_for(doc, findings, "utf-8"), FileReport("<坏文件>", error="文件已损坏。")])
    return doc, findings


# ---------------------------------------------------------------- properties

@FUZZ
@given(st.binary(max_size=400))
def test_decode_arbitrary_bytes(data):
    try:
        text, enc = decode(data, "<fuzz>")
    except InputError as exc:
        assert exc.message and exc.path == "<fuzz>"
        return
    assert "\r" not in text and enc


@FUZZ
@given(st.text(max_size=200))
def test_decode_roundtrip_of_text(s):
    """Any text saved as UTF-8 (what an editor writes) reads back, newlines normalised."""
    s = s.replace("\x00", "")
    try:
        text, _ = decode(s.encode("utf-8"), "<fuzz>")
    except InputError:  # mostly control characters: refused as binary, never a crash
        return
    assert text == normalize_newlines(s.lstrip("\ufeff")) or text == normalize_newlines(s)


@FUZZ
@given(ANY_TEXT)
def test_arbitrary_unicode(ruleset, text):
    full_check(text, ruleset)


@FUZZ
@given(mixed_text())
def test_random_report_mixes(ruleset, text):
    full_check(text, ruleset)


@FUZZ
@given(mixed_text())
def test_markdown_mixes(ruleset, text):
    full_check(text, ruleset, kind="markdown")


@FUZZ
@given(word_like())
def test_word_parts_and_styles(ruleset, case):
    """Word styles (Title level 0, heading levels) and parts: never raise, and a finding inside a
    part names it (or the paragraph number)."""
    text, styles, parts = case
    doc, findings = full_check(text, ruleset, kind="docx", styles=styles, parts=parts)
    for p in doc.paragraphs:
        if p.table or p.part:  # only body paragraphs make the outline
            assert p.heading is None
    for f in findings:
        part = next((p for p in parts if p.start <= f.start < p.end), None)
        if part is not None:
            assert f.location == (part.label or f"第 {part.para} 段")


def _docx_bytes() -> bytes:
    from docx_factory import add_abstract_numbering, add_num, add_text_box, new_document, set_numbering

    d = new_document()
    add_abstract_numbering(d, 10, [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1)])
    add_num(d, 1, 10)
    p = d.add_paragraph("基本情况", style="Heading 1")
    set_numbering(p, 1, 0)
    add_text_box(d.add_paragraph("共走访××户。"), "仅供学习交流")
    t = d.add_table(rows=2, cols=2)
    t.cell(1, 1).text = "某某"
    d.sections[0].header.paragraphs[0].text = "下载后可编辑"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


DOCX = _docx_bytes()


@st.composite
def damaged_docx(draw):
    """A damage recipe (small, so a failing example prints readably): truncate, splice or flip."""
    how = draw(st.sampled_from(["flip", "truncate", "splice"]))
    if how == "truncate":
        return how, draw(st.integers(0, len(DOCX) - 1))
    if how == "splice":
        return how, (draw(st.integers(0, len(DOCX))), draw(st.binary(min_size=1, max_size=64)))
    return how, draw(st.lists(st.tuples(st.integers(0, len(DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8))


def apply_damage(recipe) -> bytes:
    how, arg = recipe
    if how == "truncate":
        return DOCX[:arg]
    if how == "splice":
        at, junk = arg
        return DOCX[:at] + junk + DOCX[at:]
    data = bytearray(DOCX)
    for i, b in arg:
        data[i] = b
    return bytes(data)


@SLOW
@given(damaged_docx())
def test_damaged_docx(recipe):
    from reportlint.readers import read_path

    fd, path = tempfile.mkstemp(suffix=".docx")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(apply_damage(recipe))
        try:
            src = read_path(path)
        except InputError as exc:
            assert exc.message and exc.path == path
            return
        n = len(src.text)
        for p in src.parts:
            assert 0 <= p.start < p.end <= n and src.text[p.start:p.end].strip()
        assert all(1 <= line <= src.text.count("\n") + 1 for line in src.styles)
    finally:
        os.unlink(path)


FORMATS = ["decimal", "chineseCounting", "chineseCountingThousand", "ideographTraditional", "ideographZodiac",
           "decimalEnclosedCircle", "decimalEnclosedParen", "upperRoman", "lowerLetter", "chineseLegalSimplified",
           "decimalFullWidth", "decimalZero", "bullet", "none", "nonsense", ""]
LVL_TEXT = st.lists(st.sampled_from(list("%0123456789、.（）() ") + ["%1", "%2", "%9"]), max_size=8).map("".join)


@st.composite
def numbering_case(draw):
    """Random numbering definitions (bad references, odd levels and texts) and paragraph uses."""
    from reportlint.readers.docx_numbering import W

    ns = W[1:-1]
    abstracts = []
    for a in range(draw(st.integers(0, 3))):
        lvls = "".join(
            f'<w:lvl w:ilvl="{draw(st.integers(-1, 10))}"><w:start w:val="{draw(st.integers(-2, 30))}"/>'
            f'<w:numFmt w:val="{draw(st.sampled_from(FORMATS))}"/>'
            f'<w:lvlText w:val="{draw(LVL_TEXT).replace("&", "")}"/>'
            + (f'<w:lvlRestart w:val="{draw(st.integers(0, 9))}"/>' if draw(st.booleans()) else "")
            + ('<w:isLgl/>' if draw(st.booleans()) else "") + "</w:lvl>"
            for _ in range(draw(st.integers(0, 4))))
        abstracts.append(f'<w:abstractNum w:abstractNumId="{a}">{lvls}</w:abstractNum>')
    nums = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        over = "".join(f'<w:lvlOverride w:ilvl="{draw(st.integers(-1, 9))}"><w:startOverride '
                       f'w:val="{draw(st.integers(-1, 9))}"/></w:lvlOverride>' for _ in range(draw(st.integers(0, 2))))
        nums.append(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{draw(st.integers(0, 4))}"/>{over}</w:num>')
    xml = f'<w:numbering xmlns:w="{ns}">{"".join(abstracts)}{"".join(nums)}</w:numbering>'
    uses = draw(st.lists(st.tuples(st.sampled_from(["0", "1", "2", "3", "4", "9", "x", ""]), st.integers(-2, 12)),
                         max_size=30))
    return xml, uses


@FUZZ
@given(numbering_case())
def test_numbering_never_raises(case):
    from lxml import etree

    from reportlint.readers.docx_numbering import Numbering

    xml, uses = case
    numbering = Numbering(etree.fromstring(xml))
    for num_id, ilvl in uses:
        label = numbering.next_label(num_id, ilvl)
        assert isinstance(label, str) and "\n" not in label
