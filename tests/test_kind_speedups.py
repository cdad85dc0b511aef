"""The check kinds made faster for batch throughput (issue 20) report exactly what they reported
before: each built-in rule of a sped-up kind is run with the current module and with the
pre-change module kept in ``tests/kinds_before/`` (the same code, only the imports made absolute),
on every corpus report and on mutated copies of them that provoke many more hits (same-sound
characters swapped in for WD009, sentences and paragraphs repeated for the DUP rules, foreign
paragraphs for WM012, placeholder and punctuation slips and template residue in mixed case
for the regex rules). The hits — spans, values, fixes, related offsets, in order — must be equal.
"""
from __future__ import annotations

import dataclasses
import glob
import os
import random

import pytest

from reportlint.checks import KINDS
from reportlint.context import Analysis
from reportlint.outline import build
from reportlint.rulecache import load_ruleset

from kinds_before import claim as ref_claim
from kinds_before import density as ref_density
from kinds_before import duplicate as ref_duplicate
from kinds_before import misspell as ref_misspell
from kinds_before import outlier as ref_outlier
from kinds_before import regex as ref_regex
from kinds_before import substitution as ref_substitution
from kinds_before import translate as ref_translate

from conftest import compiled_helpers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True)
                + glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.md"), recursive=True))
REFERENCE = {"misspell": ref_misspell, "duplicate": ref_duplicate, "outlier": ref_outlier, "regex": ref_regex,
             "substitution": ref_substitution, "translate": ref_translate, "density": ref_density, "claim": ref_claim}


def _texts():
    out = []
    for p in CORPUS:
        with open(p, encoding="utf-8") as fh:
            out.append(fh.read())
    return out


def _sound_table(ruleset) -> dict[str, str]:
    """char -> the characters read alike (WD009's table), for planting slips."""
    rule = next(r for r in ruleset.rules if r.code == "WD009")
    out: dict[str, str] = {}
    for chars in rule.options["sounds"].values():
        for ch in chars:
            out[ch] = out.get(ch, "") + chars
    return out


def _wrong_forms(ruleset) -> list[str]:
    """The literal wrong forms of the substitution rules (WD001–WD006), for planting."""
    from reportlint.checks._util import required_strings

    out = []
    for rule in ruleset.rules:
        if rule.kind == "substitution":
            for pat, _, _ in rule.compiled.entries:
                out.extend(required_strings(pat.pattern) or ())
    return sorted(set(out))


