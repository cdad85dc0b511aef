"""Kind ``outlier``: a long paragraph whose vocabulary is far from the rest of the report.

A paragraph pasted from an unrelated article (a news item, another unit's material, a web page)
shares hardly any content words with the report around it. For every body paragraph of at least
``min_chars`` characters this kind counts its content words — words of two or more Chinese
characters whose part-of-speech tag starts with one of ``pos`` (nouns and verbs), less ``stop``
— and compares them with those of all the other body paragraphs: the cosine of the two word-count
vectors. A paragraph below ``threshold`` is reported. Headings, the title, table cells and docx
parts are left out on both sides; a paragraph with fewer than ``min_words`` distinct content
words, or a report whose other paragraphs hold fewer than ``min_rest`` content words, is not
judged (too little to compare). Holes: ``{score}`` (the cosine, two decimals), ``{shared}``
(how many of its content words occur elsewhere) and ``{words}`` (how many it has).

Example (fires on a paragraph about a cookery class inside a tax office's summary)::

    kind: outlier
    threshold: 0.04
"""
from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain

from ..finding import Hit
from ._spec import NUMBER, Opt
from ._util import word_list

SUMMARY = "用词与全文其余部分相差很远的长段落（疑似从无关文章粘贴）"
OPTIONS = {
    "threshold": Opt(NUMBER, default=0.04, doc="段落与其余部分实词向量的余弦低于此值时报告"),
    "min_chars": Opt(int, default=80, doc="只判断至少这么多字的段落"),
    "min_words": Opt(int, default=8, doc="段落至少有几个不同的实词才判断"),
    "min_rest": Opt(int, default=60, doc="其余段落合计至少有几个实词才判断"),
    "pos": Opt(list, default=["n", "v"], doc="算作实词的词性（标记的开头字母）"),
    "stop": Opt(list, doc="不算作实词的词（如 工作、开展）"),
}
DEFAULT_SCOPE = "document"

_HAN = re.compile(r"[\u3400-\u9fff]{2,}$")


def compile(rule):
    word_list(rule, rule.options.get("pos") or [], "pos")
    word_list(rule, rule.options.get("stop") or [], "stop")
    pos = tuple(rule.options.get("pos") or OPTIONS["pos"].default)
    stop = frozenset(rule.options.get("stop") or ())
    # answers kept across documents (pure functions of the rule): is a tag one of pos, is a word
    # Han, two characters or more, and not a stop word
    return _Judged(pos, _tag_ok), _Judged(stop, _word_ok)


_MEMO_MAX = 200_000


class _Judged(dict):
    """key -> judge(arg, key), worked out on first use (emptied past ``_MEMO_MAX`` entries)."""

    def __init__(self, arg, judge):
        super().__init__()
        self.arg, self.judge = arg, judge

    def __missing__(self, key):
        if len(self) >= _MEMO_MAX:
            self.clear()
        value = self[key] = self.judge(self.arg, key)
        return value


def _tag_ok(pos: tuple, tag: str) -> bool:
    return tag.startswith(pos)


def _word_ok(stop: frozenset, word: str) -> bool:
    return word not in stop and _HAN.match(word) is not None


def run(rule, ctx, units):
    doc = ctx.doc
    tag_ok, word_ok = rule.compiled
    o = rule.options
    threshold = o.get("threshold", 0.04)
    min_chars, min_words, min_rest = o.get("min_chars", 80), o.get("min_words", 8), o.get("min_rest", 60)
    paras = [p for p in doc.paragraphs
             if not p.table and not p.part and p.heading is None and p.index not in (doc.title, doc.subtitle)]
    if sum(len(p.text) >= min_chars for p in paras) < 3:
        return
    words = [_content_words(ctx, p, tag_ok, word_ok) for p in paras]
    total = Counter(chain.from_iterable(words))
    # the rest of the document is total − c; its sums are worked out from total's (integers, so
    # the cosine is the one of the two vectors exactly) instead of subtracting counters per paragraph
    n_total = sum(map(len, words))
    sq_total = sum(v * v for v in total.values())
    for p, ws in zip(paras, words):
        if len(p.text) < min_chars:
            continue
        c = Counter(ws)
        if len(c) < min_words:
            continue
        if n_total - len(ws) < min_rest:
            continue
        dot = shared = 0
        sq_rest = sq_total
        for k, v in c.items():
            t = total[k]
            r = t - v
            sq_rest -= t * t - r * r
            if r > 0:
                dot += v * r
                shared += 1
        norm = math.sqrt(sum(v * v for v in c.values()) * sq_rest)
        score = dot / norm if norm else 0.0
        if score < threshold:
            yield Hit(p.start, p.end, {"score": f"{score:.2f}", "shared": shared, "words": len(c)})


def _content_words(ctx, p, tag_ok, word_ok) -> list[str]:
    """The paragraph's content words in order (with repeats)."""
    tagged = ctx.tagged(p.start, p.text) or {}
    return [w for w, tag, _ in tagged.values() if tag_ok[tag] and word_ok[w]]
