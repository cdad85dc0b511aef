"""Predict paragraph labels from the shipped model (plain JSON weights; no scikit-learn).

The model file holds ``labels``, ``intercept`` (one per label) and ``weights``: feature →
list of per-label weights. Prediction is softmax(W·x + b) over the features of
:func:`reportlint.classify.features.featurize`, which gives the same probabilities as the
scikit-learn LogisticRegression it was exported from.
"""
from __future__ import annotations

import json
import math
import os

MODEL_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "model.json")
_MODEL = None


def load_model(path: str | None = None) -> dict:
    global _MODEL
    if path is None and _MODEL is not None:
        return _MODEL
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        model = json.load(fh)
    if path is None:
        _MODEL = model
    return model


def predict_proba(text: str, model: dict | None = None) -> dict[str, float]:
    from .features import featurize

    model = model or load_model()
    labels = model["labels"]
    scores = list(model["intercept"])
    weights = model["weights"]
    for f, v in featurize(text).items():
        w = weights.get(f)
        if w is not None:
            for i, wi in enumerate(w):
                scores[i] += wi * v
    m = max(scores)
    exps = [math.exp(s - m) for s in scores]
    z = sum(exps)
    return {lab: e / z for lab, e in zip(labels, exps)}


def predict(text: str, model: dict | None = None) -> tuple[str, float]:
    probs = predict_proba(text, model)
    label = max(probs, key=probs.get)
    return label, probs[label]


def tag_document(doc, model: dict | None = None) -> None:
    """Set ``label`` and ``confidence`` on every content paragraph of ``doc`` (idempotent)."""
    if doc.__dict__.get("_tagged"):
        return
    model = model or load_model()
    skip = {doc.title, doc.subtitle}
    for p in doc.paragraphs:
        if p.index in skip:
            p.label, p.confidence = "other", 1.0
            continue
        body = p.body
        if not body.strip():
            continue
        p.label, p.confidence = predict(body, model)
    doc.__dict__["_tagged"] = True
