"""``--fix`` over every corpus report: each edit is one its rule's own examples make, and no edit
cuts into a word of the segmentation (the safe-fix contract of issue 14).

An edit is compared by its changed pieces (``(二)`` → ``（二）`` changes ``(``→``（`` and ``)``→``）``),
so a bracket or quote fix around any content matches the example that shows the same change.
"""
from __future__ import annotations

import difflib
import glob
import os

import pytest

from reportlint import tokenize
from reportlint.engine import hits_for_rule
from reportlint.fix import MAX_PASSES, apply_fixes, safe_fixes
from reportlint.options import Options
from reportlint.outline import build
from reportlint.readers import Source, read_path
from reportlint.report import build_document, check_document
from reportlint.rulecache import load_ruleset

pytestmark = pytest.mark.slow
CORPUS = os.path.join(os.path.dirname(__file__), os.pardir, "corpora", "reports")


def pieces(old: str, new: str) -> set:
    """The changed (old piece, new piece) pairs of an edit."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return {(old[a:b], new[c:d]) for op, a, b, c, d in sm.get_opcodes() if op != "equal"}


def example_edits(rule, profiles) -> set:
    """The changed pieces of every fix the rule makes on its own ``bad`` examples."""
    edits = set()
    for ex in rule.examples.get("bad", []):
        doc = build(ex.replace("\\n", "\n") if "\n" not in ex else ex, path="<示例>", profiles=profiles)
        for h in hits_for_rule(rule, doc):
            if h.fix is not None:
                edits |= pieces(doc.text[h.fix.start:h.fix.end], h.fix.replacement)
    return edits


def token_bounds(text: str) -> set:
    out, i = {0}, 0
    for w, _ in tokenize.pos(text):
        i += len(w)
        out.add(i)
    return out


def test_every_corpus_fix_is_an_example_edit_on_token_boundaries():
    rs = load_ruleset([])
    opts = Options()
    allowed = {r.code: example_edits(r, rs.profiles) for r in rs.rules if r.fixable}
    paths = sorted(glob.glob(os.path.join(CORPUS, "**", "*.txt"), recursive=True))
    assert len(paths) >= 150
    edits, strangers, cuts = 0, [], []
    for path in paths:
        src = read_path(path, 10 ** 8)
        text = src.text
        for _ in range(MAX_PASSES):
            doc = build_document(Source(path, text, src.encoding, src.kind), rs, opts)
            findings = check_document(doc, rs, opts)
            fixes = safe_fixes(findings, rs)
            if not fixes:
                break
            for fx in fixes:
                old = text[fx.start:fx.end]
                codes = {f.code for f in findings if f.fix is not None
                         and (f.fix.start, f.fix.end, f.fix.replacement) == (fx.start, fx.end, fx.replacement)}
                assert codes
                if not any(pieces(old, fx.replacement) <= allowed[c] for c in codes):
                    strangers.append((os.path.basename(path), sorted(codes), old, fx.replacement))
                para = doc.paragraph_at(fx.start)
                bounds = token_bounds(para.text)
                if fx.start - para.start not in bounds or fx.end - para.start not in bounds:
                    cuts.append((os.path.basename(path), sorted(codes), text[para.start:fx.end + 4][-12:]))
                edits += 1
            text = apply_fixes(text, fixes)
        assert text.count("\n") == src.text.count("\n"), path  # a fix never adds or removes a line
    assert edits > 500  # the corpus has plenty of planted punctuation and wording defects
    assert not strangers, strangers[:10]
    assert not cuts, cuts[:10]
