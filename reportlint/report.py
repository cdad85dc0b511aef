"""FileReport and the per-file pipeline (a pure function: path + rules + options → FileReport)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import ReportlintError
from .finding import Finding
from .options import Options
from .vocab import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, SEVERITY_RANK


@dataclass
class FileReport:
    """The result for one file or text (what ``reportlint.check_text`` / ``check_file`` return).

    ``findings``: sorted, immutable :class:`~reportlint.finding.Finding` objects; ``error``: a
    Chinese message when the file could not be read (then ``findings`` is empty); ``profile``
    and ``profile_confidence``: the detected report type; ``lines``: the source lines findings
    point at; ``chars`` / ``paragraphs``: size; ``labels``: paragraph count per classifier label.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None
    profile: str | None = None
    profile_confidence: float = 0.0
    lines: dict[int, str] = field(default_factory=dict)  # source lines that findings point at
    chars: int = 0
    paragraphs: int = 0
    labels: dict[str, int] = field(default_factory=dict)

    def line_text(self, line: int) -> str | None:
        return self.lines.get(line)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def with_path(self, path: str) -> "FileReport":
        """The same report for a file read from a copy (e.g. one shipped to a cluster worker)."""
        return replace(self, path=path, findings=[replace(f, path=path) for f in self.findings])


def build_document(source, ruleset, opts: Options):
    from .outline import build

    doc = build(source.text, path=source.path, kind=source.kind, encoding=source.encoding,
                profiles=ruleset.profiles, profile=opts.profile, year=opts.year,
                styles=source.styles, parts=source.parts)
    doc.fonts = source.fonts
    return doc


def check_document(doc, ruleset, opts: Options) -> list[Finding]:
    from . import engine

    return engine.check_document(doc, ruleset, select=opts.select, ignore=opts.ignore,
                                 extend_select=opts.extend_select, severity_overrides=opts.severity_map)


def report_for(doc, findings, encoding) -> FileReport:
    lines = {}
    for f in findings:
        if f.line not in lines:
            lines[f.line] = doc.line_text(f.line)
    labels: dict[str, int] = {}
    for p in doc.paragraphs:
        if p.label:
            labels[p.label] = labels.get(p.label, 0) + 1
    return FileReport(doc.path, findings, None, encoding, doc.profile, doc.profile_confidence, lines,
                      len(doc.text), len(doc.paragraphs), labels)


def check_path(path: str, ruleset, opts: Options) -> FileReport:
    """Read, build, check one file. Input errors become ``FileReport.error``; never raises them."""
    from .readers import DEFAULT_MAX_BYTES, read_path

    try:
        source = read_path(path, opts.max_bytes or DEFAULT_MAX_BYTES)
        doc = build_document(source, ruleset, opts)
        findings = check_document(doc, ruleset, opts)
    except ReportlintError as exc:
        return FileReport(path, error=exc.message)
    return report_for(doc, findings, source.encoding)


def exit_code(reports, fail_on) -> int:
    """2 if a file failed, 1 if a finding reaches ``fail_on`` (one level, or one per report), else 0."""
    if any(r.error for r in reports):
        return EXIT_ERROR
    levels = [fail_on] * len(reports) if isinstance(fail_on, str) else list(fail_on)
    for r, level in zip(reports, levels):
        if any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in r.findings):
            return EXIT_FINDINGS
    return EXIT_OK