def _mutate(text: str, rnd: random.Random, alike: dict[str, str], texts: list[str], wrong=()) -> str:
    paras = text.split("\n")
    out = []
    for para in paras:
        chars = list(para)
        for _ in range(len(chars) // 25):  # a slip every 25 characters or so
            i = rnd.randrange(len(chars))
            group = alike.get(chars[i])
            if group:
                chars[i] = rnd.choice(group)
        para = "".join(chars)
        r = rnd.random()
        if r < 0.05 and out:
            para = para + out[rnd.randrange(len(out))]  # an earlier paragraph pasted again
        elif r < 0.08:
            other = rnd.choice(texts).split("\n")
            para = para + rnd.choice(other)  # a foreign paragraph's words
        elif r < 0.12:
            para = para.replace("年", "XX年", 1).replace("，", ",,", 1).replace("的", "的的", 1)
        elif r < 0.15 and len(para) > 20:
            k = rnd.randrange(len(para) - 10)
            para = para + "。" + para[k:k + 15] + "2" + para[k + 15:k + 30]  # a clause restated
        elif r < 0.19:  # template residue in mixed case, doubled punctuation (case-folded rules)
            para = para + rnd.choice(["开通Vip会员", "HTTP://Www.Fanwen.COM/a", "vıp专享", "扫码订阅", "。。。",
                                      "、、", "了了", "QQ：123456789", "WWW.wenmi.Cn"])
        elif r < 0.23 and wrong:
            k = rnd.randrange(len(para) + 1)
            para = para[:k] + rnd.choice(wrong) + para[k:]  # a listed wrong form
        out.append(para)
    return "\n".join(out)


def _hits(mod, rule, doc):
    ctx = Analysis(doc)
    return [dataclasses.astuple(h) for h in mod.run(rule, ctx, ctx.units(rule.scope))]


@pytest.fixture(scope="module")
def documents():
    ruleset = load_ruleset()
    texts = _texts()
    rnd = random.Random(20)
    alike = _sound_table(ruleset)
    docs = [build(t, profiles=ruleset.profiles) for t in texts]
    wrong = _wrong_forms(ruleset)
    docs += [build(_mutate(t, rnd, alike, texts, wrong), profiles=ruleset.profiles) for t in texts]
    return ruleset, docs


@pytest.mark.parametrize("kind", sorted(REFERENCE))
def test_same_hits_as_before(kind, documents):
    ruleset, docs = documents
    rules = [r for r in ruleset.rules if r.kind == kind]
    assert rules
    ref = REFERENCE[kind]
    total = 0
    for rule in rules:
        old_rule = dataclasses.replace(rule, compiled=ref.compile(rule))
        for doc in docs:
            new = _hits(KINDS[kind], rule, doc)
            assert new == _hits(ref, old_rule, doc), (rule.code, doc.text[:40])
            total += len(new)
    assert total >= 5  # the mutated reports provoke hits of every sped-up kind


# ---------------------------------------------------------------- WD009's dictionary word filter (issue 20)

@pytest.mark.parametrize("with_filter", [False, True], ids=["check path", "batch worker"])
def test_misspell_same_hits_with_and_without_the_word_filter(with_filter, documents, monkeypatch):
    """Batch workers load the filter of long dictionary words (non-words skip the engine call) and
    keep WD009's answers across documents; ``check`` asks the engine. Both give the hits of the
    pre-change module, on the corpus and on the slip-planted copies."""
    from reportlint import tokenize

    ruleset, docs = documents
    loaded = tokenize.load_word_filter()
    assert loaded is not None
    monkeypatch.setattr(tokenize, "_WORD_HASHES", loaded if with_filter else None)
    rule = next(r for r in ruleset.rules if r.code == "WD009")
    old_rule = dataclasses.replace(rule, compiled=ref_misspell.compile(rule))
    new_rule = dataclasses.replace(rule, compiled=KINDS["misspell"].compile(rule))
    total = 0
    for doc in docs + docs[:40]:  # the first 40 again: answers from the cross-document memo
        new = _hits(KINDS["misspell"], new_rule, doc)
        assert new == _hits(ref_misspell, old_rule, doc), doc.text[:40]
        total += len(new)
    assert total >= 20
    alone, joined, kinds = new_rule.compiled[5]
    assert len(alone) > 1000 and len(joined) > 1000 and len(kinds) > 1000  # the memos were used


def test_word_filter_passes_every_word_the_engine_knows(tmp_path, monkeypatch):
    """The filter may only ever say "not a word" for what rjieba does not know: every 3- and 4-gram
    of the corpus that rjieba's dictionary holds passes it, and every long user-dictionary word;
    most other n-grams do not. Built from jieba's file, kept in the cache folder and rebuilt from
    it identically; look-ups through it give the engine's figures."""
    import re

    from reportlint import tokenize

    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path))
    eng = tokenize._engine()
    assert tokenize.engine_name() == "rjieba"  # a dependency; the filter is for this engine only
    monkeypatch.setattr(tokenize, "_WORD_HASHES", None)
    hashes = tokenize.load_word_filter()
    assert [p.name for p in tmp_path.iterdir()][0].startswith("words-")
    monkeypatch.setattr(tokenize, "_WORD_HASHES", None)
    assert tokenize.load_word_filter() == hashes  # rebuilt from the cache file
    assert 200_000 < len(hashes) < 240_000

    def passes(w):
        return hash(w) in hashes

    grams = set()
    for text in _texts():
        for run in re.findall("[\u4e00-\u9fff]{3,}", text):
            for n in (3, 4):
                grams.update(run[i:i + n] for i in range(len(run) - n + 1))
    known = [g for g in grams if eng.has_word(g)]
    assert len(known) > 3000
    assert [g for g in known if not passes(g)] == []
    unknown = [g for g in grams if not eng.has_word(g)]
    assert len(unknown) > 10_000 and sum(map(passes, unknown)) == 0  # no 64-bit hash collision here
    user = [w for w in tokenize._USER_WORDS if len(w) >= 3]
    assert user and [w for w in user if not passes(w)] == []
    lookup = tokenize.word_freq_function()
    sample = sorted(grams)[::7] + known[:500] + ["备受", "倍受", "份内", "淡泊名利", "淡薄名利"]
    assert [lookup(g) for g in sample] == [tokenize.word_freq_with("rjieba", eng, g) for g in sample]
    assert sum(1 for g in sample if lookup(g)) > 500


