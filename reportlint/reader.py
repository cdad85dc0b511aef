"""Read a report file into decoded text.

Plain text and Markdown are decoded as UTF-8 (with or without BOM), then
GB18030 (a superset of GBK/GB2312); line endings become ``\\n``. Full-width
indentation is kept, so offsets point into the text the user sees.
Word files are delegated to :mod:`reportlint.docx` (imported only then).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | DOCX_SUFFIXES
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
    return (f"不支持{what}（{suffix or '无扩展名'}）。目前支持 .txt、.md、.docx；"
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


_BINARY = ("这是二进制文件，不是文本报告。目前支持 .txt、.md、.docx；"
           "其他格式请用 Word 或 WPS 打开后另存为 .docx，或把正文另存为 .txt。")


def decode(data: bytes, path: str = "<文本>") -> tuple[str, str]:
    """Decode report bytes; return (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, enc = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            text, enc = _utf8_lenient(data[3:], "utf-8-sig")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("文件以 UTF-16 标记开头但内容无法解码。", path) from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(_BINARY, path)
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            lenient = _utf8_lenient(data, "utf-8")
            if lenient is not None:  # UTF-8 with a few broken bytes (a cut-off end, a pasted GBK character)
                text, enc = lenient
            else:
                try:
                    text, enc = data.decode("gb18030"), "gb18030"
                except UnicodeDecodeError:
                    raise InputError(
                        "无法识别文件编码（已尝试 UTF-8 与 GB18030/GBK）；请另存为 UTF-8 后再检查。", path
                    ) from None
    if _looks_binary(text):
        raise InputError(_BINARY, path)
    return normalize_newlines(text), enc


def _utf8_lenient(data: bytes, name: str) -> tuple[str, str] | None:
    """UTF-8 with undecodable bytes replaced by U+FFFD, when the rest is plainly UTF-8.

    “Plainly” means at least 10 well-formed non-ASCII characters per broken byte: a GBK file read
    as UTF-8 has almost none, a UTF-8 report cut off mid-character has hundreds.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if name == "utf-8-sig" or good >= 10 * bad:
        return text, f"{name}（{bad} 处字节无法解码，已替换为 �）"
    return None


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one report. Raises :class:`InputError` with a Chinese message."""
    if os.path.isdir(path):
        raise InputError("这是一个文件夹，不是报告文件；检查整个文件夹请用 reportlint batch。", path)
    if not os.path.exists(path):
        raise InputError("文件不存在。", path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix in CONVERT_HINT:
        if suffix in (".doc", ".wps") and _is_zip(path):  # a .docx saved with an old extension
            suffix = ".docx"
        else:
            raise InputError(unsupported_message(path), path)
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", path) from None
    if size > max_bytes:
        raise InputError(
            f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）；"
            "可用 --max-size 调整上限。",
            path,
        )
    if suffix in DOCX_SUFFIXES:
        from .docx import read_docx  # python-docx only for Word files

        return read_docx(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except PermissionError:
        raise InputError("没有读取权限。", path) from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", path) from None
    if data[:4] == b"PK\x03\x04" and suffix not in DOCX_SUFFIXES:
        raise InputError("文件内容是压缩包（可能是改了扩展名的 .docx）；请使用正确的扩展名。", path)
    text, enc = decode(data, path)
    check_paragraph_count(text, path)
    kind = "markdown" if suffix in {".md", ".markdown"} else "text"
    return Source(path=path, text=text, encoding=enc, kind=kind)


def _is_zip(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False
