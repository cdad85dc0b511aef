"""The compiled core's content features (``reportlint_native.content_sums``) are the features of
:func:`reportlint.classify.features.feature_set`, counted and summed without building their strings:
the batched scorer gives the same labels and confidences, to the last bit, with the compiled core
and with its pure twin (Python + numpy), on every corpus paragraph and on random text with digits,
full-width forms, every kind of white space, ``|`` inside words, astral characters and lone
surrogates. ``feature_set`` itself, now assembled from :func:`content_words` and
:func:`other_features`, gives the same sets as its pre-change copy in ``tests/kinds_before/``.
"""
from __future__ import annotations

import array
import glob
import os
import random

import pytest

from reportlint.classify import batched, core, linear, predict
from reportlint.classify.features import (CUE_FEATURES, CUE_TESTS, CUES, content_words, feature_set, normalize,
                                          other_features)
from reportlint.classify.predict import CompactModel

from kinds_before import features as ref_features

from conftest import compiled_helpers, corpus_paragraphs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True)
                + glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.md"), recursive=True))


def _native():
    return compiled_helpers("content_sums", "table")


ODD = ("0123456789０１２３４５ .．%％\t\n\r\x0b\x0c\x1c\x1d\x85\xa0\u2003\u2028\u3000|||abcXYZ"
       "。，；：！？“”（）()、将下一步问题成效提高了同比增长20XX××①②一是第一，\x00"
       "\U00020000\U0002A6A5\U0001F600\ud800\udfff\udc80")


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    pool = "".join(sorted(set("".join(corpus_paragraphs()[:300]))))
    out = []
    for i in range(n):
        k = rnd.choice([0, 1, 2, 3, 4, 9, 40, 200, 900])
        alphabet = pool if i % 3 else ODD if i % 2 else pool[:200] + ODD
        out.append("".join(rnd.choice(alphabet) for _ in range(k)))
    return out


def _mutated(texts: list[str], seed: int) -> list[str]:
    """Corpus paragraphs with odd characters dropped in: white space, digits, ``|``, surrogates."""
    rnd = random.Random(seed)
    out = []
    for t in texts:
        chars = list(t)
        for _ in range(rnd.choice([1, 3, 8])):
            chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(ODD))
        out.append("".join(chars))
    return out


def test_feature_set_same_as_before_the_split():
    texts = corpus_paragraphs()
    texts += _mutated(texts[::7], 5) + _random_texts(500, 6)
    odd = 0
    for t in texts:
        for chars in (True, False):
            assert feature_set(t, chars=chars) == ref_features.feature_set(t, chars=chars), t
        odd += any(c in t for c in "\ud800\udfff\udc80|")
    assert len(texts) > 6000 and odd > 100


def _scores(fn, texts, model):
    return [repr(p) for p in fn(texts, model)]


def test_native_and_pure_batched_scores_identical_on_random_and_mutated_text():
    _native()
    model = predict.load_model()
    texts = _random_texts(900, 7) + _mutated(corpus_paragraphs()[::5], 8)
    rnd, i = random.Random(9), 0
    while i < len(texts):  # in groups, as documents come
        k = rnd.choice([1, 3, 20, 90])
        group = texts[i:i + k]
        want = [repr(linear.softmax_scores(feature_set(t), model)) for t in group]
        assert _scores(batched.content_probs_native, group, model) == want, group
        assert _scores(batched.content_probs_pure, group, model) == want, group
        i += k
    assert batched.content_probs_native([], model) == []


@pytest.mark.slow
def test_native_and_pure_batched_scores_identical_on_whole_corpus():
    _native()
    model = predict.load_model()
    total = 0
    for path in CORPUS:
        with open(path, encoding="utf-8") as fh:
            paras = [line for line in fh.read().split("\n") if line.strip()]
        assert _scores(batched.content_probs_native, paras, model) == _scores(batched.content_probs_pure, paras, model)
        total += len(paras)
    assert total > 5000


def test_content_sums_are_the_feature_sets_counts_and_sums():
    """The intermediate numbers, not only the probabilities: the number of distinct non-cue features
    and the two integer sums are those of ``feature_set``'s strings."""
    _native()
    model = predict.load_model()
    tab = core.content_table(model)
    for text in _random_texts(300, 10) + corpus_paragraphs()[::40]:
        raw = text.strip()
        t = normalize(raw)
        n, ks, kc = core.native_content()(tab, content_words(t), t, other_features(raw, t), CUE_FEATURES)
        plain, cues = linear.split_cues(feature_set(text))
        assert n == len(plain), text
        assert list(ks) == core.sums_columns(plain, model), text
        assert list(kc) == (core.sums_columns(cues, model) if cues else [0] * len(model.labels)), text


