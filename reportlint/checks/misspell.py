"""Kind ``misspell``: a 别字 found by the dictionary, not by a list of known typos.

A written form is suspect when putting one same-sound (``sounds``) or similar-shape
(``shapes``) character in place of one of its characters turns it into a word of the
tokenizer's dictionary that is far more frequent than the written form itself
(倍受 → 备受, 份内 → 分内, 淡薄名利 → 淡泊名利). Two kinds of written form are tried, on the
part-of-speech tokens of each paragraph (:meth:`reportlint.context.Analysis.tagged`):

* one token of ``min_len`` (default 3) to four Han characters that is not a dictionary word,
  or a rare one (frequency at most ``max_freq``), and whose tag is not in ``skip_tags`` (names,
  places, numbers …);
* two adjacent Han tokens of at least two characters each (``join`` characters together at
  most), one of them not more frequent than ``join_max_freq``, whose concatenation is not a
  word while the changed one is (淡薄|名利 → 淡泊名利). Two frequent words side by side are an
  ordinary phrase; skipping them keeps the cost low.

Cost: every alike character at every position is one dictionary look-up, so the candidates
are kept few (the forms above); the same-sound table is grouped by reading and expanded only
when a character is looked up, so loading the rule costs about a millisecond. What a token is
(tried alone, part of a join, frequent or not) is worked out once per word. In batch workers
(:meth:`reportlint.context.Analysis.word_filter`) a filter of the dictionary's words of three or
more characters answers "not a word" without an engine call, and a bitmap built from the same
words (:meth:`reportlint.context.Analysis.alike_filter`) answers "no other word is one alike
character away" with a few probes: a written form it rules out (nearly all) is dropped before
its alike neighbours are hashed or its reading is worked out, and only neighbours that pass the
filter are looked up. The answer for a written form is a pure function of the rule and the
dictionary, so it is kept across documents (per rule, at most ``_MEMO_MAX``).

Two-character forms are not tried by default: measured on the corpus, most two-character
forms one sound away from a more frequent word are words jieba's dictionary barely knows
(民宿/民俗, 台账/台长, 防控/防空), and no frequency ratio separates them from 倍受/备受.

Same sound means the same reading in ``sounds`` (pinyin with tone: 薄/泊 bo2); for a single
token that does not read as two dictionary words, readings that differ only in tone count too
(符 fu2 / 副 fu4). Joined tokens and compounds, which are most of the candidates, get only the
exact readings: that keeps the look-ups few.

The suggestion must be a dictionary word of frequency at least ``min_freq``, and far more
likely than what is written, read the way the tokenizer reads text (a unigram model: a word's
probability is its frequency over the dictionary's total, about 6×10⁷ for jieba's): the
suggestion's probability must be at least ``ratio`` times that of the best reading of the
written form as one word or as two or three dictionary words. When the written form reads as
two dictionary words (示范|学校, 管理|重心, 第一|课 — compounds, not slips), the bar is
``ratio_compound`` instead: measured on the corpus, such compounds one character away from a
dictionary word score up to ~10³, while slips in idioms written as two words (淡薄|名利 →
淡泊名利, 出奇|不意 → 出其不意) score above 10⁴. Written forms in ``allow`` and suggestions in
``avoid`` are never reported.

Two-character forms are not tried (``min_len``): measured on the corpus, most two-character
forms one sound away from a more frequent word are words jieba's dictionary barely knows
(民宿/民俗, 台账/台长, 防控/防空), and no frequency ratio separates them from 倍受/备受.

Holes: ``{match}`` (the written form), ``{suggestion}`` (the word proposed), ``{bad}`` and
``{good}`` (the two characters), ``{why}`` (同音 or 形近).

Example (fires on “按步就班”, passes on “按部就班”)::

    kind: misspell
    sounds: {bu: 不部步布}
"""
from __future__ import annotations

import re

from ..errors import RuleFileError
from ..finding import Hit
from ._spec import NUMBER, Opt
from ._util import excepted, word_list

