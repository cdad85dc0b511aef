"""Kind ``opener``: the same stock opener starting consecutive paragraphs.

Options:
  ``words`` (required): the openers (近年来、通过、同时 …); a paragraph starting with one of
  them, longest first, counts. Only true paragraph openings are compared: a paragraph that opens
  with a run-in heading (“1．完善课程体系。根据……”) is not a paragraph opening with 根据, so it
  counts as a paragraph with no stock opener.
  ``min_run``: how many consecutive paragraphs make a finding (default 2).
Every paragraph of a run after the first is reported, pointing at where the run
began (``related``). Holes: ``{match}``, ``{count}`` (length of the run so far).

Example (fires on two paragraphs in a row starting “通过”)::

    kind: opener
    words: [通过, 近年来]
"""
from __future__ import annotations

from ..finding import Hit
from ._spec import Opt
from ._util import word_list

SUMMARY = "相邻段落用同一个套语开头"
OPTIONS = {
    "words": Opt(list, True, doc="段首套语"),
    "min_run": Opt(int, default=2, doc="连续几段同样开头才报告"),
}
DEFAULT_SCOPE = "paragraph"
_LEAD = " \t\u3000\u00a0"


def compile(rule):
    words = word_list(rule, rule.options["words"])
    return sorted(set(words), key=lambda w: (-len(w), w))


def _opener(words, body: str):
    for w in words:
        if body.startswith(w):
            return w
    return None


def run(rule, ctx, units):
    doc = ctx.doc
    words = rule.compiled
    need = max(2, rule.options.get("min_run", 2))
    run_word, run_start, run_items, prev_idx = None, None, [], None
    skip = {doc.title, doc.subtitle}

    def flush():
        if len(run_items) >= need:
            for k, (s, w) in enumerate(run_items[1:], start=2):
                yield Hit(s, s + len(w), {"match": w, "count": k}, related=(run_start,))

    for p in doc.paragraphs:
        if p.index in skip or p.heading is not None or p.table:
            w = None  # a heading, or a paragraph opening with a run-in heading
        else:
            body = p.body
            stripped = body.lstrip(_LEAD)
            w = _opener(words, stripped)
            s = (p.body_start if p.body_start is not None else p.start) + (len(body) - len(stripped))
        if w is not None and w == run_word and prev_idx == p.index - 1:
            run_items.append((s, w))
        else:
            yield from flush()
            run_items = [(s, w)] if w is not None else []
            run_word, run_start = w, (s if w is not None else None)
        prev_idx = p.index
    yield from flush()
