"""Linear-model arithmetic shared by the content model and the context prior (a leaf module).

A model is ``labels``, ``intercept`` (one per label) and weights: either a plain ``weights`` dict
(feature → per-label list) or :class:`reportlint.classify.predict.CompactModel`'s flat arrays.
Features are binary. A cue feature (``cue:…``) has the value :data:`CUE_VALUE`, every other
feature 1/√n (n = the number of non-cue features of the item): :func:`weighted`, which training
and :func:`reportlint.classify.features.featurize` use, and which :func:`scores` computes as exact
integer sums where the model allows.
"""
from __future__ import annotations

import math

CUE_PREFIX = "cue:"
# A cue's value whatever the paragraph's length (the n-grams share 1/√n): real paragraphs are 2.4×
# longer than the corpus's, and a cue diluted by length stopped counting there. Chosen on the
# real-report dev set among 0.05–0.2 (benchmarks/roles.md: 0.1 and 0.15 give 0.72, 0.2 gives 0.70,
# the corpus score is the same for all); 0.15 is what a feature weighs among ~45 features.
CUE_VALUE = 0.15


def split_cues(feats) -> tuple[list, list]:
    """(the features that share 1/√n, the cue features)."""
    plain, cues = [], []
    for f in feats:
        (cues if f.startswith(CUE_PREFIX) else plain).append(f)
    return plain, cues


def weighted(feats) -> dict[str, float]:
    """The value of each of the binary ``feats`` (the same at train and predict time)."""
    plain, cues = split_cues(feats)
    norm = 1.0 / math.sqrt(len(plain)) if plain else 0.0
    out = {f: norm for f in plain}
    out.update((f, CUE_VALUE) for f in cues)
    return out


def combine(intercept, k_plain, n_plain: int, k_cue) -> list[float]:
    """Scores from exact integer sums (weights × 1000) of the non-cue features (``n_plain`` of them)
    and of the cue features: the one formula every path uses, so all agree to the last bit."""
    v = 1.0 / math.sqrt(n_plain) if n_plain else 0.0
    return [bi + v * (k / 1000) + CUE_VALUE * (c / 1000) for bi, k, c in zip(intercept, k_plain, k_cue)]


def scores(feats: set, model) -> list[float]:
    """intercept + Σ value × weight over the features present (values as :func:`weighted` gives them)."""
    plain, cues = split_cues(feats)
    b = model["intercept"]
    if getattr(model, "ints", None) is not None:  # exact integer sums (weights × 1000), any core
        from .core import sums

        return combine(b, sums(plain, model), len(plain), sums(cues, model) if cues else [0] * len(b))
    if hasattr(model, "columns"):  # predict.CompactModel: weights as flat arrays
        get = model.index.get
        cols = model.columns()
        v = 1.0 / math.sqrt(len(plain)) if plain else 0.0
        js = [j for f in plain if (j := get(f)) is not None]
        jc = [j for f in cues if (j := get(f)) is not None]
        return [bi + v * sum(map(col.__getitem__, js)) + CUE_VALUE * sum(map(col.__getitem__, jc))
                for bi, col in zip(b, cols)]
    weights = model["weights"]
    wp = [w for f in plain if (w := weights.get(f)) is not None]
    wc = [w for f in cues if (w := weights.get(f)) is not None]
    n = len(b)
    if all(round(x * 1000) / 1000 == x for x in b) and all(round(x * 1000) / 1000 == x for w in wp + wc for x in w):
        # the same exact integer arithmetic as the compact model when the weights are multiples of 0.001
        kp = [sum(round(w[i] * 1000) for w in wp) for i in range(n)]
        kc = [sum(round(w[i] * 1000) for w in wc) for i in range(n)]
        return combine(b, kp, len(plain), kc)
    v = 1.0 / math.sqrt(len(plain)) if plain else 0.0
    return [b[i] + v * sum(w[i] for w in wp) + CUE_VALUE * sum(w[i] for w in wc) for i in range(n)]


def probabilities(ks: list[int], n: int, kc: list[int], model) -> dict[str, float]:
    """Label probabilities from exact integer sums (weights × 1000): ``ks`` over ``n`` non-cue
    features, ``kc`` over the cue features — :func:`scores` + :func:`softmax_scores` for the batched path."""
    return _softmax(combine(model["intercept"], ks, n, kc), model["labels"])


def softmax_scores(feats: set, model) -> dict[str, float]:
    """Label probabilities of a linear model over binary ``feats`` (L2-normalised)."""
    return _softmax(scores(feats, model), model["labels"])


def _softmax(sc: list[float], labels) -> dict[str, float]:
    m = max(sc)
    exps = [math.exp(s - m) for s in sc]
    z = sum(exps)
    return {lab: e / z for lab, e in zip(labels, exps)}
