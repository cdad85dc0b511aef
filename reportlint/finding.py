"""Findings: immutable results built by the engine alone."""
from __future__ import annotations

from dataclasses import dataclass, field

from .vocab import APPLICABILITY_ZH, SEVERITIES, SEVERITY_RANK, SEVERITY_ZH  # noqa: F401  (re-exported)

_FIX_HINT = {"safe": "--fix", "unsafe": "--fix --unsafe-fixes"}


APPLICABILITIES = ("safe", "unsafe", "none")  # as in ruff: --fix / --unsafe-fixes / shown only


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with ``replacement``.

    ``applicability`` (following ruff): ``safe`` — cannot change the meaning, applied by ``--fix``;
    ``unsafe`` — probably right but may change the meaning, applied only with ``--unsafe-fixes``;
    ``none`` — shown, never applied. A kind may lower it for one hit; the engine settles it from
    the rule's ``fix`` level and the context (an edit that cuts into a word is never safe).
    """

    start: int
    end: int
    replacement: str
    applicability: str = "safe"


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

    @property
    def applicability(self) -> str:
        """safe / unsafe / none (``none`` also when the finding has no fix)."""
        return "none" if self.fix is None else self.fix.applicability

    @property
    def fix_label(self) -> str:
        """Chinese note on the fix for every output format: “可安全修正（--fix）”,
        “需确认的修正（--fix --unsafe-fixes）”, “不自动修正”; "" when the finding has no fix."""
        if self.fix is None:
            return ""
        hint = _FIX_HINT.get(self.fix.applicability)
        return APPLICABILITY_ZH[self.fix.applicability] + (f"（{hint}）" if hint else "")

    def to_dict(self) -> dict:
        d = {
            "code": self.code, "severity": self.severity, "message": self.message,
            "rule": self.rule, "path": self.path,
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column, "start": self.start, "end": self.end,
            "excerpt": self.excerpt, "suggestion": self.suggestion,
            "fix": None if self.fix is None else {
                "start": self.fix.start, "end": self.fix.end, "replacement": self.fix.replacement,
                "applicability": self.fix.applicability},
            "applicability": self.applicability,
            "location": self.location, "reference": self.reference,
            "related": [list(r) for r in self.related],
        }
        return d


def sort_key(f: Finding):
    return (f.start, f.code, f.end)
