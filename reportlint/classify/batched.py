"""Batched content scoring for batch workers: every paragraph of a file at once, with numpy.

Only what is generic is vectorised: the character 1–3-gram features (``c1:``/``c2:``/``c3:`` over
:func:`.features.normalize` of the stripped paragraph), which are most of a paragraph's features.
Each n-gram becomes an integer key (21 bits per code point), looked up exactly with
``searchsorted`` in a sorted key array built from the model's feature names; one sort per order
de-duplicates within each paragraph (features are a set), and ``bincount`` sums each label's
integer weights per paragraph. Everything else — words, bigrams, openers, cues, length — comes
from :func:`.features.feature_set` itself (``chars=False``) and is summed by the ordinary core
(:mod:`.core`), so a new or changed non-character feature needs nothing here. The sums are exact
integers and the final arithmetic is :func:`.linear.probabilities`, so the result is the same,
to the last bit, as :func:`.linear.softmax_scores` over the full feature set —
``tests/test_batched.py`` compares the two on the whole corpus and on random text, and fails
loudly when a feature change breaks that.

With the compiled core (:func:`.core.native_content`) none of this runs: :func:`content_probs_native`
hands each paragraph's words and normalised text to C, which builds, de-duplicates and sums the
word, bigram and character n-gram features there (``tests/test_native_features.py`` compares it
with this module's numpy path, the pure twin).

numpy costs ~0.2 s to import, so only batch workers use this (:func:`.predict.use_batched`, which
hands :func:`content_probs` to :mod:`.scoring`);
``check`` and ``tag`` never import it. The key arrays are cached beside the compact model.
"""
from __future__ import annotations

import numpy as np

from . import core, framed
from .core import sums as core_sums
from .features import CUE_FEATURES, content_words, feature_set, normalize, other_features
from .linear import probabilities

ORDERS = (1, 2, 3)
_BITS = 21  # a code point fits in 21 bits; three of them in a non-negative int64
_MAGIC = b"RLNGRAM1"


def _key(gram: str) -> int:
    k = 0
    for ch in gram:
        k = (k << _BITS) | ord(ch)
    return k


def build_tables(model) -> dict:
    """order → (sorted int64 keys, int32 model rows) for the model's ``cN:`` features."""
    found = {n: ([], []) for n in ORDERS}
    for name, row in model.index.items():
        if len(name) > 3 and name[0] == "c" and name[2] == ":" and name[1] in "123":
            n = ord(name[1]) - 48
            gram = name[3:]
            if len(gram) == n:
                found[n][0].append(_key(gram))
                found[n][1].append(row)
    out = {}
    for n, (keys, rows) in found.items():
        k = np.array(keys, dtype=np.int64)
        order = np.argsort(k, kind="stable")
        out[n] = (k[order], np.array(rows, dtype=np.int32)[order])
    return out


def _read_cache(path, stamp):
    header, data, off = framed.read(path, _MAGIC, stamp)
    out = {}
    for n, size in header["sizes"]:
        keys = np.frombuffer(data, dtype=np.int64, count=size, offset=off)
        off += 8 * size
        rows = np.frombuffer(data, dtype=np.int32, count=size, offset=off)
        off += 4 * size
        out[n] = (keys, rows)
    if set(out) != set(ORDERS):
        raise ValueError("truncated n-gram table")
    return out


def _write_cache(path, stamp, tables) -> None:
    payload = b"".join(tables[n][0].tobytes() + tables[n][1].tobytes() for n in ORDERS)
    framed.write(path, _MAGIC, stamp, {"sizes": [[n, len(tables[n][0])] for n in ORDERS]}, payload)


def tables(model, cache=None) -> dict:
    """The key arrays of ``model``, kept on it; ``cache``: (file, stamp) to read them from, or to
    write them to when missing or stale (:func:`.predict.ngram_cache` gives it for the shipped model)."""
    t = model.__dict__.get("_ngrams")
    if t is not None:
        return t
    path, stamp = cache or (None, None)
    t = None
    if path is not None:
        try:
            t = _read_cache(path, stamp)
        except (OSError, ValueError, KeyError, TypeError):
            t = None
    if t is None:
        t = build_tables(model)
        if path is not None:
            try:
                _write_cache(path, stamp, t)
            except OSError:
                pass  # a read-only cache folder: build it in each worker
    model.__dict__["_ngrams"] = t
    model.__dict__["_int_matrix"] = np.frombuffer(model.ints, dtype=np.int32).reshape(-1, len(model.labels))
    return t


