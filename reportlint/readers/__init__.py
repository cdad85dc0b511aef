"""Input formats: one module per format, each declaring a :class:`~reportlint.readers.base.Reader`.

``read_path`` does what every format shares (folders, missing files, formats to convert first,
the size limit) and hands the file to the reader its suffix names; a file no reader claims is
read as text (reports are often saved without an extension). Legacy extensions (.doc, .wps) are
sniffed: a reader whose ``sniff`` recognises the first bytes takes the file.

A new input format = one module here defining ``READER`` + one line in ``MODULES``.
"""
from __future__ import annotations

import importlib
import os

from ..errors import InputError
from .base import (CONVERT_HINT, DEFAULT_MAX_BYTES, MAX_PARAGRAPHS, Part, Reader, Source,  # noqa: F401
                   normalize_newlines, unsupported_message)

MODULES = ["text", "docx", "office", "pdf"]  # the first is the fallback for suffixes no reader claims
SNIFFED = (".doc", ".wps")  # legacy extensions a reader may claim by content
_EXTRA: list[Reader] = []


def readers() -> list[Reader]:
    return [importlib.import_module(f"{__name__}.{m}").READER for m in MODULES] + _EXTRA


def register(reader: Reader) -> None:
    """Add an input format in-process."""
    _EXTRA.append(reader)


def unregister(reader: Reader) -> None:
    if reader in _EXTRA:
        _EXTRA.remove(reader)


def supported() -> frozenset:
    """Every suffix some reader claims (what ``batch`` looks for)."""
    return frozenset().union(*(r.suffixes for r in readers()))


def unreadable(suffix: str) -> bool:
    """A suffix batch finds only to list as unreadable (no reader claims it)."""
    return suffix in CONVERT_HINT and suffix not in supported()


def reader_for(path: str) -> Reader:
    suffix = os.path.splitext(path)[1].lower()
    all_readers = readers()
    for r in all_readers:
        if suffix in r.suffixes:
            return r
    return all_readers[0]


def _sniffed(path: str) -> Reader | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None
    return next((r for r in readers() if r.sniff and r.sniff(head)), None)


def reader_identity(path: str, head: bytes) -> str:
    """Which reader a file with these first bytes goes to, and what its content looks like — part of
    the batch cache key, so a file renamed from .txt to .docx (same bytes) is not served the .txt's
    result. (suffix, reader by suffix, reader sniffed from the content, content type.)"""
    suffix = os.path.splitext(path)[1].lower()
    sniffed = next((r.name for r in readers() if r.sniff and r.sniff(head[:8])), "-")
    kind = ("zip" if head[:4] == b"PK\x03\x04" else "ole" if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            else "pdf" if head[:5] == b"%PDF-" else "other")
    return "|".join((suffix, reader_for(path).name, sniffed, kind))


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one report. Raises :class:`InputError` with a Chinese message."""
    if os.path.isdir(path):
        raise InputError("这是一个文件夹，不是报告文件；检查整个文件夹请用 reportlint batch。", path)
    if not os.path.exists(path):
        raise InputError("文件不存在。", path)
    suffix = os.path.splitext(path)[1].lower()
    reader = None
    if suffix in CONVERT_HINT:
        reader = _sniffed(path) if suffix in SNIFFED else None
        if reader is None:
            reader = next((r for r in readers() if suffix in r.suffixes), None)
        if reader is None:
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
    source = (reader or reader_for(path)).read(path, MAX_PARAGRAPHS)
    if not source.text.strip():  # nothing to check is not a pass: a blank or truncated file is an error row
        raise InputError(EMPTY_MESSAGE, path)
    return source


EMPTY_MESSAGE = "文件为空（没有任何文字），无法检查；请确认保存的是报告全文。"