# ---------------------------------------------------------------- WD009's alike-character bitmap (issue 20, third pass)

def _alike_words_and_groups(ruleset):
    from reportlint import tokenize

    assert tokenize.load_word_filter() is not None
    rule = next(r for r in ruleset.rules if r.code == "WD009")
    groups = KINDS["misspell"].compile(rule)[0][3]
    with open(tokenize._WORDS_AT[0], encoding="utf-8") as fh:
        words = {w.rstrip() for w in fh if w.strip()}
    return words, groups


def _other_word_one_alike_away(written, words, others) -> bool:
    """Whether a dictionary word is ``written`` with one character replaced by an alike one
    (``others``: char -> the other characters sharing a group with it)."""
    return any(written[:i] + a + written[i + 1:] in words for i, ch in enumerate(written) for a in others.get(ch, ""))


def test_alike_filter_rules_out_only_forms_without_an_alike_word(documents):
    """``maybe(w, word)`` may say False only when no other dictionary word is one alike character
    away — checked by brute force on the strings: every 3- and 4-gram of the corpus and of the
    slip-planted copies, dictionary words with one character swapped for an alike one (the slips
    WD009 is for), and random strings of alike characters. It must also rule out most of them
    (else it saves nothing), and a dictionary word with no alike neighbour must be ruled out when
    called as a word (it finds itself in the first bitmap)."""
    import re

    from reportlint import tokenize

    ruleset, docs = documents
    words, groups = _alike_words_and_groups(ruleset)
    others: dict[str, set] = {}
    for g in groups:
        for ch in g:
            others.setdefault(ch, set()).update(g.replace(ch, ""))
    maybe = tokenize.alike_filter(groups)
    assert maybe is not None and tokenize.alike_filter(groups) is maybe  # once per process
    rnd = random.Random(3)
    grams = set()
    for doc in docs:
        for run in re.findall("[\u4e00-\u9fff]{3,}", doc.text):
            for n in (3, 4):
                grams.update(run[i:i + n] for i in range(len(run) - n + 1))
    alike_chars = "".join(sorted({ch for g in groups for ch in g}))
    sample = sorted(w for w in words if len(w) <= 4)[::40]
    slips = []
    for w in sample:
        i = rnd.randrange(len(w))
        g = [g for g in groups if w[i] in g]
        if g:
            slips.append(w[:i] + rnd.choice(rnd.choice(g)) + w[i + 1:])
    noise = ["".join(rnd.choice(alike_chars) for _ in range(rnd.choice((3, 4)))) for _ in range(3000)]
    forms = sorted(grams) + slips + noise + sample
    ruled_out = 0
    for w in forms:
        is_word = w in words
        if not maybe(w, is_word):
            ruled_out += 1
            assert not _other_word_one_alike_away(w, words, others), w
        if not is_word:
            assert maybe(w, False) or not maybe(w, True)  # the second bitmap holds fewer keys
    assert ruled_out > 0.6 * len(forms)
    lonely = [w for w in sample if not _other_word_one_alike_away(w, words, others)]
    assert len(lonely) > 100 and sum(not maybe(w, True) for w in lonely) > 0.8 * len(lonely)
    assert all(maybe(w, False) for w in sample if any(ch in others for ch in w))  # as a non-word, it finds itself
    assert maybe("天安", False) and maybe("一二三四五", False)  # lengths not covered
    assert not maybe("𠀀𠀁𠀂", False)  # no character with an alike one