SUMMARY = "同音字、形近字造成的别字：换一个字后成为词典里可能得多的词"
OPTIONS = {
    "sounds": Opt(dict, True, doc="同音字表：{带声调的读音: 同音的字}，如 bo2: 伯博泊薄"),
    "shapes": Opt(list, doc="形近字组：每项是一组字形相近的字（如 己已巳）"),
    "min_freq": Opt(int, default=5, doc="建议的词在词典中的词频至少多少"),
    "ratio": Opt(NUMBER, default=10, doc="建议的词至少比原写法可能多少倍"),
    "ratio_compound": Opt(NUMBER, default=5000, doc="原写法能拆成两个词（如“示范|学校”）时，至少可能多少倍"),
    "max_freq": Opt(int, default=100, doc="原写法本身是词典里的词时，词频超过多少就不报告"),
    "min_len": Opt(int, default=3, doc="原写法至少几个字才检查（两个字的写法多是词典没收的新词，如“民宿”“台账”）"),
    "join": Opt(int, default=4, doc="两个相邻的词（各至少两个字）连起来最多几个字时也检查（0：不检查）"),
    "join_max_freq": Opt(int, default=1000, doc="两个相邻的词中至少一个的词频不超过多少才连起来检查（两个常用词相连多是正常的搭配）"),
    "skip_tags": Opt(list, doc="这些词性的词不检查（如 nr 人名、ns 地名）"),
    "allow": Opt(list, doc="这些写法不报告"),
    "avoid": Opt(list, doc="不建议改成这些词"),
}
DEFAULT_SCOPE = "paragraph"
_WHY = {"sound": "同音", "shape": "形近"}
TOTAL = 6.0e7  # jieba's dictionary: sum of all word frequencies (60,101,967), rounded
# The most frequent word of each length in jieba's dictionary (天安门 34010, 人民政府 15227):
# when the bar asks for more, no suggestion can clear it and no look-up is made.
MOST = {3: 34010, 4: 15227}


_MEMO_MAX = 50_000  # _best's answers kept per rule (about 10 MB); then the memo starts again

_HAN = re.compile("[\u4e00-\u9fff]*")


def _han(w: str) -> bool:
    return _HAN.fullmatch(w) is not None


def compile(rule):
    o = rule.options
    same: dict[str, list] = {}  # char -> [(characters read exactly alike, why), …]
    near: dict[str, list] = {}  # the same, tones ignored (fu2 and fu4 together)
    toneless: dict[str, str] = {}
    for reading, chars in o["sounds"].items():
        if not isinstance(chars, str) or not chars.strip() or not _han(chars.strip()):
            raise RuleFileError("应为一串汉字。", rule.path, f"sounds.{reading}")
        chars = chars.strip()
        for a in chars:
            same.setdefault(a, []).append((chars, "sound"))
        base = str(reading).rstrip("012345")
        toneless[base] = toneless.get(base, "") + chars
    for chars in toneless.values():
        chars = "".join(dict.fromkeys(chars))
        for a in chars:
            near.setdefault(a, []).append((chars, "sound"))
    for i, group in enumerate(word_list(rule, o.get("shapes") or [], "shapes")):
        group = group.strip()
        if not _han(group) or len(group) < 2:
            raise RuleFileError("每项应为至少两个汉字。", rule.path, f"shapes[{i}]")
        for a in group:
            same.setdefault(a, []).append((group, "shape"))
            near.setdefault(a, []).append((group, "shape"))
    skip = set(word_list(rule, o.get("skip_tags") or [], "skip_tags"))
    allow = set(word_list(rule, o.get("allow") or [], "allow"))
    avoid = set(word_list(rule, o.get("avoid") or [], "avoid"))
    # the alike groups (tones ignored) for the batch workers' bitmap; then _others' memo per table and the
    # other characters as one string per table; _best's answers for single tokens and for joins and what a
    # token is, per word, kept across documents (pure functions of the rule and the dictionary; emptied
    # past _MEMO_MAX)
    groups = tuple(dict.fromkeys(group for entries in near.values() for group, _ in entries))
    return (same, near, frozenset(near), groups), skip, allow, avoid, ({}, {}, {}, {}), ({}, {}, {})


