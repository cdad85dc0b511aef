"""Kind ``duplicate``: the same sentence, or nearly the same paragraph, twice in one report.

Options:
  ``unit`` (required): ``sentence`` (same text, ignoring spaces and punctuation),
  ``paragraph`` (character n-gram Jaccard similarity of at least ``similarity``) or
  ``clause``: a clause (a piece of a sentence between ，；： marks) in one top-level section that
  nearly repeats a clause of another top-level section (edit similarity of at least
  ``similarity``, e.g. a figure sentence of 做法 restated in 成效 with one character changed).
  Clauses before the first heading (the opening summary) are not compared; a pair whose
  sentences are the same (DUP001's) or whose paragraphs are alike (DUP002's) is left to those.
  ``min_chars``: shorter units are ignored (default 12 for sentences and clauses, 30 for paragraphs).
  ``similarity``: for paragraphs, 0–1 (default 0.8).
  ``ngram``: n-gram size for paragraphs (default 2).
  ``require``: for clauses, a regular expression both clauses must match (``[0-9]``: only
  figure clauses, since set phrases such as slogans recur on purpose). ``skip``: clauses matching
  this are not compared (targets and plans: a plan restating last year's figure is no repeat).
  ``skip_similar_paragraphs``: for sentences, do not report a repeat whose two
  paragraphs are themselves this similar (the paragraph rule reports them; default 0 = off).
The later copy is reported, pointing at the earlier one (``related``; ``{line}`` hole).
Title, headings and table cells are not compared.

Example (fires on a sentence pasted into two paragraphs)::

    kind: duplicate
    unit: sentence
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from array import array
from itertools import chain

from .. import compiled
from ..errors import RuleFileError
from ..finding import Hit
from ._spec import NUMBER, Opt

SUMMARY = "重复的句子、几乎相同的段落"
OPTIONS = {
    "unit": Opt(str, True, doc="sentence（句子）、paragraph（段落）或 clause（不同章节间几乎相同的分句）"),
    "min_chars": Opt(int, doc="至少多少字才比较（句子默认 12，段落默认 30）"),
    "similarity": Opt(NUMBER, default=0.8, doc="段落相似度阈值（0–1）"),
    "ngram": Opt(int, default=2, doc="按几个字一组比较"),
    "require": Opt(str, doc="clause：两处分句都须含有的内容（正则），如 [0-9] 只比较带数字的分句"),
    "skip": Opt(str, doc="clause：含有这些内容（正则，如目标、计划用语）的分句不比较"),
    "skip_similar_paragraphs": Opt(NUMBER, default=0, doc="所在段落的相似度达到该值时不报告其中的重复句（0：不跳过）"),
}
DEFAULT_SCOPE = "document"
_DROP = re.compile(r"[\s\u3000\W_]+")


def compile(rule):
    o = rule.options
    if o["unit"] not in ("sentence", "paragraph", "clause"):
        raise RuleFileError("只能是 sentence、paragraph 或 clause。", rule.path, "unit")
    for k in ("similarity", "skip_similar_paragraphs"):
        if k in o and not 0 <= o[k] <= 1:
            raise RuleFileError("应为 0 到 1 之间的数。", rule.path, k)
    if o.get("ngram", 2) < 1:
        raise RuleFileError("应为正整数。", rule.path, "ngram")
    return None


def norm(text: str) -> str:
    return _DROP.sub("", text)


def grams(text: str, n: int) -> frozenset:
    """The set of ``text``'s n-grams once normalised (bigrams as integers: :func:`bigrams`)."""
    return _ngrams(norm(text), n)


def _ngrams(t: str, n: int) -> frozenset:
    if n == 2:
        return bigrams(t)
    if len(t) <= n:
        return frozenset([t]) if t else frozenset()
    return frozenset(t[i:i + n] for i in range(len(t) - n + 1))


_SWAP = array("I", b"\x01\x00\x00\x00")[0] == 1  # little-endian: big-endian words need swapping