def test_alike_filter_is_kept_in_the_cache_folder(tmp_path, monkeypatch, documents):
    """Built once from the word list, written as alike-*.bin in the cache folder and read back the
    same; None where no word filter is loaded (``check``) or a word-frequency function is handed in."""
    from reportlint import tokenize
    from reportlint.outline import build as build_doc

    ruleset, _ = documents
    monkeypatch.setenv("REPORTLINT_CACHE", str(tmp_path))
    monkeypatch.setattr(tokenize, "_WORD_HASHES", None)
    monkeypatch.setattr(tokenize, "_ALIKE", {})
    _, groups = _alike_words_and_groups(ruleset)
    built = tokenize._alike_bits(groups)
    stored = [p for p in tmp_path.iterdir() if p.name.startswith("alike-")]
    assert len(stored) == 1 and stored[0].read_bytes() == built
    assert len(built) == 2 * ((tokenize._ALIKE_Q + 7) >> 3)
    assert tokenize._alike_bits(groups) == built  # read back
    assert 0 < sum(bin(b).count("1") for b in built[:1 << 16]) < 0.05 * 8 * (1 << 16)
    doc = build_doc("他淡薄名利。", profiles=ruleset.profiles)
    assert Analysis(doc).alike_filter(groups) is not None
    assert Analysis(doc, word_freq=lambda w: 0).alike_filter(groups) is None
    monkeypatch.setattr(tokenize, "_WORD_HASHES", None)
    assert tokenize.alike_filter(groups) is None and Analysis(doc).alike_filter(groups) is None


@pytest.mark.parametrize("with_filter", [False, True], ids=["check path", "batch worker"])
def test_misspell_same_hits_on_random_slips(with_filter, documents, monkeypatch):
    """Random text made of dictionary words (idioms and set phrases among them), about one in three
    with a character swapped for an alike one: WD009 gives the pre-change module's hits, with and
    without the word filter and the alike bitmap."""
    from reportlint import tokenize
    from reportlint.outline import build as build_doc

    ruleset, _ = documents
    words, groups = _alike_words_and_groups(ruleset)
    loaded = tokenize._WORD_HASHES
    monkeypatch.setattr(tokenize, "_WORD_HASHES", loaded if with_filter else None)
    others: dict[str, str] = {}
    for g in groups:
        for ch in g:
            others[ch] = others.get(ch, "") + g.replace(ch, "")
    pool = sorted(w for w in words if len(w) in (3, 4) and any(ch in others for ch in w))
    rnd = random.Random(7)
    rule = next(r for r in ruleset.rules if r.code == "WD009")
    old_rule = dataclasses.replace(rule, compiled=ref_misspell.compile(rule))
    new_rule = dataclasses.replace(rule, compiled=KINDS["misspell"].compile(rule))
    total = 0
    for _ in range(40):
        paras = []
        for _ in range(6):
            out = []
            for _ in range(12):
                w = rnd.choice(pool)
                if rnd.random() < 0.35:
                    i = rnd.choice([i for i, ch in enumerate(w) if ch in others])
                    w = w[:i] + rnd.choice(others[w[i]]) + w[i + 1:]
                out.append(w + rnd.choice(("", "", "的", "，", "和")))
            paras.append("".join(out) + "。")
        doc = build_doc("\n".join(paras), profiles=ruleset.profiles)
        new = _hits(KINDS["misspell"], new_rule, doc)
        assert new == _hits(ref_misspell, old_rule, doc), doc.text[:40]
        total += len(new)
    assert total >= 50


