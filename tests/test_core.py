"""The scoring cores agree to the last bit: compiled (``reportlint_native``), packed pure Python
(batch workers) and column pure Python (``check``/``tag``), on the whole corpus and on random text.

Every core consumes :func:`reportlint.classify.features.feature_set` and the model's integer table,
so a change of feature definitions shows up here as a failure, not as drift between cores.
"""
from __future__ import annotations

import glob
import json
import os
import random
import shutil
import subprocess
import sys

import pytest

from reportlint.classify import core, linear
from reportlint.classify.features import feature_set
from reportlint.classify.predict import CompactModel, load_model

from conftest import compiled_helpers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "corpora", "reports", "**", "*.*"), recursive=True))


def _native_or_fail():
    return compiled_helpers("sums")


def _paragraphs():
    out = []
    for p in CORPUS:
        if p.endswith((".txt", ".md")):
            with open(p, encoding="utf-8") as fh:
                out += [line for line in fh.read().split("\n") if line.strip()]
    return out


def _random_texts(n: int, seed: int = 20) -> list[str]:
    rnd = random.Random(seed)
    pool = "".join(sorted(set("".join(_paragraphs()[:400]))))
    extra = "0123456789０１２３ abcXYZ%％。，；：！？“”（）()\u3000\t将下一步问题成效提高了20XX×"
    out = []
    for i in range(n):
        k = rnd.choice([1, 2, 3, 8, 30, 120, 600])
        alphabet = pool if i % 3 else extra
        out.append("".join(rnd.choice(alphabet) for _ in range(k)))
    return out


def _outputs(texts, model, sums) -> list[str]:
    """(label, confidence) of every text with ``sums`` as the core, as exact reprs."""
    out = []
    saved = core.sums
    core.sums = sums
    try:
        for t in texts:
            probs = linear.softmax_scores(feature_set(t), model)
            lab = max(probs, key=probs.get)
            out.append(f"{lab} {probs[lab]!r} {[probs[k] for k in model.labels]!r}")
    finally:
        core.sums = saved
    return out


def _agree(texts):
    model = load_model()
    assert isinstance(model, CompactModel) and model.ints is not None  # the shipped model scores exactly
    core.packed_table(model)
    ref = _outputs(texts, model, core.sums_columns)
    assert _outputs(texts, model, core.sums_packed) == ref
    _native_or_fail()
    assert _outputs(texts, model, core.sums_native) == ref
    # the integer path is the float model's arithmetic, exactly: same labels, same numbers to 1e-12
    float_model = CompactModel(model.meta, list(model.index), model.rows, None)
    for t, r in zip(texts, ref):
        probs = linear.softmax_scores(feature_set(t), float_model)
        got = [float(x) for x in r.split(" ", 2)[2].strip("[]").split(", ")]
        assert got == pytest.approx([probs[k] for k in model.labels], abs=1e-12)
    return ref


def test_cores_agree_on_random_text():
    texts = _random_texts(400)
    ref = _agree(texts)
    assert len(ref) == 400 and len(set(ref)) > 100


@pytest.mark.slow
def test_cores_agree_on_whole_corpus():
    texts = _paragraphs()
    assert len(texts) > 5000
    _agree(texts)


def test_packed_sums_decode_extremes():
    """The packed pure core holds the int32 range and any number of features without carries."""
    meta = {"labels": ["a", "b", "c"], "intercept": [0.0, 0.0, 0.0]}
    import array

    ints = array.array("i", [2**30 - 1, -(2**30 - 1), 0, -5, 7, 1])
    m = CompactModel(meta, ["x", "y"], array.array("d", [k / 1000 for k in ints]), ints)
    assert core.sums_packed(["x", "y", "zz"], m) == [2**30 - 6, -(2**30 - 1) + 7, 1]
    assert core.sums_columns(["x", "y", "zz"], m) == [2**30 - 6, -(2**30 - 1) + 7, 1]
    assert core.sums_packed(["zz"], m) == [0, 0, 0]
    many = [f"f{i}" for i in range(5000)]
    m2 = CompactModel(meta, many, array.array("d", [-1.0] * 15000), array.array("i", [-1000] * 15000))
    assert core.sums_packed(many, m2) == [-5_000_000] * 3 == core.sums_columns(many, m2)


def test_non_exact_model_keeps_float_sums():
    from reportlint.classify.predict import exact_ints

    assert exact_ints([0.5, -0.001, 11.147], [0.2]) is not None
    assert list(exact_ints([0.5, -0.001, 11.147], [0.2])) == [500, -1, 11147]
    assert exact_ints([0.5, 0.0004], [0.2]) is None
    assert exact_ints([0.5], [0.2001]) is None


def test_batch_json_identical_with_and_without_native(tmp_path):
    _native_or_fail()
    src = [p for p in CORPUS if p.endswith(".txt")][:12]
    d = tmp_path / "in"
    d.mkdir()
    for i, p in enumerate(src):
        shutil.copy(p, d / f"报告{i:02d}.txt")
    outs = {}
    for choice in ("pure", "native"):
        env = dict(os.environ, REPORTLINT_CORE=choice,
                   PYTHONPATH=os.pathsep.join([ROOT, *filter(None, [os.environ.get("PYTHONPATH")])]))
        out = tmp_path / f"{choice}.jsonl"
        r = subprocess.run([sys.executable, "-m", "reportlint.cli", "batch", str(d), "-j", "2", "--no-cache",
                            "-q", "--format", "jsonl", "-o", str(out)], env=env, capture_output=True, text=True)
        assert r.returncode in (0, 1), r.stderr
        outs[choice] = out.read_bytes()
    rows = [json.loads(line) for line in outs["pure"].decode("utf-8").splitlines()]
    assert len(rows) == 12 and any(f["code"].startswith("CLS") for r in rows for f in r["findings"])
    assert outs["native"] == outs["pure"]


def test_core_choice_by_environment(monkeypatch):
    from reportlint import compiled

    monkeypatch.setattr(compiled, "_CHOSEN", {})
    monkeypatch.setenv("REPORTLINT_CORE", "pure")
    assert core.name() == "pure"
    compiled.reset()
    monkeypatch.setenv("REPORTLINT_CORE", "native")
    try:
        import reportlint_native  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            core.native()
    else:
        assert core.name() == "native"
