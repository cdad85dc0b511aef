"""The Python API: typed results, never prints.

>>> from reportlint import check_text, outline, tag
>>> r = check_text("关于2026年工作的汇报\\n截止目前，共走访XX户。", select=["PH", "WD"])
>>> [(f.code, f.line, f.column, f.excerpt) for f in r.findings]
[('WD001', 2, 1, '截止'), ('PH002', 2, 8, 'XX')]
>>> doc = outline("一、基本情况\\n全县共有学校12所。\\n二、主要做法\\n（一）抓队伍。组织培训3次。")
>>> [(h.level, h.text, h.role) for h in doc.headings]
[(1, '基本情况', 'background'), (1, '主要做法', 'practice'), (2, '抓队伍', None)]
"""
from __future__ import annotations

from dataclasses import dataclass

from .report import FileReport, Options


def _ruleset(rules=None):
    from .commands import load_ruleset

    return load_ruleset(list(rules or []))


def _options(select=None, ignore=None, extend_select=None, severity=None, profile=None, year=None) -> Options:
    return Options(select=[s.upper() for s in select] if select else None,
                   ignore=[s.upper() for s in (ignore or [])],
                   extend_select=[s.upper() for s in (extend_select or [])],
                   severity=dict(severity or {}), profile=profile, year=year)


def check_text(text: str, *, path: str = "<文本>", kind: str = "text", select=None, ignore=None,
               extend_select=None, severity=None, profile=None, year=None, rules=None) -> FileReport:
    """Check report text; return a :class:`FileReport` whose ``findings`` carry offsets and line/column."""
    from .reader import normalize_newlines
    from .report import check_document, report_for
    from .outline import build

    rs = _ruleset(rules)
    opts = _options(select, ignore, extend_select, severity, profile, year)
    doc = build(normalize_newlines(text), path=path, kind=kind, profiles=rs.profiles, profile=profile, year=year)
    return report_for(doc, check_document(doc, rs, opts), "utf-8")


def check_file(path: str, *, select=None, ignore=None, extend_select=None, severity=None, profile=None,
               year=None, rules=None) -> FileReport:
    """Check one file (.txt/.md/.docx). Read errors are in ``FileReport.error``, not raised."""
    from .report import check_path

    return check_path(path, _ruleset(rules), _options(select, ignore, extend_select, severity, profile, year))


def outline(text: str, *, profile: str | None = None, kind: str = "text"):
    """The :class:`~reportlint.document.Document` of a text: title, heading tree, sections, roles."""
    from .outline import build
    from .reader import normalize_newlines

    return build(normalize_newlines(text), kind=kind, profiles=_ruleset().profiles, profile=profile)


@dataclass(frozen=True)
class Tagged:
    """One paragraph with its predicted label (practice, outcome, insight, …) and confidence."""

    line: int
    start: int
    end: int
    label: str
    confidence: float
    text: str
    section_role: str | None


def tag(text: str, *, kind: str = "text") -> list[Tagged]:
    """Label every content paragraph (no scikit-learn needed)."""
    from .classify.predict import tag_document

    doc = outline(text, kind=kind)
    tag_document(doc)
    return [Tagged(p.line, p.start, p.end, p.label, round(p.confidence, 3), p.text, doc.role_of(p))
            for p in doc.paragraphs if p.label]
