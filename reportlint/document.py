"""The document model: paragraphs, headings, sections and sentences, all by offset.

Every unit carries ``start``/``end`` character offsets into ``Document.text``.
Only :meth:`Document.position` turns an offset into (line, column); columns
count characters from 1 (a Han character is one column).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from .numbering import Token

_WS = " \t\u3000\u00a0\u200b\u200c\u200d\ufeff"
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|……[”’」』]*(?=\s*$)|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Heading:
    """A heading: stand-alone line or run-in lead of a paragraph."""

    start: int  # offset of the numbering token (or heading text when unnumbered)
    end: int  # end of the heading text (run-in: up to and including its 。)
    level: int  # 1 = top
    style: str  # numbering style (see numbering.py), "md", "word", "bold" or "plain"
    token: Token | None
    text: str  # heading text without numbering
    runin: bool
    para: int  # index of its paragraph in Document.paragraphs
    role: str | None = None  # section role from the profile, if it maps to one
    parent: int | None = None  # index into Document.headings
    children: list[int] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.token.value if self.token else 0


@dataclass
class Paragraph:
    index: int
    start: int  # first non-space character
    end: int  # past the last non-space character
    text: str  # text[start:end]
    line: int  # 1-based line of start
    heading: int | None = None  # index into Document.headings if this paragraph is/contains one
    body_start: int | None = None  # start of body text (after a run-in heading); None = whole
    section: int | None = None  # index of the innermost heading it stands under
    part: str = ""  # docx part label ("页眉", "表格 1行2列"); "" for body
    table: bool = False
    label: str | None = None  # set by the classifier
    confidence: float = 0.0
    content_label: str | None = None  # the content-only label when ``label`` is a decoded one
    content_confidence: float = 0.0

    @property
    def is_heading_only(self) -> bool:
        return self.heading is not None and self.body_start is None

    @property
    def body(self) -> str:
        """The content of the paragraph, run-in heading excluded."""
        if self.body_start is None:
            return "" if self.heading is not None else self.text
        return self.text[self.body_start - self.start:]


@dataclass
class Document:
    text: str
    path: str = "<文本>"
    kind: str = "text"
    encoding: str = "utf-8"
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    title: int | None = None  # paragraph index of the title
    subtitle: int | None = None
    profile: str | None = None
    profile_confidence: float = 0.0
    profile_guess: str | None = None  # the closest type when ``profile`` is None (未能判断)
    parts: list = field(default_factory=list)  # reader.Part list for docx
    year: int | None = None  # the report's own year (title, date line, --year)
    year_source: str | None = None  # where ``year`` came from: "title", "date" (落款) or "option" (--year)
    fonts: dict = field(default_factory=dict)  # docx: line -> east-Asian font of its first run

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        s = starts[line - 1]
        e = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[s:e]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    @cached_property
    def _part_starts(self) -> list[int]:
        return [p.start for p in self.parts]  # the reader emits parts in text order

    def part_at(self, offset: int):
        """The reader part (docx) containing offset, or None (binary search)."""
        i = bisect.bisect_right(self._part_starts, offset) - 1
        if i >= 0:
            p = self.parts[i]
            if p.start <= offset < p.end or p.start == offset == p.end:
                return p
        return None

    def paragraph_at(self, offset: int) -> Paragraph | None:
        starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def sentences(self, para: Paragraph) -> list[Sentence]:
        return split_sentences(self.text, para.body_start if para.body_start is not None else para.start,
                               para.end)

    @property
    def content_paragraphs(self) -> list[Paragraph]:
        """Paragraphs with body text (stand-alone headings, title and subtitle excluded)."""
        skip = {self.title, self.subtitle}
        return [p for p in self.paragraphs if not p.is_heading_only and p.index not in skip]

    def section_path(self, heading: int | None) -> list[Heading]:
        out = []
        while heading is not None:
            out.append(self.headings[heading])
            heading = self.headings[heading].parent
        return out[::-1]

    def role_of(self, para: Paragraph) -> str | None:
        """The section role a paragraph stands under (nearest heading with a role)."""
        for h in reversed(self.section_path(para.section)):
            if h.role:
                return h.role
        return None

    def top_sections(self) -> list[tuple[Heading, int, int]]:
        """(heading, start offset, end offset) of each top-level section."""
        tops = [h for h in self.headings if h.parent is None and h.style not in ("ordinal", "yishi")]
        out = []
        for i, h in enumerate(tops):
            end = tops[i + 1].start if i + 1 < len(tops) else len(self.text)
            out.append((h, h.start, end))
        return out


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Split text[start:end] at 。！？； (closing quotes stay with the sentence)."""
    out: list[Sentence] = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        e = m.end()
        s = pos
        while s < e and text[s] in _WS:
            s += 1
        if text[s:e].strip(_WS + "\n"):
            ee = e - 1 if text[e - 1] == "\n" else e
            out.append(Sentence(s, ee, text[s:ee]))
        pos = e
    s = pos
    while s < end and text[s] in _WS:
        s += 1
    if s < end:
        out.append(Sentence(s, end, text[s:end]))
    return out


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line, surrounding spaces (incl. 　) trimmed."""
    out: list[Paragraph] = []
    pos = 0
    line = 1
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        e = n if nl == -1 else nl
        s = pos
        while s < e and text[s] in _WS:
            s += 1
        ee = e
        while ee > s and text[ee - 1] in _WS + "\r":
            ee -= 1
        if ee > s:
            out.append(Paragraph(len(out), s, ee, text[s:ee], line))
        if nl == -1:
            break
        pos = nl + 1
        line += 1
    return out