def char_sums(texts: list[str], model) -> tuple[list[int], list[list[int]]]:
    """Per text: (number of distinct character 1–3-grams, per-label integer sums of those in the model)."""
    tabs = tables(model)
    matrix = model.__dict__["_int_matrix"]
    nl = len(model.labels)
    ts = [normalize(t.strip()) for t in texts]
    npara = len(ts)
    lens = np.fromiter(map(len, ts), dtype=np.int64, count=npara)
    counts = np.zeros(npara, dtype=np.int64)
    total = int(lens.sum())
    if total == 0:
        return counts.tolist(), [[0] * nl for _ in range(npara)]
    cp = np.frombuffer("".join(ts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    para = np.repeat(np.arange(npara, dtype=np.int64), lens)
    # characters left in the paragraph after each position (1 = the last one)
    ends = np.cumsum(lens)
    left = ends[para] - np.arange(total, dtype=np.int64)
    hit_rows, hit_paras = [], []
    pshift = max(1, int(npara).bit_length())
    for n in ORDERS:
        if total < n:
            continue
        m = total - n + 1
        keys = cp[:m].copy()
        for i in range(1, n):
            keys <<= _BITS
            keys |= cp[i:i + m]
        ok = left[:m] >= n
        keys, p = keys[ok], para[:m][ok]
        if not len(keys):
            continue
        # distinct (paragraph, n-gram) pairs: one sort of a combined int64 when it fits, else of the
        # paragraph beside the n-gram's rank among the file's distinct n-grams
        if _BITS * n + pshift <= 63:
            pairs = _distinct((p << (_BITS * n)) | keys)
            p = pairs >> (_BITS * n)
            keys = pairs & ((1 << (_BITS * n)) - 1)
        else:
            order = np.argsort(keys)
            sk = keys[order]
            new = _first(sk)
            rank = np.empty(len(keys), dtype=np.int64)
            rank[order] = np.cumsum(new) - 1
            pairs = _distinct((p << 32) | rank)
            p = pairs >> 32
            keys = sk[new][pairs & 0xFFFFFFFF]
        counts += np.bincount(p, minlength=npara)
        mk, mrows = tabs[n]
        if not len(mk):
            continue
        at = np.searchsorted(mk, keys)
        np.minimum(at, len(mk) - 1, out=at)
        inside = mk[at] == keys
        hit_rows.append(mrows[at[inside]])
        hit_paras.append(p[inside])
    sums = np.zeros((npara, nl), dtype=np.int64)
    if hit_rows:
        rows = np.concatenate(hit_rows)
        paras = np.concatenate(hit_paras)
        w = matrix[rows]
        for j in range(nl):
            # float64 bincount is exact: every partial sum is an integer far below 2**53
            sums[:, j] = np.rint(np.bincount(paras, weights=w[:, j], minlength=npara)).astype(np.int64)
    return counts.tolist(), sums.tolist()


def _first(a):
    """For a sorted array: True where an element differs from the one before it."""
    out = np.empty(len(a), dtype=bool)
    out[:1] = True
    np.not_equal(a[1:], a[:-1], out=out[1:])
    return out


def _distinct(a):
    """The distinct values of ``a``, sorted (a plain sort: numpy 2's hashing ``unique`` is slower here)."""
    a = np.sort(a)
    return a[_first(a)]


def content_probs(texts: list[str], model) -> list[dict[str, float]]:
    """The content model's probabilities for each text: the same numbers as
    ``softmax_scores(feature_set(text), model)`` for every text, computed together
    (by the compiled core when it is there: :func:`content_probs_native`)."""
    if core.native_content() is not None:
        return content_probs_native(texts, model)
    return content_probs_pure(texts, model)


def content_probs_native(texts: list[str], model) -> list[dict[str, float]]:
    """:func:`content_probs` by the compiled core: each paragraph's words, word bigrams and
    character n-grams are de-duplicated and looked up in C, from the pieces :func:`feature_set`
    builds them from (:func:`.features.content_words`, :func:`.features.other_features`), without
    building their strings."""
    from ..tokenize import cut

    run = core.native_content()
    tab = core.content_table(model)
    out = []
    for text in texts:
        raw = text.strip()
        t = normalize(raw)
        words = cut(t)  # blank words are dropped by content_sums as by content_words
        if "将" in words:  # 将's two features: content_words works them out
            words = content_words(t, words)
        n, ks, kc = run(tab, words, t, other_features(raw, t), CUE_FEATURES)
        out.append(probabilities(ks, n, kc, model))
    return out


def content_probs_pure(texts: list[str], model) -> list[dict[str, float]]:
    """:func:`content_probs` in Python and numpy (the pure twin)."""
    counts, csums = char_sums(texts, model)
    out = []
    for text, n, cs in zip(texts, counts, csums):
        feats = feature_set(text, chars=False)
        cues = feats & CUE_FEATURES  # split_cues's split as two set operations (integer sums:
        rest = feats - cues if cues else feats  # the order of the features does not matter)
        ks = [a + b for a, b in zip(core_sums(rest, model), cs)]
        kc = core_sums(cues, model) if cues else [0] * len(cs)
        out.append(probabilities(ks, len(rest) + n, kc, model))
    return out