def bigrams(t: str) -> frozenset:
    """The character bigrams of the normalised text ``t`` as integers, ``ord(a) << 32 | ord(b)``
    for the bigram ``ab`` — one to one, and in the order of the strings, so sets of them have the
    sizes, intersections and sorted order the sets of two-character strings had. Read from the
    text's UTF-32 code units in C: the words at even offsets are the bigrams at even positions,
    those at odd offsets the others. A text of one character stands for itself (``-1 - ord``,
    never a bigram), as its one-character string did."""
    n = len(t)
    if n <= 2:
        if n == 2:
            return frozenset([ord(t[0]) << 32 | ord(t[1])])
        return frozenset([-1 - ord(t)]) if t else frozenset()
    b = t.encode("utf-32-be", "surrogatepass")
    even, odd = array("Q", b[:8 * (n // 2)]), array("Q", b[4:4 + 8 * ((n - 1) // 2)])
    if _SWAP:
        even.byteswap()
        odd.byteswap()
    return frozenset(chain(even, odd))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _paragraphs(doc):
    return [p for p in doc.content_paragraphs if not p.table]


def _body(doc, p):
    s = p.body_start if p.body_start is not None else p.start
    return s, doc.text[s:p.end]


def _body_bigrams(ctx):
    """p -> the bigrams of paragraph p's body, computed once per document for all DUP rules."""
    memo = ctx.shared("duplicate.body_bigrams", dict)
    doc = ctx.doc

    def pg(p):
        g = memo.get(p.index)
        if g is None:
            g = memo[p.index] = bigrams(norm(_body(doc, p)[1]))
        return g

    return pg


def _sentence_keys(ctx):
    """The normalised text of every content sentence, as ``ctx.content_sentences()`` lists them."""
    return ctx.shared("duplicate.sentence_keys",
                      lambda: [[norm(s.text) for s in sents] for _, sents in ctx.content_sentences()])


def run(rule, ctx, units):
    doc = ctx.doc
    if rule.options["unit"] == "paragraph":
        yield from _run_paragraphs(rule, ctx)
    elif rule.options["unit"] == "clause":
        yield from _run_clauses(rule, ctx)
    else:
        yield from _run_sentences(rule, ctx)


def _run_paragraphs(rule, ctx):
    doc = ctx.doc
    o = rule.options
    n, limit, min_chars = o.get("ngram", 2), float(o.get("similarity", 0.8)), o.get("min_chars", 30)
    items, texts = [], []
    for p in _paragraphs(doc):
        s, body = _body(doc, p)
        t = norm(body)
        if len(t) >= min_chars:
            items.append((s, p.end))
            texts.append(t)
    if len(items) < 2:
        return
    if n == 2:
        found = similar_pairs(texts, limit)
    else:
        found = _similar_pure([_ngrams(t, n) for t in texts], limit)
    for k, c, sim in found:
        s0 = items[c][0]
        yield Hit(*items[k], {"line": doc.position(s0)[0], "similarity": f"{sim * 100:.0f}%"}, related=(s0,))


def similar_pairs(texts: list[str], limit: float) -> list[tuple[int, int, float]]:
    """[(k, c, similarity), …], k ascending: each text (normalised) whose bigrams' Jaccard
    similarity to an earlier text c, itself not listed, is at least ``limit`` — c the most similar,
    the first of equals. The compiled ``reportlint_native.similar_pairs`` when there is one, else
    :func:`_similar_pure` over :func:`bigrams`; the same list either way."""
    native = compiled.function("similar_pairs")
    if native is not None:
        return native(texts, limit)
    return _similar_pure([bigrams(t) for t in texts], limit)


def _similar_pure(sets: list[frozenset], limit: float) -> list[tuple[int, int, float]]:
    """Set-similarity join with prefix filtering: two sets with Jaccard >= t share one of the
    first ``len - ceil(t * len) + 1`` grams of each, under any one order of the grams."""
    out = []
    index: dict = {}
    for k, g in enumerate(sets):
        order = sorted(g)
        prefix = order[:len(order) - math.ceil(limit * len(order)) + 1]
        best = None
        for c in sorted({c for x in prefix for c in index.get(x, ())}):
            g0 = sets[c]
            if min(len(g), len(g0)) < limit * max(len(g), len(g0)):
                continue  # Jaccard cannot reach the limit
            sim = jaccard(g, g0)
            if sim >= limit and (best is None or sim > best[1]):
                best = (c, sim)
        if best is not None:
            out.append((k, *best))
        else:
            for x in prefix:
                index.setdefault(x, []).append(k)
    return out


def _run_sentences(rule, ctx):
    doc = ctx.doc
    o = rule.options
    min_chars = o.get("min_chars", 12)
    skip = float(o.get("skip_similar_paragraphs", 0) or 0)
    first: dict[str, tuple[int, object]] = {}
    pg = _body_bigrams(ctx)
    for (p, sents), keys in zip(ctx.content_sentences(), _sentence_keys(ctx)):
        if p.table:
            continue
        for sent, key in zip(sents, keys):
            if len(key) < min_chars:
                continue
            if key not in first:
                first[key] = (sent.start, p)
                continue
            s0, p0 = first[key]
            if skip and p0 is not p and jaccard(pg(p0), pg(p)) >= skip:
                continue
            yield Hit(sent.start, sent.end, {"line": doc.position(s0)[0]}, related=(s0,))


_CLAUSE_END = re.compile(r"[，,；;：:]")
_MARKED = re.compile(r"(?:_|[^\w，,；;：:])+")  # what norm drops (_DROP), less the clause marks


def _clauses(ctx, min_chars: int, span: int = 3, need=None, drop=None):
    """[(start, end, normalised text, top section, sentence start, sentence key, paragraph)]: every
    run of 1 to ``span`` consecutive clauses of a body sentence with at least ``min_chars``
    characters (a figure clause is often short; with its neighbour it says one thing) whose text
    matches the pattern ``need`` and not the pattern ``drop`` (each optional)."""
    doc = ctx.doc
    text = doc.text
    # a pattern that looks only at what it consumes matches a run only if it matches its sentence
    need_free = need is not None and _context_free(need.pattern)
    drop_free = drop is not None and _context_free(drop.pattern)
    tops = [s for _, s, _ in doc.top_sections()]
    out = []
    for (p, sents), skeys in zip(ctx.content_sentences(), _sentence_keys(ctx)):
        if p.table:
            continue
        sec = bisect.bisect_right(tops, p.start) - 1
        if sec < 0:
            continue  # the opening summary before the first heading restates on purpose
        for sent, skey in zip(sents, skeys):
            if len(skey) < min_chars:
                continue  # every run's key is a part of the sentence's key
            if need_free and need.search(sent.text) is None:
                continue
            need_run = need is not None
            drop_run = drop is not None and (not drop_free or drop.search(sent.text) is not None)
            # norm drops characters one by one, clause marks among them: the pieces' keys are the
            # pieces of the sentence normalised with its marks kept
            pieces, pos = [], sent.start
            for piece, key in zip(_CLAUSE_END.split(sent.text), _CLAUSE_END.split(_MARKED.sub("", sent.text))):
                if key:
                    lead = len(piece) - len(piece.lstrip(" \t\u3000"))
                    tail = len(piece) - len(piece.rstrip("。！？!?；; \t\u3000"))
                    pieces.append((pos + lead, pos + len(piece) - tail, key))
                pos += len(piece) + 1
            # what lies between two pieces (a clause mark, spaces, end punctuation) is all dropped
            # by norm: a run's key is its pieces' keys joined
            for i in range(len(pieces)):
                key = ""
                for j in range(i, min(len(pieces), i + span)):
                    key += pieces[j][2]
                    if len(key) >= min_chars:
                        a, b = pieces[i][0], pieces[j][1]
                        if need_run and need.search(text[a:b]) is None:
                            continue
                        if drop_run and drop.search(text[a:b]) is not None:
                            continue
                        out.append((a, b, key, sec, sent.start, skey, p))
    return out


@functools.lru_cache(maxsize=256)
def _context_free(pattern: str) -> bool:
    """Whether ``pattern`` inspects only the characters a match consumes — no anchors, word
    boundaries, look-arounds, atomic groups or possessive repeats — so that whatever it matches in
    a part of a text it also matches in the whole (then a sentence without a match has no run with
    one). False when it cannot be told."""
    try:
        from re import _constants as c, _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        return False
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:  # pragma: no cover - validated at load
        return False
    bad = {c.AT, c.ASSERT, c.ASSERT_NOT}
    bad.update(getattr(c, name) for name in ("ATOMIC_GROUP", "POSSESSIVE_REPEAT") if hasattr(c, name))

    def free(obj) -> bool:
        if isinstance(obj, sre_parse.SubPattern):
            return all(op not in bad and free(av) for op, av in obj)
        if isinstance(obj, (list, tuple)):
            return all(free(x) for x in obj)
        return True

    return free(parsed)


def _run_clauses(rule, ctx):
    """Candidates have lengths within the ``similarity`` ratio and share enough character bigrams
    (:func:`near_pairs`, compiled when it can be), then the edit similarity (difflib's ratio)
    decides."""
    import difflib

    doc = ctx.doc
    o = rule.options
    limit, min_chars = float(o.get("similarity", 0.8)), o.get("min_chars", 12)
    items = _clauses(ctx, min_chars, need=re.compile(o["require"]) if o.get("require") else None,
                     drop=re.compile(o["skip"]) if o.get("skip") else None)
    pg = _body_bigrams(ctx)

    found: dict[int, tuple] = {}  # sentence start -> (similarity, length, start, end, earlier start)
    for k, c in near_pairs([it[2] for it in items], [it[3] for it in items], limit):
        s, e, key, sec, sstart, skey, p = items[k]
        s0, _, key0, sec0, _, skey0, p0 = items[c]
        if sec0 == sec or skey0 == skey:
            continue
        sim = difflib.SequenceMatcher(None, key0, key, autojunk=False).ratio()
        if sim < limit or jaccard(pg(p0), pg(p)) >= 0.8:
            continue
        cand = (len(key), sim, s, e, s0)
        if sstart not in found or cand > found[sstart]:
            found[sstart] = cand  # the same whatever order the earlier clauses are tried in
    for _, (_, sim, s, e, s0) in sorted(found.items()):
        yield Hit(s, e, {"line": doc.position(s0)[0], "similarity": f"{sim * 100:.0f}%"}, related=(s0,))


def near_pairs(keys: list[str], groups: list[int], limit: float) -> list[tuple[int, int]]:
    """[(k, c), …], k ascending, then c < k ascending: the clauses c before clause k (``keys``:
    their normalised texts) of another group (``groups``: their sections) whose lengths are within
    ``limit`` of each other and which share at least ``limit / 2`` of k's distinct bigrams — the
    pairs worth an edit-similarity test. The
    compiled ``reportlint_native.near_pairs`` when there is one (:mod:`reportlint.compiled`), else
    :func:`_near_pairs_pure`; the same list either way (``tests/test_kind_speedups.py``)."""
    return (compiled.function("near_pairs") or _near_pairs_pure)(keys, groups, limit)


def _near_pairs_pure(keys: list[str], groups: list[int], limit: float) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lengths: list[int] = []
    sets: list[frozenset] = []
    if len(groups) != len(keys):
        raise ValueError("near_pairs: one group per key")
    for k, (key, grp) in enumerate(zip(keys, groups)):
        n = len(key)
        g = bigrams(key)
        need = limit * 0.5 * max(len(g), 1)  # shared bigrams an earlier clause needs
        lo, hi = _partner_lengths(n, limit)  # the lengths an earlier clause may have
        out += [(k, c) for c, n0 in enumerate(lengths)
                if lo <= n0 <= hi and groups[c] != grp and len(g & sets[c]) >= need]
        lengths.append(n)
        sets.append(g)
    return out


@functools.lru_cache(maxsize=4096)
def _partner_lengths(n: int, limit: float) -> tuple[int, int]:
    """(lo, hi): the lengths m with ``min(n, m) >= limit * max(n, m)`` (the test the pairs had to
    pass) are exactly lo..hi — it is monotone in m on either side of n, so the bounds are found by
    the very same comparison, stepping from a guess."""
    if limit <= 0:
        return 0, 1 << 62

    def ok(m):
        return min(n, m) >= limit * max(n, m)

    lo = min(n, max(0, int(limit * n)))
    while lo > 0 and ok(lo - 1):
        lo -= 1
    while lo < n and not ok(lo):
        lo += 1
    hi = max(n, int(n / limit))
    while ok(hi + 1):
        hi += 1
    while hi > n and not ok(hi):
        hi -= 1
    return lo, hi
