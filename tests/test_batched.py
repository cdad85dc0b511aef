"""The batched scorer of batch workers (numpy, a whole file's paragraphs at once) gives exactly what
scoring one paragraph at a time gives: same labels, same confidences to the last bit.

It vectorises only the character n-grams and takes every other feature from ``feature_set`` itself,
so a change of the features or of the model that breaks the equivalence fails here — on random
text, on every corpus paragraph, and through ``tag_document`` (content and decoded labels) on every
corpus report.
"""
from __future__ import annotations

import glob
import os
import random
import subprocess
import sys

import pytest

from reportlint.classify import batched, linear, predict, scoring
from reportlint.classify.features import feature_set, normalize

from conftest import corpus_paragraphs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.txt"), recursive=True)
                + glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.md"), recursive=True))


def _one_at_a_time(texts, model):
    return [repr(linear.softmax_scores(feature_set(t), model)) for t in texts]


def _together(texts, model):
    return [repr(p) for p in batched.content_probs(texts, model)]


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    with open(CORPUS[0], encoding="utf-8") as fh:
        pool = "".join(sorted(set(fh.read())))
    # digits (folded to 0), full-width forms, white space inside, astral characters and a NUL (a lone
    # surrogate is left out: the tokenizer refuses it on either path)
    odd = "0123456789０１２３ \t\u3000abcXYZ%％。，；“”（）将下一步问题成效提高了20XX×\x00\U00020000\U0002A6A5"
    out = []
    for i in range(n):
        k = rnd.choice([0, 1, 2, 3, 4, 9, 40, 200, 900])
        alphabet = pool if i % 3 else odd
        out.append("".join(rnd.choice(alphabet) for _ in range(k)))
    return out


def test_random_text_scores_identical():
    model = predict.load_model()
    texts = _random_texts(600, seed=18)
    ref = _one_at_a_time(texts, model)
    # in groups of varying size, as files of different lengths would come
    got, i, rnd = [], 0, random.Random(3)
    while i < len(texts):
        k = rnd.choice([1, 2, 7, 40, 150])
        got += _together(texts[i:i + k], model)
        i += k
    assert got == ref
    assert len(set(ref)) > 150  # the texts really differ in score
    assert _together([], model) == []


def test_repeated_ngrams_count_once_per_paragraph():
    """Features are a set: an n-gram repeated inside a paragraph counts once, in each paragraph."""
    model = predict.load_model()
    counts, sums = batched.char_sums(["成效成效成效", "  成效 ", "效", ""], model)
    # 成效成效成效: c1 {成, 效}, c2 {成效, 效成}, c3 {成效成, 效成效}; “成效” (stripped, space removed):
    # {成, 效, 成效}; “效”: {效}; "": none
    assert counts == [6, 3, 1, 0]
    assert sums[3] == [0] * len(model.labels)
    index, n = model.index, len(model.labels)
    want = [sum(model.ints[index[f] * n + j] for f in ("c1:效",) if f in index) for j in range(n)]
    assert sums[2] == want


def test_whole_corpus_paragraph_scores_identical():
    model = predict.load_model()
    total = 0
    for path in CORPUS:
        with open(path, encoding="utf-8") as fh:
            paras = [line for line in fh.read().split("\n") if line.strip()]
        assert _together(paras, model) == _one_at_a_time(paras, model), path
        total += len(paras)
    assert total > 5000


def _labels(doc):
    return [(p.index, p.label, repr(p.confidence), p.content_label, repr(p.content_confidence))
            for p in doc.paragraphs]


@pytest.mark.slow
@pytest.mark.parametrize("decode", [False, True])
def test_tag_document_identical_on_every_corpus_report(monkeypatch, decode):
    from reportlint.options import Options
    from reportlint.readers import read_path
    from reportlint.report import build_document
    from reportlint.rulecache import load_ruleset

    rs = load_ruleset([])
    model = predict.load_model()
    assert model.ints is not None
    monkeypatch.setattr(scoring, "_batched", None)
    for path in CORPUS:
        got = {}
        for mode in ("one", "together"):
            scoring.enable(batched.content_probs if mode == "together" else None)
            doc = build_document(read_path(path), rs, Options())
            predict.tag_document(doc, decode=decode)
            got[mode] = _labels(doc)
        assert got["together"] == got["one"], path
        assert any(lab for _, lab, *_ in got["one"])


