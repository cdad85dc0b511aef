"""Suppression markers written inside a report.

A Chinese office worker types them in square brackets (【】 or []), e.g.::

    到社区报到×人【忽略 PH001】          ← this line only (marker at line end)
    【忽略 PH】                          ← alone on a line: the next non-empty line
    【忽略开始 CL】 … 【忽略结束】          ← a range of lines (ranges may nest)
    【全文忽略 WM003】                    ← the whole file

Codes may be separated by spaces, commas, 、 or ；, optionally after a colon
(【忽略：PH001、WM】); full-width letters and digits are accepted; a family prefix
(PH) covers its rules; no code (or ALL) means every rule. ``<!-- 忽略 PH001 -->``
works the same in Markdown, where an HTML comment does not show when rendered.

Markers are *masked* (replaced by spaces of the same length) before the document
is analysed (:func:`mask`), so they never become a title, heading or paragraph,
and a finding that lies on a marker's own text (e.g. its half-width brackets) is
dropped. A marker that silences nothing is reported as ``SUP001`` (info), unless
every code it names belongs to a rule that did not run (deselected or ignored).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .finding import Finding

_CODE_CHARS = r"A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
MARKER = re.compile(
    r"(?:【|\[|<!--)[ \t\u3000]*(?P<kind>全文忽略|忽略开始|忽略结束|忽略)[ \t\u3000]*[:：]?"
    rf"(?P<codes>[ \t\u3000{_CODE_CHARS},，、;；]*?)[ \t\u3000]*(?:】|\]|-->)")
_SPLIT = re.compile(r"[\s,，、;；]+")
_CODE = re.compile(r"^[A-Z]+[0-9]*$")
UNUSED_CODE = "SUP001"
UNUSED_NAME = "未使用的忽略标记"


def mask(text: str) -> str:
    """``text`` with every marker replaced by spaces (same length, offsets unchanged).

    >>> mask("共×人【忽略 PH001】\\n下一行") == "共×人" + " " * 10 + "\\n下一行"
    True
    """
    if "忽略" not in text:
        return text
    return MARKER.sub(lambda m: " " * (m.end() - m.start()), text)


def parse_codes(raw: str) -> tuple[str, ...]:
    """Codes written in a marker, normalised: NFKC (full-width → ASCII), upper case; ALL → ()."""
    codes = tuple(c for c in _SPLIT.split(unicodedata.normalize("NFKC", raw).upper()) if c)
    return () if "ALL" in codes else codes


@dataclass
class Marker:
    """One marker: what it names and the inclusive line range it covers."""

    kind: str  # 忽略 / 忽略开始 / 全文忽略 (忽略结束 only closes a range and is not kept)
    codes: tuple[str, ...]  # () = every rule
    start: int  # character offsets of the marker text itself
    end: int
    lines: tuple[int, int]
    used: bool = False

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


@dataclass
class Suppressions:
    markers: list[Marker] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # every marker's text, 忽略结束 too

    @classmethod
    def parse(cls, doc) -> "Suppressions":
        text = doc.text
        if "忽略" not in text:
            return cls()
        found = list(MARKER.finditer(text))
        out: list[Marker] = []
        spans = [(m.start(), m.end()) for m in found]
        stack: list[Marker] = []
        masked_lines: dict[int, str] = {}
        for m in found:
            kind = m.group("kind")
            codes = parse_codes(m.group("codes"))
            line, _ = doc.position(m.start())
            if kind == "全文忽略":
                out.append(Marker(kind, codes, m.start(), m.end(), (1, doc.line_count)))
            elif kind == "忽略开始":
                mk = Marker(kind, codes, m.start(), m.end(), (line, doc.line_count))
                stack.append(mk)
                out.append(mk)
            elif kind == "忽略结束":
                if stack:  # an unmatched 忽略结束 is harmless and ignored
                    mk = stack.pop()
                    mk.lines = (mk.lines[0], line)
            else:
                if line not in masked_lines:
                    masked_lines[line] = mask(doc.line_text(line))
                if not masked_lines[line].strip(" \t\u3000"):  # alone on its line: the next text line
                    nxt = line + 1
                    while nxt <= doc.line_count and not mask(doc.line_text(nxt)).strip(" \t\u3000"):
                        nxt += 1
                    out.append(Marker(kind, codes, m.start(), m.end(), (nxt, nxt)))
                else:
                    out.append(Marker(kind, codes, m.start(), m.end(), (line, line)))
        return cls(out, spans)

    def on_marker(self, f: Finding) -> bool:
        """Whether a finding is about a marker's own text (its brackets, its codes, …)."""
        for s, e in self.spans:
            if f.start < e and f.end > s and f.start >= s - 1 and f.end <= e + 1:
                return True
            if f.start == f.end and s <= f.start <= e:
                return True
        return False

    def suppressed(self, f: Finding) -> bool:
        if not self.spans:
            return False
        if self.on_marker(f):
            return True
        hit = False
        for mk in self.markers:
            if mk.lines[0] <= f.line <= mk.lines[1] and mk.covers(f.code):
                mk.used = True  # every marker that applies counts as used
                hit = True
        return hit

    def unused_findings(self, doc, ran=(), known=(), severity: str = "info") -> list[Finding]:
        """``SUP001`` for each marker that silenced nothing.

        ``ran``: codes of the rules that ran on this document; ``known``: every rule code.
        A marker is not reported when all the codes it names belong to rules that did not
        run (so ``--select PH`` does not flag a 【忽略 CL001】). A code that matches no rule
        at all is reported, since it is most likely a typo.
        """
        out = []
        for mk in self.markers:
            if mk.used:
                continue
            unknown = [c for c in mk.codes if not _CODE.match(c) or not any(k.startswith(c) for k in known)]
            if mk.codes and not unknown and not any(mk.covers(r) for r in ran):
                continue
            if not mk.codes and not ran:
                continue
            line, col = doc.position(mk.start)
            eline, ecol = doc.position(mk.end)
            if unknown:
                msg = f"忽略标记中的规则代码“{'、'.join(unknown)}”不存在，请核对（reportlint rules 可查看全部代码）。"
            else:
                what = "、".join(mk.codes) if mk.codes else "全部规则"
                msg = f"忽略标记（{what}）没有屏蔽任何问题，可以删除。"
            out.append(Finding(UNUSED_CODE, severity, msg, doc.path, mk.start, mk.end, line, col, eline, ecol,
                               doc.text[mk.start:mk.end], UNUSED_NAME))
        return out
