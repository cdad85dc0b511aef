"""What every reader shares: the :class:`Source` a reader returns, its :class:`Part` marks, the
input limits, the conversion hints for formats reportlint does not read, and :class:`Reader`,
the record each format module declares (suffixes, its read function, whether its files can be
fixed in place)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from ..errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a 工作汇报 is a few dozen KB; 20 MB is generous

MAX_PARAGRAPHS = 20_000  # a report has 50–500; a 20,000-paragraph file is a compilation or an attack

_TO_DOCX = "用 Word 或 WPS 打开后“另存为”.docx，或转换：libreoffice --headless --convert-to docx “{name}”"
_EXTRACT = "请把报告正文另存为 .docx 或 .txt 后再检查"
CONVERT_HINT = {  # suffix -> (what it is, how to convert); keys are also what batch discovers
    # (office and layout formats only: images or archives beside the reports are not errors)
    ".doc": ("旧版 Word 文件", _TO_DOCX),
    ".dot": ("旧版 Word 模板", _TO_DOCX),
    ".docm": ("含宏的 Word 文件", _TO_DOCX),
    ".dotx": ("Word 模板", _TO_DOCX),
    ".wps": ("WPS 文字文件", _TO_DOCX),
    ".wpt": ("WPS 文字模板", _TO_DOCX),
    ".rtf": ("RTF 文件", _TO_DOCX),
    ".odt": ("OpenDocument 文件", _TO_DOCX),
    ".pdf": ("PDF 文件", "用 WPS 或 Word 打开后另存为 .docx，或用 pdftotext -layout “{name}” 导出为 .txt；"
                         "扫描件需先做文字识别（OCR）"),
    ".ofd": ("OFD 版式文件", "用数科 OFD 阅读器或 WPS 打开后导出为 .docx 或 .txt"),
    ".caj": ("CAJ 文件", "用 CAJViewer 打开后导出文字为 .txt"),
    ".xls": ("Excel 文件", _EXTRACT),
    ".xlsx": ("Excel 文件", _EXTRACT),
    ".et": ("WPS 表格文件", _EXTRACT),
    ".ppt": ("PowerPoint 文件", _EXTRACT),
    ".pptx": ("PowerPoint 文件", _EXTRACT),
    ".dps": ("WPS 演示文件", _EXTRACT),
}


def unsupported_message(path: str) -> str:
    """The Chinese message for a file type reportlint does not read: what it is, what is supported,
    and how to convert it."""
    suffix = os.path.splitext(path)[1].lower()
    what, how = CONVERT_HINT.get(suffix, ("此类文件", _EXTRACT))
    return (f"不支持{what}（{suffix or '无扩展名'}）。目前支持 .txt、.md、.docx、.pdf（有文字层），装有 LibreOffice 时还支持 .doc、.wps、.rtf、.odt；"
            f"{how.format(name=os.path.basename(path))}。")


def check_paragraph_count(text: str, path: str, limit: int = MAX_PARAGRAPHS) -> None:
    """Reject texts with more than ``limit`` non-blank lines (cheap when far below it)."""
    if text.count("\n") < limit:
        return
    n = sum(1 for line in text.split("\n") if line.strip())
    if n > limit:
        raise InputError(f"段落过多（{n} 段，上限 {limit} 段）；reportlint 用于检查单篇报告，请拆分文件后再检查。",
                         path)


@dataclass(frozen=True)
class Part:
    """A stretch of the text that came from a named part of a document.

    ``label`` is what findings show instead of a line number (e.g. "页眉",
    "表格 2行3列"); ``para`` is the 1-based paragraph number in a Word body.
    """

    start: int
    end: int
    label: str
    para: int = 0
    table: bool = False


@dataclass
class Source:
    path: str
    text: str
    encoding: str
    kind: str  # "text", "markdown" or "docx"
    parts: list[Part] = field(default_factory=list)
    styles: dict[int, tuple[str, int]] = field(default_factory=dict)  # line -> (style, level)
    fonts: dict[int, str] = field(default_factory=dict)  # line -> font name of first run




@dataclass(frozen=True)
class Reader:
    """One input format. ``read(path, max_paragraphs)`` returns a :class:`Source` or raises
    :class:`~reportlint.errors.InputError`; ``fix_refusal`` is None when ``check --fix`` may
    rewrite the file, else the Chinese notice shown when ``--fix``/``--diff`` only check it;
    ``sniff(head)`` (optional) recognises a file of this format saved under a legacy extension (``.doc`` that is really a .docx)."""

    name: str
    suffixes: frozenset
    read: Callable[..., Source]
    fix_refusal: str | None = None
    sniff: Callable[[bytes], bool] | None = None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
