"""Check that a .docx is a sane Word package before any XML parser touches it (zipfile only).

* not a zip at all: say what it really is (a renamed .txt, .doc, PDF, RTF, web page …);
* the entry count, read from the end-of-central-directory record before :mod:`zipfile` parses the
  directory (``MAX_ENTRIES``);
* the total declared uncompressed size (``MAX_UNCOMPRESSED``) and, for each entry over
  ``RATIO_FLOOR``, its compression ratio (``MAX_RATIO``): zip bombs. Declared sizes are what
  :mod:`zipfile` enforces when it reads (it stops at the declared size and checks the CRC), so a
  lying header gains nothing;
* a truncated or corrupt archive, and missing ``[Content_Types].xml`` / ``word/document.xml``.

Each failure is an :class:`~reportlint.errors.InputError` with a Chinese message naming the file.
"""
from __future__ import annotations

import os
import re
import struct
import zipfile

from ..errors import InputError

MAX_ENTRIES = 5000  # a report has 15–40 parts plus one per picture
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all parts together, as declared in the zip directory
MAX_RATIO = 100  # an entry over RATIO_FLOOR bytes may be at most this many times its packed size
RATIO_FLOOR = 1024 * 1024


def _what_is(head: bytes) -> str:
    if not head:
        return "文件是空的（0 字节），不是 Word 文档。"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("扩展名是 .docx，但内容是旧版 Word（.doc）文件或设置了打开密码的加密文件；请在 Word 或 WPS 中"
                "取消密码并“另存为”.docx，或转换：libreoffice --headless --convert-to docx 文件名。")
    if head.startswith(b"%PDF"):
        return "扩展名是 .docx，但内容是 PDF 文件；请用 WPS 或 Word 打开后另存为 .docx，或复制文字存为 .txt。"
    if head.startswith(b"{\\rtf"):
        return ("扩展名是 .docx，但内容是 RTF 文件；请在 Word 或 WPS 中另存为 .docx，"
                "或：libreoffice --headless --convert-to docx 文件名。")
    sample = head.lstrip(b"\xef\xbb\xbf")
    if sample[:1] == b"<":
        return "扩展名是 .docx，但内容是网页或 XML 文本；请在 Word 中打开后另存为 .docx。"
    try:
        sample.decode("utf-8")
        text = True
    except UnicodeDecodeError as exc:
        text = exc.start >= len(sample) - 3  # cut in the middle of a character
        if not text:
            try:
                sample.decode("gb18030")
                text = True
            except UnicodeDecodeError:
                text = False
    if text and b"\x00" not in sample:
        return ("扩展名是 .docx，但内容是纯文本，不是 Word 文档（可能是改了扩展名的 .txt）；"
                "请把扩展名改回 .txt 再检查，或在 Word 中打开后另存为 .docx。")
    return "扩展名是 .docx，但内容不是 Word 文档（不是 zip 压缩包），可能已损坏或是其他格式改了扩展名。"


def _declared_entries(fh, size: int) -> int | None:
    """Entry count from the end-of-central-directory record, before zipfile parses the directory."""
    n = min(size, 22 + 65535)
    fh.seek(size - n)
    tail = fh.read(n)
    i = tail.rfind(b"PK\x05\x06")
    if i < 0 or i + 22 > len(tail):
        return None
    total = struct.unpack("<H", tail[i + 10:i + 12])[0]
    return None if total == 0xFFFF else total  # zip64: counted after parsing


CORRUPT = ("Word 文件已损坏或不完整（压缩包结构无法读取，可能是下载或复制中断）；"
            "请重新获取原文件，或在 Word 中打开后另存为 .docx。")


def check_package(path: str) -> None:
    """Reject what is not a sane .docx package. Raises :class:`InputError`."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
            if not head.startswith(b"PK"):
                raise InputError(_what_is(head), path)
            size = os.fstat(fh.fileno()).st_size
            declared = _declared_entries(fh, size)
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", path) from None
    if declared is not None and declared > MAX_ENTRIES:
        raise InputError(_too_many(declared), path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except Exception:  # noqa: BLE001 - BadZipFile, but also NotImplementedError (a mangled version
        raise InputError(CORRUPT, path) from None  # field), ValueError, struct.error …: all “damaged”
    if len(infos) > MAX_ENTRIES:
        raise InputError(_too_many(len(infos)), path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                f"Word 文件中的“{info.filename[:60]}”压缩比异常（{info.file_size / max(info.compress_size, 1):.0f} 倍，"
                f"上限 {MAX_RATIO} 倍），可能是恶意构造的压缩包（zip 炸弹），已拒绝读取。", path)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"Word 文件解压后过大（{total / 1048576:.0f} MB，上限 {MAX_UNCOMPRESSED // 1048576} MB），"
            "可能是恶意构造的压缩包（zip 炸弹）；如确为正常文件，请压缩或删除其中的大图片后再检查。", path)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise InputError(_missing("[Content_Types].xml"), path)
    if "word/document.xml" not in names and not any(re.fullmatch(r"word/document\d*\.xml", n) for n in names):
        if any(n.startswith(("xl/", "ppt/")) for n in names):
            raise InputError("扩展名是 .docx，但内容是 Excel 或 PowerPoint 文件；请把报告正文存为 .docx 或 .txt。", path)
        raise InputError(_missing("word/document.xml"), path)


def _too_many(n: int) -> str:
    return (f"Word 文件内部条目过多（{n} 个，上限 {MAX_ENTRIES}）；正常的报告只有几十个，"
            "此文件可能是恶意构造的压缩包（zip 炸弹），已拒绝读取。")


def _missing(name: str) -> str:
    return (f"Word 文件缺少必需的部件“{name}”，不是有效的 .docx（可能已损坏，或由其他软件错误生成）；"
            "请在 Word 中打开后另存为 .docx。")