def _reading(wf, w: str) -> tuple[float, bool]:
    """(probability of the best reading of ``w`` as one, two or three dictionary words,
    whether it reads as two dictionary words); ``wf`` gives a word's dictionary figure. A single
    character outside the dictionary counts as frequency 1; a longer piece outside it cannot be
    read.

    Every proper piece ``w[i:j]`` is looked up once into a table first; the products are then
    formed in the same order as a piece-by-piece reading would (so the same floats)."""
    n = len(w)
    best = wf(w) / TOTAL
    f: dict = {}
    p: dict = {}
    for i in range(n):
        for j in range(i + 1, n + 1 if i else n):
            x = f[i, j] = wf(w[i:j])
            p[i, j] = (x or (1 if j - i == 1 else 0)) / TOTAL
    two = False
    for i in range(1, n):
        a = p[0, i]
        two = two or (f[0, i] > 0 and f[i, n] > 0)
        best = max(best, a * p[i, n])
        for j in range(i + 1, n):
            best = max(best, a * p[i, j] * p[j, n])
    return best, two


def _others(table: dict, flat: dict, ch: str) -> tuple:
    """((other character, why), …) for ``ch`` in one alike table, in table order (memoised in
    ``flat``: a pure function of the rule)."""
    out = flat.get(ch)
    if out is None:
        out = flat[ch] = tuple((o, why) for group, why in table.get(ch, ()) for o in group if o != ch)
    return out


def _best(freq, filt, alike, written: str, o: dict, avoid: set, exact: bool = False, flat=None, maybe=None):
    """The likeliest word one alike character away from ``written`` that clears the bar, or None.
    ``freq`` gives a word's dictionary figure; ``filt`` is None or a set of integers that rules
    out non-words of three or more characters (``hash(word) not in filt``: figure 0, not looked
    up; see :meth:`reportlint.context.Analysis.word_filter`); ``maybe`` is None or, with the
    filter, the test of :meth:`reportlint.context.Analysis.alike_filter` (False: no other dictionary
    word one alike character away, so no answer)."""
    if filt is not None and o.get("min_freq", 5) > 0 and len(written) >= 3:
        # need >= min_freq > 0, so only dictionary words can clear the bar. Tones ignored, the
        # table holds every character the exact table holds: no word there, no answer at all —
        # decided before the reading of the written form is worked out
        if maybe is not None and not maybe(written, not exact and freq(written) > 0):
            return None  # no other word one alike character away (tones ignored: none with them either)
        k = 0 if exact else 1
        table, chars = alike[k], flat[2 + k] if flat is not None else {}
        for i, ch in enumerate(written):
            alt = chars.get(ch)
            if alt is None:
                alt = chars[ch] = "".join(other for other, _ in _others(table, {}, ch))
            # written is Han only (run checks it), so "%s" is the one format hole
            if alt and not filt.isdisjoint(map(hash, map((written[:i] + "%s" + written[i + 1:]).__mod__, alt))):
                break
        else:
            return None
    have, two = _reading(freq, written)
    bar = o.get("ratio_compound", 5000) if two else o.get("ratio", 10)
    need = max(o.get("min_freq", 5), bar * have * TOTAL)
    if need > MOST.get(len(written), 0):
        return None  # nothing in the dictionary is that frequent
    if filt is not None and not (need > 0 and len(written) >= 3):
        filt = None  # a figure of 0 could clear this bar, or the filter does not cover the length
    k = 0 if two or exact else 1  # compounds, joins: same tone only (most look-ups)
    table = alike[k]
    flat = flat[k] if flat is not None else {}
    best = None
    for i, ch in enumerate(written):
        others = _others(table, flat, ch)
        if not others:
            continue
        head, tail = written[:i], written[i + 1:]
        for other, why in others:
            cand = head + other + tail
            if filt is not None and hash(cand) not in filt:
                continue  # not a word: figure 0 < need
            f = freq(cand)
            if f >= need and (best is None or f > best[0]) and cand not in avoid:
                best = (f, cand, i, ch, other, why)
    return best