def test_density_counts_the_same_non_space_characters():
    """CL001's character count (``str.split``) agrees with the old per-character ``isspace`` test
    on every code point, alone and in runs."""
    from reportlint.checks import density

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    spaces = "".join(ch for ch in every if ch.isspace())
    assert len(spaces) == 29
    for text in (every, spaces, "a" + spaces + "b", " 全年　共排查\u2028商铺\x1c1420户 \n", ""):
        assert density._chars(text) == ref_density._chars(text)
    assert density._chars(every) == len(every) - 29


def test_duplicate_integer_bigrams_stand_for_the_string_bigrams():
    """DUP rules keep a text's bigrams as integers: one per distinct two-character string, in the
    same sorted order (DUP002's prefix filter takes the smallest), a one-character text standing
    for itself — on random text with astral characters and lone surrogates too."""
    from reportlint.checks import duplicate

    def strings(t):
        if len(t) <= 2:
            return frozenset([t]) if t else frozenset()
        return frozenset(map(str.__add__, t, t[1:]))

    def code(x):
        return -1 - ord(x) if len(x) == 1 else ord(x[0]) << 32 | ord(x[1])

    rnd = random.Random(7)
    alphabet = "共排查商铺户整改隐患处" + "0123456789ab" + "\U00020000\U0002a6d6\ud800\udfff\U0010ffff\x00"
    texts = ["", "共", "共排", "共共", "共排查", "共共共共", "\ud800", "\U00020000共"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 80))) for _ in range(2000)]
    sets = []
    for t in texts:
        got = duplicate.bigrams(t)
        assert got == frozenset(map(code, strings(t))), t
        assert [code(x) for x in sorted(strings(t))] == sorted(got)
        sets.append((strings(t), got))
    for (a, ia), (b, ib) in zip(sets, sets[1:]):
        assert len(a & b) == len(ia & ib) and duplicate.jaccard(a, b) == duplicate.jaccard(ia, ib)


# ---------------------------------------------------------------- DUP004's pair loop, compiled and pure

def _native_near_pairs():
    return compiled_helpers("near_pairs", "similar_pairs").near_pairs


def test_near_pairs_compiled_and_pure_agree(documents):
    """The compiled pair loop and its pure twin list the same (k, c) pairs, in the same order: on
    the clause runs of corpus reports and of their mutated copies, at several similarity limits
    (0 and 1 included), and on random keys with repeats, astral characters, lone surrogates, keys
    of zero, one and two characters."""
    from reportlint.checks import duplicate

    native = _native_near_pairs()
    _, docs = documents
    keysets = [[(it[2], it[3]) for it in duplicate._clauses(Analysis(doc), 12)] for doc in docs[::5]]
    rnd = random.Random(5)
    alphabet = "共排查商铺户整改隐患处" + "0123456789" + "\U00020000\U0010ffff\ud800\x00"
    randoms = [[("".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 24))), rnd.randrange(3))
                for _ in range(rnd.randrange(0, 40))] for _ in range(300)]
    randoms += [[], [("", 0)], [("", 0), ("", 1)], [("共", 0), ("共", 1), ("共", 1)],
                [("共排", 0), ("共排", 1), ("排共", -1)]]
    total = 0
    for limit, sets in ((0.85, keysets), (0.5, keysets[::3]), (0.85, randoms), (0.5, randoms),
                        (0.0, randoms), (1.0, randoms), (0.3, randoms), (0.999, randoms)):
        for pairs in sets:
            keys, groups = [k for k, _ in pairs], [g for _, g in pairs]
            got = native(keys, groups, limit)
            assert got == duplicate._near_pairs_pure(keys, groups, limit), (limit, keys[:3])
            assert all(groups[k] != groups[c] for k, c in got)
            total += len(got)
    assert total > 10_000
    with pytest.raises(TypeError):
        native(["共排查", 3], [0, 1], 0.85)
    with pytest.raises(TypeError):
        native(["共排查", "共排查"], [0, None], 0.85)
    for twin in (native, duplicate._near_pairs_pure):
        with pytest.raises(ValueError):
            twin(["共排查", "共排查"], [0], 0.85)


