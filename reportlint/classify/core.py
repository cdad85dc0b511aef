"""The scoring core of the content model: exact integer weight sums, compiled or pure Python.

The shipped model's weights are multiples of 0.001, so :class:`~.predict.CompactModel` keeps them
as int32 (``ints``, weight × 1000, ``len(labels)`` per feature row). Summing integers is exact and
independent of the order of the features, so every way of summing gives the same scores to the
last bit:

- ``native``: :mod:`reportlint_native` (an optional C extension in ``native/``), one C loop over
  the feature strings: dictionary look-up, then the row added into int64 accumulators;
- ``packed``: pure Python for batch workers: each feature's row packed into one Python int
  (64-bit fields, biased to be non-negative, plus a count field), so a paragraph's sum is a single
  C-level ``sum(map(dict.get, …))``; building the packed table costs ~0.1 s, paid once per worker;
- ``columns``: pure Python, nothing to build (``check``/``tag``): index look-ups, then one
  ``sum`` per label over the int32 columns.

``REPORTLINT_CORE`` chooses: ``auto`` (default: native when importable, else the pure twin),
``native`` (fail when it cannot be imported), ``pure``. All three consume the feature strings of
:func:`reportlint.classify.features.feature_set` and the model's table, so a change of features
or model needs no change in the compiled core; ``tests/test_core.py`` proves they agree.

Batch workers with the compiled core go one step further (:func:`native_content`,
:func:`.batched.content_probs_native`): ``content_sums`` builds a paragraph's word, word-bigram
and character 1–3-gram features itself, from :func:`.features.content_words` and the normalised
text, and de-duplicates and looks them up in a C hash table of the model (:func:`content_table`)
without building their strings; the pure twin is :mod:`.batched`'s numpy path.
``tests/test_native_features.py`` proves the two agree, so a change to how those features are
spelt fails there until ``native/`` follows.
"""
from __future__ import annotations

from itertools import repeat

from .. import compiled

_F = 64  # bits per packed field
_BIAS = 1 << 31  # makes every int32 field non-negative
_MASK = (1 << _F) - 1


def native():
    """The compiled ``sums`` function, or None (not built, not importable, or ``REPORTLINT_CORE=pure``;
    see :mod:`reportlint.compiled`)."""
    return compiled.function("sums")


def native_content():
    """The compiled ``content_sums`` (a paragraph's features built and summed in C, see
    :func:`content_table`), or None: no compiled core, or one built before it had it."""
    return compiled.function("content_sums")


def content_table(model):
    """The compiled core's hash table of ``model``'s features (for :func:`native_content`), kept on it."""
    tab = model.__dict__.get("_native_table")
    if tab is None:
        tab = compiled.function("table")(model.index, model.ints, len(model.labels))
        model.__dict__["_native_table"] = tab
    return tab


def name() -> str:
    """Which core scores: ``native`` or ``pure``."""
    return "native" if native() is not None else "pure"


def sums_native(feats, model) -> list[int]:
    return list(native()(feats, model.index, model.ints, len(model.labels)))


def sums_columns(feats, model) -> list[int]:
    get = model.index.get
    js = [j for f in feats if (j := get(f)) is not None]
    return [sum(map(col.__getitem__, js)) for col in model.int_columns()]


def packed_table(model) -> dict:
    """feature → its row packed into one int: Σ (w_i + BIAS) << 64·i, plus 1 << 64·n (a count)."""
    table = model.__dict__.get("_packed")
    if table is None:
        n = len(model.labels)
        ints = model.ints
        shifts = [_F * i for i in range(n)]
        base = (1 << (_F * n)) + sum(_BIAS << s for s in shifts)
        table = {f: base + sum([ints[j * n + i] << s for i, s in enumerate(shifts)])
                 for f, j in model.index.items()}
        model.__dict__["_packed"] = table
    return table


def sums_packed(feats, model) -> list[int]:
    total = sum(map(packed_table(model).get, feats, repeat(0)))
    n = len(model.labels)
    count = total >> (_F * n)
    return [((total >> (_F * i)) & _MASK) - count * _BIAS for i in range(n)]


def sums(feats, model) -> list[int]:
    """Per-label integer sums (weights × 1000) of the features of ``feats`` found in the model."""
    if native() is not None:
        return sums_native(feats, model)
    if "_packed" in model.__dict__:
        return sums_packed(feats, model)
    return sums_columns(feats, model)


def prepare(model) -> None:
    """Get ``model`` ready for many paragraphs (batch workers): the packed table unless native."""
    if native() is None and getattr(model, "ints", None) is not None:
        packed_table(model)
