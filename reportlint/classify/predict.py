"""Predict paragraph labels from the shipped model (plain JSON weights; no scikit-learn).

The model file holds ``labels``, ``intercept`` (one per label) and ``weights``: feature →
list of per-label weights. Prediction is softmax(W·x + b) over the features of
:func:`reportlint.classify.features.featurize`, which gives the same probabilities as the
scikit-learn LogisticRegression it was exported from.

Parsing the 3 MB JSON costs ~70 ms per process, so the default model is read through a
compact cache (:class:`CompactModel`: feature names as one text blob, weights as one
float64 array — the same numbers, hence the same predictions) written once under the
user cache folder (one file per model path, rebuilt when the model file's size or
modification time changes).
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping

MODEL_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "model.json")
_MODEL = None
_MAGIC = b"RLMODEL2"


def load_model(path: str | None = None):
    """The model: a plain dict for an explicit ``path``; for the shipped one a :class:`CompactModel`
    (a read-only mapping with the same keys, read from the compact cache)."""
    global _MODEL
    if path is None:
        if _MODEL is None:
            _MODEL = _load_compact(MODEL_PATH)
        return _MODEL
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


class CompactModel(Mapping):
    """The JSON model's numbers in two flat pieces: ``index`` (feature → row) and ``rows``
    (float64, ``len(labels)`` per feature). ``model["weights"]`` rebuilds the dict on demand."""

    def __init__(self, meta: dict, names: list[str], rows, ints=None):
        self.labels = meta["labels"]
        self.intercept = meta["intercept"]
        self.meta = meta  # every key of the JSON model but ``weights``
        self.index = dict(zip(names, range(len(names))))
        self.rows = rows
        # int32 weights × 1000 when every weight and intercept is a multiple of 0.001 (the shipped
        # model): scored by exact integer sums (:mod:`.core`); None → float sums
        self.ints = ints
        self._dict = None
        self._columns = None
        self._int_columns = None

    def columns(self) -> list:
        """The weights label by label: one array per label, indexed like ``index``."""
        if self._columns is None:
            n = len(self.labels)
            self._columns = [self.rows[i::n] for i in range(n)]
        return self._columns

    def int_columns(self) -> list:
        """The integer weights label by label (like :meth:`columns`)."""
        if self._int_columns is None:
            n = len(self.labels)
            self._int_columns = [self.ints[i::n] for i in range(n)]
        return self._int_columns

    def _full(self) -> dict:
        if self._dict is None:
            n = len(self.labels)
            d = dict(self.meta)
            d["weights"] = {f: list(self.rows[j * n:(j + 1) * n]) for f, j in self.index.items()}
            self._dict = d
        return self._dict

    def __getitem__(self, key):
        if key == "labels":
            return self.labels
        if key == "intercept":
            return self.intercept
        if key != "weights" and key in self.meta:  # the context prior and decoder blocks are small
            return self.meta[key]
        return self._full()[key]

    def __iter__(self):
        return iter(self._full())

    def __len__(self):
        return len(self.meta) + 1

    def __bool__(self):
        return True


def _compact_path(path: str, st) -> str:
    import hashlib

    from ..paths import cache_dir

    # one cache file per model path; its header names the size and mtime it was built from
    key = hashlib.sha1(os.path.realpath(path).encode()).hexdigest()[:16]
    return os.path.join(cache_dir(), f"model-{key}.bin")


def _load_compact(path: str) -> CompactModel:
    import array

    from . import framed

    st = os.stat(path)
    cpath = _compact_path(path, st)
    source = [st.st_size, st.st_mtime_ns]
    try:
        header, data, off = framed.read(cpath, _MAGIC, source)
        names = data[off:off + header["names"]].decode("utf-8").split("\n") if header["names"] else []
        nw = len(names) * len(header["meta"]["labels"])
        rows = array.array("d")
        start = off + header["names"]
        rows.frombytes(data[start:start + 8 * nw])
        ints = None
        if header["ints"]:
            ints = array.array("i")
            ints.frombytes(data[start + 8 * nw:])
        if len(rows) != nw or (ints is not None and len(ints) != nw):
            raise ValueError("truncated compact model")
        return CompactModel(header["meta"], names, rows, ints)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    with open(path, encoding="utf-8") as fh:
        model = json.load(fh)
    names = list(model["weights"])
    rows = array.array("d", [w for f in names for w in model["weights"][f]])
    meta = {k: v for k, v in model.items() if k != "weights"}
    ints = exact_ints(rows, meta["intercept"])
    blob = "\n".join(names).encode("utf-8")
    cm = CompactModel(meta, names, rows, ints)
    cm._dict = model
    try:  # a read-only cache folder just means parsing the JSON each time
        framed.write(cpath, _MAGIC, source, {"meta": meta, "names": len(blob), "ints": ints is not None},
                     blob + rows.tobytes() + (ints.tobytes() if ints is not None else b""))
    except OSError:
        pass
    return cm


def exact_ints(rows, intercept):
    """The weights × 1000 as int32 when every weight and intercept is a multiple of 0.001 that
    converts back to the same float; else None (the model is then scored with float sums)."""
    import array

    if any(round(b * 1000) / 1000 != b for b in intercept):
        return None
    ints = array.array("i", [0]) * len(rows)
    for i, w in enumerate(rows):
        k = round(w * 1000)
        if k / 1000 != w or abs(k) >= 1 << 30:
            return None
        ints[i] = k
    return ints


from .linear import scores as _scores, softmax_scores  # noqa: E402,F401  (one home for the arithmetic)


def predict_proba(text: str, model: dict | None = None) -> dict[str, float]:
    from .features import feature_set

    return softmax_scores(feature_set(text), model or load_model())


def predict(text: str, model: dict | None = None) -> tuple[str, float]:
    probs = predict_proba(text, model)
    label = max(probs, key=probs.get)
    return label, probs[label]


def use_batched() -> bool:
    """Score all paragraphs of a document together with numpy (:mod:`.batched`) from now on, in
    this process (batch and summary workers; never ``check``/``tag``, which must not import numpy).
    False when numpy is missing or ``REPORTLINT_BATCHED=0``: paragraphs are then scored one at a time."""
    from . import scoring

    if os.environ.get("REPORTLINT_BATCHED", "1") == "0":
        scoring.enable(None)
        return False
    try:
        from .batched import content_probs, tables
    except ImportError:
        return False
    model = load_model()
    if getattr(model, "ints", None) is not None:
        tables(model, ngram_cache(model))  # the sorted key arrays: read from the cache, or built and written
    scoring.enable(content_probs)
    return True


def ngram_cache(model):
    """(path, stamp) of the cache file of the shipped model's n-gram key arrays (:mod:`.batched`),
    beside its compact model; None for any other model."""
    if model is not _MODEL:
        return None
    try:
        st = os.stat(MODEL_PATH)
    except OSError:
        return None
    return _compact_path(MODEL_PATH, st)[:-4] + ".ngrams.bin", [st.st_size, st.st_mtime_ns, len(model.index)]


def tag_document(doc, model: dict | None = None, decode: bool = False) -> None:
    """Set ``label`` and ``confidence`` on every content paragraph of ``doc`` (idempotent).

    ``decode=False`` (the CLS rules): the content-only label, what the paragraph's words say.
    ``decode=True`` (``tag``, ``summary``, the API): the label of the report read as a sequence
    (:func:`reportlint.classify.sequence.label_paragraphs`); the content-only label is kept in
    ``content_label``/``content_confidence``.
    """
    from .features import paragraph_text

    key = "_decoded" if decode else "_tagged"
    if doc.__dict__.get(key):
        return
    model = model or load_model()
    skip = {doc.title, doc.subtitle}
    for p in doc.paragraphs:
        if p.index in skip:
            p.label, p.confidence = "other", 1.0
            p.content_label, p.content_confidence = "other", 1.0
    if decode:
        from .sequence import label_paragraphs

        for pl in label_paragraphs(doc, model):
            p = doc.paragraphs[pl.index]
            p.label, p.confidence = pl.label, pl.confidence
            p.content_label, p.content_confidence = pl.content_label, pl.content_confidence
        doc.__dict__["_decoded"] = True
        doc.__dict__["_tagged"] = False  # labels are now decoded ones, not content-only
        return
    from .scoring import content_probs

    todo = [p for p in doc.paragraphs if p.index not in skip and p.body.strip()]
    for p, probs in zip(todo, content_probs([paragraph_text(p) for p in todo], model)):
        p.label = max(probs, key=probs.get)
        p.confidence = probs[p.label]
    doc.__dict__["_tagged"] = True
    doc.__dict__["_decoded"] = False