def test_duplicate_same_hits_with_either_pair_loop(documents, monkeypatch):
    """Every DUP rule of kind duplicate run with the pure pair loops and with the compiled ones
    reports what the pre-change module reported."""
    from reportlint import compiled
    from reportlint.checks import duplicate

    _native_near_pairs()
    import reportlint_native

    ruleset, docs = documents
    for rule in [r for r in ruleset.rules if r.kind == "duplicate"]:
        old_rule = dataclasses.replace(rule, compiled=ref_duplicate.compile(rule))
        ref = [_hits(ref_duplicate, old_rule, doc) for doc in docs]
        assert sum(map(len, ref)) >= 5, rule.code
        for chosen in ({"near_pairs": None, "similar_pairs": None},
                       {"near_pairs": reportlint_native.near_pairs, "similar_pairs": reportlint_native.similar_pairs}):
            monkeypatch.setattr(compiled, "_CHOSEN", chosen)
            assert [_hits(duplicate, rule, doc) for doc in docs] == ref, rule.code


def test_compiled_helpers_follow_reportlint_core(monkeypatch):
    from reportlint import compiled

    native = _native_near_pairs()
    monkeypatch.setattr(compiled, "_CHOSEN", {})
    monkeypatch.setenv("REPORTLINT_CORE", "pure")
    assert compiled.function("near_pairs") is None
    monkeypatch.setenv("REPORTLINT_CORE", "auto")
    assert compiled.function("near_pairs") is None  # decided once per process …
    compiled.reset()  # … until the choices are forgotten
    assert compiled.function("near_pairs") is native
    compiled.reset()
    monkeypatch.setenv("REPORTLINT_CORE", "native")
    assert compiled.function("near_pairs") is native
    with pytest.raises(ImportError):
        compiled.function("no_such_helper")
    monkeypatch.setenv("REPORTLINT_CORE", "auto")
    assert compiled.function("no_such_helper") is None


def test_duplicate_clause_keys_drop_what_norm_drops():
    """DUP004 normalises a sentence once with its clause marks kept and cuts the result at them:
    for every code point the kept-marks pattern drops exactly what ``norm`` drops, bar the marks."""
    from reportlint.checks import duplicate

    marks = "，,；;：:"
    every = "".join(chr(c) for c in range(0x110000) if chr(c) not in marks)
    assert duplicate._MARKED.sub("", every) == duplicate.norm(every)
    assert duplicate._MARKED.sub("", marks) == marks and duplicate.norm(marks) == ""
    text = "全年共排查商铺1420户，整改 隐患_386处；\u3000完成率：98%。"
    assert duplicate._CLAUSE_END.split(duplicate._MARKED.sub("", text)) == [
        duplicate.norm(x) for x in duplicate._CLAUSE_END.split(text)]


def test_similar_pairs_compiled_and_pure_agree(documents):
    """DUP002's join, compiled and pure: the same (k, c, similarity) list to the last bit, on the
    normalised paragraphs of the corpus and its mutated copies (pasted paragraphs among them) at
    several limits, and on random texts over small alphabets (many near repeats and ties), texts
    of zero to two characters included."""
    from reportlint.checks import duplicate

    _native_near_pairs()
    import reportlint_native

    native = reportlint_native.similar_pairs
    _, docs = documents
    paragraphs = [[duplicate.norm(duplicate._body(doc, p)[1]) for p in duplicate._paragraphs(doc)] for doc in docs]
    rnd = random.Random(11)
    randoms = []
    for _ in range(400):
        alphabet = rnd.choice(["共排查商", "共排查商铺户整改隐患处0123", "ab\U00020000\ud800\x00"])
        base = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 30)))
        texts = []
        for _ in range(rnd.randrange(0, 30)):
            t = list(rnd.choice([base, *texts]) if texts and rnd.random() < 0.6 else base)
            for _ in range(rnd.randrange(0, 4)):  # a few characters changed
                if t:
                    t[rnd.randrange(len(t))] = rnd.choice(alphabet)
            texts.append("".join(t)[:rnd.randrange(0, 40)])
        randoms.append(texts)
    randoms += [[], [""], ["", ""], ["共", "共", "排"], ["共排", "共排"], ["\x00a", "a"]]
    total = 0
    for limit, sets in ((0.8, paragraphs), (0.5, paragraphs), (0.8, randoms), (0.5, randoms), (0.0, randoms),
                        (1.0, randoms), (0.3, randoms), (0.95, randoms)):
        for texts in sets:
            got = native(texts, limit)
            assert got == duplicate._similar_pure([duplicate.bigrams(t) for t in texts], limit), (limit, texts[:3])
            total += len(got)
    assert total > 5_000
    with pytest.raises(TypeError):
        native(["共排查", None], 0.8)


