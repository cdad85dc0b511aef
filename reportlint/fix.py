"""``check --fix`` and ``--diff``: apply the safe automatic fixes to a text report.

Only fixes whose applicability is ``safe`` are applied (``--unsafe-fixes`` adds the ``unsafe``
ones; see :class:`reportlint.finding.Fix`: the rule file's ``fix: safe`` is lowered to unsafe where
the edit would cut into a word or matches the rule's ``unsafe_fix``), and only when they are
unambiguous: two different replacements for the same span are both left alone;
overlapping fixes are applied one per pass (leftmost, then longest first) and the
text is checked again, until nothing is left to fix. A fix never touches a line
break, so the original line endings (LF, CRLF or CR, even mixed), the encoding
(UTF-8, UTF-8 with BOM, UTF-16, GB18030) and the BOM are restored byte for byte
outside the changed characters.

Writing is atomic: a temporary file in the same folder, then ``os.replace``; the
original is kept as ``FILE.bak`` unless ``backup`` is false. A read-only file is
refused before anything is written. Word files are not rewritten (their text is rebuilt from XML):
the refusal is said on stderr, the file is checked as usual, and ``--annotate`` offers the fixes
as tracked changes instead.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import stat
import sys
import tempfile

from .errors import InputError, ReportlintError
from .finding import Fix
from .report import FileReport, build_document, check_document, report_for

MAX_PASSES = 10
_EOL = re.compile(r"\r\n|\r|\n")
_CODECS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "big5": "big5",
           "big5hkscs": "big5hkscs", "cp950": "cp950"}


# ---------------------------------------------------------------- choosing fixes

def safe_fixes(findings, ruleset, unsafe: bool = False) -> list[Fix]:
    """The fixes one pass may apply: safe (or, with ``unsafe``, unsafe too), unambiguous,
    non-overlapping, never across a line break."""
    rules = ruleset.by_code()
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    cands: dict[tuple[int, int], set[str]] = {}
    for f in findings:
        rule = rules.get(f.code)
        fx = f.fix
        if fx is None or rule is None or not rule.fixable or fx.applicability not in allowed:
            continue
        if "\n" in fx.replacement or fx.end < fx.start:
            continue
        cands.setdefault((fx.start, fx.end), set()).add(fx.replacement)
    chosen: list[Fix] = []
    end = -1
    for (s, e), repl in sorted(cands.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if len(repl) != 1:
            continue  # two rules disagree about the same text: ambiguous
        if s < end:
            continue  # overlaps a fix already chosen: left for the next pass
        chosen.append(Fix(s, e, next(iter(repl)), _applicability(findings, s, e)))
        end = max(end, e)
    return chosen


def _applicability(findings, s: int, e: int) -> str:
    apps = {f.fix.applicability for f in findings if f.fix is not None and (f.fix.start, f.fix.end) == (s, e)}
    return "safe" if apps == {"safe"} else "unsafe"


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    parts, pos = [], 0
    for fx in sorted(fixes, key=lambda f: (f.start, f.end)):
        parts.append(text[pos:fx.start])
        parts.append(fx.replacement)
        pos = fx.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(source, ruleset, opts, unsafe: bool = False):
    """Fix ``source.text`` until no safe fix (with ``unsafe``: no fix) is left.

    Returns (fixed text, number of fixes applied, first (doc, findings), last (doc, findings)).
    """
    from .readers import Source

    text, applied, seen = source.text, 0, {source.text}
    first = last = None
    for _ in range(MAX_PASSES):
        src = Source(source.path, text, source.encoding, source.kind)
        doc = build_document(src, ruleset, opts)
        findings = check_document(doc, ruleset, opts)
        last = (doc, findings)
        if first is None:
            first = last
        fixes = [fx for fx in safe_fixes(findings, ruleset, unsafe)
                 if "\n" not in text[fx.start:fx.end] and text[fx.start:fx.end] != fx.replacement]
        if not fixes:
            break
        new = apply_fixes(text, fixes)
        if new in seen:  # a cycle between rules: stop where we are
            break
        seen.add(new)
        text, applied = new, applied + len(fixes)
    else:  # pragma: no cover - more passes than MAX_PASSES
        src = Source(source.path, text, source.encoding, source.kind)
        doc = build_document(src, ruleset, opts)
        last = (doc, check_document(doc, ruleset, opts))
    return text, applied, first, last


# ---------------------------------------------------------------- bytes in, bytes out

def _decode_raw(raw: bytes, encoding: str, path: str) -> tuple[str, str, bytes]:
    """(text with original line endings, codec to write with, BOM bytes to prepend).

    Refuses a text the reader could only decode leniently (bytes replaced by U+FFFD):
    writing it back would destroy those bytes.
    """
    if encoding not in ("utf-16", *_CODECS):
        raise InputError("文件中有无法解码的字节，自动修正后写回会丢失这些字节，已放弃修正（原文件未改动）。"
                         "请先另存为正确的 UTF-8 编码；--diff 仍可查看将要做的修改。", path)
    if encoding == "utf-16":
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be"), "utf-16-be", b"\xfe\xff"
        return raw[2:].decode("utf-16-le"), "utf-16-le", b"\xff\xfe"
    codec = _CODECS.get(encoding, encoding)
    if codec == "utf-8-sig":
        return raw[3:].decode("utf-8"), "utf-8", b"\xef\xbb\xbf"
    return raw.decode(codec), codec, b""


def _restore_eols(fixed: str, raw_text: str) -> str:
    """Put the original line terminators back (a fix never adds or removes a line)."""
    eols = _EOL.findall(raw_text)
    lines = fixed.split("\n")
    if len(lines) != len(eols) + 1:  # pragma: no cover - guarded by safe_fixes
        raise InputError("修正后行数发生变化，已放弃写入（原文件未改动）。")
    out = [lines[0]]
    for eol, line in zip(eols, lines[1:]):
        out.append(eol)
        out.append(line)
    return "".join(out)


def _read_only(path: str) -> bool:
    st = os.stat(path)
    writable_bits = st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return not writable_bits or not os.access(path, os.W_OK)


def write_atomic(path: str, data: bytes, original: bytes, backup: bool) -> str | None:
    """Write ``data`` over ``path`` atomically; return the backup path (or None)."""
    if _read_only(path):
        raise InputError("文件是只读的，无法写入修正，原文件未改动。请先取消只读属性，"
                         "或改用 --diff 只查看将要做的修改。", path)
    folder = os.path.dirname(os.path.abspath(path))
    bak = path + ".bak" if backup else None
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"无法在文件所在的文件夹中写入临时文件（{exc.strerror or exc}），原文件未改动。",
                         path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        shutil.copymode(path, tmp)
        if bak is not None:
            with open(bak, "wb") as fh:
                fh.write(original)
            shutil.copystat(path, bak)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputError(f"写入失败（{exc.strerror or exc}），原文件未改动。", path) from None
    return bak


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for ln in lines:
        out.append(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n")
    return "".join(out)


# ---------------------------------------------------------------- the command

def fix_path(path: str, ruleset, opts, write: bool, backup: bool, out, unsafe: bool = False) -> FileReport:
    """Fix one file (``write``) or print the unified diff of what would change (not ``write``).

    Returns the file's report: after writing, the findings left in the fixed file;
    with ``--diff``, the findings of the file as it is; for a format that cannot be rewritten
    (Word), the findings of the file as it is, with the reader's notice on stderr. Errors
    (unreadable or read-only file) come back in ``FileReport.error``, never raised.
    """
    from .readers import DEFAULT_MAX_BYTES, read_path, reader_for
    from .report import check_path

    refusal = reader_for(path).fix_refusal
    if refusal:  # not rewritable in place (Word): still checked — never a silent no-op — and said why
        report = check_path(path, ruleset, opts)
        if report.error is None:
            sys.stderr.write(f"reportlint：{path}：{refusal}下面照常列出检查结果。\n")
        return report
    try:
        source = read_path(path, opts.max_bytes or DEFAULT_MAX_BYTES)
        fixed, applied, first, last = fix_text(source, ruleset, opts, unsafe)
        if not write:
            if applied:
                out.write(unified_diff(path, source.text, fixed))
            return report_for(first[0], first[1], source.encoding)
        if applied:
            with open(path, "rb") as fh:
                raw = fh.read()
            raw_text, codec, bom = _decode_raw(raw, source.encoding, path)
            if _EOL.sub("\n", raw_text) != source.text:  # pragma: no cover - changed since it was read
                raise InputError("文件在检查期间被改动，已放弃修正（原文件未改动）。", path)
            data = bom + _restore_eols(fixed, raw_text).encode(codec)
            bak = write_atomic(path, data, raw, backup)
            where = f"，原文件备份为 {bak}" if bak else ""
            sys.stderr.write(f"reportlint：已修正 {path} 中的 {applied} 处{where}。\n")
        return report_for(last[0], last[1], source.encoding)
    except ReportlintError as exc:
        return FileReport(path, error=exc.message)
