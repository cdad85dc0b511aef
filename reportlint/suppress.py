"""Suppression markers written inside a report.

A Chinese office worker types them in square brackets (【】 or []), e.g.::

    到社区报到×人【忽略 PH001】          ← this line only (marker at line end)
    【忽略 PH】                          ← alone on a line: the next non-empty line
    【忽略开始 CL】 … 【忽略结束】          ← a range of lines
    【全文忽略 WM003】                    ← the whole file

Codes may be separated by spaces, commas or 、; a family prefix (PH) covers its
rules; no code means every rule. ``<!-- 忽略 PH001 -->`` works the same in
Markdown. A marker that silences nothing is reported as ``SUP001`` (info).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .finding import Finding

_MARK = re.compile(
    r"(?:【|\[|<!--\s*)\s*(?P<kind>全文忽略|忽略开始|忽略结束|忽略)"
    r"(?P<codes>[\sA-Za-z0-9,，、]*?)\s*(?:】|\]|-->)")
_SPLIT = re.compile(r"[\s,，、]+")


@dataclass
class Marker:
    kind: str
    codes: tuple[str, ...]
    start: int
    end: int
    lines: tuple[int, int]  # inclusive line range it covers
    used: bool = False


@dataclass
class Suppressions:
    markers: list[Marker] = field(default_factory=list)

    @classmethod
    def parse(cls, doc) -> "Suppressions":
        text = doc.text
        if "忽略" not in text:
            return cls()
        out: list[Marker] = []
        open_range: Marker | None = None
        for m in _MARK.finditer(text):
            kind = m.group("kind")
            codes = tuple(c.upper() for c in _SPLIT.split(m.group("codes").strip()) if c)
            line, _ = doc.position(m.start())
            if kind == "全文忽略":
                out.append(Marker(kind, codes, m.start(), m.end(), (1, doc.line_count)))
            elif kind == "忽略开始":
                open_range = Marker(kind, codes, m.start(), m.end(), (line, doc.line_count))
                out.append(open_range)
            elif kind == "忽略结束":
                if open_range is not None:
                    open_range.lines = (open_range.lines[0], line)
                    open_range = None
            else:
                ls = doc.line_text(line)
                alone = not ls.replace(m.group(0), "").strip(" \t\u3000")
                if alone:
                    nxt = line + 1
                    while nxt <= doc.line_count and not doc.line_text(nxt).strip(" \t\u3000"):
                        nxt += 1
                    out.append(Marker(kind, codes, m.start(), m.end(), (nxt, nxt)))
                else:
                    out.append(Marker(kind, codes, m.start(), m.end(), (line, line)))
        return cls(out)

    def suppressed(self, f: Finding) -> bool:
        hit = False
        for mk in self.markers:
            if mk.start <= f.start < mk.end:
                return True  # a finding on the marker itself (e.g. its brackets)
            if mk.kind == "忽略结束":
                continue
            if mk.lines[0] <= f.line <= mk.lines[1] and (
                    not mk.codes or any(f.code.startswith(c) for c in mk.codes)):
                mk.used = True
                hit = True
        return hit

    def unused_findings(self, doc) -> list[Finding]:
        out = []
        for mk in self.markers:
            if mk.used:
                continue
            line, col = doc.position(mk.start)
            eline, ecol = doc.position(mk.end)
            what = "、".join(mk.codes) if mk.codes else "全部规则"
            out.append(Finding("SUP001", "info", f"忽略标记（{what}）没有屏蔽任何问题，可以删除。", doc.path,
                               mk.start, mk.end, line, col, eline, ecol, doc.text[mk.start:mk.end],
                               "未使用的忽略标记"))
        return out