def run(rule, ctx, units):
    alike, skip, allow, avoid, flat, memo = rule.compiled
    o = rule.options
    max_freq = o.get("max_freq", 100)
    join = o.get("join", 4)
    join_max = o.get("join_max_freq", 1000)
    min_len = o.get("min_len", 3)
    near_chars = alike[2]
    freq = wf = ctx.word_freq_lookup()
    filt = ctx.word_filter()
    maybe = ctx.alike_filter(alike[3]) if filt is not None else None
    # _best's answers for single tokens and for joined pairs, and what a token is (below): for the
    # process when the dictionary is the standard one, else within this document
    alone, joined, kinds = memo if ctx.standard_dictionary else ({}, {}, {})
    lo = min(min_len, 2)  # shorter tokens are neither tried alone nor joined

    def kind_of(w):
        """What a token can be, a pure function of the word, the rule and the dictionary: bit 1 a
        written form tried alone (tag aside), bit 2 a part of a join, bit 4 a join part of
        frequency at most ``join_max_freq``; 0 for neither."""
        n = len(w)
        x = 0
        if n >= lo:
            han = _han(w)
            if min_len <= n <= 4 and han and w not in allow and wf(w) <= max_freq:
                x = 1
            if join and n >= 2 and han and n + 2 <= join:
                x |= 2 | (4 if wf(w) <= join_max else 0)
        if len(kinds) >= _MEMO_MAX:
            kinds.clear()
        kinds[w] = x
        return x

    def best_alone(w):
        b = alone.get(w, alone)
        if b is alone:
            if len(alone) >= _MEMO_MAX:
                alone.clear()
            b = alone[w] = _best(freq, filt, alike, w, o, avoid, False, flat, maybe)
        return b

    def best_joined(both):
        b = joined.get(both, joined)
        if b is joined:
            if len(joined) >= _MEMO_MAX:
                joined.clear()
            # the joined form is tried only when it is not a word itself and not allowed
            b = joined[both] = (None if wf(both) != 0 or both in allow
                                else _best(freq, filt, alike, both, o, avoid, True, flat, maybe))
        return b

    kget = kinds.get
    y = 0
    for base, text in units:
        if near_chars.isdisjoint(text):  # no character with an alike one
            continue
        tok = ctx.tagged(base, text)
        if tok is None:
            continue
        taken = -1  # end of the last reported span (no overlapping findings)
        get = tok.get
        at = -1  # the offset of the token whose kind y was found as the next one
        for s, (w, t, e) in tok.items():  # in offset order; the next token starts at e
            if s == at:
                x = y
            else:
                x = kget(w)
                if x is None:
                    x = kind_of(w)
            if not x or s < taken:
                continue
            found = None
            if x & 1 and t not in skip:
                b = best_alone(w)
                if b is not None:
                    found = (w, b)
            if found is None and x & 2:
                nxt = get(e)
                if nxt is not None:
                    w2, t2, _ = nxt
                    y = kget(w2)
                    if y is None:
                        y = kind_of(w2)
                    at = e
                    if (y & 2 and (x | y) & 4 and min_len <= len(w) + len(w2) <= join
                            and t not in skip and t2 not in skip):
                        both = w + w2
                        b = best_joined(both)
                        if b is not None:
                            found = (both, b)
            if found is None:
                continue
            written, (_, cand, i, ch, other, why) = found
            a, b = base + s, base + s + len(written)
            if rule.exceptions and excepted(rule, text, base, a, b):
                continue
            taken = s + len(written)
            yield Hit(a, b, {"match": written, "suggestion": cand, "bad": ch, "good": other, "why": _WHY[why]}, None)