def _tiny_model():
    names = ["w:成效", "b:a|b|c", "c1:成", "c2:成效", "c3:效成效", "c2:x", "open2:成效", "cue:fig_num", "w:将·把"]
    labels = ["p", "q"]
    ints = array.array("i", [1, -1, 10, 20, 100, 200, 1000, 2000, 10000, 20000, 7, 7, 3, 4, 5, 6, 11, 13])
    return CompactModel({"labels": labels, "intercept": [0.0, 0.0]}, names,
                        array.array("d", [k / 1000 for k in ints]), ints)


def test_content_sums_exact_on_a_tiny_model():
    nat = _native()
    m = _tiny_model()
    tab = nat.table(m.index, m.ints, 2)
    cues = frozenset({"cue:fig_num"})
    # words: 成效 twice (one feature), white-space-only words dropped, a|b + c and a + b|c are the
    # same bigram string b:a|b|c (one feature); text 成效成效: c1 {成, 效}, c2 {成效, 效成}, c3 {成效成, 效成效}
    words = ["成效", " ", "", "a|b", "c", "\u3000", "成效", "a", "b|c"]
    n, ks, kc = nat.content_sums(tab, words, "成效成效", ["open2:成效", "cue:fig_num", "len:s"], cues)
    # plain: w:成效 w:a|b w:c w:a w:b|c (5), b: 成效|a|b, a|b|c, c|成效, 成效|a, a|b|c (4 distinct),
    # c-grams 6, open2 and len 2 → 17; found: w:成效 (1,-1), b:a|b|c (10,20), c1:成 (100,200),
    # c2:成效 (1000,2000), c3:效成效 (10000,20000), open2:成效 (3,4); cue:fig_num (5,6)
    assert (n, ks, kc) == (17, (11114, 22223), (5, 6))
    # “c2:x” is not a 2-gram (length 1): only found as a whole string among the others
    assert nat.content_sums(tab, [], "x", ["c2:x"], cues) == (2, (7, 7), (0, 0))
    assert nat.content_sums(tab, [], "", [], cues) == (0, (0, 0), (0, 0))
    # a cue string that is not in the cue set counts as a plain feature
    assert nat.content_sums(tab, [], "", ["cue:fig_num"], frozenset()) == (1, (5, 6), (0, 0))
    assert nat.content_sums(tab, ["将·把"], "", [], cues) == (1, (11, 13), (0, 0))
    with pytest.raises(TypeError):
        nat.content_sums(tab, [1], "x", [], cues)
    with pytest.raises(TypeError):
        nat.content_sums(tab, [], "x", [], ["cue:fig_num"])
    with pytest.raises(ValueError):
        nat.content_sums(object(), [], "x", [], cues)
    # a set look-up that runs Python code (a str subclass's __hash__) may change the words list or
    # call content_sums again: the words are read after it, the scratch is not in use yet
    words = ["成效", "a"]
    inner = []

    class Noisy(str):
        def __hash__(self):
            words.clear()
            inner.append(nat.content_sums(tab, ["成效"], "成", [], cues))
            return str.__hash__(self)

    assert nat.content_sums(tab, words, "", [Noisy("open2:成效")], cues) == (1, (3, 4), (0, 0))
    assert inner == [(2, (101, 199), (0, 0))]
    with pytest.raises(IndexError):
        nat.table({"w:x": 9}, m.ints, 2)  # 18 ints: rows 0–8
    with pytest.raises(TypeError):
        nat.table({"w:x": "0"}, m.ints, 2)


def test_pure_choice_uses_the_twin(monkeypatch):
    from reportlint import compiled

    monkeypatch.setattr(compiled, "_CHOSEN", {})
    monkeypatch.setenv("REPORTLINT_CORE", "pure")
    assert core.native_content() is None
    calls = []
    monkeypatch.setattr(batched, "content_probs_pure", lambda texts, model: calls.append(texts) or [])
    batched.content_probs(["成效"], predict.load_model())
    assert calls == [["成效"]]


def test_fast_cue_tests_answer_as_their_cues():
    """``CUE_TESTS`` (fig_pct, formula, relay) find a match exactly when their cue's regex does."""
    texts = corpus_paragraphs()
    texts = [t.strip() for t in texts + _mutated(texts[::3], 11) + _random_texts(800, 12)]
    texts += ["三成以上", "成立三成", "提高二成。", "占0成", "八成立", "成", "5%", "五％", "3个百分点", "1成效",
              "标题：", "标题：\n", "关于某某：正文", "，标题：", "a" * 20 + "：", "a" * 21 + "：", "各位领导：",
              "总书记指出，", "会议强调：要求", "会" + "的" * 15 + "指出“", "会" + "的" * 16 + "指出“",
              "重要讲话", "重要指示精神", "指出，", "领导同志指出。", "此致"]
    hits = dict.fromkeys(CUE_TESTS, 0)
    for t in texts:
        for name, test in CUE_TESTS.items():
            want = CUES[name].search(t) is not None
            assert bool(test(t)) == want, (name, t)
            hits[name] += want
    assert min(hits.values()) >= 20, hits