def test_tag_document_uses_the_batched_scorer_when_enabled(monkeypatch):
    from reportlint.outline import build

    calls = []

    def spy(texts, model):
        calls.append(list(texts))
        return batched.content_probs(texts, model)

    monkeypatch.setattr(scoring, "_batched", spy)
    doc = build("工作总结\n一、主要成效\n全年完成培训12场，覆盖率达到95%。\n二、存在的问题\n人员力量还不足。\n")
    predict.tag_document(doc)
    assert calls == [["全年完成培训12场，覆盖率达到95%。", "人员力量还不足。"]]  # one call per document
    labels = {p.text: p.label for p in doc.paragraphs if p.label}
    assert labels["全年完成培训12场，覆盖率达到95%。"] == "outcome"


def test_key_arrays_cached_beside_the_compact_model(monkeypatch):
    model = predict.load_model()
    built = batched.build_tables(model)
    model.__dict__.pop("_ngrams", None)
    path, stamp = predict.ngram_cache(model)
    first = batched.tables(model, (path, stamp))  # builds and writes the cache file
    assert path and os.path.exists(path)
    model.__dict__.pop("_ngrams", None)
    read = batched._read_cache(path, stamp)
    for n in batched.ORDERS:
        assert read[n][0].tolist() == built[n][0].tolist() == first[n][0].tolist()
        assert read[n][1].tolist() == built[n][1].tolist()
        assert read[n][0].tolist() == sorted(read[n][0].tolist())
    assert sum(len(built[n][0]) for n in batched.ORDERS) == sum(
        1 for f in model.index if f[:3] in ("c1:", "c2:", "c3:") and len(f) - 3 == int(f[1]))
    with pytest.raises(ValueError):
        batched._read_cache(path, [stamp[0] + 1, *stamp[1:]])  # model file changed: rebuilt
    # a key is the code points, 21 bits each
    assert batched._key("成效") == (ord("成") << 21) | ord("效")
    assert normalize(" 第12项 ") == "第0项"


def test_disabled_by_environment_and_never_on_check_or_tag(monkeypatch, tmp_path):
    monkeypatch.setattr(scoring, "_batched", None)
    monkeypatch.setenv("REPORTLINT_BATCHED", "0")
    assert predict.use_batched() is False and scoring._batched is None
    monkeypatch.delenv("REPORTLINT_BATCHED")
    assert predict.use_batched() is True and scoring._batched is batched.content_probs
    sample = os.path.join(ROOT, "reportlint", "data", "sample.txt")
    env = dict(os.environ, REPORTLINT_CACHE=str(tmp_path / "c"))
    code = ("import sys\nfrom reportlint.cli import main\nmain(sys.argv[1:])\n"
            "sys.stdout.flush()\nprint('NUMPY' if 'numpy' in sys.modules else 'LIGHT')\n")
    for cmd in (["tag", sample], ["check", sample]):
        r = subprocess.run([sys.executable, "-c", code, *cmd], env=env, capture_output=True, text=True, cwd=ROOT)
        assert r.stdout.rstrip().endswith("LIGHT"), (cmd, r.stdout[-300:], r.stderr[-500:])


def test_word_features_same_with_offsets_only_for_jiang():
    """feature_set works out token offsets only when a paragraph has the token 将 (they decide
    将's feature and nothing else): its word and word-bigram features are those of the offsets
    worked out for every paragraph, as before (issue 20), on every corpus paragraph and random text."""
    from reportlint.classify.features import _WILL, _offsets
    from reportlint.tokenize import cut

    texts = corpus_paragraphs() + _random_texts(600, 21)
    jiang = 0
    for text in texts:
        t = normalize(text.strip())
        words = [w for w in cut(t) if w.strip()]
        old = ["将·把" if w == "将" and not _WILL.match(t, i) else w for w, i in zip(words, _offsets(t, words))]
        want = {"w:" + w for w in old} | {"b:" + a + "|" + b for a, b in zip(old, old[1:])}
        got = {f for f in feature_set(text) if f.startswith(("w:", "b:"))}
        assert got == want, text
        jiang += "w:将·把" in want
    assert jiang >= 20


def test_cue_split_by_set_operations_is_split_cues():
    """The batched scorer splits the cue features off with ``feats & CUE_FEATURES``: the same two
    groups as :func:`linear.split_cues` (every feature that starts with ``cue:``)."""
    from reportlint.classify.features import CUE_FEATURES

    seen = set()
    for text in corpus_paragraphs() + _random_texts(300, 22):
        feats = feature_set(text, chars=False)
        plain, cues = linear.split_cues(feats)
        assert (feats & CUE_FEATURES, feats - CUE_FEATURES) == (set(cues), set(plain))
        seen |= set(cues)
    assert seen == CUE_FEATURES  # every cue occurs somewhere