def test_duplicate_clause_filters_same_as_filtering_every_run(documents):
    """DUP004 skips a sentence without a match of ``require`` (and tests no run against ``skip`` in
    a sentence without a match of it) only for patterns that look at nothing but what they consume;
    anchored, boundary and look-around patterns are still tried on every run. Either way the runs
    kept are those a test of every run keeps."""
    import re

    from reportlint.checks import duplicate

    free = ["[0-9０-９]", "计划|目标|将", "[^0-9]{30}", r"(\d)\1", "(?m)户"]
    bound = ["^共", r"[0-9]\b", "(?<![0-9])[0-9]{2}(?![0-9])", "户$", "(?>[0-9]+)户", "[0-9]++%"]
    assert [duplicate._context_free(p) for p in free] == [True] * len(free)
    assert [duplicate._context_free(p) for p in bound] == [False] * len(bound)
    _, docs = documents
    kept = 0
    for doc in docs[::6]:
        ctx = Analysis(doc)
        every = duplicate._clauses(ctx, 12)
        for pattern in free + bound:
            rx = re.compile(pattern)
            want = [it for it in every if rx.search(doc.text[it[0]:it[1]])]
            assert duplicate._clauses(ctx, 12, need=rx) == want, pattern
            assert duplicate._clauses(ctx, 12, drop=rx) == [it for it in every if it not in want], pattern
            kept += len(want)
    assert kept > 1000


def test_outlier_same_hits_when_its_memo_is_emptied(documents, monkeypatch):
    """WM012 keeps its answers per tag and per word across documents; emptied when full (here
    after 50 words), it still reports what the pre-change module reported."""
    from reportlint.checks import outlier

    monkeypatch.setattr(outlier, "_MEMO_MAX", 50)
    ruleset, docs = documents
    rule = next(r for r in ruleset.rules if r.code == "WM012")
    new_rule = dataclasses.replace(rule, compiled=outlier.compile(rule))
    old_rule = dataclasses.replace(rule, compiled=ref_outlier.compile(rule))
    total = 0
    for doc in docs:
        new = _hits(outlier, new_rule, doc)
        assert new == _hits(ref_outlier, old_rule, doc)
        total += len(new)
        assert len(new_rule.compiled[1]) <= 50
    assert total >= 5


@pytest.mark.parametrize("automaton", [True, False], ids=["pyahocorasick", "regex fallback"])
def test_phrase_matcher_contains_is_any_match(automaton, documents, monkeypatch):
    """CL002 skips text where ``Matcher.contains`` is False: it is exactly "finditer finds one",
    with the automaton and with the regular-expression fallback."""
    import sys

    from reportlint.checks.phrase import Matcher

    if not automaton:
        monkeypatch.setitem(sys.modules, "ahocorasick", None)
    ruleset, docs = documents
    rule = next(r for r in ruleset.rules if r.code == "CL002")
    m = Matcher(rule.options["words"])
    assert (m._auto is not None) == automaton
    texts = [p.text for doc in docs[::3] for p in doc.paragraphs] + ["", "成效", "成效显著"]
    got = [m.contains(t) for t in texts]
    assert got == [next(m.finditer(t), None) is not None for t in texts]
    assert 20 < sum(got) < len(texts) - 20
    assert not Matcher([]).contains("成效显著")
