"""Plain text and Markdown reports.

Decoded as UTF-8 (with or without BOM), then GB18030 (a superset of GBK/GB2312) — the fast path.
When the GB18030 text looks wrong (too many characters a Chinese report does not use: kana, Greek,
Cyrillic, private-use or rare hanzi — what a Big5 file read as GBK gives), ``charset-normalizer``
decides; if it is still unsure, the file is an error asking for UTF-8 rather than mojibake checked
as “clean”. Line endings become ``\\n``. Full-width indentation is kept, so offsets point into
the text the user sees.
"""
from __future__ import annotations

import os
import re

from ..errors import InputError
from .base import MAX_PARAGRAPHS, Reader, Source, check_paragraph_count, normalize_newlines

_BINARY = ("这是二进制文件，不是文本报告。目前支持 .txt、.md、.docx、.pdf（有文字层），装有 LibreOffice 时还支持 .doc、.wps、.rtf、.odt；"
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
                    text = None
                if text is None or mojibake_score(text) > MOJIBAKE_LIMIT:
                    text, enc = _detect(data, path)
    if _looks_binary(text):
        raise InputError(_BINARY, path)
    return normalize_newlines(text), enc


MOJIBAKE_LIMIT = 0.05  # share of implausible characters a real GBK report stays far below
GB_CONFIRMED_LIMIT = 0.25  # when charset-normalizer also says GB18030 (Big5 read as GBK scores ~0.75)


def _plausible(ch: str) -> bool:
    """A non-ASCII character a mainland report plausibly contains: anything in GB2312 except the
    kana, Greek, Cyrillic and box-drawing rows (0xA4–0xA9), or a common full-width/CJK symbol."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return ch in "\u3000\ufeff“”‘’…—·" or "\uff01" <= ch <= "\uff5e"
    return not 0xA4 <= b[0] <= 0xA9


def mojibake_score(text: str) -> float:
    """Share of non-ASCII characters (in the first 20,000) that a Chinese report would not contain.

    >>> mojibake_score("今年以来，社区共走访120户。")
    0.0
    >>> mojibake_score("年以來，社區共走") > 0.2   # traditional text, as GBK would misread Big5 bytes
    True
    """
    sample = [ch for ch in text[:20000] if ord(ch) > 127]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if not _plausible(ch)) / len(sample)


_DETECT_OK = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "big5": "big5",
              "big5hkscs": "big5hkscs", "cp950": "cp950", "utf_8": "utf-8", "hz": None}


def _detect(data: bytes, path: str) -> tuple[str, str]:
    """The slow path: ask charset-normalizer; refuse when it cannot tell either."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "cp950", "utf_8"]).best()
    name = best.encoding if best is not None else None
    codec = _DETECT_OK.get(name or "")
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        # GB18030 confirmed by the detector: accept a few rare characters, not a page of mojibake
        if text is not None and (codec != "gb18030" or mojibake_score(text) <= GB_CONFIRMED_LIMIT):
            return text, codec
    raise InputError("无法识别文件编码（按 GBK/GB18030 解码后出现大量乱码字符，自动识别也无法确定）；"
                     "请用记事本或 WPS 打开后“另存为”UTF-8 编码再检查。", path)


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


_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")  # control characters other than \t\n\v\f\r, and U+FFFD


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_BINARY_CHARS.findall(sample)) / len(sample) > 0.02


def read_text(path: str, max_paragraphs: int = MAX_PARAGRAPHS) -> Source:
    """Read a plain-text or Markdown report (any file no other reader claims)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except PermissionError:
        raise InputError("没有读取权限。", path) from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", path) from None
    if data[:4] == b"PK\x03\x04":
        raise InputError("文件内容是压缩包（可能是改了扩展名的 .docx）；请使用正确的扩展名。", path)
    text, enc = decode(data, path)
    check_paragraph_count(text, path, max_paragraphs)
    kind = "markdown" if os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES else "text"
    return Source(path=path, text=text, encoding=enc, kind=kind)


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
READER = Reader("text", frozenset({".txt", ".md", ".markdown", ".text"}), read_text)
