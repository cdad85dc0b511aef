"""Older word-processor formats (.doc, .wps, .rtf, .odt): converted to .docx by LibreOffice.

LibreOffice (``soffice``; Debian package ``libreoffice-writer-nogui``) runs headless on a copy
of the file in a private temporary folder, with a throw-away user profile (so that two
conversions never share one) and a time limit; the .docx it writes is read by the Word reader.
Without LibreOffice the error says how to install it, or how to convert the file by hand.
The input file is never modified. ``REPORTLINT_SOFFICE`` may name the program explicitly.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from ..errors import InputError
from .base import CONVERT_HINT, MAX_PARAGRAPHS, Reader

SUFFIXES = frozenset({".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt"})
TIMEOUT = 120  # seconds for one conversion (a normal report takes 2–5)
INSTALL = ("未安装 LibreOffice，无法转换{what}。请安装后重试：Debian/Ubuntu 运行 "
           "sudo apt-get install libreoffice-writer-nogui；Windows 或 macOS 从 libreoffice.org 下载安装，"
           "并确保 soffice 在 PATH 中；或者{how}。")


def find_soffice() -> str | None:
    explicit = os.environ.get("REPORTLINT_SOFFICE")
    if explicit:
        return explicit if os.path.isfile(explicit) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: str, outdir: str, timeout: float | None = None) -> str:
    """Convert ``path`` into ``outdir``/input.docx and return that path. Raises :class:`InputError`."""
    suffix = os.path.splitext(path)[1].lower()
    what, how = CONVERT_HINT.get(suffix, ("此文件", ""))
    program = find_soffice()
    if program is None:
        raise InputError(INSTALL.format(what=what, how=how.format(name=os.path.basename(path))), path)
    copy = os.path.join(outdir, "input" + suffix)
    try:
        shutil.copyfile(path, copy)
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", path) from None
    profile = os.path.join(outdir, "profile")
    cmd = [program, "--headless", "--norestore", "--nologo", f"-env:UserInstallation=file://{profile}",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", outdir, copy]
    timeout = timeout or TIMEOUT
    try:
        returncode = _run(cmd, timeout, outdir)
    except subprocess.TimeoutExpired:
        raise InputError(f"用 LibreOffice 转换{what}超时（超过 {timeout:.0f} 秒），文件可能已损坏或过于复杂；"
                         f"请{how.format(name=os.path.basename(path))}。", path) from None
    except OSError as exc:
        raise InputError(f"无法运行 LibreOffice（{exc.strerror or exc}）。", path) from None
    result = os.path.join(outdir, "input.docx")
    if returncode != 0 or not os.path.isfile(result):
        raise InputError(f"LibreOffice 无法转换这个{what}（文件可能已损坏，或不是它的扩展名所说的格式）；"
                         f"请{how.format(name=os.path.basename(path))}。", path)
    return result


def _run(cmd: list[str], timeout: float, cwd: str) -> int:
    """Run the converter in its own process group; on timeout the whole group is killed."""
    import signal

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                            env=dict(os.environ, HOME=cwd), start_new_session=True)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:  # pragma: no cover - already gone
            pass
        proc.wait()
        raise


def read_office(path: str, max_paragraphs: int = MAX_PARAGRAPHS):
    from .docx import read_docx

    with tempfile.TemporaryDirectory(prefix="reportlint-convert-") as tmp:
        converted = convert_to_docx(path, tmp)
        try:
            source = read_docx(converted, max_paragraphs)
        except InputError as exc:
            raise InputError(exc.message, path) from None
    source.path = path
    return source


READER = Reader("office", SUFFIXES, read_office,
                fix_refusal="旧版 Word、WPS、RTF、ODT 文件不能自动修正；可用 --annotate 生成带批注和修订的 .docx 副本。")
