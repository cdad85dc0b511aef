"""Linear-model arithmetic shared by the content model and the context prior (a leaf module).

A model is ``labels``, ``intercept`` (one per label) and weights: either a plain ``weights`` dict
(feature → per-label list) or :class:`reportlint.classify.predict.CompactModel`'s flat arrays.
Features are binary with the value 1/√n (n = number of features of the item), as
:func:`reportlint.classify.features.featurize` gives them.
"""
from __future__ import annotations

import math


def scores(feats: set, model) -> list[float]:
    """intercept + v·Σ weights over the features present (features are binary: each has the value
    v = 1/√|feats| that :func:`~reportlint.classify.features.featurize` gives it)."""
    v = 1.0 / math.sqrt(len(feats)) if feats else 0.0
    b = model["intercept"]
    if getattr(model, "ints", None) is not None:  # exact integer sums (weights × 1000), any core
        from .core import sums

        return [bi + v * (k / 1000) for bi, k in zip(b, sums(feats, model))]
    if hasattr(model, "columns"):  # predict.CompactModel: weights as flat arrays
        get = model.index.get
        js = [j for f in feats if (j := get(f)) is not None]
        return [bi + v * sum(map(col.__getitem__, js)) for bi, col in zip(b, model.columns())]
    weights = model["weights"]
    ws = [w for f in feats if (w := weights.get(f)) is not None]
    if not ws:
        return list(b)
    cols = list(zip(*ws))
    # the same exact integer arithmetic as the compact model when the weights are multiples of 0.001
    ks = [sum(round(w * 1000) for w in col) for col in cols]
    if all(round(x * 1000) / 1000 == x for x in b) and all(round(w * 1000) / 1000 == w for col in cols for w in col):
        return [bi + v * (k / 1000) for bi, k in zip(b, ks)]
    return [bi + v * sum(col) for bi, col in zip(b, cols)]


def probabilities(ks: list[int], n: int, model) -> dict[str, float]:
    """Label probabilities from exact integer sums ``ks`` (weights × 1000) over ``n`` binary features:
    the same arithmetic as :func:`scores` + :func:`softmax_scores` (for the batched path)."""
    v = 1.0 / math.sqrt(n) if n else 0.0
    return _softmax([bi + v * (k / 1000) for bi, k in zip(model["intercept"], ks)], model["labels"])


def softmax_scores(feats: set, model) -> dict[str, float]:
    """Label probabilities of a linear model over binary ``feats`` (L2-normalised)."""
    return _softmax(scores(feats, model), model["labels"])


def _softmax(sc: list[float], labels) -> dict[str, float]:
    m = max(sc)
    exps = [math.exp(s - m) for s in sc]
    z = sum(exps)
    return {lab: e / z for lab, e in zip(labels, exps)}
