"""The Python API: typed results, never prints.

Four functions, importable from ``reportlint`` itself (lazily, so ``import reportlint`` is cheap):

``check_text(text, **options) -> FileReport``
    Check report text. ``FileReport.findings`` is a list of immutable :class:`Finding`.
``check_file(path, **options) -> FileReport``
    Check a ``.txt``/``.md``/``.docx`` file; a file that cannot be read gives
    ``FileReport.error`` (a Chinese message) instead of an exception.
``outline(text) -> Document``
    Title, heading tree, sections and paragraphs, all with character offsets.
``tag(text) -> list[Tagged]``
    Each content paragraph with its predicted label (``practice`` 做法, ``outcome`` 成效 …).

A :class:`Finding` carries ``code``, ``severity`` (error / warning / info), ``message`` (Chinese),
``rule`` (the rule's Chinese name), ``start``/``end`` (character offsets into the checked text,
``text[f.start:f.end] == f.excerpt`` for short matches), ``line``/``column`` and
``end_line``/``end_column`` (1-based; columns count characters), ``suggestion``, ``fix`` and
``reference``.

Options (all keyword-only, all optional), the same as the configuration keys:
``select``, ``ignore``, ``extend_select`` (lists of codes or prefixes, or one comma-separated
string), ``severity`` (``{"CL001": "info"}``), ``profile`` (report type, e.g. ``"工作总结"``),
``year``, ``rules`` (extra rule folders) and ``config``: ``None`` (default: no configuration
file is read, results depend only on the arguments), ``True`` (use the nearest
``reportlint.toml`` / ``pyproject.toml`` above the file, as ``reportlint check`` does) or a path
to a configuration file. Arguments override the file, like command-line options. Invalid
options raise :class:`reportlint.errors.ConfigError` (a ``ReportlintError``).

>>> from reportlint import check_text, outline, tag
>>> r = check_text("关于2026年工作的汇报\\n共走访XX户，发放资料×份。", select=["PH"])
>>> [(f.code, f.line, f.column, f.excerpt) for f in r.findings]
[('PH002', 2, 4, 'XX'), ('PH001', 2, 12, '×')]
>>> f = r.findings[0]
>>> (f.start, f.end, f.severity)
(16, 18, 'error')
>>> check_text("共走访XX户。【忽略 PH002】", select="PH").findings
[]
>>> doc = outline("一、基本情况\\n全县共有学校12所。\\n二、主要做法\\n（一）抓队伍。组织培训3次。")
>>> [(h.level, h.text, h.role) for h in doc.headings]
[(1, '基本情况', 'background'), (1, '主要做法', 'practice'), (2, '抓队伍', None)]
>>> [(t.line, t.label) for t in tag("二、下一步打算\\n下一步，我们将力争在年底前完成全部改造任务。")]
[(2, 'plan')]
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .finding import Finding
from .options import Selectors as Codes
from .report import FileReport

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .document import Document

__all__ = ["check_text", "check_file", "outline", "tag", "Tagged", "FileReport", "Finding"]

KINDS = ("text", "markdown")


def _config(start: str | None, config, select, ignore, extend_select, severity, profile, year, rules,
            max_size=None) -> "Config":
    """Defaults ← configuration file (if asked for) ← these arguments; validated like a file."""
    from .config import API_SOURCE, resolve, validate
    from .options import Overrides, parse_selectors

    raw = {"select": parse_selectors(select), "ignore": parse_selectors(ignore),
           "extend-select": parse_selectors(extend_select), "severity": severity, "profile": profile,
           "year": year, "rules": list(rules) if rules is not None and not isinstance(rules, str) else
           ([rules] if rules else None), "max-size": max_size}
    given = validate({k: v for k, v in raw.items() if v is not None}, None)
    explicit = os.fspath(config) if isinstance(config, (str, os.PathLike)) else None
    return resolve(Overrides(config=explicit, isolated=not config, select=given.get("select"),
                             ignore=given.get("ignore"), extend_select=given.get("extend-select"),
                             severity=given.get("severity"), profile=given.get("profile"),
                             year=given.get("year"), rules=given.get("rules"), max_size=given.get("max-size")),
                   start=start, source=API_SOURCE)


def _prepare(cfg: "Config"):
    from .rulecache import load_ruleset
    from .config import check_against

    rs = load_ruleset(cfg["rules"])
    check_against(cfg, rs)
    return rs


def _analyse(text: str, *, path: str = "<文本>", kind: str = "text", config=None, select=None, ignore=None,
             extend_select=None, severity=None, profile=None, year=None, rules=None):
    """Check ``text``; return ``(FileReport, Document)`` (the document is also what ``outline`` gives)."""
    from .errors import ConfigError
    from .outline import build
    from .readers import normalize_newlines
    from .report import check_document, report_for

    if kind not in KINDS:
        raise ConfigError(f"kind 只能是：{'、'.join(KINDS)}（Word 文件请用 check_file）。")
    if not isinstance(text, str):
        raise TypeError("text 应为 str；文件请用 check_file(path)。")
    start = path if config is True and os.path.exists(path) else None
    cfg = _config(start, config, select, ignore, extend_select, severity, profile, year, rules)
    rs = _prepare(cfg)
    opts = cfg.options_for(path)
    doc = build(normalize_newlines(text), path=path, kind=kind, profiles=rs.profiles, profile=opts.profile,
                year=opts.year)
    return report_for(doc, check_document(doc, rs, opts), "utf-8"), doc


def check_text(text: str, *, path: str = "<文本>", kind: str = "text", config=None, select: Codes = None,
               ignore: Codes = None, extend_select: Codes = None, severity: dict[str, str] | None = None,
               profile: str | None = None, year: int | None = None, rules=None) -> FileReport:
    """Check report text and return a :class:`FileReport` (never prints, never raises on content).

    ``path`` is only a label for the report (and for ``per-file-ignores`` when ``config`` is
    given; ``config=True`` looks for the configuration above ``path`` when it exists, else above
    the current folder); ``kind`` is ``"text"`` or ``"markdown"``. Line endings are normalised to ``\\n``
    first, so offsets count one character per line break.
    """
    return _analyse(text, path=path, kind=kind, config=config, select=select, ignore=ignore,
                    extend_select=extend_select, severity=severity, profile=profile, year=year,
                    rules=rules)[0]


def check_file(path: str | os.PathLike, *, config=None, select: Codes = None, ignore: Codes = None,
               extend_select: Codes = None, severity: dict[str, str] | None = None,
               profile: str | None = None, year: int | None = None, rules=None,
               max_size: float | None = None) -> FileReport:
    """Check one file (.txt / .md / .docx) and return its :class:`FileReport`.

    Read problems (missing, binary, too large, unsupported type) are reported in
    ``FileReport.error``, not raised. ``config=True`` applies the file's nearest configuration
    (including its ``per-file-ignores``) as ``reportlint check`` would; ``max_size`` is in MB.
    """
    from .report import check_path

    path = os.fspath(path)
    cfg = _config(path, config, select, ignore, extend_select, severity, profile, year, rules, max_size)
    return check_path(path, _prepare(cfg), cfg.options_for(path))


def outline(text: str, *, profile: str | None = None, kind: str = "text") -> "Document":
    """The :class:`~reportlint.document.Document` of a text.

    ``doc.title`` (paragraph index or None), ``doc.headings`` (level, text, role, parent,
    children, offsets), ``doc.paragraphs`` (offsets, line, section), ``doc.profile`` (the report
    type, detected unless given) and ``doc.year``. Suppression markers are blanked for analysis.
    """
    from .outline import build
    from .readers import normalize_newlines

    cfg = _config(None, None, None, None, None, None, profile, None, None)
    return build(normalize_newlines(text), kind=kind, profiles=_prepare(cfg).profiles, profile=profile)


@dataclass(frozen=True)
class Tagged:
    """One content paragraph with its label and the model's confidence (0–1).

    ``label`` is one of background 基本情况, practice 做法, outcome 成效, insight 经验启示,
    problem 问题, plan 打算, other — the label of the report read as a sequence (its words, the
    headings above it, where it stands, its neighbours); ``content_label``/``content_confidence``
    are what the paragraph's words alone say (what the CLS rules compare with the section);
    ``start``/``end`` are character offsets, ``line`` is 1-based; ``section_role`` is the role of
    the section it stands under (None when unknown).
    """

    line: int
    start: int
    end: int
    label: str
    confidence: float
    text: str
    section_role: str | None
    content_label: str | None = None
    content_confidence: float = 0.0


def tagged(doc: "Document") -> list[Tagged]:
    """Label the paragraphs of an already built document (the title is ``other``)."""
    from .classify.predict import tag_document

    tag_document(doc, decode=True)
    return [Tagged(p.line, p.start, p.end, p.label, round(p.confidence, 3), p.text, doc.role_of(p),
                   p.content_label, round(p.content_confidence, 3))
            for p in doc.paragraphs if p.label]


def tag(text: str, *, kind: str = "text") -> list[Tagged]:
    """Label every content paragraph of ``text`` (pure Python; scikit-learn is not needed)."""
    return tagged(outline(text, kind=kind))
