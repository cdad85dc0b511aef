"""Streaming discovery → plan → dispatch: nothing lists every path, results come in input order,
and what is held at any moment is bounded by the executor's window, not by the number of files.
(Peak memory at 1,000 and 100,000 files is measured by ``benchmarks/run.py``, part e.)"""
from __future__ import annotations

import os

from reportlint import batch as batchmod
from reportlint.batch import Batch, Item
from reportlint.cache import ResultCache, run_salt
from reportlint.executor import LocalExecutor, ordered
from reportlint.options import Options
from reportlint.rulecache import load_ruleset


def _tree(root, folders=3, per=4):
    for i in range(folders):
        d = root / f"批{i}"
        d.mkdir(parents=True)
        for j in range(per):
            (d / f"报告{j}.txt").write_text(f"关于第{i}批第{j}份的报告\n一、基本情况\n今年完成培训{i * 10 + j + 1}场。\n",
                                           encoding="utf-8")
    return root


def test_discovery_walks_lazily(tmp_path, monkeypatch):
    _tree(tmp_path)
    walked = []
    real = os.walk

    def spy(top, *a, **k):
        for entry in real(top, *a, **k):
            walked.append(entry[0])
            yield entry

    monkeypatch.setattr(batchmod.os, "walk", spy)
    gen = batchmod.iter_discover([str(tmp_path)])
    first = next(gen)
    assert os.path.relpath(first, tmp_path) == os.path.join("批0", "报告0.txt")
    assert len(walked) == 2  # the top folder and the first sub-folder: nothing further yet
    rest = list(gen)
    assert len(rest) == 11 and batchmod.discover([str(tmp_path)]) == [first, *rest]


def test_overlapping_arguments_still_yield_each_file_once(tmp_path):
    _tree(tmp_path, folders=2, per=2)
    sub = tmp_path / "批1"
    once = batchmod.discover([str(tmp_path)])
    assert batchmod.discover([str(tmp_path), str(sub)]) == once
    assert batchmod.discover([str(sub / "报告0.txt"), str(tmp_path)])[0] == str(sub / "报告0.txt")
    assert len(batchmod.discover([str(sub / "报告0.txt"), str(tmp_path)])) == 4
    assert not batchmod._overlapping([str(tmp_path / "批0"), str(sub)])
    assert batchmod._overlapping([str(tmp_path), str(sub)])


class _Window:
    """An executor that, like the real ones, pulls at most ``window`` tasks ahead of its results."""

    def __init__(self, window):
        self.window = window

    def imap(self, fn, tasks, n=None):
        from collections import deque

        pending = deque()
        for t in tasks:
            pending.append(t)
            if len(pending) >= self.window:
                yield fn(pending.popleft())
        while pending:
            yield fn(pending.popleft())


def test_ordered_keeps_input_order_and_bounds_what_it_holds():
    pulled = [0]
    yielded = [0]
    held = []

    def entries():
        for i in range(10_000):
            pulled[0] += 1
            held.append(pulled[0] - yielded[0])
            # every third entry is answered by the caller (a cache hit), the rest by the executor
            yield i, (None if i % 3 == 0 else i)

    out = []
    for entry, result in ordered(entries(), lambda tasks: _Window(8).imap(lambda t: t * 10, tasks)):
        yielded[0] += 1
        out.append((entry, result))
    assert [e for e, _ in out] == list(range(10_000))
    assert all(r == (None if e % 3 == 0 else e * 10) for e, r in out)
    assert max(held) <= 14  # the window of 8 tasks plus the hits between them, never the input


def test_ordered_never_starts_the_executor_without_tasks():
    started = []
    out = list(ordered(((i, None) for i in range(5)), lambda ts: started.append(1) or iter(())))
    assert out == [(i, None) for i in range(5)] and started == []


def test_batch_streams_items_from_a_generator_with_the_cache(tmp_path):
    _tree(tmp_path / "in", folders=3, per=5)
    files = batchmod.discover([str(tmp_path / "in")])
    rs = load_ruleset([])
    salts = {(): run_salt(rs)}
    opts = Options()
    made = []

    def factory(jobs, keys):
        made.append((jobs, keys))
        return LocalExecutor(1, batchmod.init_worker, (keys,))

    def run(paths, cache_dir):
        cache = ResultCache(str(cache_dir))
        pulled = []

        def items():
            for p in paths:
                pulled.append(p)
                yield Item(p, opts, ())

        b = Batch(items(), 1, cache, factory)
        b.plan(salts)
        out = [(it.path, rep.path, [(f.line, f.column, f.code) for f in rep.findings]) for it, rep in b.results()]
        cache.close()
        return out, b.checked, cache.hits

    first, checked, hits = run(files, tmp_path / "c")
    assert [p for p, _, _ in first] == files and all(p == q for p, q, _ in first)
    assert (checked, hits) == (15, 0)
    assert made == [(1, [()])]
    # half the files changed: the rest come from the cache, still in input order, same findings
    for p in files[::2]:
        with open(p, "a", encoding="utf-8") as fh:
            fh.write("二、存在的问题\n人员不足。\n")
    again, checked, hits = run(files, tmp_path / "c")
    assert [p for p, _, _ in again] == files
    assert (checked, hits) == (8, 7)
    assert [f for i, (_, _, f) in enumerate(again) if i % 2] == [f for i, (_, _, f) in enumerate(first) if i % 2]
    # without a cache: every file checked, same rows as a fresh run
    b = Batch(iter([Item(p, opts, ()) for p in files]), 1, None, factory)
    rows = [(it.path, [(f.line, f.column, f.code) for f in rep.findings]) for it, rep in b.results()]
    assert rows == [(p, f) for p, _, f in again] and b.checked == 15
