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
    return (reader or reader_for(path)).read(path, MAX_PARAGRAPHS)
