"""Findings: immutable results built by the engine alone."""
from __future__ import annotations

from dataclasses import dataclass, field

from .vocab import SEVERITIES, SEVERITY_RANK, SEVERITY_ZH  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Hit:
    """What a check kind reports: a span plus message values; the engine makes it a Finding."""

    start: int
    end: int
    values: dict = field(default_factory=dict, hash=False, compare=False)
    fix: Fix | None = None
    related: tuple[int, ...] = ()  # other offsets involved (e.g. the first copy of a duplicate)
    message: str | None = None  # overrides the rule's message template when set


@dataclass(frozen=True)
class Finding:
    """One problem found (immutable; built by the engine alone).

    ``start``/``end`` are character offsets into the checked (newline-normalised) text;
    ``line``/``column`` and ``end_line``/``end_column`` are 1-based and count characters;
    ``excerpt`` is the matched text (shortened with … past 60 characters); ``rule`` is the
    rule's Chinese name; ``suggestion`` a replacement to consider; ``fix`` a safe automatic fix.
    """

    code: str
    severity: str
    message: str
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str  # the matched text
    rule: str  # the rule's Chinese name
    suggestion: str | None = None
    fix: Fix | None = None
    location: str = ""  # human location for docx parts ("第 3 段", "页眉"); "" for line:col
    related: tuple[tuple[int, int], ...] = ()  # (line, column) of related places
    reference: str = ""

    @property
    def family(self) -> str:
        return "".join(ch for ch in self.code if ch.isalpha())

    def to_dict(self) -> dict:
        d = {
            "code": self.code, "severity": self.severity, "message": self.message,
            "rule": self.rule, "path": self.path,
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "start": self.start, "end": self.end,
            "excerpt": self.excerpt, "suggestion": self.suggestion,
            "fix": None if self.fix is None else {
                "start": self.fix.start, "end": self.fix.end, "replacement": self.fix.replacement},
            "location": self.location, "reference": self.reference,
            "related": [list(r) for r in self.related],
        }
        return d


def sort_key(f: Finding):
    return (f.start, f.code, f.end)
