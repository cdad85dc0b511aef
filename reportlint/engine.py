"""The engine: run rules over a document, decide, and build findings.

check → decide (select / ignore / severity / suppression, all here) → findings.
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace

from .document import Document
from .finding import SEVERITY_RANK, Finding, Fix, Hit, sort_key
from .checks import KINDS
from .checks._util import fill
from .context import Analysis, analysis

EXCERPT_MAX = 60


def guard(rule):
    """User rules (``--rules DIR``) run under a time limit (see :mod:`reportlint.safe_regex`)."""
    if rule.options.get("_user"):
        from .safe_regex import time_limit

        return time_limit(rule)
    return nullcontext()


def hits_for_rule(rule, doc) -> list[Hit]:
    """The hits of one rule on a document (or on an :class:`~reportlint.context.Analysis`)."""
    ctx = analysis(doc)
    with guard(rule):
        return list(KINDS[rule.kind].run(rule, ctx, ctx.units(rule.scope)))


def matches_prefix(code: str, prefixes) -> int:
    """Length of the longest prefix in ``prefixes`` that ``code`` starts with (0 if none)."""
    best = 0
    for p in prefixes:
        if p == "ALL" and best == 0:
            best = 1
        elif code.startswith(p) and len(p) > best:
            best = len(p)
    return best


def is_selected(code: str, select, ignore, extend_select=()) -> bool:
    """The longest matching prefix decides; at equal length ``ignore`` wins (as in ruff:
    ``--select PH --ignore PH`` runs no PH rule)."""
    sel = matches_prefix(code, list(select or ["ALL"]) + list(extend_select or []))
    ign = matches_prefix(code, ignore or [])
    return sel > ign


_LEVEL = {"safe": 2, "unsafe": 1, "none": 0}


def settle_fix(rule, ctx: Analysis, fix: Fix | None) -> Fix | None:
    """The fix with its final applicability: the lower of the rule's ``fix`` level and the kind's,
    and never ``safe`` when the edit cuts into a word of the segmentation, when it matches one of
    the rule's ``unsafe_fix`` patterns, or when it spans more than one paragraph."""
    if fix is None:
        return None
    level = min(_LEVEL.get(rule.fix, 0), _LEVEL.get(fix.applicability, 0))
    if level == 2 and not _safe_in_context(rule, ctx, fix):
        level = 1
    app = next(k for k, v in _LEVEL.items() if v == level)
    return fix if app == fix.applicability else replace(fix, applicability=app)


def _safe_in_context(rule, ctx: Analysis, fix: Fix) -> bool:
    doc = ctx.doc
    para = doc.paragraph_at(fix.start)
    if para is None or fix.end > para.end or fix.start < para.start:
        return False
    for pat in rule.unsafe_fix:
        for m in pat.finditer(para.text):
            s, e = para.start + m.start(), para.start + m.end()
            if s < max(fix.end, fix.start + 1) and fix.start < e:
                return False
    tags = ctx.tagged(para.start, para.text)
    if tags is None:
        return False
    bounds = set(tags) | {len(para.text)}
    return fix.start - para.start in bounds and fix.end - para.start in bounds


def make_finding(rule, doc: Document, hit: Hit, severity: str) -> Finding:
    start = max(0, min(hit.start, len(doc.text)))
    end = max(start, min(hit.end, len(doc.text)))
    line, col = doc.position(start)
    eline, ecol = doc.position(end)
    values = dict(hit.values)
    values.setdefault("match", doc.text[start:end])
    msg = fill(hit.message or rule.message, values)
    excerpt = doc.text[start:end]
    if len(excerpt) > EXCERPT_MAX:
        excerpt = excerpt[:EXCERPT_MAX] + "…"
    location = ""
    if doc.parts:  # the reader marked named parts (Word): locate by part and paragraph, not line
        para = doc.paragraph_at(start)
        part = doc.part_at(start)
        if part is not None and part.label:
            location = part.label
        elif part is not None and part.para:  # Word body paragraph number (tables not counted)
            location = f"第 {part.para} 段"
        elif para is not None:
            location = f"第 {para.index + 1} 段"
    related = tuple(doc.position(o) for o in hit.related)
    return Finding(rule.code, severity, msg, doc.path, start, end, line, col, eline, ecol, excerpt,
                   rule.name, values.get("suggestion"), hit.fix, location, related, rule.reference)


def check_document(doc: Document, ruleset, select=None, ignore=None, extend_select=None,
                   severity_overrides=None, suppress=True, context: Analysis | None = None) -> list[Finding]:
    """Run every selected rule on ``doc``; return sorted, immutable findings. ``context``: the
    document's :class:`~reportlint.context.Analysis` (made here when not given)."""
    from .suppress import Suppressions

    ctx = context or Analysis(doc)
    overrides = severity_overrides or {}
    sup = Suppressions.parse(doc) if suppress else None
    findings: list[Finding] = []
    ran = []
    explicit = list(select or []) + list(extend_select or [])
    for rule in ruleset.rules:
        if rule.options.get("_disabled") and not matches_prefix(rule.code, explicit) >= len(rule.code):
            continue
        if not is_selected(rule.code, select, ignore, extend_select):
            continue
        ran.append(rule.code)
        sev = overrides.get(rule.code) or overrides.get(rule.family) or rule.severity
        with guard(rule):
            for hit in KINDS[rule.kind].run(rule, ctx, ctx.units(rule.scope)):
                if hit.fix is not None:
                    hit = replace(hit, fix=settle_fix(rule, ctx, hit.fix))
                f = make_finding(rule, doc, hit, sev)
                if sup is not None and sup.suppressed(f):
                    continue
                findings.append(f)
    findings = _drop_deferred(findings, ruleset.rules)
    if sup is not None and is_selected("SUP001", select, ignore, extend_select):
        sev = overrides.get("SUP001") or overrides.get("SUP") or "info"
        findings.extend(sup.unused_findings(doc, ran, [r.code for r in ruleset.rules], sev))
    findings.sort(key=sort_key)
    return findings


def _drop_deferred(findings: list[Finding], rules) -> list[Finding]:
    """One problem, one finding: a rule with ``defer: [CODE, …]`` gives way where a finding of
    one of those rules overlaps its own (WD009's guess yields to WD003's listed idiom)."""
    defer = {r.code: r.options["_defer"] for r in rules if r.options.get("_defer")}
    if not defer:
        return findings
    return [f for f in findings
            if f.code not in defer
            or not any(g.code in defer[f.code] and g.start < f.end and f.start < g.end for g in findings)]


def worst(findings) -> int:
    return max((SEVERITY_RANK[f.severity] for f in findings), default=-1)
