"""The content model's probabilities for the paragraphs of one document, scored together.

One function, :func:`content_probs`, used by :func:`.predict.tag_document` and
:func:`.sequence.label_paragraphs`. By default each text is scored on its own
(``softmax_scores(feature_set(text))``); a batch worker switches to the numpy scorer of
:mod:`.batched` with :func:`.predict.use_batched` — the same numbers, computed for all paragraphs
at once. This module imports no numpy: ``check`` and ``tag`` never load it.
"""
from __future__ import annotations

_batched = None  # classify.batched.content_probs once a batch worker enabled it


def enable(fn) -> None:
    """Score with ``fn(texts, model)`` from now on in this process (None: one text at a time)."""
    global _batched
    _batched = fn


def content_probs(texts: list[str], model) -> list[dict[str, float]]:
    """Probabilities of each text under the content model (batched when enabled and the model scores
    with exact integers, which is what makes the two paths agree to the last bit)."""
    if _batched is not None and getattr(model, "ints", None) is not None and hasattr(model, "index"):
        return _batched(texts, model)
    from .features import feature_set
    from .linear import softmax_scores

    return [softmax_scores(feature_set(t), model) for t in texts]
