"""Make the screenshots shown in the README (docs/*.png).

    .venv/bin/python docs/make_screenshots.py

* ``batch.png`` / ``summary.png``: the batch and summary HTML pages in headless Chromium
  (``benchmarks/screenshot_html.py``; Debian ``chromium`` and ``fonts-noto-cjk``);
* ``summary-charts.png``: the charts further down the summary page (its sections from 段落类型
  to 长度分布, cut out of the same page so the picture starts at them);
* ``annotated.png``: a short example report (written here) annotated with ``check --annotate``,
  converted to PDF by LibreOffice headless and the first page to PNG with ``pdftoppm``
  (Debian ``libreoffice-writer-nogui``, ``poppler-utils``) — what a reviewer sees in Word or WPS.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")

EXAMPLE = [
    ("关于2026年上半年社区服务中心工作情况的汇报", "Title"),
    ("一、基本情况", "Heading 1"),
    ("今年上半年，中心围绕“便民、惠民”目标,共开展上门服务XX次，走访独居老人××户，"
     "组织志愿者培训3期。25年底启动的适老化改造已完成大半。", None),
    ("二、主要做法", "Heading 1"),
    ("一是建立网格联络员制度，每个网格明确一名联络员。二是开通24小时服务热线,及时回应群众诉求。", None),
    ("三、存在的问题", "Heading 1"),
    ("志愿者队伍年龄偏大，专业服务能力不足。", None),
    ("四、下一步打算", "Heading 1"),
    ("下半年将扩大服务覆盖面，力争年底前实现辖区独居老人走访全覆盖。", None),
]


def _shots():
    spec = importlib.util.spec_from_file_location("screenshot_html", os.path.join(ROOT, "benchmarks",
                                                                                 "screenshot_html.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def example_docx(path: str) -> None:
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    for style, font in (("Normal", "仿宋"), ("Title", "黑体"), ("Heading 1", "黑体")):
        rpr = d.styles[style].element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)
    for text, style in EXAMPLE:
        d.add_paragraph(text, style=style)
    d.save(path)


def annotated_png(out_png: str, work: str) -> None:
    from reportlint import cli

    src = os.path.join(work, "社区汇报.docx")
    example_docx(src)
    annotated = os.path.join(work, "社区汇报.批注.docx")
    cli.main(["check", src, "--annotate", "-o", annotated, "--isolated", "-q", "--format", "concise"])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to",
                    'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}',
                    "--outdir", work, annotated], check=True, capture_output=True, timeout=240)
    pdf = os.path.join(work, "社区汇报.批注.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", pdf,
                    out_png[:-4]], check=True, timeout=120)


def section_page(html_path: str, out_path: str, first: str, stop: str) -> str:
    """A copy of the page holding only its sections from ``<h2 id=first>`` up to ``<h2 id=stop>``."""
    with open(html_path, encoding="utf-8") as fh:
        page = fh.read()
    body = page.index(">", page.index("<body")) + 1
    cut = page[:body] + page[page.index(f'<h2 id="{first}">'):page.index(f'<h2 id="{stop}">')] + \
        page[page.index("</body>"):]
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write(cut)
    return out_path


def main() -> int:
    shots = _shots()
    with tempfile.TemporaryDirectory(prefix="reportlint-shots-") as work:
        os.environ.setdefault("REPORTLINT_CACHE", os.path.join(work, "cache"))
        os.chdir(work)  # relative paths on the page, as a reviewer running it in their folder sees
        inbox = "收件箱"
        shutil.copytree(os.path.join(ROOT, "corpora", "reports", "work-report"), inbox)
        with open(os.path.join(inbox, "扫描件.pdf"), "wb") as fh:
            fh.write(b"%PDF-1.4\n")
        shutil.copytree(os.path.join(ROOT, "corpora", "reports"), "历年报告")
        batch_html, summary_html = shots.build_pages(work, batch_src=inbox, summary_src="历年报告")
        shots.screenshot(batch_html, os.path.join(DOCS, "batch.png"), size="1100,900")
        shots.screenshot(summary_html, os.path.join(DOCS, "summary.png"), size="1100,1100")
        charts = section_page(summary_html, os.path.join(work, "charts.html"), "labels", "density")
        shots.screenshot(charts, os.path.join(DOCS, "summary-charts.png"), size="1000,1600")
        annotated_png(os.path.join(DOCS, "annotated.png"), work)
    for name in ("batch.png", "summary.png", "summary-charts.png", "annotated.png"):
        size = os.path.getsize(os.path.join(DOCS, name))
        print(f"docs/{name}: {size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
