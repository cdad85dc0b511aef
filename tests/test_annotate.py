"""``check --annotate``: Word comments on the exact characters of each finding, safe fixes as
tracked changes, the original untouched; read back with python-docx and reportlint's own reader."""
from __future__ import annotations

import hashlib
import os
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from reportlint.cli import main
from reportlint.readers.docx import read_docx

from docx_factory import add_vml_watermark, new_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _report_docx(path) -> None:
    d = new_document()
    d.add_paragraph("关于社区服务工作的汇报")
    d.add_paragraph("一、基本情况")
    p = d.add_paragraph()
    p.add_run("今年共走访群众")
    bold = p.add_run("XX户,完成")  # a finding and a fix start inside this run
    bold.bold = True
    p.add_run("率达到百分之九十。")
    d.add_paragraph("二、下一步打算")
    d.add_paragraph("下一步将继续做好入户走访工作,及时回应群众关切。")
    header = d.sections[0].header.paragraphs[0]
    add_vml_watermark(header, "仅供学习交流")
    d.save(path)


def _ranges(path) -> dict[str, str]:
    """comment id -> the text between its range markers (deleted text included, document order)."""
    with zipfile.ZipFile(path) as z:
        from lxml import etree

        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: set[str] = set()
    text: dict[str, list[str]] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            text[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag in (W + "t", W + "delText"):
            for i in open_ids:
                text[i].append(el.text or "")
    return {k: "".join(v) for k, v in text.items()}


def _body_text(path, accept: bool) -> list[str]:
    """Paragraph texts with every revision accepted (w:ins kept, w:del dropped) or rejected."""
    d = docx.Document(str(path))
    out = []
    for p in d.paragraphs:
        parts = []
        for el in p._p.iter():
            anc = {a.tag for a in el.iterancestors()}
            if el.tag == W + "t" and (accept or W + "ins" not in anc):
                parts.append(el.text or "")
            elif el.tag == W + "delText" and not accept:
                parts.append(el.text or "")
        out.append("".join(parts))
    return out


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "汇报.docx"
    _report_docx(path)
    return path


def test_annotate_comments_anchor_on_each_finding(report, capsys):
    before = hashlib.sha256(report.read_bytes()).hexdigest()
    code = main(["check", str(report), "--annotate", "--select", "PH,PU001,WM", "--format", "concise",
                 "--isolated"])
    out, err = capsys.readouterr()
    assert code == 1
    assert hashlib.sha256(report.read_bytes()).hexdigest() == before  # the original is untouched
    target = report.with_name("汇报.批注.docx")
    assert f"已写入 {target}（4 条批注，2 处修订）" in err
    assert out.splitlines() == [
        f"{report}:3:8(第 3 段): PH002 错误 “XX”像是模板中代替数字或名称的占位符，请填写实际内容",
        f"{report}:3:11(第 3 段): PU001 错误 中文里用了半角标点“,”，应为全角“，” [可修正]",
        f"{report}:5:15(第 5 段): PU001 错误 中文里用了半角标点“,”，应为全角“，” [可修正]",
        f"{report}:6:1(水印): WM002 错误 “仅供学习交流”是模板网站的水印或声明，请删除",
    ]
    d = docx.Document(str(target))
    comments = {str(c.comment_id): c for c in d.comments}
    assert [(c.author, c.initials) for c in comments.values()] == [("reportlint", "RL")] * 4
    texts = sorted(c.text for c in comments.values())
    assert texts == sorted([
        "“XX”像是模板中代替数字或名称的占位符，请填写实际内容（PH002 用字母X代替的数字或名称，错误）",
        "中文里用了半角标点“,”，应为全角“，”（PU001 中文里的半角逗号、句号、分号、冒号，错误）",
        "中文里用了半角标点“,”，应为全角“，”（PU001 中文里的半角逗号、句号、分号、冒号，错误）",
        "【水印】“仅供学习交流”是模板网站的水印或声明，请删除（WM002 模板水印文字，错误）",
    ])
    ranges = _ranges(target)
    anchored = sorted(ranges[i] for i in comments)
    # a fixed comma's range holds the deleted "," and the inserted "，"; the watermark (not in the
    # body) is anchored on the title
    assert anchored == sorted(["XX", ",，", ",，", "关于社区服务工作的汇报"])


def test_annotate_tracked_changes_accept_and_reject(report, capsys):
    main(["check", str(report), "--annotate", "--select", "PH,PU001", "--isolated"])
    capsys.readouterr()
    target = report.with_name("汇报.批注.docx")
    original = [p.text for p in docx.Document(str(report)).paragraphs]
    assert _body_text(target, accept=False) == original
    assert _body_text(target, accept=True) == [
        "关于社区服务工作的汇报", "一、基本情况", "今年共走访群众XX户，完成率达到百分之九十。", "二、下一步打算",
        "下一步将继续做好入户走访工作，及时回应群众关切。"]
    d = docx.Document(str(target))
    dels = d.element.body.findall(f".//{W}del")
    inss = d.element.body.findall(f".//{W}ins")
    assert [(x.get(W + "author"), "".join(t.text for t in x.iter(W + "delText"))) for x in dels] == [
        ("reportlint", ","), ("reportlint", ",")]
    assert [(x.get(W + "author"), "".join(t.text for t in x.iter(W + "t"))) for x in inss] == [
        ("reportlint", "，"), ("reportlint", "，")]
    # formatting survives the split: the characters of the bold run stay bold, the others not
    runs = [(r.text, bool(r.bold)) for r in d.paragraphs[2].runs if r.text]
    assert runs == [("今年共走访群众", False), ("XX", True), ("户", True), ("完成", True),
                    ("率达到百分之九十。", False)]
    # reportlint's reader sees the accepted text: the fixed commas are gone
    src = read_docx(str(target))
    assert "走访群众XX户，完成" in src.text and "," not in src.text


def test_annotate_text_input_makes_a_new_docx(tmp_path, capsys):
    src = tmp_path / "总结.txt"
    src.write_text("关于2026年工作的总结\n一、基本情况\n共走访××户,发放资料。\n", encoding="utf-8")
    out = tmp_path / "出" / "结果.docx"
    code = main(["check", str(src), "--annotate", "-o", str(out), "--select", "PH,PU001", "--isolated"])
    capsys.readouterr()
    assert code == 1 and out.exists()
    assert src.read_text(encoding="utf-8") == "关于2026年工作的总结\n一、基本情况\n共走访××户,发放资料。\n"
    assert _body_text(out, accept=True) == ["关于2026年工作的总结", "一、基本情况", "共走访××户，发放资料。"]
    assert sorted(_ranges(out).values()) == sorted(["××", ",，"])


def test_annotate_refuses_to_overwrite_and_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04broken")
    good = tmp_path / "好.txt"
    good.write_text("一、基本情况\n走访××户。\n", encoding="utf-8")
    code = main(["check", str(bad), str(good), "--annotate", "--isolated", "--select", "PH"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "坏.docx" in out and "损坏" in out
    assert (tmp_path / "好.批注.docx").exists() and not (tmp_path / "坏.批注.docx").exists()
    code = main(["check", str(good), "--annotate", "-o", str(good), "--isolated"])
    out, _ = capsys.readouterr()
    assert code == 2 and "批注文件不能覆盖原文件" in out


@pytest.mark.slow
def test_annotated_docx_converts_with_libreoffice(report, tmp_path, capsys):
    main(["check", str(report), "--annotate", "--isolated"])
    capsys.readouterr()
    target = report.with_name("汇报.批注.docx")
    outdir = tmp_path / "pdf"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(target)],
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    pdf = outdir / "汇报.批注.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and os.path.getsize(pdf) > 1000
