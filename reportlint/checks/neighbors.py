"""Kind ``neighbors``: a word judged by the part of speech of the word before it and the words after it.

Made for 的 → 得 before a degree complement: “完成的很好” (verb | 的 | degree adverb |
adjective) should be “完成得很好”. Unlike ``postag`` (a listed left word before the target),
the left word here is any word whose tag is in ``prev_pos``. Paragraphs are tokenized only
when the target followed by one of ``next_words`` occurs in them.

Options:
  ``target`` (required): the word in question (``的``).
  ``replace`` (required): the suggestion (``得``).
  ``prev_pos`` (required): tags the word before must have (``[v]``).
  ``next_words`` (required): words that must follow the target (很、非常、十分 …).
  ``then_pos``: tags the word after those must have (``[a, ad]``: the complement's head).
  ``not_before``: words that, right before the word before, make the phrase something else
  (所: “所做的非常有限”).
  ``not_after``: words that, right after the complement, show the whole is an attribute
  (的: “反映的十分集中的问题”).
Holes: ``{match}`` (the target), ``{suggestion}``, ``{left}`` (the word before), ``{next}``.

Example (fires on “完成的很好”, passes on “开展的很多活动”)::

    kind: neighbors
    target: 的
    replace: 得
    prev_pos: [v]
    next_words: [很, 非常]
    then_pos: [a]
"""
from __future__ import annotations

import re

from ..finding import Fix, Hit
from ._spec import Opt
from ._util import excepted, word_list

SUMMARY = "借助前一个词的词性和后面的词判断用字（如动词后接程度补语用“得”）"
OPTIONS = {
    "target": Opt(str, True, doc="要判断的字（如 的）"),
    "replace": Opt(str, True, doc="建议改为（如 得）"),
    "prev_pos": Opt(list, True, doc="前一个词须有的词性（如 v）"),
    "next_words": Opt(list, True, doc="后面须紧跟的词（如 很、非常）"),
    "then_pos": Opt(list, doc="再后一个词须有的词性（如 a）"),
    "not_before": Opt(list, doc="前一个词的前面是这些词时不报告（如 所）"),
    "not_after": Opt(list, doc="再后一个词的后面是这些词时不报告（如 的）"),
}
DEFAULT_SCOPE = "paragraph"


def compile(rule):
    o = rule.options
    for key in ("prev_pos", "next_words", "then_pos", "not_before", "not_after"):
        word_list(rule, o.get(key) or [], key)
    nxt = sorted(set(o["next_words"]), key=lambda w: (-len(w), w))
    cand = re.compile(f"{re.escape(o['target'])}(?={'|'.join(map(re.escape, nxt))})")
    return (cand, set(o["prev_pos"]), set(nxt), set(o.get("then_pos") or ()), set(o.get("not_before") or ()),
            set(o.get("not_after") or ()))


def run(rule, ctx, units):
    cand, prev_pos, nxt, then_pos, not_before, not_after = rule.compiled
    target, repl = rule.options["target"], rule.options["replace"]
    for base, text in units:
        if not cand.search(text):
            continue
        tok = ctx.tagged(base, text)
        if tok is None:
            continue
        seq = [(s, w, t) for s, (w, t, _) in sorted(tok.items())]
        for k in range(1, len(seq) - 1):
            s, w, _ = seq[k]
            if w != target or seq[k + 1][1] not in nxt or seq[k - 1][2] not in prev_pos:
                continue
            if k >= 2 and seq[k - 2][1] in not_before:
                continue
            then = seq[k + 2] if k + 2 < len(seq) else None
            if then_pos and (then is None or then[2] not in then_pos):
                continue
            after = seq[k + 3] if then is not None and k + 3 < len(seq) else None
            if after is not None and after[1] in not_after:
                continue
            a, b = base + s, base + s + len(w)
            if rule.exceptions and excepted(rule, text, base, a, b):
                continue
            fix = Fix(a, b, repl) if rule.fix_safe else None
            yield Hit(a, b, {"match": w, "suggestion": repl, "left": seq[k - 1][1], "next": seq[k + 1][1]}, fix)
