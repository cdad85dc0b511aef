"""PDF reports with a text layer, read with pdfminer.six.

pdfminer groups the characters of a page into text boxes; a box is one paragraph of the
report, its visual lines joined (a Chinese line wraps without a space; a Latin word break keeps
one). Each paragraph gets ``Part("第 P 页第 L 行")`` — the page and the line of the page where
it starts — so findings point where the reader of the PDF looks. A scanned PDF (images, no
text) is a clear error: it needs text recognition (OCR) first. Encrypted or broken files are
errors naming the file. pdfminer is imported only for .pdf input.
"""
from __future__ import annotations

import re

from ..errors import InputError
from .base import MAX_PARAGRAPHS, Part, Reader, Source

SCANNED = ("这个 PDF 没有文字层（可能是扫描件或图片），无法读取文字；请先用 WPS、Adobe Acrobat 等做文字识别（OCR）"
           "后另存为 .docx，或向提交人索取 Word 原稿。")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:]$")
_PAGE_NO = re.compile(r"^\s*[-－—–]?\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*[-－—–]?\s*(?:/\s*\d{1,4})?\s*$")


def read_pdf(path: str, max_paragraphs: int = MAX_PARAGRAPHS) -> Source:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("读取 PDF 需要 pdfminer.six：pip install pdfminer.six。", path) from None
    chunks: list[str] = []
    parts: list[Part] = []
    pos = 0
    try:
        pages = extract_pages(path, laparams=LAParams(line_margin=0.4, word_margin=0.3))
        for page_no, page in enumerate(pages, 1):
            boxes = [el for el in page if isinstance(el, LTTextBox)]
            boxes.sort(key=lambda b: (-b.y1, b.x0))  # top to bottom, then left to right
            line_no = 0
            for box in boxes:
                lines = [ln.get_text().rstrip("\n") for ln in box if isinstance(ln, LTTextLine)]
                first_line = line_no + 1
                line_no += len(lines)
                text = _join(lines)
                if not text.strip() or _PAGE_NO.match(text):
                    continue
                if len(parts) >= max_paragraphs:
                    raise InputError(f"段落过多（超过 {max_paragraphs} 段）；reportlint 用于检查单篇报告，"
                                     "请拆分文件后再检查。", path)
                if chunks:
                    chunks.append("\n")
                    pos += 1
                chunks.append(text)
                parts.append(Part(pos, pos + len(text), f"第 {page_no} 页第 {first_line} 行"))
                pos += len(text)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile or broken PDF must not take the batch down
        name = type(exc).__name__
        if "Encrypt" in name or "Password" in name:
            raise InputError("PDF 已加密，无法读取文字；请提供未加密的文件或 Word 原稿。", path) from None
        raise InputError(f"无法解析 PDF（{name}），文件可能已损坏；请用 WPS 或 Word 打开后另存为 .docx 再检查。",
                         path) from None
    if not parts:
        raise InputError(SCANNED, path)
    return Source(path=path, text="".join(chunks), encoding="pdf", kind="pdf", parts=parts)


def _join(lines: list[str]) -> str:
    """Visual lines of one paragraph → one line (a space only between two Latin words)."""
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if out and _LATIN_END.search(out) and ln[0].isascii() and ln[0].isalnum():
            out += " "
        out += ln
    return out


READER = Reader("pdf", frozenset({".pdf"}), read_pdf,
                fix_refusal="PDF 文件不能自动修正；请在原稿（Word 文件）中修改。")
