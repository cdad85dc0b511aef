"""Per-stage profile of batch's per-file work, in one process (``benchmarks/run.py`` part g).

    .venv/bin/python benchmarks/stages.py FILES.txt [--json]

Runs :func:`reportlint.batch.check_task` over the listed files after the worker start-up
(:func:`reportlint.batch.init_worker`: rules, tokenizer, model, batched scorer), with a timer
around each stage: reading, building the outline, the classifier (all paragraphs of a document),
each check kind (iterated to the end), and the rest (findings → report). CPU time
(``time.process_time``), so other jobs on the machine inflate it less than wall time.
"""
from __future__ import annotations

import json
import sys
import time
from collections import defaultdict


def main(argv):
    paths = [line.rstrip("\n") for line in open(argv[0], encoding="utf-8") if line.strip()]
    from reportlint import batch, report
    from reportlint.checks import KINDS
    from reportlint.classify import scoring
    from reportlint.config import resolve
    from reportlint.options import Overrides

    cfg = resolve(Overrides(), start=paths[0])
    key = tuple(cfg["rules"])
    batch.init_worker([key])
    opts = cfg.options_for(paths[0])
    spent = defaultdict(float)
    clock = time.process_time
    depth = [0]

    def timed(name, fn):
        def wrapper(*a, **k):
            t = clock()
            depth[0] += 1
            try:
                return fn(*a, **k)
            finally:
                depth[0] -= 1
                spent[name] += clock() - t
        return wrapper

    import reportlint.readers as readers
    readers.read_path = timed("read", readers.read_path)
    report.build_document = timed("outline", report.build_document)
    scoring.content_probs = timed("classifier", scoring.content_probs)
    for name, mod in KINDS.items():
        run = mod.run

        def consume(rule, ctx, units, _run=run):
            return list(_run(rule, ctx, units))

        mod.run = timed("kind " + name, consume)
    for p in paths[:5]:  # warm-up (lazy loads)
        batch.check_task((p, opts, key))
    spent.clear()
    t = clock()
    for p in paths:
        batch.check_task((p, opts, key))
    total = clock() - t
    # the classifier runs inside the content kind: count it once
    spent["kind content"] -= spent["classifier"]
    spent["rest (engine, findings, report)"] = total - sum(spent.values())
    rows = sorted(spent.items(), key=lambda kv: -kv[1])
    out = {"files": len(paths), "total_ms_per_file": total / len(paths) * 1000,
           "stages": [[k, v / len(paths) * 1000, v / total] for k, v in rows]}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
