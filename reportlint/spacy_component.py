"""spaCy pipeline component ``reportlint`` (optional: ``pip install reportlint[spacy]``).

Registered through the ``spacy_factories`` entry point, so after installing reportlint::

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("reportlint")                      # or nlp.add_pipe("reportlint", config={"select": ["PH"]})
    doc = nlp(text)
    for span in doc.spans["reportlint"]:
        print(span.label_, span.text, span._.reportlint_message)
    doc._.reportlint_paragraphs                     # [(start_char, end_char, label, confidence), …]
    spacy.displacy.render(doc, style="span", spans_key="reportlint")

The component runs reportlint on ``doc.text`` and maps each finding's character offsets
to tokens (``doc.char_span(..., alignment_mode="expand")``): a finding inside a word
marks the whole word. Span extensions (read-only, looked up from ``doc._.reportlint_findings``
so that two findings on the same tokens keep their own messages):
``reportlint_message``, ``reportlint_severity``, ``reportlint_rule`` (Chinese rule name),
``reportlint_suggestion``, ``reportlint_finding`` (the finding as a dict). Doc extensions:
``reportlint_findings`` (every finding as a dict, with its token span under ``"span"``;
``None`` for the rare finding that covers only whitespace), ``reportlint_paragraphs`` and
``reportlint_profile`` (detected report type). All values are plain data, so ``Doc.to_bytes``
and ``DocBin`` keep working.

spaCy's Chinese default segmenter is ``char`` (one token per character); use ``jieba`` as above
for word tokens. This module is the only one in reportlint that imports spaCy; spaCy imports it
when it creates any pipeline, so it must stay cheap and must not fail.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

SPANS_KEY = "reportlint"
_FIELDS = ("code", "severity", "message", "rule", "suggestion", "reference", "start", "end", "line",
           "column", "end_line", "end_column", "excerpt")


def _finding_of(span: Span) -> Optional[dict]:
    for f in span.doc._.reportlint_findings or ():
        at = f.get("span")  # a list, or a tuple after a DocBin round trip
        if at is not None and tuple(at) == (span.start, span.end) and f["code"] == span.label_:
            return f
    return None


def _field(name: str):
    def get(span: Span):
        f = _finding_of(span)
        return None if f is None else f.get(name)
    return get


def register_extensions() -> None:
    """Declare the ``._.reportlint_*`` attributes (idempotent)."""
    for attr, key in (("reportlint_message", "message"), ("reportlint_severity", "severity"),
                      ("reportlint_rule", "rule"), ("reportlint_suggestion", "suggestion")):
        if not Span.has_extension(attr):
            Span.set_extension(attr, getter=_field(key))
    if not Span.has_extension("reportlint_finding"):
        Span.set_extension("reportlint_finding", getter=_finding_of)
    for attr in ("reportlint_findings", "reportlint_paragraphs", "reportlint_profile"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


def offset_map(original: str):
    """Map offsets in the newline-normalised text (what reportlint checks) back to ``original``."""
    if "\r" not in original:
        return lambda i: i
    pos = []
    i, n = 0, len(original)
    while i < n:
        pos.append(i)
        i += 2 if original[i] == "\r" and i + 1 < n and original[i + 1] == "\n" else 1
    pos.append(n)
    return lambda k: pos[max(0, min(k, len(pos) - 1))]


class ReportlintComponent:
    """Finds problems in a report and stores them as spans; see the module docstring."""

    def __init__(self, nlp: Language, name: str, options: dict, spans_key: str = SPANS_KEY,
                 paragraphs: bool = True):
        register_extensions()
        self.name = name
        self.options = {k: v for k, v in options.items() if v not in (None, [], {})}
        self.spans_key = spans_key
        self.paragraphs = paragraphs

    def __call__(self, doc: Doc) -> Doc:
        from .api import _analyse, tagged

        report, document = _analyse(doc.text, **self.options)
        to_orig = offset_map(doc.text)
        spans, findings = [], []
        for f in report.findings:
            start, end = to_orig(f.start), to_orig(f.end)
            if end <= start:  # a point (e.g. "missing here"): mark the character at it
                end = min(start + 1, len(doc.text))
                start = max(0, end - 1)
            span = doc.char_span(start, end, label=f.code, alignment_mode="expand")
            d = {k: getattr(f, k) for k in _FIELDS}
            d["span"] = None if span is None else [span.start, span.end]
            findings.append(d)
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.reportlint_findings = findings
        doc._.reportlint_profile = report.profile
        if self.paragraphs:
            doc._.reportlint_paragraphs = [(to_orig(t.start), to_orig(t.end), t.label, t.confidence)
                                           for t in tagged(document)]
        return doc


@Language.factory(
    "reportlint",
    default_config={"select": None, "ignore": [], "extend_select": [], "severity": {}, "profile": None,
                    "year": None, "rules": [], "kind": "text", "spans_key": SPANS_KEY, "paragraphs": True},
    assigns=["doc.spans", "doc._.reportlint_findings", "doc._.reportlint_paragraphs"],
)
def make_component(nlp: Language, name: str, select: Optional[List[str]], ignore: List[str],
                   extend_select: List[str], severity: Dict[str, str], profile: Optional[str],
                   year: Optional[int], rules: List[str], kind: str, spans_key: str,
                   paragraphs: bool) -> ReportlintComponent:
    """Create the component; the config keys are the options of :func:`reportlint.check_text`."""
    opts = {"select": select, "ignore": ignore, "extend_select": extend_select, "severity": severity,
            "profile": profile, "year": year, "rules": rules, "kind": kind}
    comp = ReportlintComponent(nlp, name, opts, spans_key, paragraphs)
    from .api import _config, _prepare

    # Validate the options now, so a bad config fails at add_pipe time rather than on the first doc.
    _prepare(_config(None, None, select, ignore, extend_select, severity, profile, year, rules))
    return comp
